package graphclient

import (
	"context"
	"errors"
	"net/http"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/callscope/callscope/graphclient/fakegraph"
	"github.com/callscope/callscope/model"
	"golang.org/x/time/rate"
)

func TestLogLimiterCutsOncePerThrottleAndRecovers(t *testing.T) {
	l := NewLogLimiter(LogLimits{Limit: 100, Burst: 10})
	l.Throttled(80 * time.Millisecond)
	l.Throttled(10 * time.Millisecond) // from a request already in flight: no second cut
	st := l.State()
	if st.Limit != 50 || st.Burst != 1 || st.Throttles != 2 || st.Paused <= 40*time.Millisecond || st.Waited != 80*time.Millisecond {
		t.Fatalf("after two 429s: %+v; want limit 50, burst 1, 2 throttles, ~80ms paused and waited", st)
	}
	start := time.Now()
	if err := l.Wait(context.Background()); err != nil {
		t.Fatal(err)
	}
	if d := time.Since(start); d < 60*time.Millisecond {
		t.Errorf("Wait returned after %v inside an 80ms throttle pause", d)
	}
	// Past the episode, a new 429 cuts again, down to the floor at most.
	for range 10 {
		time.Sleep(25 * time.Millisecond)
		l.Throttled(time.Millisecond)
	}
	if st := l.State(); st.Limit != 100.0/8 {
		t.Errorf("after many episodes the limit is %v, want the floor %v", st.Limit, 100.0/8)
	}
	for range 18 { // a twentieth of 100 a time, from 12.5
		l.Succeeded()
	}
	if st := l.State(); st.Limit != 100 || st.Burst != 1 {
		t.Fatalf("after 18 successes: %+v; want limit restored to 100, burst still 1", st)
	}
	for range 9 {
		l.Succeeded()
	}
	if st := l.State(); st.Burst != 10 {
		t.Errorf("burst %d after recovery, want 10", st.Burst)
	}
}

func TestLogLimiterWaitEndsWithItsContext(t *testing.T) {
	l := NewLogLimiter(LogLimits{Limit: 100, Burst: 1})
	l.Throttled(time.Hour)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Millisecond)
	defer cancel()
	if err := l.Wait(ctx); !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("Wait during an hour's pause: %v", err)
	}
}

func TestLogLimiterDefaultsStayUnderGraphsLimit(t *testing.T) {
	l := NewLogLimiter(LogLimits{})
	st := l.State()
	// A token bucket lets through at most Burst + one minute of refill in
	// any 60 s: that must not pass the documented 50 per collection.
	if perMinute := float64(st.Burst) + float64(st.Limit)*60; perMinute > 50 {
		t.Errorf("defaults allow %.0f requests in a minute; Graph allows 50", perMinute)
	}
}

type eventLog struct {
	mu      sync.Mutex
	retries []RetryEvent
	done    int
}

func (o *eventLog) Retrying(ev RetryEvent) {
	o.mu.Lock()
	defer o.mu.Unlock()
	o.retries = append(o.retries, ev)
}

func (o *eventLog) RequestDone(RequestEvent) {
	o.mu.Lock()
	defer o.mu.Unlock()
	o.done++
}

func TestLogLimiterObserverForwardsAndListensToLogPathsOnly(t *testing.T) {
	l := NewLogLimiter(LogLimits{Limit: 100, Burst: 5})
	next := &eventLog{}
	o := l.Observer(next)
	o.Retrying(RetryEvent{Status: 429, Wait: time.Millisecond, Path: "/v1.0/communications/callRecords?$filter=x"})
	o.Retrying(RetryEvent{Status: 504, Wait: time.Millisecond, Path: "/v1.0/communications/callRecords/getPstnCalls(fromDateTime=a,toDateTime=b)"})
	if st := l.State(); st.Throttles != 0 {
		t.Fatalf("a list 429 and a log 504 counted as log throttles: %+v", st)
	}
	o.Retrying(RetryEvent{Status: 429, Wait: time.Millisecond, Path: "/v1.0/communications/callRecords/microsoft.graph.callRecords.getDirectRoutingCalls(fromDateTime=a,toDateTime=b)?$skip=1000"})
	o.RequestDone(RequestEvent{})
	if st := l.State(); st.Throttles != 1 || st.Limit != 50 {
		t.Errorf("log 429 not heard: %+v", st)
	}
	if len(next.retries) != 3 || next.done != 1 {
		t.Errorf("forwarded %d retries and %d requests, want 3 and 1", len(next.retries), next.done)
	}
	l.Observer(nil).Retrying(RetryEvent{Status: 503, Path: "/getpstncalls(x)"}) // nil next is fine
}

