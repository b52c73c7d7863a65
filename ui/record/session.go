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
// and endpoints in the item column; a stream line its metrics, each
// flagged "poor" in words when past its limit.
const (
	segmentNumberColumn = iota
	segmentItemColumn
	segmentJitterColumn
	segmentLossColumn
	segmentRoundTripColumn
	segmentDegradationColumn
	segmentConcealedColumn
)

var segmentColumns = []table.Column{
	segmentNumberColumn:      {Title: "#", Min: 4},
	segmentItemColumn:        {Title: "Segment / stream", Min: 24, Flex: 1},
	segmentJitterColumn:      {Title: "Jitter", Min: 11, Right: true},
	segmentLossColumn:        {Title: "Loss", Min: 11, Right: true},
	segmentRoundTripColumn:   {Title: "Round trip", Min: 11, Right: true},
	segmentDegradationColumn: {Title: "Degradation", Min: 11, Right: true, Drop: 2},
	segmentConcealedColumn:   {Title: "Concealed", Min: 9, Right: true, Drop: 1},
}

// sessionScreen is one session of a record: its segments, each followed by
// its media streams, and the detail of the line under the cursor.
type sessionScreen struct {
	c      *common.Common
	record *model.CallRecord // shared and never changed
	index  int
	rows   []segmentRow
	// quality holds each stream row's metrics, measured once: the record
	// never changes under the screen, and cells ask for them on every frame.
	quality [][]quality.Item
	tbl     table.Table
	raw     *table.RawView

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
		s.quality = append(s.quality, nil)
		n := 0
		for m := range seg.Media {
			for k := range seg.Media[m].Streams {
				n++
				s.rows = append(s.rows, segmentRow{segment: i, media: m, stream: k,
					label: strconv.Itoa(i+1) + "." + strconv.Itoa(n)})
				s.quality = append(s.quality, quality.Measure(seg.Media[m].Label, &seg.Media[m].Streams[k]))
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
	case tea.KeyMsg:
		return s, s.onKey(msg)
	}
	return s, nil
}

// ClaimsBack lets esc close the raw JSON view before the screen.
func (s *sessionScreen) ClaimsBack() bool { return s.raw != nil }

func (s *sessionScreen) onKey(msg tea.KeyMsg) tea.Cmd {
	k := s.c.Keys
	switch {
	case key.Matches(msg, k.Back) && s.raw != nil:
		s.raw = nil
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
	}
	if s.tbl.Update(msg) {
		s.layout()
	}
	return nil
}

// rawTarget is what v shows: the segment under the cursor, or the session
// when it has no segments.
func (s *sessionScreen) rawTarget() (string, any) {
	ss := s.session()
	if len(s.rows) == 0 {
		return "session " + strconv.Itoa(s.index+1), ss
	}
	r := s.rows[s.tbl.Cursor()]
	return "segment " + strconv.Itoa(r.segment+1) + " of session " + strconv.Itoa(s.index+1), &ss.Segments[r.segment]
}

// layout sizes the table and rebuilds the detail pane in Update: the table
// takes what its rows need up to half the body, the detail the rest.
func (s *sessionScreen) layout() {
	if s.raw != nil {
		s.raw.SetSize(s.width, s.height)
	}
	if s.width <= 0 {
		return
	}
	body := s.height - 2 // title line and blank line
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
		s.detail = s.detail[:room]
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
	case segmentJitterColumn, segmentLossColumn, segmentRoundTripColumn, segmentDegradationColumn, segmentConcealedColumn:
		return qualityCell(s.quality[row][col-segmentJitterColumn])
	}
	return ""
}

// qualityCell is a metric's cell: "43 ms poor", "12 ms", or "—".
func qualityCell(q quality.Item) string {
	switch {
	case q.Value == "":
		return "—"
	case q.Poor:
		return q.Short + " poor"
	}
	return q.Short
}

func (s *sessionScreen) rowStyle(row int) (lipgloss.Style, bool) {
	if row >= len(s.rows) {
		return lipgloss.Style{}, false
	}
	r := s.rows[row]
	seg := &s.session().Segments[r.segment]
	if r.media < 0 {
		if seg.FailureInfo != nil {
			return s.c.Styles.Danger, true
		}
		return lipgloss.Style{}, false
	}
	if len(quality.PoorNames(s.quality[row])) > 0 {
		return s.c.Styles.Warn, true
	}
	return lipgloss.Style{}, false
}

