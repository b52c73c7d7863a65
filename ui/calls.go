package ui

import (
	"context"
	"sync/atomic"
	"time"

	"github.com/callscope/callscope/graphclient"
	"github.com/callscope/callscope/model"
	"github.com/callscope/callscope/model/redact"
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
)

// callsPageMsg carries one page of call records, or the error fetching it,
// for the request reqID.
type callsPageMsg struct {
	reqID uint64
	page  *model.Page[model.CallRecord]
	err   error
}

// reqSeq numbers requests across every screen, so a result can never be
// taken by a screen that did not ask for it.
var reqSeq atomic.Uint64

// newReqID returns a request id unique in this process (never 0, which
// screens use for "nothing in flight").
func newReqID() uint64 { return reqSeq.Add(1) }

// callsPageTimeout bounds one page fetch including the client's retries.
const callsPageTimeout = 3 * time.Minute

// callsSelect is what the list shows; the record screen fetches the rest.
var callsSelect = []string{"id", "type", "modalities", "startDateTime", "endDateTime", "organizer", "organizer_v2"}

// fetchCallsPage fetches the page at next ("" for the first) of q; esc
// or a reload cancels ctx.
func fetchCallsPage(ctx context.Context, c *graphclient.Client, id uint64, q graphclient.CallQuery, next string) tea.Cmd {
	return func() tea.Msg {
		if c == nil {
			return callsPageMsg{reqID: id, err: errNoClient}
		}
		ctx, cancel := context.WithTimeout(ctx, callsPageTimeout)
		defer cancel()
		page, err := c.ListCallRecords(ctx, q, next)
		return callsPageMsg{reqID: id, page: page, err: err}
	}
}

// callColumns: organizer takes most of the spare width, so at 120 columns
// a 30-cell name shows whole; at narrow widths modalities, type, duration
// and id hide in that order.
var callColumns = []column{
	{Title: "Start", Min: 19, Max: 19},
	{Title: "Duration", Min: 8, Max: 8, Right: true, Drop: 3},
	{Title: "Type", Min: 10, Max: 10, Drop: 4},
	{Title: "Modalities", Min: 10, Max: 28, Flex: 1, Drop: 5},
	{Title: "Organizer", Min: 14, Flex: 3},
	{Title: "Id", Min: 9, Max: 9, Drop: 2},
}

// callsScreen lists call records newest first, paging lazily as the cursor
// nears the end of what is loaded.
type callsScreen struct {
	c      *Common
	filter CallFilter
	rows   *callRows
	tbl    table
	form   *form

	// pager: where paging stands (pending, next, err, …); loaded rows stay
	// through a failure or esc.
	pager

	cmd callsCmd // the ":" prompt's person lookup (cmdline_calls.go)

	person formPerson // the filter form's participant lookup (people_calls.go)

	width, height int
}

// newCallsScreen makes the list with filter f applied; Init fetches.
func newCallsScreen(c *Common, f CallFilter) *callsScreen {
	s := &callsScreen{c: c, filter: f, rows: newCallRows()}
	s.cmd.whoID, s.cmd.who = f.Participant, f.ParticipantName // the header's name, as after ":user"
	if c.Redact {
		s.cmd.who = redact.Name(s.cmd.who)
	}
	s.tbl = newTable(c, callColumns, s.cell)
	return s
}

// Init fetches the first page.
func (s *callsScreen) Init() tea.Cmd { return s.reload() }

// Title is the breadcrumb segment.
func (s *callsScreen) Title() string { return "Calls" }

// Capturing reports the filter form open.
func (s *callsScreen) Capturing() bool { return s.form != nil }

// Status feeds the frame.
func (s *callsScreen) Status() Status {
	st := Status{
		Loaded:   s.rows.Len(),
		More:     s.next != "" || s.stopped,
		Loading:  s.pending != 0,
		Activity: "call records",
		Err:      s.fault(),
		Filter:   s.filterWords(),
		Note:     s.stopWords("rows", s.c.Keys.Reload.Help().Key),
	}
	s.cmdStatus(&st)
	return st
}