// Every third request is refused with Retry-After 0.5: the pipeline retries
// it, and the shared limiter must hold everyone else for the same 0.5 s and
// slow down, while the rows still come out exact.
func TestLogLoaderThrottleHoldsEveryoneAndSlowsTheLimiter(t *testing.T) {
	tenant := fakegraph.NewTenant()
	all := denseRows(windowT0, 3600, 0, 0)
	tenant.AddDirectRoutingRows(all...)
	lf := newLogFake(t, tenant, fakegraph.Faults{ThrottleEvery: 3, RetryAfter: "0.5"}, nil)
	from, to := windowT0, windowT0.Add(time.Hour)
	lim := NewLogLimiter(LogLimits{Limit: 1000, Burst: 50})
	minLimit, maxWait := rate.Limit(1000), time.Duration(0)
	loader := NewDirectRoutingLoader(lf.client(t, lim, 0), LoadOptions{Limiter: lim, Progress: func(p LoadProgress) {
		minLimit = min(minLimit, lim.State().Limit)
		maxWait = max(maxWait, p.ThrottleWait)
	}})
	rows, p, err := loader.Load(context.Background(), from, to)
	if err != nil {
		t.Fatal(err)
	}
	sameRows(t, "rows", ids(rows, drID), ids(inRange(all, from, to), drID))
	if p.Throttles == 0 || minLimit >= 1000 || maxWait == 0 {
		t.Errorf("throttles %d, slowest limit %v, longest reported wait %v: the limiter did not react", p.Throttles, minLimit, maxWait)
	}
	ev := lf.log()
	slices.SortFunc(ev, func(a, b logEvent) int { return a.arrived.Compare(b.arrived) })
	throttled := 0
	for _, e := range ev {
		if e.status != http.StatusTooManyRequests {
			continue
		}
		throttled++
		// Requests already past the limiter when the 429 landed may still
		// arrive a moment later (generously: CI runs this under the race
		// detector on two busy cores); after that, nothing until Retry-After.
		quiet0, quiet1 := e.done.Add(150*time.Millisecond), e.done.Add(450*time.Millisecond)
		for _, o := range ev {
			if o.arrived.After(quiet0) && o.arrived.Before(quiet1) {
				t.Fatalf("request %s arrived %v after a 429 that asked for 0.5 s", o.path, o.arrived.Sub(e.done))
			}
		}
	}
	if throttled < 2 {
		t.Errorf("%d requests throttled; the test wants at least 2", throttled)
	}
}

// With the client's own retries off, a 429 reaches the loader, which slows
// the limiter, waits and sends the same request again.
func TestLogLoaderRetriesA429TheClientGaveUpOn(t *testing.T) {
	tenant := fakegraph.NewTenant()
	all := denseRows(windowT0, 3600, 0, 0)
	tenant.AddDirectRoutingRows(all...)
	lf := newLogFake(t, tenant, fakegraph.Faults{ThrottleEvery: 3}, nil)
	from, to := windowT0, windowT0.Add(time.Hour)
	lim := NewLogLimiter(LogLimits{Limit: 1000, Burst: 50})
	loader := NewDirectRoutingLoader(lf.client(t, lim, -1), LoadOptions{Limiter: lim, ThrottleBackoff: 20 * time.Millisecond})
	rows, p, err := loader.Load(context.Background(), from, to)
	if err != nil {
		t.Fatal(err)
	}
	sameRows(t, "rows", ids(rows, drID), ids(inRange(all, from, to), drID))
	if p.Throttles == 0 || p.Requests <= p.Pages {
		t.Errorf("progress %+v: want throttles counted and more requests than pages", p)
	}

	// A 429 on every request: the loader gives up after its retries and
	// says so, keeping nothing it did not get.
	lf.srv.SetFaults(fakegraph.Faults{ThrottleEvery: 1})
	before := len(lf.log())
	rows, _, err = loader.Load(context.Background(), from, to)
	var ge *Error
	if !errors.As(err, &ge) || ge.Status != http.StatusTooManyRequests || len(rows) != 0 {
		t.Fatalf("all throttled: %d rows, err %v", len(rows), err)
	}
	// Some window was tried 1 + 3 times before the loader gave up; no more
	// than all four windows were.
	if n := len(lf.log()) - before; n < 4 || n > 16 {
		t.Errorf("%d requests sent, want 4 to 16", n)
	}
}

// A failed window ends the load with the window named in the error, and
// the rows that did arrive are kept.
func TestLogLoaderErrorKeepsRows(t *testing.T) {
	tenant := fakegraph.NewTenant()
	all := denseRows(windowT0, 3600, 0, 0)
	tenant.AddDirectRoutingRows(all...)
	// Fail every first-page request for the last quarter of the range.
	bad := model.FormatGraphTime(windowT0.Add(45 * time.Minute))
	lf := newLogFake(t, tenant, fakegraph.Faults{}, func(h http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if strings.Contains(r.URL.Path, "fromDateTime="+bad) {
				w.Header().Set("Content-Type", "application/json")
				w.WriteHeader(http.StatusForbidden)
				_, _ = w.Write([]byte(`{"error":{"code":"Forbidden","message":"no"}}`))
				return
			}
			h.ServeHTTP(w, r)
		})
	})
	lim := NewLogLimiter(LogLimits{Limit: 1000, Burst: 50})
	rows, p, err := NewDirectRoutingLoader(lf.client(t, lim, 0), LoadOptions{Limiter: lim, Concurrency: 1, Windows: 4}).
		Load(context.Background(), windowT0, windowT0.Add(time.Hour))
	if !isForbidden(err) || !strings.Contains(err.Error(), "window "+bad) {
		t.Fatalf("err = %v; want a 403 naming window %s", err, bad)
	}
	// One slot, unknown windows first: the first page of each of the first
	// three windows arrived before the fourth failed.
	if p.Rows < 3000 || len(rows) != p.Rows {
		t.Errorf("kept %d rows of the %d that arrived (want ≥ 3000)", len(rows), p.Rows)
	}
	truth := map[string]bool{}
	for _, r := range inRange(all, windowT0, windowT0.Add(45*time.Minute)) {
		truth[r.ID] = true
	}
	for _, r := range rows {
		if !truth[r.ID] {
			t.Fatalf("kept row %s at %s, outside the windows that answered", r.ID, r.StartDateTime)
		}
		delete(truth, r.ID)
	}
}

func isForbidden(err error) bool {
	var ge *Error
	return errors.As(err, &ge) && ge.Status == http.StatusForbidden
}
