package main

import (
	"bytes"
	"encoding/json"
	"maps"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"strconv"
	"strings"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/callscope/callscope/graphclient"
	"github.com/callscope/callscope/graphclient/fakegraph"
)

// exitOK is a normal end: ui/cli's status for success.
const exitOK = 0

// tmuxTimeout is how long any one expected screen may take to appear; a
// loaded CI machine building with -race is slow, so it is generous.
const tmuxTimeout = 20 * time.Second

// tmuxSession drives the real binary in a detached tmux session of fixed
// size on a private socket, so a user's own tmux server is never touched.
type tmuxSession struct {
	t       *testing.T
	tmux    string
	socket  string
	pidFile string // the callscope process's id, written before it starts
	rcFile  string // its exit status as the shell reports it, written after
}

// tmuxCommand finds tmux for a real-terminal test. These tests build the
// binary, so -short skips them; otherwise a missing tmux fails the test:
// CI installs it (.ci/run), and a skipped test would prove nothing.
func tmuxCommand(t *testing.T) string {
	t.Helper()
	if testing.Short() {
		t.Skip("builds the binary and drives it in tmux; skipped with -short")
	}
	tmux, err := exec.LookPath("tmux")
	if err != nil {
		t.Fatal("tmux is not installed; the real-terminal tests need it (or run go test -short)")
	}
	return tmux
}

