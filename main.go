// Command callscope explores Microsoft Teams call records through Microsoft
// Graph: a keyboard-driven explorer for support engineers, and scripted
// subcommands (calls, record, direct, pstn) that stream JSON, JSON Lines or
// CSV for jq and spreadsheets. The command line is ui/cli's; main only
// wires the process to it.
package main

import (
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/callscope/callscope/ui/cli"
)

func main() {
	// With SIGPIPE ignored a write to a closed stdout (| head) returns
	// EPIPE, which the run turns into a quiet exit 0 instead of a signal death.
	signal.Ignore(syscall.SIGPIPE)
	code := cli.Main(os.Args[1:], defaultKeyMap(), os.Stdin, os.Stdout, os.Stderr)
	if sig := cli.SignalOf(code); sig != nil {
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
