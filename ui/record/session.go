package record

import (
	"strconv"
	"strings"

	"github.com/callscope/callscope/model"
	"github.com/callscope/callscope/model/quality"
	"github.com/callscope/callscope/ui/common"
	"github.com/callscope/callscope/ui/table"
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
)

// segmentRow is one line of the session screen: a segment (media and stream
// -1) or one stream of one of its media.
type segmentRow struct {
	segment, media, stream int
	// label is the "#" cell: "2" for a segment, "2.1" for its first stream.
	label string
}

// Columns of the session screen's table. A segment line carries its result
// and endpoints in the item column and its streams' worst verdict; a stream
// line its verdict by Microsoft's rule and the metrics that rule reads,
// each marked "poor" in words when its condition holds.
const (
	segmentNumberColumn = iota
	segmentItemColumn
	segmentVerdictColumn
	segmentMetricsColumn
)

var segmentColumns = []table.Column{
	segmentNumberColumn:  {Title: "#", Min: 4},
	segmentItemColumn:    {Title: "Segment / stream", Min: 24, Flex: 1},
	segmentVerdictColumn: {Title: "Verdict", Min: 12},
	segmentMetricsColumn: {Title: "Microsoft's metrics", Min: 20, Flex: 1},
}

// sessionScreen is one session of a record: its segments, each followed by
// its media streams, and the detail of the line under the cursor.
type sessionScreen struct {
	c      *common.Common
	record *model.CallRecord // shared and never changed
	index  int
	rows   []segmentRow
	// streams holds each stream row's classification and segments each
	// segment row's roll-up, made once: the record never changes under the
	// screen, and cells ask for them on every frame.
	streams  []quality.Stream
	segments []quality.Rollup
	tbl      table.Table
	raw      *table.RawView
	// full is the whole detail of the row under the cursor, scrolled on
	// its own (enter opens it) when the pane below the table cuts it off.
	full *detailPane

	width, height int
	detail        []string // rebuilt by layout, in Update
}

// newSessionScreen shows session index (0-based) of record.
func newSessionScreen(c *common.Common, record *model.CallRecord, index int) *sessionScreen {
	// The caller opens an existing session; clamping keeps a bad index
	// from panicking, and an empty record shows nothing to open at all.
	index = min(max(index, 0), max(len(record.Sessions)-1, 0))
	s := &sessionScreen{c: c, record: record, index: index}
	ss := s.session()
	for i := range ss.Segments {
		seg := &ss.Segments[i]
		s.rows = append(s.rows, segmentRow{segment: i, media: -1, stream: -1, label: strconv.Itoa(i + 1)})
		s.streams = append(s.streams, quality.Stream{})
		s.segments = append(s.segments, quality.ClassifySegment(seg))
		n := 0
		for m := range seg.Media {
			for k := range seg.Media[m].Streams {
				n++
				s.rows = append(s.rows, segmentRow{segment: i, media: m, stream: k,
					label: strconv.Itoa(i+1) + "." + strconv.Itoa(n)})
				s.streams = append(s.streams, quality.Classify(seg.Media[m].Label, &seg.Media[m].Streams[k]))
				s.segments = append(s.segments, quality.Rollup{})
			}
		}
	}
	s.tbl = table.NewTable(c, segmentColumns, s.cell)
	s.tbl.SetRowStyle(s.rowStyle)
	s.tbl.SetLen(len(s.rows))
	return s
}

// session is the session shown; a record without sessions (never opened
// from the record screen, whose enter needs one) shows an empty one.
func (s *sessionScreen) session() *model.Session {
	if s.index >= len(s.record.Sessions) {
		return &model.Session{}
	}
	return &s.record.Sessions[s.index]
}

// Init does nothing: the record is already in memory.
func (s *sessionScreen) Init() tea.Cmd { return nil }

// Update handles keys and sizes; fetch results are not this screen's.
func (s *sessionScreen) Update(msg tea.Msg) (common.Screen, tea.Cmd) {
	switch msg := msg.(type) {
	case common.BodySizeMsg:
		s.width, s.height = msg.Width, msg.Height
		s.layout()
	case common.PrefsChangedMsg:
		s.layout()
	case table.SearchDoneMsg:
		if s.tbl.SearchLanded(msg) {
			s.layout()
		}
	case tea.KeyMsg:
		return s, s.onKey(msg)
	}
	return s, nil
}

// ClaimsBack lets esc close the raw JSON view or the whole detail, or
// clear a kept search, before the screen.
func (s *sessionScreen) ClaimsBack() bool {
	return s.raw != nil || s.full != nil || s.tbl.Search().Active()
}

