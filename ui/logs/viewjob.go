package logs

import (
	"context"

	"github.com/callscope/callscope/ui/common"
	"github.com/callscope/callscope/ui/rowstore"
	tea "github.com/charmbracelet/bubbletea"
)

// viewBuiltMsg brings a view built off the loop: rows (nil for every row
// in load order) over feed's first n rows, with the filter and sort the
// list asked for when it started job reqID. anchor is where the row the
// cursor was on went, for a list adopting feed (-1: none).
type viewBuiltMsg struct {
	reqID  uint64
	feed   *feed
	rows   []int32
	n      int
	anchor int32
}

// startJob builds the view of f's rows for the list's filter and sort in
// a command, over a snapshot of the store (rows are immutable once
// stored), superseding any build still running. anchorID, when set, is
// the id of the cursor's row, found in f on the way.
func (s *List) startJob(f *feed, anchorID string) tea.Cmd {
	s.cancelJob()
	var ctx context.Context
	ctx, s.jobCancel = context.WithCancel(context.Background())
	s.job = common.NewRequestID()
	n, order, id := f.Len(), s.sort, s.job
	snap := f.rep.snapshot()
	// The matcher looks names up in the intern tables, which only the loop
	// may read; what it returns reads the snapshot's rows alone.
	match := snap.matcher(s.filter)
	verb := "sorting "
	if order.col < 0 {
		verb = "filtering "
	}
	s.jobWords = verb + common.FormatCount(n) + " rows…"
	return func() tea.Msg {
		var key rowstore.KeyFunc
		if order.col >= 0 {
			key = snap.SortKey(order.col)
		}
		rows, err := rowstore.BuildViewContext(ctx, n, match, key, order.desc)
		if err != nil {
			return nil // superseded: a newer build or a new feed
		}
		anchor := int32(-1)
		if anchorID != "" {
			anchor = snap.FindID(anchorID)
		}
		return viewBuiltMsg{reqID: id, feed: f, rows: rows, n: n, anchor: anchor}
	}
}

// cancelJob drops the build in flight, if any: its result will not match.
func (s *List) cancelJob() {
	if s.jobCancel != nil {
		s.jobCancel()
	}
	s.job, s.jobCancel, s.jobWords = 0, nil, ""
}

// land swaps in the view of the build in flight; any other is stale.
func (s *List) land(msg viewBuiltMsg) tea.Cmd {
	if msg.reqID == 0 || msg.reqID != s.job {
		return nil
	}
	s.cancelJob() // it has ended; release its context
	if msg.feed != s.feed {
		// An adopted feed: the old rows' positions mean nothing in it.
		s.feed = msg.feed
		s.view, s.identity, s.seen, s.match, s.by, s.shown = nil, true, 0, nil, nil, loadOrder
		s.tbl.SetLen(0)
		s.tbl.SetCursor(0)
	}
	var view *rowstore.Order
	if msg.rows != nil {
		view = rowstore.NewOrder(msg.rows)
	}
	s.install(view, msg.n, s.feed.rep.matcher(s.filter), s.sort)
	if msg.anchor >= 0 {
		s.tbl.SetCursor(max(s.locate(msg.anchor), 0))
	}
	s.resize()
	return s.maybeFetch()
}
