package calls

import (
	"context"
	"errors"
	"math/rand/v2"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/callscope/callscope/graphclient"
	"github.com/callscope/callscope/graphclient/fakegraph"
	"github.com/callscope/callscope/model"
	"github.com/callscope/callscope/ui/common"
	"github.com/callscope/callscope/ui/uitest"
	tea "github.com/charmbracelet/bubbletea"
)

// The list is newest first whatever order Graph pages in: these run the
// screen against the fake Graph in both of its orders.

var serverOrders = map[string]fakegraph.ListOrder{"newest first": fakegraph.NewestFirst, "oldest first": fakegraph.OldestFirst}

// fastLimits lets a test's walk send more list requests than Graph allows
// in 20 s; the limiter is tested in graphclient.
var fastLimits = graphclient.Limits{List: graphclient.Window{Requests: 1 << 20, Per: time.Second},
	Records: graphclient.Window{Requests: 1 << 20, Per: time.Second}}

// newestTenant holds uitest.MakeRecords(0, n), one a minute back from
// T0-1h, added in a shuffled order, each with participant "821809f5".
func newestTenant(n int) *fakegraph.Tenant {
	recs := uitest.MakeRecords(0, n)
	rand.New(rand.NewPCG(13, 13)).Shuffle(len(recs), func(i, j int) { recs[i], recs[j] = recs[j], recs[i] })
	tenant := fakegraph.NewTenant()
	for _, r := range recs {
		r.ParticipantsV2 = []model.Participant{{ID: "821809f5"}}
		tenant.AddRecord(r)
	}
	return tenant
}

// newestScreen is a calls screen at T0 over the fake serving tenant in
// order (through wrap, if set), sized 120x21: 20 table rows.
func newestScreen(t *testing.T, tenant *fakegraph.Tenant, order fakegraph.ListOrder, f Filter, wrap func(http.Handler) http.Handler) (*Screen, *fakegraph.Server) {
	t.Helper()
	fs := fakegraph.New(tenant, fakegraph.Options{ListOrder: order, Clock: func() time.Time { return uitest.T0 }})
	var h http.Handler = fs
	if wrap != nil {
		h = wrap(fs)
	}
	c := uitest.Common(uitest.T0)
	c.Client, _ = uitest.Serve(t, h, graphclient.Options{MaxRetries: -1, Limits: fastLimits})
	s := New(c, f)
	s.Update(common.BodySizeMsg{Width: 120, Height: 21})
	return s, fs
}

// shownIDs are the ids of the rows loaded, in the list's order.
func shownIDs(s *Screen) []string {
	ids := make([]string, s.rows.Len())
	for i := range ids {
		ids[i] = s.rows.ID(i)
	}
	return ids
}

// settle runs cmd and what follows from it against s.
func settle(t *testing.T, s *Screen, cmd tea.Cmd) {
	t.Helper()
	uitest.SettleScreen(t, s, cmd)
}

func TestCallsFirstScreenIsTheNewestInEitherServerOrder(t *testing.T) {
	for name, order := range serverOrders {
		t.Run(name, func(t *testing.T) {
			s, fs := newestScreen(t, newestTenant(500), order, Filter{}, nil)
			settle(t, s, s.Init())
			ids := shownIDs(s)
			if len(ids) < 21 || len(ids) >= 500 {
				t.Fatalf("%d rows loaded for the first screen: want a screenful and more, not all", len(ids))
			}
			uitest.WantEachOnce(t, ids, len(ids)) // ID(0) is the newest
			uitest.ViewHas(t, s.View(), "2026-11-20 14:00:00", uitest.ID(0)[:8])
			first := len(listRequests(fs.Requests()))
			// Scrolling loads older windows, in order, until the range is in.
			for range 100 {
				if !s.Status().More {
					break
				}
				_, cmd := s.Update(uitest.KeyEnd)
				settle(t, s, cmd)
			}
			uitest.WantEachOnce(t, shownIDs(s), 500)
			if s.Status().More || s.Fault() != nil {
				t.Fatalf("after scrolling: more %v, fault %v", s.Status().More, s.Fault())
			}
			if len(listRequests(fs.Requests())) <= first {
				t.Fatal("scrolling asked for nothing older")
			}
		})
	}
}

