package logs

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/callscope/callscope/graphclient/fakegraph"
	"github.com/callscope/callscope/graphclient/store"
	"github.com/callscope/callscope/model"
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

// storeDirect writes rows to st as sync would (encoded: the demo rows
// carry no bytes of their own).
func storeDirect(t *testing.T, st *store.Store, rows []model.DirectRoutingRow) {
	t.Helper()
	b := store.Batch{Direct: make([]store.DirectRow, len(rows))}
	for i := range rows {
		b.Direct[i].Row = rows[i]
	}
	if _, err := st.Write(context.Background(), b); err != nil {
		t.Fatal(err)
	}
}

// storedDirect counts the Direct Routing rows st holds in [from, to).
func storedDirect(t *testing.T, st *store.Store, from, to time.Time) map[string]bool {
	t.Helper()
	ids := map[string]bool{}
	r := store.Range{From: from, To: to, Limit: store.MaxLimit}
	for {
		p, err := st.DirectRouting(context.Background(), r)
		if err != nil {
			t.Fatal(err)
		}
		for _, row := range p.Rows {
			if len(row.Raw) == 0 {
				t.Fatalf("row %s stored without bytes", row.Row.ID)
			}
			ids[row.Row.ID] = true
		}
		if r.After = p.Next; r.After == "" {
			return ids
		}
	}
}

// offlineCommon is logCommon offline over st, with a client for the fake
// whose requests the test counts (there must be none).
func offlineCommon(t *testing.T, st *store.Store) (*common.Common, *fakegraph.Server) {
	t.Helper()
	client, srv := logFake(t, uitest.DemoTenant, fakegraph.Options{})
	c := logCommonWith(client)
	c.Store, c.Offline = st, true
	return c, srv
}

func TestLogOfflinePagesTheStore(t *testing.T) {
	from, to := threeDays()
	want := demoRowsIn(from, to)
	st := openStore(t)
	storeDirect(t, st, want)
	c, srv := offlineCommon(t, st)

	s := newReportList(c, newDirectRouting(), from, to)
	s.feed.storeLimit = 700 // four store pages
	s.Update(common.BodySizeMsg{Width: 120, Height: 25})
	got, _ := settle(t, s, s.Init())
	s = got.(*List)
	if st := s.Status(); st.Loaded != 700 || !st.More {
		t.Fatalf("after the first store page: %+v", st)
	}
	for s.Status().More {
		got, _ = press(t, s, uitest.KeyEnd)
		s = got.(*List)
	}
	if n := s.feed.Len(); n != len(want) {
		t.Fatalf("loaded %d rows, want %d", n, len(want))
	}
	seen := map[string]bool{}
	prev := time.Time{}
	for i := range s.feed.Len() {
		r := drStore(s.feed).Row(int32(i))
		if seen[r.ID] {
			t.Fatalf("row %s twice", r.ID)
		}
		seen[r.ID] = true
		if i > 0 && r.StartDateTime.After(prev) {
			t.Fatalf("row %d starts %v after the row before it (%v): the store pages newest first", i, r.StartDateTime.Time, prev)
		}
		prev = r.StartDateTime.Time
	}
	oldest, newest := want[0].StartDateTime.Time, want[0].StartDateTime.Time
	for _, r := range want {
		oldest, newest = minTime(oldest, r.StartDateTime.Time), maxTime(newest, r.StartDateTime.Time)
	}
	if got, w := s.Status().Source, c.OfflineSource(oldest, newest); got != w {
		t.Errorf("Source = %q, want %q", got, w)
	}
	if n := len(srv.Requests()); n != 0 {
		t.Errorf("offline sent %d requests to Graph", n)
	}
}

func TestLogOfflineSummaryReadsTheStore(t *testing.T) {
	from, to := threeDays()
	want := demoRowsIn(from, to)
	st := openStore(t)
	storeDirect(t, st, want)
	c, srv := offlineCommon(t, st)
	s := newReportList(c, newDirectRouting(), from, to)
	s.feed.storeLimit = 500
	s.Update(common.BodySizeMsg{Width: 120, Height: 25})
	got, _ := settle(t, s, s.Init())
	s = got.(*List)

	sum := openSummary(t, s)
	got, root := settle(t, sum, sum.Init())
	sum = got.(*summary)
	if sum.loading || sum.feed.Len() != len(want) || sum.feed.Err != nil {
		t.Fatalf("summary: loading %v, %d rows of %d, err %v", sum.loading, sum.feed.Len(), len(want), sum.feed.Err)
	}
	if w := wantSummary(from, to); drSum(sum).Calls != w.Calls || drSum(sum).Failed != w.Failed {
		t.Fatalf("summary %d calls %d failed, want %d/%d", drSum(sum).Calls, drSum(sum).Failed, w.Calls, w.Failed)
	}
	adopted := false
	for _, m := range root {
		_, ok := m.(feedAdoptMsg)
		adopted = adopted || ok
	}
	if !adopted {
		t.Error("a complete offline load was not handed to the list")
	}
	if !strings.HasPrefix(sum.Status().Source, "offline · store of ") {
		t.Errorf("summary Source = %q", sum.Status().Source)
	}
	if n := len(srv.Requests()); n != 0 {
		t.Errorf("offline sent %d requests to Graph", n)
	}
}

