package cli

import (
	"context"
	"flag"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/callscope/callscope/graphclient"
	"github.com/callscope/callscope/graphclient/store"
)

// syncOptions are `callscope sync`: fill the local store with a range of
// call records, their expanded records and the two PSTN logs, so that
// they outlive Graph's 30 days and the explorer reads them without asking
// Graph again. It is incremental (what is stored and unchanged is not
// fetched again) and resumable (killed at any moment, run again: no
// duplicate, no gap).
type syncOptions struct {
	base
	span
	what     string
	kinds    []store.Kind
	now      time.Time
	progress progressMode // tests force one; else chosen by stderr
}

// syncRetention is the default range: Graph keeps call records 30 days
// ("Call records are retained for 30 days after the call ends", the call
// records FAQ, graph-api.md §4.2).
const syncRetention = 30 * 24 * time.Hour

// syncSettle is how far back from now a fetched range is not yet marked
// complete: records are written 15-60 minutes after a call ends and keep
// changing for a while, and a call is listed by its start, so a range
// near now may still gain rows. Its rows are stored all the same; the
// next sync lists that range again and fetches only what changed.
const syncSettle = 24 * time.Hour

func (o *syncOptions) flags(fs *flag.FlagSet) {
	o.connectionFlags(fs, "sync the built-in demo tenant into a temporary store (or --store PATH)")
	o.configFlags(fs)
	fs.StringVar(&o.conf.logFile, "log-file", "", "append every Graph request to `PATH` as JSON lines")
	o.store.flags(fs)
	o.span.flags(fs)
	fs.StringVar(&o.what, "what", "calls,records,direct,pstn", "what to fetch: a comma-separated `LIST` of calls, records, direct, pstn")
}

func (o *syncOptions) resolve(cmd string, set map[string]bool, pos []string, now time.Time) error {
	if err := o.start(cmd, set, now); err != nil {
		return err
	}
	if err := o.noArguments(pos); err != nil {
		return err
	}
	if err := o.resolveConnection(); err != nil {
		return err
	}
	if o.store.off {
		return usagef(cmd, "--no-store leaves sync nowhere to write; drop it")
	}
	kinds, err := parseWhat(o.what)
	if err != nil {
		return usagef(cmd, "--what %v", err)
	}
	o.kinds, o.now = kinds, now.UTC()
	return o.span.resolve(cmd, set, now, syncRetention)
}

// parseWhat reads --what: known kinds, each once, in the order sync
// fetches them.
func parseWhat(s string) ([]store.Kind, error) {
	var kinds []store.Kind
	for _, w := range strings.Split(s, ",") {
		k := store.Kind(strings.ToLower(strings.TrimSpace(w)))
		if !slices.Contains(store.Kinds, k) {
			return nil, fmt.Errorf("%q: use calls, records, direct or pstn, separated by commas", strings.TrimSpace(w))
		}
		if !slices.Contains(kinds, k) {
			kinds = append(kinds, k)
		}
	}
	slices.SortFunc(kinds, func(a, b store.Kind) int { return slices.Index(store.Kinds, a) - slices.Index(store.Kinds, b) })
	return kinds, nil
}

func (o *syncOptions) run(ctx context.Context, e *env) error {
	s, closeStore, err := o.openStore(ctx)
	if err != nil {
		return fmt.Errorf("sync: %w", err)
	}
	defer closeStore()
	if err := s.Writable(); err != nil {
		return err
	}
	c, stop, err := connect(&o.base, &stderrObserver{w: e.stderr})
	if err != nil {
		return err
	}
	defer stop()
	sy := &syncer{store: s, client: c, from: o.from, to: o.to, settled: o.now.Add(-syncSettle),
		progress: newProgress(e.stderr, o.progress)}
	err = sy.run(ctx, o.kinds)
	sy.progress.finish()
	return firstErr(err, writeOutput(e.stdout, sy.summary()))
}

// syncer is one sync run: the store, the client, the range and what was
// done so far.
type syncer struct {
	store    *store.Store
	client   *graphclient.Client
	from, to time.Time
	settled  time.Time // ranges ending after this are fetched but not marked complete
	progress *progress

	written store.Written
	current int // records already stored and unchanged: not fetched
	skipped int // ranges skipped as complete
}

// run syncs each kind in turn: the call list and records together (one
// listing serves both), then each log.
func (sy *syncer) run(ctx context.Context, kinds []store.Kind) error {
	var callKinds []store.Kind
	for _, k := range kinds {
		if k == store.KindCalls || k == store.KindRecords {
			callKinds = append(callKinds, k)
		}
	}
	if len(callKinds) > 0 {
		if err := sy.syncCalls(ctx, callKinds); err != nil {
			return err
		}
	}
	for _, k := range kinds {
		var err error
		switch k {
		case store.KindDirect:
			err = sy.syncLog(ctx, k, sy.directChunk)
		case store.KindPstn:
			err = sy.syncLog(ctx, k, sy.pstnChunk)
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// summary is the line sync prints on stdout when it ends.
func (sy *syncer) summary() string {
	w := sy.written
	return fmt.Sprintf("sync: stored %s calls, %s records (%s already current), %s Direct Routing rows, %s PSTN rows; %d ranges already complete\n",
		thousands(int64(w.Calls)), thousands(int64(w.Records)), thousands(int64(sy.current)),
		thousands(int64(w.Direct)), thousands(int64(w.Pstn)), sy.skipped)
}

// add counts a write.
func (sy *syncer) add(w store.Written) {
	sy.written.Calls += w.Calls
	sy.written.Records += w.Records
	sy.written.Direct += w.Direct
	sy.written.Pstn += w.Pstn
}

// chunks splits the parts of [from, to) that kinds have not all covered
// into pieces at most width wide, oldest first: a piece is the unit that
// is marked complete, so a killed sync refetches one piece at most.
func (sy *syncer) chunks(ctx context.Context, width time.Duration, kinds ...store.Kind) ([]store.Span, error) {
	var gaps []store.Span
	for _, k := range kinds {
		g, err := sy.store.Gaps(ctx, store.Span{Kind: k, From: sy.from, To: sy.to})
		if err != nil {
			return nil, err
		}
		gaps = append(gaps, g...)
	}
	gaps = unionSpans(gaps)
	if len(gaps) == 0 {
		sy.skipped++
	}
	var out []store.Span
	for _, g := range gaps {
		for at := g.From; at.Before(g.To); at = at.Add(width) {
			out = append(out, store.Span{Kind: kinds[0], From: at, To: minTime(at.Add(width), g.To)})
		}
	}
	return out, nil
}

// unionSpans merges overlapping or touching spans, oldest first.
func unionSpans(spans []store.Span) []store.Span {
	slices.SortFunc(spans, func(a, b store.Span) int { return a.From.Compare(b.From) })
	var out []store.Span
	for _, sp := range spans {
		if n := len(out); n > 0 && !sp.From.After(out[n-1].To) {
			if sp.To.After(out[n-1].To) {
				out[n-1].To = sp.To
			}
			continue
		}
		out = append(out, sp)
	}
	return out
}

// settledPart is the part of chunk that may be marked complete for kind:
// up to sy.settled. ok is false when none of it may.
func (sy *syncer) settledPart(chunk store.Span, kind store.Kind) (store.Span, bool) {
	sp := store.Span{Kind: kind, From: chunk.From, To: minTime(chunk.To, sy.settled)}
	return sp, sp.From.Before(sp.To)
}

func minTime(a, b time.Time) time.Time {
	if a.Before(b) {
		return a
	}
	return b
}