func TestCallsQueryCarriesTheStartFilter(t *testing.T) {
	for name, order := range serverOrders {
		t.Run(name, func(t *testing.T) {
			f := Filter{From: uitest.T0.Add(-2 * time.Hour), To: uitest.T0, Participant: "821809f5"}
			s, fs := newestScreen(t, newestTenant(130), order, f, nil)
			settle(t, s, s.Init())
			for range 50 {
				if !s.Status().More {
					break
				}
				_, cmd := s.Update(uitest.KeyEnd)
				settle(t, s, cmd)
			}
			// Records start at T0-1h, one a minute back: 13:00 to 14:00 holds 61.
			uitest.WantEachOnce(t, shownIDs(s), 61)
			reqs := listRequests(fs.Requests())
			q0 := reqs[0].Path
			for _, want := range []string{"startDateTime%20lt%202026-11-20T15%3A00%3A00Z",
				"participants_v2%2Fany%28p%3Ap%2Fid%20eq%20%27821809f5%27%29", "$select=id%2Cversion%2ClastModifiedDateTime%2Ctype"} {
				if !strings.Contains(q0, want) {
					t.Errorf("first query %q lacks %q", q0, want)
				}
			}
			if last := reqs[len(reqs)-1].Path; !strings.Contains(last, "startDateTime%20ge%202026-11-20T13%3A00%3A00Z") {
				t.Errorf("the oldest window %q does not start at the range's start", last)
			}
		})
	}
}

// holding holds every list request while hold is set, until the client
// gives up, and tells arrived when one waits.
func holding(hold *atomic.Bool, arrived chan<- struct{}) func(http.Handler) http.Handler {
	return func(h http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if hold.Load() {
				arrived <- struct{}{}
				<-r.Context().Done()
				return
			}
			h.ServeHTTP(w, r)
		})
	}
}

func TestEscStopsALoadAndKeepsTheRows(t *testing.T) {
	var hold atomic.Bool
	arrived := make(chan struct{}, 16)
	s, _ := newestScreen(t, newestTenant(200), fakegraph.OldestFirst, Filter{}, holding(&hold, arrived))
	// Windows land until rows show and the screen waits for the cursor.
	cmd := s.Init()
	for cmd != nil {
		_, cmd = s.Update(cmd())
	}
	kept := s.rows.Len()
	hold.Store(true)
	_, next := s.Update(uitest.KeyEnd)
	if next == nil || kept == 0 || !s.Status().Loading {
		t.Fatalf("at the end of %d rows the next older window must be asked for", kept)
	}
	done := make(chan tea.Msg, 1)
	go func() { done <- next() }()
	<-arrived
	if _, cmd := s.Update(uitest.KeyEsc); cmd != nil {
		t.Fatal("esc while loading must stop the load, not do more")
	}
	m := (<-done).(pageMsg)
	if !errors.Is(m.err, context.Canceled) {
		t.Fatalf("the stopped command answered %v, want context.Canceled", m.err)
	}
	s.Update(m)
	uitest.WantEachOnce(t, shownIDs(s), kept)
	said := "load stopped; " + common.FormatCount(kept) + " rows kept, r to reload"
	if st := s.Status(); st.Loading || st.Err != nil || !strings.Contains(st.Note, said) {
		t.Fatalf("after esc: loading %v, err %v, note %q", st.Loading, st.Err, st.Note)
	}
	uitest.ViewHas(t, s.View(), said)
	if _, cmd := s.Update(uitest.KeyEnd); cmd != nil {
		t.Fatal("a stopped load must not resume by scrolling")
	}
	// r reloads from the newest window.
	hold.Store(false)
	_, cmd = s.Update(uitest.KeyRune('r'))
	if cmd == nil || s.rows.Len() != 0 || s.Link != "" {
		t.Fatalf("r must reload from the newest window: rows %d link %q", s.rows.Len(), s.Link)
	}
	settle(t, s, cmd)
	uitest.WantEachOnce(t, shownIDs(s), s.rows.Len())
	if s.rows.Len() < kept {
		t.Fatalf("after r: %d rows, want at least the %d of before", s.rows.Len(), kept)
	}
}

func TestCallsReloadDropsAnOlderWindowOfTheLastLoad(t *testing.T) {
	s, _ := newestScreen(t, newestTenant(300), fakegraph.OldestFirst, Filter{}, nil)
	_, next := s.Update(s.Init()())
	if next == nil {
		t.Fatal("the next older window was not asked for")
	}
	late := next() // the older window of the load r replaces
	_, cmd := s.Update(uitest.KeyRune('r'))
	s.Update(late)
	if s.rows.Len() != 0 {
		t.Fatalf("a window of the replaced load was taken: %d rows", s.rows.Len())
	}
	settle(t, s, cmd)
	if s.rows.Len() == 0 {
		t.Fatal("after r: no rows")
	}
	uitest.WantEachOnce(t, shownIDs(s), s.rows.Len())
}
