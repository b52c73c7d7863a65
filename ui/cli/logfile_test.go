package cli

import (
	"bufio"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/callscope/callscope/graphclient"
	"github.com/callscope/callscope/graphclient/fakegraph"
)

// readLogLines parses every line of a --log-file.
func readLogLines(t *testing.T, path string) []graphclient.RequestLogLine {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []graphclient.RequestLogLine
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		var l graphclient.RequestLogLine
		if err := json.Unmarshal(sc.Bytes(), &l); err != nil {
			t.Fatalf("line %q is not JSON: %v", sc.Text(), err)
		}
		out = append(out, l)
	}
	return out
}

func TestLogFileRecordsEveryRequestAndWait(t *testing.T) {
	f := startFake(t, testTenant(130, 0, time.Now()), fakegraph.Faults{ThrottleEvery: 2, RetryAfter: "0.01"}, nil)
	path := filepath.Join(t.TempDir(), "requests.jsonl")
	r := runCLI(t, "calls", "--graph-url", f.root, "--log-file", path, "--output", "jsonl")
	if r.code != exitOK {
		t.Fatalf("exit %d, stderr %q", r.code, r.stderr)
	}
	st, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if st.Mode().Perm() != 0o600 {
		t.Errorf("mode %v, want 0600", st.Mode().Perm())
	}
	got := readLogLines(t, path)
	var requests, waits, refused int
	for _, l := range got {
		if _, err := time.Parse(time.RFC3339Nano, l.Time); err != nil {
			t.Errorf("time %q: %v", l.Time, err)
		}
		switch l.Event {
		case "request":
			requests++
			if l.Method != "GET" || !strings.HasPrefix(l.Path, "/v1.0/communications/callRecords") || l.RequestID == "" || l.Attempt < 1 {
				t.Errorf("request line %+v", l)
			}
			if l.Status == 429 {
				refused++
			}
		case "throttle":
			waits++
			if l.Status != 429 || l.WaitMs <= 0 {
				t.Errorf("throttle line %+v", l)
			}
		default:
			t.Errorf("event %q", l.Event)
		}
	}
	if sent := len(f.srv.Requests()); requests != sent {
		t.Errorf("%d request lines, the service saw %d requests", requests, sent)
	}
	if waits == 0 || refused == 0 {
		t.Errorf("%d waits and %d refused tries logged; the fake throttled every other request", waits, refused)
	}

	// A second run appends.
	if r := runCLI(t, "direct", "--graph-url", f.root, "--log-file", path); r.code != exitOK {
		t.Fatalf("second run: exit %d, stderr %q", r.code, r.stderr)
	}
	if again := readLogLines(t, path); len(again) <= len(got) || again[0] != got[0] {
		t.Errorf("the second run did not append: %d lines then %d", len(got), len(again))
	}
}

func TestLogFileThatCannotBeOpenedIsAUsageError(t *testing.T) {
	f := startFake(t, testTenant(1, 0, time.Now()), fakegraph.Faults{}, nil)
	f.srv.ResetRequests()
	r := runCLI(t, "calls", "--graph-url", f.root, "--log-file", filepath.Join(t.TempDir(), "no", "such", "dir", "log"))
	if r.code != exitUsage || !strings.Contains(r.stderr, "--log-file") {
		t.Errorf("exit %d stderr %q, want 2 naming --log-file", r.code, r.stderr)
	}
	if n := len(f.srv.Requests()); n != 0 {
		t.Errorf("%d requests sent", n)
	}
}
