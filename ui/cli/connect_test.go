package cli

import (
	"bytes"
	"errors"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/callscope/callscope/graphclient"
	"github.com/callscope/callscope/graphclient/fakegraph"
)

func TestRetryLineSaysWhatWhereAndWhichRetry(t *testing.T) {
	cases := []struct {
		ev     graphclient.RetryEvent
		redact bool
		want   string
	}{
		{graphclient.RetryEvent{Attempt: 2, Max: 4, Reason: "no answer from Graph within 30s", Wait: 3 * time.Second,
			Method: "GET", Path: "/v1.0/communications/callRecords"},
			false, "callscope: no answer from Graph within 30s, retrying GET /v1.0/communications/callRecords in 3s (retry 2 of 4)"},
		{graphclient.RetryEvent{Attempt: 1, Max: 4, Reason: "Graph answered 429", Status: 429, Wait: 2128 * time.Millisecond,
			Path: "/v1.0/x?sig=SEKRIT&$skiptoken=k"},
			false, "callscope: Graph answered 429, retrying GET /v1.0/x?sig=REDACTED&$skiptoken=k in 2.1s (retry 1 of 4)"},
		{graphclient.RetryEvent{Attempt: 3, Max: 3, Reason: "the connection to Graph closed mid-response", Wait: 7 * time.Millisecond,
			Path: "/v1.0/communications/callRecords?$filter=participants_v2/any(p:p/id%20eq%20'%2B4520123456')"},
			true, "callscope: the connection to Graph closed mid-response, retrying GET /v1.0/communications/callRecords?$filter=participants_v2/any(p:p/id eq '+4520******') in 7ms (retry 3 of 3)"},
		{graphclient.RetryEvent{Attempt: 1, Max: 4, Reason: "evil\x1b]0;x\x07", Path: "/v1.0/x"},
			false, "callscope: evil\uFFFD]0;x\uFFFD, retrying GET /v1.0/x in 0s (retry 1 of 4)"},
	}
	for _, tc := range cases {
		if got := retryLine(tc.ev, tc.redact); got != tc.want {
			t.Errorf("retryLine(%+v)\n got %q\nwant %q", tc.ev, got, tc.want)
		}
	}
}

// A scripted command says each retry on stderr, one line each, and still
// writes every row.
func TestScriptSaysEachRetryOnStderr(t *testing.T) {
	f := startFake(t, testTenant(70, 0, time.Now()), fakegraph.Faults{HangUpEvery: 2}, nil)
	r := runCLI(t, "calls", "--graph-url", f.root, "--output", "jsonl")
	if r.code != exitOK || len(lines(r.stdout)) != 70 {
		t.Fatalf("exit %d, %d rows, stderr %q", r.code, len(lines(r.stdout)), r.stderr)
	}
	// Every second body is cut, and each retry gets a whole one: one line
	// per cut, each the first retry of its request.
	got := lines(r.stderr)
	if len(got) == 0 {
		t.Fatalf("stderr empty: want a line for each retry")
	}
	for _, l := range got {
		if !strings.HasPrefix(l, "callscope: the connection to Graph closed mid-response, retrying GET /v1.0/communications/callRecords?") ||
			!strings.HasSuffix(l, "(retry 1 of 4)") {
			t.Errorf("stderr line %q: want one line per retry", l)
		}
	}
}

// With --redact the retry lines mask the people in the request path.
func TestRetryLinesHonourRedact(t *testing.T) {
	f := startFake(t, testTenant(3, 0, time.Now()), fakegraph.Faults{ThrottleEvery: 1, RetryAfter: "0.01"}, nil)
	r := runCLI(t, "calls", "--graph-url", f.root, "--participant", "+4520123456", "--redact")
	got := lines(r.stderr)
	if r.code != exitFail || len(got) < 5 {
		t.Fatalf("exit %d, stderr %q; want 4 retry lines and the final 429", r.code, r.stderr)
	}
	for i, l := range got[:4] {
		if !strings.Contains(l, "Graph answered 429, retrying GET") || !strings.HasSuffix(l, "(retry "+string(rune('1'+i))+" of 4)") {
			t.Errorf("line %d: %q", i, l)
		}
	}
	if strings.Contains(r.stderr, "4520123456") {
		t.Errorf("a phone number reached stderr under --redact:\n%s", r.stderr)
	}
}

// A log file that stops taking writes (a full disk) is said on stderr at
// once, one line, naming --log-file; the run goes on. (graphclient's tests
// show the log calls OnWriteError once and stops.)
func TestLogFileWriteFailureIsSaidOnStderr(t *testing.T) {
	var errb bytes.Buffer
	b := &base{cmd: "calls", conf: confOptions{logFile: filepath.Join(t.TempDir(), "log")}}
	obs, stop, err := withLogFile(b, &stderrObserver{w: &errb})
	if err != nil {
		t.Fatal(err)
	}
	defer stop()
	both, ok := obs.(observers)
	if !ok || len(both) != 2 {
		t.Fatalf("observer %T, want stderr and the log file", obs)
	}
	lf, ok := both[1].(*graphclient.RequestLog)
	if !ok || lf.OnWriteError == nil {
		t.Fatalf("the log file %T does not report a failed write", both[1])
	}
	lf.OnWriteError(errors.New("write /x/log: no space left on device"))
	got := lines(errb.String())
	if len(got) != 1 || !strings.HasPrefix(got[0], "callscope: --log-file: write ") ||
		!strings.HasSuffix(got[0], "the request log stops here, the run goes on") {
		t.Errorf("stderr %q; want one line naming --log-file", errb.String())
	}
}

// A log file that cannot be opened says why, before any request.
func TestLogFileOnADirectoryIsRefused(t *testing.T) {
	f := startFake(t, testTenant(1, 0, time.Now()), fakegraph.Faults{}, nil)
	f.srv.ResetRequests()
	r := runCLI(t, "calls", "--graph-url", f.root, "--log-file", t.TempDir())
	if r.code != exitUsage || !strings.Contains(r.stderr, "--log-file: cannot open it for writing") {
		t.Errorf("exit %d stderr %q", r.code, r.stderr)
	}
	if n := len(f.srv.Requests()); n != 0 {
		t.Errorf("%d requests sent", n)
	}
}
