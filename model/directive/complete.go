package directive

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// timeHints are the times offered after from and to.
var timeHints = []string{"now", "today", "yesterday", "-15m", "-1h", "-2h", "-24h", "-7d", "-30d"}

// sipHints are the final codes Direct Routing failures most often end with.
var sipHints = []string{"0", "403", "404", "408", "480", "486", "487", "488", "500", "502", "503", "504", "603"}

// Complete returns the candidates for the word at cursor (a byte offset
// into line) that start with what is typed of it before the cursor, in
// the order they are offered: command names in command place, view names
// after view, times after from and to, common codes after sip. Values
// only the tenant knows (user, trunk) have none. Matching ignores case.
func Complete(line string, cursor int) []string {
	start, _ := Span(line, cursor)
	cursor = clampCursor(line, cursor)
	prefix := strings.ToLower(line[start:cursor])
	var pool []string
	switch expecting(line[:start]) {
	case "":
		pool = append(append([]string{}, Names...), View)
	case From, To:
		pool = timeHints
	case Sip:
		pool = sipHints
	case View:
		pool = ViewNames
	case typing, Open:
		return nil
	}
	var out []string
	for _, c := range pool {
		if strings.HasPrefix(strings.ToLower(c), prefix) {
			out = append(out, c)
		}
	}
	return out
}

// Span is the byte range [start, end) of the word at cursor, which a
// completion replaces; start == end at a space. A leading ':' is not part
// of the first word.
func Span(line string, cursor int) (start, end int) {
	cursor = clampCursor(line, cursor)
	lead := len(line) - len(strings.TrimLeftFunc(line, unicode.IsSpace))
	floor := lead
	if strings.HasPrefix(line[lead:], ":") {
		floor++
	}
	if cursor < floor {
		return cursor, cursor
	}
	start = cursor
	for start > floor {
		r, n := utf8.DecodeLastRuneInString(line[:start])
		if unicode.IsSpace(r) {
			break
		}
		start -= n
	}
	end = cursor
	for end < len(line) {
		r, n := utf8.DecodeRuneInString(line[end:])
		if unicode.IsSpace(r) {
			break
		}
		end += n
	}
	return start, end
}

// clampCursor keeps cursor inside line and on a rune boundary.
func clampCursor(line string, cursor int) int {
	cursor = max(0, min(cursor, len(line)))
	for cursor > 0 && cursor < len(line) && !utf8.RuneStart(line[cursor]) {
		cursor--
	}
	return cursor
}

// typing is what expecting returns inside an open quote: a value no
// completion knows.
const typing = "\""

// expecting is the value command whose value comes next after the words
// in before, or "" when a command comes next. It reads leniently: a quote
// left open or an unknown word does not stop completion.
func expecting(before string) string {
	s := strings.TrimPrefix(strings.TrimLeftFunc(before, unicode.IsSpace), ":")
	want := ""
	for {
		s = strings.TrimLeftFunc(s, unicode.IsSpace)
		if s == "" {
			return want
		}
		w, rest, err := next(s, 0)
		if err != nil {
			return typing // an open quote: a value is being typed
		}
		s = rest
		switch name := strings.ToLower(w.text); {
		case want == Open:
			return typing // open takes the rest of the line
		case want != "":
			want = ""
		case !w.quoted && takesValue[name]:
			want = name
		}
	}
}
