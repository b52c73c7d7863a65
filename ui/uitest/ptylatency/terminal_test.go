//go:build linux

package ptylatency

import (
	"errors"
	"io"
	"os"
	"os/exec"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/creack/pty"
)

// chunk is one read from the program's output and when it arrived.
type chunk struct {
	at   time.Time
	data string
}

// terminal is the terminal side of the program's pseudo-terminal: it
// keeps every read with its arrival time, and answers the two queries
// the program sends before it starts (lipgloss asking for the background
// colour, and the cursor position report that brackets it), as a real
// terminal would, so that start-up does not wait out their timeout.
type terminal struct {
	ptmx   *os.File
	mu     sync.Mutex
	chunks []chunk
	closed bool
	notify chan struct{}
}

// Replies a dark xterm gives to the background and cursor queries.
const (
	backgroundQuery = "\x1b]11;?"
	backgroundReply = "\x1b]11;rgb:0000/0000/0000\x1b\\"
	cursorQuery     = "\x1b[6n"
	cursorReply     = "\x1b[1;1R"
)

// startTerminal starts cmd on a new pseudo-terminal of cols x rows.
func startTerminal(tb testing.TB, cmd *exec.Cmd, cols, rows int) *terminal {
	tb.Helper()
	ptmx, err := pty.StartWithSize(cmd, &pty.Winsize{Cols: uint16(cols), Rows: uint16(rows)})
	if err != nil {
		tb.Fatalf("start the program on a pty: %v", err)
	}
	t := &terminal{ptmx: ptmx, notify: make(chan struct{}, 1)}
	go t.read()
	return t
}

// read keeps what the program writes until the pty closes.
func (t *terminal) read() {
	buf := make([]byte, 1<<16)
	for {
		n, err := t.ptmx.Read(buf)
		at := time.Now()
		if n > 0 {
			data := string(buf[:n])
			if strings.Contains(data, backgroundQuery) {
				_, _ = t.ptmx.WriteString(backgroundReply)
			}
			if strings.Contains(data, cursorQuery) {
				_, _ = t.ptmx.WriteString(cursorReply)
			}
			t.mu.Lock()
			t.chunks = append(t.chunks, chunk{at: at, data: data})
			t.mu.Unlock()
			t.wake()
		}
		if err != nil {
			// EIO once the program has exited and closed its side.
			t.mu.Lock()
			t.closed = true
			t.mu.Unlock()
			t.wake()
			return
		}
	}
}

func (t *terminal) wake() {
	select {
	case t.notify <- struct{}{}:
	default:
	}
}

// mark is the position of the next read, for waitFor.
func (t *terminal) mark() int {
	t.mu.Lock()
	defer t.mu.Unlock()
	return len(t.chunks)
}

// errClosed is waitFor's error when the program's output ended first.
var errClosed = errors.New("the program closed its terminal")

// waitFor waits until match accepts the output read since mark from,
// and returns that output, the position after it and the arrival time of
// its last read. match sees the text as it grows.
func (t *terminal) waitFor(from int, timeout time.Duration, match func(string) bool) (string, int, time.Time, error) {
	deadline := time.NewTimer(timeout)
	defer deadline.Stop()
	var text strings.Builder
	for {
		t.mu.Lock()
		for ; from < len(t.chunks); from++ {
			text.WriteString(t.chunks[from].data)
			if match(text.String()) {
				at := t.chunks[from].at
				t.mu.Unlock()
				return text.String(), from + 1, at, nil
			}
		}
		closed := t.closed
		t.mu.Unlock()
		if closed {
			return text.String(), from, time.Time{}, errClosed
		}
		select {
		case <-t.notify:
		case <-deadline.C:
			return text.String(), from, time.Time{}, errors.New("timed out")
		}
	}
}

// write sends keys as one write and returns when it was made.
func (t *terminal) write(keys string) (time.Time, error) {
	at := time.Now()
	_, err := io.WriteString(t.ptmx, keys)
	return at, err
}

// close closes the terminal side.
func (t *terminal) close() { _ = t.ptmx.Close() }
