package graphclient

import (
	"bufio"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// readRequestLog parses every line of a request log file.
func readRequestLog(t *testing.T, path string) []RequestLogLine {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []RequestLogLine
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		var l RequestLogLine
		if err := json.Unmarshal(sc.Bytes(), &l); err != nil {
			t.Fatalf("line %q is not JSON: %v", sc.Text(), err)
		}
		out = append(out, l)
	}
	return out
}

// A log file that stops taking writes (a full disk) says so once, to
// OnWriteError, and Close reports the failed write.
func TestLogFileWriteFailureIsSaidOnce(t *testing.T) {
	lf, err := OpenRequestLog(filepath.Join(t.TempDir(), "log"), false)
	if err != nil {
		t.Fatal(err)
	}
	var warned []error
	lf.OnWriteError = func(err error) { warned = append(warned, err) }
	_ = lf.f.Close() // every write now fails, as on a full disk
	for range 3 {
		lf.RequestDone(RequestEvent{Start: time.Now(), Method: "GET", Path: "/v1.0/x", Status: 200, Attempt: 1})
	}
	if len(warned) != 1 || !strings.HasPrefix(warned[0].Error(), "write ") {
		t.Errorf("warnings %q; want one naming the failed write", warned)
	}
	if err := lf.Close(); err == nil || err != warned[0] {
		t.Errorf("Close = %v, want the failed write", err)
	}
}

// Retries in transit go to the log file as "retry" lines with the reason.
func TestLogFileRecordsRetriesInTransit(t *testing.T) {
	path := filepath.Join(t.TempDir(), "log")
	lf, err := OpenRequestLog(path, false)
	if err != nil {
		t.Fatal(err)
	}
	lf.Retrying(RetryEvent{Attempt: 2, Max: 4, Reason: "no answer from Graph within 30s", Wait: 3 * time.Second,
		Method: "GET", Path: "/v1.0/communications/callRecords?key=SEKRIT"})
	lf.Retrying(RetryEvent{Attempt: 1, Max: 4, Reason: "Graph answered 503", Status: 503, Path: "/v1.0/x"})
	if err := lf.Close(); err != nil {
		t.Fatal(err)
	}
	got := readRequestLog(t, path)
	if len(got) != 2 || got[0].Event != "retry" || got[0].Reason != "no answer from Graph within 30s" ||
		got[0].MaxRetries != 4 || got[0].Attempt != 2 || got[0].WaitMs != 3000 || got[1].Event != "throttle" {
		t.Errorf("lines %+v", got)
	}
	if b, _ := os.ReadFile(path); strings.Contains(string(b), "SEKRIT") {
		t.Errorf("a key reached the log:\n%s", b)
	}
}

func TestLogFileStripsSecretParameters(t *testing.T) {
	path := filepath.Join(t.TempDir(), "log")
	lf, err := OpenRequestLog(path, false)
	if err != nil {
		t.Fatal(err)
	}
	lf.RequestDone(RequestEvent{Start: time.Now(), Method: "GET", Path: "/v1.0/x?$skiptoken=k&access_token=SEKRIT1",
		Err: `Get "https://h/v1.0/x?client_secret=SEKRIT2": EOF`, Attempt: 1})
	lf.Retrying(RetryEvent{Status: 429, Path: "/v1.0/x?sig=SEKRIT3", Wait: time.Second, Attempt: 1, Max: 4})
	if err := lf.Close(); err != nil {
		t.Fatal(err)
	}
	b, _ := os.ReadFile(path)
	if strings.Contains(string(b), "SEKRIT") || !strings.Contains(string(b), "$skiptoken=k") {
		t.Errorf("log file:\n%s", b)
	}
}

// The file is created readable by its owner only, and appended to.
func TestLogFileIsPrivateAndAppended(t *testing.T) {
	path := filepath.Join(t.TempDir(), "log")
	for run := range 2 {
		lf, err := OpenRequestLog(path, false)
		if err != nil {
			t.Fatal(err)
		}
		lf.RequestDone(RequestEvent{Start: time.Now(), Method: "GET", Path: "/v1.0/x", Status: 200, Attempt: run + 1})
		if err := lf.Close(); err != nil {
			t.Fatal(err)
		}
	}
	st, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if st.Mode().Perm() != 0o600 {
		t.Errorf("mode %v, want 0600", st.Mode().Perm())
	}
	if got := readRequestLog(t, path); len(got) != 2 || got[0].Attempt != 1 || got[1].Attempt != 2 {
		t.Errorf("lines %+v, want both runs' lines in order", got)
	}
}

// With redactPeople the people in a path are masked, decoded first so an
// escaped number is found too; ids stay.
func TestShownPathMasksPeopleOnlyWhenAsked(t *testing.T) {
	path := "/v1.0/communications/callRecords?$filter=participants_v2/any(p:p/id%20eq%20'%2B4520123456')&sig=SEKRIT"
	if got := ShownPath(path, false); strings.Contains(got, "SEKRIT") || !strings.Contains(got, "%2B4520123456") {
		t.Errorf("plain: %q", got)
	}
	if got := ShownPath(path, true); strings.Contains(got, "20123456") || !strings.Contains(got, "+4520******") {
		t.Errorf("redacted: %q", got)
	}
}
