package cli

import (
	"encoding/csv"
	"encoding/json"
	"net/http"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/callscope/callscope/graphclient/fakegraph"
	"github.com/callscope/callscope/model"
	"github.com/callscope/callscope/model/export"
)

func TestCallsJSONLHasOneLinePerRecord(t *testing.T) {
	now := time.Now()
	f := startFake(t, testTenant(150, 0, now), fakegraph.Faults{}, nil)
	r := runCLI(t, "calls", "--graph-url", f.root, "--output", "jsonl")
	if r.code != exitOK {
		t.Fatalf("exit %d, stderr %q", r.code, r.stderr)
	}
	ls := lines(r.stdout)
	if len(ls) != 150 {
		t.Fatalf("got %d lines, want 150", len(ls))
	}
	seen := map[string]bool{}
	for _, l := range ls {
		var rec model.CallRecord
		if err := json.Unmarshal([]byte(l), &rec); err != nil {
			t.Fatalf("line %q: %v", l, err)
		}
		seen[rec.ID] = true
	}
	if len(seen) != 150 {
		t.Errorf("got %d distinct ids, want 150", len(seen))
	}
}

func TestCallsJSONIsOneArrayInGraphOrder(t *testing.T) {
	now := time.Now()
	f := startFake(t, testTenant(130, 0, now), fakegraph.Faults{}, nil)
	r := runCLI(t, "--graph-url", f.root, "calls") // json is the default; flags before the command
	if r.code != exitOK {
		t.Fatalf("exit %d, stderr %q", r.code, r.stderr)
	}
	var recs []model.CallRecord
	dec := json.NewDecoder(strings.NewReader(r.stdout))
	if err := dec.Decode(&recs); err != nil {
		t.Fatalf("not one JSON array: %v\n%s", err, r.stdout[:min(len(r.stdout), 300)])
	}
	if dec.More() {
		t.Fatal("more than one JSON value on stdout")
	}
	if len(recs) != 130 {
		t.Fatalf("got %d records, want 130", len(recs))
	}
	for i, rec := range recs {
		if rec.ID != recordID(i) { // newest first, as Graph serves them
			t.Fatalf("record %d is %s, want %s", i, rec.ID, recordID(i))
		}
	}
}

func TestCallsEmptyJSONIsAnEmptyArray(t *testing.T) {
	f := startFake(t, testTenant(0, 0, time.Now()), fakegraph.Faults{}, nil)
	r := runCLI(t, "calls", "--graph-url", f.root, "--output", "json")
	var recs []model.CallRecord
	if r.code != exitOK || json.Unmarshal([]byte(r.stdout), &recs) != nil || recs == nil || len(recs) != 0 {
		t.Fatalf("exit %d, stdout %q, want an empty array", r.code, r.stdout)
	}
}

