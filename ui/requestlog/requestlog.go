// Package requestlog is the log of this run's Graph requests (L): every
// try and throttle wait the client reported through common.Events, newest
// at the bottom, and one request in full with the request-id a support
// ticket needs.
package requestlog

import (
	"net/url"
	"strconv"
	"time"

	"github.com/callscope/callscope/model"
	"github.com/callscope/callscope/model/redact"
	"github.com/callscope/callscope/ui/common"
	"github.com/callscope/callscope/ui/table"
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
)

// entryRow is a request log entry as the screen shows it: the path
// decoded for reading (and masked under --redact) once, on arrival.
type entryRow struct {
	common.RequestLogEntry
	shown string
	// text is every cell but the time, as the search reads it (search.go),
	// and clock the time cell as last formatted, in clockLoc.
	text     string
	clock    string
	clockLoc *time.Location
}

// Screen lists every Graph request of this run (L): time,
// method, status, duration, try, path and request-id, newest at the
// bottom. While the cursor is on the last row it follows new requests;
// moving up pauses that, and End resumes it. enter shows one request in
// full, y copies its request-id for a support ticket.
type Screen struct {
	c        *common.Common
	rows     common.Ring[entryRow]
	lastRead uint64 // last entry read from c.Events
	lost     int    // entries that left the log before this screen read them
	follow   bool
	tbl      table.Table
	width    int
	height   int
}

// columns: the path takes the spare width; at narrow widths the
// try, duration and request-id hide in that order.
var columns = []table.Column{
	{Title: "Time", Min: 12, Max: 12},
	{Title: "Method", Min: 6, Max: 6},
	{Title: "Status", Min: 6, Max: 6, Right: true},
	{Title: "Duration", Min: 8, Max: 8, Right: true, Drop: 3},
	{Title: "Try", Min: 3, Max: 3, Right: true, Drop: 4},
	{Title: "Path", Min: 30, Flex: 1},
	{Title: "Request-id", Min: 36, Max: 36, Drop: 2},
}

// methodColumn is the Method column: the method, or WAIT for a throttle
// wait.
const methodColumn = 1

// timeLayout shows milliseconds: requests of one page load
// start within the same second.
const timeLayout = "15:04:05.000"

// New makes the request log over c.Events, following.
func New(c *common.Common) *Screen {
	s := &Screen{c: c, rows: common.NewRing[entryRow](common.RequestLogSize), follow: true}
	s.tbl = table.NewTable(c, columns, s.cell)
	s.tbl.SetRowStyle(s.rowStyle)
	s.absorb()
	return s
}

// Init does nothing: the entries are already here and more are pushed.
func (s *Screen) Init() tea.Cmd { return nil }

// absorb reads the entries the screen has not seen.
func (s *Screen) absorb() {
	entries, lost := s.c.Events.Since(s.lastRead)
	s.lost += lost
	for _, e := range entries {
		s.lastRead = e.Seq
		if s.rows.Len() == common.RequestLogSize {
			s.lost++ // the oldest row leaves the screen's copy too
		}
		if s.c.Redact {
			e.Err = redact.Text(e.Err)
		}
		// The decode boundary never sees these: the request-id is a
		// header, the error a transport's words, and the path is decoded
		// here for reading (%1B would come back as ESC).
		e.Path, e.RequestID, e.Err = model.DisplaySafe(e.Path), model.DisplaySafe(e.RequestID), model.DisplaySafe(e.Err)
		row := entryRow{RequestLogEntry: e, shown: model.DisplaySafe(s.display(e.Path))}
		row.text = searchText(&row) // search.go
		s.rows.Push(row)
	}
	s.tbl.SetLen(s.rows.Len())
	if s.follow {
		s.tbl.SetCursor(s.rows.Len() - 1)
	}
}

// display decodes a request URI for reading, masking people under
// --redact: the filter of a participant search names them.
func (s *Screen) display(p string) string {
	if d, err := url.PathUnescape(p); err == nil {
		p = d
	}
	if s.c.Redact {
		p = redact.Text(p)
	}
	return p
}

// Update handles size, new entries and keys.
func (s *Screen) Update(msg tea.Msg) (common.Screen, tea.Cmd) {
	switch msg := msg.(type) {
	case common.BodySizeMsg:
		s.width, s.height = msg.Width, msg.Height
		s.resize() // search.go
	case common.RequestLogChangedMsg:
		s.absorb()
		return s, s.tbl.SearchAgain(s.searchSource) // positions moved, or rows came
	case table.SearchDoneMsg:
		s.tbl.SearchLanded(msg)
	case tea.KeyMsg:
		return s, s.key(msg)
	}
	return s, nil
}

