package logs

import (
	"context"
	"time"

	"github.com/callscope/callscope/ui/common"
	"github.com/callscope/callscope/ui/record"
	"github.com/callscope/callscope/ui/rowstore"
	"github.com/callscope/callscope/ui/table"
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
)

// defaultRange is the range a log view starts with when none is given.
const defaultRange = 24 * time.Hour

// List lists the rows of a call log report, Direct Routing or PSTN. Rows
// stream in a page at a time as the cursor nears the end; the filter
// (failures only, a summary group, the prompt's user, sip and trunk) and
// the sort are local views over the rows (Graph ignores $filter on these
// functions), kept as an index so rows never move. A list opened from a
// triage summary group is "fixed": it shows the summary's rows with the
// group's filter and neither pages nor changes range.
type List struct {
	c    *common.Common
	feed *feed
	cols []column
	tbl  table.Table

	// view lists the rows shown, in order; identity means all rows in load
	// order and view is nil. seen is how many feed rows view covers; match
	// and shown are the filter and sort it was built with, by the order
	// arriving rows merge in by (see view.go).
	view     *rowstore.Order
	identity bool
	seen     int
	match    func(int32) bool
	shown    sortOrder
	by       rowstore.RowCmp

	// job is the view being built off the loop for the filter and sort
	// asked for (0: none); the view above stays on screen until it lands.
	job       uint64
	jobCancel context.CancelFunc
	jobWords  string // the footer's note meanwhile: "sorting 1,000,000 rows…"
	// asyncRows is the most rows a view is built for on the loop.
	asyncRows int
	initCmd   tea.Cmd // a group view's first build, for Init

	filter filter
	fixed  bool
	sort   sortOrder

	form   *rangeForm
	picker *sortPicker
	// rng is the feed's range as the user gave it, read again on r so that
	// the default last 24 hours, "-2h" or "to now" move forward (session.go).
	rng common.Range

	failedText string // pre-rendered result cell of a failed row
	width      int
	height     int
}

// NewDirect is the list of Direct Routing calls over [from, to), the last
// 24 hours (by c.Now) when either is zero; Init fetches.
func NewDirect(c *common.Common, from, to time.Time) *List {
	return newReportList(c, newDirectRouting(), from, to)
}

// NewPstn is the list of PSTN calls over [from, to), as NewDirect.
func NewPstn(c *common.Common, from, to time.Time) *List {
	return newReportList(c, newPstn(), from, to)
}

// newReportList is the list of rep, an empty report, over [from, to).
func newReportList(c *common.Common, rep report, from, to time.Time) *List {
	rng := common.RangeOf(from, to) // a zero bound stays the default, read on r
	from, to, _ = rng.Resolve(c.Now(), defaultRange)
	s := newList(c, newFeed(rep, from, to), rowstore.LogGroup{})
	s.rng = rng
	return s
}

// newList makes a view over an existing feed; a non-zero group makes it a
// fixed group view.
func newList(c *common.Common, f *feed, g rowstore.LogGroup) *List {
	return newFilteredList(c, f, filter{group: g})
}

// newFilteredList is newList starting with flt: a summary group opened
// keeps the filters its summary counted with, so that its rows are the
// ones the group's count stands for.
func newFilteredList(c *common.Common, f *feed, flt filter) *List {
	s := &List{c: c, feed: f, filter: flt, fixed: flt.group.Kind != rowstore.GroupNone, sort: loadOrder, shown: loadOrder,
		identity: true, asyncRows: viewAsyncRows}
	s.cols = f.rep.columns()
	s.failedText = c.Styles.Danger.Render("FAILED")
	s.tbl = table.NewTable(c, tableColumns(s.cols), s.cell)
	if s.fixed {
		s.initCmd = s.rebuild()
	} else {
		s.absorb() // every row in load order: nothing to build
	}
	return s
}

// Init fetches the first page unless the feed already has rows.
func (s *List) Init() tea.Cmd {
	if s.fixed {
		cmd := s.initCmd
		s.initCmd = nil
		return cmd
	}
	if s.feed.Started || s.feed.Pending != 0 {
		return nil
	}
	return s.feed.fetch(s.c)
}

// Capturing reports the range form, the sort picker or the search line open.
func (s *List) Capturing() bool { return s.form != nil || s.picker != nil || s.tbl.Search().Typing() }

// Update handles size, pages and keys.
func (s *List) Update(msg tea.Msg) (common.Screen, tea.Cmd) {
	switch msg := msg.(type) {
	case common.BodySizeMsg:
		s.width, s.height = msg.Width, msg.Height
		s.resize()
		if s.form != nil {
			s.form.SetWidth(s.width)
		}
		return s, s.maybeFetch()
	case pageMsg:
		// Any screen sharing the feed may take the page; all catch up.
		var flash tea.Cmd
		if s.feed.accept(s.c, msg) {
			flash = storeFlash(msg.storeErr)
		}
		cmd := s.absorb()
		s.resize()
		return s, s.searchAgain(tea.Batch(cmd, s.maybeFetch(), flash))
	case bulkChunkMsg, bulkDoneMsg:
		// A summary below loads the rows a group view shows.
		cmd := s.absorb()
		s.resize()
		return s, s.searchAgain(cmd)
	case feedAdoptMsg:
		if msg.old == s.feed && !s.fixed {
			return s, s.searchAgain(s.adopt(msg.new))
		}
	case viewBuiltMsg:
		return s, s.searchAgain(s.land(msg))
	case table.SearchDoneMsg:
		s.tbl.SearchLanded(msg)
		return s, s.maybeFetch()
	case tea.KeyMsg:
		switch {
		case s.form != nil:
			return s, s.formKey(msg)
		case s.picker != nil:
			return s, s.pickerKey(msg)
		}
		return s, s.key(msg)
	}
	return s, nil
}