func (s *sessionScreen) onKey(msg tea.KeyMsg) tea.Cmd {
	k := s.c.Keys
	if handled, cmd := s.searchKey(msg); handled { // segment_search.go
		return cmd
	}
	switch {
	case key.Matches(msg, k.Back) && s.raw != nil:
		s.raw = nil
		return nil
	case s.full != nil && key.Matches(msg, k.Back, k.Open):
		s.full = nil
		s.layout()
		return nil
	case s.full != nil && !key.Matches(msg, k.RawJSON, k.CopyID, k.Export):
		s.full.scroll(msg, k)
		return nil
	case key.Matches(msg, k.RawJSON):
		if s.raw != nil {
			s.raw = nil
			return nil
		}
		what, v := s.rawTarget()
		r := table.NewRawView(k, what, v, s.width, s.height)
		s.raw = &r
		return nil
	case s.raw != nil && !key.Matches(msg, k.CopyID, k.Export):
		r := s.raw.Update(msg, k)
		s.raw = &r
		return nil
	case key.Matches(msg, k.CopyID):
		if len(s.rows) == 0 {
			return common.CopyCmd(s.c.Copy, s.session().ID)
		}
		seg := &s.session().Segments[s.rows[s.tbl.Cursor()].segment]
		return common.CopyCmd(s.c.Copy, seg.ID)
	case key.Matches(msg, k.Export):
		return s.Export()
	case key.Matches(msg, k.Open) && len(s.rows) > 0:
		r := s.rows[s.tbl.Cursor()]
		s.full = &detailPane{lines: s.rowDetail(r)}
		s.full.setSize(s.width, s.height)
		return nil
	}
	if s.tbl.Update(msg) {
		s.layout()
	}
	return nil
}

// rawTarget is what v shows: the segment under the cursor, or the session
// when it has no segments. Graph's bytes are kept for the record only, so
// this is callscope's decoding of them, and its title says so.
func (s *sessionScreen) rawTarget() (string, any) {
	ss := s.session()
	if len(s.rows) == 0 {
		return "Decoded JSON · session " + strconv.Itoa(s.index+1) + decodedNote, ss
	}
	r := s.rows[s.tbl.Cursor()]
	return "Decoded JSON · segment " + strconv.Itoa(r.segment+1) + " of session " + strconv.Itoa(s.index+1) + decodedNote, &ss.Segments[r.segment]
}

// decodedNote ends the title of a JSON view built from the decoded record:
// not Graph's bytes (nulls, empty values and unknown properties are gone),
// which only the record's own v shows.
const decodedNote = " · not Graph's bytes (the record's v shows those)"

// layout sizes the table and rebuilds the detail pane in Update: the table
// takes what its rows need up to half the body, the detail the rest. A
// detail longer than its room ends with a line saying how much more there
// is and that enter shows it whole.
func (s *sessionScreen) layout() {
	if s.raw != nil {
		s.raw.SetSize(s.width, s.height)
	}
	if s.full != nil {
		s.full.setSize(s.width, s.height)
	}
	if s.width <= 0 {
		return
	}
	body := s.height - 2 // title line and blank line
	if s.tbl.Search().Typing() {
		body-- // the search line, under the table
	}
	tblH := min(len(s.rows)+1, max(body/2, minSessionRows+1))
	s.detail = nil
	if len(s.rows) > 0 {
		s.detail = s.rowDetail(s.rows[s.tbl.Cursor()])
	}
	room := body - tblH - 1
	if room < 2 {
		s.detail = nil
		tblH = body
	} else if len(s.detail) > room {
		more := len(s.detail) - room + 1
		s.detail = append(s.detail[:room-1:room-1], s.c.Styles.Subtle.Render(common.Truncate(
			"… "+common.Plural(more, "more line", "more lines")+": enter shows the whole detail", s.width)))
	}
	s.tbl.SetSize(s.width, max(tblH, 1))
}

// cell is the table's cell func, run only for visible cells.
func (s *sessionScreen) cell(row, col int) string {
	if row >= len(s.rows) {
		return ""
	}
	r := s.rows[row]
	seg := &s.session().Segments[r.segment]
	if r.media < 0 {
		switch col {
		case segmentNumberColumn:
			return r.label
		case segmentItemColumn:
			return failureText(seg.FailureInfo) + " · " + endpointShort(seg.Caller) + " → " +
				endpointShort(seg.Callee) + " · " + spanDuration(seg.StartDateTime, seg.EndDateTime)
		case segmentVerdictColumn:
			return string(s.segments[row].Verdict)
		case segmentMetricsColumn:
			return rollupCounts(s.segments[row])
		}
		return ""
	}
	m := &seg.Media[r.media]
	st := &m.Streams[r.stream]
	switch col {
	case segmentNumberColumn:
		return r.label
	case segmentItemColumn:
		return "  " + streamHeadline(m.Label, st)
	case segmentVerdictColumn:
		return string(s.streams[row].Verdict)
	case segmentMetricsColumn:
		return metricCells(s.streams[row])
	}
	return ""
}