func (s *Screen) key(msg tea.KeyMsg) tea.Cmd {
	k := &s.c.Keys
	if handled, cmd := s.searchKey(msg); handled {
		return cmd
	}
	if s.tbl.Update(msg) {
		s.follow = s.tbl.Cursor() >= s.rows.Len()-1
		return nil
	}
	if s.rows.Len() == 0 {
		return nil
	}
	row := *s.rows.At(s.tbl.Cursor())
	switch {
	case key.Matches(msg, k.Open):
		return common.Push(s, newDetail(s.c, row))
	case key.Matches(msg, k.CopyID):
		return copyRequestID(s.c, row)
	}
	return nil
}

// copyRequestID copies a row's request-id, or says it has none.
func copyRequestID(c *common.Common, row entryRow) tea.Cmd {
	if row.RequestID == "" {
		return common.Flash("this request has no request-id (it got no response)", true)
	}
	return common.CopyCmd(c.Copy, row.RequestID)
}

// cell is the table's view of row r.
func (s *Screen) cell(r, col int) string { return cellOf(s.rows.At(r), col, s.c.Loc()) }

// cellOf is column col of entry e, as the table shows it and the search
// reads it.
func cellOf(e *entryRow, col int, loc *time.Location) string {
	switch col {
	case 0:
		return e.Time.In(loc).Format(timeLayout)
	case methodColumn:
		if e.Throttle {
			return "WAIT"
		}
		return e.Method
	case 2:
		return statusText(e.RequestLogEntry)
	case 3:
		return formatLatency(e.Duration)
	case 4:
		return strconv.Itoa(e.Attempt)
	case 5:
		return e.shown
	case 6:
		return common.OrDash(e.RequestID)
	}
	return ""
}

// statusText is the status column: the HTTP status, or ERR when the try
// got no response. The text carries the meaning; colour only repeats it.
func statusText(e common.RequestLogEntry) string {
	if e.Status == 0 {
		if e.Err != "" {
			return "ERR"
		}
		return "—"
	}
	return strconv.Itoa(e.Status)
}

// rowStyle marks failed tries and throttle waits.
func (s *Screen) rowStyle(r int) (lipgloss.Style, bool) {
	e := s.rows.At(r)
	switch {
	case e.Throttle || e.Status == 429:
		return s.c.Styles.Warn, true
	case e.Err != "" || e.Status >= 400:
		return s.c.Styles.Danger, true
	}
	return lipgloss.Style{}, false
}

// formatLatency shows a request's time to the nearest millisecond below ten
// seconds ("87ms", "2.128s") and in common.FormatDuration's form above.
func formatLatency(d time.Duration) string {
	switch {
	case d < 0:
		return "—"
	case d < time.Second:
		return strconv.FormatInt(d.Milliseconds(), 10) + "ms"
	case d < 10*time.Second:
		return strconv.FormatFloat(d.Round(time.Millisecond).Seconds(), 'f', -1, 64) + "s"
	}
	return common.FormatDuration(d)
}

// View draws the table, or says why it is empty.
func (s *Screen) View() string {
	if s.rows.Len() == 0 {
		if s.c.Events == nil {
			return s.c.Styles.Subtle.Render("No request log: this explorer runs without a Graph observer.")
		}
		return s.c.Styles.Subtle.Render("No Graph requests yet in this run.")
	}
	return s.tbl.View() + s.searchLine()
}

// Len is the number of entries listed.
func (s *Screen) Len() int { return s.rows.Len() }

// Title is the breadcrumb segment.
func (s *Screen) Title() string { return "Requests" }

// Capturing reports the search line open.
func (s *Screen) Capturing() bool { return s.tbl.Search().Typing() }

// Status counts the entries and says whether the view follows new ones
// (not as Loaded: nothing is paged here).
func (s *Screen) Status() common.Status {
	st := common.Status{Note: common.Plural(s.rows.Len(), "request", "requests"), Filter: s.searchWords()}
	if s.follow {
		st.Note += " · following new ones"
	} else {
		st.Note += " · paused, end follows"
	}
	if s.lost > 0 {
		st.Note += " · " + common.Plural(s.lost, "older request", "older requests") + " dropped"
	}
	return st
}

// ShortHelp offers detail, copy and search when there is a row; the
// search line's keys while it is typed.
func (s *Screen) ShortHelp() []key.Binding {
	if s.tbl.Search().Typing() {
		return s.tbl.Search().TypingHelp()
	}
	k := s.c.Keys
	return append([]key.Binding{k.Up, k.Down}, s.actions()...)
}

// FullHelp groups the keys for the help overlay.
func (s *Screen) FullHelp() [][]key.Binding {
	return [][]key.Binding{s.c.Keys.NavHelp(), s.actions()}
}

// actions are the log's keys: a kept search's n, N and esc lead.
func (s *Screen) actions() []key.Binding {
	k := s.c.Keys
	has := s.rows.Len() > 0
	acts := []key.Binding{common.HelpIf(k.Open, has), common.HelpIf(k.CopyID, has), common.HelpIf(k.Search, has), k.End}
	if kept := s.tbl.Search().KeptHelp(); len(kept) > 0 {
		return append(kept, acts...) // its esc clears the search before the log closes
	}
	return append(acts, k.Back)
}
