package record

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/callscope/callscope/model"
	"github.com/callscope/callscope/ui/common"
	"github.com/callscope/callscope/ui/uitest"
	tea "github.com/charmbracelet/bubbletea"
)

var pagedRecordID = uitest.ID(7)

// participantsList is the record screen's participants under the pager
// checks every list shares.
func participantsList() uitest.PagedList {
	return uitest.PagedList{Name: "participants", Noun: "participants",
		Row:    func(i int) any { return model.Participant{ID: uitest.ID(i)} },
		Paged:  func(path string) bool { return strings.HasSuffix(path, "/participants_v2") },
		Record: model.CallRecord{ID: pagedRecordID, Version: 1},
		Open: func(c *common.Common) common.Screen {
			s := New(c, pagedRecordID)
			s.Update(common.BodySizeMsg{Width: 120, Height: 37})
			return s
		},
		IDs: func(s common.Screen) []string {
			rs := s.(*Screen)
			ids := make([]string, len(rs.participants))
			for i := range rs.participants {
				ids[i] = rs.participants[i].ID
			}
			return ids
		},
		PageErr: func(msg tea.Msg) (error, bool) {
			m, ok := msg.(participantsPageMsg)
			return m.err, ok
		},
	}
}

func TestPagingLoopsShowEachRowOnce(t *testing.T) { uitest.PagingLoops(t, participantsList()) }

// Leaving a record screen (esc pops it) cancels its participant paging;
// what arrived stays in the cache, and the next visit resumes at the page
// that was stopped, adding no participant twice.
func TestRecordClosedStopsParticipantPaging(t *testing.T) {
	l := participantsList()
	ps := l.Serve(t, 3, 4, "")
	c := ps.Common(uitest.Now)
	s := New(c, pagedRecordID)
	s.Update(common.BodySizeMsg{Width: 120, Height: 37})
	_, participants := s.Update(s.Init()())
	done := uitest.StartSilentPage(t, ps, s, participants)
	s.Closed()
	msg := <-done
	if err := msg.(participantsPageMsg).err; !errors.Is(err, context.Canceled) {
		t.Fatalf("the closed screen's command answered %v, want context.Canceled", err)
	}
	s.Update(msg)
	e, _ := c.Records.Get(pagedRecordID)
	if len(e.Participants) != 4 || e.ParticipantsDone || !strings.HasSuffix(e.ParticipantsNext, "?page=1") {
		t.Fatalf("cache: %d participants, next %q, done %v", len(e.Participants), e.ParticipantsNext, e.ParticipantsDone)
	}
	ps.Silence(-1)
	ps.Requests()
	again := New(c, pagedRecordID)
	got, _ := uitest.SettleScreen(t, again, again.Init())
	uitest.WantEachOnce(t, l.IDs(got), 12)
	if asked := ps.Requests(); len(asked) != 2 {
		t.Fatalf("the next visit asked for %q; want pages 1 and 2", asked)
	}
}

// r on a record whose participants are all in reads them again and
// replaces the list once the new one is whole; a page of the old paging
// that lands late is dropped.
func TestRecordReloadDropsTheOldParticipantsPage(t *testing.T) {
	l := participantsList()
	ps := l.Serve(t, 3, 4, "")
	s := l.Open(ps.Common(uitest.Now))
	rs := s.(*Screen)
	_, rest := s.Update(s.Init()())
	old := rs.participantPages.Pending // the first paging's page 0
	s, _ = uitest.SettleScreen(t, s, rest)
	uitest.WantEachOnce(t, l.IDs(s), 12)
	_, record := s.Update(uitest.KeyRune('r'))
	_, first := s.Update(record())
	if first == nil || rs.participantPages.Pending == old {
		t.Fatal("r must read the participants again under a new id")
	}
	s.Update(participantsPageMsg{reqID: old, page: &model.Page[model.Participant]{Value: []model.Participant{{ID: uitest.ID(100)}}}})
	uitest.WantEachOnce(t, l.IDs(s), 12) // the old list stays until the new one is whole
	s, _ = uitest.SettleScreen(t, s, first)
	uitest.WantEachOnce(t, l.IDs(s), 12)
}