// Update handles size, pages, preferences and keys.
func (s *callsScreen) Update(msg tea.Msg) (screen, tea.Cmd) {
	switch msg := msg.(type) {
	case bodySizeMsg:
		s.width, s.height = msg.Width, msg.Height
		s.resize()
		if s.form != nil {
			s.form.SetWidth(s.width)
		}
		return s, s.maybeFetch()
	case callsPageMsg:
		return s, s.onPage(msg)
	case personResolvedMsg:
		if cmd, mine := s.onFormPerson(msg); mine { // the filter form's (people_calls.go)
			return s, cmd
		}
		return s, s.onPersonResolved(msg)
	case tea.KeyMsg:
		if s.form != nil {
			return s, s.formKey(msg)
		}
		return s, s.key(msg)
	}
	// prefsChangedMsg needs nothing: cells format times in c.Loc() as drawn.
	return s, nil
}

func (s *callsScreen) key(msg tea.KeyMsg) tea.Cmd {
	k := &s.c.Keys
	if s.tbl.Update(msg) {
		return s.maybeFetch()
	}
	n := s.rows.Len()
	switch {
	case key.Matches(msg, k.Open) && n > 0:
		return push(s, newRecordScreen(s.c, s.rows.ID(s.tbl.Cursor())))
	case key.Matches(msg, k.Back) && s.stop():
		// esc stops the load in flight; the rows that arrived stay.
		s.resize()
	case key.Matches(msg, k.Reload):
		if s.err != nil && s.pending == 0 {
			return s.retry()
		}
		return s.reload()
	case key.Matches(msg, k.CopyID) && n > 0:
		return copyCmd(s.c.Copy, s.rows.ID(s.tbl.Cursor()))
	case key.Matches(msg, k.Export):
		if n == 0 {
			return flash("nothing to export yet", true)
		}
		return s.export()
	case key.Matches(msg, k.Filter):
		s.form = newCallsFilterForm(s.c, s.filter)
		s.watchFormPerson() // people_calls.go
		s.form.SetWidth(s.width)
	}
	return nil
}

// formKey feeds the filter form; an applied filter replaces the list, a
// cancelled one leaves it untouched.
func (s *callsScreen) formKey(msg tea.KeyMsg) tea.Cmd {
	res, cmd := s.form.Update(msg)
	switch res {
	case formApplied:
		// The newest filter wins: a ":user" lookup still out is dropped.
		s.cmd.waiting, s.cmd.asking = 0, false
		f, _ := parseCallFilter(s.form.Values(), s.c.Now())
		if lookup := s.resolveFormPerson(&f); lookup != nil { // a UPN or name: people_calls.go
			return lookup
		}
		s.form = nil
		s.filter = f
		return s.reload()
	case formCancelled:
		s.form = nil
	}
	return cmd
}

// query is the Graph query for the current filter.
func (s *callsScreen) query() graphclient.CallQuery {
	return graphclient.CallQuery{From: s.filter.From, To: s.filter.To, Participant: s.filter.Participant, Select: callsSelect}
}

// reload drops every row and fetches the first page: r replaces, never
// appends. A request still in flight is cancelled, and its result dropped
// on arrival.
func (s *callsScreen) reload() tea.Cmd {
	s.rows = newCallRows()
	s.tbl.SetLen(0)
	s.tbl.SetCursor(0)
	// The client builds the first page's URL and does not say it, so a
	// link back to page one is caught one page later; no row doubles.
	s.reset("")
	s.resize()
	return s.fetch()
}

// retry asks again for the page that failed, keeping the rows.
func (s *callsScreen) retry() tea.Cmd {
	cmd := s.fetch()
	s.resize()
	return cmd
}

// fetch asks for the page paging stands at.
func (s *callsScreen) fetch() tea.Cmd {
	link := s.resume()
	id, ctx := s.begin(link)
	return fetchCallsPage(ctx, s.c.Client, id, s.query(), link)
}

