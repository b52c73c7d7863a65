package record

import (
	"strings"

	"github.com/callscope/callscope/model"
	"github.com/callscope/callscope/ui/common"
	"github.com/callscope/callscope/ui/table"
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"
)

// Linked lists a call's rows in the Direct Routing or PSTN log (o on a
// record, or ":open" of a PSTN callId): enter or v shows a row's JSON, o
// on a Direct Routing row opens the call record of its correlationId, r
// asks Graph again.
type Linked struct {
	c *common.Common
	q LinkQuery
	table.Flight
	rows      []linkedRow
	searched  bool // a search landed
	fromGraph bool
	err       error
	tbl       table.Table
	raw       *table.RawView
	width     int
	height    int
}

// The columns of a Linked table.
const (
	linkedStartColumn = iota
	linkedUserColumn
	linkedCallerColumn
	linkedCalleeColumn
	linkedDetailColumn
	linkedResultColumn
)

func linkedColumns(pstn bool) []table.Column {
	detail, result := "Trunk", "Result"
	if pstn {
		detail, result = "Call type", "Duration"
	}
	return []table.Column{
		linkedStartColumn:  {Title: "Start", Min: 16},
		linkedUserColumn:   {Title: "User", Min: 12, Flex: 2, Drop: 1},
		linkedCallerColumn: {Title: "Caller →", Min: 14, Flex: 2},
		linkedCalleeColumn: {Title: "Callee", Min: 14, Flex: 2},
		linkedDetailColumn: {Title: detail, Min: 10, Flex: 2, Drop: 2},
		linkedResultColumn: {Title: result, Min: 10, Flex: 2},
	}
}

// NewLinked lists the rows q asks for; Init searches.
func NewLinked(c *common.Common, q LinkQuery) *Linked {
	s := &Linked{c: c, q: q}
	s.tbl = table.NewTable(c, linkedColumns(q.Pstn), s.cell)
	return s
}

// DirectRowsOf asks for the Direct Routing rows of call record id, whose
// correlationId is the record's id (docs/graph-api.md §4.9; issue #3061 of
// microsoft-graph-docs-contrib), read over the record's span widened by
// linkWindow.
func DirectRowsOf(rec *model.CallRecord) LinkQuery {
	id := rec.ID
	from, to := rec.StartDateTime.Time, rec.EndDateTime.Time
	if to.Before(from) {
		to = from // a record still being written
	}
	return LinkQuery{From: from.Add(-linkWindow), To: to.Add(linkWindow),
		What:   "Direct Routing rows with correlationId " + id,
		Direct: func(r *model.DirectRoutingRow) bool { return strings.EqualFold(r.CorrelationID, id) }}
}

func (s *Linked) source() linkSource {
	return linkSource{client: s.c.Client, store: s.c.Store, offline: s.c.Offline, redact: s.c.Redact}
}

func (s *Linked) search(askGraph bool) tea.Cmd {
	id, ctx := s.Start()
	s.err = nil
	return findLinked(ctx, s.source(), id, s.q, askGraph)
}

// Init searches the store, then Graph when the store has none.
func (s *Linked) Init() tea.Cmd { return s.search(false) }

// Update handles keys, sizes and this screen's search result.
func (s *Linked) Update(msg tea.Msg) (common.Screen, tea.Cmd) {
	switch msg := msg.(type) {
	case common.BodySizeMsg:
		s.width, s.height = msg.Width, msg.Height
		s.layout()
	case linkedFoundMsg:
		if !s.Land(msg.reqID) {
			return s, nil
		}
		s.err = msg.err
		if msg.err == nil || s.c.Offline {
			s.rows, s.fromGraph, s.searched = msg.rows, msg.fromGraph, true
			s.tbl.SetLen(len(s.rows))
		}
		return s, storeFlash(msg.storeErr)
	case tea.KeyMsg:
		return s, s.onKey(msg)
	}
	return s, nil
}

