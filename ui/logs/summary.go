package logs

import (
	"context"
	"errors"
	"time"

	"github.com/callscope/callscope/graphclient"
	"github.com/callscope/callscope/ui/common"
	"github.com/callscope/callscope/ui/rowstore"
	"github.com/callscope/callscope/ui/table"
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
)

// summary is the triage summary of a log view's range (a on the list).
// Unless the list already holds the whole range, it loads the range with
// the windowed loader into a feed of its own, grouping rows as windows
// arrive, while the progress line counts pages, rows, time and any
// throttle wait; esc stops the load and keeps what arrived. A complete
// load is handed back to the list, which then shows every row. enter on a
// group opens the rows behind it.
type summary struct {
	c    *common.Common
	base *feed // the list's feed
	feed *feed // the rows summarised: base when complete, else our own
	// filter is the list's, whose rows alone are counted; it has no group.
	filter filter

	groups groups    // the report's summary of the feed's rows
	items  []sumItem // the rendered groups, rebuilt when rows arrive

	pending uint64 // the load's id, 0 before the first
	cancel  context.CancelFunc
	loading bool
	stopped bool // esc stopped the load early
	partial bool // a window arrived incomplete
	prog    graphclient.LoadProgress
	started time.Time
	took    time.Duration // elapsed when the load ended

	// grouping is the grouping of many rows running off the loop (0:
	// none; see summaryjob.go); groupedOver is how many rows the groups it
	// brought cover, which they cannot grow past.
	grouping    uint64
	groupedOver int
	asyncRows   int     // the most rows grouped on the loop
	initCmd     tea.Cmd // the first grouping, for Init

	cursor int // index into items of the selected group
	offset int // first item line shown
	// tbl holds the search (`/`) over the group lines; posOf and itemAt
	// map items to its positions and back (summary_search.go).
	tbl    table.Table
	posOf  []int
	itemAt []int
	width  int
	height int
}

// newSummary makes the summary over the list's feed f, counting the rows
// the list's filter flt passes (the prompt's user, trunk and sip, and
// failures only), so that a on a narrowed list summarises what it shows;
// Init loads.
func newSummary(c *common.Common, f *feed, flt filter) *summary {
	s := &summary{c: c, base: f, feed: f, filter: flt, cursor: -1, asyncRows: viewAsyncRows, tbl: newSummarySearch(c)}
	if !f.Complete() {
		s.feed = f.sibling(f.from, f.to)
	}
	s.initCmd = s.reset()
	return s
}

// reset starts the groups over on s.feed: at once over few rows, else
// off the loop, with the command it returns.
func (s *summary) reset() tea.Cmd {
	// A matcher per feed: its memos index that feed's interned ids.
	s.groups = s.feed.rep.groups(s.feed.from, s.feed.to, s.feed.rep.matcher(s.filter))
	s.grouping, s.groupedOver = 0, 0
	if n := s.feed.Len(); n > s.asyncRows {
		s.groups.add(0) // an empty summary shows meanwhile
		s.items = nil
		s.render()
		return s.groupCmd(n)
	}
	return s.absorb()
}

// Init starts loading the range, unless the list had it all.
func (s *summary) Init() tea.Cmd {
	if s.feed == s.base {
		cmd := s.initCmd
		s.initCmd = nil
		return cmd
	}
	return s.load()
}

// load (re)starts the windowed load on a fresh feed. The command it
// returns starts the loader; esc calls cancel.
func (s *summary) load() tea.Cmd {
	if s.feed.Len() > 0 || s.feed.Err != nil {
		s.feed = s.base.sibling(s.base.from, s.base.to)
		s.reset() // no rows yet: no command
	}
	s.pending = common.NewRequestID()
	s.feed.Started, s.feed.Pending = true, s.pending // the list does not page meanwhile
	s.loading, s.stopped, s.partial = true, false, false
	s.prog = graphclient.LoadProgress{}
	s.started = s.c.Now()
	var ctx context.Context
	ctx, s.cancel = context.WithCancel(context.Background())
	return s.feed.rep.loadCmd(ctx, s.feed.origin(s.c), s.pending, s.feed.from, s.feed.to)
}

// stop ends the load early; windows already fetched still arrive (flushed
// as partial) and are kept.
func (s *summary) stop() {
	if s.cancel != nil {
		s.cancel()
	}
	s.stopped = true
	s.finish()
}

// finish marks the load over and freezes the elapsed time.
func (s *summary) finish() {
	if s.loading {
		s.loading = false
		s.took = s.c.Now().Sub(s.started)
	}
}

// onBulk handles the loader's messages for the load in progress; each
// one but the last asks for the next.
func (s *summary) onBulk(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case bulkChunkMsg:
		if msg.reqID != s.pending {
			return nil
		}
		s.feed.rep.addRows(s.c, &s.feed.Pager, msg.rows)
		s.partial = s.partial || msg.partial
		if !s.c.Offline {
			s.feed.refreshed = s.c.Now()
		}
		return tea.Batch(s.absorb(), bulkListen(msg.ch), storeFlash(msg.storeErr))
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
		s.feed.Pending = 0
		if s.cancel != nil {
			s.cancel() // the loader has ended; release its context
		}
		s.cancel = nil
		s.finish()
		flash := storeFlash(msg.storeErr)
		switch {
		case msg.err != nil && !(s.stopped && errors.Is(msg.err, context.Canceled)):
			s.feed.Err = msg.err
		case msg.err == nil && !s.partial:
			s.stopped = false // esc came after the last window: it is all here
			old, full := s.base, s.feed
			return tea.Batch(flash, func() tea.Msg { return feedAdoptMsg{old: old, new: full} })
		}
		return flash
	}
	return nil
}

