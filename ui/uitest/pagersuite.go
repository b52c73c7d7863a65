package uitest

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/callscope/callscope/ui/common"
	tea "github.com/charmbracelet/bubbletea"
)

// PagedList is one paged screen under the pager checks every list shares
// (PagingLoops, EscStopsALoad, EscBeforeTheFirstPage, ReloadDropsALatePage):
// how to make it, its rows' ids in order, and rows of its kind for the
// server.
type PagedList struct {
	// Name names the list in subtests; Noun is what it lists, as its
	// views say ("call records").
	Name, Noun string
	// Row is the server's row i, whose id is ID(i).
	Row func(i int) any
	// Paged picks the requests that are the list's pages (nil: all); the
	// others get Record (the record screen also asks for its record).
	Paged  func(path string) bool
	Record any
	// Open makes the screen, sized.
	Open func(c *common.Common) common.Screen
	// IDs are the ids of the rows shown, in order.
	IDs func(s common.Screen) []string
	// Pending is the id of the list's page request in flight.
	Pending func(s common.Screen) uint64
	// Page makes an answer to reqID of 4 rows numbered from from.
	Page func(reqID uint64, from int) tea.Msg
	// PageErr is the error of a page message (ok false for another message).
	PageErr func(msg tea.Msg) (err error, ok bool)
	// ForRoot picks messages of the list's own that its root would take
	// (see SettleScreen); nil for none.
	ForRoot func(msg tea.Msg) bool
}

// settle is SettleScreen with the list's own messages for the root.
func (l PagedList) settle(t *testing.T, s common.Screen, cmd tea.Cmd) common.Screen {
	t.Helper()
	var also []func(tea.Msg) bool
	if l.ForRoot != nil {
		also = append(also, l.ForRoot)
	}
	s, _ = SettleScreen(t, s, cmd, also...)
	return s
}

// pageErr is the error a page command answered with.
func (l PagedList) pageErr(t *testing.T, msg tea.Msg) error {
	t.Helper()
	err, ok := l.PageErr(msg)
	if !ok {
		t.Fatalf("%T is not a page message", msg)
	}
	return err
}

// PagingLoops: the list over a server whose nextLink loops (to its own
// page, to the first page, or back to page 1) shows each row once and says
// why paging stopped; r reads the pages again and replaces the rows.
func PagingLoops(t *testing.T, l PagedList) {
	for _, loop := range []string{"", "self", "first", "page=1"} {
		t.Run(l.Name+"/loop="+loop, func(t *testing.T) {
			ps := l.Serve(t, 3, 4, loop)
			s := l.Open(ps.Common(Now))
			want := ""
			if loop != "" {
				want = "Graph sent the same page link twice; stopped after 12 rows"
			}
			for _, load := range []string{"first load", "after r"} {
				var cmd tea.Cmd
				if load == "first load" {
					cmd = s.Init()
				} else {
					s, cmd = s.Update(KeyRune('r'))
				}
				s = l.settle(t, s, cmd)
				if ids := l.IDs(s); len(ids) != 12 {
					t.Fatalf("%s: rows %s, want 12, each once", load, sprintIDs(ids))
				}
				WantEachOnce(t, l.IDs(s), 12)
				if got := ps.Requests(); len(got) != 3 {
					t.Fatalf("%s: pages asked for %q; want each of the 3 once", load, got)
				}
				if got := ErrorWords(s.Status()); got != want {
					t.Fatalf("%s: error %q, want %q", load, got, want)
				}
				if want != "" {
					ViewHas(t, s.View(), want)
				}
			}
		})
	}
}

// StartSilentPage answers the first page, then starts the command for
// page 1, which the server holds unanswered, and returns the channel its
// answer will come on once page 1's request is waiting at the server.
func StartSilentPage(t *testing.T, ps *PagedServer, s common.Screen, first tea.Cmd) <-chan tea.Msg {
	t.Helper()
	ps.Silence(1)
	_, next := s.Update(first())
	if next == nil {
		t.Fatal("page 1 was not asked for")
	}
	done := make(chan tea.Msg, 1)
	go func() { done <- next() }()
	select {
	case <-ps.Arrived:
	case msg := <-done:
		t.Fatalf("page 1 answered although the server is silent: %#v", msg)
	}
	return done
}

