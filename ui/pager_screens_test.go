package ui

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/callscope/callscope/model"
	tea "github.com/charmbracelet/bubbletea"
)

// Every paged screen over a server whose nextLink loops (to its own page,
// to the first page, or back to page 1) shows each row once and says why
// paging stopped; r reads the pages again and replaces the rows.
func TestPagingLoopsShowEachRowOnce(t *testing.T) {
	for _, l := range pagedLists() {
		for _, loop := range []string{"", "self", "first", "page=1"} {
			t.Run(l.name+"/loop="+loop, func(t *testing.T) {
				ps := l.serve(t, 3, 4, loop)
				s := l.open(ps.common(t, logNow))
				want := ""
				if loop != "" {
					want = "Graph sent the same page link twice; stopped after 12 rows"
				}
				for _, load := range []string{"first load", "after r"} {
					var cmd tea.Cmd
					if load == "first load" {
						cmd = s.Init()
					} else {
						s, cmd = s.Update(keyRune('r'))
					}
					s, _ = settle(t, s, cmd)
					if ids := l.ids(s); len(ids) != 12 {
						t.Fatalf("%s: rows %s, want 12, each once", load, sprintIDs(ids))
					}
					wantEachOnce(t, l.ids(s), 12)
					if got := ps.requests(); len(got) != 3 {
						t.Fatalf("%s: pages asked for %q; want each of the 3 once", load, got)
					}
					if got := errWords(statusOf(s)); got != want {
						t.Fatalf("%s: error %q, want %q", load, got, want)
					}
					if want != "" {
						viewHas(t, s.View(), want)
					}
				}
			})
		}
	}
}

// pageErr is the error a page command answered with.
func pageErr(t *testing.T, msg tea.Msg) error {
	t.Helper()
	switch m := msg.(type) {
	case callsPageMsg:
		return m.err
	case logPageMsg:
		return m.err
	case participantsPageMsg:
		return m.err
	}
	t.Fatalf("%T is not a page message", msg)
	return nil
}

// startSilentPage answers the first page, then starts the command for
// page 1, which the server holds unanswered, and returns the channel its
// answer will come on once page 1's request is waiting at the server.
func startSilentPage(t *testing.T, ps *pagedServer, s screen, first tea.Cmd) <-chan tea.Msg {
	t.Helper()
	ps.silence(1)
	_, next := s.Update(first())
	if next == nil {
		t.Fatal("page 1 was not asked for")
	}
	done := make(chan tea.Msg, 1)
	go func() { done <- next() }()
	select {
	case <-ps.arrived:
	case msg := <-done:
		t.Fatalf("page 1 answered although the server is silent: %#v", msg)
	}
	return done
}

// esc while a page is in flight on a silent server cancels the request
// (its command returns at once with context.Canceled, not at the fetch
// timeout), keeps the rows that arrived and says so; r then reloads.
func TestEscStopsALoadAndKeepsTheRows(t *testing.T) {
	for _, l := range pagedLists() {
		if l.name == "participants" {
			continue // the record screen: TestRecordClosedStopsParticipantPaging
		}
		t.Run(l.name, func(t *testing.T) {
			ps := l.serve(t, 3, 4, "")
			s := l.open(ps.common(t, logNow))
			done := startSilentPage(t, ps, s, s.Init())
			if !statusOf(s).Loading {
				t.Fatal("not loading while page 1 is out")
			}
			s, cmd := s.Update(keyEsc)
			if cmd != nil {
				t.Fatal("esc while loading must stop the load, not do more")
			}
			msg := <-done
			if err := pageErr(t, msg); !errors.Is(err, context.Canceled) {
				t.Fatalf("the stopped command answered %v, want context.Canceled", err)
			}
			s, _ = s.Update(msg)
			wantEachOnce(t, l.ids(s), 4)
			st := statusOf(s)
			const said = "load stopped; 4 rows kept, r to reload"
			if st.Loading || st.Err != nil || !strings.Contains(st.Note, said) {
				t.Fatalf("after esc: loading %v, err %v, note %q", st.Loading, st.Err, st.Note)
			}
			viewHas(t, s.View(), said)
			if _, cmd := s.Update(keyEnd); cmd != nil {
				t.Fatal("a stopped load must not resume by scrolling")
			}
			ps.silence(-1)
			s, _ = press(t, s, keyRune('r'))
			wantEachOnce(t, l.ids(s), 12)
			if st := statusOf(s); st.Note != "" || st.Err != nil {
				t.Fatalf("after r: note %q, err %v", st.Note, st.Err)
			}
		})
	}
}

