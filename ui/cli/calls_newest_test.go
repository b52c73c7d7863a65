package cli

import (
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/callscope/callscope/graphclient"
	"github.com/callscope/callscope/graphclient/fakegraph"
)

// startOrderedFake is startFake with List callRecords paged in order.
func startOrderedFake(t *testing.T, tenant *fakegraph.Tenant, order fakegraph.ListOrder) *fake {
	t.Helper()
	srv := fakegraph.New(tenant, fakegraph.Options{Token: testToken, ListOrder: order})
	hs := httptest.NewServer(srv)
	t.Cleanup(hs.Close)
	t.Setenv(graphclient.AccessTokenEnv, testToken)
	return &fake{srv: srv, http: hs, root: hs.URL + "/v1.0"}
}

var listOrders = map[string]fakegraph.ListOrder{"newest first": fakegraph.NewestFirst, "oldest first": fakegraph.OldestFirst}

func TestCallsLimitKeepsTheNewestInEitherServerOrder(t *testing.T) {
	now := time.Now()
	// testRecord(i) starts i+1 minutes ago: recordID(0) is the newest.
	var newest []string
	for i := range 20 {
		newest = append(newest, recordID(i))
	}
	for name, order := range listOrders {
		t.Run(name, func(t *testing.T) {
			f := startOrderedFake(t, testTenant(300, 0, now), order)
			r := runCLI(t, "calls", "--limit", "20", "--graph-url", f.root, "--output", "jsonl")
			if r.code != exitOK {
				t.Fatalf("exit %d, stderr %q", r.code, r.stderr)
			}
			if got := recordIDs(t, r.stdout); !slices.Equal(got, newest) {
				t.Fatalf("got %v\nwant the 20 newest, newest first: %v", got, newest)
			}
			// 300 calls in pages of 20 are 15 pages; the 20 newest are
			// in the first windows, and the walk stops there.
			if n := len(f.srv.Requests()); n > 5 {
				t.Errorf("%d requests for the 20 newest: fetching did not stop", n)
			}
		})
	}
}

func TestCallsOutputIsNewestFirstInEitherServerOrder(t *testing.T) {
	now := time.Now()
	for name, order := range listOrders {
		t.Run(name, func(t *testing.T) {
			f := startOrderedFake(t, testTenant(150, 0, now), order)
			for _, format := range []string{"jsonl", "csv"} {
				r := runCLI(t, "calls", "--graph-url", f.root, "--output", format)
				if r.code != exitOK {
					t.Fatalf("%s: exit %d, stderr %q", format, r.code, r.stderr)
				}
				ls := lines(r.stdout)
				if format == "csv" {
					ls = ls[1:]
				}
				if len(ls) != 150 {
					t.Fatalf("%s: %d rows, want 150", format, len(ls))
				}
				for i, l := range ls {
					if want := recordID(i); !strings.HasPrefix(l, want+",") && !strings.Contains(l, `"id":"`+want+`"`) {
						t.Fatalf("%s: row %d is not %s: %.80s", format, i, want, l)
					}
				}
			}
		})
	}
}

// TestCallsStreamWindowByWindow proves output does not wait for the last
// window: when a window is first asked for, every row newer than it is on
// stdout already. Nothing accumulates between windows, so memory holds
// one window.
func TestCallsStreamWindowByWindow(t *testing.T) {
	for _, format := range []string{"jsonl", "json", "csv"} {
		t.Run(format, func(t *testing.T) { callsStreamWindowByWindow(t, format) })
	}
}

// callsStreamWindowByWindow checks that when each window is asked for,
// every newer row is already written: one line per row; csv adds its
// header, and json's "[" line stands in for the first row's (each row's
// line ends when the next row's comma is written).
func callsStreamWindowByWindow(t *testing.T, format string) {
	now := time.Now()
	out := &countingWriter{}
	type asked struct {
		before time.Time // the window's end: startDateTime lt before
		lines  int
	}
	var mu sync.Mutex
	var windows []asked
	wrap := func(h http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			f := r.URL.Query().Get("$filter")
			if _, lt, ok := strings.Cut(f, "startDateTime lt "); ok {
				at, err := time.Parse(time.RFC3339, strings.Fields(lt)[0])
				if err != nil {
					t.Errorf("filter %q: %v", f, err)
				}
				mu.Lock()
				windows = append(windows, asked{at, out.Lines()})
				mu.Unlock()
			}
			h.ServeHTTP(w, r)
		})
	}
	const n = 300
	f := startFake(t, testTenant(n, 0, now), fakegraph.Faults{}, wrap)
	var errb strings.Builder
	if code := runWith([]string{"calls", "--graph-url", f.root, "--output", format}, out, &errb); code != exitOK {
		t.Fatalf("exit %d, %s", code, errb.String())
	}
	extra := 0
	if format == "csv" {
		extra = 1
	}
	if format == "json" {
		extra = 2 // "[" and "]" on lines of their own, less the last row's comma line
	}
	if out.Lines() != n+extra {
		t.Fatalf("%d lines, want %d rows and %d more", out.Lines(), n, extra)
	}
	mu.Lock()
	defer mu.Unlock()
	if len(windows) < 4 {
		t.Fatalf("%d windows asked for: the range was not walked in windows", len(windows))
	}
	for _, w := range windows {
		newer := 0
		for i := range n {
			if !testRecord(i, now).StartDateTime.Before(w.before) {
				newer++
			}
		}
		want := newer
		if newer > 0 && format == "csv" {
			want++
		}
		if w.lines != want {
			t.Errorf("window before %s asked for with %d lines written, want %d (%d newer rows)", w.before.Format(time.RFC3339), w.lines, want, newer)
		}
	}
}
