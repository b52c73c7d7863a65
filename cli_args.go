package main

import (
	"bytes"
	"flag"
	"fmt"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/callscope/callscope/graphclient"
	"github.com/callscope/callscope/model"
	"github.com/callscope/callscope/model/directive"
)

// options is every flag of every command; each command registers the
// flags that apply to it, so a flag given to the wrong command is unknown.
type options struct {
	cmd string // "" for the explorer

	demo     bool
	graphURL string
	cloud    string
	utc      bool

	fromStr, toStr string
	participant    string
	view           string
	limit          int
	output         string
	failed         bool
	summary        bool

	id string // record's positional id

	// conf is --log-file, --redact, --profile, --no-config and the config
	// file they lead to (cli_config_apply.go).
	conf confOptions

	// Resolved after parsing.
	from, to time.Time
	cloudCfg graphclient.Cloud
	set      map[string]bool // flags given explicitly

	// Resolved with the client (cli_people.go): who --participant is ("" for
	// an id given as such), or the people a name fits when several do.
	participantName string
	participantPick []graphclient.User
}

// commandNames are the subcommands; anything else in command position is a usage error.
var commandNames = []string{"calls", "record", "direct", "pstn", "info", "help"}

// valueFlags are the flags that take a value, across every command, so that
// finding the command word skips flag values ("--cloud usgov calls").
var valueFlags = map[string]bool{
	"graph-url": true, "cloud": true, "from": true, "to": true,
	"participant": true, "view": true, "limit": true, "output": true,
	"log-file": true, "profile": true,
}

// splitCommand finds the command word anywhere among the flags, so
// "callscope --demo calls" and "callscope calls --demo" both work. It
// returns the word ("" when there is none) and the other arguments.
func splitCommand(args []string) (string, []string) {
	for i := 0; i < len(args); i++ {
		a := args[i]
		if a == "--" {
			break // what follows is positional, never a command
		}
		if len(a) > 1 && a[0] == '-' {
			name := strings.TrimLeft(a, "-")
			if !strings.Contains(name, "=") && valueFlags[name] {
				i++ // the next argument is this flag's value
			}
			continue
		}
		return a, append(append([]string{}, args[:i]...), args[i+1:]...)
	}
	return "", args
}

// newFlagSet registers the flags that apply to cmd.
func newFlagSet(cmd string, o *options) *flag.FlagSet {
	if cmd == "info" {
		return infoFlagSet(o)
	}
	fs := flag.NewFlagSet("callscope "+cmd, flag.ContinueOnError)
	fs.SetOutput(new(bytes.Buffer)) // errors are ours to word; help is printed on request
	fs.BoolVar(&o.demo, "demo", false, "use the built-in demo tenant on a loopback port (no sign-in)")
	fs.StringVar(&o.graphURL, "graph-url", "", "Graph service root, e.g. https://graph.microsoft.com/v1.0")
	fs.StringVar(&o.cloud, "cloud", "global", "national cloud: global, usgov, usgovdod or china")
	switch cmd {
	case "":
		fs.BoolVar(&o.utc, "utc", false, "show times in UTC")
		fs.StringVar(&o.view, "view", "calls", "first view: calls, direct or pstn")
	case "record":
		fs.StringVar(&o.output, "output", "json", "output format: json")
	default:
		fs.IntVar(&o.limit, "limit", 0, "stop after N rows (0: no limit)")
		fs.StringVar(&o.output, "output", "json", "output format: json, jsonl or csv")
	}
	if cmd != "record" {
		fs.StringVar(&o.fromStr, "from", "", "start of the range (inclusive)")
		fs.StringVar(&o.toStr, "to", "", "end of the range (exclusive)")
	}
	switch cmd {
	case "", "calls":
		fs.StringVar(&o.participant, "participant", "", "participant: UPN, start of a display name, Entra object id or +phone number")
	case "direct":
		fs.BoolVar(&o.failed, "failed", false, "only calls with successfulCall=false")
		fs.BoolVar(&o.summary, "summary", false, "print a triage summary of the range (--output text or json) instead of rows")
	case "pstn":
		// Registered only to refuse it with a reason rather than "unknown flag".
		fs.BoolVar(&o.failed, "failed", false, "not available: PSTN rows carry no outcome field")
		fs.BoolVar(&o.summary, "summary", false, "print a summary of the range (--output text or json) instead of rows")
	}
	registerConfFlags(fs, cmd, o)
	return fs
}

