package cli

import (
	"encoding/json"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/callscope/callscope/graphclient/fakegraph"
)

// An online `calls --quality` keeps the records it fetches in the store;
// `calls --offline --quality` then prints the same rows, verdicts
// included, in every format, and sends nothing.
func TestOfflineCallsQualityMatchesOnline(t *testing.T) {
	now := time.Now().UTC()
	f := startOrderedFake(t, qualityTenant(now), fakegraph.OldestFirst)
	refusing, requests := refusingGraph(t)
	path := filepath.Join(t.TempDir(), "store.db")
	from, to := now.Add(-time.Hour).Format(time.RFC3339), now.Add(time.Minute).Format(time.RFC3339)
	for _, extra := range [][]string{{"--output", "jsonl"}, {"--output", "json"}, {"--output", "csv"}, {"--output", "jsonl", "--limit", "2"}, {"--output", "jsonl", "--redact"}} {
		args := append([]string{"calls", "--quality", "--no-config", "--store", path, "--from", from, "--to", to}, extra...)
		online := runCLI(t, append(args, "--graph-url", f.root)...)
		offline := runCLI(t, append(args, "--graph-url", refusing, "--offline")...)
		if online.code != exitOK || offline.code != exitOK {
			t.Fatalf("%v: exit online %d (%q), offline %d (%q)", extra, online.code, online.stderr, offline.code, offline.stderr)
		}
		want, got := lines(online.stdout), lines(offline.stdout)
		if !slices.Equal(got, want) || !strings.Contains(online.stdout, wantQuality[1].quality) {
			t.Errorf("%v: offline differs from online\n got %q\nwant %q", extra, got, want)
		}
		if offline.stderr != "" {
			t.Errorf("%v: offline stderr %q, want nothing (every record stored)", extra, offline.stderr)
		}
	}
	if n := requests.Load(); n != 0 {
		t.Errorf("--offline sent %d requests to Graph, want none", n)
	}
}

// Calls listed but whose records were never fetched get empty verdicts
// offline, and one line on stderr with their count and what stores them.
func TestOfflineCallsQualityWithoutRecords(t *testing.T) {
	now := time.Now().UTC()
	f := startOrderedFake(t, qualityTenant(now), fakegraph.NewestFirst)
	refusing, _ := refusingGraph(t)
	path := filepath.Join(t.TempDir(), "store.db")
	if r := runCLI(t, "calls", "--no-config", "--store", path, "--graph-url", f.root, "--from", "-1d"); r.code != exitOK {
		t.Fatalf("calls: exit %d, stderr %q", r.code, r.stderr)
	}
	r := runCLI(t, "calls", "--quality", "--no-config", "--offline", "--store", path, "--graph-url", refusing, "--from", "-1d", "--output", "jsonl")
	if r.code != exitOK || len(lines(r.stdout)) != 3 {
		t.Fatalf("exit %d, stdout %q, stderr %q", r.code, r.stdout, r.stderr)
	}
	for i, l := range lines(r.stdout) {
		var row map[string]any
		if err := json.Unmarshal([]byte(l), &row); err != nil {
			t.Fatal(err)
		}
		if row["id"] != recordID(i) || row["result"] != "" || row["quality"] != "" || row["qualityReason"] != "" {
			t.Errorf("row %d: %s, want empty verdicts", i, l)
		}
	}
	if want := "callscope calls: 3 calls in range have no stored record; run callscope sync --what records\n"; r.stderr != want {
		t.Errorf("stderr %q, want %q", r.stderr, want)
	}
}

// `calls --offline --summary` over records an online run stored prints
// the online summary, in text and as rows; records missing from the
// store are left out of the figures and counted.
func TestOfflineCallsSummaryMatchesOnline(t *testing.T) {
	now := time.Now().UTC()
	f := startOrderedFake(t, summaryTenant(now), fakegraph.OldestFirst)
	refusing, requests := refusingGraph(t)
	path := filepath.Join(t.TempDir(), "store.db")
	from, to := now.Add(-time.Hour).Format(time.RFC3339), now.Add(time.Minute).Format(time.RFC3339)
	for _, extra := range [][]string{{}, {"--output", "jsonl"}, {"--output", "json"}, {"--output", "csv"}, {"--limit", "4"}} {
		args := append([]string{"calls", "--summary", "--no-config", "--store", path, "--from", from, "--to", to}, extra...)
		online := runCLI(t, append(args, "--graph-url", f.root)...)
		offline := runCLI(t, append(args, "--graph-url", refusing, "--offline")...)
		if online.code != exitOK || offline.code != exitOK {
			t.Fatalf("%v: exit online %d (%q), offline %d (%q)", extra, online.code, online.stderr, offline.code, offline.stderr)
		}
		if offline.stdout != online.stdout || offline.stderr != "" {
			t.Errorf("%v: offline differs from online (stderr %q)\n got %s\nwant %s", extra, offline.stderr, offline.stdout, online.stdout)
		}
	}
	if n := requests.Load(); n != 0 {
		t.Errorf("--offline sent %d requests to Graph, want none", n)
	}
	// A store with the list rows only: nothing to summarize, and why.
	listOnly := filepath.Join(t.TempDir(), "list.db")
	if r := runCLI(t, "calls", "--no-config", "--store", listOnly, "--graph-url", f.root, "--from", from, "--to", to); r.code != exitOK {
		t.Fatalf("calls: exit %d, stderr %q", r.code, r.stderr)
	}
	r := runCLI(t, "calls", "--summary", "--no-config", "--offline", "--store", listOnly, "--graph-url", refusing, "--from", from, "--to", to)
	if r.code != exitOK || !strings.Contains(r.stdout, "Call quality of 6 calls (0 records fetched)\n") ||
		!strings.Contains(r.stdout, "warning: 6 records could not be fetched") ||
		r.stderr != "callscope calls: 6 calls in range have no stored record; run callscope sync --what records\n" {
		t.Errorf("list rows only: exit %d, stdout %q, stderr %q", r.code, r.stdout, r.stderr)
	}
}