func TestLogOfflineEmptyNamesSync(t *testing.T) {
	from, to := threeDays()
	for _, tc := range []struct {
		rep  report
		what string
	}{{newDirectRouting(), "--what direct"}, {newPstn(), "--what pstn"}} {
		c, srv := offlineCommon(t, openStore(t))
		s := openLog(t, c, tc.rep, from, to)
		viewHas(t, s.View(), "The store holds no "+tc.rep.name()+" calls", "callscope sync "+tc.what)
		if st := s.Status(); st.Err != nil || st.Source != "offline · store empty" {
			t.Errorf("%s: Status = %+v", tc.rep.name(), st)
		}
		if n := len(srv.Requests()); n != 0 {
			t.Errorf("offline sent %d requests to Graph", n)
		}
	}
}

// TestLogOfflineAllowsLongRanges: the store is not bound by PSTN's 90
// days, which Graph enforces online.
func TestLogOfflineAllowsLongRanges(t *testing.T) {
	from, to := uitest.Now.Add(-200*24*time.Hour), uitest.Now
	online := NewPstn(logCommon(t), time.Time{}, time.Time{})
	if err := online.checkRange(from, to); err == nil {
		t.Fatal("online PSTN took a 200-day range")
	}
	c, _ := offlineCommon(t, openStore(t))
	offline := NewPstn(c, time.Time{}, time.Time{})
	if err := offline.checkRange(from, to); err != nil {
		t.Fatalf("offline PSTN refused a 200-day range: %v", err)
	}
	if _, _, errs := checkRangeForm(offline.rangeRules(), []string{"-200d", "now"}, uitest.Now); errs[0] != "" || errs[1] != "" {
		t.Fatalf("offline range form refused 200 days: %q", errs)
	}
}

func TestLogOnlinePagesAreKept(t *testing.T) {
	from, to := threeDays()
	want := demoRowsIn(from, to)
	st := openStore(t)
	c := logCommon(t)
	c.Store = st
	s := openLog(t, c, newDirectRouting(), from, to)
	if n := len(storedDirect(t, st, from, to)); n != 1000 {
		t.Fatalf("after the first page the store holds %d rows, want 1000", n)
	}
	if got, w := s.Status().Source, c.StoreRefreshed(uitest.Now); got != w {
		t.Errorf("Source = %q, want %q", got, w)
	}
	// The summary loads the rest with the windowed loader, which keeps
	// every page too.
	sum := openSummary(t, s)
	got, root := settle(t, sum, sum.Init())
	if sum = got.(*summary); sum.feed.Len() != len(want) {
		t.Fatalf("summary loaded %d rows, want %d", sum.feed.Len(), len(want))
	}
	for _, m := range root {
		if f, ok := m.(common.FlashMsg); ok {
			t.Errorf("flash %q while the store worked", f.Text)
		}
	}
	ids := storedDirect(t, st, from, to)
	if len(ids) != len(want) {
		t.Fatalf("the store holds %d rows, want %d", len(ids), len(want))
	}
	for _, r := range want {
		if !ids[r.ID] {
			t.Fatalf("row %s was not kept", r.ID)
		}
	}
}

// TestLogStoreWriteFailureKeepsTheView: a store that fails every write is
// said once; the rows still show and paging goes on.
func TestLogStoreWriteFailureKeepsTheView(t *testing.T) {
	from, to := threeDays()
	want := demoRowsIn(from, to)
	st := openStore(t)
	st.Close() // every write now fails
	c := logCommon(t)
	c.Store = st
	s := newReportList(c, newDirectRouting(), from, to)
	s.Update(common.BodySizeMsg{Width: 120, Height: 25})
	got, root := settle(t, s, s.Init())
	s = got.(*List)
	for s.Status().More {
		got, more := press(t, s, uitest.KeyEnd)
		s = got.(*List)
		root = append(root, more...)
	}
	var flashes []string
	for _, m := range root {
		if f, ok := m.(common.FlashMsg); ok {
			if !f.IsError {
				t.Errorf("flash %q is not an error", f.Text)
			}
			flashes = append(flashes, f.Text)
		}
	}
	if len(flashes) != 1 || !strings.Contains(flashes[0], "keeping Direct Routing rows in the store") {
		t.Fatalf("flashes %q, want one saying the store write failed", flashes)
	}
	if st := s.Status(); st.Loaded != len(want) || st.Err != nil || st.Source != "Graph (store write failed)" {
		t.Fatalf("Status = %+v, want every row, no error, Graph as the source", st)
	}
}

func minTime(a, b time.Time) time.Time {
	if b.Before(a) {
		return b
	}
	return a
}

func maxTime(a, b time.Time) time.Time {
	if b.After(a) {
		return b
	}
	return a
}
