package graphclient

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/callscope/callscope/graphclient/fakegraph"
	"github.com/callscope/callscope/model"
)

// Edges of the newest-first walk: window edges, busy windows, the
// participant filter, Graph's bytes, errors, loops and cursors.

// inclusiveEdges makes the fake read "startDateTime lt X" as "le X", as a
// server might: a record at a window's edge is then listed in two windows.
// The count is of the requests so rewritten.
func inclusiveEdges(count *atomic.Int64) func(http.Handler) http.Handler {
	return func(h http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			q := r.URL.Query()
			if f := q.Get("$filter"); strings.Contains(f, "startDateTime lt ") {
				q.Set("$filter", strings.ReplaceAll(f, "startDateTime lt ", "startDateTime le "))
				r.URL.RawQuery = strings.ReplaceAll(q.Encode(), "+", "%20")
				count.Add(1)
			}
			h.ServeHTTP(w, r)
		})
	}
}

func TestNewestRecordOnAWindowEdgeComesOnce(t *testing.T) {
	to := fakeNow.Add(-time.Hour).Truncate(time.Hour)
	// One a minute on the minute: windows are whole minutes wide here, so
	// every edge falls on one.
	recs := everyMinute(to, 600)
	from := to.Add(-600 * time.Minute)
	want := newestOrder(recs, from, to)
	for name, order := range orders {
		t.Run(name, func(t *testing.T) {
			var rewritten atomic.Int64
			c, _ := startOrdered(t, tenantOf(recs), order, inclusiveEdges(&rewritten))
			got, windows := walkNewest(t, c, CallQuery{From: from, To: to})
			if !slices.Equal(got, want) {
				t.Fatalf("got %d ids, want %d:\n got %v\nwant %v", len(got), len(want), got, want)
			}
			if len(windows) < 4 {
				t.Fatalf("%d windows: too few edges to test", len(windows))
			}
			if n := rewritten.Load(); n < int64(len(windows)) {
				t.Fatalf("%d of %d windows asked with an inclusive edge", n, len(windows))
			}
		})
	}
}

func TestNewestBusyWindowIsAskedAgainNarrower(t *testing.T) {
	to := fakeNow.Add(-time.Minute)
	var recs []model.CallRecord
	// Quiet for an hour, then 3,000 calls in the half hour before it.
	recs = append(recs, record("quiet", to.Add(-30*time.Minute)))
	for i := range 3000 {
		recs = append(recs, record(fmt.Sprintf("busy-%04d", i), to.Add(-61*time.Minute-time.Duration(i)*600*time.Millisecond)))
	}
	from := to.Add(-3 * time.Hour)
	want := newestOrder(recs, from, to)
	for name, order := range orders {
		t.Run(name, func(t *testing.T) {
			c, _ := startOrdered(t, tenantOf(recs), order, nil)
			q := CallQuery{From: from, To: to, PageSize: 10}
			got, windows := walkNewest(t, c, q)
			if !slices.Equal(got, want) {
				t.Fatalf("got %d ids, want %d", len(got), len(want))
			}
			for i, w := range windows {
				if len(w.ids) > maxWindowPages*q.PageSize {
					t.Fatalf("window %d holds %d rows: memory not bounded by %d pages", i, len(w.ids), maxWindowPages)
				}
			}
		})
	}
}

func TestNewestKeepsTheParticipantFilter(t *testing.T) {
	to := fakeNow.Add(-time.Minute)
	var recs []model.CallRecord
	for i := range 200 {
		who := []string{"alice", "o'brien"}[i%2]
		recs = append(recs, record(fmt.Sprintf("rec-%03d", i), to.Add(-time.Duration(i*7)*time.Minute), who))
	}
	var wantIDs []string
	for _, id := range newestOrder(recs, to.Add(-5*24*time.Hour), to) {
		var n int
		fmt.Sscanf(id, "rec-%d", &n)
		if n%2 == 1 {
			wantIDs = append(wantIDs, id)
		}
	}
	for name, order := range orders {
		t.Run(name, func(t *testing.T) {
			c, srv := startOrdered(t, tenantOf(recs), order, nil)
			got, _ := walkNewest(t, c, CallQuery{From: to.Add(-5 * 24 * time.Hour), To: to, Participant: "o'brien", PageSize: 15})
			if !slices.Equal(got, wantIDs) {
				t.Fatalf("got %v\nwant %v", got, wantIDs)
			}
			for _, r := range srv.Requests() {
				if u, _ := url.Parse(r.Path); !strings.Contains(u.RawQuery, "skiptoken") && !strings.Contains(u.Query().Get("$filter"), "p/id eq 'o''brien'") {
					t.Fatalf("a window lost the participant filter: %s", r.Path)
				}
			}
		})
	}
}

