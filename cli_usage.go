package main

import (
	"errors"
	"fmt"
	"io"
	"strings"
)

// Exit codes: scripts branch on these, so they never change meaning.
const (
	exitOK    = 0 // success, or stdout closed by the reader (| head)
	exitFail  = 1 // Graph, network, sign-in or output error
	exitUsage = 2 // bad command line: nothing was sent to Graph
)

// usageError is a bad command line. cmd names the subcommand whose synopsis
// the hint line shows ("" for the explorer).
type usageError struct {
	cmd string
	msg string
}

func (e *usageError) Error() string { return e.msg }

// usagef builds a usageError for cmd.
func usagef(cmd, format string, args ...any) error {
	return &usageError{cmd: cmd, msg: fmt.Sprintf(format, args...)}
}

// synopses are the one-line usage hints, by subcommand ("" is the explorer).
var synopses = map[string]string{
	"":       "callscope [--demo | --graph-url URL] [--cloud NAME] [--utc] [--from T] [--to T] [--participant ID] [--view calls|direct|pstn]",
	"calls":  "callscope calls [--from T] [--to T] [--participant ID] [--limit N] [--output json|jsonl|csv]",
	"record": "callscope record ID [--output json]",
	"direct": "callscope direct [--from T] [--to T] [--failed] [--limit N] [--output json|jsonl|csv] | [--summary [--output text|json]]",
	"pstn":   "callscope pstn [--from T] [--to T] [--limit N] [--output json|jsonl|csv] | [--summary [--output text|json]]",
	"info":   "callscope info [--profile NAME | --no-config] [--demo | --graph-url URL] [--cloud NAME]",
	"help":   "callscope help [COMMAND]",
}

// printUsageError writes what is wrong, then the one-line hint.
func printUsageError(w io.Writer, err *usageError) {
	name := "callscope"
	if err.cmd != "" {
		name += " " + err.cmd
	}
	fmt.Fprintf(w, "%s: %s\nusage: %s  (see callscope help)\n", name, err.msg, synopses[err.cmd])
}

// helpText is what `callscope help` and -h print.
const helpText = `callscope explores Microsoft Teams call records through Microsoft Graph.

Usage:
  callscope [flags]                 open the explorer (calls, direct routing, PSTN)
  callscope calls [flags]           list call records
  callscope record ID [flags]       one call record with every session and segment
  callscope direct [flags]          Direct Routing call log (getDirectRoutingCalls)
  callscope pstn [flags]            PSTN call log (getPstnCalls)
  callscope info [flags]            config, state and log paths, settings, version, sign-in
  callscope help [COMMAND]          this text, or one command's flags

Connection flags (every command):
  --demo             use a built-in demo tenant on a loopback port; no sign-in
  --graph-url URL    Graph service root (default: the cloud's; plain http only for loopback)
  --cloud NAME       global, usgov, usgovdod or china (default global)

Config, logging and privacy (every command):
  --profile NAME     sign in with a profile of the config file
  --no-config        ignore the config file (also when it is malformed)
  --log-file PATH    append every Graph request to PATH as JSON lines (0600)
  --redact           mask names, UPNs and phone numbers in output and on screen

Explorer flags:
  --from T, --to T   calls and logs between these times
  --participant ID   calls with this participant: UPN, name start, object id or +phone
  --view NAME        first view: calls, direct or pstn
  --utc              show times in UTC instead of local time

Subcommand flags:
  --from T, --to T   time range; calls: none by default, direct/pstn: the last 24 h
  --participant ID   (calls) records with this participant
  --failed           (direct) only calls with successfulCall=false
  --summary          (direct, pstn) a summary of the range instead of rows:
                     direct: failures by SIP code and subcode, trunks (ASR/NER),
                     signaling locations; pstn: destinations, call types, licences.
                     --output text (default) or json
  --limit N          stop after N rows (0: no limit)
  --output FORMAT    json (one array, default), jsonl (one object a line) or csv

Times (T): RFC 3339 (2026-11-20T14:00:00Z), a date (2026-11-20, midnight UTC),
or relative to now: -2h, -3d, -1d12h, now, today, yesterday.
Flags may stand before or after a command's arguments.

Sign-in: CALLSCOPE_ACCESS_TOKEN, or AZURE_TENANT_ID/AZURE_CLIENT_ID with
AZURE_CLIENT_SECRET or AZURE_CLIENT_CERTIFICATE_PATH, managed identity, or az login.
The app needs the CallRecords.Read.All application permission (admin consent).

Exit status: 0 success, 1 Graph/network/sign-in error, 2 bad usage.
`

// printCommandHelp writes one command's synopsis and flags.
func printCommandHelp(w io.Writer, cmd string, flagsHelp string) {
	fmt.Fprintf(w, "usage: %s\n", synopses[cmd])
	if flagsHelp != "" {
		fmt.Fprintf(w, "\nflags:\n%s", flagsHelp)
	}
}

// flagError rewrites the flag package's wording into ours; its errors
// name the flag with one dash, the help shows two.
func flagError(cmd string, err error) error {
	msg := err.Error()
	switch {
	case strings.HasPrefix(msg, "flag provided but not defined: "):
		msg = "unknown flag -" + strings.TrimPrefix(msg, "flag provided but not defined: ")
	case strings.HasPrefix(msg, "flag needs an argument: "):
		msg = "flag -" + strings.TrimPrefix(msg, "flag needs an argument: ") + " needs a value"
	}
	// Anything else ("invalid value "x" for flag -limit: …") reads well enough.
	return usagef(cmd, "%s", msg)
}

// isUsage reports a usage error and returns it.
func isUsage(err error) (*usageError, bool) {
	var ue *usageError
	ok := errors.As(err, &ue)
	return ue, ok
}
