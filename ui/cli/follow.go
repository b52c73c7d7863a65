package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/callscope/callscope/graphclient"
	"github.com/callscope/callscope/graphclient/store"
	"github.com/callscope/callscope/model"
)

// `direct --follow` and `pstn --follow` print the rows from --from (default
// now) and then every new row as JSON Lines until interrupted, like
// `tail -f` (issue 15, "Watch"). Graph's logs receive rows late and out of
// order, so each poll reads a trailing window again (--lookback), and a
// row is printed once by its id, however many polls see it. With a store,
// "printed" is "stored": the rows a poll prints are written to the store,
// and a row the store already holds is not printed, so a follow stopped
// and started again resumes without printing a row twice.

// Follow intervals: the default and the least allowed, which keeps one
// follower far inside Graph's 45 requests a minute per log function
// ("Microsoft Graph service-specific throttling limits", ms.date
// 2025-01-14) even when a poll needs several pages.
var (
	defaultFollowInterval = 60 * time.Second
	minFollowInterval     = 30 * time.Second
)

// defaultFollowLookback is how far back each poll reads again for rows
// that arrived late.
const defaultFollowLookback = time.Hour

// maxFollowResume bounds how far back a follow resumes from the store's
// newest row, so an old store does not start a month's backfill.
const maxFollowResume = 24 * time.Hour

// followOptions are --follow, --interval and --lookback.
type followOptions struct {
	on       bool
	interval time.Duration
	lookback time.Duration
}

func (f *followOptions) flags(fs *flag.FlagSet) {
	fs.BoolVar(&f.on, "follow", false, "print the rows from --from (default: now), then new rows as JSON Lines until interrupted")
	fs.DurationVar(&f.interval, "interval", defaultFollowInterval, "with --follow, poll Graph every `D` (at least 30s)")
	fs.DurationVar(&f.lookback, "lookback", defaultFollowLookback, "with --follow, read the last `D` again on each poll for rows that arrive late")
}

// resolveFollow checks --follow against the other flags: it streams JSON
// Lines from Graph, so no summary, limit, end or offline read; without
// --from it starts now.
func (o *logOptions) resolveFollow(set map[string]bool, now time.Time) error {
	f := &o.follow
	if !f.on {
		if set["interval"] || set["lookback"] {
			return usagef(o.cmd, "--interval and --lookback go with --follow")
		}
		return nil
	}
	switch {
	case o.summary:
		return usagef(o.cmd, "--follow prints rows; drop --summary")
	case o.offline:
		return usagef(o.cmd, "--follow polls Graph; drop --offline")
	case o.limit > 0:
		return usagef(o.cmd, "--follow runs until interrupted; drop --limit")
	case set["to"]:
		return usagef(o.cmd, "--follow runs up to the present; drop --to")
	case set["output"] && o.output != "jsonl":
		return usagef(o.cmd, "--follow writes JSON Lines (--output jsonl): a JSON array or CSV file has no end to stream to")
	case f.interval < minFollowInterval:
		return usagef(o.cmd, "--interval %s: at least %s, to stay inside Graph's rate limits", f.interval, minFollowInterval)
	case f.lookback <= 0:
		return usagef(o.cmd, "--lookback %s: give a positive duration such as 1h", f.lookback)
	}
	o.output = "jsonl"
	if !set["from"] {
		o.from = now
	}
	o.to = time.Time{}
	return nil
}

// follower is a pageFunc that never ends: its first page is the rows of
// [from, now), each later one the rows new since, after a wait.
type follower[T any] struct {
	fetch    pageFunc[T] // Graph's pages, with their bytes
	key      func(*T) store.LogKey
	known    func(context.Context, []store.LogKey) (store.Known, error) // nil without a store
	from     time.Time
	interval time.Duration
	lookback time.Duration
	now      func() time.Time
	stderr   io.Writer

	polled time.Time // the end of the last poll read whole; zero before the first
	polls  int
	seen   map[string]time.Time // id → start, for rows within the trailing window
}

// page is the pageFunc: it ignores the range asked for, since the follower
// keeps its own, and blocks until a poll finds new rows or ctx ends.
func (f *follower[T]) page(ctx context.Context, _, _ time.Time, _ string) (*model.Page[T], error) {
	for {
		if f.polls > 0 {
			if err := sleepCtx(ctx, f.interval); err != nil {
				return nil, err
			}
		}
		f.polls++
		to := f.now()
		from := f.from
		if !f.polled.IsZero() {
			from = later(f.from, f.polled.Add(-f.lookback))
		}
		rows, raws, err := f.poll(ctx, from, to)
		switch {
		case ctx.Err() != nil:
			return nil, ctx.Err()
		case err != nil && !pollAgain(err):
			return nil, err
		case err != nil:
			fmt.Fprintf(f.stderr, "callscope: --follow: %s; polling again in %s\n", model.DisplaySafe(err.Error()), f.interval)
			continue
		}
		f.polled = to
		if page := f.fresh(ctx, rows, raws, from); page != nil {
			page.NextLink = "follow:" + strconv.Itoa(f.polls) // a link walkPages has not followed
			return page, nil
		}
	}
}

