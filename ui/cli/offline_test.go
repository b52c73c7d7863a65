package cli

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/callscope/callscope/graphclient/fakegraph"
	"github.com/callscope/callscope/graphclient/store"
	"github.com/callscope/callscope/model"
)

// refusingGraph is a Graph service that fails every request and counts
// them: an --offline run pointed at it must send it nothing.
func refusingGraph(t *testing.T) (root string, requests *atomic.Int64) {
	t.Helper()
	requests = new(atomic.Int64)
	hs := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		requests.Add(1)
		http.Error(w, `{"error":{"code":"offline","message":"an offline run reached Graph"}}`, http.StatusServiceUnavailable)
	}))
	t.Cleanup(hs.Close)
	return hs.URL + "/v1.0", requests
}

// sortedLines are the output's lines in byte order: the store pages newest
// first, Graph in its own order, and the objects are what must match.
func sortedLines(s string) []string {
	ls := lines(s)
	slices.Sort(ls)
	return ls
}

// An online direct or pstn run fills the store with the rows it fetched;
// the same range read --offline prints the same JSON objects and sends
// nothing to Graph.
func TestOfflineLogsMatchTheOnlineRun(t *testing.T) {
	now := time.Now().UTC()
	f := startFake(t, testTenant(0, 40, now), fakegraph.Faults{}, nil)
	refusing, requests := refusingGraph(t)
	path := filepath.Join(t.TempDir(), "store.db")
	from, to := now.Add(-4*24*time.Hour).Format(time.RFC3339), now.Add(time.Minute).Format(time.RFC3339)
	for _, cmd := range []string{"direct", "pstn"} {
		for _, extra := range [][]string{{"--output", "jsonl"}, {"--output", "csv"}, {"--summary", "--output", "json"}} {
			args := append([]string{cmd, "--no-config", "--store", path, "--from", from, "--to", to}, extra...)
			online := runCLI(t, append(args, "--graph-url", f.root)...)
			if online.code != exitOK {
				t.Fatalf("%v online: exit %d, stderr %q", extra, online.code, online.stderr)
			}
			offline := runCLI(t, append(args, "--graph-url", refusing, "--offline")...)
			if offline.code != exitOK {
				t.Fatalf("%s %v offline: exit %d, stderr %q", cmd, extra, offline.code, offline.stderr)
			}
			want, got := sortedLines(online.stdout), sortedLines(offline.stdout)
			if extra[0] == "--summary" {
				want, got = lines(online.stdout), lines(offline.stdout)
			}
			if len(want) < 2 || !slices.Equal(got, want) {
				t.Errorf("%s %v: offline output differs from online\n got %q\nwant %q", cmd, extra, got, want)
			}
		}
	}
	if n := requests.Load(); n != 0 {
		t.Errorf("--offline sent %d requests to Graph, want none", n)
	}
}

// --offline reads ranges Graph no longer has: older than its 30 days, and
// a PSTN range longer than getPstnCalls' 90 days.
func TestOfflineReadsRangesGraphNoLongerHas(t *testing.T) {
	path := filepath.Join(t.TempDir(), "store.db")
	s, err := store.Open(context.Background(), path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	old := time.Date(2025, 3, 1, 10, 0, 0, 0, time.UTC)
	var direct []store.DirectRow
	var pstn []store.PstnRow
	for i := range 3 {
		at := model.NewTime(old.Add(time.Duration(i) * 50 * 24 * time.Hour))
		direct = append(direct, store.DirectRow{Row: model.DirectRoutingRow{ID: fmt.Sprintf("dr-%d", i), StartDateTime: at, SuccessfulCall: true}})
		pstn = append(pstn, store.PstnRow{Row: model.PstnRow{ID: fmt.Sprintf("pstn-%d", i), StartDateTime: at, CallType: "user_out"}})
	}
	if _, err := s.Write(context.Background(), store.Batch{Direct: direct, Pstn: pstn}); err != nil {
		t.Fatal(err)
	}
	_ = s.Close()
	refusing, requests := refusingGraph(t)
	for _, cmd := range []string{"direct", "pstn"} {
		r := runCLI(t, cmd, "--no-config", "--offline", "--store", path, "--graph-url", refusing,
			"--from", "2025-02-01", "--to", "2025-08-01", "--output", "jsonl")
		if r.code != exitOK {
			t.Fatalf("%s: exit %d, stderr %q", cmd, r.code, r.stderr)
		}
		var ids []string
		for _, l := range lines(r.stdout) {
			var row struct{ ID string }
			if err := json.Unmarshal([]byte(l), &row); err != nil {
				t.Fatalf("%s: line %q: %v", cmd, l, err)
			}
			ids = append(ids, row.ID)
		}
		want := fmt.Sprintf("%[1]s-2,%[1]s-1,%[1]s-0", map[string]string{"direct": "dr", "pstn": "pstn"}[cmd])
		if strings.Join(ids, ",") != want {
			t.Errorf("%s: ids %v, want %s (newest first)", cmd, ids, want)
		}
	}
	if n := requests.Load(); n != 0 {
		t.Errorf("--offline sent %d requests to Graph, want none", n)
	}
}

// An empty store says so and how to fill it, with status 1; --offline
// with --no-store is a usage error.
func TestOfflineEmptyStoreAndNoStore(t *testing.T) {
	path := filepath.Join(t.TempDir(), "store.db")
	for _, cmd := range []string{"direct", "pstn"} {
		for _, extra := range [][]string{{"--output", "jsonl"}, {"--summary"}} {
			r := runCLI(t, append([]string{cmd, "--no-config", "--offline", "--store", path}, extra...)...)
			if r.code != exitFail || !strings.Contains(r.stderr, "the store holds nothing in this range; run callscope sync") {
				t.Errorf("%s %v on an empty store: exit %d, stderr %q", cmd, extra, r.code, r.stderr)
			}
			if r.stdout != "" {
				t.Errorf("%s %v on an empty store printed %q", cmd, extra, r.stdout)
			}
		}
		r := runCLI(t, cmd, "--no-config", "--offline", "--no-store")
		if r.code != exitUsage || !strings.Contains(r.stderr, "--no-store") {
			t.Errorf("%s --offline --no-store: exit %d, stderr %q", cmd, r.code, r.stderr)
		}
	}
}
