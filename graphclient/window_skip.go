package graphclient

import (
	"context"
	"slices"
	"strconv"
	"strings"
	"time"
)

// Paging ahead by $skip. The log functions page 1,000 rows at a time and
// their nextLink is the function URL plus ?$skip=N (graph-api.md §1.6, and
// so the fake), so once a chain's nextLink has that form the pages after
// it are known in advance: the loader requests them ahead, up to
// Concurrency at once, instead of one round trip per page. A page fetched
// ahead is the very URL the chain's nextLink would have named; it is
// applied only in chain order and only when the page before it named it.
// A nextLink of another form (the gap or shift of a changing range, or a
// service that pages otherwise) ends paging ahead: the pages fetched ahead
// are dropped and the chain follows its nextLinks as before. Pages past
// the first short page (no nextLink) are cancelled. A row that a shifted
// range serves again at a page boundary is dropped (dropRepeats).

// skipChain is a segment's paging-ahead state.
type skipChain[T any] struct {
	skipBase string // the chain's first page; the pages after it add ?$skip=N
	skip     bool   // the chain's nextLinks have had the $skip form so far
	offset   int    // rows the chain has served before s.next
	step     int    // the page size the chain serves
	ahead    map[int]*aheadFetch[T]
	prevIDs  map[string]struct{} // the ids of the chain's last page
}

// aheadFetch is a page requested ahead: in flight, or arrived and waiting
// for the pages before it.
type aheadFetch[T any] struct {
	cancel context.CancelFunc
	res    *pageResult[T] // once it arrived
}

// job is one request to send: the next page of a window's chain at offset,
// or (spec) a page of a $skip chain, perhaps ahead of the next.
type job[T any] struct {
	seg    *segment[T]
	spec   bool
	offset int
}

// skipLink is the page of a $skip chain that starts at row n.
func skipLink(base string, n int) string {
	sep := "?"
	if strings.Contains(base, "?") {
		sep = "&"
	}
	return base + sep + "$skip=" + strconv.Itoa(n)
}

// skipJobs are the pages of s worth requesting now: its next page, and
// the pages after it the rows still expected fill (a tenth more, so the
// last part-filled page is not missed by a low estimate); blind, whatever the estimate (to fill slots
// that would idle, while the limiter has requests to spare).
func (e *engine[T]) skipJobs(s *segment[T], blind bool) []job[T] {
	var jobs []job[T]
	expected := e.remaining(s) * 1.1
	// Twice Concurrency pages ahead of the chain's next page: a page that
	// lands late then holds no slot idle (in flight stays <= Concurrency).
	for k := range 2 * e.l.opts.Concurrency {
		off := s.offset + k*s.step
		if k > 0 && !blind && float64(k*s.step) >= expected {
			break
		}
		if _, sent := s.ahead[off]; !sent {
			jobs = append(jobs, job[T]{seg: s, spec: true, offset: off})
		}
	}
	return jobs
}

// fetchAhead files r as requested ahead and returns the context that can
// cancel it alone.
func (e *engine[T]) fetchAhead(ctx context.Context, r *pageResult[T]) context.Context {
	s := r.seg
	if r.offset != s.offset {
		r.link = skipLink(s.skipBase, r.offset)
	}
	ctx, cancel := context.WithCancel(ctx)
	if s.ahead == nil {
		s.ahead = map[int]*aheadFetch[T]{}
	}
	s.ahead[r.offset] = &aheadFetch[T]{cancel: cancel}
	return ctx
}

// receive applies one finished request. Pages fetched ahead wait until
// every page before them has been applied.
func (e *engine[T]) receive(r pageResult[T]) error {
	s := r.seg
	if !r.spec {
		s.busy = false
		if err := e.handle(r); err != nil {
			return err
		}
		e.advance(r)
		return nil
	}
	a := s.ahead[r.offset]
	if r.gen != s.gen || a == nil || a.res != nil {
		return nil // cancelled: the chain went another way
	}
	a.res = &r
	for s.ahead != nil {
		next := s.ahead[s.offset]
		if next == nil || next.res == nil {
			break
		}
		delete(s.ahead, s.offset)
		next.cancel()
		res := *next.res
		if err := e.handle(res); err != nil {
			return err
		}
		if res.err != nil || res.gen != s.gen {
			break // sent again after a 429, or the window restarted
		}
		e.advance(res)
	}
	return nil
}

