package ui

import (
	"net/url"
	"strconv"
	"time"

	"github.com/callscope/callscope/model"
	"github.com/callscope/callscope/model/redact"
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
)

// reqLogRow is a request log entry as the screen shows it: the path
// decoded for reading (and masked under --redact) once, on arrival.
type reqLogRow struct {
	RequestLogEntry
	shown string
}

// requestLogScreen lists every Graph request of this run (L): time,
// method, status, duration, try, path and request-id, newest at the
// bottom. While the cursor is on the last row it follows new requests;
// moving up pauses that, and End resumes it. enter shows one request in
// full, y copies its request-id for a support ticket.
type requestLogScreen struct {
	c      *Common
	rows   ring[reqLogRow]
	seq    uint64 // last entry read from c.Events
	lost   int    // entries that left the log before this screen read them
	follow bool
	tbl    table
	width  int
	height int
}

// requestLogColumns: the path takes the spare width; at narrow widths the
// try, duration and request-id hide in that order.
var requestLogColumns = []column{
	{Title: "Time", Min: 12, Max: 12},
	{Title: "Method", Min: 6, Max: 6},
	{Title: "Status", Min: 6, Max: 6, Right: true},
	{Title: "Duration", Min: 8, Max: 8, Right: true, Drop: 3},
	{Title: "Try", Min: 3, Max: 3, Right: true, Drop: 4},
	{Title: "Path", Min: 30, Flex: 1},
	{Title: "Request-id", Min: 36, Max: 36, Drop: 2},
}

// requestLogTimeLayout shows milliseconds: requests of one page load
// start within the same second.
const requestLogTimeLayout = "15:04:05.000"

// newRequestLogScreen makes the request log over c.Events, following.
func newRequestLogScreen(c *Common) screen {
	s := &requestLogScreen{c: c, rows: newRing[reqLogRow](RequestLogSize), follow: true}
	s.tbl = newTable(c, requestLogColumns, s.cell)
	s.tbl.SetRowStyle(s.rowStyle)
	s.absorb()
	return s
}

// Init does nothing: the entries are already here and more are pushed.
func (s *requestLogScreen) Init() tea.Cmd { return nil }

// absorb reads the entries the screen has not seen.
func (s *requestLogScreen) absorb() {
	entries, lost := s.c.Events.Since(s.seq)
	s.lost += lost
	for _, e := range entries {
		s.seq = e.Seq
		if s.rows.len() == RequestLogSize {
			s.lost++ // the oldest row leaves the screen's copy too
		}
		if s.c.Redact {
			e.Err = redact.Text(e.Err)
		}
		// The decode boundary never sees these: the request-id is a
		// header, the error a transport's words, and the path is decoded
		// here for reading (%1B would come back as ESC).
		e.Path, e.RequestID, e.Err = model.DisplaySafe(e.Path), model.DisplaySafe(e.RequestID), model.DisplaySafe(e.Err)
		s.rows.push(reqLogRow{RequestLogEntry: e, shown: model.DisplaySafe(s.display(e.Path))})
	}
	s.tbl.SetLen(s.rows.len())
	if s.follow {
		s.tbl.SetCursor(s.rows.len() - 1)
	}
}

// display decodes a request URI for reading, masking people under
// --redact: the filter of a participant search names them.
func (s *requestLogScreen) display(p string) string {
	if d, err := url.PathUnescape(p); err == nil {
		p = d
	}
	if s.c.Redact {
		p = redact.Text(p)
	}
	return p
}

// Update handles size, new entries and keys.
func (s *requestLogScreen) Update(msg tea.Msg) (screen, tea.Cmd) {
	switch msg := msg.(type) {
	case bodySizeMsg:
		s.width, s.height = msg.Width, msg.Height
		s.tbl.SetSize(s.width, s.height)
	case requestLogChangedMsg:
		s.absorb()
	case tea.KeyMsg:
		return s, s.key(msg)
	}
	return s, nil
}

func (s *requestLogScreen) key(msg tea.KeyMsg) tea.Cmd {
	k := &s.c.Keys
	if s.tbl.Update(msg) {
		s.follow = s.tbl.Cursor() >= s.rows.len()-1
		return nil
	}
	if s.rows.len() == 0 {
		return nil
	}
	row := *s.rows.at(s.tbl.Cursor())
	switch {
	case key.Matches(msg, k.Open):
		return push(s, newRequestLogDetail(s.c, row))
	case key.Matches(msg, k.CopyID):
		return copyRequestID(s.c, row)
	}
	return nil
}

