package graphclient

import (
	"cmp"
	"errors"
	"slices"
	"time"
)

// logPageSize is Graph's page size for the log functions (graph-api.md
// §1.6); the loader learns the real one from the first full page.
const logPageSize = 1000

// ErrOrderLost reports that Graph served a page out of start order after the
// loader had already handed on a window it had cut short on the strength of
// that order. Rows of the windows delivered before may be missing; reload
// with LoadOptions.NoSplit.
var ErrOrderLost = errors.New("graph served rows out of start order after windows were split; rows may be missing, reload without splitting")

// segment is one window: the rows it delivers start in [from, to). Its
// chain is one first-page request for [reqLo, reqHi) and the nextLinks
// that follow. A split narrows the window while its chain runs on; rows the
// chain returns outside the window belong to a neighbour and are dropped.
type segment[T any] struct {
	from, to     time.Time
	parts        [][]T // the rows kept, page by page (a page kept whole is not copied)
	held         int   // rows in parts
	reqLo, reqHi time.Time
	next         string
	started      bool // the chain's first request was sent
	ended        bool // the chain has nothing more for this window
	stoppedEarly bool // ended because the order says the window is passed
	pages        int
	chainRows    int       // rows the chain returned, kept or not
	seenMin      time.Time // earliest and latest start the chain returned
	seenMax      time.Time
	rate         float64 // rows per second along the chain; 0 = unknown
	busy         bool
	gen          int        // bumped when the window restarts; older results are dropped
	throttled    int        // loader-level retries after a 429
	notBefore    time.Time  // a request sent again after a 429 waits until then
	chain        chainLinks // the pages the chain has read
	skipChain[T]            // paging by $skip: window_skip.go
}

func (s *segment[T]) done() bool { return s.started && s.ended }

// narrowed reports whether the window shrank after its chain started.
func (s *segment[T]) narrowed() bool {
	return s.started && (!s.reqLo.Equal(s.from) || !s.reqHi.Equal(s.to))
}

// serverOrder is what the loader has learnt about the order rows come in.
type serverOrder int

const (
	orderUnknown serverOrder = iota
	orderAscending
	orderDescending
	orderNone // a page came out of order: no more inference from it
)

// engine is the state of one load; only the coordinating goroutine uses it.
type engine[T any] struct {
	l        *LogLoader[T]
	from, to time.Time
	deliver  func(LogChunk[T])

	segs      []*segment[T] // in time order; segs[:delivered] are handed on
	delivered int
	order     serverOrder
	confirmed bool // a chain's page continued its previous page in that order
	orderErr  error
	pageSize  int

	inFlight, requests, pages, rows, deliveredRows int
	through                                        time.Time
	seen                                           map[string]struct{}
	started                                        time.Time
	throttles0                                     int
}

func newEngine[T any](l *LogLoader[T], from, to time.Time, deliver func(LogChunk[T])) *engine[T] {
	e := &engine[T]{l: l, from: from, to: to, deliver: deliver, pageSize: logPageSize, through: from,
		started: time.Now()}
	e.throttles0 = e.limiterState().Throttles
	if l.kind.InclusiveTo {
		e.seen = map[string]struct{}{}
	}
	if l.opts.NoSplit {
		e.order = orderNone
	}
	secs := int64(to.Sub(from) / time.Second)
	k := int64(l.opts.Windows)
	if mw := int64(l.kind.MaxWindow / time.Second); mw > 0 {
		k = max(k, (secs+mw-1)/mw)
	}
	k = min(k, secs)
	prev := from
	for i := int64(1); i <= k; i++ {
		edge := from.Add(time.Duration(secs*i/k) * time.Second)
		e.segs = append(e.segs, &segment[T]{from: prev, to: edge})
		prev = edge
	}
	return e
}

