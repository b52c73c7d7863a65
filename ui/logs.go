package ui

import (
	"slices"
	"time"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
)

// logKind picks the report function a log screen shows.
type logKind int

const (
	logDirect logKind = iota
	logPstn
)

// defaultLogRange is the range a log view starts with when none is given.
const defaultLogRange = 24 * time.Hour

// logScreen lists Direct Routing or PSTN call log rows. Rows stream in a
// page at a time as the cursor nears the end; failures-only, a summary
// group and the sort are local views over the rows (Graph ignores $filter
// on these functions), kept as an index so rows never move. A screen opened
// from a triage summary group is "fixed": it shows the summary's rows with
// the group's filter and neither pages nor changes range.
type logScreen struct {
	c    *Common
	kind logKind
	feed *logFeed
	cols []logCol
	tbl  table

	// view lists the rows shown, in order; identity means all rows in load
	// order and view is unused. seen is how many feed rows view covers.
	view     []int32
	identity bool
	seen     int
	match    func(int32) bool

	failuresOnly bool
	group        logGroup
	cmdf         logCmdFilter // the ":" prompt's user/sip/trunk filter (cmdline_logs.go)
	fixed        bool
	sortCol      int // -1: load order
	sortDesc     bool

	form   *form
	picker *sortPicker

	failedText string // pre-rendered result cell of a failed row
	width      int
	height     int
}

// newLogScreen makes a log view over [from, to), the last 24 hours (by
// c.Now) when either is zero; Init fetches.
func newLogScreen(c *Common, k logKind, from, to time.Time) *logScreen {
	if to.IsZero() {
		to = c.Now().UTC().Truncate(time.Second)
	}
	if from.IsZero() {
		from = to.Add(-defaultLogRange)
	}
	return newLogScreenOn(c, newLogFeed(k, from, to), logGroup{})
}

// newLogScreenOn makes a view over an existing feed; a non-zero group makes
// it a fixed group view.
func newLogScreenOn(c *Common, f *logFeed, g logGroup) *logScreen {
	s := &logScreen{c: c, kind: f.kind, feed: f, group: g, fixed: g.kind != groupNone, sortCol: -1, identity: true}
	s.cols = drColumns
	if s.kind == logPstn {
		s.cols = pstnColumns
	}
	s.failedText = c.Styles.Danger.Render("FAILED")
	s.tbl = newTable(c, tableColumns(s.cols), s.cell)
	if s.fixed {
		s.rebuild()
	} else {
		s.absorb()
	}
	return s
}

// Init fetches the first page unless the feed already has rows.
func (s *logScreen) Init() tea.Cmd {
	if s.fixed || s.feed.started || s.feed.pending != 0 {
		return nil
	}
	return s.feed.fetch(s.c)
}

// Capturing reports the range form or the sort picker open.
func (s *logScreen) Capturing() bool { return s.form != nil || s.picker != nil }

