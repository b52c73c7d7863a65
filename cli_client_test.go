package main

import (
	"os"
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
	got := lines(r.stderr)
	if len(got) != 1 || !strings.HasPrefix(got[0], "callscope: the connection to Graph closed mid-response, retrying GET /v1.0/communications/callRecords?") ||
		!strings.HasSuffix(got[0], "(retry 1 of 4)") {
		t.Errorf("stderr %q: want one line for the one retry", r.stderr)
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
// once, one line, and the run goes on.
func TestLogFileWriteFailureIsSaidOnce(t *testing.T) {
	lf, err := openLogFile(filepath.Join(t.TempDir(), "log"), false)
	if err != nil {
		t.Fatal(err)
	}
	var warned []string
	lf.warn = func(s string) { warned = append(warned, s) }
	_ = lf.f.Close() // every write now fails, as on a full disk
	for range 3 {
		lf.RequestDone(graphclient.RequestEvent{Start: time.Now(), Method: "GET", Path: "/v1.0/x", Status: 200, Attempt: 1})
	}
	if len(warned) != 1 || !strings.HasPrefix(warned[0], "callscope: --log-file: write ") ||
		!strings.HasSuffix(warned[0], "the request log stops here, the run goes on") {
		t.Errorf("warnings %q; want one naming --log-file", warned)
	}
	if err := lf.Close(); err == nil || !strings.Contains(err.Error(), "--log-file") {
		t.Errorf("Close = %v, want the failed write", err)
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

// Retries in transit go to the log file as "retry" lines with the reason.
func TestLogFileRecordsRetriesInTransit(t *testing.T) {
	path := filepath.Join(t.TempDir(), "log")
	lf, err := openLogFile(path, false)
	if err != nil {
		t.Fatal(err)
	}
	lf.Retrying(graphclient.RetryEvent{Attempt: 2, Max: 4, Reason: "no answer from Graph within 30s", Wait: 3 * time.Second,
		Method: "GET", Path: "/v1.0/communications/callRecords?key=SEKRIT"})
	lf.Retrying(graphclient.RetryEvent{Attempt: 1, Max: 4, Reason: "Graph answered 503", Status: 503, Path: "/v1.0/x"})
	if err := lf.Close(); err != nil {
		t.Fatal(err)
	}
	got := readLogLines(t, path)
	if len(got) != 2 || got[0].Event != "retry" || got[0].Reason != "no answer from Graph within 30s" ||
		got[0].MaxRetries != 4 || got[0].Attempt != 2 || got[0].WaitMs != 3000 || got[1].Event != "throttle" {
		t.Errorf("lines %+v", got)
	}
	if b, _ := os.ReadFile(path); strings.Contains(string(b), "SEKRIT") {
		t.Errorf("a key reached the log:\n%s", b)
	}
}
