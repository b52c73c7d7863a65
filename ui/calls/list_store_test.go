package calls

import (
	"context"
	"encoding/json"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/callscope/callscope/graphclient"
	"github.com/callscope/callscope/graphclient/fakegraph"
	"github.com/callscope/callscope/graphclient/store"
	"github.com/callscope/callscope/model"
	"github.com/callscope/callscope/ui/common"
	"github.com/callscope/callscope/ui/uitest"
	tea "github.com/charmbracelet/bubbletea"
)

// openListStore opens a new store in the test's temporary folder.
func openListStore(t *testing.T) *store.Store {
	t.Helper()
	st, err := store.Open(context.Background(), t.TempDir()+"/s.db", store.Options{BusyTimeout: 200 * time.Millisecond})
	if err != nil {
		t.Fatalf("open the store: %v", err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

// putListCalls stores recs as list rows, each with its bytes as Graph would
// have sent them.
func putListCalls(t *testing.T, st *store.Store, recs []model.CallRecord) {
	t.Helper()
	rows := slices.Clone(recs)
	for i := range rows {
		raw, err := json.Marshal(&rows[i])
		if err != nil {
			t.Fatal(err)
		}
		rows[i].Raw = raw
	}
	if _, err := st.Write(context.Background(), store.Batch{Calls: rows}); err != nil {
		t.Fatalf("store the calls: %v", err)
	}
}

// listStoreScreen is a calls screen at T0 with st as its store, offline or
// over the fake serving tenant in order, sized 120x21 (20 table rows).
// Offline, the client is still the fake's, so that the test can count
// the requests the list sends: none. The quality columns are left off:
// these test the list's pages.
func listStoreScreen(t *testing.T, tenant *fakegraph.Tenant, order fakegraph.ListOrder, st *store.Store, offline bool, f Filter) (*Screen, *fakegraph.Server) {
	t.Helper()
	c := uitest.Common(uitest.T0)
	var fs *fakegraph.Server
	c.Client, fs = uitest.FakeGraph(t, tenant, fakegraph.Options{ListOrder: order, Clock: func() time.Time { return uitest.T0 }},
		graphclient.Options{MaxRetries: -1, Limits: fastLimits})
	c.Store, c.Offline = st, offline
	s := New(c, f)
	s.enrich.off = true
	s.Update(common.BodySizeMsg{Width: 120, Height: 21})
	return s, fs
}

// shownInOrder are the ids of the rows as the table shows them, top first.
func shownInOrder(s *Screen) []string {
	ids := make([]string, s.viewLen())
	for p := range ids {
		ids[p] = s.rows.ID(s.rowAt(p))
	}
	return ids
}

// wantNewestFirst fails unless the table shows its rows by start, newest
// first, each id once.
func wantNewestFirst(t *testing.T, s *Screen) {
	t.Helper()
	for p := 1; p < s.viewLen(); p++ {
		if s.rows.StartUnix(s.rowAt(p)) > s.rows.StartUnix(s.rowAt(p-1)) {
			t.Fatalf("row %d (%s) is newer than the row above it", p, s.rows.ID(s.rowAt(p)))
		}
	}
	seen := map[string]bool{}
	for _, id := range shownInOrder(s) {
		if seen[id] {
			t.Fatalf("row %s shows twice", id)
		}
		seen[id] = true
	}
}

// loadAll presses end and settles until the list has every page.
func loadAll(t *testing.T, s *Screen) {
	t.Helper()
	for range 100 {
		if s.Next == "" && s.Pending == 0 && s.Started {
			return
		}
		settle(t, s, update(s, uitest.KeyEnd))
	}
	t.Fatal("the list never reached its last page")
}

// callIDs are recs' ids in their order.
func callIDs(recs []model.CallRecord) []string {
	ids := make([]string, len(recs))
	for i := range recs {
		ids[i] = recs[i].ID
	}
	return ids
}

func TestOfflineListPagesTheStoreAndSendsNothing(t *testing.T) {
	st := openListStore(t)
	recs := uitest.MakeRecords(0, 1200) // three store pages of 500
	putListCalls(t, st, recs)
	s, fs := listStoreScreen(t, newestTenant(10), fakegraph.NewestFirst, st, true, Filter{})
	s.enrich.off = false // the quality columns read the store too: still no request
	if !strings.Contains(s.View(), "Reading stored call records") {
		t.Fatalf("before the first page:\n%s", s.View())
	}
	settle(t, s, s.Init())
	if s.rows.Len() != store.DefaultLimit || s.Next == "" {
		t.Fatalf("first page: %d rows, next %q", s.rows.Len(), s.Next)
	}
	loadAll(t, s)
	if got := shownInOrder(s); !slices.Equal(got, callIDs(recs)) {
		t.Fatalf("offline list: %d rows, want the %d stored newest first", len(got), len(recs))
	}
	if n := len(fs.Requests()); n != 0 {
		t.Fatalf("offline list sent %d requests: %+v", n, fs.Requests())
	}
	oldest, newest := recs[len(recs)-1].StartDateTime.Time, recs[0].StartDateTime.Time
	if got, want := s.Status().Source, s.c.OfflineSource(oldest, newest); got != want {
		t.Fatalf("source %q, want %q", got, want)
	}
	if f := s.Status().Filter; !strings.HasPrefix(f, "stored calls") {
		t.Fatalf("header range %q, want the whole store", f)
	}
}

func TestOfflineReadsPastGraphsThirtyDays(t *testing.T) {
	st := openListStore(t)
	old := uitest.MakeRecords(0, 30)
	for i := range old { // 40 days back and older, which Graph no longer has
		old[i].StartDateTime = model.NewTime(old[i].StartDateTime.Add(-40 * 24 * time.Hour))
		old[i].EndDateTime = model.NewTime(old[i].EndDateTime.Add(-40 * 24 * time.Hour))
	}
	recent := uitest.MakeRecords(100, 5)
	putListCalls(t, st, append(slices.Clone(recent), old...))

	s, fs := listStoreScreen(t, newestTenant(10), fakegraph.NewestFirst, st, true, Filter{})
	settle(t, s, s.Init())
	if got, want := shownInOrder(s), append(callIDs(recent), callIDs(old)...); !slices.Equal(got, want) {
		t.Fatalf("no from: %d rows, want all %d stored", len(got), len(want))
	}

	from, to := uitest.T0.Add(-45*24*time.Hour), uitest.T0.Add(-35*24*time.Hour)
	s, _ = listStoreScreen(t, newestTenant(10), fakegraph.NewestFirst, st, true, Filter{From: from, To: to})
	settle(t, s, s.Init())
	if got := shownInOrder(s); !slices.Equal(got, callIDs(old)) {
		t.Fatalf("40 days back: %d rows, want the %d stored then", len(got), len(old))
	}
	if n := len(fs.Requests()); n != 0 {
		t.Fatalf("offline list sent %d requests", n)
	}
}

func TestOfflineEmptyRangeSaysToSync(t *testing.T) {
	s, _ := listStoreScreen(t, newestTenant(10), fakegraph.NewestFirst, openListStore(t), true, Filter{})
	settle(t, s, s.Init())
	if v := s.View(); s.rows.Len() != 0 || !strings.Contains(v, "store holds no calls in this range") || !strings.Contains(v, "run callscope sync") {
		t.Fatalf("empty store:\n%s", v)
	}
	if got, want := s.Status().Source, "offline · store empty"; got != want {
		t.Fatalf("source %q, want %q", got, want)
	}
}

func TestOfflineParticipantListsTheirStoredCalls(t *testing.T) {
	st := openListStore(t)
	recs := uitest.MakeRecords(0, 9)
	for i := range recs[:6] { // 0, 2, 4 are theirs; 1, 3, 5 someone else's; 6..8 say nobody
		who := []string{"821809f5", "someone-else"}[i%2]
		recs[i].ParticipantsV2 = []model.Participant{{ID: who}}
	}
	putListCalls(t, st, recs)
	s, fs := listStoreScreen(t, newestTenant(10), fakegraph.NewestFirst, st, true, Filter{Participant: "821809f5"})
	settle(t, s, s.Init())
	if got, want := shownInOrder(s), []string{uitest.ID(0), uitest.ID(2), uitest.ID(4)}; !slices.Equal(got, want) {
		t.Fatalf("their calls %q, want %q", got, want)
	}
	if note := s.Status().Note; !strings.Contains(note, "3 stored calls not judged") {
		t.Fatalf("note %q, want the 3 calls that name nobody counted", note)
	}
	if n := len(fs.Requests()); n != 0 {
		t.Fatalf("offline list sent %d requests", n)
	}
}

// storedAndListed is a tenant of 300 calls and a store holding 100 of them
// (50..149) and 20 Graph has no more (300..319, older): the list must show
// the 320 once each.
func storedAndListed(t *testing.T) (*fakegraph.Tenant, *store.Store, []string) {
	st := openListStore(t)
	putListCalls(t, st, uitest.MakeRecords(50, 100))
	putListCalls(t, st, uitest.MakeRecords(300, 20))
	return newestTenant(300), st, callIDs(uitest.MakeRecords(0, 320))
}

// split runs a reload's command and returns the store's and Graph's
// answers apart, so that a test can deliver them in either order.
func splitReload(t *testing.T, cmd tea.Cmd) (storedMsg, pageMsg) {
	t.Helper()
	var stored, page []tea.Msg
	for _, m := range uitest.Messages(cmd) {
		switch m.(type) {
		case storedMsg:
			stored = append(stored, m)
		case pageMsg:
			page = append(page, m)
		}
	}
	if len(stored) != 1 || len(page) != 1 {
		t.Fatalf("a reload sent %d store reads and %d Graph fetches, want one each", len(stored), len(page))
	}
	return stored[0].(storedMsg), page[0].(pageMsg)
}

func TestStoredRowsFirstThenGraphMergesNewestFirst(t *testing.T) {
	for name, order := range serverOrders {
		for _, storeFirst := range []bool{true, false} {
			t.Run(name+map[bool]string{true: ", store lands first", false: ", Graph lands first"}[storeFirst], func(t *testing.T) {
				tenant, st, all := storedAndListed(t)
				s, _ := listStoreScreen(t, tenant, order, st, false, Filter{})
				stored, page := splitReload(t, s.Init())
				if got := s.Status().Source; got != common.SourceStore {
					t.Fatalf("source while loading %q, want %q", got, common.SourceStore)
				}
				if storeFirst {
					settle(t, s, update(s, stored))
					if got := shownInOrder(s); len(got) != 120 || got[0] != uitest.ID(50) {
						t.Fatalf("stored rows: %d, first %s", len(got), got[0])
					}
					wantNewestFirst(t, s)
					if got := s.Status().Source; got != common.SourceStore {
						t.Fatalf("source with stored rows only %q, want %q", got, common.SourceStore)
					}
					settle(t, s, update(s, page))
				} else {
					settle(t, s, update(s, page))
					settle(t, s, update(s, stored))
				}
				wantNewestFirst(t, s)
				if got := s.rowAt(0); s.rows.ID(got) != uitest.ID(0) || s.tbl.Cursor() != 0 {
					t.Fatalf("top row %s, cursor %d: want the newest at the top", s.rows.ID(got), s.tbl.Cursor())
				}
				if got, want := s.Status().Source, s.c.StoreRefreshed(uitest.T0); got != want {
					t.Fatalf("source after a window %q, want %q", got, want)
				}
				loadAll(t, s)
				if got := shownInOrder(s); !slices.Equal(got, all) {
					t.Fatalf("merged list: %d rows, want %d newest first once each", len(got), len(all))
				}
			})
		}
	}
}

func TestMergeKeepsTheCursorOnItsRow(t *testing.T) {
	tenant, st, _ := storedAndListed(t)
	s, _ := listStoreScreen(t, tenant, fakegraph.NewestFirst, st, false, Filter{})
	stored, page := splitReload(t, s.Init())
	settle(t, s, update(s, stored))
	for range 5 {
		update(s, uitest.KeyDown)
	}
	on := s.rows.ID(s.rowAt(s.tbl.Cursor()))
	settle(t, s, update(s, page))
	if got := s.rows.ID(s.rowAt(s.tbl.Cursor())); got != on || s.tbl.Cursor() == 5 {
		t.Fatalf("cursor on %s at %d after newer rows landed, want still on %s lower down", got, s.tbl.Cursor(), on)
	}
}

func TestGraphWindowsAreWrittenToTheStore(t *testing.T) {
	st := openListStore(t)
	s, fs := listStoreScreen(t, newestTenant(200), fakegraph.NewestFirst, st, false, Filter{})
	settle(t, s, s.Init())
	loadAll(t, s)
	for _, r := range fs.Requests() {
		if strings.Contains(r.Path, "select") {
			t.Fatalf("with a store the list must ask for whole rows: %s", r.Path)
		}
	}
	page, err := st.Calls(context.Background(), store.Range{Limit: store.MaxLimit})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := callIDs(callsOf(page.Rows)), callIDs(uitest.MakeRecords(0, 200)); !slices.Equal(got, want) {
		t.Fatalf("stored %d calls, want the %d Graph listed", len(got), len(want))
	}
	for _, row := range page.Rows {
		var m map[string]json.RawMessage
		if err := json.Unmarshal(row.Raw, &m); err != nil || m["version"] == nil || m["lastModifiedDateTime"] == nil {
			t.Fatalf("call %s stored without Graph's bytes: %s (%v)", row.Call.ID, row.Raw, err)
		}
	}
}

func TestStoreFailureKeepsTheList(t *testing.T) {
	st := openListStore(t)
	s, _ := listStoreScreen(t, newestTenant(200), fakegraph.NewestFirst, st, false, Filter{})
	st.Close() // every read and write now fails
	_, root := uitest.SettleScreen(t, s, s.Init())
	loadAll(t, s)
	settle(t, s, update(s, uitest.KeyRune('r'))) // a reload says nothing again
	loadAll(t, s)
	var flashes []string
	for _, m := range root {
		if f, ok := m.(common.FlashMsg); ok && f.IsError {
			flashes = append(flashes, f.Text)
		}
	}
	if len(flashes) != 2 || !strings.Contains(flashes[0]+flashes[1], "could not read the store") ||
		!strings.Contains(flashes[0]+flashes[1], "could not keep call records in the store") {
		t.Fatalf("flashes %q, want the read and the write failure once each", flashes)
	}
	if s.rows.Len() != 200 || s.Status().Err != nil {
		t.Fatalf("list with a failed store: %d rows, error %v", s.rows.Len(), s.Status().Err)
	}
	wantNewestFirst(t, s)
}

func TestGraphErrorKeepsTheStoredRows(t *testing.T) {
	tenant, st, _ := storedAndListed(t)
	s, fs := listStoreScreen(t, tenant, fakegraph.NewestFirst, st, false, Filter{})
	fs.SetFaults(fakegraph.Faults{UnavailableEvery: 1})
	settle(t, s, s.Init())
	if s.rows.Len() != 120 || s.Status().Err == nil {
		t.Fatalf("Graph failed: %d rows, error %v; want the 120 stored and the error", s.rows.Len(), s.Status().Err)
	}
	if got := s.Status().Source; got != common.SourceStore {
		t.Fatalf("source %q, want %q", got, common.SourceStore)
	}
	if v := s.View(); !strings.Contains(v, uitest.ID(50)[:8]) || !strings.Contains(v, "✗ Graph 503") {
		t.Fatalf("view after Graph failed:\n%s", v)
	}
}

func TestReloadDropsALateStorePage(t *testing.T) {
	tenant, st, _ := storedAndListed(t)
	s, _ := listStoreScreen(t, tenant, fakegraph.NewestFirst, st, false, Filter{})
	stored, _ := splitReload(t, s.Init())
	cmd := update(s, uitest.KeyRune('r'))
	update(s, stored)
	if s.rows.Len() != 0 {
		t.Fatalf("a store page of the replaced load was taken: %d rows", s.rows.Len())
	}
	settle(t, s, cmd)
	wantNewestFirst(t, s)
}

func TestWithoutAStoreTheSourceIsGraph(t *testing.T) {
	s, _ := listStoreScreen(t, newestTenant(20), fakegraph.NewestFirst, nil, false, Filter{})
	settle(t, s, s.Init())
	if got := s.Status().Source; got != common.SourceGraph || s.order != nil {
		t.Fatalf("source %q (order kept: %v), want %q", got, s.order != nil, common.SourceGraph)
	}
}
