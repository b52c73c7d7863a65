package graphclient

import (
	"cmp"
	"context"
	"fmt"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/callscope/callscope/graphclient/fakegraph"
	"github.com/callscope/callscope/model"
)

// windowT0 is a Monday, so bunched rows follow the working week.
var windowT0 = time.Date(2024, 5, 6, 0, 0, 0, 0, time.UTC)

// logFake serves a fake tenant over real HTTP and records every log
// request: when it arrived, when it was answered, with what status, and how
// many were in flight at once.
type logFake struct {
	srv                   *fakegraph.Server
	root                  string
	inFlight, maxInFlight atomic.Int64

	mu     sync.Mutex
	events []logEvent
}

type logEvent struct {
	path          string
	arrived, done time.Time
	status        int
}

type statusRecorder struct {
	http.ResponseWriter
	status int
}

func (w *statusRecorder) WriteHeader(code int) {
	w.status = code
	w.ResponseWriter.WriteHeader(code)
}

// newLogFake starts the fake for tenant, serving rows oldest first; wrap,
// if set, sits between the recorder and the fake (to bend how the service
// behaves).
func newLogFake(tb testing.TB, tenant *fakegraph.Tenant, f fakegraph.Faults, wrap func(http.Handler) http.Handler) *logFake {
	tb.Helper()
	return newLogFakeOrdered(tb, tenant, f, wrap, fakegraph.OldestFirst)
}

// newLogFakeOrdered is newLogFake serving rows in order.
func newLogFakeOrdered(tb testing.TB, tenant *fakegraph.Tenant, f fakegraph.Faults, wrap func(http.Handler) http.Handler, order fakegraph.ListOrder) *logFake {
	lf := &logFake{srv: fakegraph.New(tenant, fakegraph.Options{Token: "secret-token", Faults: f, ListOrder: order})}
	var inner http.Handler = lf.srv
	if wrap != nil {
		inner = wrap(inner)
	}
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ev := logEvent{path: r.URL.RequestURI(), arrived: time.Now()}
		n := lf.inFlight.Add(1)
		for m := lf.maxInFlight.Load(); n > m && !lf.maxInFlight.CompareAndSwap(m, n); m = lf.maxInFlight.Load() {
		}
		rec := &statusRecorder{ResponseWriter: w, status: http.StatusOK}
		inner.ServeHTTP(rec, r)
		lf.inFlight.Add(-1)
		ev.done, ev.status = time.Now(), rec.status
		lf.mu.Lock()
		lf.events = append(lf.events, ev)
		lf.mu.Unlock()
	})
	ts := httptest.NewServer(h)
	tb.Cleanup(ts.Close)
	lf.root = ts.URL + "/v1.0"
	return lf
}

func (lf *logFake) log() []logEvent {
	lf.mu.Lock()
	defer lf.mu.Unlock()
	return slices.Clone(lf.events)
}

// testLimits let tests page fast (real limits are the benchmarks' business).
var testLimits = Limits{LogCollection: Window{Requests: 1000, Per: time.Second}, Logs: Window{Requests: 1000, Per: time.Second}}

// client returns a client whose requests go through lim.
func (lf *logFake) client(tb testing.TB, lim *Limiter, maxRetries int) *Client {
	tb.Helper()
	c, err := New(Options{ServiceRoot: lf.root, Credential: StaticToken("secret-token"),
		Limiter: lim, MaxRetries: maxRetries, MaxRetryDelay: 5 * time.Second})
	if err != nil {
		tb.Fatal(err)
	}
	return c
}