// rowDetail is the detail pane for a row: a segment's endpoints, times and
// failure, or a stream's metrics in words with both sides' network and
// devices.
func (s *sessionScreen) rowDetail(r segmentRow) []string {
	w := s.width
	seg := &s.session().Segments[r.segment]
	if r.media < 0 {
		head := []string{"Segment " + strconv.Itoa(r.segment+1) + " of " + strconv.Itoa(len(s.session().Segments)),
			"id " + common.OrDash(seg.ID), spanText(seg.StartDateTime, seg.EndDateTime, s.c.Loc()), failureText(seg.FailureInfo)}
		lines := wrapItems("", head, w)
		lines = append(lines, wrapItems("Caller  ", endpointItems(seg.Caller), w)...)
		lines = append(lines, wrapItems("Callee  ", endpointItems(seg.Callee), w)...)
		var media []string
		for i := range seg.Media {
			media = append(media, common.OrDash(seg.Media[i].Label)+": "+
				common.Plural(len(seg.Media[i].Streams), "stream", "streams"))
		}
		if len(media) == 0 {
			media = []string{"none reported"}
		}
		return append(lines, wrapItems("Media   ", media, w)...)
	}
	m := &seg.Media[r.media]
	st := &m.Streams[r.stream]
	q := quality.Measure(m.Label, st)
	head := []string{"Stream " + r.label, streamHeadline(m.Label, st)}
	if st.StreamID != "" {
		head = append(head, "id "+st.StreamID)
	}
	head = append(head, quality.Verdict(q))
	lines := wrapItems("", head, w)
	items := make([]string, len(q))
	for i := range q {
		items[i] = q[i].String()
	}
	label := "Quality         "
	if !quality.IsAudio(m.Label, st) {
		items = append(items, "audio limits do not apply")
	}
	lines = append(lines, wrapItems(label, items, w)...)
	if more := streamMaxItems(st); len(more) > 0 {
		lines = append(lines, wrapItems("Also            ", more, w)...)
	}
	sides := []struct {
		label string
		items []string
	}{
		{"Caller network  ", networkItems(m.CallerNetwork)},
		{"Caller device   ", deviceItems(m.CallerDevice)},
		{"Callee network  ", networkItems(m.CalleeNetwork)},
		{"Callee device   ", deviceItems(m.CalleeDevice)},
	}
	for _, sd := range sides {
		if len(sd.items) == 0 {
			sd.items = []string{"not reported"}
		}
		lines = append(lines, wrapItems(sd.label, sd.items, w)...)
	}
	return lines
}

// View draws the raw JSON or the session's title, table and detail.
func (s *sessionScreen) View() string {
	st := s.c.Styles
	if s.raw != nil {
		return s.raw.View(st)
	}
	ss := s.session()
	title := "Session " + strconv.Itoa(s.index+1) + " of call " + common.ShortID(s.record.ID)
	facts := []string{endpointShort(ss.Caller) + " → " + endpointShort(ss.Callee), sessionResult(ss)}
	var b strings.Builder
	b.WriteString(common.Truncate(st.Title.Render(title)+"  "+strings.Join(facts, " · "), s.width))
	b.WriteString("\n\n")
	if len(s.rows) == 0 {
		b.WriteString(st.Subtle.Render("No segments in this session: Graph sends them with later versions of the record; v shows the session as sent"))
		return b.String()
	}
	b.WriteString(s.tbl.View())
	writeDetail(&b, st, s.detail)
	return b.String()
}

// Title is the breadcrumb: "Session 2".
func (s *sessionScreen) Title() string { return "Session " + strconv.Itoa(s.index+1) }

// Capturing is false: no text input.
func (s *sessionScreen) Capturing() bool { return false }

// Status counts what is shown; nothing loads here, the record is in memory.
func (s *sessionScreen) Status() common.Status {
	n := len(s.session().Segments)
	return common.Status{Note: common.Plural(n, "segment", "segments") + " · " + common.Plural(len(s.rows)-n, "stream", "streams")}
}

// ShortHelp offers what applies here.
func (s *sessionScreen) ShortHelp() []key.Binding {
	k := s.c.Keys
	return []key.Binding{k.RawJSON, k.CopyID, common.HelpIf(k.Export, len(s.rows) > 0), k.Back}
}

// FullHelp adds movement.
func (s *sessionScreen) FullHelp() [][]key.Binding {
	return [][]key.Binding{s.c.Keys.NavHelp(), s.ShortHelp()}
}
