package cli

import (
	"context"
	"flag"
	"time"

	"github.com/callscope/callscope/graphclient"
	"github.com/callscope/callscope/model"
	"github.com/callscope/callscope/model/export"
	"github.com/callscope/callscope/model/redact"
)

// callsOptions are `callscope calls`: call records with Graph's filter on
// start time and one participant.
type callsOptions struct {
	base
	span
	person
	rows
	// quality adds result, quality and qualityReason to each row, from
	// each call's expanded record (calls_quality.go).
	quality bool
	// summary prints the quality summary of the range instead of rows
	// (calls_summary.go); now is when the command started, for its range.
	summary bool
	now     time.Time
}

func (o *callsOptions) flags(fs *flag.FlagSet) {
	o.base.flags(fs)
	o.span.flags(fs)
	o.person.flags(fs)
	o.rows.flags(fs)
	o.offlineFlag(fs)
	fs.BoolVar(&o.quality, "quality", false, "add result, quality and qualityReason to each row (one record request per call, paced; --offline: from the stored records)")
	fs.BoolVar(&o.summary, "summary", false, "print the quality summary of the range (--output text, json, jsonl or csv; one record request per call, paced; --offline: from the stored records)")
}

func (o *callsOptions) resolve(cmd string, set map[string]bool, pos []string, now time.Time) error {
	if err := o.start(cmd, set, now); err != nil {
		return err
	}
	if err := o.noArguments(pos); err != nil {
		return err
	}
	if err := o.resolveConnection(); err != nil {
		return err
	}
	o.now = now
	if err := o.checkSummary(); err != nil {
		return err
	}
	check := o.rows.check
	if o.summary {
		check = o.rows.checkLimit // the summary's formats are checked above
	}
	if err := check(cmd); err != nil {
		return err
	}
	if err := o.person.resolve(cmd, now); err != nil {
		return err
	}
	if err := o.checkOffline(); err != nil {
		return err
	}
	return o.span.resolve(cmd, set, now, 0) // no range by default
}

// run lists call records with the server-side filter, newest first
// whatever order Graph pages in: the range is read in time windows from
// its end backwards, each sorted before it is written, so --limit N keeps
// the N newest and stops asking once it has them, and memory holds one
// window.
func (o *callsOptions) run(ctx context.Context, e *env) error {
	if o.offline {
		return o.runOffline(ctx, e)
	}
	c, stop, err := connect(&o.base, &stderrObserver{w: e.stderr})
	if err != nil {
		return err
	}
	defer stop()
	if err := o.resolveForScript(ctx, c, o.cmd, o.conf.redact); err != nil { // a UPN or name: people.go
		return err
	}
	q := graphclient.CallQuery{From: o.from, To: o.to, Participant: o.participant}
	if o.limit > 0 && o.limit < 60 {
		// Prefer: odata.maxpagesize; Graph's default page is 60. Windows
		// are sized to about one and a half pages, so a small limit
		// costs small windows too.
		q.PageSize = o.limit
	}
	if err := q.Validate(); err != nil {
		return usagef(o.cmd, "%v", err)
	}
	rw := export.NewRowWriter(e.stdout, export.Format(o.output), export.CallColumns)
	s, closeStore := o.openStoreOrWarn(ctx, e.stderr)
	defer closeStore()
	w := newStoreWriter(s, e.stderr)
	list := c.ListCallRecordsNewest
	if wantsRaw(o.output) || w != nil {
		// json and jsonl write each record as Graph sent it, and the
		// store keeps Graph's bytes.
		list = c.ListCallRecordsNewestRaw
	}
	fetch := teeFetch(w, func(ctx context.Context, next string) (*model.Page[model.CallRecord], error) {
		return list(ctx, q, next)
	}, callsBatch)
	fetch = redactPages(o.conf.redact, fetch, redact.CallRecord, redact.RawCallRecord) // --redact
	if o.summary {
		summaryList := c.ListCallRecordsNewest
		if w != nil {
			summaryList = c.ListCallRecordsNewestRaw
		}
		summaryFetch := redactPages(o.conf.redact, teeFetch(w, func(ctx context.Context, next string) (*model.Page[model.CallRecord], error) {
			return summaryList(ctx, q, next)
		}, callsBatch), redact.CallRecord, redact.RawCallRecord)
		return o.summarize(ctx, c, w, summaryFetch, e)
	}
	if o.quality {
		qrw := export.NewRowWriter(e.stdout, export.Format(o.output), qualityColumns)
		return streamPages(ctx, withQuality(c, w, fetch, o.conf.redact, o.limit), qrw, nil, o.limit)
	}
	return streamPages(ctx, fetch, rw, nil, o.limit)
}