// esc before the first page arrives leaves an empty list that says it
// stopped, not that it is loading or that the range is empty.
func TestEscBeforeTheFirstPage(t *testing.T) {
	for _, l := range pagedLists()[:3] {
		t.Run(l.name, func(t *testing.T) {
			ps := l.serve(t, 1, 4, "")
			s := l.open(ps.common(t, logNow))
			s.Init()
			s.Update(keyEsc)
			viewHas(t, s.View(), "Load stopped before any "+l.noun+" arrived", "r to reload")
			if strings.Contains(s.View(), "Loading") || strings.Contains(s.View(), "No ") {
				t.Fatalf("view after esc:\n%s", s.View())
			}
		})
	}
}

// A page that lands after r belongs to the load r replaced: dropped, as is
// the cancelled answer of that load's command.
func TestReloadDropsTheOldLoadsLatePage(t *testing.T) {
	for _, l := range pagedLists()[:3] {
		t.Run(l.name, func(t *testing.T) {
			ps := l.serve(t, 3, 4, "")
			s := l.open(ps.common(t, logNow))
			s, _ = settle(t, s, s.Init())
			// r after a full load, and r again while its first page is out:
			// the first r's answer (cancelled) and a made-up success with
			// its id change nothing.
			s, cmd := s.Update(keyRune('r'))
			stale := l.pending(s)
			s, current := s.Update(keyRune('r'))
			msg := cmd()
			if err := pageErr(t, msg); !errors.Is(err, context.Canceled) {
				t.Fatalf("the superseded command answered %v, want context.Canceled", err)
			}
			s.Update(msg)
			s.Update(l.page(stale, 100))
			if n := len(l.ids(s)); n != 0 || statusOf(s).Err != nil {
				t.Fatalf("after stale answers: %d rows, err %v", n, statusOf(s).Err)
			}
			s, _ = settle(t, s, current)
			wantEachOnce(t, l.ids(s), 12)
		})
	}
}

// Leaving a record screen (esc pops it) cancels its participant paging;
// what arrived stays in the cache, and the next visit resumes at the page
// that was stopped, adding no participant twice.
func TestRecordClosedStopsParticipantPaging(t *testing.T) {
	l := pagedLists()[3]
	ps := l.serve(t, 3, 4, "")
	c := ps.common(t, logNow)
	s := newRecordScreen(c, pagedRecordID)
	s.Update(bodySizeMsg{Width: 120, Height: 37})
	_, participants := s.Update(s.Init()())
	done := startSilentPage(t, ps, s, participants)
	s.Closed()
	msg := <-done
	if err := pageErr(t, msg); !errors.Is(err, context.Canceled) {
		t.Fatalf("the closed screen's command answered %v, want context.Canceled", err)
	}
	s.Update(msg)
	e, _ := c.Records.get(pagedRecordID)
	if len(e.Participants) != 4 || e.ParticipantsDone || !strings.HasSuffix(e.ParticipantsNext, "?page=1") {
		t.Fatalf("cache: %d participants, next %q, done %v", len(e.Participants), e.ParticipantsNext, e.ParticipantsDone)
	}
	ps.silence(-1)
	ps.requests()
	again := newRecordScreen(c, pagedRecordID)
	got, _ := settle(t, again, again.Init())
	wantEachOnce(t, l.ids(got), 12)
	if asked := ps.requests(); len(asked) != 2 {
		t.Fatalf("the next visit asked for %q; want pages 1 and 2", asked)
	}
}

// r on a record whose participants are all in reads them again and
// replaces the list once the new one is whole; a page of the old paging
// that lands late is dropped.
func TestRecordReloadDropsTheOldParticipantsPage(t *testing.T) {
	l := pagedLists()[3]
	ps := l.serve(t, 3, 4, "")
	s := l.open(ps.common(t, logNow))
	rs := s.(*recordScreen)
	_, rest := s.Update(s.Init()())
	old := rs.participants.pending // the first paging's page 0
	s, _ = settle(t, s, rest)
	wantEachOnce(t, l.ids(s), 12)
	_, record := s.Update(keyRune('r'))
	_, first := s.Update(record())
	if first == nil || rs.participants.pending == old {
		t.Fatal("r must read the participants again under a new id")
	}
	s.Update(participantsPageMsg{reqID: old, page: &model.Page[model.Participant]{Value: []model.Participant{{ID: testID(100)}}}})
	wantEachOnce(t, l.ids(s), 12) // the old list stays until the new one is whole
	s, _ = settle(t, s, first)
	wantEachOnce(t, l.ids(s), 12)
}