// flagArgs name each value flag's argument in help, as the synopses do.
var flagArgs = map[string]string{
	"graph-url": "URL", "cloud": "NAME", "from": "T", "to": "T", "participant": "ID",
	"view": "NAME", "limit": "N", "output": "FORMAT",
	"log-file": "PATH", "profile": "NAME",
}

// flagsHelp lists a flag set's flags with two dashes, aligned, for help output.
func flagsHelp(fs *flag.FlagSet) string {
	var b strings.Builder
	tw := tabwriter.NewWriter(&b, 0, 0, 2, ' ', 0)
	fs.VisitAll(func(f *flag.Flag) {
		if f.Name == "failed" && strings.HasPrefix(f.Usage, "not available") {
			return
		}
		name := "--" + f.Name
		if arg := flagArgs[f.Name]; arg != "" {
			name += " " + arg
		}
		fmt.Fprintf(tw, "  %s\t%s\n", name, f.Usage)
	})
	_ = tw.Flush()
	return b.String()
}

// parseInterleaved parses flags that may stand before or after the
// positional arguments: parse, take one positional, parse the rest.
// Everything after "--" is positional.
func parseInterleaved(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		rest := fs.Args()
		if len(rest) == 0 {
			return pos, nil
		}
		if i := len(args) - len(rest) - 1; i >= 0 && args[i] == "--" {
			return append(pos, rest...), nil
		}
		pos = append(pos, rest[0])
		args = rest[1:]
	}
}

// parseArgs turns a command line into options. A -h/--help yields
// flag.ErrHelp with o.cmd set, so the caller prints that command's help.
func parseArgs(args []string, now time.Time) (*options, error) {
	cmd, rest := splitCommand(args)
	o := &options{cmd: cmd, set: map[string]bool{}}
	switch cmd {
	case "", "calls", "record", "direct", "pstn", "info":
	case "help":
		return o, nil
	default:
		return o, usagef("", "unknown command %q (commands: %s)", cmd, strings.Join(commandNames, ", "))
	}
	fs := newFlagSet(cmd, o)
	pos, err := parseInterleaved(fs, rest)
	if err == flag.ErrHelp {
		return o, err
	}
	if err != nil {
		return o, flagError(cmd, err)
	}
	fs.Visit(func(f *flag.Flag) { o.set[f.Name] = true })
	if err := o.loadConfig(now); err != nil {
		return o, err
	}
	if err := o.positionals(pos); err != nil {
		return o, err
	}
	if err := o.resolve(now); err != nil {
		return o, err
	}
	return o, nil
}

// positionals takes record's id and refuses any other argument.
func (o *options) positionals(pos []string) error {
	if o.cmd == "record" {
		switch len(pos) {
		case 0:
			return usagef(o.cmd, "missing call record id")
		case 1:
			o.id = strings.TrimSpace(pos[0])
			if o.id == "" {
				return usagef(o.cmd, "call record id is empty")
			}
			// Refused here, before any sign-in or request.
			if err := graphclient.CheckRecordID(o.id); err != nil {
				return usagef(o.cmd, "%v", err)
			}
			return nil
		}
		pos = pos[1:]
	}
	if len(pos) > 0 {
		return usagef(o.cmd, "unexpected argument %q", pos[0])
	}
	return nil
}

