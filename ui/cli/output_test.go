package cli

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/callscope/callscope/graphclient/fakegraph"
	"github.com/callscope/callscope/model/export"
)

// closedPipe fails every write after the first n bytes as a closed pipe does.
type closedPipe struct{ n int }

func (w *closedPipe) Write(p []byte) (int, error) {
	if len(p) <= w.n {
		w.n -= len(p)
		return len(p), nil
	}
	k := w.n
	w.n = 0
	return k, syscall.EPIPE
}

func TestClosedStdoutEndsQuietly(t *testing.T) {
	f := startFake(t, testTenant(200, 0, time.Now()), fakegraph.Faults{}, nil)
	for _, format := range []string{"json", "jsonl", "csv"} {
		f.srv.ResetRequests()
		var errb bytes.Buffer
		code := runWith([]string{"calls", "--graph-url", f.root, "--output", format}, &closedPipe{n: 100}, &errb)
		if code != exitOK || errb.Len() != 0 {
			t.Errorf("%s: exit %d, stderr %q; want a quiet 0", format, code, errb.String())
		}
		// The whole-range try, then the newest window, whose rows meet the
		// closed pipe: nothing after it.
		if n := len(f.srv.Requests()); n != 2 {
			t.Errorf("%s: %d requests, want 2: none after the reader left", format, n)
		}
	}
	var errb bytes.Buffer
	if code := runWith([]string{"record", recordID(1), "--graph-url", f.root}, &closedPipe{}, &errb); code != exitOK || errb.Len() != 0 {
		t.Errorf("record: exit %d, stderr %q", code, errb.String())
	}
}

func TestOnlyAnOutputEPIPEIsQuiet(t *testing.T) {
	var errb bytes.Buffer
	if code := exitCode(fmt.Errorf("GET /x: network error: %w", syscall.EPIPE), &errb); code != exitFail {
		t.Errorf("an EPIPE talking to Graph gave exit %d, want 1", code)
	}
	if code := exitCode(&export.WriteError{Err: errors.New("no space left on device")}, &errb); code != exitFail {
		t.Errorf("a full disk gave exit %d, want 1", code)
	}
	if !strings.Contains(errb.String(), "no space left") {
		t.Errorf("stderr %q", errb.String())
	}
}