// buildCallscope builds the command into a temporary directory.
func buildCallscope(t *testing.T) string {
	t.Helper()
	tmuxCommand(t) // the same -short rule for every test that builds
	goBin, err := exec.LookPath("go")
	if err != nil {
		t.Fatal("the go command is not on PATH")
	}
	bin := filepath.Join(t.TempDir(), "callscope")
	if out, err := exec.Command(goBin, "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// shellQuote makes s one word for sh.
func shellQuote(s string) string { return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'" }

// startInTmux runs bin with args in a new tmux server at 120x30, with a
// private home and config, and env added to its environment. The shell
// stays after the program exits and prints "callscope-exited-<status>", so
// the pane can be checked afterwards.
func startInTmux(t *testing.T, bin string, env []string, args ...string) *tmuxSession {
	t.Helper()
	dir := t.TempDir()
	s := &tmuxSession{t: t, tmux: tmuxCommand(t), socket: filepath.Join(dir, "tmux.sock"),
		pidFile: filepath.Join(dir, "pid"), rcFile: filepath.Join(dir, "rc")}
	t.Cleanup(func() { _, _ = s.cmd("kill-server") })
	argv := []string{shellQuote(bin)}
	for _, a := range args {
		argv = append(argv, shellQuote(a))
	}
	// The inner shell writes its own id and becomes callscope (exec), so
	// the id is the program's and it runs in the foreground of the pane.
	inner := "echo $$ > " + shellQuote(s.pidFile) + "; exec " + strings.Join(argv, " ")
	script := "sh -c " + shellQuote(inner) + "; rc=$?; echo $rc > " + shellQuote(s.rcFile) +
		"; echo callscope-exited-$rc; sleep 60"
	newSession := []string{"-f", os.DevNull, "new-session", "-d", "-s", "cs", "-x", "120", "-y", "30",
		"-e", "TERM=xterm-256color", "-e", "HOME=" + dir,
		"-e", "XDG_CONFIG_HOME=" + filepath.Join(dir, "config"), "-e", "XDG_STATE_HOME=" + filepath.Join(dir, "state")}
	for _, e := range env {
		newSession = append(newSession, "-e", e)
	}
	if out, err := s.cmd(append(newSession, "sh", "-c", script)...); err != nil {
		t.Fatalf("tmux new-session: %v: %s", err, out)
	}
	return s
}

// readWhenWritten waits for path to hold a line and returns it.
func (s *tmuxSession) readWhenWritten(path, what string) string {
	s.t.Helper()
	deadline := time.Now().Add(tmuxTimeout)
	for {
		b, err := os.ReadFile(path)
		if err == nil && strings.HasSuffix(string(b), "\n") {
			return strings.TrimSpace(string(b))
		}
		if time.Now().After(deadline) {
			s.t.Fatalf("waited %s for %s; the screen shows:\n%s", tmuxTimeout, what, s.capture())
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// signal sends sig to the callscope process (not to tmux or the shell).
func (s *tmuxSession) signal(sig os.Signal) {
	s.t.Helper()
	pid, err := strconv.Atoi(s.readWhenWritten(s.pidFile, "the program's process id"))
	if err != nil {
		s.t.Fatal(err)
	}
	p, err := os.FindProcess(pid)
	if err == nil {
		err = p.Signal(sig)
	}
	if err != nil {
		s.t.Fatalf("send %v to %d: %v", sig, pid, err)
	}
}

// exitStatus waits for the program to end and returns its status as the
// shell reports it ($?: 128 + n for a process killed by signal n).
func (s *tmuxSession) exitStatus() int {
	s.t.Helper()
	rc, err := strconv.Atoi(s.readWhenWritten(s.rcFile, "the program to exit"))
	if err != nil {
		s.t.Fatal(err)
	}
	return rc
}

// assertRestored checks that the program gave the terminal back: the
// alternate screen is off and the cursor is visible.
func (s *tmuxSession) assertRestored() {
	s.t.Helper()
	out, err := s.cmd("display-message", "-p", "-t", "cs", "#{alternate_on} #{cursor_flag}")
	if err != nil {
		s.t.Fatalf("display-message: %v: %s", err, out)
	}
	alt, cursor, _ := strings.Cut(strings.TrimSpace(out), " ")
	if alt != "0" {
		s.t.Errorf("the alternate screen is still on after exit (alternate_on %q)", alt)
	}
	if cursor != "1" {
		s.t.Errorf("the cursor is still hidden after exit (cursor_flag %q)", cursor)
	}
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
// the calls list appears with its newest window (about a page and a half,
// never the whole month), scrolling near its end loads the next older one,
// enter opens a record, esc comes back, q quits and the terminal is the
// shell's again (the alternate screen is gone).
func TestExplorerInARealTerminal(t *testing.T) {
	s := startInTmux(t, buildCallscope(t), nil, "--demo")

	s.waitFor("the calls list with rows", func(sc string) bool {
		return strings.Contains(sc, "Calls") && loadedCount(sc) > 0
	})
	first := loadedCount(s.capture())
	if first > 200 || !strings.Contains(s.capture(), "loaded · more") {
		t.Fatalf("%d rows loaded before any scrolling; want the newest window, with more to come", first)
	}
	s.keys("j", "j", "j")
	grown := false
	for i := 0; i < 30 && !grown; i++ {
		s.keys("NPage")
		deadline := time.Now().Add(2 * time.Second)
		for time.Now().Before(deadline) {
			if loadedCount(s.capture()) > first {
				grown = true
				break
			}
			time.Sleep(100 * time.Millisecond)
		}
	}
	if !grown {
		t.Fatalf("scrolling did not load an older window; the screen shows:\n%s", s.capture())
	}

	s.keys("Enter")
	s.waitFor("the record's summary", func(sc string) bool {
		return strings.Contains(sc, "Calls › Call")
	})
	s.keys("Escape")
	s.waitFor("the calls list again", func(sc string) bool {
		return !strings.Contains(sc, "Calls › Call") && strings.Contains(sc, "Calls") && loadedCount(sc) > first
	})
	s.keys("q")
	if rc := s.exitStatus(); rc != exitOK {
		t.Errorf("q: exit status %d, want 0", rc)
	}
	s.assertRestored()
}

// silentGraph is a Graph service that takes requests and never answers
// while the test runs: the explorer stays on its loading screen.
func silentGraph(t *testing.T) string {
	t.Helper()
	release := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-r.Context().Done():
		case <-release:
		}
	}))
	t.Cleanup(srv.Close)
	t.Cleanup(func() { close(release) }) // runs first: Close waits for handlers
	return srv.URL + "/v1.0"
}

// explorerState brings the explorer to one state a signal can find it in.
type explorerState struct {
	name  string
	start func(t *testing.T, bin string) *tmuxSession
}

// demoLoaded starts the demo and waits for its first rows.
func demoLoaded(t *testing.T, bin string) *tmuxSession {
	s := startInTmux(t, bin, nil, "--demo")
	s.waitFor("the calls list with rows", func(sc string) bool { return loadedCount(sc) > 0 })
	return s
}

var explorerStates = []explorerState{
	{"loading", func(t *testing.T, bin string) *tmuxSession {
		s := startInTmux(t, bin, []string{graphclient.AccessTokenEnv + "=test-token"}, "--graph-url", silentGraph(t))
		s.waitFor("the loading screen", func(sc string) bool { return strings.Contains(sc, "Loading call records") })
		return s
	}},
	{"prompt", func(t *testing.T, bin string) *tmuxSession {
		s := demoLoaded(t, bin)
		s.keys(":")
		s.waitFor("the command prompt", func(sc string) bool { return strings.Contains(sc, "esc cancels") })
		return s
	}},
	{"help", func(t *testing.T, bin string) *tmuxSession {
		s := demoLoaded(t, bin)
		s.keys("?")
		s.waitFor("the help overlay", func(sc string) bool { return strings.Contains(sc, "any key closes") })
		return s
	}},
}

// signalRestoresTheTerminal sends sig to the explorer in every state and
// checks the exit status (128 + the signal's number) and the terminal.
func signalRestoresTheTerminal(t *testing.T, sig syscall.Signal) {
	bin := buildCallscope(t)
	for _, st := range explorerStates {
		t.Run(st.name, func(t *testing.T) {
			t.Parallel()
			s := st.start(t, bin)
			s.signal(sig)
			if rc, want := s.exitStatus(), 128+int(sig); rc != want {
				t.Errorf("%v while %s: exit status %d, want %d", sig, st.name, rc, want)
			}
			s.assertRestored()
		})
	}
}

// The terminal closing (SIGHUP) must not leave a broken screen for the
// next program, nor a status that claims success.
func TestSIGHUPRestoresTheTerminal(t *testing.T) { signalRestoresTheTerminal(t, syscall.SIGHUP) }

// kill, timeout(1) and systemd send SIGTERM: 143, not Bubble Tea's quiet 0.
func TestSIGTERMRestoresTheTerminal(t *testing.T) { signalRestoresTheTerminal(t, syscall.SIGTERM) }

// kill -INT from outside: 130, not exit 1, which means a Graph error.
func TestSIGINTRestoresTheTerminal(t *testing.T) { signalRestoresTheTerminal(t, syscall.SIGINT) }

// TestCtrlCTypedIsANormalQuit: ctrl+c typed in the explorer is a key, not
// a signal (the terminal is in raw mode): a normal quit with status 0.
func TestCtrlCTypedIsANormalQuit(t *testing.T) {
	s := demoLoaded(t, buildCallscope(t))
	s.keys(":")
	s.waitFor("the command prompt", func(sc string) bool { return strings.Contains(sc, "esc cancels") })
	s.keys("C-c")
	if rc := s.exitStatus(); rc != exitOK {
		t.Errorf("ctrl+c: exit status %d, want 0", rc)
	}
	s.assertRestored()
}

// TestSignalsStopScriptedCommands: a scripted command that gets SIGHUP,
// SIGINT or SIGTERM while waiting for a window stops, keeps the rows already
// written, prints no error of its own making and dies of the signal, so
// the shell reports 128 + n and a script looping over it stops too.
func TestSignalsStopScriptedCommands(t *testing.T) {
	bin := buildCallscope(t)
	for _, sig := range []syscall.Signal{syscall.SIGHUP, syscall.SIGINT, syscall.SIGTERM} {
		t.Run(sig.String(), func(t *testing.T) {
			waiting := make(chan struct{}, 1)
			var requests, served atomic.Int32
			demo := fakegraph.New(fakegraph.DemoTenant(time.Now()), fakegraph.Options{Token: "test-token"})
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				// The whole-range try (its rows are not written: the month
				// is more than a page), then windows until one held rows.
				if requests.Add(1) == 1 || served.Load() == 0 {
					rec := httptest.NewRecorder()
					demo.ServeHTTP(rec, r)
					var page struct{ Value []json.RawMessage }
					if requests.Load() > 1 && json.Unmarshal(rec.Body.Bytes(), &page) == nil {
						served.Add(int32(len(page.Value)))
					}
					maps.Copy(w.Header(), rec.Header())
					w.WriteHeader(rec.Code)
					_, _ = w.Write(rec.Body.Bytes())
					return
				}
				// The next window never comes while the test runs.
				select {
				case waiting <- struct{}{}:
				default:
				}
				<-r.Context().Done()
			}))
			t.Cleanup(srv.Close)
			home := t.TempDir()
			cmd := exec.Command(bin, "calls", "--graph-url", srv.URL+"/v1.0", "--output", "jsonl")
			cmd.Env = append(os.Environ(), "HOME="+home, "XDG_CONFIG_HOME="+filepath.Join(home, "config"),
				graphclient.AccessTokenEnv+"=test-token")
			var out, errb bytes.Buffer
			cmd.Stdout, cmd.Stderr = &out, &errb
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			select {
			case <-waiting:
			case <-time.After(tmuxTimeout):
				_ = cmd.Process.Kill()
				t.Fatalf("the second page was never asked for; stderr %q", errb.String())
			}
			if err := cmd.Process.Signal(sig); err != nil {
				t.Fatal(err)
			}
			_ = cmd.Wait()
			ws, ok := cmd.ProcessState.Sys().(syscall.WaitStatus)
			if !ok || !ws.Signaled() || ws.Signal() != sig {
				t.Errorf("%v: ended with %v, want death by the signal (status 128+%d)", sig, cmd.ProcessState, int(sig))
			}
			if n := strings.Count(out.String(), "\n"); n == 0 || n != int(served.Load()) {
				t.Errorf("%v: %d rows on stdout, want the newest window's %d", sig, n, served.Load())
			}
			if errb.Len() != 0 {
				t.Errorf("%v: stderr %q, want nothing", sig, errb.String())
			}
		})
	}
}