// schedule picks the requests to send now: the next page of windows whose
// chain is idle, then pages of $skip chains fetched ahead (window_skip.go).
// When fewer are ready than slots are free, and the order is confirmed, it
// splits the window with the most rows expected beyond its next page. Once
// the windows not yet handed on hold LoadOptions.MaxAhead rows, only the
// oldest of them is fetched, so memory stays bounded however far the
// later windows could run ahead.
func (e *engine[T]) schedule() []job[T] {
	free := e.l.opts.Concurrency - e.inFlight
	if free <= 0 {
		return nil
	}
	e.bound()
	capped := e.held() >= e.l.opts.MaxAhead
	var ready []*segment[T]
	var ahead []job[T]
	for i, s := range e.segs[e.delivered:] {
		if capped && i > 0 {
			break
		}
		switch {
		case s.done():
		case s.skip:
			ahead = append(ahead, e.skipJobs(s, false)...)
		case !s.busy:
			ready = append(ready, s)
		}
	}
	// A split costs a request or so (each window ends on a part-filled
	// page), worth it only while requests are not waiting on the limiter:
	// when they are, more parallel windows cannot make the load faster.
	for !capped && len(ready)+len(ahead) < free && e.confirmed && e.order != orderNone && e.spare() >= free {
		j := e.split()
		if j == nil {
			break
		}
		ready = append(ready, j)
	}
	jobs := make([]job[T], 0, len(ready)+len(ahead))
	for _, s := range ready {
		jobs = append(jobs, job[T]{seg: s, offset: s.offset})
	}
	jobs = append(jobs, ahead...)
	// Longest first: pages of windows of unknown size go first, since any
	// may be the longest chain; then by the rows expected after the page,
	// so a window with many pages left takes several slots (paging ahead)
	// and the windows end together; then time order.
	slices.SortStableFunc(jobs, func(a, b job[T]) int {
		ea, eb := e.after(a), e.after(b)
		if (ea < 0) != (eb < 0) {
			if ea < 0 {
				return -1
			}
			return 1
		}
		if c := cmp.Compare(eb, ea); c != 0 {
			return c
		}
		return a.seg.from.Compare(b.seg.from)
	})
	// Slots that would idle fetch further ahead on the oldest chains than
	// the estimate asks, while the limiter has requests to spare: a
	// wasted request costs less than an idle round trip.
	for _, s := range e.segs[e.delivered:] {
		if len(jobs) >= free || e.spare() < free {
			break
		}
		if s.skip && !s.done() && !capped {
			for _, j := range e.skipJobs(s, true) {
				if !slices.ContainsFunc(jobs, func(o job[T]) bool { return o.seg == j.seg && o.offset == j.offset }) {
					jobs = append(jobs, j)
				}
			}
		}
	}
	return jobs[:min(free, len(jobs))]
}

// remaining estimates the rows a window's chain has still to return, -1 if
// unknown.
func (e *engine[T]) remaining(s *segment[T]) float64 {
	if s.rate <= 0 {
		return -1
	}
	if s.pages == 0 {
		return s.rate * s.to.Sub(s.from).Seconds()
	}
	if e.order == orderDescending {
		return s.rate * max(s.seenMin.Sub(s.from).Seconds(), 0)
	}
	return s.rate * max(s.to.Sub(s.seenMax).Seconds(), 0)
}

// split halves what is left of the running window with the most rows
// expected after its next page, if that is at least a page, and returns
// the new window (not started), or nil. (Measured on bunched data: on a
// range whose equal windows are unbalanced, 10 days from a Friday, this
// takes a 20,000-row load from 8.4 to 6.9 round trips; on 30 days, whose
// quarters are balanced, it changes nothing. Splitting only from 1.5 or 2
// pages was worse.)
func (e *engine[T]) split() *segment[T] {
	page := float64(e.pageSize)
	var best *segment[T]
	for _, s := range e.segs[e.delivered:] {
		if s.started && !s.ended && !s.skip && s.pages > 0 && e.remaining(s)-page >= page &&
			(best == nil || e.remaining(s) > e.remaining(best)) {
			best = s
		}
	}
	if best == nil {
		return nil
	}
	ahead := time.Duration(page / best.rate * float64(time.Second)) // what the next page will cover
	i := slices.Index(e.segs, best)
	if e.order == orderAscending {
		c := best.seenMax.Add(ahead)
		m := c.Add(best.to.Sub(c) / 2).Truncate(time.Second)
		if !m.After(best.seenMax) || !m.Before(best.to) {
			return nil
		}
		j := &segment[T]{from: m, to: best.to, rate: best.rate}
		best.to = m
		e.segs = slices.Insert(e.segs, i+1, j)
		return j
	}
	c := best.seenMin.Add(-ahead)
	m := best.from.Add(c.Sub(best.from) / 2).Truncate(time.Second)
	if !m.After(best.from) || m.After(best.seenMin) {
		return nil
	}
	j := &segment[T]{from: best.from, to: m, rate: best.rate}
	best.from = m
	e.segs = slices.Insert(e.segs, i, j)
	return j
}

