package cli

import (
	"bytes"
	"context"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/callscope/callscope/graphclient"
	"github.com/callscope/callscope/graphclient/fakegraph"
	"github.com/callscope/callscope/graphclient/store"
)

// recordGet matches a GET of one expanded record (not the list).
var recordGet = regexp.MustCompile(`/communications/callRecords/[^/?]+$`)

// requestCounter counts the requests a fake receives, by kind.
type requestCounter struct {
	records, lists, direct, pstn atomic.Int64
	// onRecord is called after each record GET is counted; set while
	// requests may still be in flight, so it is swapped atomically.
	onRecord atomic.Pointer[func(n int64)]
}

func (rc *requestCounter) wrap(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		p := r.URL.Path
		switch {
		case strings.Contains(p, "getDirectRoutingCalls"):
			rc.direct.Add(1)
		case strings.Contains(p, "getPstnCalls"):
			rc.pstn.Add(1)
		case recordGet.MatchString(p):
			n := rc.records.Add(1)
			if f := rc.onRecord.Load(); f != nil {
				(*f)(n)
			}
		case strings.HasSuffix(p, "/callRecords"):
			rc.lists.Add(1)
		}
		h.ServeHTTP(w, r)
	})
}

// syncFast lifts the client's pacing for the test, so a month of day
// pieces does not wait on the list limit.
func syncFast(t *testing.T) {
	clientLimits = fastLimits
	t.Cleanup(func() { clientLimits = graphclient.Limits{} })
}

