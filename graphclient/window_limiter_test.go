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
)

const testLogPath = "/v1.0/communications/callRecords/getDirectRoutingCalls(fromDateTime=2024-05-06T00:00:00Z,toDateTime=2024-05-07T00:00:00Z)"

func TestLimiterCutsOncePerThrottleAndRecovers(t *testing.T) {
	l := NewLimiter(Limits{LogCollection: Window{Requests: 100, Per: time.Second}, Logs: Window{Requests: 400, Per: time.Second}})
	l.Throttled(FamilyLogs, 80*time.Millisecond)
	l.Throttled(FamilyLogs, 10*time.Millisecond) // from a request already in flight: no second cut
	st := l.State(FamilyLogs)
	if st.Share != 0.5 || st.Throttles != 2 || st.Paused <= 40*time.Millisecond || st.Waited != 80*time.Millisecond {
		t.Fatalf("after two 429s: %+v; want share 0.5, 2 throttles, ~80ms paused and waited", st)
	}
	if other := l.State(FamilyList); other.Share != 1 || other.Paused != 0 || other.Throttles != 0 {
		t.Errorf("a log throttle touched the call list: %+v", other)
	}
	start := time.Now()
	if err := l.Wait(context.Background(), testLogPath); err != nil {
		t.Fatal(err)
	}
	if d := time.Since(start); d < 60*time.Millisecond {
		t.Errorf("Wait returned after %v inside an 80ms throttle pause", d)
	}
	// Past the episode, a new 429 cuts again, down to the floor at most.
	for range 10 {
		time.Sleep(25 * time.Millisecond)
		l.Throttled(FamilyLogs, time.Millisecond)
	}
	if st := l.State(FamilyLogs); st.Share != 1.0/8 {
		t.Errorf("after many episodes the share is %v, want the floor %v", st.Share, 1.0/8)
	}
	for range 17 { // a twentieth a time, from an eighth
		l.Succeeded(FamilyLogs)
	}
	if st := l.State(FamilyLogs); st.Share >= 1 {
		t.Fatalf("after 17 successes: %+v; want the share still below whole", st)
	}
	l.Succeeded(FamilyLogs)
	if st := l.State(FamilyLogs); st.Share != 1 {
		t.Fatalf("after 18 successes: %+v; want the share restored to 1", st)
	}
}

func TestLimiterWaitEndsWithItsContext(t *testing.T) {
	l := NewLimiter(Limits{})
	l.Throttled(FamilyLogs, time.Hour)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Millisecond)
	defer cancel()
	if err := l.Wait(ctx, testLogPath); !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("Wait during an hour's pause: %v", err)
	}
	if err := l.Wait(ctx, "/v1.0/users?$filter=x"); err != nil {
		t.Errorf("an unpaced path waited: %v", err)
	}
}

// The defaults are 10 % under "Microsoft Graph service-specific throttling
// limits" (ms.date 2025-01-14), and a window never lets more than its
// Requests start within Per, however its span is aligned.
func TestLimiterDefaultsStayUnderGraphsLimit(t *testing.T) {
	d := Limits{}.withDefaults()
	for _, c := range []struct {
		name       string
		got        Window
		documented int
		per        time.Duration
	}{
		{"list", d.List, 40, 20 * time.Second}, {"record", d.Record, 40, 20 * time.Second},
		{"records per app", d.Records, 1500, 20 * time.Second},
		{"log collection", d.LogCollection, 50, time.Minute}, {"logs per app", d.Logs, 200, time.Minute},
	} {
		if c.got.Per != c.per || c.got.Requests != c.documented*9/10 {
			t.Errorf("%s: %d / %v; want %d / %v", c.name, c.got.Requests, c.got.Per, c.documented*9/10, c.per)
		}
	}
	l := NewLimiter(Limits{LogCollection: Window{Requests: 5, Per: time.Hour}})
	for i := range 5 {
		if err := l.Wait(context.Background(), testLogPath); err != nil {
			t.Fatalf("request %d of a window of 5: %v", i+1, err)
		}
	}
	if n := l.Spare(testLogPath); n != 0 {
		t.Errorf("%d spare after 5 of 5", n)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Millisecond)
	defer cancel()
	if err := l.Wait(ctx, testLogPath); !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("a sixth request in the hour started: %v", err)
	}
	if n := l.Spare(strings.Replace(testLogPath, "getDirectRoutingCalls", "getPstnCalls", 1)); n != 5 {
		t.Errorf("the other function has %d spare; each collection has its own window of 5", n)
	}
}

func TestFamilyOfClassifiesEveryPath(t *testing.T) {
	for path, want := range map[string]struct {
		f   Family
		key string
	}{
		"/v1.0/communications/callRecords":                                    {FamilyList, ""},
		"/v1.0/communications/callRecords?$filter=startDateTime%20ge%202024":  {FamilyList, ""},
		"/v1.0/communications/callRecords/abc-1":                              {FamilyRecord, "abc-1"},
		"/v1.0/communications/callRecords/ABC-1/sessions?$expand=segments":    {FamilyRecord, "abc-1"},
		"/v1.0/communications/callRecords/abc-1/participants_v2?$skiptoken=x": {FamilyRecord, "abc-1"},
		"/v1.0/communications/callRecords('abc-1')/sessions":                  {FamilyRecord, "abc-1"},
		testLogPath: {FamilyLogs, "getdirectroutingcalls"},
		"/v1.0/communications/callRecords/microsoft.graph.callRecords.getPstnCalls(fromDateTime=a,toDateTime=b)?$skip=1000": {FamilyLogs, "getpstncalls"},
		"/v1.0/users?$filter=userPrincipalName%20eq%20'a'":                                                                  {FamilyNone, ""},
		"/v1.0/users/abc": {FamilyNone, ""},
	} {
		if f, key := FamilyOf(path); f != want.f || key != want.key {
			t.Errorf("FamilyOf(%q) = %v %q; want %v %q", path, f, key, want.f, want.key)
		}
	}
}

