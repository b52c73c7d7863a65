// Package quality is the quality summary screen: of the streams of the
// calls loaded in the calls list, how many were poor, overall and by one
// dimension at a time (network, subnet, relay, side, platform, client
// version, device, media type), with a sample-size mark, a sparkline of
// poor streams per hour, and the calls behind each line. It is the Call
// Quality Dashboard's question answered over what the list has fetched;
// the figures come from model/quality/summary, the one summary every
// screen and command uses.
package quality

import (
	"strconv"

	"github.com/callscope/callscope/model/quality/summary"
	"github.com/callscope/callscope/ui/common"
	"github.com/callscope/callscope/ui/table"
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
)

// Source is the calls list a summary is built from. The screen reads it on
// the event loop only, so it needs no lock.
type Source interface {
	// Summary is the summary of the records fetched so far; a reload of
	// the list gives a new one.
	Summary() *summary.Summary
	// Progress is how many of the total loaded calls have their record in
	// the summary, and whether more are still being fetched.
	Progress() (added, total int, fetching bool)
	// Call is what the list knows of one call, for the calls behind a line.
	Call(id string) (Call, bool)
}

// Call is a listed call as the calls behind a line show it.
type Call struct {
	StartUnix                  int64
	Organizer, Result, Quality string
}

// columns: the value takes the spare width with the sparkline; the calls
// and the sample mark hide first at narrow widths.
var columns = []table.Column{
	{Title: "Value", Min: 20, Max: 44, Flex: 2},
	{Title: "Streams", Min: 7, Max: 7, Right: true},
	{Title: "Poor", Min: 6, Max: 6, Right: true},
	{Title: "Poor rate", Min: 9, Max: 9, Right: true},
	{Title: "Sample", Min: 6, Max: 6, Drop: 2},
	{Title: "Calls", Min: 6, Max: 6, Right: true, Drop: 3},
	{Title: "Poor per hour", Min: 13, Flex: 3, Drop: 1},
}

const (
	colValue = iota
	colStreams
	colPoor
	colRate
	colSample
	colCalls
	colSpark
)

// lowSampleMark flags a line under summary.MinStreams classified streams,
// in text, so it reads without colour.
const lowSampleMark = "<" + "100"

// Screen is the quality summary of a calls list.
type Screen struct {
	c   *common.Common
	src Source
	dim summary.Dimension
	tbl table.Table
	id  uint64 // names this screen's refresh ticks

	// What the lines were read from. gen counts the reads of a new summary
	// or of more records: a dimension's cached lines (seen) are good while
	// their generation is the screen's.
	sum     *summary.Summary
	records int
	gen     uint64
	overall summary.Line
	lines   []summary.Line
	hours   [][]int32 // PoorByHour of each line, as the sparkline takes it
	peak    int32     // the highest bin at the sparkline's width, shared so lines compare
	sparkW  int
	sparks  []string // each line's sparkline, drawn once per width or read
	body    drawn    // the table as last drawn, and what it was drawn from
	head    drawn    // the three lines above the table, likewise
	// seen keeps the dimensions shown before, so that ← and → back to one
	// cost neither a read nor a drawing while no record has arrived.
	seen map[summary.Dimension]dimView
	// throttle paces the reads that arriving records cause.
	throttle throttle
	// reads counts the reads of the summary, for the tests of the pacing.
	reads int

	width, height int
}

// New makes the summary screen over src, showing the first dimension
// after Overall.
func New(c *common.Common, src Source) *Screen {
	s := &Screen{c: c, src: src, dim: summary.ConnectionType, id: screenIDs.Add(1)}
	s.tbl = table.NewTable(c, columns, s.cell)
	s.reread()
	return s
}

// Init does nothing: the records are fetched by the calls list.
func (s *Screen) Init() tea.Cmd { return nil }

// Title is the breadcrumb segment.
func (s *Screen) Title() string { return "Quality summary" }

// Capturing is false: the screen has no text input.
func (s *Screen) Capturing() bool { return false }

// Dimension is the dimension shown.
func (s *Screen) Dimension() summary.Dimension { return s.dim }

// Status feeds the frame: the fetch in progress shows as loading.
func (s *Screen) Status() common.Status {
	// The view's first line says "from 120 of 431 calls"; the footer
	// shows the spinner while more arrive.
	_, _, fetching := s.src.Progress()
	return common.Status{Loaded: len(s.lines), Loading: fetching, Activity: "call records for the summary"}
}

