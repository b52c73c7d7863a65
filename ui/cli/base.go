package cli

import (
	"errors"
	"flag"
	"strconv"
	"strings"
	"time"

	"github.com/callscope/callscope/graphclient"
	"github.com/callscope/callscope/model"
	"github.com/callscope/callscope/model/directive"
)

// base is what every command that reaches Graph has: its name, the flags
// given, the connection flags and the config file.
type base struct {
	cmd      string
	set      map[string]bool // flags given explicitly
	demo     bool
	graphURL string
	cloud    string            // --cloud, or the profile's
	cloudCfg graphclient.Cloud // resolved from cloud
	// conf is --log-file, --redact, --profile, --no-config and the config
	// file they lead to (config_apply.go).
	conf confOptions
	// store is --store and --no-store (store.go).
	store storeOptions
	// offline is --offline: read only the store, send nothing (offline.go).
	offline bool
}

// flags registers the flags every Graph command but info takes.
func (b *base) flags(fs *flag.FlagSet) {
	b.connectionFlags(fs, "use the built-in demo tenant on a loopback port (no sign-in)")
	b.configFlags(fs)
	fs.StringVar(&b.conf.logFile, "log-file", "", "append every Graph request to `PATH` as JSON lines")
	fs.BoolVar(&b.conf.redact, "redact", false, "mask names, UPNs and phone numbers (on screen, in exports and output)")
	b.store.flags(fs)
}

// connectionFlags are how to reach Graph; demo is what --demo does.
func (b *base) connectionFlags(fs *flag.FlagSet, demo string) {
	fs.BoolVar(&b.demo, "demo", false, demo)
	fs.StringVar(&b.graphURL, "graph-url", "", "Graph service root `URL`, e.g. https://graph.microsoft.com/v1.0")
	fs.StringVar(&b.cloud, "cloud", "global", "national cloud `NAME`: global, usgov, usgovdod or china")
}

// configFlags pick the config file's profile, or no file.
func (b *base) configFlags(fs *flag.FlagSet) {
	fs.StringVar(&b.conf.profile, "profile", "", "sign in with profile `NAME` of the config file")
	fs.BoolVar(&b.conf.noConfig, "no-config", false, "ignore the config file")
}

// start keeps the command's name and flags and reads the config file
// (loadConfig): the first step of every resolve.
func (b *base) start(cmd string, set map[string]bool, now time.Time) error {
	b.cmd, b.set = cmd, set
	if err := b.resolveStore(); err != nil {
		return err
	}
	if err := b.resolveOffline(); err != nil {
		return err
	}
	return b.loadConfig(now)
}

// noArguments refuses positional arguments.
func (b *base) noArguments(pos []string) error {
	if len(pos) > 0 {
		return usagef(b.cmd, "unexpected argument %q", pos[0])
	}
	return nil
}

// resolveConnection checks the connection flags against each other, with
// the profile's cloud and URL filled in.
func (b *base) resolveConnection() error {
	c, err := graphclient.CloudByName(b.cloud)
	if err != nil {
		return usagef(b.cmd, "--cloud: %v", err)
	}
	b.cloudCfg = c
	if b.demo && b.set["graph-url"] {
		return usagef(b.cmd, "--demo runs its own Graph service; drop --graph-url")
	}
	if err := b.checkGraphURL(); err != nil {
		return err
	}
	if b.demo && b.set["cloud"] {
		return usagef(b.cmd, "--demo runs its own Graph service; drop --cloud")
	}
	return nil
}

// checkGraphURL refuses an empty --graph-url (which would quietly mean
// the cloud's own root) and, for the commands that connect, a root Graph
// cannot have: a query, a fragment, a bad port (graphclient.ParseServiceRoot).
// info only shows the URL, with any password hidden, so it takes any.
func (b *base) checkGraphURL() error {
	if b.set["graph-url"] && strings.TrimSpace(b.graphURL) == "" {
		return usagef(b.cmd, "--graph-url is empty: give a service root such as https://graph.microsoft.com/v1.0, or leave the flag out")
	}
	if b.cmd == "info" || b.demo || b.graphURL == "" {
		return nil
	}
	if _, err := graphclient.ParseServiceRoot(b.graphURL); err != nil {
		return usagef(b.cmd, "--graph-url: %v", err)
	}
	return nil
}

