package directive

import (
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/callscope/callscope/model"
	"github.com/callscope/callscope/model/ticket"
)

// Error is a line Parse refused. Word is the 1-based position of the word
// at fault (0 when the line as a whole is wrong), so the prompt can say
// where to look.
type Error struct {
	Word int
	Msg  string
}

// Error is the message shown under the prompt.
func (e *Error) Error() string { return e.Msg }

func errAt(word int, format string, args ...any) *Error {
	return &Error{Word: word, Msg: fmt.Sprintf(format, args...)}
}

// word is one token of a line: its text with quotes removed, whether it
// was quoted (a quoted word is always a value), and its 1-based position.
type word struct {
	text   string
	quoted bool
	n      int
}

// Parse reads a line of commands relative to now, whose location is the
// zone calendar words (today, yesterday, a date) are read in: the caller
// passes now in the zone the user sees. A leading ':' is
// optional; commands and flags are case-insensitive; values that hold
// spaces go in double or single quotes ("Anette Thom"), and in double
// quotes \" and \\ stand for " and \. A bare relative time (-24h) means
// "from -24h". A date followed by a time (from 2026-11-20 14:00) is one
// value. Each command may stand once, and one view at most.
//
// An empty line gives no commands and no error. Any error names the word
// at fault and its position, and no command is returned.
func Parse(line string, now time.Time) ([]Directive, error) {
	words, err := split(line)
	if err != nil {
		return nil, err
	}
	var (
		cmds []Directive
		at   = map[string]int{} // command → word it stood at
	)
	for i := 0; i < len(words); i++ {
		w := words[i]
		name := strings.ToLower(w.text)
		if !w.quoted && isBareTime(w.text) {
			c, err := Value(From, w.text, now)
			if err != nil {
				return nil, errAt(w.n, "bad time at word %d: %v", w.n, err)
			}
			if err := once(at, From, w.n); err != nil {
				return nil, err
			}
			cmds = append(cmds, c)
			continue
		}
		if w.quoted || !(isKnown(name) || name == View) {
			return nil, unknown(w)
		}
		if name == Open {
			return parseOpen(words, i, now)
		}
		if !takesValue[name] {
			if err := once(at, name, w.n); err != nil {
				return nil, err
			}
			cmds = append(cmds, Directive{Name: name})
			continue
		}
		if i+1 == len(words) {
			return nil, errAt(w.n, "%s at word %d needs a value: %s", name, w.n, valueHint[name])
		}
		i++
		v := words[i]
		if !v.quoted && keyword(v.text) && name != View {
			return nil, errAt(v.n, "%s at word %d needs a value (%s), but %q is a command; quote it if you mean the text",
				name, w.n, valueHint[name], v.text)
		}
		text := v.text
		if (name == From || name == To) && !v.quoted && i+1 < len(words) && isDate(text) && isClock(words[i+1]) {
			i++
			text += " " + words[i].text
		}
		c, err := Value(name, text, now)
		if err != nil {
			return nil, errAt(v.n, "bad value for %s at word %d: %v", name, v.n, err)
		}
		if err := once(at, c.Name, w.n); err != nil {
			return nil, err
		}
		cmds = append(cmds, c)
	}
	if err := checkRange(cmds, at); err != nil {
		return nil, err
	}
	return cmds, nil
}

// valueHint says what each value command takes.
var valueHint = map[string]string{
	From:  "a time such as -2h, 2026-11-20 or now",
	To:    "a time such as now, -1h or 2026-11-20",
	User:  "a UPN, the start of a display name, an object id or a phone number",
	Sip:   "a SIP code, 100–699, or 0",
	Trunk: "a trunk FQDN such as sbc1.contoso.com",
	View:  "calls, direct or pstn",
	Open:  ticket.Forms,
}

// parseOpen reads open, at word i, and the rest of the line as its value:
// the words as typed, quotes removed, one space apart. Open stands alone,
// so that nothing after it is read as a command ("open Anette Quit").
func parseOpen(words []word, i int, now time.Time) ([]Directive, error) {
	w := words[i]
	if i > 0 {
		return nil, errAt(w.n, "open at word %d stands alone: start the line with it", w.n)
	}
	if i+1 == len(words) {
		return nil, errAt(w.n, "open at word %d needs a value: %s", w.n, valueHint[Open])
	}
	texts := make([]string, 0, len(words)-i-1)
	for _, v := range words[i+1:] {
		texts = append(texts, v.text)
	}
	c, err := Value(Open, strings.Join(texts, " "), now)
	if err != nil {
		return nil, errAt(words[i+1].n, "%v", err)
	}
	return []Directive{c}, nil
}

// Value parses the value of one command, as a flag gives it: name is from,
// to, user, sip, trunk, open or view (whose value becomes the view's
// command). Open's value must be something model/ticket reads.
// From and to keep the text as typed in Arg, so a relative range can be
// read again later, and read calendar words in now's location.
// Errors carry no position; ParseWhen's are returned as they are, so that
// "--from" + err reads well.
func Value(name, value string, now time.Time) (Directive, error) {
	switch name {
	case From, To:
		t, err := model.ParseWhen(value, now)
		if err != nil {
			return Directive{}, err
		}
		return Directive{Name: name, Arg: strings.TrimSpace(value), At: t}, nil
	case User, Trunk:
		v := strings.TrimSpace(value)
		switch {
		case v == "":
			return Directive{}, fmt.Errorf("%s is empty; want %s", name, valueHint[name])
		case strings.IndexFunc(v, unicode.IsControl) >= 0:
			return Directive{}, fmt.Errorf("%q contains a control character", v)
		case name == Trunk && strings.IndexFunc(v, unicode.IsSpace) >= 0:
			return Directive{}, fmt.Errorf("%q: a trunk FQDN has no spaces", v)
		}
		return Directive{Name: name, Arg: v}, nil
	case Open:
		v := strings.TrimSpace(value)
		if ticket.Classify(v).Kind == ticket.Unknown {
			return Directive{}, fmt.Errorf("nothing to open in %q; open takes %s", v, ticket.Forms)
		}
		return Directive{Name: Open, Arg: v}, nil
	case Sip:
		n, err := SipCode(value)
		if err != nil {
			return Directive{}, err
		}
		return Directive{Name: Sip, Arg: strconv.Itoa(n)}, nil
	case View:
		v := strings.ToLower(strings.TrimSpace(value))
		if !isView(v) {
			return Directive{}, fmt.Errorf("%q: not a view; use calls, direct or pstn", value)
		}
		return Directive{Name: v}, nil
	}
	return Directive{}, fmt.Errorf("%q takes no value", name)
}

