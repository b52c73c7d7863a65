package cli

import (
	"flag"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/callscope/callscope/graphclient/fakegraph"
)

func TestUsageErrorsExitTwoBeforeAnyRequest(t *testing.T) {
	useZone(t, time.UTC) // calendar words read in UTC, whatever the machine's zone
	f := startFake(t, testTenant(3, 3, time.Now()), fakegraph.Faults{}, nil)
	g := []string{"--graph-url", f.root}
	cases := []struct {
		name string
		args []string
		want string // in stderr, besides the usage line
	}{
		{"unparseable date", append([]string{"calls", "--from", "last tuesday"}, g...), `--from "last tuesday": not a date or time`},
		{"from not before to", append([]string{"direct", "--from", "now", "--to", "-1h"}, g...), "must be before"},
		{"equal bounds", append([]string{"calls", "--from", "2026-11-20", "--to", "2026-11-20T00:00:00Z"}, g...), "must be before"},
		{"unknown flag", append([]string{"calls", "--bogus"}, g...), "unknown flag --bogus"},
		{"flag of another command", append([]string{"calls", "--failed"}, g...), "unknown flag --failed"},
		{"flag without value", append(slices.Clone(g), "calls", "--from"), "flag --from needs a value"},
		{"unknown subcommand", append([]string{"frobnicate"}, g...), `unknown command "frobnicate"`},
		{"pstn --failed", append([]string{"pstn", "--failed"}, g...), "PSTN rows carry no outcome field"},
		{"pstn over 90 days", append([]string{"pstn", "--from", "-100d"}, g...), "90 days"},
		{"missing id", append([]string{"record"}, g...), "missing call record id"},
		{"two ids", append([]string{"record", "a", "b"}, g...), `unexpected argument "b"`},
		{"stray argument", append([]string{"calls", "extra"}, g...), `unexpected argument "extra"`},
		{"bad output", append([]string{"calls", "--output", "xml"}, g...), `--output "xml"`},
		{"record as csv", append([]string{"record", "x", "--output", "csv"}, g...), "json only"},
		{"negative limit", append([]string{"calls", "--limit", "-1"}, g...), "--limit -1"},
		{"bad limit", append([]string{"calls", "--limit", "ten"}, g...), `--limit: "ten" is not a whole number`},
		{"fractional limit", append([]string{"direct", "--limit", "2.5"}, g...), `--limit: "2.5" is not a whole number`},
		{"huge limit", append([]string{"pstn", "--limit", "99999999999999999999"}, g...), `--limit: "99999999999999999999" is too large`},
		{"switch with a value", append([]string{"calls", "--demo=maybe"}, g...), `--demo: "maybe" is not true or false`},
		{"bad sip filter", append([]string{"direct", "--sip", "99"}, g...), `--sip: "99" is not a SIP code`},
		{"empty user filter", append([]string{"direct", "--user", " "}, g...), "--user: user is empty"},
		{"trunk with a space", append([]string{"direct", "--trunk", "a b"}, g...), "a trunk FQDN has no spaces"},
		{"number without digits", append([]string{"direct", "--number", "alice"}, g...), `--number: "alice" is not a phone number`},
		{"pstn --trunk", append([]string{"pstn", "--trunk", "sbc"}, g...), "PSTN rows carry no trunk"},
		{"pstn --sip", append([]string{"pstn", "--sip", "403"}, g...), "PSTN rows carry no SIP code"},
		{"unknown cloud", append([]string{"calls", "--cloud", "mars"}, g...), `unknown cloud "mars"`},
		{"control character in participant", append([]string{"calls", "--participant", "a\x00b"}, g...), "control character"},
		{"foreign plain-http graph url", []string{"calls", "--graph-url", "http://example.com/v1.0"}, "plain http is allowed only for loopback"},
		{"not a url", []string{"record", "x", "--graph-url", "graph"}, "absolute http(s) URL"},
		{"demo with graph url", append([]string{"calls", "--demo"}, g...), "drop --graph-url"},
		{"explorer bad view", append([]string{"--view", "sms"}, g...), `--view "sms"`},
		{"help for nothing", []string{"help", "frobnicate"}, `no help for "frobnicate"`},
		// Ids that cannot be a Graph key, refused before anything is sent.
		{"record id with a space", append([]string{"record", "a b"}, g...), "contains a space"},
		{"record id with dot-dot", append([]string{"record", "../users"}, g...), "not a call record id"},
		{"record id with an escape", append([]string{"record", "a\x1b]0;x\x07"}, g...), `"a\x1b]0;x\a" contains a control character`},
		{"record id with a query", append([]string{"record", "a?$expand=x"}, g...), `contains '?'`},
		{"record id too long", append([]string{"record", strings.Repeat("a", 201)}, g...), "longer than 200 characters"},
		// Service roots Graph cannot have.
		{"graph url with a query", []string{"calls", "--graph-url", f.root + "?x=1"}, "no query or fragment"},
		{"graph url with a fragment", []string{"record", "x", "--graph-url", f.root + "#top"}, "no query or fragment"},
		{"graph url with a bad port", []string{"direct", "--graph-url", "http://127.0.0.1:99999/v1.0"}, "port must be a number from 1 to 65535"},
		{"empty graph url", []string{"calls", "--graph-url", ""}, "--graph-url is empty"},
		{"empty graph url for info", []string{"info", "--no-config", "--graph-url", " "}, "--graph-url is empty"},
		{"explorer graph url with a query", []string{"--graph-url", f.root + "?x"}, "no query or fragment"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			f.srv.ResetRequests()
			r := runCLI(t, tc.args...)
			if r.code != exitUsage {
				t.Fatalf("exit %d, want 2; stderr %q", r.code, r.stderr)
			}
			if !strings.Contains(r.stderr, tc.want) {
				t.Errorf("stderr %q, want it to say %q", r.stderr, tc.want)
			}
			if !strings.Contains(r.stderr, "\nusage: callscope") {
				t.Errorf("stderr %q: want a one-line usage hint", r.stderr)
			}
			if r.stdout != "" {
				t.Errorf("stdout %q, want nothing", r.stdout)
			}
			if n := len(f.srv.Requests()); n != 0 {
				t.Errorf("%d requests sent on a usage error", n)
			}
		})
	}
}

