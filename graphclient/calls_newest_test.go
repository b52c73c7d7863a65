package graphclient

import (
	"cmp"
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"slices"
	"testing"
	"time"

	"github.com/callscope/callscope/graphclient/fakegraph"
	"github.com/callscope/callscope/model"
)

// orders are the two orders the fake can page List callRecords in; every
// walk test runs under both, since Graph documents neither.
var orders = map[string]fakegraph.ListOrder{"newest first": fakegraph.NewestFirst, "oldest first": fakegraph.OldestFirst}

// startOrdered serves tenant from the fake in order, through wrap when
// set, and returns a client that does not retry.
func startOrdered(t *testing.T, tenant *fakegraph.Tenant, order fakegraph.ListOrder, wrap func(http.Handler) http.Handler) (*Client, *fakegraph.Server) {
	t.Helper()
	srv := fakegraph.New(tenant, fakegraph.Options{Token: "fake-token", Clock: func() time.Time { return fakeNow }, ListOrder: order})
	var h http.Handler = srv
	if wrap != nil {
		h = wrap(srv)
	}
	hs := httptest.NewServer(h)
	t.Cleanup(hs.Close)
	// The walks here send more requests than Graph's list limit allows
	// in 20 s; the limiter has tests of its own.
	fast := Window{Requests: 1 << 20, Per: time.Second}
	c, err := New(Options{ServiceRoot: hs.URL + "/v1.0", Credential: StaticToken("fake-token"), MaxRetries: -1,
		Limits: Limits{List: fast, Records: fast}})
	if err != nil {
		t.Fatal(err)
	}
	return c, srv
}

// walkWindow is one window a walk read: [lo, hi) and its rows' ids.
type walkWindow struct {
	lo, hi time.Time
	ids    []string
}

// walkNewest reads every window of q newest first, and the bounds of each
// window as the cursors tell them.
func walkNewest(t *testing.T, c *Client, q CallQuery) (ids []string, windows []walkWindow) {
	t.Helper()
	cursor, hi := "", q.To.Truncate(time.Second)
	for range 10000 {
		page, err := c.ListCallRecordsNewest(context.Background(), q, cursor)
		if err != nil {
			t.Fatalf("window %d: %v", len(windows), err)
		}
		w := walkWindow{hi: hi, lo: q.From.Truncate(time.Second)}
		for _, r := range page.Value {
			w.ids = append(w.ids, r.ID)
		}
		ids = append(ids, w.ids...)
		if page.NextLink != "" {
			next, err := parseWindowCursor(page.NextLink)
			if err != nil {
				t.Fatal(err)
			}
			w.lo, hi = next.end, next.end // the next window ends where this one began
		}
		windows = append(windows, w)
		if page.NextLink == "" {
			return ids, windows
		}
		cursor = page.NextLink
	}
	t.Fatal("the walk did not end")
	return nil, nil
}

// newestOrder is the ids of recs that start in [from, to), newest first
// and then by id: the order the walk must give.
func newestOrder(recs []model.CallRecord, from, to time.Time) []string {
	var in []model.CallRecord
	for _, r := range recs {
		if !r.StartDateTime.Before(from) && r.StartDateTime.Before(to) {
			in = append(in, r)
		}
	}
	slices.SortFunc(in, func(a, b model.CallRecord) int {
		if c := b.StartDateTime.Compare(a.StartDateTime.Time); c != 0 {
			return c
		}
		return cmp.Compare(a.ID, b.ID)
	})
	ids := make([]string, len(in))
	for i, r := range in {
		ids[i] = r.ID
	}
	return ids
}

