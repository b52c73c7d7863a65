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
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// run is the whole command line, callable from tests: it parses args,
// runs the command and returns the exit status.
func run(args []string, stdout, stderr io.Writer) (code int) {
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
		return exitCode(runExplorer(o, stderr), stderr)
	}
	// ctrl+c keeps its default (the process ends, status 130): every page
	// written so far has already been flushed.
	return exitCode(runSubcommand(context.Background(), o, stdout, stderr), stderr)
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
