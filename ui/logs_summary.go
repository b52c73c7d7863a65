package ui

import (
	"context"
	"errors"
	"time"

	"github.com/callscope/callscope/graphclient"
	"github.com/callscope/callscope/model/triage"
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
)

// logSummary is the triage summary of a log view's range (a on the list).
// Unless the list already holds the whole range, it loads the range with
// the windowed loader into a feed of its own, grouping rows as windows
// arrive, while the progress line counts pages, rows, time and any
// throttle wait; esc stops the load and keeps what arrived. A complete
// load is handed back to the list, which then shows every row. enter on a
// group opens the rows behind it.
type logSummary struct {
	c    *Common
	base *logFeed // the list's feed
	feed *logFeed // the rows summarised: base when complete, else our own

	dr   *triage.Builder
	pstn *triage.PstnBuilder
	seen int // feed rows added to the builder

	sumDR   *triage.Summary
	sumPstn *triage.PstnSummary
	items   []sumItem // the rendered groups, rebuilt when rows arrive

	pending uint64 // the load's id, 0 before the first
	cancel  context.CancelFunc
	loading bool
	stopped bool // esc stopped the load early
	partial bool // a window arrived incomplete
	prog    graphclient.LoadProgress
	started time.Time
	took    time.Duration // elapsed when the load ended

	cursor int // index into items of the selected group
	offset int // first item line shown
	width  int
	height int
}

// newLogSummary makes the summary over the list's feed f; Init loads.
func newLogSummary(c *Common, f *logFeed) *logSummary {
	s := &logSummary{c: c, base: f, feed: f, cursor: -1}
	if !f.complete() {
		s.feed = newLogFeed(f.kind, f.from, f.to)
	}
	s.reset()
	return s
}

// reset starts the groups over on s.feed.
func (s *logSummary) reset() {
	f := s.feed
	if f.kind == logPstn {
		s.pstn = triage.NewPstnBuilder(f.from, f.to)
	} else {
		s.dr = triage.NewBuilder(f.from, f.to)
	}
	s.seen, s.sumDR, s.sumPstn = 0, nil, nil
	s.absorb()
}

// Init starts loading the range, unless the list had it all.
func (s *logSummary) Init() tea.Cmd {
	if s.feed == s.base {
		return nil
	}
	return s.load()
}

// load (re)starts the windowed load on a fresh feed.
func (s *logSummary) load() tea.Cmd {
	if s.feed.Len() > 0 || s.feed.err != nil {
		s.feed = newLogFeed(s.base.kind, s.base.from, s.base.to)
		s.reset()
	}
	s.pending = newReqID()
	s.feed.started, s.feed.pending = true, s.pending // the list does not page meanwhile
	s.loading, s.stopped, s.partial = true, false, false
	s.prog = graphclient.LoadProgress{}
	s.started = s.c.Now()
	cmd, cancel := bulkLoad(s.c.Client, s.pending, s.feed.kind, s.feed.from, s.feed.to)
	s.cancel = cancel
	return cmd
}

// stop ends the load early; windows already fetched still arrive (flushed
// as partial) and are kept.
func (s *logSummary) stop() {
	if s.cancel != nil {
		s.cancel()
	}
	s.stopped = true
	s.finish()
}

// finish marks the load over and freezes the elapsed time.
func (s *logSummary) finish() {
	if s.loading {
		s.loading = false
		s.took = s.c.Now().Sub(s.started)
	}
}

// onBulk handles the loader's messages for the load in progress; each
// one but the last asks for the next.
func (s *logSummary) onBulk(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case bulkChunkMsg:
		if msg.reqID != s.pending {
			return nil
		}
		redactLogRows(s.c, msg.dr, msg.pstn)
		s.feed.addRows(msg.dr, msg.pstn)
		s.partial = s.partial || msg.partial
		s.absorb()
		return bulkListen(msg.ch)
	case bulkProgressMsg:
		if msg.reqID != s.pending {
			return nil
		}
		s.prog = msg.p
		return bulkListen(msg.ch)
	case bulkDoneMsg:
		if msg.reqID != s.pending {
			return nil
		}
		s.prog = msg.p
		s.feed.pending = 0
		if s.cancel != nil {
			s.cancel() // the loader has ended; release its context
		}
		s.cancel = nil
		s.finish()
		switch {
		case msg.err != nil && !(s.stopped && errors.Is(msg.err, context.Canceled)):
			s.feed.err = msg.err
		case msg.err == nil && !s.partial:
			s.stopped = false // esc came after the last window: it is all here
			old, full := s.base, s.feed
			return func() tea.Msg { return logFeedAdoptMsg{old: old, new: full} }
		}
	}
	return nil
}