// rollupCounts is a segment's streams by verdict: "2 poor · 1 good · 1 unclassified".
func rollupCounts(r quality.Rollup) string {
	if r.Streams() == 0 {
		return "no streams"
	}
	var parts []string
	for _, c := range []struct {
		n    int
		word string
	}{{r.Poor, "poor"}, {r.Good, "good"}, {r.Unclassified, "unclassified"}} {
		if c.n > 0 {
			parts = append(parts, strconv.Itoa(c.n)+" "+c.word)
		}
	}
	return strings.Join(parts, " · ")
}

// metricCells is a stream's rule metrics in short: "jitter 43 ms poor ·
// loss 1.4 % · round trip 61 ms · 5,120 packets"; "—" for a missing value.
func metricCells(q quality.Stream) string {
	parts := make([]string, 0, len(q.Rule))
	for _, m := range q.Rule {
		v := m.Short
		switch {
		case !m.Reported():
			v = "—"
		case m.Poor:
			v += " poor"
		}
		parts = append(parts, m.Name+" "+v)
	}
	if len(parts) == 0 {
		return "none in Graph"
	}
	return strings.Join(parts, " · ")
}

func (s *sessionScreen) rowStyle(row int) (lipgloss.Style, bool) {
	if row >= len(s.rows) {
		return lipgloss.Style{}, false
	}
	r := s.rows[row]
	seg := &s.session().Segments[r.segment]
	switch {
	case r.media < 0 && seg.FailureInfo.Failed():
		return s.c.Styles.Danger, true
	case r.media < 0 && s.segments[row].Verdict == quality.Poor, r.media >= 0 && s.streams[row].Verdict == quality.Poor:
		return s.c.Styles.Warn, true
	}
	return lipgloss.Style{}, false
}

// View draws the raw JSON or the session's title, table and detail.
func (s *sessionScreen) View() string {
	st := s.c.Styles
	if s.raw != nil {
		return s.raw.View(st)
	}
	if s.full != nil {
		return s.full.view(st)
	}
	ss := s.session()
	title := "Session " + strconv.Itoa(s.index+1) + " of call " + common.ShortID(s.record.ID)
	facts := []string{endpointShort(ss.Caller) + " → " + endpointShort(ss.Callee), sessionResult(ss),
		"quality " + string(quality.ClassifySession(ss).Verdict)}
	var b strings.Builder
	b.WriteString(common.Truncate(st.Title.Render(title)+"  "+strings.Join(facts, " · "), s.width))
	b.WriteString("\n\n")
	if len(s.rows) == 0 {
		b.WriteString(st.Subtle.Render("No segments in this session: Graph sends them with later versions of the record; v shows the session as sent"))
		return b.String()
	}
	b.WriteString(s.tbl.View())
	if s.tbl.Search().Typing() {
		b.WriteString("\n" + s.tbl.Search().Line(s.width))
	}
	writeDetail(&b, st, s.detail)
	return b.String()
}

// Title is the breadcrumb: "Session 2".
func (s *sessionScreen) Title() string { return "Session " + strconv.Itoa(s.index+1) }

// Capturing reports the search line open.
func (s *sessionScreen) Capturing() bool { return s.tbl.Search().Typing() }

// Status counts what is shown; nothing loads here, the record is in memory.
func (s *sessionScreen) Status() common.Status {
	n := len(s.session().Segments)
	return common.Status{Note: common.Plural(n, "segment", "segments") + " · " + common.Plural(len(s.rows)-n, "stream", "streams"),
		Filter: s.searchWords()}
}

// ShortHelp offers what applies here.
func (s *sessionScreen) ShortHelp() []key.Binding {
	k := s.c.Keys
	if s.tbl.Search().Typing() {
		return s.tbl.Search().TypingHelp()
	}
	back := []key.Binding{k.Back}
	if kept := s.tbl.Search().KeptHelp(); len(kept) > 0 && s.raw == nil && s.full == nil {
		back = kept // its esc clears the search before the screen closes
	}
	onTable := len(s.rows) > 0 && s.full == nil && s.raw == nil
	return append([]key.Binding{common.HelpIf(k.Open, onTable), common.HelpIf(k.Search, onTable), k.RawJSON, k.CopyID,
		common.HelpIf(k.Export, len(s.rows) > 0)}, back...)
}

// FullHelp adds movement.
func (s *sessionScreen) FullHelp() [][]key.Binding {
	return [][]key.Binding{s.c.Keys.NavHelp(), s.ShortHelp()}
}