// apply files a page under its window. The page is checked against the
// order learnt so far; rows inside the chain's request but outside the
// window belong to a neighbour and are dropped.
func (e *engine[T]) apply(r pageResult[T]) {
	s, rows := r.seg, e.dropRepeats(r.seg, r.page.Value)
	if r.page.NextLink != "" {
		e.pageSize = max(e.pageSize, len(rows))
	}
	first, last, inRange := e.checkOrder(s, rows, r.lo, r.hi)
	if s.gen != r.gen { // the check restarted this window
		return
	}
	e.keep(s, rows, r.lo, r.hi)
	if len(rows) > 0 {
		if s.chainRows == 0 || first.Before(s.seenMin) {
			s.seenMin = first
		}
		if s.chainRows == 0 || last.After(s.seenMax) {
			s.seenMax = last
		}
	}
	s.pages++
	s.chainRows += len(rows)
	s.next = r.page.NextLink
	switch {
	case s.next == "":
		s.ended = true
	case !inRange:
	case e.order == orderAscending && !s.seenMax.Before(s.to), e.order == orderDescending && s.seenMin.Before(s.from):
		s.ended, s.stoppedEarly, s.next = true, true, ""
	}
	if e.order == orderAscending && s.seenMax.After(s.reqLo) {
		s.rate = float64(s.chainRows) / max(s.seenMax.Sub(s.reqLo).Seconds(), 1)
	} else if e.order == orderDescending && s.seenMin.Before(s.reqHi) {
		s.rate = float64(s.chainRows) / max(s.reqHi.Sub(s.seenMin).Seconds(), 1)
	}
}

// keep files the rows of a page that start inside the window, and any the
// server sent from outside the request, which belong to no neighbour.
func (e *engine[T]) keep(s *segment[T], rows []T, lo, hi time.Time) {
	in := func(i int) bool {
		t := e.l.kind.Start(&rows[i])
		return !t.Before(s.from) && t.Before(s.to) || t.Before(lo) || t.After(hi)
	}
	n := 0
	for i := range rows {
		if in(i) {
			n++
		}
	}
	if n == len(rows) {
		s.parts = append(s.parts, rows)
	} else if n > 0 {
		kept := make([]T, 0, n)
		for i := range rows {
			if in(i) {
				kept = append(kept, rows[i])
			}
		}
		s.parts = append(s.parts, kept)
	}
	s.held += n
	e.rows += n
}

// checkOrder reads a page's order and its continuity with the chain's
// earlier pages. The first out-of-order page ends all inference: windows
// cut short because of it are fetched again whole. It returns the page's
// earliest and latest start and whether every row was inside the request
// (toDateTime counted inclusive, as getPstnCalls documents it).
func (e *engine[T]) checkOrder(s *segment[T], rows []T, lo, hi time.Time) (first, last time.Time, inRange bool) {
	asc, desc, inRange := true, true, true
	for i := range rows {
		t := e.l.kind.Start(&rows[i])
		inRange = inRange && !t.Before(lo) && !t.After(hi)
		if i == 0 || t.Before(first) {
			first = t
		}
		if i == 0 || t.After(last) {
			last = t
		}
		if i > 0 {
			prev := e.l.kind.Start(&rows[i-1])
			asc = asc && !t.Before(prev)
			desc = desc && !t.After(prev)
		}
	}
	if e.order == orderNone || len(rows) == 0 {
		return first, last, inRange
	}
	bad := !inRange || !asc && !desc
	if !bad && asc != desc { // all at one instant says nothing of direction
		dir := orderAscending
		if desc {
			dir = orderDescending
		}
		if e.order == orderUnknown {
			e.order = dir
		}
		bad = e.order != dir
	}
	if !bad && s.chainRows > 0 && e.order != orderUnknown {
		bad = e.order == orderAscending && first.Before(s.seenMax) ||
			e.order == orderDescending && last.After(s.seenMin)
		e.confirmed = e.confirmed || !bad
	}
	if bad {
		e.loseOrder()
	}
	return first, last, inRange
}

// loseOrder stops all inference from order: every window whose chain was
// narrowed or stopped early starts again over the whole window and follows
// its nextLinks to the end.
func (e *engine[T]) loseOrder() {
	e.order = orderNone
	for i, s := range e.segs {
		if !s.narrowed() && !s.stoppedEarly {
			continue
		}
		if i < e.delivered {
			e.orderErr = ErrOrderLost
			continue
		}
		e.rows -= s.held
		e.cancelAhead(s)
		*s = segment[T]{from: s.from, to: s.to, busy: s.busy, gen: s.gen + 1, throttled: s.throttled, notBefore: s.notBefore}
	}
}

// deliverReady hands on every complete window at the head of the range.
func (e *engine[T]) deliverReady() {
	for e.delivered < len(e.segs) && e.segs[e.delivered].done() {
		s := e.segs[e.delivered]
		e.emit(s, false)
		e.through = s.to
		e.delivered++
	}
}

// flush hands on what the incomplete rest holds, after an error.
func (e *engine[T]) flush() {
	for _, s := range e.segs[e.delivered:] {
		if s.done() || s.held > 0 {
			e.emit(s, !s.done())
		}
	}
	e.delivered = len(e.segs)
}

func (e *engine[T]) complete() bool { return e.delivered == len(e.segs) }
