package logs

import (
	"context"
	"errors"

	"github.com/callscope/callscope/ui/common"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
)

// Watching a log list (w, common.Watchable): each poll reads the range's
// words again at the clock's now into a feed of its own, loaded through
// the client like any page, while the list keeps showing its feed. When
// the new feed holds as many rows as were loaded (or all there are), it
// takes the old one's place, the cursor stays on its row, and the rows
// the old feed did not hold are marked. A poll that fails leaves the
// rows shown as they were.

// watchPoll is one poll in flight: the list it reloads, the feed shown
// when it began, and the feed it loads.
type watchPoll struct {
	list *List
	base *feed
	next *feed
	gen  uint64
	// want is how many rows to load before the swap: as many as the list
	// had, so that watching does not shorten what the user scrolled to.
	want int
}

// watchPageMsg is one page of a watch poll.
type watchPageMsg struct {
	poll *watchPoll
	page pageMsg
}

// freshMark replaces a new row's gutter, so that "new" reads without
// colour too (the cursor's own mark wins on the selected row).
const freshMark = "+ "

// CanWatch refuses a fixed range, and a summary group's rows.
func (s *List) CanWatch() error {
	if s.fixed {
		return errors.New("a summary group's rows cannot be watched: watch the list it came from")
	}
	if !s.rng.Moves(s.c.NowInZone(), defaultRange) {
		return common.ErrFixedRange
	}
	return nil
}

// Watch starts a poll of the range read again at now; a fixed range, or a
// summary group's, cannot be watched.
func (s *List) Watch(gen uint64) (tea.Cmd, context.CancelFunc, error) {
	if err := s.CanWatch(); err != nil {
		return nil, nil, err
	}
	from, to, err := s.rng.Resolve(s.c.Now(), defaultRange)
	if err != nil {
		return nil, nil, err
	}
	if err := s.checkRange(from, to); err != nil {
		return nil, nil, err
	}
	p := &watchPoll{list: s, base: s.feed, next: s.feed.sibling(from, to), gen: gen, want: s.feed.Len()}
	return p.fetch(), func() { p.next.Abort() }, nil
}

// fetch asks for the poll's next page, wrapped for the root.
func (p *watchPoll) fetch() tea.Cmd {
	cmd := p.next.fetch(p.list.c)
	wrapped := func() tea.Msg {
		msg, _ := cmd().(pageMsg)
		return watchPageMsg{poll: p, page: msg}
	}
	return common.Watched(p.list, p.gen, wrapped)
}

// WatchResult takes a page of the poll in flight: the next page until
// enough are in, then the swap.
func (s *List) WatchResult(msg tea.Msg) (tea.Cmd, bool) {
	m, ok := msg.(watchPageMsg)
	if !ok || m.poll.list != s {
		return nil, true
	}
	p := m.poll
	if s.feed != p.base {
		// r or a new range replaced the rows meanwhile: this poll is moot.
		p.next.Abort()
		return nil, true
	}
	if !p.next.accept(s.c, m.page) {
		return nil, false // not the page in flight
	}
	flash := storeFlash(m.page.storeErr)
	if err := p.next.Fault(); err != nil {
		return tea.Batch(flash, common.Flash("watch: could not reload "+s.what()+": "+common.ErrorLine(err), true)), true
	}
	if p.next.CanFetch() && p.next.Len() < p.want {
		return tea.Batch(flash, p.fetch()), false
	}
	return tea.Batch(flash, s.watchSwap(p.next)), true
}

// watchSwap shows f in place of the feed, keeping the cursor on its row
// and marking the rows the old feed did not hold.
func (s *List) watchSwap(f *feed) tea.Cmd {
	old := s.feed
	known := make(map[string]struct{}, old.Len())
	for i := range int32(old.Len()) {
		known[old.rep.ID(i)] = struct{}{}
	}
	fresh := make(map[int32]struct{})
	for i := range int32(f.Len()) {
		if _, ok := known[f.rep.ID(i)]; !ok {
			fresh[i] = struct{}{}
		}
	}
	cursorID := ""
	if s.tbl.Len() > 0 {
		cursorID = old.rep.ID(s.rowAt(s.tbl.Cursor()))
	}
	old.Abort()
	cmd := s.switchFeed(f)
	s.resize()
	if cursorID != "" {
		if i := f.rep.FindID(cursorID); i >= 0 {
			s.tbl.SetCursor(max(s.locate(i), 0))
		}
	}
	s.markFresh(fresh)
	return tea.Batch(cmd, s.maybeFetch())
}

// markFresh draws the rows in fresh (feed rows) with the new-row mark.
func (s *List) markFresh(fresh map[int32]struct{}) {
	if len(fresh) == 0 {
		s.tbl.SetRowStyle(nil)
		return
	}
	st := s.c.Styles.OK.Transform(markGutter)
	s.tbl.SetRowStyle(func(r int) (lipgloss.Style, bool) {
		_, ok := fresh[s.rowAt(r)]
		return st, ok
	})
}

// markGutter puts freshMark in a row's two-cell gutter.
func markGutter(line string) string {
	if len(line) >= len(freshMark) && line[:2] == "  " {
		return freshMark + line[2:]
	}
	return line
}

// Unwatch clears the marks: watching stopped.
func (s *List) Unwatch() { s.tbl.SetRowStyle(nil) }
