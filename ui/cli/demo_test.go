package cli

import (
	"encoding/csv"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/callscope/callscope/graphclient/fakegraph"
)

// demoVisible counts the demo tenant's records Graph would list at now:
// started within the 30 days kept, and ended.
func demoVisible(now time.Time) int {
	n := 0
	for _, r := range fakegraph.DemoTenant(now).Records() {
		if !r.StartDateTime.Before(now.Add(-30*24*time.Hour)) && (r.EndDateTime.IsZero() || !r.EndDateTime.After(now)) {
			n++
		}
	}
	return n
}

func TestDemoCallsCountIsTheTenantsRecordCount(t *testing.T) {
	before := demoVisible(time.Now())
	r := runCLI(t, "calls", "--demo", "--output", "jsonl")
	after := demoVisible(time.Now()) // the demo moves with the hour; accept either side of it
	got := len(lines(r.stdout))
	if r.code != exitOK || (got != before && got != after) || got < 61 {
		t.Fatalf("exit %d, %d lines, want %d (stderr %q)", r.code, got, before, r.stderr)
	}
}

func TestDemoDirectFailedPrintsOnlyFailures(t *testing.T) {
	r := runCLI(t, "direct", "--demo", "--from", "-7d", "--to", "now", "--failed", "--output", "csv")
	if r.code != exitOK {
		t.Fatalf("exit %d, stderr %q", r.code, r.stderr)
	}
	rows, err := csv.NewReader(strings.NewReader(r.stdout)).ReadAll()
	if err != nil || len(rows) < 2 {
		t.Fatalf("%d rows, %v", len(rows), err)
	}
	ok := slices.Index(rows[0], "successfulCall")
	for _, row := range rows[1:] {
		if row[ok] != "false" {
			t.Fatalf("row %v is not a failure", row)
		}
	}
}

func TestTokenIsNeverPrinted(t *testing.T) {
	f := startFake(t, testTenant(3, 0, time.Now()), fakegraph.Faults{}, nil)
	const secret = "eyJ0eXAiOiJKV1QiLCJzZWNyZXQiOiJkby1ub3QtcHJpbnQifQ"
	t.Setenv("CALLSCOPE_ACCESS_TOKEN", secret) // the fake wants testToken: 401
	r := runCLI(t, "calls", "--graph-url", f.root, "--output", "jsonl")
	if r.code != exitFail || !strings.Contains(r.stderr, "401") {
		t.Fatalf("exit %d, stderr %q; want a 401", r.code, r.stderr)
	}
	if strings.Contains(r.stdout+r.stderr, secret) || strings.Contains(r.stdout+r.stderr, secret[:16]) {
		t.Errorf("the token appears in the output: %q", r.stderr)
	}
}