// absorb groups the feed rows that arrived since the last call.
func (s *logSummary) absorb() {
	n := s.feed.Len()
	if n == s.seen && (s.sumDR != nil || s.sumPstn != nil) {
		return
	}
	for i := int32(s.seen); i < int32(n); i++ {
		if s.dr != nil {
			s.dr.Add(s.feed.dr.call(i))
		} else {
			s.pstn.Add(s.feed.pstn.call(i))
		}
	}
	s.seen = n
	if s.dr != nil {
		s.sumDR = s.dr.Summary()
	} else {
		s.sumPstn = s.pstn.Summary()
	}
	s.items = nil
	s.render()
}

// Capturing is true while the loader runs, so that esc reaches the
// summary and stops the load rather than leaving it running behind the
// list, and the summary stays until the stopped loader has handed over
// its last rows (its goroutine then ends).
func (s *logSummary) Capturing() bool { return s.cancel != nil }

// Update follows the load and keys.
func (s *logSummary) Update(msg tea.Msg) (screen, tea.Cmd) {
	switch msg := msg.(type) {
	case bodySizeMsg:
		s.width, s.height = msg.Width, msg.Height
		s.render()
	case bulkChunkMsg, bulkProgressMsg, bulkDoneMsg:
		return s, s.onBulk(msg)
	case prefsChangedMsg:
		s.render()
	case tea.KeyMsg:
		return s, s.key(msg)
	}
	return s, nil
}

func (s *logSummary) key(msg tea.KeyMsg) tea.Cmd {
	k := &s.c.Keys
	switch {
	case s.Capturing() && key.Matches(msg, k.Quit):
		// The root leaves q to a capturing screen; nothing is typed here.
		return tea.Quit
	case s.loading && key.Matches(msg, k.Back):
		s.stop()
		return nil
	case key.Matches(msg, k.Reload) && s.cancel == nil && s.feed != s.base:
		// Not while a stopped load still hands over its last windows: its
		// loader would block on a channel no one reads any more.
		return s.load()
	case key.Matches(msg, k.Up):
		s.move(-1)
	case key.Matches(msg, k.Down):
		s.move(1)
	case key.Matches(msg, k.PageUp):
		s.move(-s.listHeight())
	case key.Matches(msg, k.PageDown):
		s.move(s.listHeight())
	case key.Matches(msg, k.Home):
		s.cursor = -1
		s.move(1)
	case key.Matches(msg, k.End):
		s.cursor = len(s.items)
		s.move(-1)
		if s.cursor >= len(s.items) { // no group at all
			s.cursor = -1
		}
	case key.Matches(msg, k.Open):
		if s.cursor < 0 || s.cursor >= len(s.items) {
			return nil
		}
		return push(s, newLogScreenOn(s.c, s.feed, s.items[s.cursor].group))
	}
	return nil
}

// move steps the cursor by d selectable items, skipping headings.
func (s *logSummary) move(d int) {
	step := 1
	if d < 0 {
		step, d = -1, -d
	}
	for ; d > 0; d-- {
		next := s.cursor + step
		for next >= 0 && next < len(s.items) && s.items[next].group.kind == groupNone {
			next += step
		}
		if next < 0 || next >= len(s.items) {
			break
		}
		s.cursor = next
	}
	s.scroll()
}

// Title is the breadcrumb segment.
func (s *logSummary) Title() string { return "Triage" }

// Status: loading while the load runs; the range for the header.
func (s *logSummary) Status() Status {
	st := Status{
		Loaded:   s.feed.Len(),
		Loading:  s.loading,
		Activity: "the whole range",
		Err:      s.feed.err,
		Filter:   fmtShortTime(s.feed.from, s.c.Loc()) + " → " + fmtShortTime(s.feed.to, s.c.Loc()),
	}
	switch {
	case s.stopped:
		st.Note = "load stopped; " + fmtCount(s.feed.Len()) + " rows kept, " + s.c.Keys.Reload.Help().Key +
			" to reload · incomplete: groups cover the rows loaded"
	case s.partial:
		st.Note = "incomplete: groups cover the rows loaded"
	}
	return st
}

// ShortHelp: esc stops a running load; otherwise open, reload and back.
func (s *logSummary) ShortHelp() []key.Binding {
	k := s.c.Keys
	if s.loading {
		stop := k.Back
		stop.SetHelp(k.Back.Help().Key, "stop loading")
		return []key.Binding{k.Up, k.Down, k.Open, stop}
	}
	k.Open.SetEnabled(s.cursor >= 0 && s.cursor < len(s.items))
	// A stopped load winding down takes neither r nor esc until it ends.
	k.Reload.SetEnabled(s.feed != s.base && s.cancel == nil)
	k.Reload.SetHelp(k.Reload.Help().Key, "load again")
	k.Back.SetEnabled(s.cancel == nil)
	return []key.Binding{k.Up, k.Down, k.Open, k.Reload, k.Back}
}

// FullHelp groups the keys for the help overlay.
func (s *logSummary) FullHelp() [][]key.Binding {
	return [][]key.Binding{s.c.Keys.navHelp(), s.ShortHelp()[2:]}
}
