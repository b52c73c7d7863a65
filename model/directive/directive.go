// Package directive is the one grammar shared by the explorer's ":" prompt
// and the --from/--to/--participant/--view flags: a line of directives such
// as "direct -24h failed sip 403" or "from -2h to now user alice@contoso.com",
// parsed into Directives that the UI and the CLI apply in order. (It has a
// name of its own: "command" already means a subcommand and a tea.Cmd.)
//
// The package imports nothing from the UI: it knows words and values, not
// screens. Which view a directive applies to is the caller's business.
package directive

import (
	"strings"
	"time"
	"unicode"
)

// Directive is one parsed directive. Name is one of Names; Arg is the value of
// from, to, user, sip, trunk and open ("" for the others); At is the instant of
// from and to, resolved against the now given to Parse.
type Directive struct {
	Name string
	Arg  string
	At   time.Time
}

// Directive names.
const (
	Calls  = "calls"
	Direct = "direct"
	Pstn   = "pstn"
	From   = "from"
	To     = "to"
	User   = "user"
	Sip    = "sip"
	Trunk  = "trunk"
	Failed = "failed"
	Poor   = "poor"
	UTC    = "utc"
	Export = "export"
	Log    = "log"
	Quit   = "quit"
	// Open takes the rest of its line, whatever a ticket carries (a call
	// id, a PSTN callId, a UPN, a name, a phone number: model/ticket), and
	// stands alone on it, so a pasted "+49 30 1234-567" needs no quotes.
	Open = "open"
)

// View is an alias taking a view name ("view direct" is "direct"), so the
// --view flag goes through the same grammar. It never appears in a Command.
const View = "view"

// Names are every command a Command may name, in the order completion
// offers them.
var Names = []string{Calls, Direct, Pstn, Open, From, To, User, Sip, Trunk, Failed, Poor, UTC, Export, Log, Quit}

// ViewNames are the values "view" takes, in tab order.
var ViewNames = []string{Calls, Direct, Pstn}

// takesValue are the commands followed by a value; the rest are flags.
var takesValue = map[string]bool{From: true, To: true, User: true, Sip: true, Trunk: true, View: true, Open: true}

// isView reports that name switches the view.
func isView(name string) bool { return name == Calls || name == Direct || name == Pstn }

// IsView reports that c switches the view (calls, direct or pstn).
func (c Directive) IsView() bool { return isView(c.Name) }

// keyword reports that w (any case) is a command word, so a value spelled
// like one must be quoted.
func keyword(w string) bool {
	w = strings.ToLower(w)
	return w == View || takesValue[w] || isKnown(w)
}

func isKnown(name string) bool {
	for _, n := range Names {
		if n == name {
			return true
		}
	}
	return false
}

// String renders c so that Parse reads it back to the same Command (given
// the same now): values are quoted when they hold a space, start with a
// quote or are spelled like a command.
func (c Directive) String() string {
	if !takesValue[c.Name] {
		return c.Name
	}
	return c.Name + " " + Quote(c.Arg)
}

// Join renders commands as one line that Parse reads back to them.
func Join(cmds []Directive) string {
	parts := make([]string, len(cmds))
	for i, c := range cmds {
		parts[i] = c.String()
	}
	return strings.Join(parts, " ")
}

// Quote returns s as one word of a command line: unchanged when it reads
// back as itself, else in double quotes with \ and " escaped.
func Quote(s string) string {
	if !needsQuotes(s) {
		return s
	}
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		if r == '"' || r == '\\' {
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
	b.WriteByte('"')
	return b.String()
}

func needsQuotes(s string) bool {
	if s == "" || s[0] == '"' || s[0] == '\'' || keyword(s) {
		return true
	}
	return strings.IndexFunc(s, unicode.IsSpace) >= 0
}
