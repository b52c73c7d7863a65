package timeline

import (
	"slices"
	"time"

	"github.com/callscope/callscope/model"
	"github.com/callscope/callscope/ui/common"
	"github.com/callscope/callscope/ui/record"
	"github.com/callscope/callscope/ui/table"
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
)

// defaultWindow is the range when none is given: the log views' last 24
// hours, which the log functions load quickly.
const defaultWindow = 24 * time.Hour

// columns: when, what, with whom, how it went.
var columns = []table.Column{
	{Title: "Start", Min: 19, Max: 19},
	{Title: "Kind", Min: 14, Max: 14, Drop: 3},
	{Title: "With", Min: 12, Max: 32, Flex: 2},
	{Title: "Result", Min: 10, Max: 40, Flex: 3, Drop: 1},
	{Title: "Quality", Min: 10, Max: 30, Flex: 2, Drop: 1},
	{Title: "Id", Min: 9, Max: 9, Drop: 2},
}

const (
	colStart = iota
	colKind
	colWith
	colResult
	colQuality
	colID
)

// Openers open a log row's own detail screen (ui/logs' Direct Routing and
// PSTN details); nil opens the row's call record where it has one.
type Openers struct {
	Direct func(c *common.Common, r model.DirectRoutingRow) common.Screen
	Pstn   func(c *common.Common, r model.PstnRow) common.Screen
}

// source is where one kind of row stands.
type source struct {
	flight   table.Flight
	loading  bool
	err      error
	n        int  // the subject's rows of this kind
	stored   bool // read from the store
	pages    int
	unjudged int // stored calls whose bytes do not say who took part
}

// Screen is a person's or a number's timeline.
type Screen struct {
	c        *common.Common
	subject  Subject
	from, to time.Time
	open     Openers

	sources  [3]source // by kind
	entries  []entry   // merged, newest first
	days     []int32   // rows per day of the range, oldest first
	tbl      table.Table
	verdicts verdicts

	// storeLimit is the rows per store page (0: the store's default);
	// tests make it small to page across several.
	storeLimit int

	width, height int
}

// New opens the timeline of subject over [from, to): a zero to is now
// (the screen's clock), a zero from the day before to.
func New(c *common.Common, subject Subject, from, to time.Time) *Screen {
	if to.IsZero() {
		to = c.Now()
	}
	if from.IsZero() || !from.Before(to) {
		from = to.Add(-defaultWindow)
	}
	s := &Screen{c: c, subject: subject, from: from.UTC(), to: to.UTC()}
	s.tbl = table.NewTable(c, columns, s.cell)
	s.tbl.SetRowStyle(s.rowStyle)
	return s
}

// WithOpeners sets what enter opens on log rows.
func (s *Screen) WithOpeners(o Openers) *Screen {
	s.open = o
	return s
}

// Init starts the three loads.
func (s *Screen) Init() tea.Cmd { return s.reload() }

// reload drops every row and loads each source again.
func (s *Screen) reload() tea.Cmd {
	s.entries = s.entries[:0]
	s.days = s.dayCounts()
	s.tbl.SetLen(0)
	s.verdicts.restart()
	o := s.origin()
	cmds := make([]tea.Cmd, 0, 3)
	for k := range s.sources {
		src := &s.sources[k]
		src.flight.Abort()
		*src = source{}
		if s.c.Offline && s.c.Store == nil {
			src.err = errNoStore
			continue
		}
		id, ctx := src.flight.Start()
		src.loading = true
		switch kind(k) {
		case kindCall:
			cmds = append(cmds, loadCalls(ctx, o, id, s.subject, s.from, s.to, ""))
		case kindDirect:
			cmds = append(cmds, loadLogs(ctx, o, directSource, id, s.subject, s.from, s.to))
		case kindPstn:
			cmds = append(cmds, loadLogs(ctx, o, pstnSource, id, s.subject, s.from, s.to))
		}
	}
	return tea.Batch(cmds...)
}

// Closed stops every load and record read when the screen closes.
func (s *Screen) Closed() {
	for k := range s.sources {
		s.sources[k].flight.Abort()
		s.sources[k].loading = false
	}
	if s.verdicts.cancel != nil {
		s.verdicts.cancel()
	}
	s.verdicts.gen = 0
}

// Update routes sizes, results and keys.
func (s *Screen) Update(msg tea.Msg) (common.Screen, tea.Cmd) {
	switch msg := msg.(type) {
	case common.BodySizeMsg:
		s.width, s.height = msg.Width, msg.Height
		s.tbl.SetSize(s.width, max(s.height-headLines, 1))
		return s, s.askVisible()
	case loadedMsg:
		return s, s.onLoaded(msg)
	case verdictMsg:
		return s, s.onVerdict(msg)
	case tea.KeyMsg:
		return s, s.key(msg)
	}
	return s, nil
}

