package cli

import (
	"context"
	"flag"
	"io"

	"github.com/callscope/callscope/graphclient"
	"github.com/callscope/callscope/graphclient/store"
	"github.com/callscope/callscope/model"
	"github.com/callscope/callscope/model/export"
	"github.com/callscope/callscope/model/redact"
	"github.com/callscope/callscope/model/triage"
)

// directOptions are `callscope direct`: the Direct Routing log
// (getDirectRoutingCalls), as rows or a triage summary.
type directOptions struct{ logOptions }

func (o *directOptions) flags(fs *flag.FlagSet) {
	o.logOptions.flags(fs, "only calls with successfulCall=false",
		"print a triage summary of the range (--output text or json) instead of rows")
}

func (o *directOptions) run(ctx context.Context, e *env) error {
	return runLog(ctx, e, &o.logOptions, logCommand[model.DirectRoutingRow]{
		online: func(c *graphclient.Client) logSource[model.DirectRoutingRow] {
			return logSource[model.DirectRoutingRow]{plain: c.DirectRoutingCalls, raw: c.DirectRoutingCallsRaw}
		},
		stored: (*store.Store).DirectRouting, batch: directBatch, summarize: o.summarize, writeRows: o.writeRows,
		kind: store.KindDirect, key: store.DirectKey,
	})
}

// keep is the row filter of --user, --number, --trunk and --sip, the
// prompt's rules (directive.RowFilter); nil when none is given.
func (o *directOptions) keep() func(*model.DirectRoutingRow) bool {
	if o.filter.Empty() {
		return nil
	}
	return o.filter.Direct
}

// writeRows writes the log: json and jsonl each row as Graph sent it.
// Graph ignores $filter on this function (graph-api.md §1.6), so --failed
// and the row filters apply here, on the decoded row, before --redact.
func (o *directOptions) writeRows(ctx context.Context, src logSource[model.DirectRoutingRow], stdout io.Writer) error {
	rw := export.NewRowWriter(stdout, export.Format(o.output), export.DirectRoutingColumns)
	fetch := logFetch(&o.logOptions, src, o.keep(),
		redact.DirectRoutingRow, redact.RawDirectRoutingRow)
	var keep func(*model.DirectRoutingRow) bool
	if o.failed {
		keep = func(r *model.DirectRoutingRow) bool { return r.Reported(model.LogSuccessfulCall) && !r.SuccessfulCall }
	}
	return streamPages(ctx, fetch, rw, keep, o.limit)
}

// summarize loads the whole range into a triage summary (failures by SIP
// code and subcode, trunks with ASR/NER, signaling locations) and prints
// it as text or JSON. Only the groups are kept, never the rows. If Graph
// fails part-way, the summary of what arrived is printed, marked
// incomplete, and the error still ends the run with status 1.
func (o *directOptions) summarize(ctx context.Context, page pageFunc[model.DirectRoutingRow], stdout io.Writer) error {
	b := triage.NewBuilder(o.from, o.to)
	fetch := func(ctx context.Context, next string) (*model.Page[model.DirectRoutingRow], error) {
		return page(ctx, o.from, o.to, next)
	}
	fetch = filterPages(fetch, o.keep())
	err := walkPages(ctx, fetch, func(p *model.Page[model.DirectRoutingRow]) (bool, error) {
		for i := range p.Value {
			b.Add(triage.CallFromRow(&p.Value[i]))
		}
		return false, nil
	})
	if err != nil && b.Len() == 0 {
		return err
	}
	s := b.Summary()
	s.Complete = err == nil
	return firstErr(err, writeSummary(stdout, s, o.output == "json"))
}
