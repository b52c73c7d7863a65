package cli

import (
	"net/http"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/callscope/callscope/graphclient/fakegraph"
)

// `calls` writes the list rows it fetches to the store; `calls --offline`
// over the same range prints the same objects in the same order (newest
// first) and sends nothing to Graph, whatever order Graph paged in.
func TestOfflineCallsMatchTheOnlineRun(t *testing.T) {
	now := time.Now().UTC()
	tenant := testTenant(130, 0, now)
	srv := fakegraph.New(tenant, fakegraph.Options{Token: testToken, ListOrder: fakegraph.OldestFirst})
	// startFake's own server lists newest first; this one, oldest first,
	// is served in its place, so the online command's sorting is exercised.
	f := startFake(t, tenant, fakegraph.Faults{}, func(http.Handler) http.Handler { return srv })
	refusing, requests := refusingGraph(t)
	path := filepath.Join(t.TempDir(), "store.db")
	from, to := now.Add(-40*24*time.Hour).Format(time.RFC3339), now.Add(time.Minute).Format(time.RFC3339)
	for _, extra := range [][]string{{"--output", "jsonl"}, {"--output", "json"}, {"--output", "csv"}, {"--output", "jsonl", "--limit", "7"}} {
		args := append([]string{"calls", "--no-config", "--store", path, "--from", from, "--to", to}, extra...)
		online := runCLI(t, append(args, "--graph-url", f.root)...)
		if online.code != exitOK {
			t.Fatalf("%v online: exit %d, stderr %q", extra, online.code, online.stderr)
		}
		offline := runCLI(t, append(args, "--graph-url", refusing, "--offline")...)
		if offline.code != exitOK {
			t.Fatalf("%v offline: exit %d, stderr %q", extra, offline.code, offline.stderr)
		}
		want, got := lines(online.stdout), lines(offline.stdout)
		if len(want) < 7 || !slices.Equal(got, want) {
			t.Errorf("%v: offline output differs from online\n got %d lines %q\nwant %d lines %q", extra, len(got), got, len(want), want)
		}
	}
	if n := requests.Load(); n != 0 {
		t.Errorf("--offline sent %d requests to Graph, want none", n)
	}
}

// calls --offline: an empty store says so (status 1), with --participant,
// --quality and --summary too; --no-store is a usage error.
func TestOfflineCallsRefusals(t *testing.T) {
	path := filepath.Join(t.TempDir(), "store.db")
	for _, extra := range [][]string{{}, {"--participant", guestTel}, {"--quality"}, {"--summary"}} {
		r := runCLI(t, append([]string{"calls", "--no-config", "--offline", "--store", path, "--output", "jsonl"}, extra...)...)
		if r.code != exitFail || !strings.Contains(r.stderr, "the store holds nothing in this range; run callscope sync") || r.stdout != "" {
			t.Errorf("empty store %v: exit %d, stdout %q, stderr %q", extra, r.code, r.stdout, r.stderr)
		}
	}
	r := runCLI(t, "calls", "--no-config", "--offline", "--no-store")
	if r.code != exitUsage || !strings.Contains(r.stderr, "--no-store keeps none") {
		t.Errorf("calls --offline --no-store: exit %d, stderr %q", r.code, r.stderr)
	}
}