// key moves, opens and reloads.
func (s *Screen) key(msg tea.KeyMsg) tea.Cmd {
	k := &s.c.Keys
	switch {
	case s.tbl.Update(msg):
		return s.askVisible()
	case key.Matches(msg, k.Open) && len(s.entries) > 0:
		return s.openRow(&s.entries[s.tbl.Cursor()])
	case key.Matches(msg, k.Reload):
		return s.reload()
	}
	return nil
}

// openRow opens what enter on row e shows: a call's record; a log row's
// detail (the record it belongs to without an opener).
func (s *Screen) openRow(e *entry) tea.Cmd {
	switch {
	case e.kind == kindDirect && s.open.Direct != nil:
		return common.Push(s, s.open.Direct(s.c, *e.dr))
	case e.kind == kindPstn && s.open.Pstn != nil:
		return common.Push(s, s.open.Pstn(s.c, *e.pstn))
	case e.record != "":
		return common.Push(s, record.New(s.c, e.record))
	}
	return common.Flash("this row has no detail to open", false)
}

// onLoaded merges a source's rows, asks for the next page of calls, and
// the verdicts of the calls now on screen.
func (s *Screen) onLoaded(msg loadedMsg) tea.Cmd {
	src := &s.sources[msg.k]
	if !src.flight.Land(msg.reqID) {
		return nil
	}
	src.stored = src.stored || msg.fromStore
	src.unjudged += msg.unjudged
	src.pages++
	src.err = msg.err
	s.merge(msg.entries)
	src.n += len(msg.entries)
	src.loading = false
	if msg.k == kindCall && msg.next != "" && msg.err == nil && src.pages < maxCallPages {
		id, ctx := src.flight.Start()
		src.loading = true
		return tea.Batch(loadCalls(ctx, s.origin(), id, s.subject, s.from, s.to, msg.next), s.askVisible())
	}
	return s.askVisible()
}

// merge adds rows and keeps the list newest first, the cursor on the row
// it was on.
func (s *Screen) merge(add []entry) {
	if len(add) == 0 {
		return
	}
	var at *entry
	if c := s.tbl.Cursor(); c < len(s.entries) {
		kept := s.entries[c]
		at = &kept
	}
	s.entries = append(s.entries, add...)
	slices.SortStableFunc(s.entries, func(a, b entry) int { return newer(&a, &b) })
	s.tbl.SetLen(len(s.entries))
	s.days = s.dayCounts()
	if at != nil {
		if i, ok := slices.BinarySearchFunc(s.entries, *at, func(a, b entry) int { return newer(&a, &b) }); ok {
			s.tbl.SetCursor(i)
		}
	}
}

// loading reports a source still loading.
func (s *Screen) loading() bool {
	return slices.ContainsFunc(s.sources[:], func(src source) bool { return src.loading })
}

// Title is the breadcrumb segment.
func (s *Screen) Title() string { return "Timeline " + s.subject.Name }

// Capturing is false: the screen has no input.
func (s *Screen) Capturing() bool { return false }

// Status says what loads, the first error, the range and the counts.
func (s *Screen) Status() common.Status {
	st := common.Status{Loaded: len(s.entries), Loading: s.loading(), Filter: s.rangeWords(), Note: s.countWords(), Source: s.sourceWords()}
	if st.Loading {
		st.Activity = "timeline of " + s.subject.Name
	}
	for k := range s.sources {
		if err := s.sources[k].err; err != nil {
			st.Err = err
			break
		}
	}
	return st
}

// sourceWords is the header's "where from".
func (s *Screen) sourceWords() string {
	stored := 0
	for k := range s.sources {
		if s.sources[k].stored {
			stored++
		}
	}
	switch {
	case s.c.Offline:
		return "offline · store"
	case stored == len(s.sources):
		return common.SourceStore
	case stored > 0:
		return common.SourceGraph + " and store"
	}
	return common.SourceGraph
}

// ShortHelp offers moving, opening and reloading.
func (s *Screen) ShortHelp() []key.Binding {
	k := s.c.Keys
	return []key.Binding{k.Up, k.Down, common.HelpIf(k.Open, len(s.entries) > 0), k.Reload, k.Back}
}

// FullHelp groups the keys for the help overlay.
func (s *Screen) FullHelp() [][]key.Binding {
	return [][]key.Binding{s.c.Keys.NavHelp(), s.ShortHelp()[2:]}
}
