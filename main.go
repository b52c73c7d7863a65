// Command callscope explores Microsoft Teams call records through Microsoft
// Graph: a keyboard-driven explorer for support engineers, and scripted
// subcommands (calls, record, direct, pstn) that stream JSON, JSON Lines or
// CSV for jq and spreadsheets.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
	"time"
)

func main() {
	// With SIGPIPE ignored a write to a closed stdout (| head) returns
	// EPIPE, which run turns into a quiet exit 0 instead of a signal death.
	signal.Ignore(syscall.SIGPIPE)
	code := run(os.Args[1:], os.Stdout, os.Stderr)
	if sig := signalOf(code); sig != nil {
		// The run was stopped by a signal and has cleaned up (the terminal
		// is the shell's again). Die of that signal, as a shell expects of
		// a program it interrupted: a script looping over callscope stops
		// on ctrl+c only when its child was killed by SIGINT, not when it
		// exited 130. The kernel may hand the signal to another thread, so
		// wait for it rather than race it to exit; should it not end the
		// process, the status says the same: 128 + the signal's number.
		signal.Reset(sig)
		if self, err := os.FindProcess(os.Getpid()); err == nil && self.Signal(sig) == nil {
			time.Sleep(time.Second)
		}
	}
	os.Exit(code)
}

// run is the whole command line, callable from tests: it parses args,
// runs the command and returns the exit status.
func run(args []string, stdout, stderr io.Writer) (code int) {
	// SIGHUP, SIGTERM and SIGINT cancel ctx: the explorer gives the
	// terminal back and a scripted command abandons its request, then the
	// status is 128 + the signal's number. Registered first, so it runs
	// last and a signal's status wins over anything the run returned.
	ctx, stopSignals := watchSignals(context.Background())
	defer func() {
		if sig := stopSignals(); sig != nil {
			code = signalStatus[sig]
		}
	}()
	defer func() {
		if r := recover(); r != nil {
			fmt.Fprintf(stderr, "callscope: internal error: %v\n", r)
			code = exitFail
		}
	}()
	o, err := parseArgs(args, time.Now())
	if errors.Is(err, flag.ErrHelp) {
		if o.cmd == "" {
			fmt.Fprint(stdout, helpText)
			return exitOK
		}
		printCommandHelp(stdout, o.cmd, flagsHelp(newFlagSet(o.cmd, &options{})))
		return exitOK
	}
	if err != nil {
		return exitCode(err, stderr)
	}
	switch o.cmd {
	case "help":
		return help(args, stdout, stderr)
	case "":
		return exitStatus(ctx, runExplorer(ctx, o, stderr), stderr)
	}
	// Every page written before a signal has already been flushed; a json
	// array cut short is left open, so it never parses as complete.
	return exitStatus(ctx, runSubcommand(ctx, o, stdout, stderr), stderr)
}

// Exit statuses of a run stopped by a signal: 128 + the signal's number, as
// a shell reports a process the signal killed.
var signalStatus = map[os.Signal]int{
	syscall.SIGHUP:  128 + int(syscall.SIGHUP),  // 129: the terminal went away
	syscall.SIGINT:  128 + int(syscall.SIGINT),  // 130: kill -INT (ctrl+c in the explorer is a key: exit 0)
	syscall.SIGTERM: 128 + int(syscall.SIGTERM), // 143: kill, systemd, timeout(1)
}

// signalOf is the signal that stopped a run ending with status, or nil.
func signalOf(status int) os.Signal {
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

// help prints the command list, or one command's flags for `help CMD`.
func help(args []string, stdout, stderr io.Writer) int {
	_, rest := splitCommand(args)
	topic, _ := splitCommand(rest)
	switch topic {
	case "":
		fmt.Fprint(stdout, helpText)
		return exitOK
	case "calls", "record", "direct", "pstn", "info":
		printCommandHelp(stdout, topic, flagsHelp(newFlagSet(topic, &options{})))
		return exitOK
	}
	return exitCode(usagef("help", "no help for %q (commands: calls, record, direct, pstn, info)", topic), stderr)
}