func drRow(i int, start time.Time) model.DirectRoutingRow {
	ok := i%5 != 0
	r := model.DirectRoutingRow{
		ID: fmt.Sprintf("dr-%07d", i), CorrelationID: fmt.Sprintf("c0a8%04x-0000-4000-8000-%012d", i%0xffff, i),
		UserID: fmt.Sprintf("u-%03d", i%97), UserPrincipalName: fmt.Sprintf("user%03d@contoso.com", i%97),
		UserDisplayName: fmt.Sprintf("User %03d", i%97), StartDateTime: model.NewTime(start),
		InviteDateTime: model.NewTime(start.Add(-2 * time.Second)), CallType: "ByotIn", SuccessfulCall: ok,
		CallerNumber: "+1425555" + fmt.Sprintf("%04d", i%10000), CalleeNumber: "+1206555****",
		MediaPathLocation: "USWE", SignalingLocation: "USWE", TrunkFullyQualifiedDomainName: "sbc1.contoso.com",
		FinalSIPCode: 200, FinalSIPCodePhrase: "BYE", CallEndSubReason: 540000,
	}
	if ok {
		r.EndDateTime, r.Duration = model.NewTime(start.Add(90*time.Second)), 90
	} else {
		r.FailureDateTime, r.FinalSIPCode, r.FinalSIPCodePhrase, r.CallEndSubReason =
			model.NewTime(start.Add(time.Second)), 503, "Service Unavailable", 560503
	}
	return r
}

// denseRows puts a row exactly on every whole second of [t0, t0+secs) — so
// every possible window edge has a row on it — plus a row half a second
// later every seventh second, a cluster of same sized rows at one instant
// (more than a page, so a page boundary falls inside it), and rows just
// outside the range.
func denseRows(t0 time.Time, secs, cluster int, clusterAt time.Duration) []model.DirectRoutingRow {
	var rows []model.DirectRoutingRow
	add := func(t time.Time) { rows = append(rows, drRow(len(rows), t)) }
	for s := range secs {
		at := t0.Add(time.Duration(s) * time.Second)
		add(at)
		if s%7 == 0 {
			add(at.Add(500 * time.Millisecond))
		}
	}
	for range cluster {
		add(t0.Add(clusterAt))
	}
	add(t0.Add(-time.Second))
	add(t0.Add(-time.Nanosecond * 100))
	end := t0.Add(time.Duration(secs) * time.Second)
	add(end)
	add(end.Add(time.Second))
	return rows
}

// bunchedRows draws n rows over days days from t0, weighted to weekday
// business hours the way the demo tenant is.
func bunchedRows(n, days int, t0 time.Time, seed uint64) []model.DirectRoutingRow {
	hourWeights := [24]int{1, 1, 1, 1, 1, 2, 4, 8, 12, 14, 14, 13, 12, 14, 15, 15, 14, 12, 9, 6, 4, 3, 2, 1}
	var cum []int
	total := 0
	for h := range days * 24 {
		w := hourWeights[h%24] * 20
		if wd := t0.Add(time.Duration(h) * time.Hour).Weekday(); wd == time.Saturday || wd == time.Sunday {
			w = w * 3 / 20
		}
		total += w
		cum = append(cum, total)
	}
	r := rand.New(rand.NewPCG(seed, 0x6c6f6773))
	rows := make([]model.DirectRoutingRow, n)
	for i := range rows {
		slot, _ := slices.BinarySearch(cum, r.IntN(total)+1)
		start := t0.Add(time.Duration(slot)*time.Hour + time.Duration(r.Int64N(int64(time.Hour))))
		rows[i] = drRow(i, start.Truncate(time.Millisecond))
	}
	return rows
}

// inRange is the truth: the rows with from <= start < to, by start then id.
func inRange(rows []model.DirectRoutingRow, from, to time.Time) []model.DirectRoutingRow {
	var out []model.DirectRoutingRow
	for _, r := range rows {
		if !r.StartDateTime.Before(from) && r.StartDateTime.Before(to) {
			out = append(out, r)
		}
	}
	slices.SortFunc(out, func(a, b model.DirectRoutingRow) int {
		if c := a.StartDateTime.Compare(b.StartDateTime.Time); c != 0 {
			return c
		}
		return cmp.Compare(a.ID, b.ID)
	})
	return out
}

// pageSequentially is the plain pager the loader must agree with: one
// request for the range, then its nextLinks.
func pageSequentially[T any](ctx context.Context, fetch LogFetcher[T], from, to time.Time) ([]T, int, error) {
	var all []T
	next, requests := "", 0
	for {
		page, err := fetch(ctx, from, to, next)
		requests++
		if err != nil {
			return all, requests, err
		}
		all = append(all, page.Value...)
		if next = page.NextLink; next == "" {
			return all, requests, nil
		}
	}
}