// poll reads every page of [from, to).
func (f *follower[T]) poll(ctx context.Context, from, to time.Time) ([]T, [][]byte, error) {
	var rows []T
	var raws [][]byte
	next := ""
	for pages := 0; ; pages++ {
		if pages == maxCLIPages {
			return nil, nil, fmt.Errorf("paging did not end after %d pages", pages)
		}
		p, err := f.fetch(ctx, from, to, next)
		if err != nil {
			return nil, nil, err
		}
		for i := range p.Value {
			rows = append(rows, p.Value[i])
			raws = append(raws, rawAt(p, i))
		}
		if next = p.NextLink; next == "" {
			return rows, raws, nil
		}
	}
}

// fresh is the rows no earlier poll saw and the store does not hold,
// oldest first, as a page; nil when there are none. It forgets rows that
// started before the window, which no later poll reads again.
func (f *follower[T]) fresh(ctx context.Context, rows []T, raws [][]byte, from time.Time) *model.Page[T] {
	if f.seen == nil {
		f.seen = map[string]time.Time{}
	}
	var idx []int
	var keys []store.LogKey
	for i := range rows {
		k := f.key(&rows[i])
		if _, ok := f.seen[k.ID]; ok {
			continue
		}
		f.seen[k.ID] = k.Start
		idx, keys = append(idx, i), append(keys, k)
	}
	if f.known != nil && len(keys) > 0 {
		known, err := f.known(ctx, keys)
		if err != nil {
			// The store cannot say: print, at the risk of a row printed again
			// after a restart, rather than lose one.
			fmt.Fprintf(f.stderr, "callscope: --follow: %s; printing without the store's check\n", model.DisplaySafe(err.Error()))
		}
		kept := idx[:0]
		for j, i := range idx {
			if known == nil || !known.Has(keys[j]) {
				kept = append(kept, i)
			}
		}
		idx = kept
	}
	for id, start := range f.seen {
		if start.Before(from) {
			delete(f.seen, id)
		}
	}
	if len(idx) == 0 {
		return nil
	}
	slices.SortStableFunc(idx, func(a, b int) int {
		ka, kb := f.key(&rows[a]), f.key(&rows[b])
		if c := ka.Start.Compare(kb.Start); c != 0 {
			return c
		}
		return strings.Compare(ka.ID, kb.ID)
	})
	page := &model.Page[T]{}
	for _, i := range idx {
		page.Value = append(page.Value, rows[i])
		page.RawValue = append(page.RawValue, raws[i])
	}
	return page
}

// pollAgain reports an error a later poll may not meet: throttling past
// the client's retries, Graph's 5xx, a network that is down. A refusal
// (bad request, not signed in, no permission) would only repeat.
func pollAgain(err error) bool {
	var ge *graphclient.Error
	if errors.As(err, &ge) {
		return ge.Status == http.StatusTooManyRequests || ge.Status >= 500
	}
	return true
}

// resumeFrom is where a follow without --from starts when a store holds
// rows of its kind: the newest stored row's start, less the lookback, for
// the rows that arrived while no follow ran, but not before maxFollowResume
// ago. Without a store, or an empty one, it is now.
func resumeFrom(ctx context.Context, s *store.Store, kind store.Kind, now time.Time, lookback time.Duration) (time.Time, bool) {
	if s == nil {
		return now, false
	}
	info, err := s.Info(ctx)
	if err != nil {
		return now, false
	}
	for _, k := range info.Kinds {
		if k.Kind == kind && !k.Newest.IsZero() {
			return later(k.Newest.Add(-lookback), now.Add(-maxFollowResume)), true
		}
	}
	return now, false
}

// later is the later of a and b.
func later(a, b time.Time) time.Time {
	if a.After(b) {
		return a
	}
	return b
}

// sleepCtx waits d or until ctx ends.
func sleepCtx(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// followSource is src as a follow: Graph's pages with their bytes, polled
// for ever. With a store that takes writes, a row it holds counts as
// printed, and without --from the follow resumes from its newest row.
func followSource[T any](ctx context.Context, o *logOptions, s *store.Store, k logCommand[T], src logSource[T], stderr io.Writer) logSource[T] {
	f := &follower[T]{fetch: src.raw, key: k.key, from: o.from, interval: o.follow.interval,
		lookback: o.follow.lookback, now: time.Now, stderr: stderr}
	if s != nil && s.Writable() == nil {
		f.known = func(ctx context.Context, keys []store.LogKey) (store.Known, error) {
			return s.KnownLogRows(ctx, k.kind, keys)
		}
		if !o.set["from"] {
			if from, ok := resumeFrom(ctx, s, k.kind, f.now(), f.lookback); ok {
				f.from = from
				fmt.Fprintf(stderr, "callscope: --follow resumes from %s (the store's newest rows, less --lookback)\n",
					from.UTC().Format(time.RFC3339))
			}
		}
	}
	return logSource[T]{plain: f.page, raw: f.page}
}