func TestHelpPrintsCommandsAndExitsZero(t *testing.T) {
	for _, args := range [][]string{{"help"}, {"-h"}, {"--help"}, {"--demo", "-h"}} {
		r := runCLI(t, args...)
		if r.code != exitOK || r.stderr != "" {
			t.Fatalf("%v: exit %d, stderr %q", args, r.code, r.stderr)
		}
		for _, cmd := range []string{"callscope calls", "callscope record ID", "callscope direct", "callscope pstn"} {
			if !strings.Contains(r.stdout, cmd) {
				t.Errorf("%v: help lacks %q", args, cmd)
			}
		}
	}
	for _, args := range [][]string{{"help", "direct"}, {"direct", "-h"}, {"direct", "--help"}} {
		r := runCLI(t, args...)
		if r.code != exitOK || !strings.Contains(r.stdout, "usage: callscope direct") ||
			!strings.Contains(r.stdout, "--failed") || strings.Contains(r.stdout, "--participant") {
			t.Errorf("%v: exit %d, stdout %q", args, r.code, r.stdout)
		}
	}
	if r := runCLI(t, "help", "pstn"); strings.Contains(r.stdout, "--failed") {
		t.Errorf("pstn help offers --failed:\n%s", r.stdout)
	}
}

func TestSplitCommandSkipsFlagValues(t *testing.T) {
	cases := []struct {
		args []string
		cmd  string
		rest []string
	}{
		{nil, "", nil},
		{[]string{"--demo"}, "", []string{"--demo"}},
		{[]string{"calls", "--demo"}, "calls", []string{"--demo"}},
		{[]string{"--cloud", "usgov", "calls"}, "calls", []string{"--cloud", "usgov"}},
		{[]string{"--cloud=usgov", "pstn", "-x"}, "pstn", []string{"--cloud=usgov", "-x"}},
		{[]string{"-from", "-2h", "direct"}, "direct", []string{"-from", "-2h"}},
		{[]string{"--", "calls"}, "", []string{"--", "calls"}},
		{[]string{"--participant", "calls", "record", "id"}, "record", []string{"--participant", "calls", "id"}},
	}
	for _, tc := range cases {
		cmd, rest := splitCommand(tc.args)
		if cmd != tc.cmd || !slices.Equal(rest, tc.rest) {
			t.Errorf("splitCommand(%q) = %q %q, want %q %q", tc.args, cmd, rest, tc.cmd, tc.rest)
		}
	}
}