// mixedRecords are 10 days of calls at changing densities: a quiet spell,
// a busy afternoon (one a minute, several at the same instant), a 3-day
// silence, and sparse older calls, some before the range and one at its
// end, which the walk must leave out.
func mixedRecords(to time.Time) []model.CallRecord {
	var recs []model.CallRecord
	add := func(start time.Time) {
		recs = append(recs, record(fmt.Sprintf("rec-%04d", len(recs)), start))
	}
	add(to) // at the range's end: excluded (lt)
	for i := range 6 {
		add(to.Add(-time.Duration(i+1) * 47 * time.Minute))
	}
	busy := to.Add(-6 * time.Hour)
	for i := range 400 {
		at := busy.Add(-time.Duration(i) * time.Minute).Add(time.Duration(i%7) * time.Second)
		add(at)
		if i%50 == 0 {
			add(at) // same instant, ordered by id
		}
	}
	old := busy.Add(-400*time.Minute - 3*24*time.Hour)
	for i := range 30 {
		add(old.Add(-time.Duration(i) * 3 * time.Hour))
	}
	add(to.Add(-12 * 24 * time.Hour)) // before the range: excluded
	return recs
}

func tenantOf(recs []model.CallRecord) *fakegraph.Tenant {
	tenant := fakegraph.NewTenant()
	for _, r := range recs {
		tenant.AddRecord(r)
	}
	return tenant
}

func TestNewestWalkIsExactInEitherServerOrder(t *testing.T) {
	to := fakeNow.Add(-time.Minute)
	from := to.Add(-10 * 24 * time.Hour)
	recs := mixedRecords(to)
	want := newestOrder(recs, from, to)
	for name, order := range orders {
		t.Run(name, func(t *testing.T) {
			c, srv := startOrdered(t, tenantOf(recs), order, nil)
			q := CallQuery{From: from, To: to, PageSize: 20}
			got, windows := walkNewest(t, c, q)
			if !slices.Equal(got, want) {
				t.Fatalf("got %d ids, want %d, or out of order:\n got %v\nwant %v", len(got), len(want), got, want)
			}
			for i, w := range windows {
				if len(w.ids) > maxWindowPages*q.PageSize {
					t.Errorf("window %d holds %d rows: more than %d pages", i, len(w.ids), maxWindowPages)
				}
			}
			// The density decides the widths: the busy afternoon is read
			// in windows of a few pages, not one, and the quiet days
			// in few requests, not one per hour.
			if n := len(srv.Requests()); n > 60 {
				t.Errorf("%d requests for %d rows in pages of %d", n, len(want), q.PageSize)
			}
			busy := 0
			for _, w := range windows {
				if len(w.ids) > 0 && w.hi.Sub(w.lo) < 3*time.Hour {
					busy++
				}
			}
			if busy < 5 {
				t.Errorf("only %d narrow windows over the busy afternoon; widths did not follow the density", busy)
			}
		})
	}
}

func TestNewestWindowWidthFollowsDensity(t *testing.T) {
	cases := []struct {
		width      time.Duration
		rows, want int
		wantWidth  time.Duration
	}{
		{time.Hour, 90, 90, time.Hour},                 // on target: same width
		{time.Hour, 900, 90, 6 * time.Minute},          // ten times denser: a tenth
		{time.Hour, 45, 90, 2 * time.Hour},             // half as dense: twice
		{time.Hour, 1, 90, 4 * time.Hour},              // far sparser: growth capped
		{time.Hour, 0, 90, 8 * time.Hour},              // empty: widened
		{time.Second, 100000, 90, time.Second},         // never under a second
		{10 * time.Second, 30, 90, 30 * time.Second},   // whole seconds
		{90 * time.Second, 7, 9, 115 * time.Second},    // 115.7 s, cut to whole seconds
		{24 * time.Hour, 0, 90, 8 * 24 * time.Hour},    // an empty day: eight days next
		{3 * time.Minute, 4000, 90, 4 * time.Second},   // 4.05 s
		{3 * time.Minute, 400000, 90, 1 * time.Second}, // floor
	}
	for _, tc := range cases {
		if got := nextWidth(tc.width, tc.rows, tc.want); got != tc.wantWidth {
			t.Errorf("nextWidth(%v, %d rows, target %d) = %v, want %v", tc.width, tc.rows, tc.want, got, tc.wantWidth)
		}
	}
}

