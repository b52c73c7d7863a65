package quality

import (
	"sync/atomic"
	"time"

	"github.com/callscope/callscope/model/quality/summary"
	tea "github.com/charmbracelet/bubbletea"
)

// refreshEvery is the least time between two reads of the summary that
// arriving records cause. A read walks every line of the summary (the
// subnets alone run to thousands at 100,000 records), so while records
// land one message at a time the screen reads on the first and then at
// most once per refreshEvery, never once per record; ten a second still
// looks live.
var refreshEvery = 100 * time.Millisecond

// screenIDs numbers the summary screens, so that a refresh tick reaches
// only the screen that asked for it (every screen sees every message).
var screenIDs atomic.Uint64

// refreshTickMsg is the end of a screen's refreshEvery after a read:
// records that arrived meanwhile are read then.
type refreshTickMsg struct{ screen uint64 }

// throttle is the pacing of the reads arrivals cause.
type throttle struct {
	// pending is set from a read caused by arrivals until its tick: the
	// arrivals in between are left to the tick.
	pending bool
}

// refreshTick asks for screen's tick after refreshEvery.
func refreshTick(screen uint64) tea.Cmd {
	return tea.Tick(refreshEvery, func(time.Time) tea.Msg { return refreshTickMsg{screen: screen} })
}

// changed reports whether the source holds a summary or records that the
// lines were not read from.
func (s *Screen) changed() bool {
	sum := s.src.Summary()
	return sum != s.sum || (sum != nil && sum.Records() != s.records)
}

// refresh reads the summary again when the source has a new one (a
// reload, read at once) or more records in it (read at once when no read
// was made in the last refreshEvery, else at the tick); otherwise it
// costs two comparisons.
func (s *Screen) refresh() tea.Cmd {
	if !s.changed() {
		return nil
	}
	if s.src.Summary() != s.sum {
		s.reread()
		return nil
	}
	if s.throttle.pending {
		return nil
	}
	s.reread()
	s.throttle.pending = true
	return refreshTick(s.id)
}

// dimView is a dimension's lines as last read and drawn, at generation
// gen of the summary.
type dimView struct {
	gen    uint64
	lines  []summary.Line
	hours  [][]int32
	sparks []string
	sparkW int
	peak   int32
	body   drawn
}

// setDimension shows d from its first line: its cached lines and drawing
// when no record has been read since they were, else a fresh read (of
// the whole summary when records arrived meanwhile, so that the header
// and the lines keep counting the same records).
func (s *Screen) setDimension(d summary.Dimension) {
	if s.seen == nil {
		s.seen = map[summary.Dimension]dimView{}
	}
	s.seen[s.dim] = dimView{s.gen, s.lines, s.hours, s.sparks, s.sparkW, s.peak, s.body}
	s.dim = d
	switch v, ok := s.seen[d]; {
	case ok && v.gen == s.gen:
		s.lines, s.hours, s.sparks, s.sparkW, s.peak, s.body = v.lines, v.hours, v.sparks, v.sparkW, v.peak, v.body
		s.tbl.SetLen(len(s.lines))
		s.resize()
	case s.changed():
		s.reread()
	default:
		s.readLines()
	}
	s.tbl.SetCursor(0)
}

// drawn is a piece of the view kept with what it was drawn from, so that
// a frame that changes nothing in it does not draw it again.
type drawn struct {
	from drawnFrom
	text string
}

// drawnFrom is everything a piece of the view depends on.
type drawnFrom struct {
	gen                           uint64
	dim                           summary.Dimension
	cursor, offset, width, height int
	total                         int
	fetching                      bool
}

// cached returns d's text when it was drawn from from, else draws it
// with draw and keeps it.
func (d *drawn) cached(from drawnFrom, draw func() string) string {
	if d.from != from || d.text == "" {
		d.from, d.text = from, draw()
	}
	return d.text
}