// EscStopsALoad: esc while a page is in flight on a silent server cancels
// the request (its command returns at once with context.Canceled, not at
// the fetch timeout), keeps the rows that arrived and says so; r then
// reloads.
func EscStopsALoad(t *testing.T, l PagedList) {
	t.Run(l.Name, func(t *testing.T) {
		ps := l.Serve(t, 3, 4, "")
		s := l.Open(ps.Common(Now))
		done := StartSilentPage(t, ps, s, s.Init())
		if !s.Status().Loading {
			t.Fatal("not loading while page 1 is out")
		}
		s, cmd := s.Update(KeyEsc)
		if cmd != nil {
			t.Fatal("esc while loading must stop the load, not do more")
		}
		msg := <-done
		if err := l.pageErr(t, msg); !errors.Is(err, context.Canceled) {
			t.Fatalf("the stopped command answered %v, want context.Canceled", err)
		}
		s, _ = s.Update(msg)
		WantEachOnce(t, l.IDs(s), 4)
		st := s.Status()
		const said = "load stopped; 4 rows kept, r to reload"
		if st.Loading || st.Err != nil || !strings.Contains(st.Note, said) {
			t.Fatalf("after esc: loading %v, err %v, note %q", st.Loading, st.Err, st.Note)
		}
		ViewHas(t, s.View(), said)
		if _, cmd := s.Update(KeyEnd); cmd != nil {
			t.Fatal("a stopped load must not resume by scrolling")
		}
		ps.Silence(-1)
		s, cmd = s.Update(KeyRune('r'))
		s = l.settle(t, s, cmd)
		WantEachOnce(t, l.IDs(s), 12)
		if st := s.Status(); st.Note != "" || st.Err != nil {
			t.Fatalf("after r: note %q, err %v", st.Note, st.Err)
		}
	})
}

// EscBeforeTheFirstPage: esc before the first page arrives leaves an
// empty list that says it stopped, not that it is loading or that the
// range is empty.
func EscBeforeTheFirstPage(t *testing.T, l PagedList) {
	t.Run(l.Name, func(t *testing.T) {
		ps := l.Serve(t, 1, 4, "")
		s := l.Open(ps.Common(Now))
		s.Init()
		s.Update(KeyEsc)
		ViewHas(t, s.View(), "Load stopped before any "+l.Noun+" arrived", "r to reload")
		if strings.Contains(s.View(), "Loading") || strings.Contains(s.View(), "No ") {
			t.Fatalf("view after esc:\n%s", s.View())
		}
	})
}

// ReloadDropsALatePage: a page that lands after r belongs to the load r
// replaced: dropped, as is the cancelled answer of that load's command.
func ReloadDropsALatePage(t *testing.T, l PagedList) {
	t.Run(l.Name, func(t *testing.T) {
		ps := l.Serve(t, 3, 4, "")
		s := l.Open(ps.Common(Now))
		s = l.settle(t, s, s.Init())
		// r after a full load, and r again while its first page is out:
		// the first r's answer (cancelled) and a made-up success with
		// its id change nothing.
		s, cmd := s.Update(KeyRune('r'))
		stale := l.Pending(s)
		s, current := s.Update(KeyRune('r'))
		msg := cmd()
		if err := l.pageErr(t, msg); !errors.Is(err, context.Canceled) {
			t.Fatalf("the superseded command answered %v, want context.Canceled", err)
		}
		s.Update(msg)
		s.Update(l.Page(stale, 100))
		if n := len(l.IDs(s)); n != 0 || s.Status().Err != nil {
			t.Fatalf("after stale answers: %d rows, err %v", n, s.Status().Err)
		}
		s = l.settle(t, s, current)
		WantEachOnce(t, l.IDs(s), 12)
	})
}