// everyMinute are n records, one a minute back from to, to itself included.
func everyMinute(to time.Time, n int) []model.CallRecord {
	recs := make([]model.CallRecord, n)
	for i := range recs {
		recs[i] = record(fmt.Sprintf("min-%04d", i), to.Add(-time.Duration(i)*time.Minute))
	}
	return recs
}

func TestNewestRawMovesWithItsRecord(t *testing.T) {
	to := fakeNow.Add(-time.Hour) // every call has ended: all are listed
	c, _ := startOrdered(t, tenantOf(everyMinute(to, 60)), fakegraph.OldestFirst, nil)
	q := CallQuery{From: to.Add(-24 * time.Hour), To: to, PageSize: 7}
	page, err := c.ListCallRecordsNewestRaw(context.Background(), q, "")
	if err != nil || len(page.Value) != 10 || len(page.RawValue) != len(page.Value) {
		t.Fatalf("err %v, %d rows, %d raw", err, len(page.Value), len(page.RawValue))
	}
	for i, r := range page.Value {
		if !strings.Contains(string(page.RawValue[i]), `"id":"`+r.ID+`"`) {
			t.Fatalf("raw %d is not record %s: %s", i, r.ID, page.RawValue[i])
		}
	}
}

// failing answers the requests numbered in fail (from 1) with a 500,
// before the fake sees them.
func failing(fail ...int64) func(http.Handler) http.Handler {
	var count atomic.Int64
	return func(h http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if slices.Contains(fail, count.Add(1)) {
				http.Error(w, `{"error":{"code":"InternalServerError","message":"boom"}}`, http.StatusInternalServerError)
				return
			}
			h.ServeHTTP(w, r)
		})
	}
}

func TestNewestErrorKeepsTheCursorAndCancelStops(t *testing.T) {
	to := fakeNow.Add(-time.Minute)
	recs := mixedRecords(to)
	from := to.Add(-10 * 24 * time.Hour)
	want := newestOrder(recs, from, to)
	c, _ := startOrdered(t, tenantOf(recs), fakegraph.OldestFirst, failing(2, 9, 10, 17))
	q := CallQuery{From: from, To: to, PageSize: 20}
	var got []string
	cursor, failures := "", 0
	for {
		page, err := c.ListCallRecordsNewest(context.Background(), q, cursor)
		if err != nil {
			if page != nil {
				t.Fatal("a failed window must not come back in part")
			}
			failures++
			continue // the same cursor again
		}
		for _, r := range page.Value {
			got = append(got, r.ID)
		}
		if cursor = page.NextLink; cursor == "" {
			break
		}
	}
	if failures != 4 || !slices.Equal(got, want) {
		t.Fatalf("%d failures; got %d ids, want %d", failures, len(got), len(want))
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if page, err := c.ListCallRecordsNewest(ctx, q, ""); page != nil || !errors.Is(err, context.Canceled) {
		t.Fatalf("cancelled: page %v err %v", page, err)
	}
}

func TestNewestLoopingChainEndsTheWalk(t *testing.T) {
	to := fakeNow.Add(-time.Hour) // every call has ended: all are listed
	c, srv := startOrdered(t, tenantOf(everyMinute(to, 60)), fakegraph.OldestFirst, nil)
	srv.SetFaults(fakegraph.Faults{LoopNextLink: true})
	// The first try, the whole range: a page of 3, then the loop.
	page, err := c.ListCallRecordsNewest(context.Background(), CallQuery{From: to.Add(-24 * time.Hour), To: to, PageSize: 3}, "")
	if !errors.Is(err, ErrRepeatedLink) || page == nil || len(page.Value) != 3 || page.NextLink != "" {
		t.Fatalf("err %v, page %+v", err, page)
	}
}

func TestNewestCursorDefaultsAndRefusals(t *testing.T) {
	now := time.Date(2026, 11, 22, 12, 0, 0, 700e6, time.UTC)
	w, ok := firstCursor(CallQuery{}, now)
	if !ok || !w.to.Equal(now.Truncate(time.Second)) || !w.from.Equal(now.Add(-30*24*time.Hour).Truncate(time.Second)) {
		t.Fatalf("defaults: %+v", w)
	}
	back, err := parseWindowCursor(w.String())
	if err != nil || back != w {
		t.Fatalf("round trip: %+v %v", back, err)
	}
	if _, ok := firstCursor(CallQuery{From: now, To: now.Add(200 * time.Millisecond)}, now); ok {
		t.Fatal("a range within one second holds no whole second")
	}
	c, _ := startOrdered(t, fakegraph.NewTenant(), fakegraph.NewestFirst, nil)
	for _, bad := range []string{"https://graph.microsoft.com/v1.0/communications/callRecords?$skiptoken=x",
		windowCursorPrefix + "1:2", windowCursorPrefix + "5:9:3:60", windowCursorPrefix + "1:9:5:0"} {
		if _, err := c.ListCallRecordsNewest(context.Background(), CallQuery{}, bad); err == nil {
			t.Errorf("cursor %q taken", bad)
		}
	}
}
