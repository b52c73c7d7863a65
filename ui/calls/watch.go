package calls

import (
	"context"
	"errors"
	"math"
	"time"

	"github.com/callscope/callscope/model"
	"github.com/callscope/callscope/ui/common"
	"github.com/callscope/callscope/ui/rowstore"
	"github.com/callscope/callscope/ui/table"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
)

// Watching the calls list (w, common.Watchable): each poll reads the
// range's words again at the clock's now and walks Graph's windows (or,
// offline, the store's pages) into rows of its own, while the list keeps
// showing its rows, until it reaches back as far as the list had loaded
// (or paging ends). Then the new rows take the old ones' place
// (watch_swap.go): the cursor stays on its call, the calls the list did
// not show are marked, and each Result and Quality verdict is carried
// across by call id, so that only new calls, and calls whose list row is
// newer than their verdict's record (version, lastModifiedDateTime), are
// read again. A poll that fails leaves the rows shown as they were.

// freshMark replaces a new row's gutter, so that "new" reads without
// colour too (the cursor's own mark wins on the selected row).
const freshMark = "+ "

// watchPoll is one poll in flight.
type watchPoll struct {
	screen *Screen
	base   *rowstore.CallRows // the rows shown when it began: r or a new filter makes it moot
	gen    uint64
	filter Filter // the list's filter with the range read again
	pager  table.Pager
	rows   *rowstore.CallRows
	// stamps are each new row's version and lastModifiedDateTime.
	stamps []stamp
	// oldest is the start (Unix seconds) of the oldest row shown when the
	// poll began: the poll pages until it reaches it, so that watching
	// does not shorten what the user scrolled to; want counts the rows, for
	// rows without a start.
	oldest   int64
	want     int
	unjudged int
}

// stamp is a call's version as a list row or a record carries it.
type stamp struct{ version, modified int64 }

// newer reports a list row newer than the record a verdict was read from.
func (st stamp) newer(v *rowVerdict) bool { return st.version > v.version || st.modified > v.modified }

// unixNano is t in Unix nanoseconds, 0 for the zero time.
func unixNano(t time.Time) int64 {
	if t.IsZero() {
		return 0
	}
	return t.UnixNano()
}

// watchPageMsg is one page of a watch poll.
type watchPageMsg struct {
	poll *watchPoll
	page pageMsg
}

// CanWatch refuses a range that does not move with the clock, and a list
// still waiting for a person to be looked up.
func (s *Screen) CanWatch() error {
	if s.AwaitingPerson() {
		return errors.New("the list waits for a person to be picked: watch it once it shows their calls")
	}
	if !s.filter.Range.Moves(s.c.NowInZone(), 0) {
		return common.ErrFixedRange
	}
	return nil
}

// Watch starts a poll of the range read again at now.
func (s *Screen) Watch(gen uint64) (tea.Cmd, context.CancelFunc, error) {
	if err := s.CanWatch(); err != nil {
		return nil, nil, err
	}
	f := s.filter
	from, to, err := f.Range.Resolve(s.c.Now(), 0)
	if err != nil {
		return nil, nil, err
	}
	if err := model.ValidateRange(from, to); err != nil {
		return nil, nil, err
	}
	f.From, f.To = from, to
	p := &watchPoll{screen: s, base: s.rows, gen: gen, filter: f, rows: rowstore.NewCallRows(), oldest: math.MaxInt64,
		want: s.rows.Len()}
	if n := s.rows.Len(); n > 0 {
		p.oldest = s.rows.StartUnix(s.newestAt(n - 1))
	}
	return p.fetch(), func() { p.pager.Abort() }, nil
}

// fetch asks for the poll's next page, as the list's fetch would, wrapped
// for the root.
func (p *watchPoll) fetch() tea.Cmd {
	s := p.screen
	link := p.pager.Resume()
	id, ctx := p.pager.Begin(link)
	var cmd tea.Cmd
	if s.c.Offline && s.c.Store != nil {
		cmd = fetchStoredPage(ctx, s.c.Store, id, s.storeRangeFor(p.filter), link, p.filter.Participant)
	} else {
		cmd = fetchWindow(ctx, s.c.Client, s.windowWrites(), id, s.queryFor(p.filter), link)
	}
	return common.Watched(s, p.gen, func() tea.Msg {
		msg, _ := cmd().(pageMsg)
		return watchPageMsg{poll: p, page: msg}
	})
}

// add takes one row of a poll's page.
func (p *watchPoll) add(r *model.CallRecord) {
	p.rows.Add(r)
	p.stamps = append(p.stamps, stamp{version: r.Version, modified: unixNano(r.LastModifiedDateTime.Time)})
}

// reached reports that the poll's rows go back as far as the list's did.
// Each window is newest first and the walk goes from the newest, so the
// last row taken is the oldest.
func (p *watchPoll) reached() bool {
	n := p.rows.Len()
	if n == 0 {
		return false
	}
	if last := p.rows.StartUnix(n - 1); last != 0 && p.oldest != 0 {
		return last <= p.oldest
	}
	return n >= p.want
}

// WatchResult takes a page of the poll in flight: the next page until the
// poll reaches back as far as the list, then the swap.
func (s *Screen) WatchResult(msg tea.Msg) (tea.Cmd, bool) {
	m, ok := msg.(watchPageMsg)
	if !ok || m.poll.screen != s {
		return nil, true
	}
	p := m.poll
	if s.rows != p.base {
		// r or a new filter replaced the rows meanwhile: this poll is moot.
		p.pager.Abort()
		return nil, true
	}
	if m.page.page != nil && m.page.reqID == p.pager.Pending {
		common.RedactCalls(s.c, m.page.page.Value)
	}
	if !table.TakePage(&p.pager, m.page.reqID, m.page.page, m.page.err, callID, p.add) {
		return nil, false // not the page in flight
	}
	p.unjudged += m.page.unjudged
	said := s.onWatchWriteFailed(m.page.writeErr)
	if err := p.pager.Fault(); err != nil {
		return tea.Batch(said, common.Flash("watch: could not reload call records: "+common.ErrorLine(err), true)), true
	}
	if p.pager.CanFetch() && !p.reached() {
		return tea.Batch(said, p.fetch()), false
	}
	return tea.Batch(said, s.watchSwap(p)), true
}

// onWatchWriteFailed says, once, that a poll's window could not be kept
// in the store; the list then goes on without writing, as for its own
// windows.
func (s *Screen) onWatchWriteFailed(err error) tea.Cmd {
	if err == nil || s.stored.writeFailed {
		return nil
	}
	s.stored.writeFailed = true
	return common.Flash("could not keep call records in the store: "+common.ErrorLine(err)+"; the list goes on from Graph", true)
}

// markFresh draws the rows in fresh (row indexes) with the new-row mark.
func (s *Screen) markFresh(fresh map[int32]struct{}) {
	if len(fresh) == 0 {
		s.tbl.SetRowStyle(nil)
		return
	}
	st := s.c.Styles.OK.Transform(markGutter)
	s.tbl.SetRowStyle(func(p int) (lipgloss.Style, bool) {
		_, ok := fresh[int32(s.rowAt(p))]
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
func (s *Screen) Unwatch() { s.tbl.SetRowStyle(nil) }