// Update handles size, pages and keys.
func (s *logScreen) Update(msg tea.Msg) (screen, tea.Cmd) {
	switch msg := msg.(type) {
	case bodySizeMsg:
		s.width, s.height = msg.Width, msg.Height
		s.resize()
		if s.form != nil {
			s.form.SetWidth(s.width)
		}
		return s, s.maybeFetch()
	case logPageMsg:
		// Any screen sharing the feed may take the page; all catch up.
		s.feed.accept(s.c, msg)
		s.absorb()
		s.resize()
		return s, s.maybeFetch()
	case bulkChunkMsg, bulkDoneMsg:
		// A summary below loads the rows a group view shows.
		s.absorb()
		s.resize()
	case logFeedAdoptMsg:
		if msg.old == s.feed && !s.fixed {
			s.adopt(msg.new)
		}
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

func (s *logScreen) key(msg tea.KeyMsg) tea.Cmd {
	k := &s.c.Keys
	if s.tbl.Update(msg) {
		return s.maybeFetch()
	}
	n := s.tbl.Len()
	switch {
	case key.Matches(msg, k.Open) && n > 0:
		return push(s, newLogDetail(s.c, s.row()))
	case key.Matches(msg, k.OpenRecord) && n > 0 && s.kind == logDirect:
		// Straight from the list, as on the detail screen.
		if id := s.row().dr.CorrelationID; id != "" {
			return push(s, newRecordScreen(s.c, id))
		}
		return flash("this row has no correlation id to open", true)
	case key.Matches(msg, k.Back) && !s.fixed && s.feed.stop():
		// esc stops the load in flight; the rows that arrived stay.
		s.resize()
	case key.Matches(msg, k.Back) && s.localFilters():
		return s.clearCmdFilter()
	case key.Matches(msg, k.FailuresOnly) && s.failuresApply():
		s.failuresOnly = !s.failuresOnly
		s.rebuild()
		return s.maybeFetch()
	case key.Matches(msg, k.Sort):
		s.picker = newSortPicker(s.cols, s.sortCol)
	case key.Matches(msg, k.Summary) && !s.fixed:
		return push(s, newLogSummary(s.c, s.feed))
	case key.Matches(msg, k.Filter) && !s.fixed:
		s.form = newLogRangeForm(s.c, s.kind, s.feed.from, s.feed.to)
		s.form.SetWidth(s.width)
	case key.Matches(msg, k.Reload) && !s.fixed:
		if s.feed.err != nil && s.feed.pending == 0 {
			return s.feed.fetch(s.c)
		}
		return s.reload(s.feed.from, s.feed.to)
	case key.Matches(msg, k.CopyID) && n > 0:
		if id := s.copyID(); id != "" {
			return copyCmd(s.c.Copy, id)
		}
		return flash("this row has no id to copy", true)
	case key.Matches(msg, k.Export):
		if n == 0 {
			return flash("nothing to export yet", true)
		}
		return s.export()
	}
	return nil
}

// failuresApply reports that f narrows anything: Direct Routing rows carry
// an outcome, and a SIP code group holds failed rows only.
func (s *logScreen) failuresApply() bool {
	return s.kind == logDirect && s.group.kind != groupCode
}

// reload starts over on a new range: a new feed, whose rows replace the
// old ones; a request still in flight for the old feed is cancelled and
// dropped on arrival. Filter and sort stay.
func (s *logScreen) reload(from, to time.Time) tea.Cmd {
	s.feed.abort()
	s.switchFeed(newLogFeed(s.kind, from, to))
	s.resize()
	return s.feed.fetch(s.c)
}

// maybeFetch asks for the next page when the cursor is within a screenful
// of the last row shown and the feed is idle. A group view never pages.
func (s *logScreen) maybeFetch() tea.Cmd {
	if s.fixed || !s.feed.started || !s.feed.canFetch() {
		return nil
	}
	if s.tbl.Len()-1-s.tbl.Cursor() > s.tbl.PageSize() {
		return nil
	}
	return s.feed.fetch(s.c)
}

// matcher is the row predicate of the current filters; nil passes all.
func (s *logScreen) matcher() func(int32) bool {
	if s.kind == logPstn {
		return both(s.feed.pstn.matcher(s.group), s.cmdMatcher())
	}
	return both(s.feed.dr.matcher(s.failuresOnly, s.group), s.cmdMatcher())
}

// sortKeyFunc is the key of the current sort column, nil for load order.
func (s *logScreen) sortKeyFunc() keyFunc {
	switch {
	case s.sortCol < 0:
		return nil
	case s.kind == logPstn:
		return s.feed.pstn.sortKey(s.sortCol)
	}
	return s.feed.dr.sortKey(s.sortCol)
}

// rowAt maps a table position to a row.
func (s *logScreen) rowAt(pos int) int32 {
	if s.identity {
		return int32(pos)
	}
	return s.view[pos]
}

// locate is the table position of row r, or -1 when it is not shown.
func (s *logScreen) locate(r int32) int {
	switch {
	case s.identity:
		if int(r) < s.seen {
			return int(r)
		}
		return -1
	case s.sortCol < 0:
		// A filtered view in load order is ascending: search it.
		if pos, ok := slices.BinarySearch(s.view, r); ok {
			return pos
		}
		return -1
	}
	return findRow(s.view, r)
}

// switchFeed puts f in place of the feed and rebuilds the view from
// nothing: the old view's row numbers index the old feed, so no cursor
// anchor may carry over into the new one.
func (s *logScreen) switchFeed(f *logFeed) {
	s.feed = f
	s.seen = 0
	s.view, s.identity = nil, true
	s.tbl.SetLen(0)
	s.tbl.SetCursor(0)
	s.rebuild()
}

// rebuild recomputes the view after the filter or sort changed, keeping
// the cursor on the same row, or on the next row shown after it when the
// new filter hides it.
func (s *logScreen) rebuild() {
	oldIdentity, oldView, oldLen, oldCursor := s.identity, s.view, s.tbl.Len(), s.tbl.Cursor()
	anchor, has := int32(-1), oldLen > 0
	if has {
		anchor = s.rowAt(s.tbl.Cursor())
	}
	s.seen = s.feed.Len()
	s.match = s.matcher()
	key := s.sortKeyFunc()
	s.identity = s.match == nil && key == nil
	s.view = buildView(s.seen, s.match, key, s.sortDesc)
	s.tbl.SetLen(s.viewLen())
	if !has {
		return
	}
	pos := s.locate(anchor)
	old := func(p int) int32 {
		if oldIdentity {
			return int32(p)
		}
		return oldView[p]
	}
	for p := oldCursor + 1; pos < 0 && p < oldLen; p++ {
		if r := old(p); s.match == nil || s.match(r) {
			pos = s.locate(r)
		}
	}
	s.tbl.SetCursor(max(pos, 0))
}

// adopt switches to a feed that holds the whole range (a summary loaded
// it), keeping the cursor on the same row.
func (s *logScreen) adopt(f *logFeed) {
	id := ""
	if s.tbl.Len() > 0 {
		id = s.rowID(s.rowAt(s.tbl.Cursor()))
	}
	s.feed.abort() // the whole range is in f: a page still coming is not needed
	s.switchFeed(f)
	s.resize()
	if id == "" {
		return
	}
	if i := s.findID(id); i >= 0 {
		s.tbl.SetCursor(max(s.locate(i), 0))
	}
}

// absorb adds feed rows that arrived since the view was built.
func (s *logScreen) absorb() {
	n := s.feed.Len()
	if n == s.seen {
		return
	}
	if !s.identity {
		var anchor int32 = -1
		sorted := s.sortCol >= 0 && s.tbl.Len() > 0
		if sorted {
			anchor = s.rowAt(s.tbl.Cursor())
		}
		s.view = extendView(s.view, s.seen, n, s.match, s.sortKeyFunc(), s.sortDesc)
		s.seen = n
		s.tbl.SetLen(s.viewLen())
		if sorted {
			s.tbl.SetCursor(max(s.locate(anchor), 0))
		}
		return
	}
	s.seen = n
	s.tbl.SetLen(n)
}

func (s *logScreen) viewLen() int {
	if s.identity {
		return s.seen
	}
	return len(s.view)
}

// resize gives the table the body less the paging line, if one shows.
func (s *logScreen) resize() {
	h := s.height
	if s.feed.hasStatusLine() && s.tbl.Len() > 0 {
		h--
	}
	s.tbl.SetSize(s.width, max(h, 1))
}