// absorb groups the feed rows that arrived since the last call. Groups
// made off the loop read a snapshot: more rows than it holds start the
// grouping over (the command).
func (s *summary) absorb() tea.Cmd {
	switch {
	case s.grouping != 0:
		return nil // the grouping in flight is checked when it lands
	case s.groupedOver > 0 && s.feed.Len() != s.groupedOver:
		return s.reset()
	}
	if !s.groups.add(s.feed.Len()) {
		return nil
	}
	s.items = nil
	s.render()
	return nil
}

// Capturing is true while the loader runs, so that esc reaches the
// summary and stops the load rather than leaving it running behind the
// list, and the summary stays until the stopped loader has handed over
// its last rows (its goroutine then ends); and while the search line is
// open.
func (s *summary) Capturing() bool { return s.cancel != nil || s.tbl.Search().Typing() }

// ClaimsBack lets esc clear a kept search before the summary closes.
func (s *summary) ClaimsBack() bool { return s.tbl.Search().Active() }

// Update follows the load and keys.
func (s *summary) Update(msg tea.Msg) (common.Screen, tea.Cmd) {
	switch msg := msg.(type) {
	case common.BodySizeMsg:
		s.width, s.height = msg.Width, msg.Height
		s.render()
	case bulkChunkMsg, bulkProgressMsg, bulkDoneMsg:
		return s, s.onBulk(msg)
	case summaryGroupedMsg:
		return s, s.land(msg)
	case common.PrefsChangedMsg:
		s.render()
	case tea.KeyMsg:
		return s, s.key(msg)
	}
	return s, nil
}

func (s *summary) key(msg tea.KeyMsg) tea.Cmd {
	k := &s.c.Keys
	if handled, cmd := s.searchKey(msg); handled { // summary_search.go
		return cmd
	}
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
		flt := s.filter
		flt.group = s.items[s.cursor].group
		return common.Push(s, newFilteredList(s.c, s.feed, flt))
	}
	return nil
}

// move steps the cursor by d selectable items, skipping headings.
func (s *summary) move(d int) {
	step := 1
	if d < 0 {
		step, d = -1, -d
	}
	for ; d > 0; d-- {
		next := s.cursor + step
		for next >= 0 && next < len(s.items) && s.items[next].group.Kind == rowstore.GroupNone {
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
func (s *summary) Title() string { return "Triage" }

// Status: loading while the load runs; the range for the header.
func (s *summary) Status() common.Status {
	st := common.Status{
		Loaded:   s.feed.Len(),
		Loading:  s.loading || s.grouping != 0,
		Activity: "the whole range",
		Err:      s.feed.Err,
		Filter:   common.FormatShortTime(s.feed.from, s.c.Loc()) + " → " + common.FormatShortTime(s.feed.to, s.c.Loc()),
		Source:   s.feed.sourceWords(s.c),
	}
	if w := s.filter.words(); w != "" {
		st.Filter += " · " + w
	}
	st.Filter += s.searchWords()
	switch {
	case s.stopped:
		st.Note = "load stopped; " + common.FormatCount(s.feed.Len()) + " rows kept, " + s.c.Keys.Reload.Help().Key +
			" to reload · incomplete: groups cover the rows loaded"
	case s.partial:
		st.Note = "incomplete: groups cover the rows loaded"
	}
	return st
}

// ShortHelp: esc stops a running load; otherwise open, reload and back.
// A kept search's esc clears it first; the search line has its own keys.
func (s *summary) ShortHelp() []key.Binding {
	k := s.c.Keys
	sr := s.tbl.Search()
	if sr.Typing() {
		return sr.TypingHelp()
	}
	search := common.HelpIf(k.Search, len(s.itemAt) > 0)
	if kept := sr.KeptHelp(); len(kept) > 0 {
		return append([]key.Binding{k.Up, k.Down, k.Open, search}, kept...)
	}
	if s.loading {
		stop := k.Back
		stop.SetHelp(k.Back.Help().Key, "stop loading")
		return []key.Binding{k.Up, k.Down, k.Open, search, stop}
	}
	k.Open.SetEnabled(s.cursor >= 0 && s.cursor < len(s.items))
	// A stopped load winding down takes neither r nor esc until it ends.
	k.Reload.SetEnabled(s.feed != s.base && s.cancel == nil)
	k.Reload.SetHelp(k.Reload.Help().Key, "load again")
	k.Back.SetEnabled(s.cancel == nil)
	return []key.Binding{k.Up, k.Down, k.Open, search, k.Reload, k.Back}
}

// FullHelp groups the keys for the help overlay.
func (s *summary) FullHelp() [][]key.Binding {
	return [][]key.Binding{s.c.Keys.NavHelp(), s.ShortHelp()[2:]}
}