func TestNewestRangeOfOnePageIsOneRequest(t *testing.T) {
	for name, order := range orders {
		t.Run(name, func(t *testing.T) {
			var recs []model.CallRecord
			for i := range 5 {
				recs = append(recs, record(fmt.Sprintf("rec-%d", i), fakeNow.Add(-time.Duration(i*6+1)*24*time.Hour)))
			}
			c, srv := startOrdered(t, tenantOf(recs), order, nil)
			q := CallQuery{From: fakeNow.Add(-30 * 24 * time.Hour), To: fakeNow}
			page, err := c.ListCallRecordsNewest(context.Background(), q, "")
			if err != nil || page.NextLink != "" {
				t.Fatalf("err %v, next %q", err, page.NextLink)
			}
			var got []string
			for _, r := range page.Value {
				got = append(got, r.ID)
			}
			if want := newestOrder(recs, q.From, q.To); !slices.Equal(got, want) {
				t.Fatalf("got %v, want %v", got, want)
			}
			if n := len(srv.Requests()); n != 1 {
				t.Fatalf("%d requests for a range of one page", n)
			}
		})
	}
}

func TestNewestEmptyWindowsWidenFast(t *testing.T) {
	for name, order := range orders {
		t.Run(name, func(t *testing.T) {
			// 11 calls 29 days back: more than a page of 10, so the range
			// is walked, and every window before them is empty.
			var recs []model.CallRecord
			for i := range 11 {
				recs = append(recs, record(fmt.Sprintf("old-%02d", i), fakeNow.Add(-29*24*time.Hour-time.Duration(i)*time.Minute)))
			}
			c, srv := startOrdered(t, tenantOf(recs), order, nil)
			q := CallQuery{From: fakeNow.Add(-30 * 24 * time.Hour), To: fakeNow, PageSize: 10}
			got, windows := walkNewest(t, c, q)
			if want := newestOrder(recs, q.From, q.To); !slices.Equal(got, want) {
				t.Fatalf("got %v, want %v", got, want)
			}
			// The one-page try, then 10 min, 80 min, 640 min, 85 h: each
			// empty window widens eightfold; the rest (two pages) holds
			// all 11.
			if n := len(srv.Requests()); n != 7 || len(windows) != 5 {
				t.Fatalf("%d requests in %d windows, want 7 in 5", n, len(windows))
			}
			for i, w := range windows[:4] {
				if len(w.ids) != 0 {
					t.Fatalf("window %d not empty: %v", i, w.ids)
				}
			}
		})
	}
}

func TestNewestWalkOfTheDemoTenantIsExact(t *testing.T) {
	tenant := fakegraph.DemoTenant(fakeNow)
	q := CallQuery{From: fakeNow.Add(-30 * 24 * time.Hour), To: fakeNow}
	byID := map[string]model.CallRecord{}
	for _, r := range tenant.Records() {
		byID[r.ID] = r
	}
	for name, order := range orders {
		t.Run(name, func(t *testing.T) {
			c, srv := startOrdered(t, tenant, order, nil)
			// What Graph lists (the fake decides which records are out
			// yet), in the order the walk must give.
			listed, _ := listAll(t, c, q)
			var recs []model.CallRecord
			for _, id := range listed {
				recs = append(recs, byID[id])
			}
			want := newestOrder(recs, q.From, q.To)
			if len(want) < 1000 || len(want) != len(listed) {
				t.Fatalf("%d records listed, %d in range", len(listed), len(want))
			}
			srv.ResetRequests()
			got, windows := walkNewest(t, c, q)
			if !slices.Equal(got, want) {
				t.Fatalf("got %d ids, want %d, or out of order", len(got), len(want))
			}
			t.Logf("%d rows in %d windows, %d requests", len(got), len(windows), len(srv.Requests()))
		})
	}
}
