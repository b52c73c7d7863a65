package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"time"

	"github.com/callscope/callscope/graphclient"
	"github.com/callscope/callscope/model"
	"github.com/callscope/callscope/model/redact"
)

// maxCLIPages stops a service that keeps sending nextLinks; at Graph's
// page sizes it is far beyond any tenant's 30 days of data.
const maxCLIPages = 100000

// fetchFunc gets one page: nextLink "" for the first.
type fetchFunc[T any] func(ctx context.Context, nextLink string) (*model.Page[T], error)

// walkPages hands each page to each until the last page, an error, or
// each asking to stop. It keeps no page once handed over. A page that comes
// with graphclient.ErrRepeatedLink (its nextLink leads back to a page
// already read) is handed over, its rows being new, and then paging stops
// with that error; a longer cycle is caught by the set of links followed.
func walkPages[T any](ctx context.Context, fetch fetchFunc[T], each func(*model.Page[T]) (stop bool, err error)) error {
	next := ""
	followed := map[string]bool{}
	for pages := 0; ; pages++ {
		if pages == maxCLIPages {
			return fmt.Errorf("paging did not end after %d pages", pages)
		}
		page, err := fetch(ctx, next)
		if err != nil && !(errors.Is(err, graphclient.ErrRepeatedLink) && page != nil) {
			return err
		}
		if stop, eachErr := each(page); stop || eachErr != nil {
			return eachErr
		}
		if err != nil {
			return err
		}
		next = page.NextLink
		if next == "" {
			return nil
		}
		if followed[next] {
			return fmt.Errorf("paging stopped: Graph sent a nextLink already followed; every row read so far was written once")
		}
		followed[next] = true
	}
}

// streamPages writes every row that keep accepts, page by page, flushing
// each page before asking for the next so a reader sees rows at once and
// memory holds one page. limit > 0 stops after that many rows.
func streamPages[T any](ctx context.Context, fetch fetchFunc[T], rw *rowWriter[T], keep func(*T) bool, limit int) error {
	written := 0
	err := walkPages(ctx, fetch, func(page *model.Page[T]) (bool, error) {
		for i := range page.Value {
			if keep != nil && !keep(&page.Value[i]) {
				continue
			}
			if err := rw.Write(&page.Value[i]); err != nil {
				return true, err
			}
			written++
			if limit > 0 && written >= limit {
				return true, nil
			}
		}
		return false, rw.Flush()
	})
	if err != nil {
		// Rows already written stay written; a json array is left open.
		_ = rw.Flush()
		return err
	}
	return rw.Close()
}

// runCalls lists call records with the server-side filter.
func runCalls(ctx context.Context, c *graphclient.Client, o *options, stdout io.Writer) error {
	if err := resolveParticipantFlag(ctx, c, o); err != nil { // a UPN or name: cli_people.go
		return err
	}
	q := graphclient.CallQuery{From: o.from, To: o.to, Participant: o.participant}
	if o.limit > 0 && o.limit < 60 {
		q.PageSize = o.limit // Prefer: odata.maxpagesize; Graph's default page is 60
	}
	if err := q.Validate(); err != nil {
		return usagef(o.cmd, "%v", err)
	}
	rw := newRowWriter(stdout, o.output, callColumns)
	fetch := func(ctx context.Context, next string) (*model.Page[model.CallRecord], error) {
		return c.ListCallRecords(ctx, q, next)
	}
	fetch = redactPages(o, fetch, redact.CallRecord) // --redact: cli_redact.go
	return streamPages(ctx, fetch, rw, nil, o.limit)
}

// runRecord writes one record with every session and segment.
func runRecord(ctx context.Context, c *graphclient.Client, o *options, stdout io.Writer) error {
	rec, err := c.GetCallRecord(ctx, o.id)
	if err != nil {
		return err
	}
	if o.conf.redact {
		redact.CallRecord(rec) // --redact
	}
	return writeJSON(stdout, rec)
}

// runDirect writes the Direct Routing log. Graph ignores $filter on this
// function (graph-api.md §1.6), so --failed filters here.
func runDirect(ctx context.Context, c *graphclient.Client, o *options, stdout io.Writer) error {
	rw := newRowWriter(stdout, o.output, directColumns)
	fetch := func(ctx context.Context, next string) (*model.Page[model.DirectRoutingRow], error) {
		return c.DirectRoutingCalls(ctx, o.from, o.to, next)
	}
	fetch = redactPages(o, fetch, redact.DirectRoutingRow) // --redact: cli_redact.go
	var keep func(*model.DirectRoutingRow) bool
	if o.failed {
		keep = func(r *model.DirectRoutingRow) bool { return !r.SuccessfulCall }
	}
	return streamPages(ctx, fetch, rw, keep, o.limit)
}

// runPstn writes the PSTN call log.
func runPstn(ctx context.Context, c *graphclient.Client, o *options, stdout io.Writer) error {
	rw := newRowWriter(stdout, o.output, pstnColumns)
	fetch := func(ctx context.Context, next string) (*model.Page[model.PstnRow], error) {
		return c.PstnCalls(ctx, o.from, o.to, next)
	}
	fetch = redactPages(o, fetch, redact.PstnRow) // --redact: cli_redact.go
	err := streamPages(ctx, fetch, rw, beforePstnEnd(o.to), o.limit)
	if errors.Is(err, graphclient.ErrRangeTooLong) {
		return usagef(o.cmd, "%v", err)
	}
	return err
}

// beforePstnEnd keeps the rows that start before to as Graph reads it (to
// the second). getPstnCalls documents toDateTime as inclusive, but --to is
// exclusive: a row starting exactly at --to belongs to the next range.
func beforePstnEnd(to time.Time) func(*model.PstnRow) bool {
	end := to.UTC().Truncate(time.Second)
	return func(r *model.PstnRow) bool { return r.StartDateTime.Before(end) }
}

// runSubcommand connects and runs one scripted command.
func runSubcommand(ctx context.Context, o *options, stdout, stderr io.Writer) error {
	if o.cmd == "info" {
		return runInfo(o, stdout) // signs nothing in: cli_info.go
	}
	c, stop, err := connect(o, &stderrObserver{w: stderr})
	if err != nil {
		return err
	}
	defer stop()
	switch o.cmd {
	case "calls":
		return runCalls(ctx, c, o, stdout)
	case "record":
		return runRecord(ctx, c, o, stdout)
	case "direct":
		if o.summary {
			return summarizeDirect(ctx, c, o, stdout)
		}
		return runDirect(ctx, c, o, stdout)
	case "pstn":
		if o.summary {
			return summarizePstn(ctx, c, o, stdout)
		}
		return runPstn(ctx, c, o, stdout)
	}
	return usagef("", "unknown command %q", o.cmd)
}