// resolve checks flag values against each other and parses times.
func (o *options) resolve(now time.Time) error {
	c, err := graphclient.CloudByName(o.cloud)
	if err != nil {
		return usagef(o.cmd, "--cloud: %v", err)
	}
	o.cloudCfg = c
	if o.demo && o.set["graph-url"] {
		return usagef(o.cmd, "--demo runs its own Graph service; drop --graph-url")
	}
	if err := o.checkGraphURL(); err != nil {
		return err
	}
	if o.demo && o.set["cloud"] {
		return usagef(o.cmd, "--demo runs its own Graph service; drop --cloud")
	}
	if o.cmd == "" {
		// --view goes through the ":" prompt's grammar ("view direct").
		c, err := directive.Value(directive.View, o.view, now)
		if err != nil {
			return usagef(o.cmd, "--view %v", err)
		}
		o.view = c.Name
	}
	if err := o.checkOutput(); err != nil {
		return err
	}
	if o.limit < 0 {
		return usagef(o.cmd, "--limit %d: want 0 (no limit) or more", o.limit)
	}
	if o.cmd == "pstn" && o.failed {
		return usagef(o.cmd, "--failed is not available for pstn: PSTN rows carry no outcome field (use it with direct)")
	}
	if o.participant != "" {
		// As the prompt's "user" reads it: trimmed, no control characters.
		c, err := directive.Value(directive.User, o.participant, now)
		if err != nil {
			return usagef(o.cmd, "--participant: %v", err)
		}
		o.participant = c.Arg
	}
	if err := (graphclient.CallQuery{Participant: o.participant}).Validate(); err != nil {
		return usagef(o.cmd, "--participant: %v", err)
	}
	return o.resolveRange(now)
}

// checkGraphURL refuses an empty --graph-url (which would quietly mean
// the cloud's own root) and, for the commands that connect, a root Graph
// cannot have: a query, a fragment, a bad port (graphclient.ParseServiceRoot).
// info only shows the URL, with any password hidden, so it takes any.
func (o *options) checkGraphURL() error {
	if o.set["graph-url"] && strings.TrimSpace(o.graphURL) == "" {
		return usagef(o.cmd, "--graph-url is empty: give a service root such as https://graph.microsoft.com/v1.0, or leave the flag out")
	}
	if o.cmd == "info" || o.demo || o.graphURL == "" {
		return nil
	}
	if _, err := graphclient.ParseServiceRoot(o.graphURL); err != nil {
		return usagef(o.cmd, "--graph-url: %v", err)
	}
	return nil
}

func (o *options) checkOutput() error {
	switch o.cmd {
	case "", "info":
		return nil
	case "record":
		if o.output != "json" {
			return usagef(o.cmd, "--output %q: a record is written as json only", o.output)
		}
		return nil
	}
	if o.summary {
		if !o.set["output"] {
			o.output = "text"
		}
		switch {
		case o.output != "text" && o.output != "json":
			return usagef(o.cmd, "--output %q: a summary is written as text or json", o.output)
		case o.failed:
			return usagef(o.cmd, "--summary counts every call (ASR needs the successes too); drop --failed")
		case o.limit > 0:
			return usagef(o.cmd, "--summary covers the whole range; drop --limit")
		}
		return nil
	}
	switch o.output {
	case "json", "jsonl", "csv":
		return nil
	}
	return usagef(o.cmd, "--output %q: use json, jsonl or csv", o.output)
}

// defaultLogWindow is the direct/pstn range when none is given.
const defaultLogWindow = 24 * time.Hour

// resolveRange parses --from and --to as the prompt's from and to commands
// (model.ParseWhen underneath). The calls list
// has no default range; the logs default to the last 24 hours, and a single
// bound takes the other from that window.
func (o *options) resolveRange(now time.Time) error {
	if o.fromStr != "" || o.set["from"] {
		c, err := directive.Value(directive.From, o.fromStr, now)
		if err != nil {
			return usagef(o.cmd, "--from %v", err)
		}
		o.from = c.At
	}
	if o.toStr != "" || o.set["to"] {
		c, err := directive.Value(directive.To, o.toStr, now)
		if err != nil {
			return usagef(o.cmd, "--to %v", err)
		}
		o.to = c.At
	}
	if o.cmd == "direct" || o.cmd == "pstn" {
		switch {
		case o.from.IsZero() && o.to.IsZero():
			o.to = now.UTC()
			o.from = o.to.Add(-defaultLogWindow)
		case o.to.IsZero():
			o.to = now.UTC()
		case o.from.IsZero():
			o.from = o.to.Add(-defaultLogWindow)
		}
	}
	if err := model.ValidateRange(o.from, o.to); err != nil {
		return usagef(o.cmd, "%v", err)
	}
	if o.cmd == "pstn" && o.to.Sub(o.from) > graphclient.MaxPstnRange {
		return usagef(o.cmd, "%v (asked for %.0f days)", graphclient.ErrRangeTooLong, o.to.Sub(o.from).Hours()/24)
	}
	return nil
}
