// Package calls is the calls screen: the call records of a time range,
// newest first, paged lazily, with the filter form, the ":" prompt's from,
// to and user directives, and the person lookup they share (ui/people).
package calls

import (
	"context"
	"time"

	"github.com/callscope/callscope/graphclient"
	"github.com/callscope/callscope/model"
	"github.com/callscope/callscope/model/redact"
	"github.com/callscope/callscope/ui/common"
	"github.com/callscope/callscope/ui/people"
	"github.com/callscope/callscope/ui/rowstore"
	"github.com/callscope/callscope/ui/table"
	tea "github.com/charmbracelet/bubbletea"
)

// pageMsg carries one time window of call records, newest first, or the
// error fetching it, for the request reqID; offline, a page of the store.
// writeErr is why the window could not be written to the store; unjudged
// counts the stored calls a participant filter could not judge.
type pageMsg struct {
	reqID    uint64
	page     *model.Page[model.CallRecord]
	err      error
	writeErr error
	unjudged int
}

// callsPageTimeout bounds one window's fetch (all its pages) including the
// client's retries.
const callsPageTimeout = 3 * time.Minute

// selectFields is what the list shows; the record screen fetches the rest.
// With a store the list asks for whole rows, as sync does: the store keeps
// what Graph sent, and `calls --offline` prints it back.
// version and lastModifiedDateTime tell a watch poll which calls changed
// since their verdict was had (watch.go).
var selectFields = []string{"id", "version", "lastModifiedDateTime", "type", "modalities", "startDateTime", "endDateTime",
	"organizer", "organizer_v2"}

// fetchPage fetches the window at cursor next ("" for the newest) of q,
// read whole and sorted newest first by the client, whatever order Graph
// pages in; esc or a reload cancels ctx.
func fetchPage(ctx context.Context, c *graphclient.Client, id uint64, q graphclient.CallQuery, next string) tea.Cmd {
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(ctx, callsPageTimeout)
		defer cancel()
		page, err := c.ListCallRecordsNewest(ctx, q, next)
		return pageMsg{reqID: id, page: page, err: err}
	}
}

// columns: organizer keeps 30 cells, so a 30-cell name shows whole, and
// Result and Quality take most of the spare width (they carry the why); at narrow widths
// modalities (already at 120 columns), type, duration, id, then Result and
// Quality hide in that order.
var columns = []table.Column{
	{Title: "Start", Min: 19, Max: 19},
	{Title: "Duration", Min: 8, Max: 8, Right: true, Drop: 3},
	{Title: "Type", Min: 10, Max: 10, Drop: 4},
	{Title: "Modalities", Min: 10, Max: 28, Flex: 1, Drop: 5},
	{Title: "Organizer", Min: 30, Max: 30},
	{Title: "Result", Min: 10, Max: 44, Flex: 4, Drop: 1},
	{Title: "Quality", Min: 10, Max: 32, Flex: 3, Drop: 1},
	{Title: "Id", Min: 9, Max: 9, Drop: 2},
}

// Column indexes of cell.
const (
	colStart = iota
	colDuration
	colType
	colModalities
	colOrganizer
	colResult
	colQuality
	colID
)

// unknownCell is a Result or Quality not fetched yet.
const unknownCell = "…"

// Screen lists call records newest first, loading the next older time
// window lazily as the cursor nears the end of what is loaded.
type Screen struct {
	c      *common.Common
	filter Filter
	rows   *rowstore.CallRows
	tbl    table.Table
	form   *table.Form

	// pager: where paging stands (pending, next, err, …); loaded rows stay
	// through a failure or esc.
	table.Pager

	prompt promptLookup // the ":" prompt's person lookup (prompt.go)

	person formPerson // the filter form's participant lookup (person.go)

	enrich enrichment // Result and Quality, fetched in the background (enrich.go)

	stored storeList // the local store's part in the list (list_store.go)

	// view is the table's rows as row indexes when sorted or filtered by
	// verdict, nil for the rows newest first (order.go).
	view []int32
	// order is the row indexes newest first when the store and Graph both
	// feed the list, nil when the rows as loaded are newest first.
	order                []int32
	sort                 sortBy
	failedOnly, poorOnly bool // the prompt's :failed and :poor

	width, height int
}

