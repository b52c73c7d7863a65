package cli

import (
	"context"
	"flag"
	"io"
	"strings"
	"sync"
	"time"
)

// command is one entry of the command table.
type command struct {
	name     string // the command word; "" is the explorer
	args     string // positional arguments as usage shows them: "ID"
	summary  string // what it does, for `callscope help`
	synopsis string // the hint after a usage error, and atop `help CMD`
	// options returns the command's own options, empty, for one run.
	options func() options
}

// options is one command's options struct: its flags, their checks and the
// run they lead to.
type options interface {
	// flags registers the command's flags on fs, bound to the struct.
	flags(fs *flag.FlagSet)
	// resolve reads the config file, takes the positional arguments and
	// checks the flags given (set) against each other and the file, all
	// before anything is sent to Graph. cmd is the command's name.
	resolve(cmd string, set map[string]bool, pos []string, now time.Time) error
	// run runs the command.
	run(ctx context.Context, e *env) error
}

// commands is the command table: the one place command names, synopses
// and summaries are written; usage text and `help CMD` are made from it.
var commands = []*command{
	{name: "", summary: "open the explorer (calls, direct routing, PSTN)",
		synopsis: "callscope [--demo | --graph-url URL] [--cloud NAME] [--utc] [--from T] [--to T] [--participant ID] [--view calls|direct|pstn]",
		options:  func() options { return &explorerOptions{} }},
	{name: "calls", summary: "list call records",
		synopsis: "callscope calls [--from T] [--to T] [--participant ID | --offline] [--quality | --summary] [--limit N] [--output json|jsonl|csv]",
		options:  func() options { return &callsOptions{} }},
	{name: "record", args: "ID", summary: "one call record with every session and segment",
		synopsis: "callscope record ID [--offline] [--output json]",
		options:  func() options { return &recordOptions{} }},
	{name: "streams", args: "ID", summary: "one row per media stream of a record, with Microsoft's quality verdict",
		synopsis: "callscope streams ID [--offline] [--output json|jsonl|csv]",
		options:  func() options { return &streamsOptions{} }},
	{name: "direct", summary: "Direct Routing call log (getDirectRoutingCalls)",
		synopsis: "callscope direct [--from T] [--to T] [--offline] [--failed] [--user TEXT] [--number PHONE] [--trunk TEXT] [--sip CODE] [--limit N] [--output json|jsonl|csv] | [--summary [--output text|json]]",
		options:  func() options { return &directOptions{} }},
	{name: "pstn", summary: "PSTN call log (getPstnCalls)",
		synopsis: "callscope pstn [--from T] [--to T] [--offline] [--user TEXT] [--number PHONE] [--limit N] [--output json|jsonl|csv] | [--summary [--output text|json]]",
		options:  func() options { return &pstnOptions{} }},
	{name: "sync", summary: "fill the local store: call records, expanded records, Direct Routing and PSTN logs",
		synopsis: "callscope sync [--from T] [--to T] [--what calls,records,direct,pstn] [--store PATH] [--demo | --graph-url URL]",
		options:  func() options { return &syncOptions{} }},
	{name: "store", args: "info|forget", summary: "what the local store holds (info), or delete it (forget)",
		synopsis: "callscope store info [--output text|json] | store forget [--before T]  [--store PATH]",
		options:  func() options { return &storeCmdOptions{} }},
	{name: "info", summary: "config, state and log paths, settings, version, sign-in",
		synopsis: "callscope info [--profile NAME | --no-config] [--demo | --graph-url URL] [--cloud NAME]",
		options:  func() options { return &infoOptions{} }},
	{name: "version", summary: "version, VCS revision, Go version and platform (also --version)",
		synopsis: "callscope version",
		options:  func() options { return &versionOptions{} }},
	{name: "help", args: "[COMMAND]", summary: "this text, or one command's flags",
		synopsis: "callscope help [COMMAND]",
		options:  func() options { return &helpOptions{} }},
}

// lookup finds a command by its word ("" is the explorer).
func lookup(name string) (*command, bool) {
	for _, c := range commands {
		if c.name == name {
			return c, true
		}
	}
	return nil, false
}

// commandNames lists the command words, for messages.
func commandNames() string {
	var names []string
	for _, c := range commands {
		if c.name != "" {
			names = append(names, c.name)
		}
	}
	return strings.Join(names, ", ")
}

// flagSet registers c's flags on a new set bound to o.
func (c *command) flagSet(o options) *flag.FlagSet {
	fs := flag.NewFlagSet(strings.TrimSpace("callscope "+c.name), flag.ContinueOnError)
	fs.SetOutput(io.Discard) // errors are ours to word; help is printed on request
	o.flags(fs)
	return fs
}

// rawArgs is implemented by a command that reads its arguments itself, with
// no flags of its own (help: "help --demo" is still help).
type rawArgs interface{ takeArgs(args []string) }

// parse finds the command, parses its flags and resolves its options. A
// -h/--help yields flag.ErrHelp with the command, whose help the caller
// prints.
func parse(args []string, now time.Time) (*command, options, error) {
	name, rest := splitCommand(args)
	c, ok := lookup(name)
	if !ok {
		return nil, nil, usagef("", "unknown command %q (commands: %s)", name, commandNames())
	}
	o := c.options()
	if r, ok := o.(rawArgs); ok {
		r.takeArgs(rest)
		return c, o, nil
	}
	fs := c.flagSet(o)
	pos, err := parseInterleaved(fs, rest)
	if err == flag.ErrHelp {
		return c, o, err
	}
	if err != nil {
		return c, o, flagError(c.name, fs, err)
	}
	set := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { set[f.Name] = true })
	return c, o, o.resolve(c.name, set, pos, now)
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
			if !strings.Contains(name, "=") && valueFlags()[name] {
				i++ // the next argument is this flag's value
			}
			continue
		}
		return a, append(append([]string{}, args[:i]...), args[i+1:]...)
	}
	return "", args
}

// valueFlags are the flags that take a value, across every command, so
// that finding the command word skips flag values ("--cloud usgov calls").
// They are read from the commands' flag sets.
var valueFlags = sync.OnceValue(func() map[string]bool {
	m := map[string]bool{}
	for _, c := range commands {
		c.flagSet(c.options()).VisitAll(func(f *flag.Flag) {
			if !isBoolFlag(f) {
				m[f.Name] = true
			}
		})
	}
	return m
})

// isBoolFlag reports a flag that takes no value (--demo).
func isBoolFlag(f *flag.Flag) bool {
	b, ok := f.Value.(interface{ IsBoolFlag() bool })
	return ok && b.IsBoolFlag()
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
