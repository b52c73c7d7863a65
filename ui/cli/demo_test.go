package cli

import (
	"context"
	"encoding/csv"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/callscope/callscope/graphclient"
	"github.com/callscope/callscope/graphclient/fakegraph"
)

// fastLimits pace a client far above Graph's limits, for tests that walk
// the demo's whole month.
var fastLimits = graphclient.Limits{List: graphclient.Window{Requests: 10_000, Per: time.Second}}

// demoVisible is how many records the demo tenant lists at now, by plain
// paging of a fake frozen at now: records whose first version is written
// (15-60 minutes after the call) and younger than 30 days.
func demoVisible(t *testing.T, now time.Time) int {
	t.Helper()
	srv := httptest.NewServer(fakegraph.New(fakegraph.DemoTenant(now), fakegraph.Options{Token: testToken,
		Clock: func() time.Time { return now }}))
	defer srv.Close()
	c, err := graphclient.New(graphclient.Options{ServiceRoot: srv.URL + "/v1.0", Credential: graphclient.StaticToken(testToken),
		Limits: fastLimits})
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for next, first := "", true; first || next != ""; first = false {
		page, err := c.ListCallRecords(context.Background(), graphclient.CallQuery{PageSize: 999}, next)
		if err != nil {
			t.Fatal(err)
		}
		n += len(page.Value)
		next = page.NextLink
	}
	return n
}

// `calls --demo` walks the demo's month newest first, window by window, and
// lists every record once: as many as plain paging finds.
func TestDemoCallsCountIsTheTenantsRecordCount(t *testing.T) {
	clientLimits = fastLimits
	t.Cleanup(func() { clientLimits = graphclient.Limits{} })
	before := demoVisible(t, time.Now())
	r := runCLI(t, "calls", "--demo", "--output", "jsonl")
	after := demoVisible(t, time.Now()) // records are written and age out as the clock runs; accept either side
	got := len(lines(r.stdout))
	if r.code != exitOK || (got != before && got != after) || got < 61 {
		t.Fatalf("exit %d, %d lines, want %d or %d (stderr %q)", r.code, got, before, after, r.stderr)
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