func ids[T any](rows []T, id func(*T) string) []string {
	out := make([]string, len(rows))
	for i := range rows {
		out[i] = id(&rows[i])
	}
	return out
}

func drID(r *model.DirectRoutingRow) string { return r.ID }

// sameRows fails unless got holds exactly want's rows, in want's order,
// each once.
func sameRows(t *testing.T, what string, got, want []string) {
	t.Helper()
	seen := map[string]int{}
	for _, id := range got {
		seen[id]++
	}
	var dups []string
	for id, n := range seen {
		if n > 1 {
			dups = append(dups, id)
		}
	}
	missing := 0
	for _, id := range want {
		if seen[id] == 0 {
			missing++
		}
	}
	if len(dups) > 0 || missing > 0 || len(got) != len(want) {
		slices.Sort(dups)
		t.Fatalf("%s: got %d rows, want %d: %d missing, %d doubled (first: %v)",
			what, len(got), len(want), missing, len(dups), dups[:min(3, len(dups))])
	}
	if !slices.Equal(got, want) {
		t.Fatalf("%s: the right rows in the wrong order", what)
	}
}

func TestLogLoaderPartitionsExactlyAndAgreesWithThePager(t *testing.T) {
	tenant := fakegraph.NewTenant()
	all := denseRows(windowT0, 3*3600, 1500, 5400*time.Second)
	tenant.AddDirectRoutingRows(all...)
	lf := newLogFake(t, tenant, fakegraph.Faults{}, nil)
	from, to := windowT0, windowT0.Add(3*time.Hour)
	want := inRange(all, from, to)

	lim := NewLimiter(testLimits)
	c := lf.client(t, lim, 0)
	seq, _, err := pageSequentially(context.Background(), c.DirectRoutingCalls, from, to)
	if err != nil {
		t.Fatal(err)
	}
	sameRows(t, "sequential pager vs tenant", ids(seq, drID), ids(want, drID))

	for _, tc := range []struct {
		name   string
		opts   LoadOptions
		splits string // "yes", "no" or "any"
	}{
		// Two windows for four slots: the loader must split to fill them
		// when it cannot page ahead; when it can, it need not.
		{"split", LoadOptions{Windows: 2}, "yes"},
		{"many windows", LoadOptions{Windows: 9, Concurrency: 3}, "any"},
		{"no split", LoadOptions{Windows: 2, NoSplit: true}, "no"},
		{"ahead", LoadOptions{Windows: 2}, "no"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tc.opts.Limiter = lim
			kind := chainOnly(DirectRoutingKind(c))
			if tc.name == "ahead" {
				kind = DirectRoutingKind(c)
			}
			rows, p, err := NewLogLoader(kind, tc.opts).Load(context.Background(), from, to)
			if err != nil {
				t.Fatal(err)
			}
			sameRows(t, "loader vs sequential pager", ids(rows, drID), ids(seq, drID))
			initial := max(tc.opts.Windows, 1)
			if split := p.Windows > initial; tc.splits != "any" && split != (tc.splits == "yes") {
				t.Errorf("windows: %d from %d initial; want splits: %s", p.Windows, initial, tc.splits)
			}
			if p.WindowsDone != p.Windows || p.Delivered != len(want) || !p.Through.Equal(to) || p.InFlight != 0 {
				t.Errorf("final progress %+v", p)
			}
		})
	}
}