// maybeFetch asks for the next page when the cursor is within a screenful
// of the last loaded row, nothing is in flight and no error waits for r.
func (s *callsScreen) maybeFetch() tea.Cmd {
	if !s.started || !s.canFetch() {
		return nil
	}
	if s.rows.Len()-1-s.tbl.Cursor() > s.tbl.PageSize() {
		return nil
	}
	return s.fetch()
}

func (s *callsScreen) onPage(msg callsPageMsg) tea.Cmd {
	if msg.page != nil && msg.reqID == s.pending {
		redactCalls(s.c, msg.page.Value)
	}
	if !takePage(&s.pager, msg.reqID, msg.page, msg.err, callID, s.rows.add) {
		return nil
	}
	s.tbl.SetLen(s.rows.Len())
	s.resize()
	return s.maybeFetch()
}

// callID is a record's id, which no list holds twice.
func callID(r *model.CallRecord) string { return r.ID }

// resize gives the table the body less the paging line, if one shows.
func (s *callsScreen) resize() {
	h := s.height
	if s.hasStatusLine() && s.rows.Len() > 0 {
		h--
	}
	s.tbl.SetSize(s.width, max(h, 1))
}

// cell is the table's view of row r: only what the columns show.
func (s *callsScreen) cell(r, col int) string {
	switch col {
	case 0:
		return fmtStartUnix(s.rows.StartUnix(r), s.c.Loc())
	case 1:
		return fmtSeconds(s.rows.DurationSecs(r))
	case 2:
		return s.rows.Type(r)
	case 3:
		return s.rows.Modalities(r)
	case 4:
		return s.rows.Organizer(r)
	case 5:
		return s.rows.ShortID(r)
	}
	return ""
}

// callsExportHeader names the exported columns; times are RFC 3339 UTC and
// durations whole seconds, so the files sort and sum without parsing ours.
var callsExportHeader = []string{"id", "startDateTime", "durationSeconds", "type", "modalities", "organizer"}

func (s *callsScreen) export() tea.Cmd {
	rows := s.rows.snapshot()
	row := func(i int, rec []string) {
		rec[0] = rows.ID(i)
		if sec := rows.StartUnix(i); sec != 0 {
			rec[1] = model.FormatGraphTime(time.Unix(sec, 0))
		}
		if d := rows.DurationSecs(i); d >= 0 {
			rec[2] = itoa(d)
		}
		rec[3], rec[4], rec[5] = rows.Type(i), rows.Modalities(i), rows.Organizer(i)
	}
	return exportCmd(s.c.ExportDir, "calls", s.c.Now(), callsExportHeader, rows.Len(), row)
}

// ShortHelp offers what applies now.
func (s *callsScreen) ShortHelp() []key.Binding {
	k := s.c.Keys
	if s.form != nil {
		return []key.Binding{k.Apply, k.NextField, k.Back}
	}
	has := s.rows.Len() > 0
	k.Open.SetEnabled(has)
	k.CopyID.SetEnabled(has)
	k.Export.SetEnabled(has)
	if s.pending != 0 {
		return []key.Binding{k.Up, k.Down, k.Open, stopKey(k), k.Filter, k.Reload, k.CopyID, k.Export}
	}
	return []key.Binding{k.Up, k.Down, k.Open, k.Filter, k.Reload, k.CopyID, k.Export}
}

// FullHelp groups the keys for the help overlay.
func (s *callsScreen) FullHelp() [][]key.Binding {
	k := s.c.Keys
	has := s.rows.Len() > 0
	k.Open.SetEnabled(has)
	k.CopyID.SetEnabled(has)
	k.Export.SetEnabled(has)
	acts := []key.Binding{k.Open, k.Filter, k.Reload, k.CopyID, k.Export}
	if s.pending != 0 {
		acts = append([]key.Binding{stopKey(k)}, acts...)
	}
	return [][]key.Binding{k.navHelp(), acts}
}
