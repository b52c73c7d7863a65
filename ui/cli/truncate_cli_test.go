package cli

import (
	"testing"
	"time"

	"github.com/callscope/callscope/graphclient/fakegraph"
)

// A 200 cut off mid-body (every second response) no longer ends `calls`:
// the client fetches the page again and every row is written (issue 13).
func TestCallsKeepsGoingOverTruncatedPages(t *testing.T) {
	f := startFake(t, testTenant(130, 0, time.Now()), fakegraph.Faults{TruncateEvery: 2}, nil)
	r := runCLI(t, "calls", "--graph-url", f.root, "--output", "jsonl")
	if r.code != exitOK || len(lines(r.stdout)) != 130 {
		t.Fatalf("exit %d, %d rows, stderr %q; want every row", r.code, len(lines(r.stdout)), r.stderr)
	}
}
