package cli

import (
	"context"
	"errors"
	"io"
	"os"
	"os/signal"
	"syscall"
)

// Exit statuses of a run stopped by a signal: 128 + the signal's number, as
// a shell reports a process the signal killed.
var signalStatus = map[os.Signal]int{
	syscall.SIGHUP:  128 + int(syscall.SIGHUP),  // 129: the terminal went away
	syscall.SIGINT:  128 + int(syscall.SIGINT),  // 130: kill -INT (ctrl+c in the explorer is a key: exit 0)
	syscall.SIGTERM: 128 + int(syscall.SIGTERM), // 143: kill, systemd, timeout(1)
}

// SignalOf is the signal that stopped a run Main ended with status, or nil.
// The run has cleaned up (the terminal is the shell's again); the process
// should now die of that signal, as a shell expects of a program it
// interrupted.
func SignalOf(status int) os.Signal {
	for sig, code := range signalStatus {
		if code == status {
			return sig
		}
	}
	return nil
}

// signalError is the cause of a run's context when a signal stopped it.
type signalError struct{ sig os.Signal }

func (e *signalError) Error() string { return "stopped by " + e.sig.String() }

// watchSignals returns a context that the first SIGHUP, SIGTERM or SIGINT
// cancels, with a *signalError as its cause, and a stop function that ends
// the watch and reports the signal that came (nil for none). After the
// first signal the default action is back, so a second one ends a run that
// is slow to stop. A signal ignored when callscope started (nohup, a
// background job of a script) stays ignored.
func watchSignals(parent context.Context) (context.Context, func() os.Signal) {
	ctx, cancel := context.WithCancelCause(parent)
	var watched []os.Signal
	for _, sig := range []os.Signal{syscall.SIGHUP, syscall.SIGINT, syscall.SIGTERM} {
		if !signal.Ignored(sig) {
			watched = append(watched, sig)
		}
	}
	ch := make(chan os.Signal, 1)
	if len(watched) > 0 { // Notify with no signal would relay every signal
		signal.Notify(ch, watched...)
	}
	var got os.Signal // written by the goroutine before exited closes
	done, exited := make(chan struct{}), make(chan struct{})
	go func() {
		defer close(exited)
		select {
		case got = <-ch:
			signal.Stop(ch)
			cancel(&signalError{sig: got})
		case <-done:
		}
	}()
	return ctx, func() os.Signal {
		signal.Stop(ch)
		close(done)
		<-exited
		if got == nil {
			select { // one that came as the watch ended
			case got = <-ch:
			default:
			}
		}
		cancel(nil)
		return got
	}
}

// exitStatus is exitCode for a run's error, except that a run a signal
// stopped ends without a message: the error is only the cancellation.
func exitStatus(ctx context.Context, err error, stderr io.Writer) int {
	var se *signalError
	if errors.As(context.Cause(ctx), &se) {
		return signalStatus[se.sig]
	}
	return exitCode(err, stderr)
}