func (s *List) key(msg tea.KeyMsg) tea.Cmd {
	k := &s.c.Keys
	// The search first: while its line is open every key is its own, and
	// a kept search's esc clears it before the filter.
	if handled, cmd := s.tbl.SearchKey(msg, s.searchSource); handled {
		s.resize()
		return tea.Batch(cmd, s.maybeFetch())
	}
	if s.tbl.Update(msg) {
		return s.maybeFetch()
	}
	n := s.tbl.Len()
	switch {
	case key.Matches(msg, k.Open) && n > 0:
		return common.Push(s, newDetail(s.c, s.row()))
	case key.Matches(msg, k.OpenRecord) && n > 0 && s.feed.rep.correlates():
		// Straight from the list, as on the detail screen.
		if id := s.row().correlation; id != "" {
			return common.Push(s, record.New(s.c, id))
		}
		return common.Flash("this row has no correlation id to open", true)
	case key.Matches(msg, k.Timeline) && n > 0:
		return s.openTimeline() // open_row.go
	case key.Matches(msg, k.Back) && !s.fixed && s.feed.Stop():
		// esc stops the load in flight; the rows that arrived stay.
		s.resize()
		return nil
	}
	if s.filter.update(msg, k, s.feed.rep) == filterChanged {
		return s.refilter()
	}
	switch {
	case key.Matches(msg, k.Sort):
		s.picker = newSortPicker(s.c, s.cols, s.sort)
	case key.Matches(msg, k.Summary) && !s.fixed:
		return common.Push(s, newSummary(s.c, s.feed, s.filter))
	case key.Matches(msg, k.Filter) && !s.fixed:
		s.form = newRangeForm(s.c, s.rangeRules(), s.rng)
		s.form.SetWidth(s.width)
	case key.Matches(msg, k.Reload) && !s.fixed:
		if s.feed.Err != nil && s.feed.Pending == 0 {
			return s.feed.fetch(s.c)
		}
		return s.reread()
	case key.Matches(msg, k.CopyID) && n > 0:
		if id := s.row().copyID; id != "" {
			return common.CopyCmd(s.c.Copy, id)
		}
		return common.Flash("this row has no id to copy", true)
	case key.Matches(msg, k.Export):
		return s.Export()
	}
	return nil
}

// formKey feeds the range form; an applied range reloads the list, a
// cancelled one leaves it as it was.
func (s *List) formKey(msg tea.KeyMsg) tea.Cmd {
	res, cmd := s.form.Update(msg)
	switch res {
	case table.FormApplied:
		from, to := s.form.Range()
		s.rng = s.form.words()
		s.form = nil
		return s.reload(from, to)
	case table.FormCancelled:
		s.form = nil
	}
	return cmd
}

// pickerKey feeds the sort picker; a picked order re-sorts the rows,
// keeping the cursor row.
func (s *List) pickerKey(msg tea.KeyMsg) tea.Cmd {
	switch s.picker.Update(msg) {
	case table.FormApplied:
		s.sort = s.picker.Order()
		s.picker = nil
		return s.searchAgain(tea.Batch(s.rebuild(), s.maybeFetch()))
	case table.FormCancelled:
		s.picker = nil
	}
	return nil
}

// refilter shows the rows the filter now passes.
func (s *List) refilter() tea.Cmd {
	cmd := s.rebuild()
	s.resize()
	return s.searchAgain(tea.Batch(cmd, s.maybeFetch()))
}

// reload starts over on a new range: a new feed, whose rows replace the
// old ones; a request still in flight for the old feed is cancelled and
// dropped on arrival. Filter and sort stay.
func (s *List) reload(from, to time.Time) tea.Cmd {
	s.feed.Abort()
	s.switchFeed(s.feed.sibling(from, to)) // no rows: built at once
	s.resize()
	return s.searchAgain(s.feed.fetch(s.c))
}

// maybeFetch asks for the next page when the cursor is within a screenful
// of the last row shown and the feed is idle. A group view never pages.
func (s *List) maybeFetch() tea.Cmd {
	if s.fixed || !s.feed.Started || !s.feed.CanFetch() {
		return nil
	}
	if s.tbl.Len()-1-s.tbl.Cursor() > s.tbl.PageSize() {
		return nil
	}
	return s.feed.fetch(s.c)
}

// resize gives the table the body less the paging line and the search
// line, if they show.
func (s *List) resize() {
	h := s.height
	if s.feed.HasStatusLine() && s.tbl.Len() > 0 {
		h--
	}
	if s.tbl.Search().Typing() {
		h--
	}
	s.tbl.SetSize(s.width, max(h, 1))
}
