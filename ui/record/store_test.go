package record

import (
	"context"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/callscope/callscope/graphclient"
	"github.com/callscope/callscope/graphclient/fakegraph"
	"github.com/callscope/callscope/graphclient/store"
	"github.com/callscope/callscope/ui/common"
	"github.com/callscope/callscope/ui/uitest"
)

// openStore is an empty store in the test's folder, closed at the end.
func openStore(t *testing.T) *store.Store {
	t.Helper()
	st, err := store.Open(context.Background(), t.TempDir()+"/s.db", store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

// seededStore is a store holding the group call as Graph sent it, fetched
// from a fake of its own (whose requests no test counts).
func seededStore(t *testing.T) *store.Store {
	t.Helper()
	client, _ := recFakeGraph(t, uitest.GroupCallTenant(0), fakegraph.Options{})
	rec, err := client.GetCallRecord(context.Background(), uitest.GroupCallID)
	if err != nil {
		t.Fatal(err)
	}
	st := openStore(t)
	if _, err := st.Write(context.Background(), store.Batch{Records: []store.Record{{Call: rec, Verdict: common.StoreVerdict(rec)}}}); err != nil {
		t.Fatal(err)
	}
	return st
}

// recOpenRoot is recOpen that also returns the messages for the root.
func recOpenRoot(t *testing.T, c *common.Common, id string) (*Screen, []string) {
	t.Helper()
	var s common.Screen = New(c, id)
	s, _ = s.Update(common.BodySizeMsg{Width: 120, Height: 37})
	s, root := uitest.SettleScreen(t, s, s.Init())
	var flashes []string
	for _, m := range root {
		if f, ok := m.(common.FlashMsg); ok {
			flashes = append(flashes, f.Text)
		}
	}
	return s.(*Screen), flashes
}

func TestRecordOfflineReadsTheStore(t *testing.T) {
	st := seededStore(t)
	client, srv := recFakeGraph(t, uitest.GroupCallTenant(0), fakegraph.Options{})
	c, _ := recordCommon(client)
	c.Store, c.Offline = st, true
	s, flashes := recOpenRoot(t, c, uitest.GroupCallID)
	uitest.ViewHas(t, s.View(), "version 3", "Sessions (2)", "FAILED callSetup: SI",
		"Participants  not kept in the store (Graph lists them when online)")
	if st := s.Status(); st.Source != "offline · store" || st.Err != nil || st.Loading {
		t.Errorf("Status = %+v", st)
	}
	if len(flashes) != 0 {
		t.Errorf("flashes %q", flashes)
	}
	// v shows the bytes kept, and says so.
	s.Update(uitest.KeyRune('v'))
	uitest.ViewHas(t, s.View(), "Graph's JSON, as stored when fetched · record 3f2a9c1e", `"version": 3`)
	if n := len(srv.Requests()); n != 0 {
		t.Errorf("offline sent %d requests to Graph", n)
	}
}

func TestRecordOfflineNotStored(t *testing.T) {
	client, srv := recFakeGraph(t, uitest.GroupCallTenant(0), fakegraph.Options{})
	c, _ := recordCommon(client)
	c.Store, c.Offline = openStore(t), true
	s, _ := recOpenRoot(t, c, uitest.GroupCallID)
	uitest.ViewHas(t, strings.Join(strings.Fields(s.View()), " "),
		"call record "+uitest.GroupCallID+" is not in the store; run callscope sync", "r reads the store again")
	if st := s.Status(); st.Err != nil || st.Loading || st.Source != "offline · store" {
		t.Errorf("Status = %+v", st)
	}
	if c.Records.Len() != 0 {
		t.Error("a missing record was cached")
	}
	if n := len(srv.Requests()); n != 0 {
		t.Errorf("offline sent %d requests to Graph", n)
	}
}

func TestRecordOnlineIsKept(t *testing.T) {
	client, _ := recFakeGraph(t, uitest.GroupCallTenant(0), fakegraph.Options{})
	c, _ := recordCommon(client)
	st := openStore(t)
	c.Store = st
	s, flashes := recOpenRoot(t, c, uitest.GroupCallID)
	if got := s.Status().Source; got != common.SourceGraph {
		t.Errorf("Source = %q, want %q", got, common.SourceGraph)
	}
	if len(flashes) != 0 {
		t.Errorf("flashes %q", flashes)
	}
	rec, v, err := st.Record(context.Background(), uitest.GroupCallID)
	if err != nil {
		t.Fatalf("the record was not kept: %v", err)
	}
	if rec.Version != 3 || len(rec.Sessions) != 2 || string(rec.Raw) != string(s.record.Raw) {
		t.Errorf("kept version %d with %d sessions; bytes as shown: %v", rec.Version, len(rec.Sessions), string(rec.Raw) == string(s.record.Raw))
	}
	if want := common.StoreVerdict(s.record); v != want || !strings.HasPrefix(v.Result, "failed") {
		t.Errorf("kept verdict %+v, want %+v", v, want)
	}
}

// TestRecordGraphDownShowsStoredCopy: Graph answers 503; the stored copy
// shows, the header says where it came from and the footer why.
func TestRecordGraphDownShowsStoredCopy(t *testing.T) {
	down := http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		http.Error(w, `{"error":{"code":"ServiceUnavailable","message":"down"}}`, http.StatusServiceUnavailable)
	})
	client, _ := uitest.Serve(t, down, graphclient.Options{MaxRetries: -1})
	c, _ := recordCommon(client)
	c.Store = seededStore(t)
	s, _ := recOpenRoot(t, c, uitest.GroupCallID)
	uitest.ViewHas(t, s.View(), "version 3", "Sessions (2)")
	st := s.Status()
	if st.Source != "store · Graph unreachable" {
		t.Errorf("Source = %q", st.Source)
	}
	if st.Err == nil || !strings.Contains(st.Err.Error(), "503") {
		t.Errorf("Err = %v, want Graph's 503", st.Err)
	}
}