// New makes the list with filter f applied; Init fetches. A range given
// as words (f.Range) is read here at c.Now; without words, f's instants
// are the range.
func New(c *common.Common, f Filter) *Screen {
	if f.Range.SameWords(common.Range{}) {
		f.Range = common.RangeOf(f.From, f.To)
	} else if from, to, err := f.Range.Resolve(c.Now(), 0); err == nil {
		f.From, f.To = from, to
	}
	if f.Range.Loc == nil {
		f.Range.Loc = c.Loc()
	}
	s := &Screen{c: c, filter: f, rows: rowstore.NewCallRows()}
	s.prompt.whoID, s.prompt.who = f.Participant, f.ParticipantName // the header's name, as after ":user"
	if c.Redact {
		s.prompt.who = redact.Name(s.prompt.who)
	}
	s.tbl = table.NewTable(c, columns, s.cell)
	return s
}

// Filter is the server-side filter the list shows.
func (s *Screen) Filter() Filter { return s.filter }

// AwaitingPerson reports a filter held back until a person is looked up or
// picked from the pick list (":user" with a name, or a participant name
// given at start).
func (s *Screen) AwaitingPerson() bool { return s.prompt.waiting != 0 }

// Init fetches the first page.
func (s *Screen) Init() tea.Cmd { return s.reload() }

// Title is the breadcrumb segment.
func (s *Screen) Title() string { return "Calls" }

// Capturing reports the filter form or the search line open.
func (s *Screen) Capturing() bool { return s.form != nil || s.tbl.Search().Typing() }

// Status feeds the frame.
func (s *Screen) Status() common.Status {
	st := common.Status{
		Loaded:   s.rows.Len(),
		More:     s.Next != "" || s.Stopped,
		Loading:  s.Pending != 0,
		Activity: "call records",
		Err:      s.Fault(),
		Filter:   join(join(s.headerRange(), s.viewWords()), s.searchWords()),
		Note:     join(join(s.StopWords("rows", s.c.Keys.Reload.Help().Key), s.enrichWords()), s.unjudgedWords()),
		Source:   s.source(),
	}
	s.promptStatus(&st)
	return st
}