// TestVersionOfTheBuiltBinary: --version and the version command print the
// one line that names the build, and exit 0.
func TestVersionOfTheBuiltBinary(t *testing.T) {
	bin := buildCallscope(t)
	for _, args := range [][]string{{"--version"}, {"version"}} {
		out, err := exec.Command(bin, args...).Output()
		line := string(out)
		if err != nil || !strings.HasPrefix(line, "callscope ") || !strings.HasSuffix(line, " "+runtime.Version()+" "+runtime.GOOS+"/"+runtime.GOARCH+"\n") ||
			strings.Count(line, "\n") != 1 {
			t.Errorf("%v: %q (%v)", args, line, err)
		}
	}
}

// cursorRow is the list row the cursor mark ("›") is on, from 0, or -1.
func cursorRow(screen string) int {
	lines := strings.Split(screen, "\n")
	for i, l := range lines {
		if strings.HasPrefix(l, "›") {
			return i - 2 // under the breadcrumb and the column header
		}
	}
	return -1
}

// TestKeysInOneWriteAreNotLost: five j written to the terminal at once
// (a held key, a lagging link) move the cursor five rows, as five presses.
func TestKeysInOneWriteAreNotLost(t *testing.T) {
	s := demoLoaded(t, buildCallscope(t))
	if row := cursorRow(s.capture()); row != 0 {
		t.Fatalf("cursor starts on row %d", row)
	}
	s.keys("-l", "jjjjj") // one literal string: one write to the pty
	s.waitFor("the cursor on row 6", func(sc string) bool { return cursorRow(sc) == 5 })
	s.keys("q")
	if rc := s.exitStatus(); rc != exitOK {
		t.Fatalf("exit status %d", rc)
	}
}