// SipCode reads a final SIP code filter: 100–699, or 0 (Graph's code of a
// normally cleared call).
func SipCode(s string) (int, error) {
	s = strings.TrimSpace(s)
	bad := func() (int, error) {
		return 0, fmt.Errorf("%q is not a SIP code; want 100–699, or 0", s)
	}
	if s == "" || strings.Trim(s, "0123456789") != "" {
		return bad()
	}
	digits := strings.TrimLeft(s, "0")
	if len(digits) > 3 {
		return bad()
	}
	n, _ := strconv.Atoi("0" + digits)
	if n != 0 && (n < 100 || n > 699) {
		return bad()
	}
	return n, nil
}

// once records that name stood at word n, refusing a second time, and a
// second view.
func once(at map[string]int, name string, n int) error {
	key := name
	if isView(name) {
		key = View
	}
	prev, seen := at[key]
	if !seen {
		at[key] = n
		if isView(name) {
			at[name] = n
		}
		return nil
	}
	if isView(name) {
		if _, same := at[name]; !same {
			return errAt(n, "two views on one line (words %d and %d); give one", prev, n)
		}
	}
	return errAt(n, "%s given twice (words %d and %d)", name, prev, n)
}

// checkRange refuses from and to on one line that are out of order.
func checkRange(cmds []Directive, at map[string]int) error {
	var from, to time.Time
	for _, c := range cmds {
		switch c.Name {
		case From:
			from = c.At
		case To:
			to = c.At
		}
	}
	if err := model.ValidateRange(from, to); err != nil {
		return errAt(max(at[From], at[To]), "%v", err)
	}
	return nil
}

// unknown is the error for a word that is no command, with the nearest
// command when one is close.
func unknown(w word) error {
	if w.quoted {
		return errAt(w.n, "unexpected value %q at word %d; a value follows from, to, user, sip or trunk", w.text, w.n)
	}
	msg := fmt.Sprintf("unknown command %q at word %d", w.text, w.n)
	if s := suggest(w.text); s != "" {
		msg += "; did you mean " + s + "?"
	}
	return &Error{Word: w.n, Msg: msg}
}

// isBareTime reports a signed relative time (-24h, +1h) in command place.
func isBareTime(s string) bool {
	return len(s) > 1 && (s[0] == '-' || s[0] == '+') && s[1] >= '0' && s[1] <= '9'
}

// isDate reports a YYYY-MM-DD word, which a following clock time joins.
func isDate(s string) bool {
	if len(s) != 10 || s[4] != '-' || s[7] != '-' {
		return false
	}
	return strings.Trim(s[:4]+s[5:7]+s[8:], "0123456789") == ""
}

// isClock reports an unquoted word that starts like a time of day (14:00).
func isClock(w word) bool {
	s := w.text
	return !w.quoted && len(s) >= 4 && isDigit(s[0]) && (s[1] == ':' || isDigit(s[1]) && s[2] == ':')
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

// split breaks a line into words, after one optional leading ':'.
func split(line string) ([]word, error) {
	if !utf8.ValidString(line) {
		return nil, &Error{Msg: "line is not valid UTF-8"}
	}
	s := strings.TrimLeftFunc(line, unicode.IsSpace)
	s = strings.TrimPrefix(s, ":")
	var words []word
	for {
		s = strings.TrimLeftFunc(s, unicode.IsSpace)
		if s == "" {
			return words, nil
		}
		n := len(words) + 1
		var w word
		var err error
		w, s, err = next(s, n)
		if err != nil {
			return nil, err
		}
		if strings.IndexFunc(w.text, unicode.IsControl) >= 0 {
			return nil, errAt(n, "control character in word %d", n)
		}
		words = append(words, w)
	}
}

// next reads the word at the start of s (which starts with no space) and
// returns it and the rest.
func next(s string, n int) (word, string, error) {
	q := s[0]
	if q != '"' && q != '\'' {
		end := strings.IndexFunc(s, unicode.IsSpace)
		if end < 0 {
			end = len(s)
		}
		return word{text: s[:end], n: n}, s[end:], nil
	}
	var b strings.Builder
	for i := 1; i < len(s); i++ {
		c := s[i]
		switch {
		case c == q:
			rest := s[i+1:]
			if r, _ := utf8.DecodeRuneInString(rest); rest != "" && !unicode.IsSpace(r) {
				return word{}, "", errAt(n, "text after the closing quote of word %d", n)
			}
			return word{text: b.String(), quoted: true, n: n}, rest, nil
		case c == '\\' && q == '"' && i+1 < len(s) && (s[i+1] == '"' || s[i+1] == '\\'):
			i++
			b.WriteByte(s[i])
		default:
			b.WriteByte(c)
		}
	}
	return word{}, "", errAt(n, "unterminated quote at word %d", n)
}