// Update handles size, keys and its refresh ticks; any other message (a
// record landing in the calls list underneath) reads the summary again
// if it changed, at most once per refreshEvery (throttle).
func (s *Screen) Update(msg tea.Msg) (common.Screen, tea.Cmd) {
	switch msg := msg.(type) {
	case common.BodySizeMsg:
		s.width, s.height = msg.Width, msg.Height
		s.resize()
		return s, nil
	case tea.KeyMsg:
		return s, s.key(msg)
	case refreshTickMsg:
		if msg.screen != s.id {
			return s, nil
		}
		s.throttle.pending = false
		return s, s.refresh()
	}
	return s, s.refresh()
}

func (s *Screen) key(msg tea.KeyMsg) tea.Cmd {
	k := &s.c.Keys
	if s.tbl.Update(msg) {
		return nil
	}
	switch {
	case key.Matches(msg, k.Right):
		s.setDimension(s.dim%(dimensionCount()-1) + 1)
	case key.Matches(msg, k.Left):
		s.setDimension((s.dim+dimensionCount()-3)%(dimensionCount()-1) + 1)
	case key.Matches(msg, k.Open) && len(s.lines) > 0:
		l := s.lines[s.tbl.Cursor()]
		return common.Push(s, newCallsScreen(s.c, s.src, l))
	}
	return nil
}

// dimensionCount is how many dimensions there are, Overall included; the
// picker steps through every one but Overall, which the header shows.
func dimensionCount() summary.Dimension { return summary.Dimension(len(summary.Dimensions())) }

// reread reads the source's summary as a new generation: the overall
// line, the record count and the shown dimension's lines. Every cached
// dimension is then out of date.
func (s *Screen) reread() {
	sum := s.src.Summary()
	if sum != s.sum {
		s.tbl.SetCursor(0) // a reload: its lines are new ones
	}
	s.sum, s.records, s.overall = sum, 0, summary.Line{}
	if sum != nil {
		s.records, s.overall = sum.Records(), sum.Overall()
	}
	s.gen++
	s.readLines()
}

// readLines reads the shown dimension's lines from the summary, at the
// screen's generation.
func (s *Screen) readLines() {
	s.reads++
	s.lines = nil
	if s.sum != nil {
		s.lines = s.sum.Lines(s.dim)
	}
	s.hours = make([][]int32, len(s.lines))
	for i, l := range s.lines {
		h := make([]int32, len(l.PoorByHour))
		for j, n := range l.PoorByHour {
			h[j] = int32(n)
		}
		s.hours[i] = h
	}
	s.tbl.SetLen(len(s.lines))
	s.sparkW = -1 // the peak is worked out again at the next resize
	s.resize()
}

// headerLines is the height of the summary above the table.
const headerLines = 3

// resize gives the table the body less the header, and works out the
// sparkline's shared peak at its width.
func (s *Screen) resize() {
	s.tbl.SetSize(s.width, max(s.height-headerLines, 1))
	w := 0
	if ws := s.tbl.Widths(); colSpark < len(ws) {
		w = ws[colSpark]
	}
	if w == s.sparkW {
		return
	}
	s.sparkW, s.peak = w, 0
	for _, h := range s.hours {
		s.peak = max(s.peak, table.SparklinePeak(h, w))
	}
	// Drawn here, not per frame: binning a month of hours into the column
	// for every visible line cost more than the rest of the keystroke.
	s.sparks = make([]string, len(s.hours))
	for i, h := range s.hours {
		if w > 0 && len(h) > 0 {
			s.sparks[i] = table.SparklineWithPeak(h, w, s.peak)
		}
	}
}

// cell is the table's view of line p.
func (s *Screen) cell(p, col int) string {
	l := &s.lines[p]
	switch col {
	case colValue:
		return l.Value
	case colStreams:
		return common.FormatCount(l.Classified())
	case colPoor:
		return common.FormatCount(l.Poor)
	case colRate:
		return Rate(*l)
	case colSample:
		if l.LowSample() {
			return lowSampleMark
		}
		return ""
	case colCalls:
		return common.FormatCount(l.Calls)
	case colSpark:
		return s.sparks[p]
	}
	return ""
}

// Rate is a line's poor rate as every screen and command prints it:
// "7.0%", or "—" when no stream is classified.
func Rate(l summary.Line) string {
	if l.Classified() == 0 {
		return "—"
	}
	return strconv.FormatFloat(l.PoorRate()*100, 'f', 1, 64) + "%"
}