// localZone is the machine's zone, where --from and --to read calendar
// words (today, yesterday, a date) unless the user chose UTC. Tests set it
// rather than time.Local, which other goroutines read.
var localZone = time.Local

// span is --from and --to: as given, then as times.
type span struct {
	fromText, toText string
	from, to         time.Time
	// utc reads calendar words in UTC (the explorer's --utc or the config
	// file's time_zone: utc); else they are the machine's day.
	utc bool
}

// zone is where the span's calendar words are read.
func (s *span) zone() *time.Location {
	if s.utc {
		return time.UTC
	}
	return localZone
}

func (s *span) flags(fs *flag.FlagSet) {
	fs.StringVar(&s.fromText, "from", "", "the range starts at `T` (inclusive)")
	fs.StringVar(&s.toText, "to", "", "the range ends before `T` (exclusive)")
}

// resolve parses --from and --to as the prompt's from and to commands
// (model.ParseWhen underneath), "today" and a date being the day in the
// span's zone. window > 0 is the range when none is given, and a single
// bound takes the other from it.
func (s *span) resolve(cmd string, set map[string]bool, now time.Time, window time.Duration) error {
	now = now.In(s.zone())
	if s.fromText != "" || set["from"] {
		c, err := directive.Value(directive.From, s.fromText, now)
		if err != nil {
			return usagef(cmd, "--from %v", err)
		}
		s.from = c.At
	}
	if s.toText != "" || set["to"] {
		c, err := directive.Value(directive.To, s.toText, now)
		if err != nil {
			return usagef(cmd, "--to %v", err)
		}
		s.to = c.At
	}
	if window > 0 {
		switch {
		case s.from.IsZero() && s.to.IsZero():
			s.to = now.UTC()
			s.from = s.to.Add(-window)
		case s.to.IsZero():
			s.to = now.UTC()
		case s.from.IsZero():
			s.from = s.to.Add(-window)
		}
	}
	if err := model.ValidateRange(s.from, s.to); err != nil {
		return usagef(cmd, "%v", err)
	}
	return nil
}

// rows are how a list command writes its rows: --limit and --output.
type rows struct {
	limit  int
	output string
}

func (r *rows) flags(fs *flag.FlagSet) {
	fs.Var((*wholeNumber)(&r.limit), "limit", "stop after `N` rows (0: no limit)")
	fs.StringVar(&r.output, "output", "json", "write rows as `FORMAT`: json, jsonl or csv")
}

// check refuses a format rows are not written in and a negative limit.
func (r *rows) check(cmd string) error {
	switch r.output {
	case "json", "jsonl", "csv":
	default:
		return usagef(cmd, "--output %q: use json, jsonl or csv", r.output)
	}
	return r.checkLimit(cmd)
}

// wholeNumber is an int flag whose refusal says why, for flagError to put
// after the flag's name and value: "--limit: "abc" is not a whole number".
type wholeNumber int

func (n *wholeNumber) String() string { return strconv.Itoa(int(*n)) }

// Set reads a decimal integer; a sign is allowed so that checkLimit can
// say what a negative one means.
func (n *wholeNumber) Set(s string) error {
	v, err := strconv.Atoi(strings.TrimSpace(s))
	switch {
	case errors.Is(err, strconv.ErrRange):
		return errors.New("is too large")
	case err != nil:
		return errors.New("is not a whole number")
	}
	*n = wholeNumber(v)
	return nil
}

func (r *rows) checkLimit(cmd string) error {
	if r.limit < 0 {
		return usagef(cmd, "--limit %d: want 0 (no limit) or more", r.limit)
	}
	return nil
}