func TestLogLoaderStreamsWindowsInTimeOrder(t *testing.T) {
	tenant := fakegraph.NewTenant()
	all := bunchedRows(9000, 7, windowT0, 1)
	tenant.AddDirectRoutingRows(all...)
	lf := newLogFake(t, tenant, fakegraph.Faults{}, nil)
	from, to := windowT0, windowT0.Add(7*24*time.Hour)
	c := lf.client(t, NewLimiter(testLimits), 0)

	var chunks []LogChunk[model.DirectRoutingRow]
	var progress []LoadProgress
	loader := NewLogLoader(chainOnly(DirectRoutingKind(c)), LoadOptions{Windows: 2,
		Progress: func(p LoadProgress) { progress = append(progress, p) }})
	p, err := loader.Stream(context.Background(), from, to, func(ch LogChunk[model.DirectRoutingRow]) {
		chunks = append(chunks, ch)
	})
	if err != nil {
		t.Fatal(err)
	}
	var got []model.DirectRoutingRow
	edge := from
	for i, ch := range chunks {
		if !ch.From.Equal(edge) || !ch.From.Before(ch.To) || ch.Partial {
			t.Fatalf("chunk %d spans %s..%s partial=%v; want it to start at %s", i, ch.From, ch.To, ch.Partial, edge)
		}
		edge = ch.To
		for _, r := range ch.Rows {
			if r.StartDateTime.Before(ch.From) || !r.StartDateTime.Before(ch.To) {
				t.Fatalf("chunk %d (%s..%s) holds row %s at %s", i, ch.From, ch.To, r.ID, r.StartDateTime)
			}
		}
		got = append(got, ch.Rows...)
	}
	if !edge.Equal(to) {
		t.Fatalf("chunks end at %s, want %s", edge, to)
	}
	sameRows(t, "streamed rows", ids(got, drID), ids(inRange(all, from, to), drID))
	if len(chunks) != p.Windows || len(chunks) < 3 {
		t.Errorf("%d chunks for %d windows; want one per window, and some splitting of 2", len(chunks), p.Windows)
	}
	for i := 1; i < len(progress); i++ {
		a, b := progress[i-1], progress[i]
		if b.Pages < a.Pages || b.Delivered < a.Delivered || b.Through.Before(a.Through) || b.Elapsed < a.Elapsed {
			t.Fatalf("progress went backwards: %+v then %+v", a, b)
		}
	}
	if len(progress) == 0 || progress[len(progress)-1].Pages != p.Pages {
		t.Errorf("progress reports: %d, last %+v, final %+v", len(progress), progress, p)
	}
}

func TestLogLoaderNeverExceedsConcurrency(t *testing.T) {
	tenant := fakegraph.NewTenant()
	all := bunchedRows(12000, 7, windowT0, 2)
	tenant.AddDirectRoutingRows(all...)
	lf := newLogFake(t, tenant, fakegraph.Faults{Latency: 25 * time.Millisecond}, nil)
	from, to := windowT0, windowT0.Add(7*24*time.Hour)
	lim := NewLimiter(testLimits)
	rows, _, err := NewDirectRoutingLoader(lf.client(t, lim, 0), LoadOptions{Concurrency: 3, Windows: 1, Limiter: lim}).
		Load(context.Background(), from, to)
	if err != nil {
		t.Fatal(err)
	}
	sameRows(t, "rows", ids(rows, drID), ids(inRange(all, from, to), drID))
	if n := lf.maxInFlight.Load(); n != 3 {
		t.Errorf("at most %d requests were in flight; want exactly the limit, 3 (1 initial window, so 3 means it split)", n)
	}
}

func TestLogLoaderRefusesEmptyRanges(t *testing.T) {
	l := NewLogLoader(LogKind[model.DirectRoutingRow]{Name: "x", Fetch: func(context.Context, time.Time, time.Time, string) (*model.Page[model.DirectRoutingRow], error) {
		t.Fatal("fetched")
		return nil, nil
	}}, LoadOptions{})
	for _, r := range [][2]time.Time{
		{windowT0, windowT0},
		{windowT0, windowT0.Add(999 * time.Millisecond)}, // one second at Graph's precision is the least
		{windowT0.Add(time.Hour), windowT0},
		{time.Time{}, windowT0},
	} {
		if _, _, err := l.Load(context.Background(), r[0], r[1]); err == nil || !strings.Contains(err.Error(), "load x") {
			t.Errorf("Load(%s, %s) err = %v", r[0], r[1], err)
		}
	}
}
