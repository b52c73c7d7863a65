package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"
)

// tmuxTimeout is how long any one expected screen may take to appear; a
// loaded CI machine building with -race is slow, so it is generous.
const tmuxTimeout = 20 * time.Second

// tmuxSession drives the real binary in a detached tmux session of fixed
// size on a private socket, so a user's own tmux server is never touched.
type tmuxSession struct {
	t      *testing.T
	tmux   string
	socket string
}

func (s *tmuxSession) cmd(args ...string) (string, error) {
	out, err := exec.Command(s.tmux, append([]string{"-S", s.socket}, args...)...).CombinedOutput()
	return string(out), err
}

// capture returns the pane's visible text.
func (s *tmuxSession) capture() string {
	out, err := s.cmd("capture-pane", "-p", "-t", "cs")
	if err != nil {
		return "capture-pane failed: " + err.Error() + ": " + out
	}
	return out
}

// keys sends tmux key names (j, NPage, Enter, Escape, q).
func (s *tmuxSession) keys(keys ...string) {
	s.t.Helper()
	if out, err := s.cmd(append([]string{"send-keys", "-t", "cs"}, keys...)...); err != nil {
		s.t.Fatalf("send-keys %v: %v: %s", keys, err, out)
	}
}

// waitFor polls the pane until ok accepts it, or fails the test with the
// last screen, which is what one needs to see to know why.
func (s *tmuxSession) waitFor(what string, ok func(screen string) bool) string {
	s.t.Helper()
	deadline := time.Now().Add(tmuxTimeout)
	for {
		screen := s.capture()
		if ok(screen) {
			return screen
		}
		if time.Now().After(deadline) {
			s.t.Fatalf("waited %s for %s; the screen shows:\n%s", tmuxTimeout, what, screen)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// loadedRe reads the footer's row count ("60 loaded · more ↓", "all 300 loaded").
var loadedRe = regexp.MustCompile(`(\d+) loaded`)

func loadedCount(screen string) int {
	m := loadedRe.FindStringSubmatch(screen)
	if m == nil {
		return 0
	}
	n, _ := strconv.Atoi(m[1])
	return n
}

// TestExplorerInARealTerminal runs `callscope --demo` in tmux at 120x30:
// the calls list appears, scrolling past the first 60-row page loads more,
// enter opens a record, esc comes back, q quits and the terminal is the
// shell's again (the alternate screen is gone).
func TestExplorerInARealTerminal(t *testing.T) {
	tmux, err := exec.LookPath("tmux")
	if err != nil {
		t.Skip("tmux is not installed")
	}
	if testing.Short() {
		t.Skip("builds the binary; skipped with -short")
	}
	dir := t.TempDir()
	bin := filepath.Join(dir, "callscope")
	goBin, err := exec.LookPath("go")
	if err != nil {
		t.Skip("the go command is not on PATH")
	}
	build := exec.Command(goBin, "build", "-o", bin, ".")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	s := &tmuxSession{t: t, tmux: tmux, socket: filepath.Join(dir, "tmux.sock")}
	t.Cleanup(func() { _, _ = s.cmd("kill-server") })

	// The shell prints a marker after the program exits and stays, so the
	// pane can be checked after quitting.
	script := fmt.Sprintf("%s --demo; echo callscope-exited-$?; sleep 60", bin)
	if out, err := s.cmd("-f", os.DevNull, "new-session", "-d", "-s", "cs", "-x", "120", "-y", "30",
		"-e", "TERM=xterm-256color", "sh", "-c", script); err != nil {
		t.Fatalf("tmux new-session: %v: %s", err, out)
	}

	s.waitFor("the calls list with rows", func(sc string) bool {
		return strings.Contains(sc, "Calls") && loadedCount(sc) > 0
	})
	first := loadedCount(s.capture())
	if first > 60 {
		t.Fatalf("%d rows loaded before any scrolling; want the first 60-row page", first)
	}
	s.keys("j", "j", "j")
	grown := false
	for i := 0; i < 30 && !grown; i++ {
		s.keys("NPage")
		deadline := time.Now().Add(2 * time.Second)
		for time.Now().Before(deadline) {
			if loadedCount(s.capture()) > 60 {
				grown = true
				break
			}
			time.Sleep(100 * time.Millisecond)
		}
	}
	if !grown {
		t.Fatalf("scrolling did not load a second page; the screen shows:\n%s", s.capture())
	}

	s.keys("Enter")
	s.waitFor("the record's summary", func(sc string) bool {
		return strings.Contains(sc, "Calls › Call")
	})
	s.keys("Escape")
	s.waitFor("the calls list again", func(sc string) bool {
		return !strings.Contains(sc, "Calls › Call") && strings.Contains(sc, "Calls") && loadedCount(sc) > 60
	})
	s.keys("q")
	s.waitFor("the shell after quitting", func(sc string) bool {
		return strings.Contains(sc, "callscope-exited-0")
	})
	if alt, err := s.cmd("display-message", "-p", "-t", "cs", "#{alternate_on}"); err != nil || strings.TrimSpace(alt) != "0" {
		t.Errorf("alternate screen still on after quit (%q, %v)", alt, err)
	}
}
