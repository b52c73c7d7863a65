package graphclient

import (
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
	st := e.l.opts.Limiter.State()
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