func TestCallsCSVHeaderAndRows(t *testing.T) {
	now := time.Now()
	f := startFake(t, testTenant(65, 0, now), fakegraph.Faults{}, nil)
	r := runCLI(t, "calls", "--graph-url", f.root, "--output", "csv")
	if r.code != exitOK {
		t.Fatalf("exit %d, stderr %q", r.code, r.stderr)
	}
	rows, err := csv.NewReader(strings.NewReader(r.stdout)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(rows[0], export.CallColumns.Header) {
		t.Fatalf("header %v, want %v", rows[0], export.CallColumns.Header)
	}
	if len(rows) != 66 {
		t.Fatalf("got %d rows, want header + 65", len(rows))
	}
	want := testRecord(0, now)
	got := rows[1]
	if got[0] != want.ID || got[1] != "1" || got[2] != "peerToPeer" || got[3] != "audio" ||
		got[6] != "30" || got[7] != "Ada Lovelace" || got[8] != "user-ada" {
		t.Errorf("first row %v", got)
	}
	for _, col := range []int{4, 5, 9} {
		ts, err := time.Parse(time.RFC3339, got[col])
		if err != nil || !strings.HasSuffix(got[col], "Z") {
			t.Errorf("column %s = %q: want RFC 3339 UTC (%v)", rows[0][col], got[col], err)
		}
		if col == 4 && !ts.Equal(want.StartDateTime.Time) {
			t.Errorf("start %v, want %v", ts, want.StartDateTime)
		}
	}
}

func TestCallsLimitStopsPaging(t *testing.T) {
	// The walker's windows end at the run's own now, truncated to the
	// second, and a record sits on the first window's edge: it fell out
	// when the run's clock crossed a second after the tenant was made,
	// and the count of requests changed with it. Records a few seconds
	// newer keep it inside for any run within those seconds.
	now := time.Now().Add(5 * time.Second)
	f := startFake(t, testTenant(200, 0, now), fakegraph.Faults{}, nil)
	for _, tc := range []struct {
		limit    string
		rows     int
		requests int
	}{{"5", 5, 3}, {"70", 70, 5}, {"0", 200, 10}} { // a whole-range try, then windows
		f.srv.ResetRequests()
		r := runCLI(t, "calls", "--limit", tc.limit, "--graph-url", f.root, "--output", "jsonl")
		if r.code != exitOK {
			t.Fatalf("--limit %s: exit %d, stderr %q", tc.limit, r.code, r.stderr)
		}
		if n := len(lines(r.stdout)); n != tc.rows {
			t.Errorf("--limit %s: %d rows, want %d", tc.limit, n, tc.rows)
		}
		if n := len(f.srv.Requests()); n != tc.requests {
			t.Errorf("--limit %s: %d requests, want %d", tc.limit, n, tc.requests)
		}
	}
}

func TestCallsDateRangeFilters(t *testing.T) {
	now := time.Now()
	f := startFake(t, testTenant(100, 0, now), fakegraph.Faults{}, nil)
	// Records start 1..100 minutes ago: -30m..-10m holds those 10..29 minutes old.
	r := runCLI(t, "calls", "--from", "-30m", "--to", "-10m", "--graph-url", f.root, "--output", "jsonl")
	if r.code != exitOK {
		t.Fatalf("exit %d, stderr %q", r.code, r.stderr)
	}
	if n := len(lines(r.stdout)); n < 19 || n > 21 { // a second's slack at each edge
		t.Errorf("got %d records between -30m and -10m, want about 20", n)
	}
}

func TestCallsParticipantWithApostropheReachesTheFake(t *testing.T) {
	now := time.Now()
	f := startFake(t, testTenant(20, 0, now), fakegraph.Faults{}, nil)
	r := runCLI(t, "calls", "--participant", apostropheParticipant, "--graph-url", f.root, "--output", "jsonl")
	if r.code != exitOK {
		t.Fatalf("exit %d, stderr %q", r.code, r.stderr)
	}
	ls := lines(r.stdout)
	if len(ls) != 1 || !strings.Contains(ls[0], recordID(7)) {
		t.Fatalf("got %v, want only record 7", ls)
	}
	reqs := f.srv.Requests()
	if len(reqs) != 1 || !strings.Contains(reqs[0].Path, "o%27%27hara-0001%27") {
		t.Errorf("request %v: want the quote doubled inside the literal", reqs)
	}
}

func TestRecordWritesEverySessionAndSegment(t *testing.T) {
	now := time.Now()
	f := startFake(t, testTenant(10, 0, now), fakegraph.Faults{}, nil)
	for _, args := range [][]string{
		{"record", recordID(3), "--graph-url", f.root, "--output", "json"},
		{"record", "--graph-url", f.root, recordID(3)},
		{"--graph-url", f.root, "record", recordID(3), "--output", "json"},
	} {
		r := runCLI(t, args...)
		if r.code != exitOK {
			t.Fatalf("%v: exit %d, stderr %q", args, r.code, r.stderr)
		}
		var rec model.CallRecord
		if err := json.Unmarshal([]byte(r.stdout), &rec); err != nil {
			t.Fatalf("%v: %v", args, err)
		}
		if rec.ID != recordID(3) || len(rec.Sessions) != 1 || len(rec.Sessions[0].Segments) != 2 {
			t.Errorf("%v: got %s with %d sessions", args, rec.ID, len(rec.Sessions))
		}
	}
}

func TestRecordNotFoundExitsOneWithCodeAndRequestID(t *testing.T) {
	f := startFake(t, testTenant(1, 0, time.Now()), fakegraph.Faults{}, nil)
	r := runCLI(t, "record", "11111111-2222-4333-8444-555555555555", "--graph-url", f.root)
	if r.code != exitFail {
		t.Fatalf("exit %d, want 1; stderr %q", r.code, r.stderr)
	}
	if r.stdout != "" {
		t.Errorf("stdout %q, want nothing", r.stdout)
	}
	if !strings.Contains(r.stderr, "404 NotFound") || !strings.Contains(r.stderr, "request-id ") {
		t.Errorf("stderr %q: want the Graph code and request-id", r.stderr)
	}
}

func TestDirectFailedPrintsOnlyFailures(t *testing.T) {
	now := time.Now()
	f := startFake(t, testTenant(0, 60, now), fakegraph.Faults{}, nil)
	all := runCLI(t, "direct", "--from", "-7d", "--to", "now", "--graph-url", f.root, "--output", "csv")
	failed := runCLI(t, "direct", "--from", "-7d", "--to", "now", "--failed", "--graph-url", f.root, "--output", "csv")
	if all.code != exitOK || failed.code != exitOK {
		t.Fatalf("exit %d/%d: %q %q", all.code, failed.code, all.stderr, failed.stderr)
	}
	allRows, _ := csv.NewReader(strings.NewReader(all.stdout)).ReadAll()
	rows, err := csv.NewReader(strings.NewReader(failed.stdout)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(rows[0], export.DirectRoutingColumns.Header) {
		t.Fatalf("header %v", rows[0])
	}
	if len(allRows) != 61 || len(rows) != 21 { // every third of 60 failed
		t.Fatalf("got %d rows, %d failed; want 60 and 20", len(allRows)-1, len(rows)-1)
	}
	ok := slices.Index(rows[0], "successfulCall")
	for _, row := range rows[1:] {
		if row[ok] != "false" || row[len(row)-1] != "failure" {
			t.Errorf("row %v is not a failure", row)
		}
		if !strings.HasPrefix(row[4], "'=") || !strings.HasPrefix(row[12], "+1555") {
			t.Errorf("display name %q must be defused and caller %q kept", row[4], row[12])
		}
	}
}

func TestDirectDefaultsToTheLastDay(t *testing.T) {
	f := startFake(t, testTenant(0, 40, time.Now()), fakegraph.Faults{}, nil)
	r := runCLI(t, "direct", "--graph-url", f.root, "--output", "jsonl")
	if r.code != exitOK {
		t.Fatalf("exit %d, stderr %q", r.code, r.stderr)
	}
	if n := len(lines(r.stdout)); n != 20 { // the odd rows are three days old
		t.Errorf("got %d rows in the last 24 h, want 20", n)
	}
}

func TestPstnCSVHasEveryField(t *testing.T) {
	f := startFake(t, testTenant(0, 10, time.Now()), fakegraph.Faults{}, nil)
	r := runCLI(t, "pstn", "--from", "-7d", "--graph-url", f.root, "--output", "csv")
	if r.code != exitOK {
		t.Fatalf("exit %d, stderr %q", r.code, r.stderr)
	}
	rows, err := csv.NewReader(strings.NewReader(r.stdout)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(rows[0], export.PstnColumns.Header) || len(rows) != 11 {
		t.Fatalf("header %v, %d rows", rows[0], len(rows)-1)
	}
	charge := slices.Index(rows[0], "charge")
	if rows[1][charge] != "0.25" || rows[1][slices.Index(rows[0], "currency")] != "USD" {
		t.Errorf("row %v", rows[1])
	}
}

func TestGraphErrorMidStreamKeepsRowsAndExitsOne(t *testing.T) {
	now := time.Now()
	var mu sync.Mutex
	n := 0
	wrap := func(h http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			mu.Lock()
			n++
			third := n == 3 // the whole-range try, the first window, then this
			mu.Unlock()
			if third {
				w.Header().Set("request-id", "aaaaaaaa-0000-4000-8000-000000000002")
				w.WriteHeader(http.StatusBadRequest)
				_, _ = w.Write([]byte(`{"error":{"code":"BadRequest","message":"nope"}}`))
				return
			}
			h.ServeHTTP(w, r)
		})
	}
	f := startFake(t, testTenant(100, 0, now), fakegraph.Faults{}, wrap)
	r := runCLI(t, "calls", "--graph-url", f.root, "--output", "jsonl")
	if r.code != exitFail {
		t.Fatalf("exit %d, want 1", r.code)
	}
	if got := len(lines(r.stdout)); got != 10 {
		t.Errorf("kept %d rows of the first window, want 10", got)
	}
	if !strings.Contains(r.stderr, "BadRequest") || !strings.Contains(r.stderr, "aaaaaaaa-0000-4000-8000-000000000002") {
		t.Errorf("stderr %q", r.stderr)
	}
	mu.Lock()
	n = 0
	mu.Unlock()
	r = runCLI(t, "calls", "--graph-url", f.root, "--output", "json")
	var v any
	if r.code != exitFail || json.Unmarshal([]byte(r.stdout), &v) == nil {
		t.Errorf("exit %d: a json array cut short must not parse as complete", r.code)
	}
}

func TestThrottleIsRetriedAndReportedOnStderr(t *testing.T) {
	f := startFake(t, testTenant(70, 0, time.Now()), fakegraph.Faults{ThrottleEvery: 2, RetryAfter: "0.01"}, nil)
	r := runCLI(t, "calls", "--graph-url", f.root, "--output", "jsonl")
	if r.code != exitOK || len(lines(r.stdout)) != 70 {
		t.Fatalf("exit %d, %d rows, stderr %q", r.code, len(lines(r.stdout)), r.stderr)
	}
	if !strings.Contains(r.stderr, "Graph answered 429, retrying") {
		t.Errorf("stderr %q: want the throttle wait reported", r.stderr)
	}
}

// TestRowsStreamAsPagesArrive proves output does not wait for the last
// page: when page k is requested, the k-1 pages before it are already on
// stdout. Nothing accumulates between pages, so memory stays one page.