// openTestStore opens a store file a test reads back.
func openTestStore(t *testing.T, path string) *store.Store {
	t.Helper()
	s, err := store.Open(context.Background(), path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// storeContents is everything a store holds, as sorted keys: call ids
// with their versions, record ids with their verdicts, log row ids.
func storeContents(t *testing.T, path string) []string {
	t.Helper()
	s := openTestStore(t, path)
	ctx := context.Background()
	var out []string
	for r := (store.Range{}); ; {
		page, err := s.Calls(ctx, r)
		if err != nil {
			t.Fatal(err)
		}
		for _, row := range page.Rows {
			out = append(out, "call "+row.Call.ID+" expanded="+map[bool]string{true: "y", false: "n"}[row.Expanded]+
				" current="+map[bool]string{true: "y", false: "n"}[row.Current]+" "+row.Verdict.Result+"/"+row.Verdict.Quality)
		}
		if r.After = page.Next; r.After == "" {
			break
		}
	}
	for r := (store.Range{}); ; {
		page, err := s.DirectRouting(ctx, r)
		if err != nil {
			t.Fatal(err)
		}
		for _, row := range page.Rows {
			out = append(out, "direct "+row.Row.ID)
		}
		if r.After = page.Next; r.After == "" {
			break
		}
	}
	for r := (store.Range{}); ; {
		page, err := s.Pstn(ctx, r)
		if err != nil {
			t.Fatal(err)
		}
		for _, row := range page.Rows {
			out = append(out, "pstn "+row.Row.ID)
		}
		if r.After = page.Next; r.After == "" {
			break
		}
	}
	slices.Sort(out)
	return out
}

// The first sync stores every call, record and log row of the range; the
// second sends no record GET (each stored record is current) and lists no
// log range already complete, and stores nothing new.
func TestSyncTwiceFetchesNothingStoredAndCurrent(t *testing.T) {
	syncFast(t)
	now := time.Now()
	var rc requestCounter
	f := startFake(t, testTenant(6, 8, now), fakegraph.Faults{}, rc.wrap)
	path := filepath.Join(t.TempDir(), "s.db")
	args := []string{"sync", "--no-config", "--graph-url", f.root, "--store", path, "--from", "-7d"}
	r := runCLI(t, args...)
	if r.code != exitOK || !strings.Contains(r.stdout, "stored 6 calls, 6 records (0 already current), 8 Direct Routing rows, 8 PSTN rows") {
		t.Fatalf("first sync: exit %d, stdout %q, stderr %q", r.code, r.stdout, r.stderr)
	}
	if rc.records.Load() != 6 {
		t.Errorf("first sync: %d record GETs, want 6", rc.records.Load())
	}
	first := storeContents(t, path)
	if len(first) != 6+8+8 {
		t.Fatalf("store holds %d entries, want 22: %q", len(first), first)
	}
	for _, e := range first[:6] {
		if !strings.Contains(e, "expanded=y current=y ok/") {
			t.Errorf("stored call %q has no current verdict", e)
		}
	}
	direct, lists := rc.direct.Load(), rc.lists.Load()
	rc.records.Store(0)
	r = runCLI(t, args...)
	if r.code != exitOK || !strings.Contains(r.stdout, "stored 0 calls, 0 records (6 already current), 0 Direct Routing rows, 0 PSTN rows") {
		t.Fatalf("second sync: exit %d, stdout %q, stderr %q", r.code, r.stdout, r.stderr)
	}
	if n := rc.records.Load(); n != 0 {
		t.Errorf("second sync sent %d record GETs, want 0", n)
	}
	// Only the unsettled last day is listed again (syncSettle): one week
	// piece of each log, not the whole range.
	if d := rc.direct.Load() - direct; d != 1 {
		t.Errorf("second sync listed %d Direct Routing pages, want 1 (the unsettled piece)", d)
	}
	if l := rc.lists.Load() - lists; l >= lists {
		t.Errorf("second sync listed calls %d times, the first %d: complete days were listed again", l, lists)
	}
	if got := storeContents(t, path); !slices.Equal(got, first) {
		t.Errorf("the second sync changed the store:\n%q\nwant\n%q", got, first)
	}
}

// A settled range synced once is not listed again at all.
func TestSyncSkipsCompleteLogRanges(t *testing.T) {
	syncFast(t)
	var rc requestCounter
	now := time.Now()
	f := startFake(t, testTenant(0, 8, now), fakegraph.Faults{}, rc.wrap)
	path := filepath.Join(t.TempDir(), "s.db")
	// Fixed times: a relative --to moves with the clock between runs.
	from, to := now.Add(-7*24*time.Hour).UTC().Format(time.RFC3339), now.Add(-2*24*time.Hour).UTC().Format(time.RFC3339)
	args := []string{"sync", "--no-config", "--graph-url", f.root, "--store", path, "--from", from, "--to", to, "--what", "direct,pstn"}
	if r := runCLI(t, args...); r.code != exitOK || !strings.Contains(r.stdout, "4 Direct Routing rows, 4 PSTN rows") {
		t.Fatalf("first sync: exit %d, stdout %q, stderr %q", r.code, r.stdout, r.stderr)
	}
	direct, pstn := rc.direct.Load(), rc.pstn.Load()
	r := runCLI(t, args...)
	if r.code != exitOK || !strings.Contains(r.stderr, "sync: direct already complete in the store") {
		t.Fatalf("second sync: exit %d, stderr %q", r.code, r.stderr)
	}
	if rc.direct.Load() != direct || rc.pstn.Load() != pstn {
		t.Errorf("second sync sent %d Direct Routing and %d PSTN requests, want none",
			rc.direct.Load()-direct, rc.pstn.Load()-pstn)
	}
}

// A sync cancelled part-way through the records, then run again, leaves
// the store exactly as one uninterrupted sync does: no duplicate, no gap.
func TestSyncResumesAfterCancel(t *testing.T) {
	syncFast(t)
	now := time.Now()
	tenant := testTenant(12, 6, now)
	var rc requestCounter
	f := startFake(t, tenant, fakegraph.Faults{}, rc.wrap)
	dir := t.TempDir()
	whole, resumed := filepath.Join(dir, "whole.db"), filepath.Join(dir, "resumed.db")
	args := func(path string) []string {
		return []string{"sync", "--no-config", "--graph-url", f.root, "--store", path, "--from", "-7d"}
	}
	if r := runCLI(t, args(whole)...); r.code != exitOK {
		t.Fatalf("whole sync: exit %d, stderr %q", r.code, r.stderr)
	}

	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	rc.records.Store(0)
	stopAtFive := func(n int64) {
		if n == 5 {
			cancel()
		}
	}
	rc.onRecord.Store(&stopAtFive)
	o := parseAs[*syncOptions](t, args(resumed), time.Now())
	var out, errb bytes.Buffer
	if err := o.run(ctx, &env{stdout: &out, stderr: &errb}); err == nil {
		t.Fatalf("the cancelled sync reported success: %q", out.String())
	}
	rc.onRecord.Store(nil)
	partial := storeContents(t, resumed)
	if slices.Equal(partial, storeContents(t, whole)) {
		t.Fatal("the cancelled sync stored everything: the test cancelled too late")
	}
	if r := runCLI(t, args(resumed)...); r.code != exitOK {
		t.Fatalf("resumed sync: exit %d, stderr %q", r.code, r.stderr)
	}
	if got, want := storeContents(t, resumed), storeContents(t, whole); !slices.Equal(got, want) {
		t.Errorf("after resuming the store holds\n%q\nwant (one whole sync)\n%q", got, want)
	}
}

// Progress goes to stderr as plain lines when it is not a terminal.
func TestSyncProgressLines(t *testing.T) {
	syncFast(t)
	f := startFake(t, testTenant(0, 8, time.Now()), fakegraph.Faults{}, nil)
	path := filepath.Join(t.TempDir(), "s.db")
	r := runCLI(t, "sync", "--no-config", "--graph-url", f.root, "--store", path,
		"--from", "2026-01-01T00:00:00Z", "--to", "2026-01-15T00:00:00Z", "--what", "direct")
	want := "sync: direct 2026-01-01..01-08 0 rows\nsync: direct 2026-01-08..01-15 0 rows\n"
	if r.code != exitOK || r.stderr != want {
		t.Fatalf("exit %d, stderr %q, want %q", r.code, r.stderr, want)
	}
	if got := spanText(time.Date(2026, 12, 31, 6, 0, 0, 0, time.UTC), time.Date(2027, 1, 1, 6, 0, 0, 0, time.UTC)); got != "2026-12-31 06:00..2027-01-01 06:00" {
		t.Errorf("spanText across a year: %q", got)
	}
}

// Bad sync command lines are refused before anything is sent or opened.
func TestSyncUsageErrors(t *testing.T) {
	dataHome := t.TempDir()
	t.Setenv("XDG_DATA_HOME", dataHome)
	for _, args := range [][]string{
		{"sync", "--demo", "--no-store"},
		{"sync", "--demo", "--what", "calls,everything"},
		{"sync", "--demo", "--store", "x.db", "--no-store"},
		{"sync", "--demo", "--store", ""},
	} {
		if r := runCLI(t, args...); r.code != exitUsage {
			t.Errorf("%q: exit %d, want %d (stderr %q)", args, r.code, exitUsage, r.stderr)
		}
	}
	if entries, _ := os.ReadDir(dataHome); len(entries) != 0 {
		t.Errorf("refused command lines wrote %d entries to $XDG_DATA_HOME", len(entries))
	}
}