// Each record has its own window; every call-record request, the list's
// included, also counts in the app-wide one.
func TestLimiterCountsRecordsPerIDAndPerApp(t *testing.T) {
	l := NewLimiter(Limits{Record: Window{Requests: 2, Per: time.Hour}, Records: Window{Requests: 4, Per: time.Hour}})
	wait := func(path string) {
		t.Helper()
		if err := l.Wait(context.Background(), path); err != nil {
			t.Fatalf("%s: %v", path, err)
		}
	}
	wait("/v1.0/communications/callRecords/a")
	wait("/v1.0/communications/callRecords/a/sessions")
	if n := l.Spare("/v1.0/communications/callRecords/a/participants_v2"); n != 0 {
		t.Errorf("record a: %d spare after 2 of 2", n)
	}
	if n := l.Spare("/v1.0/communications/callRecords/b"); n != 2 {
		t.Errorf("record b: %d spare, want its own 2", n)
	}
	wait("/v1.0/communications/callRecords/b")
	wait("/v1.0/communications/callRecords")
	if n := l.Spare("/v1.0/communications/callRecords/c"); n != 0 {
		t.Errorf("record c: %d spare after 4 call-record requests of the app's 4", n)
	}
	if n := l.Spare("/v1.0/users/x"); n < 1000 {
		t.Errorf("/users is not paced, yet has %d spare", n)
	}
}

type eventLog struct {
	mu      sync.Mutex
	retries []RetryEvent
	waits   []LimitWaitEvent
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

func (o *eventLog) LimitWait(ev LimitWaitEvent) {
	o.mu.Lock()
	defer o.mu.Unlock()
	o.waits = append(o.waits, ev)
}

// The client's pipeline paces every request, retries included, hears 429s
// on the family they belong to only, and tells a LimitObserver of a long
// wait, once as it starts and once as it ends.
func TestClientPipelinePacesAndListensPerFamily(t *testing.T) {
	lf := newLogFake(t, fakegraph.NewTenant(), fakegraph.Faults{ThrottleEvery: 2, RetryAfter: "0.01"}, nil)
	obs := &eventLog{}
	c, err := New(Options{ServiceRoot: lf.root, Credential: StaticToken("secret-token"), Observer: obs,
		Limits: Limits{List: Window{Requests: 3, Per: 500 * time.Millisecond}}})
	if err != nil {
		t.Fatal(err)
	}
	// Request 1 passes; 2 is refused, which halves the list's share to one
	// request in 500 ms, so its retry waits for the window, not for the
	// 10 ms Retry-After.
	for range 2 {
		if _, err := c.ListCallRecords(context.Background(), CallQuery{}, ""); err != nil {
			t.Fatal(err)
		}
	}
	if st := c.Limiter().State(FamilyList); st.Throttles != 1 || st.Share >= 1 {
		t.Errorf("list after a 429: %+v; want 1 throttle, share cut", st)
	}
	if st := c.Limiter().State(FamilyLogs); st.Throttles != 0 || st.Share != 1 {
		t.Errorf("a list 429 counted for the log functions: %+v", st)
	}
	obs.mu.Lock()
	defer obs.mu.Unlock()
	if len(obs.retries) != 1 || obs.done != 3 {
		t.Errorf("observer heard %d retries and %d tries; want 1 and 3", len(obs.retries), obs.done)
	}
	if len(obs.waits) != 2 || obs.waits[0].Family != FamilyList || obs.waits[0].Done || !obs.waits[1].Done ||
		obs.waits[0].Wait < LimitWaitNotice || obs.waits[1].Wait < LimitWaitNotice {
		t.Fatalf("limit waits %+v; want a start and an end on the call list, each of 250 ms or more", obs.waits)
	}
	if obs.waits[0].Family.String() != "call list" || !strings.Contains(obs.waits[0].Path, "/communications/callRecords") {
		t.Errorf("wait names %q at %q", obs.waits[0].Family, obs.waits[0].Path)
	}
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
	lim := NewLimiter(testLimits)
	minShare, maxWait := 1.0, time.Duration(0)
	loader := NewDirectRoutingLoader(lf.client(t, lim, 0), LoadOptions{Limiter: lim, Progress: func(p LoadProgress) {
		minShare = min(minShare, lim.State(FamilyLogs).Share)
		maxWait = max(maxWait, p.ThrottleWait)
	}})
	rows, p, err := loader.Load(context.Background(), from, to)
	if err != nil {
		t.Fatal(err)
	}
	sameRows(t, "rows", ids(rows, drID), ids(inRange(all, from, to), drID))
	if p.Throttles == 0 || minShare >= 1 || maxWait == 0 {
		t.Errorf("throttles %d, smallest share %v, longest reported wait %v: the limiter did not react", p.Throttles, minShare, maxWait)
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
	lim := NewLimiter(testLimits)
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
	lim := NewLimiter(testLimits)
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
