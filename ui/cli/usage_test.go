package cli

import (
	"flag"
	"strings"
	"testing"
)

// Every flag that takes a value names it in its usage (`N`, `URL`), so
// help shows "--limit N" and never the flag package's "--limit int". A
// flag registered only to be refused (pstn --sip) is not in help.
func TestEveryValueFlagNamesItsValue(t *testing.T) {
	for _, c := range commands {
		c.flagSet(c.options()).VisitAll(func(f *flag.Flag) {
			if isBoolFlag(f) || strings.HasPrefix(f.Usage, refusedUsage) {
				return
			}
			arg, _ := flag.UnquoteUsage(f)
			if !strings.Contains(f.Usage, "`"+arg+"`") || strings.ToUpper(arg) != arg {
				t.Errorf("%q --%s: usage %q names no value in `CAPITALS`", c.name, f.Name, f.Usage)
			}
		})
	}
}

// Help is made from the command table: every command is listed with its
// summary, and `help CMD` prints each one's synopsis and its flags.
func TestHelpIsMadeFromTheCommandTable(t *testing.T) {
	general := runCLI(t, "help").stdout
	for _, c := range commands {
		if !strings.Contains(general, usageLine(c)) || !strings.Contains(general, c.summary) {
			t.Errorf("help lacks %q  %q:\n%s", usageLine(c), c.summary, general)
		}
		if c.name == "" {
			continue
		}
		r := runCLI(t, "help", c.name)
		if r.code != exitOK || !strings.HasPrefix(r.stdout, "usage: "+c.synopsis+"\n") {
			t.Errorf("help %s: exit %d, stdout %q", c.name, r.code, r.stdout)
		}
		c.flagSet(c.options()).VisitAll(func(f *flag.Flag) {
			if shown := strings.Contains(r.stdout, "  --"+f.Name+" "); shown == strings.HasPrefix(f.Usage, refusedUsage) {
				t.Errorf("help %s: --%s shown %v (usage %q)", c.name, f.Name, shown, f.Usage)
			}
		})
	}
	for _, want := range []string{"Flags of the explorer, calls, record, streams, direct and pstn:", "  --log-file PATH", "Explorer flags:", "  --view NAME"} {
		if !strings.Contains(general, want) {
			t.Errorf("help lacks %q:\n%s", want, general)
		}
	}
	if r := runCLI(t, "frobnicate"); !strings.Contains(r.stderr, "(commands: calls, record, streams, direct, pstn, sync, store, info, version, help)") {
		t.Errorf("unknown command: stderr %q", r.stderr)
	}
}
