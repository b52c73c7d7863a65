package logs

import (
	"slices"

	"github.com/callscope/callscope/ui/rowstore"
	tea "github.com/charmbracelet/bubbletea"
)

// A list's view is an index over the feed's rows (rows never move): nil
// for every row in load order, else a rowstore.Order. Rows that arrive are
// merged into it (O(page · log N), see rowstore.Order), so a page costs
// the loop well under a millisecond at a million rows, sorted or not. A
// new filter or sort over many rows is built off the loop (viewjob.go) and
// swapped in when it lands; the old view stays on screen and keeps taking
// rows meanwhile.

// viewAsyncRows is the most rows a view is built for on the loop: sorting
// 50,000 rows takes about 2 ms, a million 13–48 ms.
const viewAsyncRows = 50_000

// rowAt maps a table position to a row.
func (s *List) rowAt(pos int) int32 {
	if s.identity {
		return int32(pos)
	}
	return s.view.At(pos)
}

// locate is the table position of row r, or -1 when it is not shown.
func (s *List) locate(r int32) int {
	if s.identity {
		if int(r) < s.seen {
			return int(r)
		}
		return -1
	}
	return s.view.Locate(r, s.by)
}

func (s *List) viewLen() int {
	if s.identity {
		return s.seen
	}
	return s.view.Len()
}

// viewCmp is the order of a view sorted by o (by row for load order).
func (s *List) viewCmp(o sortOrder) rowstore.RowCmp {
	if o.col < 0 {
		return rowstore.ViewCmp(nil, false)
	}
	return rowstore.ViewCmp(s.feed.rep.Compare(o.col), o.desc)
}

// switchFeed puts f in place of the feed and rebuilds the view from
// nothing: the old view's row numbers index the old feed, so no cursor
// anchor may carry over into the new one.
func (s *List) switchFeed(f *feed) tea.Cmd {
	s.cancelJob()
	s.feed = f
	s.seen = 0
	s.view, s.identity, s.match, s.by, s.shown = nil, true, nil, nil, loadOrder
	s.tbl.SetLen(0)
	s.tbl.SetCursor(0)
	return s.rebuild()
}

// rebuild shows the rows the filter and sort now ask for, keeping the
// cursor on the same row, or on the next row shown after it when the new
// filter hides it. Over more than asyncRows rows the view is built off
// the loop: the command it returns brings it (viewBuiltMsg).
func (s *List) rebuild() tea.Cmd {
	s.cancelJob()
	n := s.feed.Len()
	match := s.feed.rep.matcher(s.filter)
	switch {
	case match == nil && s.sort.col < 0:
		s.install(nil, n, nil, loadOrder)
		return nil
	case n > s.asyncRows:
		return s.startJob(s.feed, "")
	}
	var key rowstore.KeyFunc
	if s.sort.col >= 0 {
		key = s.feed.rep.SortKey(s.sort.col)
	}
	s.install(rowstore.NewOrder(rowstore.BuildView(n, match, key, s.sort.desc)), n, match, s.sort)
	return nil
}

// install shows view (nil: every row in load order), built over the
// feed's first n rows with match and order, then adds the rows that came
// since; the cursor stays on its row, or the next one the view shows.
func (s *List) install(view *rowstore.Order, n int, match func(int32) bool, order sortOrder) {
	oldIdentity, oldView, oldLen, oldCursor := s.identity, s.view, s.tbl.Len(), s.tbl.Cursor()
	anchor, has := int32(-1), oldLen > 0
	if has {
		anchor = s.rowAt(oldCursor)
	}
	s.view, s.identity, s.match, s.seen, s.shown, s.by = view, view == nil, match, n, order, nil
	if view != nil {
		s.by = s.viewCmp(order)
	}
	s.extend()
	s.tbl.SetLen(s.viewLen())
	if !has {
		return
	}
	pos := s.locate(anchor)
	if pos < 0 {
		pos = s.nextShown(oldIdentity, oldView, oldCursor+1, oldLen)
	}
	s.tbl.SetCursor(max(pos, 0))
}

// nextShown is the position of the first row of the old view, from old
// position from on, that the view now shows; -1 for none.
func (s *List) nextShown(oldIdentity bool, oldView *rowstore.Order, from, oldLen int) int {
	if oldIdentity {
		for r := int32(from); int(r) < oldLen; r++ {
			if pos := s.locateMatching(r); pos >= 0 {
				return pos
			}
		}
		return -1
	}
	for r := range oldView.From(from) {
		if pos := s.locateMatching(r); pos >= 0 {
			return pos
		}
	}
	return -1
}

// locateMatching is locate for a row the filter may hide.
func (s *List) locateMatching(r int32) int {
	if s.match != nil && !s.match(r) {
		return -1
	}
	return s.locate(r)
}

// adopt switches to a feed that holds the whole range (a summary loaded
// it), keeping the cursor on the same row. Over many rows the new view
// and the cursor row's place in it are found off the loop.
func (s *List) adopt(f *feed) tea.Cmd {
	id := ""
	if s.tbl.Len() > 0 {
		id = s.feed.rep.ID(s.rowAt(s.tbl.Cursor()))
	}
	s.feed.Abort() // the whole range is in f: a page still coming is not needed
	if f.Len() > s.asyncRows {
		return s.startJob(f, id)
	}
	s.switchFeed(f)
	s.resize()
	if id != "" {
		if i := s.feed.rep.FindID(id); i >= 0 {
			s.tbl.SetCursor(max(s.locate(i), 0))
		}
	}
	return nil
}

// extend adds the feed rows that arrived since the view was built:
// appended in load order, or sorted among themselves and merged.
func (s *List) extend() {
	n := s.feed.Len()
	if n <= s.seen || s.identity {
		s.seen = max(n, s.seen)
		return
	}
	add := make([]int32, 0, n-s.seen)
	for i := int32(s.seen); i < int32(n); i++ {
		if s.match == nil || s.match(i) {
			add = append(add, i)
		}
	}
	s.seen = n
	if s.shown.col < 0 {
		s.view.Append(add)
		return
	}
	slices.SortFunc(add, s.by)
	s.view.Merge(add, s.by)
}

// mergeMax is the most rows merged into a sorted view on the loop at
// once: a bigger batch (a summary's window of a group view's feed) is
// sorted in with the rest off the loop.
const mergeMax = 50_000

// absorb adds feed rows that arrived since the view was built, keeping
// the cursor on its row; a batch too big to merge on the loop starts a
// build off it (the command) and shows when that lands.
func (s *List) absorb() tea.Cmd {
	if s.feed.Len() == s.seen {
		return nil
	}
	if !s.identity && s.shown.col >= 0 && s.feed.Len()-s.seen > mergeMax {
		if s.job != 0 {
			return nil // the build in flight takes these rows when it lands
		}
		return s.startJob(s.feed, "")
	}
	anchor := int32(-1)
	if !s.identity && s.tbl.Len() > 0 {
		anchor = s.rowAt(s.tbl.Cursor())
	}
	s.extend()
	s.tbl.SetLen(s.viewLen())
	if anchor >= 0 {
		s.tbl.SetCursor(max(s.locate(anchor), 0))
	}
	return nil
}
