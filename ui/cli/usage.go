package cli

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"regexp"
	"strings"
	"text/tabwriter"
)

// usageError is a bad command line. cmd names the command whose synopsis
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

// isUsage reports a usage error and returns it.
func isUsage(err error) (*usageError, bool) {
	var ue *usageError
	ok := errors.As(err, &ue)
	return ue, ok
}

// printUsageError writes what is wrong, then the one-line hint.
func printUsageError(w io.Writer, err *usageError) {
	name := "callscope"
	if err.cmd != "" {
		name += " " + err.cmd
	}
	synopsis := ""
	if c, ok := lookup(err.cmd); ok {
		synopsis = c.synopsis
	}
	fmt.Fprintf(w, "%s: %s\nusage: %s  (see callscope help)\n", name, err.msg, synopsis)
}

// flagError rewrites the flag package's wording into ours; its errors
// name the flag with one dash, the help shows two. A value a flag refuses
// reads "--limit: "abc" is not a whole number": which flag, and why. fs
// tells a switch (--demo=maybe) from a flag with a value.
func flagError(cmd string, fs *flag.FlagSet, err error) error {
	msg := err.Error()
	switch {
	case strings.HasPrefix(msg, "flag provided but not defined: "):
		msg = "unknown flag -" + strings.TrimPrefix(msg, "flag provided but not defined: ")
	case strings.HasPrefix(msg, "flag needs an argument: "):
		msg = "flag -" + strings.TrimPrefix(msg, "flag needs an argument: ") + " needs a value"
	default:
		if m := invalidValue.FindStringSubmatch(msg); m != nil {
			value, name, why := m[1], m[2], m[3]
			if f := fs.Lookup(name); f != nil && isBoolFlag(f) {
				why = "is not true or false" // --demo=maybe
			}
			if why == "parse error" || why == "value out of range" {
				why = "is not valid: " + why
			}
			msg = fmt.Sprintf("--%s: %s %s", name, value, why)
		}
	}
	return usagef(cmd, "%s", msg)
}

// invalidValue is the flag package's "invalid value "abc" for flag -limit:
// reason" (or "invalid boolean value "x" for -demo: reason"); the value is kept as Go quoted it (%q, so a control character
// in it stays escaped), matched up to the last quote before " for flag".
var invalidValue = regexp.MustCompile(`^invalid (?:boolean )?value (".*") for (?:flag )?-(\S+): (.*)$`)

// refusedUsage starts the usage of a flag registered only to be refused
// with a reason rather than "unknown flag"; help does not offer it.
const refusedUsage = "not available: "

// usageLine is how `callscope help` lists a command: "callscope record ID [flags]".
func usageLine(c *command) string {
	words := []string{"callscope"}
	if c.name != "" {
		words = append(words, c.name)
	}
	if c.args != "" {
		words = append(words, c.args)
	}
	if hasFlags(c) {
		words = append(words, "[flags]")
	}
	return strings.Join(words, " ")
}

// hasFlags reports a command with flags of its own.
func hasFlags(c *command) bool {
	n := 0
	c.flagSet(c.options()).VisitAll(func(*flag.Flag) { n++ })
	return n > 0
}

// printCommandHelp writes one command's synopsis and flags (`help CMD`, CMD -h).
func printCommandHelp(w io.Writer, c *command) {
	fmt.Fprintf(w, "usage: %s\n", c.synopsis)
	if flags := flagsHelp(c.flagSet(c.options()), nil); flags != "" {
		fmt.Fprintf(w, "\nflags:\n%s", flags)
	}
}

// flagsHelp lists a flag set's flags with two dashes and the name of
// their value (a `word` in the usage), aligned; keep, if set, picks them.
func flagsHelp(fs *flag.FlagSet, keep func(name string) bool) string {
	var b strings.Builder
	tw := tabwriter.NewWriter(&b, 0, 0, 2, ' ', 0)
	fs.VisitAll(func(f *flag.Flag) {
		if strings.HasPrefix(f.Usage, refusedUsage) || (keep != nil && !keep(f.Name)) {
			return
		}
		arg, usage := flag.UnquoteUsage(f)
		name := "--" + f.Name
		if !isBoolFlag(f) {
			name += " " + arg
		}
		fmt.Fprintf(tw, "  %s\t%s\n", name, usage)
	})
	_ = tw.Flush()
	return b.String()
}

// helpText is what `callscope help` and -h print: the commands and the
// flags they share from the command table, the explorer's own flags, then
// times, sign-in and exit statuses.
func helpText() string {
	var b strings.Builder
	b.WriteString("callscope explores Microsoft Teams call records through Microsoft Graph.\n\nUsage:\n")
	tw := tabwriter.NewWriter(&b, 0, 0, 2, ' ', 0)
	for _, c := range commands {
		fmt.Fprintf(tw, "  %s\t%s\n", usageLine(c), c.summary)
	}
	_ = tw.Flush()

	// The flags base registers are every Graph command's: say once which
	// commands take them all, then the explorer's own.
	shared := flag.NewFlagSet("shared", flag.ContinueOnError)
	new(base).flags(shared)
	isShared := func(name string) bool { return shared.Lookup(name) != nil }
	var takers []string
	for _, c := range commands {
		fs, all := c.flagSet(c.options()), true
		shared.VisitAll(func(f *flag.Flag) { all = all && fs.Lookup(f.Name) != nil })
		if all {
			takers = append(takers, orElse(c.name, "the explorer"))
		}
	}
	explorer, _ := lookup("")
	fmt.Fprintf(&b, "\nFlags of %s:\n", andList(takers))
	b.WriteString(flagsHelp(shared, nil))
	b.WriteString("\nExplorer flags:\n")
	b.WriteString(flagsHelp(explorer.flagSet(explorer.options()), func(name string) bool { return !isShared(name) }))
	b.WriteString(helpNotes)
	return b.String()
}

// orElse is s, or otherwise when s is empty.
func orElse(s, otherwise string) string {
	if s == "" {
		return otherwise
	}
	return s
}

// andList joins words as a sentence does: "a, b and c".
func andList(words []string) string {
	if len(words) < 2 {
		return strings.Join(words, "")
	}
	return strings.Join(words[:len(words)-1], ", ") + " and " + words[len(words)-1]
}

// helpNotes end `callscope help`: what no flag's usage can say.
const helpNotes = `
callscope help COMMAND lists a command's own flags. Flags may stand before
or after a command's arguments.

Times (T): RFC 3339 (2026-11-20T14:00:00Z), a date (2026-11-20, midnight of
the local day; UTC with --utc), or relative to now: -2h, -3d, -1d12h, now,
today, yesterday (local calendar days too). calls has no range by default;
direct and pstn cover the last 24 h.

Sign-in: CALLSCOPE_ACCESS_TOKEN, or AZURE_TENANT_ID/AZURE_CLIENT_ID with
AZURE_CLIENT_SECRET or AZURE_CLIENT_CERTIFICATE_PATH, managed identity, or az login.
The app needs the CallRecords.Read.All application permission (admin consent).

Exit status: 0 success, 1 Graph/network/sign-in error, 2 bad usage.
`
