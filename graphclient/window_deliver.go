package graphclient

import (
	"cmp"
	"context"
	"slices"
	"time"
)

// emit sorts a window's rows by start then id, drops rows an inclusive
// toDateTime let through twice (an id already delivered) or past the end
// of the range, and hands the chunk on.
func (e *engine[T]) emit(s *segment[T], partial bool) {
	rows := slices.Concat(s.parts...)
	s.parts, s.held = nil, 0
	if !e.sorted(rows) {
		idx := make([]int, len(rows))
		for i := range idx {
			idx[i] = i
		}
		slices.SortStableFunc(idx, func(a, b int) int { return e.compareRows(&rows[a], &rows[b]) })
		sorted := make([]T, len(rows))
		for i, j := range idx {
			sorted[i] = rows[j]
		}
		rows = sorted // rows was this window's own copy: no one else sees it
	}
	if e.seen != nil {
		kept := rows[:0]
		for i := range rows {
			id := e.l.kind.ID(&rows[i])
			if _, dup := e.seen[id]; dup && id != "" || !e.l.kind.Start(&rows[i]).Before(e.to) {
				continue
			}
			e.seen[id] = struct{}{}
			kept = append(kept, rows[i])
		}
		clear(rows[len(kept):])
		rows = kept
	}
	e.deliveredRows += len(rows)
	if e.deliver != nil {
		e.deliver(LogChunk[T]{From: s.from, To: s.to, Rows: rows, Partial: partial})
	}
}

// sorted reports whether rows are already in delivery order, as they are
// when Graph serves them oldest first.
func (e *engine[T]) sorted(rows []T) bool {
	for i := 1; i < len(rows); i++ {
		if e.compareRows(&rows[i-1], &rows[i]) > 0 {
			return false
		}
	}
	return true
}

func (e *engine[T]) progress() LoadProgress {
	st := e.limiterState()
	p := LoadProgress{Windows: len(e.segs), Requests: e.requests, Pages: e.pages, Rows: e.rows,
		Delivered: e.deliveredRows, InFlight: e.inFlight, Through: e.through, Elapsed: time.Since(e.started),
		ThrottleWait: st.Paused, Throttles: st.Throttles - e.throttles0}
	for _, s := range e.segs {
		if s.done() {
			p.WindowsDone++
		}
	}
	return p
}

func (e *engine[T]) report() {
	if e.l.opts.Progress != nil {
		e.l.opts.Progress(e.progress())
	}
}

// limiterState is the log functions' pacing, if the loader has a limiter.
func (e *engine[T]) limiterState() LimiterState {
	if e.l.opts.Limiter == nil {
		return LimiterState{Share: 1}
	}
	return e.l.opts.Limiter.State(FamilyLogs)
}

// spare is how many log requests could start now without waiting on the
// limiter (plenty without one, or when the kind cannot name its URL).
func (e *engine[T]) spare() int {
	if e.l.opts.Limiter == nil || e.l.kind.FirstLink == nil {
		return e.l.opts.Concurrency
	}
	return e.l.opts.Limiter.Spare(e.l.kind.FirstLink(e.from, e.to))
}

// sleepCtx waits d, or returns ctx's error if it ends first.
func sleepCtx(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return ctx.Err()
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}

// checkChain records the page r read in its window's chain and refuses a
// nextLink to a page the chain has read: the first (when the kind can say
// which URL that was), the page itself or any between.
func (e *engine[T]) checkChain(r pageResult[T]) error {
	fetched := r.link
	if fetched == "" && e.l.kind.FirstLink != nil {
		fetched = e.l.kind.FirstLink(r.lo, r.hi)
	}
	if fetched != "" {
		if err := r.seg.chain.visit(fetched); err != nil {
			return err
		}
	}
	if next := r.page.NextLink; next != "" {
		if linkKey(next) == linkKey(r.link) {
			return repeatedLink(next)
		}
		return r.seg.chain.next(next)
	}
	return nil
}

// compareRows orders rows by start, then id, so equal instants sort the same
// way on every load.
func (e *engine[T]) compareRows(a, b *T) int {
	if c := e.l.kind.Start(a).Compare(e.l.kind.Start(b)); c != 0 {
		return c
	}
	return cmp.Compare(e.l.kind.ID(a), e.l.kind.ID(b))
}
