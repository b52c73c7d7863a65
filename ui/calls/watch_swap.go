package calls

import (
	"github.com/callscope/callscope/model/quality/summary"
	tea "github.com/charmbracelet/bubbletea"
)

// watchSwap shows a finished poll's rows in place of the list's. Each
// verdict is carried across by call id: a known one unless the new list
// row is newer than its record, or it could not be had (those are asked
// again); one in flight lands on its new row (enrichment.relocated). The
// cursor stays on its call (at the top, it keeps showing the newest), and
// the calls the list did not show are marked.
func (s *Screen) watchSwap(p *watchPoll) tea.Cmd {
	old, e := s.rows, &s.enrich
	cursorID, top := "", s.tbl.Cursor() == 0
	if s.viewLen() > 0 && s.tbl.Cursor() < s.viewLen() {
		cursorID = old.ID(s.rowAt(s.tbl.Cursor()))
	}
	oldRow := make(map[string]int, old.Len())
	for r := range old.Len() {
		oldRow[old.ID(r)] = r
	}
	n := p.rows.Len()
	verdicts := make([]rowVerdict, n)
	fresh := map[int32]struct{}{}
	relocated := map[string]int{}
	rowOf := make(map[string]int32, len(e.rowOf))
	var asked []int
	reading, cursorRow, kept := 0, -1, 0
	for r := range n {
		id := p.rows.ID(r)
		if id == cursorID {
			cursorRow = r
		}
		verdicts[r] = unknownVerdict
		o, seen := oldRow[id]
		if !seen {
			fresh[int32(r)] = struct{}{}
			continue
		}
		switch v := e.verdictAt(o); v.state {
		case verdictAsked:
			verdicts[r], relocated[id] = *v, r
			asked = append(asked, r)
		case verdictReading:
			verdicts[r], relocated[id] = *v, r
			reading++
		case verdictKnown:
			_, summed := e.rowOf[id]
			if summed {
				rowOf[id] = int32(r)
			}
			if v.lost || v.notStored || p.stamps[r].newer(v) {
				continue // asked again: it changed, or was not had
			}
			verdicts[r] = *v
			kept += btoi(summed)
		}
	}
	q := s.queryFor(p.filter)
	s.carrySummary(verdicts, rowOf, kept, summary.Options{From: q.From, To: q.To})

	// The list's own page in flight, and the store's first page, are of
	// the old rows.
	s.Abort()
	s.stored.flight.Abort()
	s.rows, s.Pager = p.rows, p.pager
	s.filter.From, s.filter.To = p.filter.From, p.filter.To
	s.stored.unjudged = p.unjudged
	s.order = nil
	if s.merging() {
		// Graph's windows alone, newest first: in order as loaded.
		s.order = make([]int32, n)
		for r := range s.order {
			s.order[r] = int32(r)
		}
		s.stored.refreshed, s.stored.listed = s.c.Now(), n
	}
	e.verdicts, e.asked, e.reading, e.relocated = verdicts, asked, reading, relocated
	e.layout++
	e.scan, e.storeScan = 0, 0
	e.known, e.lost, e.notStored = 0, 0, 0
	for r := range verdicts {
		if v := &verdicts[r]; v.state == verdictKnown {
			e.known++
			e.lost += btoi(v.lost)
			e.notStored += btoi(v.notStored)
		}
	}
	s.view = nil
	if s.ordered() {
		s.rebuildView()
	}
	s.tbl.SetLen(s.viewLen())
	switch {
	case top:
		s.tbl.SetCursor(0)
	case cursorRow >= 0:
		for pos := range s.viewLen() {
			if s.rowAt(pos) == cursorRow {
				s.tbl.SetCursor(pos)
				break
			}
		}
	}
	s.resize()
	s.markFresh(fresh)
	return s.searchAgain(tea.Batch(s.maybeFetch(), s.pumpEnrichment()))
}

// carrySummary keeps the quality summary across a swap when every call in
// it is still listed and unchanged (kept counts those), and its hourly
// series still spans the range; rowOf, its calls' new rows by id, takes
// the old one's place. When it no longer fits, and the store answers for
// verdicts, it starts again over the new range and the verdicts carried
// are read again from the store to fill it, their cells shown meanwhile:
// a local read, not Graph's. Without a store the summary stays as it was
// rather than fetch every record again: calls that left the range still
// count, and a changed call keeps its first record's streams (it is not
// added twice); r starts it over.
func (s *Screen) carrySummary(verdicts []rowVerdict, rowOf map[string]int32, kept int, o summary.Options) {
	e := &s.enrich
	fits := kept == len(e.rowOf)
	if e.sum != nil {
		from, hours := e.sum.Hours()
		nfrom, nhours := summary.New(o).Hours()
		fits = fits && from.Equal(nfrom) && hours == nhours
	}
	if fits || e.sum == nil || !s.verdictsFromStore() {
		e.rowOf = rowOf
		return
	}
	e.sum, e.added, e.rowOf = summary.New(o), 0, map[string]int32{}
	for r := range verdicts {
		if v := &verdicts[r]; v.state == verdictKnown {
			v.state, v.checked = verdictUnknown, false
		}
	}
}

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}