// advance moves a chain past the page r applied and learns whether its
// nextLink has the $skip form; if not, or the chain has ended, the pages
// fetched ahead are dropped.
func (e *engine[T]) advance(r pageResult[T]) {
	s := r.seg
	if r.err != nil || r.gen != s.gen || r.page == nil {
		return
	}
	served := len(r.page.Value)
	s.offset = r.offset + served
	s.skip = s.next != "" && s.skipBase != "" && served > 0 &&
		linkKey(s.next) == linkKey(skipLink(s.skipBase, s.offset))
	if s.skip {
		s.step = served
	} else {
		e.cancelAhead(s)
	}
}

// cancelAhead drops every page of s requested ahead.
func (e *engine[T]) cancelAhead(s *segment[T]) {
	for _, a := range s.ahead {
		a.cancel()
	}
	s.ahead = nil
}

// dropRepeats drops the rows of a page that the chain's previous page
// served too, as $skip paging does when a row lands in the range before
// the offset, and remembers this page's ids.
func (e *engine[T]) dropRepeats(s *segment[T], rows []T) []T {
	prev := s.prevIDs
	s.prevIDs = make(map[string]struct{}, len(rows))
	var kept []T // nil until a repeat turns up
	for i := range rows {
		id := e.l.kind.ID(&rows[i])
		if _, dup := prev[id]; dup && id != "" {
			if kept == nil {
				kept = append(make([]T, 0, len(rows)), rows[:i]...)
			}
			continue
		}
		s.prevIDs[id] = struct{}{}
		if kept != nil {
			kept = append(kept, rows[i])
		}
	}
	if kept == nil {
		return rows
	}
	return kept
}

// held is the rows the windows not yet handed on hold, pages fetched ahead
// included.
func (e *engine[T]) held() int {
	n := 0
	for _, s := range e.segs[e.delivered:] {
		n += s.held
		for _, a := range s.ahead {
			if a.res != nil && a.res.page != nil {
				n += len(a.res.page.Value)
			}
		}
	}
	return n
}

// bound narrows every running window that nears half of
// LoadOptions.MaxAhead rows and is expected to pass it to about that many, and gives the rest of it
// to a new window, so that no window, which is handed on only whole, needs
// more memory than that. It needs the order confirmed, as split does.
func (e *engine[T]) bound() {
	if !e.confirmed || e.order == orderNone {
		return
	}
	limit := float64(e.l.opts.MaxAhead / 2)
	for i := e.delivered; i < len(e.segs); i++ {
		s := e.segs[i]
		// Only once the window nears the limit: estimates from bunched
		// rows run far ahead, and a cut costs a page or so.
		near := limit - float64(e.l.opts.Concurrency*e.pageSize)
		if !s.started || s.ended || s.pages == 0 || s.rate <= 0 || float64(s.held) < near || float64(s.held)+e.remaining(s) <= limit {
			continue
		}
		room := max(limit-float64(s.held), float64(e.pageSize))
		ahead := time.Duration(room / s.rate * float64(time.Second))
		if e.order == orderAscending {
			c := s.seenMax.Add(ahead).Truncate(time.Second)
			if c.After(s.seenMax) && c.Before(s.to) {
				e.segs = slices.Insert(e.segs, i+1, &segment[T]{from: c, to: s.to, rate: s.rate})
				s.to = c
			}
			continue
		}
		c := s.seenMin.Add(-ahead).Truncate(time.Second)
		if c.After(s.from) && !c.After(s.seenMin) {
			e.segs = slices.Insert(e.segs, i, &segment[T]{from: s.from, to: c, rate: s.rate})
			s.from = c
			i++
		}
	}
}

// after estimates the rows a window's chain has still to return after the
// page j asks for, -1 if unknown.
func (e *engine[T]) after(j job[T]) float64 {
	r := e.remaining(j.seg)
	if r < 0 {
		return -1
	}
	return r - float64(j.offset-j.seg.offset)
}