// copyRequestID copies a row's request-id, or says it has none.
func copyRequestID(c *Common, row reqLogRow) tea.Cmd {
	if row.RequestID == "" {
		return flash("this request has no request-id (it got no response)", true)
	}
	return copyCmd(c.Copy, row.RequestID)
}

// cell is the table's view of row r.
func (s *requestLogScreen) cell(r, col int) string {
	e := s.rows.at(r)
	switch col {
	case 0:
		return e.Time.In(s.c.Loc()).Format(requestLogTimeLayout)
	case 1:
		if e.Throttle {
			return "WAIT"
		}
		return e.Method
	case 2:
		return statusText(e.RequestLogEntry)
	case 3:
		return fmtLatency(e.Duration)
	case 4:
		return strconv.Itoa(e.Attempt)
	case 5:
		return e.shown
	case 6:
		return orDash(e.RequestID)
	}
	return ""
}

// statusText is the status column: the HTTP status, or ERR when the try
// got no response. The text carries the meaning; colour only repeats it.
func statusText(e RequestLogEntry) string {
	if e.Status == 0 {
		if e.Err != "" {
			return "ERR"
		}
		return "—"
	}
	return strconv.Itoa(e.Status)
}

// rowStyle marks failed tries and throttle waits.
func (s *requestLogScreen) rowStyle(r int) (lipgloss.Style, bool) {
	e := s.rows.at(r)
	switch {
	case e.Throttle || e.Status == 429:
		return s.c.Styles.Warn, true
	case e.Err != "" || e.Status >= 400:
		return s.c.Styles.Danger, true
	}
	return lipgloss.Style{}, false
}

// fmtLatency shows a request's time to the nearest millisecond below ten
// seconds ("87ms", "2.128s") and in fmtDuration's form above.
func fmtLatency(d time.Duration) string {
	switch {
	case d < 0:
		return "—"
	case d < time.Second:
		return strconv.FormatInt(d.Milliseconds(), 10) + "ms"
	case d < 10*time.Second:
		return strconv.FormatFloat(d.Round(time.Millisecond).Seconds(), 'f', -1, 64) + "s"
	}
	return fmtDuration(d)
}

// View draws the table, or says why it is empty.
func (s *requestLogScreen) View() string {
	if s.rows.len() == 0 {
		if s.c.Events == nil {
			return s.c.Styles.Subtle.Render("No request log: this explorer runs without a Graph observer.")
		}
		return s.c.Styles.Subtle.Render("No Graph requests yet in this run.")
	}
	return s.tbl.View()
}

// Title is the breadcrumb segment.
func (s *requestLogScreen) Title() string { return "Requests" }

// Capturing is always false: the log has no inputs.
func (s *requestLogScreen) Capturing() bool { return false }

// Status counts the entries and says whether the view follows new ones
// (not as Loaded: nothing is paged here).
func (s *requestLogScreen) Status() Status {
	st := Status{Note: plural(s.rows.len(), "request", "requests")}
	if s.follow {
		st.Note += " · following new ones"
	} else {
		st.Note += " · paused, end follows"
	}
	if s.lost > 0 {
		st.Note += " · " + plural(s.lost, "older request", "older requests") + " dropped"
	}
	return st
}

// ShortHelp offers detail and copy when there is a row.
func (s *requestLogScreen) ShortHelp() []key.Binding {
	k := s.c.Keys
	has := s.rows.len() > 0
	return []key.Binding{k.Up, k.Down, helpIf(k.Open, has), helpIf(k.CopyID, has), k.End, k.Back}
}

// FullHelp groups the keys for the help overlay.
func (s *requestLogScreen) FullHelp() [][]key.Binding {
	k := s.c.Keys
	has := s.rows.len() > 0
	return [][]key.Binding{k.navHelp(), {helpIf(k.Open, has), helpIf(k.CopyID, has), k.Back}}
}

// openRequestLog puts the request log on the current view (L), unless it
// is already on top. It is pushed here, not through a command, so a second
// L in the same frame finds it on top instead of pushing another.
func (a *App) openRequestLog() tea.Cmd {
	if _, ok := a.top().(*requestLogScreen); ok {
		return nil
	}
	s := newRequestLogScreen(a.c)
	a.stacks[a.view] = append(a.stacks[a.view], s)
	return tea.Batch(s.Init(), a.sizeCmd(s))
}