// Update handles size, pages, preferences and keys.
func (s *Screen) Update(msg tea.Msg) (common.Screen, tea.Cmd) {
	switch msg := msg.(type) {
	case common.BodySizeMsg:
		s.width, s.height = msg.Width, msg.Height
		s.resize()
		if s.form != nil {
			s.form.SetWidth(s.width)
		}
		return s, s.maybeFetch()
	case pageMsg:
		return s, s.onPage(msg)
	case storedMsg:
		return s, s.onStored(msg)
	case spanMsg:
		s.onSpan(msg)
		return s, nil
	case enrichedMsg:
		return s, s.onEnriched(msg)
	case table.SearchDoneMsg:
		s.tbl.SearchLanded(msg)
		return s, s.maybeFetch()
	case people.ResolvedMsg:
		if cmd, mine := s.onFormPerson(msg); mine { // the filter form's (person.go)
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

// formKey feeds the filter form; an applied filter replaces the list, a
// cancelled one leaves it untouched.
func (s *Screen) formKey(msg tea.KeyMsg) tea.Cmd {
	res, cmd := s.form.Update(msg)
	switch res {
	case table.FormApplied:
		// The newest filter wins: a ":user" lookup still out is dropped.
		s.prompt.waiting, s.prompt.asking = 0, false
		f, _ := parseFilter(s.form.Values(), s.c.NowInZone())
		if lookup := s.resolveFormPerson(&f); lookup != nil { // a UPN or name: person.go
			return lookup
		}
		s.form = nil
		s.filter = f
		return s.reload()
	case table.FormCancelled:
		s.form = nil
	}
	return cmd
}

// query is the Graph query for the current filter. An open end is read
// at the screen's clock (to now, from 30 days before now), so the range
// the windows walk is the one the header names; the client keeps it in
// its cursor, so every later window walks the same range.
func (s *Screen) query() graphclient.CallQuery { return s.queryFor(s.filter) }

// queryFor is query for filter f (a watch poll's range read again).
func (s *Screen) queryFor(f Filter) graphclient.CallQuery {
	q := graphclient.CallQuery{From: f.From, To: f.To, Participant: f.Participant, Select: selectFields}
	if s.c.Store != nil {
		q.Select = nil
	}
	now := s.c.Now()
	if q.To.IsZero() {
		q.To = now
	}
	if q.From.IsZero() {
		// Before To even when To is older than Graph keeps records.
		q.From = now.Add(-retention)
		if !q.From.Before(q.To) {
			q.From = q.To.Add(-retention)
		}
	}
	return q
}

// reload drops every row and fetches the first page: r replaces, never
// appends. A request still in flight is cancelled, and its result dropped
// on arrival.
func (s *Screen) reload() tea.Cmd {
	s.rows = rowstore.NewCallRows()
	q := s.query()
	s.enrich.restart(q.From, q.To)
	s.view = nil
	s.order = nil
	if s.merging() {
		s.order = []int32{}
	}
	s.tbl.SetLen(0)
	s.tbl.SetCursor(0)
	s.tbl.SetRowStyle(nil) // a watch's marks were of the old rows
	// The client builds the first page's URL and does not say it, so a
	// link back to page one is caught one page later; no row doubles.
	s.Reset("")
	s.resize()
	return s.searchAgain(tea.Batch(s.fetch(), s.readStore()))
}

// rereadRange reads the range's words again at the clock's now, so that r
// during an incident shows calls up to the current time; a range that no
// longer reads (it cannot, once it did) keeps its instants.
func (s *Screen) rereadRange() {
	from, to, err := s.filter.Range.Resolve(s.c.Now(), 0)
	if err == nil && model.ValidateRange(from, to) == nil {
		s.filter.From, s.filter.To = from, to
	}
}

// retry asks again for the page that failed, keeping the rows.
func (s *Screen) retry() tea.Cmd {
	cmd := s.fetch()
	s.resize()
	return cmd
}

// fetch asks for the page paging stands at: Graph's window, written to
// the store if one is kept, or offline the store's page.
func (s *Screen) fetch() tea.Cmd {
	link := s.Resume()
	id, ctx := s.Begin(link)
	if s.c.Offline && s.c.Store != nil {
		return fetchStoredPage(ctx, s.c.Store, id, s.storeRange(), link, s.filter.Participant)
	}
	return fetchWindow(ctx, s.c.Client, s.windowWrites(), id, s.query(), link)
}

// maybeFetch asks for the next page when the cursor is within a screenful
// of the last loaded row, nothing is in flight and no error waits for r.
// With stored rows shown, the rows loaded count as far as Graph has
// listed: its walk goes on until it has refreshed past the cursor, even
// through windows that hold nothing new.
func (s *Screen) maybeFetch() tea.Cmd {
	if !s.Started || !s.CanFetch() {
		return nil
	}
	loaded := s.viewLen()
	if s.merging() {
		loaded = min(loaded, s.stored.listed)
	}
	if loaded-1-s.tbl.Cursor() > s.tbl.PageSize() {
		return nil
	}
	return s.fetch()
}

func (s *Screen) onPage(msg pageMsg) tea.Cmd {
	if msg.page != nil && msg.reqID == s.Pending {
		common.RedactCalls(s.c, msg.page.Value)
	}
	from := s.rows.Len()
	if !table.TakePage(&s.Pager, msg.reqID, msg.page, msg.err, callID, s.rows.Add) {
		return nil
	}
	s.landed(from)
	said := s.onWindowStored(msg) // first: it counts how far Graph has listed
	return s.searchAgain(tea.Batch(s.maybeFetch(), s.pumpEnrichment(), said))
}

// callID is a record's id, which no list holds twice.
func callID(r *model.CallRecord) string { return r.ID }

// resize gives the table the body less the paging line and the search
// line, if they show.
func (s *Screen) resize() {
	h := s.height
	if s.HasStatusLine() && s.rows.Len() > 0 {
		h--
	}
	if s.tbl.Search().Typing() {
		h--
	}
	s.tbl.SetSize(s.width, max(h, 1))
}

// cell is the table's view of position p: only what the columns show.
func (s *Screen) cell(p, col int) string {
	r := s.rowAt(p)
	switch col {
	case colStart:
		return common.FormatStartUnix(s.rows.StartUnix(r), s.c.Loc())
	case colDuration:
		return common.FormatSeconds(s.rows.DurationSecs(r))
	case colType:
		return s.rows.Type(r)
	case colModalities:
		return s.rows.Modalities(r)
	case colOrganizer:
		return s.rows.Organizer(r)
	case colResult, colQuality:
		v := s.enrich.verdictAt(r)
		switch {
		case v.result == "":
			return unknownCell // a verdict read again after a watch poll shows until it lands
		case col == colResult:
			return v.result
		}
		return v.quality
	case colID:
		return s.rows.ShortID(r)
	}
	return ""
}
