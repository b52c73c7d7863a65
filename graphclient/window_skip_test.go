package graphclient

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/callscope/callscope/graphclient/fakegraph"
	"github.com/callscope/callscope/model"
)

// chainOnly is k unable to name its first page, so it cannot page ahead by
// $skip and fills free slots by splitting windows instead.
func chainOnly[T any](k LogKind[T]) LogKind[T] {
	k.FirstLink = nil
	return k
}

// One window, four slots: once the first nextLink shows the $skip form the
// loader requests the following pages ahead, without splitting, exact in
// either server order, and cancels what lies past the last page.
func TestLogLoaderPagesAheadBySkipInEitherOrder(t *testing.T) {
	for _, order := range []fakegraph.ListOrder{fakegraph.OldestFirst, fakegraph.NewestFirst} {
		t.Run(order.String(), func(t *testing.T) {
			tenant := fakegraph.NewTenant()
			all := denseRows(windowT0, 3*3600, 1500, 5400*time.Second)
			tenant.AddDirectRoutingRows(all...)
			lf := newLogFakeOrdered(t, tenant, fakegraph.Faults{Latency: 20 * time.Millisecond}, nil, order)
			from, to := windowT0, windowT0.Add(3*time.Hour)
			want := inRange(all, from, to)
			rows, p, err := NewDirectRoutingLoader(lf.client(t, NewLimiter(testLimits), 0), LoadOptions{Windows: 1, Concurrency: 4}).
				Load(context.Background(), from, to)
			if err != nil {
				t.Fatal(err)
			}
			sameRows(t, "rows", ids(rows, drID), ids(want, drID))
			pages := (len(want) + 999) / 1000
			if p.Windows != 1 || p.Pages != pages {
				t.Errorf("progress %+v; want 1 window and %d pages", p, pages)
			}
			if n := lf.maxInFlight.Load(); n < 3 {
				t.Errorf("at most %d requests in flight for one window: it did not page ahead", n)
			}
			// Pages are asked for at most twice Concurrency ahead of the
			// chain, so no more than that lie past its end.
			if p.Requests >= pages+8 {
				t.Errorf("%d requests for %d pages: more than 7 past the end", p.Requests, pages)
			}
		})
	}
}

// A nextLink not of the $skip form (here a $skiptoken) is followed as a
// chain: nothing is fetched ahead, and the rows are exact.
func TestLogLoaderFollowsOtherNextLinksAsAChain(t *testing.T) {
	rows := denseRows(windowT0, 3600, 0, 0)
	var sent, tokens atomic.Int64
	kind := DirectRoutingKind(nil)
	kind.FirstLink = func(from, to time.Time) string { return "https://g.invalid/f(" + model.FormatGraphTime(from) + ")" }
	kind.Fetch = func(_ context.Context, from, to time.Time, next string) (*model.Page[model.DirectRoutingRow], error) {
		sent.Add(1)
		skip := 0
		if next != "" {
			if !strings.Contains(next, "$skiptoken=") {
				return nil, fmt.Errorf("asked for %s, a link the service never sent", next)
			}
			tokens.Add(1)
			fmt.Sscanf(next[strings.LastIndex(next, "=")+1:], "%d", &skip)
		}
		sel := inRange(rows, from, to)
		p := &model.Page[model.DirectRoutingRow]{Value: sel[min(skip, len(sel)):min(skip+1000, len(sel))]}
		if skip+1000 < len(sel) {
			p.NextLink = kind.FirstLink(from, to) + fmt.Sprintf("?$skiptoken=%d", skip+1000)
		}
		return p, nil
	}
	got, p, err := NewLogLoader(kind, LoadOptions{Windows: 1, NoSplit: true}).Load(context.Background(), windowT0, windowT0.Add(time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	sameRows(t, "rows", ids(got, drID), ids(inRange(rows, windowT0, windowT0.Add(time.Hour)), drID))
	if int(sent.Load()) != p.Pages || tokens.Load() == 0 {
		t.Errorf("%d requests for %d pages (%d by token)", sent.Load(), p.Pages, tokens.Load())
	}
}

// A row landing in the range while it is paged shifts the $skip pages: the
// fetched-ahead page repeats a row (dropped) and the rows stay exact but
// for the late row, which came before the cursor.
func TestLogLoaderDropsARowRepeatedAcrossPagesFetchedAhead(t *testing.T) {
	tenant := fakegraph.NewTenant()
	all := denseRows(windowT0, 3600, 0, 0)
	tenant.AddDirectRoutingRows(all...)
	var added atomic.Bool
	lf := newLogFake(t, tenant, fakegraph.Faults{Latency: 10 * time.Millisecond}, func(h http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if strings.Contains(r.URL.RawQuery, "skip=2000") && added.CompareAndSwap(false, true) {
				tenant.AddDirectRoutingRows(model.DirectRoutingRow{ID: "late", StartDateTime: model.NewTime(windowT0)})
			}
			h.ServeHTTP(w, r)
		})
	})
	from, to := windowT0, windowT0.Add(time.Hour)
	rows, _, err := NewDirectRoutingLoader(lf.client(t, NewLimiter(testLimits), 0), LoadOptions{Windows: 1, NoSplit: true}).
		Load(context.Background(), from, to)
	if err != nil {
		t.Fatal(err)
	}
	got := ids(rows, drID)
	seen := map[string]bool{}
	for _, id := range got {
		if seen[id] {
			t.Fatalf("row %s delivered twice", id)
		}
		seen[id] = true
	}
	if !added.Load() || len(got) < len(inRange(all, from, to))-1 {
		t.Errorf("late row added %v; %d rows for %d", added.Load(), len(got), len(inRange(all, from, to)))
	}
}
