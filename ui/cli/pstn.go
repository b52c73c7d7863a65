package cli

import (
	"context"
	"errors"
	"flag"
	"io"
	"time"

	"github.com/callscope/callscope/graphclient"
	"github.com/callscope/callscope/graphclient/store"
	"github.com/callscope/callscope/model"
	"github.com/callscope/callscope/model/export"
	"github.com/callscope/callscope/model/redact"
	"github.com/callscope/callscope/model/triage"
)

// pstnOptions are `callscope pstn`: the PSTN call log (getPstnCalls), as
// rows or a summary, over at most 90 days.
type pstnOptions struct{ logOptions }

func (o *pstnOptions) flags(fs *flag.FlagSet) {
	// --failed is registered only to refuse it with a reason rather than
	// "unknown flag"; help does not offer it.
	o.logOptions.flags(fs, refusedUsage+"PSTN rows carry no outcome field",
		"print a summary of the range (--output text or json) instead of rows")
}

func (o *pstnOptions) resolve(cmd string, set map[string]bool, pos []string, now time.Time) error {
	if err := o.logOptions.resolve(cmd, set, pos, now); err != nil {
		return err
	}
	// getPstnCalls' 90-day limit is Graph's; the store has none.
	if !o.offline && o.to.Sub(o.from) > graphclient.MaxPstnRange {
		return usagef(cmd, "%v (asked for %.0f days)", graphclient.ErrRangeTooLong, o.to.Sub(o.from).Hours()/24)
	}
	return nil
}

func (o *pstnOptions) run(ctx context.Context, e *env) error {
	return runLog(ctx, e, &o.logOptions, logCommand[model.PstnRow]{
		online: func(c *graphclient.Client) logSource[model.PstnRow] {
			return logSource[model.PstnRow]{plain: c.PstnCalls, raw: c.PstnCallsRaw}
		},
		stored: (*store.Store).Pstn, batch: pstnBatch, summarize: o.summarize, writeRows: o.writeRows,
		kind: store.KindPstn, key: store.PstnKey,
	})
}

// keep is the row filter of --user and --number, the prompt's rules
// (directive.RowFilter); nil when none is given.
func (o *pstnOptions) keep() func(*model.PstnRow) bool {
	if o.filter.Empty() {
		return nil
	}
	return o.filter.Pstn
}

// writeRows writes the log: json and jsonl each row as Graph sent it.
func (o *pstnOptions) writeRows(ctx context.Context, src logSource[model.PstnRow], stdout io.Writer) error {
	rw := export.NewRowWriter(stdout, export.Format(o.output), export.PstnColumns)
	fetch := logFetch(&o.logOptions, src, o.keep(), redact.PstnRow, redact.RawPstnRow)
	err := streamPages(ctx, fetch, rw, beforePstnEnd(o.to), o.limit)
	if errors.Is(err, graphclient.ErrRangeTooLong) {
		return usagef(o.cmd, "%v", err)
	}
	return err
}

// summarize is directOptions.summarize for the PSTN log: calls, minutes
// and charges by destination, call type and licence.
func (o *pstnOptions) summarize(ctx context.Context, page pageFunc[model.PstnRow], stdout io.Writer) error {
	b := triage.NewPstnBuilder(o.from, o.to)
	fetch := func(ctx context.Context, next string) (*model.Page[model.PstnRow], error) {
		return page(ctx, o.from, o.to, next)
	}
	fetch = filterPages(fetch, o.keep())
	keep := beforePstnEnd(o.to) // --to is exclusive; Graph's toDateTime is not
	err := walkPages(ctx, fetch, func(p *model.Page[model.PstnRow]) (bool, error) {
		for i := range p.Value {
			if keep(&p.Value[i]) {
				b.Add(triage.PstnCallFromRow(&p.Value[i]))
			}
		}
		return false, nil
	})
	if err != nil && b.Len() == 0 {
		return err
	}
	s := b.Summary()
	s.Complete = err == nil
	return firstErr(err, writePstnSummary(stdout, s, o.output == "json"))
}

// beforePstnEnd keeps the rows that start before to as Graph reads it (to
// the second). getPstnCalls documents toDateTime as inclusive, but --to is
// exclusive: a row starting exactly at --to belongs to the next range.
func beforePstnEnd(to time.Time) func(*model.PstnRow) bool {
	end := to.UTC().Truncate(time.Second)
	return func(r *model.PstnRow) bool { return r.StartDateTime.Before(end) }
}
