package cli

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"strings"
	"syscall"
	"testing"
	"time"
)

// signalTimeout is how long a signal may take to arrive; generous for a
// loaded machine running -race.
const signalTimeout = 20 * time.Second

// TestWatchSignalsCancelsAndReports: the first signal cancels the run's
// context with the signal as its cause, the run then ends with 128 + its
// number and without printing the cancellation as an error.
func TestWatchSignalsCancelsAndReports(t *testing.T) {
	ctx, stop := watchSignals(context.Background())
	self, err := os.FindProcess(os.Getpid())
	if err != nil {
		t.Fatal(err)
	}
	if err := self.Signal(syscall.SIGTERM); err != nil { // caught: the watch is on
		stop()
		t.Fatal(err)
	}
	select {
	case <-ctx.Done():
	case <-time.After(signalTimeout):
		stop()
		t.Fatal("SIGTERM did not cancel the context")
	}
	var errb bytes.Buffer
	if code := exitStatus(ctx, fmt.Errorf("list call records: %w", ctx.Err()), &errb); code != 143 || errb.Len() != 0 {
		t.Errorf("exit %d, stderr %q; want a quiet 143", code, errb.String())
	}
	if sig := stop(); sig != syscall.SIGTERM {
		t.Errorf("stop reported %v, want SIGTERM", sig)
	}

	// Without a signal nothing is reported and errors print as before.
	ctx, stop = watchSignals(context.Background())
	if sig := stop(); sig != nil {
		t.Errorf("stop reported %v with no signal sent", sig)
	}
	errb.Reset()
	if code := exitStatus(ctx, errors.New("boom"), &errb); code != exitFail || !strings.Contains(errb.String(), "boom") {
		t.Errorf("exit %d, stderr %q; want 1 and the error", code, errb.String())
	}
}

// SignalOf names the signal behind each signal status, and nothing else.
func TestSignalOfReadsTheStatus(t *testing.T) {
	for sig, code := range map[syscall.Signal]int{syscall.SIGHUP: 129, syscall.SIGINT: 130, syscall.SIGTERM: 143} {
		if got := SignalOf(code); got != sig {
			t.Errorf("SignalOf(%d) = %v, want %v", code, got, sig)
		}
	}
	for _, code := range []int{exitOK, exitFail, exitUsage, 128, 137} {
		if got := SignalOf(code); got != nil {
			t.Errorf("SignalOf(%d) = %v, want none", code, got)
		}
	}
}