func TestParseInterleavedTakesFlagsAroundPositionals(t *testing.T) {
	fs := flag.NewFlagSet("t", flag.ContinueOnError)
	out := fs.String("output", "", "")
	demo := fs.Bool("demo", false, "")
	pos, err := parseInterleaved(fs, []string{"--demo", "id-1", "--output", "json", "id-2", "--", "--not-a-flag"})
	if err != nil {
		t.Fatal(err)
	}
	if !*demo || *out != "json" || !slices.Equal(pos, []string{"id-1", "id-2", "--not-a-flag"}) {
		t.Errorf("demo %v output %q positionals %q", *demo, *out, pos)
	}
}

func TestLogRangeDefaults(t *testing.T) {
	useZone(t, time.UTC) // calendar words read in UTC, whatever the machine's zone
	now := time.Date(2026, 11, 20, 15, 30, 0, 0, time.UTC)
	cases := []struct {
		args     []string
		from, to time.Time
	}{
		{[]string{"direct"}, now.Add(-24 * time.Hour), now},
		{[]string{"pstn", "--from", "today"}, time.Date(2026, 11, 20, 0, 0, 0, 0, time.UTC), now},
		{[]string{"direct", "--to", "2026-11-19"}, time.Date(2026, 11, 18, 0, 0, 0, 0, time.UTC), time.Date(2026, 11, 19, 0, 0, 0, 0, time.UTC)},
		{[]string{"calls"}, time.Time{}, time.Time{}},
		{[]string{"calls", "--from", "-2h"}, now.Add(-2 * time.Hour), time.Time{}},
		{[]string{"--from", "yesterday", "--to", "2026-11-20T12:00:00+01:00"}, time.Date(2026, 11, 19, 0, 0, 0, 0, time.UTC), time.Date(2026, 11, 20, 11, 0, 0, 0, time.UTC)},
	}
	for _, tc := range cases {
		_, o, err := parse(tc.args, now)
		if err != nil {
			t.Fatalf("%v: %v", tc.args, err)
		}
		var s span
		switch o := o.(type) {
		case *explorerOptions:
			s = o.span
		case *callsOptions:
			s = o.span
		case *directOptions:
			s = o.span
		case *pstnOptions:
			s = o.span
		default:
			t.Fatalf("%v: options %T", tc.args, o)
		}
		if !s.from.Equal(tc.from) || !s.to.Equal(tc.to) {
			t.Errorf("%v: range %v – %v, want %v – %v", tc.args, s.from, s.to, tc.from, tc.to)
		}
	}
}

func TestExplorerOptionsCarryFlags(t *testing.T) {
	now := time.Date(2026, 11, 20, 15, 30, 0, 0, time.UTC)
	o := parseAs[*explorerOptions](t, []string{"--utc", "--view", "direct", "--from", "-3d", "--participant", "p-1"}, now)
	opts := o.uiOptions(testKeys(), nil)
	if !opts.UTC || opts.View != viewByName["direct"] || opts.Calls.Participant != "p-1" ||
		!opts.Calls.From.Equal(now.Add(-72*time.Hour)) || !opts.LogFrom.Equal(opts.Calls.From) || !opts.LogTo.IsZero() {
		t.Errorf("options %+v", opts)
	}
	if opts.Copy == nil || opts.Keys.Quit.Keys() == nil {
		t.Error("explorer options lack the clipboard or the keymap")
	}
}

// TestFlagsShareThePromptParser: --from/--to/--participant/--view read
// their values as the ":" prompt's from, to, user and view commands do.
func TestFlagsShareThePromptParser(t *testing.T) {
	useZone(t, time.UTC) // calendar words read in UTC, whatever the machine's zone
	now := time.Date(2026, 11, 20, 15, 30, 0, 0, time.UTC)
	o := parseAs[*explorerOptions](t, []string{"--view", "Direct", "--from", "2026-11-20 14:00", "--to", "now",
		"--participant", "  alice@contoso.com "}, now)
	if o.view != "direct" || o.participant != "alice@contoso.com" ||
		!o.from.Equal(time.Date(2026, 11, 20, 14, 0, 0, 0, time.UTC)) || !o.to.Equal(now) {
		t.Fatalf("options view %q participant %q range %v – %v", o.view, o.participant, o.from, o.to)
	}
	cases := []struct {
		args []string
		want string
	}{
		{[]string{"--view", "sms"}, `--view "sms": not a view; use calls, direct or pstn`},
		{[]string{"--from", "-2x"}, `--from "-2x": unknown unit`},
		{[]string{"calls", "--participant", "a\x01b"}, "--participant: "},
		{[]string{"calls", "--participant", "a\x01b"}, "control character"},
	}
	for _, tc := range cases {
		err := parseErr(tc.args, now)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%q: error %v, want %q", tc.args, err, tc.want)
		}
	}
}