// TestRecordGoneFromGraphShowsStoredCopy: past Graph's 30 days the store
// still has the record.
func TestRecordGoneFromGraphShowsStoredCopy(t *testing.T) {
	client, srv := recFakeGraph(t, uitest.GroupCallTenant(0), fakegraph.Options{Clock: func() time.Time { return uitest.T0.AddDate(0, 0, 31) }})
	c, _ := recordCommon(client)
	c.Store = seededStore(t)
	s, _ := recOpenRoot(t, c, uitest.GroupCallID)
	uitest.ViewHas(t, s.View(), "version 3", "Sessions (2)", "Participants  not kept in the store (r asks Graph again)")
	if n := len(srv.Requests()); n != 1 {
		t.Errorf("%d requests, want the record's alone (participants would 404 too)", n)
	}
	if st := s.Status(); st.Source != "store · Graph no longer has it" || st.Err != nil {
		t.Errorf("Status = %+v", st)
	}
}

// TestRecordStoreWriteFailureIsSaid: a store that fails the write costs a
// flash; the record from Graph shows all the same.
func TestRecordStoreWriteFailureIsSaid(t *testing.T) {
	client, _ := recFakeGraph(t, uitest.GroupCallTenant(0), fakegraph.Options{})
	c, _ := recordCommon(client)
	st := openStore(t)
	st.Close()
	c.Store = st
	s, flashes := recOpenRoot(t, c, uitest.GroupCallID)
	uitest.ViewHas(t, s.View(), "version 3", "Sessions (2)")
	if len(flashes) != 1 || !strings.Contains(flashes[0], "keeping call record "+uitest.GroupCallID+" in the store") {
		t.Errorf("flashes %q, want one saying the write failed", flashes)
	}
	if st := s.Status(); st.Err != nil || st.Source != common.SourceGraph {
		t.Errorf("Status = %+v", st)
	}
}
