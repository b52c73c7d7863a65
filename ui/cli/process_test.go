package cli

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"strings"
	"syscall"
	"testing"
	"time"
)

// childArgsEnv carries the command line of a CLI run in a process of its
// own (startSyncProcess), its arguments one a line.
const childArgsEnv = "CALLSCOPE_CLI_CHILD_ARGS"

// TestCLIChildProcess is no test of its own: started by startSyncProcess
// with childArgsEnv set, it runs that command line as `callscope` does,
// unpaced as the in-process sync tests are, and exits with its status.
func TestCLIChildProcess(t *testing.T) {
	args := os.Getenv(childArgsEnv)
	if args == "" {
		return
	}
	clientLimits = fastLimits
	os.Exit(runWith(strings.Split(args, "\n"), os.Stdout, os.Stderr))
}

// childProcess is a CLI run in a process of its own.
type childProcess struct {
	cmd            *exec.Cmd
	stdout, stderr bytes.Buffer
	done           chan struct{}
	err            error
}

// startSyncProcess starts args (a sync) in a new process: this test
// binary run again with only TestCLIChildProcess. It inherits the
// environment, so the fake's token and the test's XDG folders.
func startSyncProcess(t *testing.T, args []string) *childProcess {
	t.Helper()
	c := &childProcess{done: make(chan struct{})}
	c.cmd = exec.Command(os.Args[0], "-test.run=^TestCLIChildProcess$", "-test.count=1")
	c.cmd.Env = append(os.Environ(), childArgsEnv+"="+strings.Join(args, "\n"))
	c.cmd.Stdout, c.cmd.Stderr = &c.stdout, &c.stderr
	if err := c.cmd.Start(); err != nil {
		t.Fatalf("start the sync process: %v", err)
	}
	go func() { c.err = c.cmd.Wait(); close(c.done) }()
	t.Cleanup(func() {
		c.kill()
		<-c.done
	})
	return c
}

// kill ends the process with SIGKILL: no handler, no cleanup, as a
// crash or `kill -9` ends it.
func (c *childProcess) kill() {
	select {
	case <-c.done:
	default:
		_ = c.cmd.Process.Signal(syscall.SIGKILL)
	}
}

// wait waits for the process to end and returns its exit status (-1 when
// a signal ended it) and its stderr.
func (c *childProcess) wait(t *testing.T) (code int, stderr string) {
	t.Helper()
	select {
	case <-c.done:
	case <-time.After(shareGuard):
		c.kill()
		<-c.done
		t.Fatalf("the sync process ran for over %v; stderr %q", shareGuard, c.stderr.String())
	}
	var exit *exec.ExitError
	if c.err != nil && !errors.As(c.err, &exit) {
		t.Fatalf("the sync process: %v", c.err)
	}
	return c.cmd.ProcessState.ExitCode(), c.stderr.String()
}

// signal is the signal that ended the process, if one did.
func (c *childProcess) signal() syscall.Signal {
	if ws, ok := c.cmd.ProcessState.Sys().(syscall.WaitStatus); ok && ws.Signaled() {
		return ws.Signal()
	}
	return 0
}
