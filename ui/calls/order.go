package calls

import (
	"cmp"
	"slices"
)

// sortBy is how the list orders its rows: newest first as loaded, or
// worst first by Quality or by Result (rows not known yet last, newest
// first within a rank). s cycles through them.
type sortBy uint8

const (
	byLoad sortBy = iota
	byQuality
	byResult
)

// words is the order for the header; "" for newest first.
func (o sortBy) words() string {
	switch o {
	case byQuality:
		return "sorted by quality, poor first"
	case byResult:
		return "sorted by result, failed first"
	}
	return ""
}

// next is the order s turns to.
func (o sortBy) next() sortBy { return (o + 1) % 3 }

// ordered reports a view that is not the rows as loaded: a sort, or the
// prompt's failed or poor.
func (s *Screen) ordered() bool { return s.sort != byLoad || s.failedOnly || s.poorOnly }

// viewLen is the number of rows the table shows.
func (s *Screen) viewLen() int {
	if s.view != nil {
		return len(s.view)
	}
	return s.rows.Len()
}

// rowAt is the row index of table position p.
func (s *Screen) rowAt(p int) int {
	if s.view != nil {
		return int(s.view[p])
	}
	return s.newestAt(p)
}

// newestAt is the row index of the p-th newest row: the rows as loaded,
// unless two sources interleave them (order).
func (s *Screen) newestAt(p int) int {
	if s.order != nil {
		return int(s.order[p])
	}
	return p
}

// landed puts the rows added since from in their place, newest first,
// and the table in step: a page from Graph or the store.
func (s *Screen) landed(from int) {
	s.mergeOrder(from)
	s.tbl.SetLen(s.rows.Len())
	if s.ordered() {
		s.rebuildView()
	}
	s.resize()
}

// mergeOrder merges the rows added since from into order, newest first
// (equal starts in load order), when the list has two sources; with one,
// the rows as loaded are in order already (the client sorts each window
// and walks from the newest; the store reads newest first). The merge
// runs from the back, in place: its cost is the rows loaded, once a page.
// Rows that land above the cursor keep it on its row, unless it is at the
// top, which keeps showing the newest.
func (s *Screen) mergeOrder(from int) {
	n := s.rows.Len()
	if s.order == nil || from >= n {
		return
	}
	cur := -1
	if !s.ordered() && s.tbl.Cursor() > 0 && s.tbl.Cursor() < len(s.order) {
		cur = int(s.order[s.tbl.Cursor()])
	}
	added := make([]int32, 0, n-from)
	for r := from; r < n; r++ {
		added = append(added, int32(r))
	}
	start := s.rows.StartUnix
	slices.SortStableFunc(added, func(a, b int32) int { return cmp.Compare(start(int(b)), start(int(a))) })
	i := len(s.order) - 1
	s.order = append(s.order, added...)
	for j, k := len(added)-1, n-1; j >= 0; k-- {
		// The older of the two tails goes last; on a tie the added row,
		// which loaded later.
		if i >= 0 && start(int(s.order[i])) < start(int(added[j])) {
			s.order[k] = s.order[i]
			i--
		} else {
			s.order[k] = added[j]
			j--
		}
	}
	if cur >= 0 {
		s.tbl.SetLen(n)
		s.tbl.SetCursor(slices.Index(s.order, int32(cur)))
	}
}

// rebuildView orders and filters the loaded rows by their verdicts,
// keeping the cursor on the row it was on when that row is still shown.
// The cost is the rows loaded, paid when a verdict or a page lands or the
// order changes, never on a keystroke that only moves.
func (s *Screen) rebuildView() {
	cur := -1
	if n := s.viewLen(); n > 0 && s.tbl.Cursor() < n {
		cur = s.rowAt(s.tbl.Cursor())
	}
	if !s.ordered() {
		s.view = nil
	} else {
		s.view = s.view[:0]
		if s.view == nil {
			s.view = make([]int32, 0, s.rows.Len())
		}
		for p := range s.rows.Len() {
			r := s.newestAt(p)
			v := s.enrich.verdictAt(r)
			if s.failedOnly && v.resultRank != 0 || s.poorOnly && v.qualityRank != 0 {
				continue
			}
			s.view = append(s.view, int32(r))
		}
		if s.sort != byLoad {
			rank := func(r int32) uint8 {
				if s.sort == byQuality {
					return s.enrich.verdictAt(int(r)).qualityRank
				}
				return s.enrich.verdictAt(int(r)).resultRank
			}
			slices.SortStableFunc(s.view, func(a, b int32) int { return int(rank(a)) - int(rank(b)) })
		}
	}
	s.tbl.SetLen(s.viewLen())
	if cur >= 0 {
		for p := range s.viewLen() {
			if s.rowAt(p) == cur {
				s.tbl.SetCursor(p)
				break
			}
		}
	}
}

// viewWords is the sort and the prompt's filters for the header.
func (s *Screen) viewWords() string {
	var w string
	if s.failedOnly {
		w = "failed only"
	}
	if s.poorOnly {
		w = join(w, "poor only")
	}
	return join(w, s.sort.words())
}

func join(a, b string) string {
	switch {
	case a == "":
		return b
	case b == "":
		return a
	}
	return a + " · " + b
}
