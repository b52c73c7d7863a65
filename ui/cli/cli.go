// Package cli is callscope's command line: the scripted subcommands
// (calls, record, direct, pstn, info, version, help), the explorer's
// launcher and the config file they share. main hands it the arguments and
// exits with the status Main returns.
//
// The command table (commands.go) is the one place a command's name and
// synopsis are written; each command's file holds its options struct,
// whose flags method is the one place its flags are written. Usage text,
// `help CMD` and the search for the command word are made from them.
package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"syscall"
	"time"

	"github.com/callscope/callscope/model/export"
	"github.com/callscope/callscope/ui"
)

// Exit codes: scripts branch on these, so they never change meaning.
const (
	exitOK    = 0 // success, or stdout closed by the reader (| head)
	exitFail  = 1 // Graph, network, sign-in or output error
	exitUsage = 2 // bad command line: nothing was sent to Graph
)

// env is what a run reads and writes besides its options.
type env struct {
	keys   ui.KeyMap // the default key bindings; config.yaml's keys: apply on top
	stdin  io.Reader // the explorer's keyboard: must be a terminal
	stdout io.Writer // rows, records, summaries; the explorer's screen
	stderr io.Writer // errors and retries
}

// Main runs one command line (the arguments after the program name) and
// returns its exit status: 0 success, 1 a Graph, network, sign-in or
// output error, 2 bad usage, 128 + n when signal n stopped the run
// (SignalOf tells which). keys are the default key bindings.
func Main(args []string, keys ui.KeyMap, stdin io.Reader, stdout, stderr io.Writer) (code int) {
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
	c, o, err := parse(args, time.Now())
	if errors.Is(err, flag.ErrHelp) {
		if c.name == "" {
			fmt.Fprint(stdout, helpText())
		} else {
			printCommandHelp(stdout, c)
		}
		return exitOK
	}
	if err != nil {
		return exitCode(err, stderr)
	}
	// Every page written before a signal has already been flushed; a json
	// array cut short is left open, so it never parses as complete.
	return exitStatus(ctx, o.run(ctx, &env{keys: keys, stdin: stdin, stdout: stdout, stderr: stderr}), stderr)
}

// exitCode maps a run's error to the exit status and writes its message.
func exitCode(err error, stderr io.Writer) int {
	if err == nil {
		return exitOK
	}
	if ce, ok := isConfigError(err); ok { // config.yaml: config.go
		fmt.Fprintf(stderr, "callscope: %v\n", ce)
		return exitUsage
	}
	if ue, ok := isUsage(err); ok {
		printUsageError(stderr, ue)
		return exitUsage
	}
	// Only a failed write to stdout means the reader left; an EPIPE on the
	// connection to Graph is a network error like any other.
	var we *export.WriteError
	if errors.As(err, &we) && readerGone(we.Err) {
		return exitOK
	}
	fmt.Fprintf(stderr, "callscope: %v\n", err)
	return exitFail
}

// readerGone reports a closed stdout: EPIPE, which Go surfaces as an error
// once SIGPIPE is ignored (main does that).
func readerGone(err error) bool {
	return errors.Is(err, syscall.EPIPE) || errors.Is(err, os.ErrClosed)
}

// writeOutput writes text that is a command's output (stdout), so that a
// failed write is told apart from Graph's errors.
func writeOutput(w io.Writer, text string) error {
	if _, err := io.WriteString(w, text); err != nil {
		return &export.WriteError{Err: err}
	}
	return nil
}