func (s *Linked) onKey(msg tea.KeyMsg) tea.Cmd {
	k := s.c.Keys
	has := s.tbl.Len() > 0
	switch {
	case key.Matches(msg, k.Back) && s.raw != nil, key.Matches(msg, k.RawJSON) && s.raw != nil:
		s.raw = nil
	case s.raw != nil:
		r := s.raw.Update(msg, k)
		s.raw = &r
	case key.Matches(msg, k.Open, k.RawJSON) && has:
		row := &s.rows[s.tbl.Cursor()]
		var v any = row.value
		what := "Decoded JSON · row " + common.ShortID(row.id)
		if row.raw != nil {
			v, what = row.raw, "Graph's JSON · row "+common.ShortID(row.id)
		}
		r := table.NewRawView(k, what, v, s.width, s.height)
		s.raw = &r
	case key.Matches(msg, k.OpenRecord) && has && !s.q.Pstn:
		if id := s.rows[s.tbl.Cursor()].correlation; id != "" {
			return common.Push(s, New(s.c, id))
		}
		return common.Flash("this row has no correlation id to open", true)
	case key.Matches(msg, k.CopyID) && has:
		return common.CopyCmd(s.c.Copy, s.rows[s.tbl.Cursor()].id)
	case key.Matches(msg, k.Reload):
		return s.search(true)
	default:
		s.tbl.Update(msg)
	}
	return nil
}

func (s *Linked) layout() {
	s.tbl.SetSize(s.width, max(s.height-2, 1))
	if s.raw != nil {
		s.raw.SetSize(s.width, s.height)
	}
}

func (s *Linked) cell(row, col int) string {
	r := &s.rows[row]
	switch col {
	case linkedStartColumn:
		return common.FormatShortTime(r.start, s.c.Loc())
	case linkedUserColumn:
		return model.DisplaySafe(r.user)
	case linkedCallerColumn:
		return model.DisplaySafe(r.caller)
	case linkedCalleeColumn:
		return model.DisplaySafe(r.callee)
	case linkedDetailColumn:
		return model.DisplaySafe(r.detail)
	}
	return r.result
}

// View is the title line, then the rows or what stands in for them.
func (s *Linked) View() string {
	st := s.c.Styles
	if s.raw != nil {
		return s.raw.View(st)
	}
	var v string
	switch {
	case s.err != nil:
		v = strings.Join(errorLines(st, "Could not read "+s.q.What, s.err), "\n")
	case s.Pending != 0 && !s.searched:
		v = st.Subtle.Render("Looking for " + s.q.What + " between " + s.span() + "…")
	case len(s.rows) == 0:
		v = st.Subtle.Render("No " + s.q.What + " between " + s.span() + " (" + s.sourceWords() + "); r asks Graph again")
	default:
		title := st.Title.Render(model.DisplaySafe(s.q.What)) + st.Subtle.Render(" · "+common.FormatCount(len(s.rows))+" from "+s.sourceWords())
		return ansi.Truncate(title, max(s.width, 1), "…") + "\n\n" + s.tbl.View()
	}
	if s.width > 0 {
		v = ansi.Wrap(v, s.width, "")
	}
	return v
}

func (s *Linked) span() string {
	loc := s.c.Loc()
	return common.FormatShortTime(s.q.From, loc) + " and " + common.FormatShortTime(s.q.To, loc)
}

func (s *Linked) sourceWords() string {
	switch {
	case s.fromGraph:
		return "Graph"
	case s.c.Store != nil:
		return "the store"
	}
	return "Graph"
}

// Closed cancels the search in flight when esc leaves the screen.
func (s *Linked) Closed() { s.Abort() }

// ClaimsBack lets esc close a row's JSON before the screen.
func (s *Linked) ClaimsBack() bool { return s.raw != nil }

// Title is the breadcrumb.
func (s *Linked) Title() string {
	if s.q.Pstn {
		return "PSTN rows"
	}
	return "Direct Routing rows"
}

// Capturing is false: no text input.
func (s *Linked) Capturing() bool { return false }

// Status reports the rows found and the search in flight.
func (s *Linked) Status() common.Status {
	st := common.Status{Loaded: len(s.rows), Loading: s.Pending != 0, Err: s.err}
	if s.Pending != 0 {
		st.Activity = s.Title()
	}
	return st
}

// ShortHelp offers what applies to the row under the cursor.
func (s *Linked) ShortHelp() []key.Binding {
	k := s.c.Keys
	has := s.tbl.Len() > 0 && s.raw == nil
	open := k.OpenRecord
	open.SetEnabled(has && !s.q.Pstn)
	return []key.Binding{common.HelpIf(k.RawJSON, has), open, common.HelpIf(k.CopyID, has), k.Reload, k.Back}
}

// FullHelp adds movement.
func (s *Linked) FullHelp() [][]key.Binding {
	return [][]key.Binding{s.c.Keys.NavHelp(), s.ShortHelp()}
}
