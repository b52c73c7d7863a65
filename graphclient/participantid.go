package graphclient

import (
	"strings"

	"github.com/callscope/callscope/model"
)

// LiteralParticipantID reports whether text already is a participant id as
// call records carry it (graph-api.md §4.9), so no directory lookup is
// needed, and returns it in the form Graph writes:
//   - an Entra object id (GUID), lowercased as Graph sends them;
//   - a phone number: '+' then digits, with spaces, dots, dashes and
//     parentheses allowed in between and dropped ("+1 (425) 555-0100" →
//     "+14255550100"), since phone participants are E.164 numbers;
//   - a guest id: 32 hex digits without dashes;
//   - a Skype/ACS-style id with a numeric prefix ("8:orgid:…", "8:acs:…").
//
// Anything else (a UPN, a name) is for ResolveUser to look up.
func LiteralParticipantID(text string) (string, bool) {
	s := strings.TrimSpace(text)
	switch {
	case model.IsGUID(s):
		return strings.ToLower(s), true
	case strings.HasPrefix(s, "+"):
		if n, ok := e164(s); ok {
			return n, true
		}
	case len(s) == 32 && isHex(s):
		return s, true
	case hasMRIPrefix(s):
		return s, true
	}
	return "", false
}

func isHex(s string) bool {
	for i := 0; i < len(s); i++ {
		if !model.IsHexDigit(s[i]) {
			return false
		}
	}
	return true
}

// e164 reads "+" then digits and separators as an E.164 number: 3 to 15
// digits, the first not 0 (no country code starts with 0).
func e164(s string) (string, bool) {
	var b strings.Builder
	b.WriteByte('+')
	n := 0
	for i := 1; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= '0' && c <= '9':
			if n == 0 && c == '0' {
				return "", false
			}
			b.WriteByte(c)
			n++
		case c == ' ' || c == '-' || c == '.' || c == '(' || c == ')':
		default:
			return "", false
		}
	}
	if n < 3 || n > 15 {
		return "", false
	}
	return b.String(), true
}

// hasMRIPrefix is "<digits>:<more>", how Teams writes non-directory ids.
func hasMRIPrefix(s string) bool {
	i := 0
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	return i > 0 && i < len(s)-1 && s[i] == ':'
}

// looksLikeLocalNumber is digits (and separators) without a '+': a phone
// number given without its country code.
func looksLikeLocalNumber(s string) bool {
	digits := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= '0' && c <= '9':
			digits++
		case c == ' ' || c == '-' || c == '.' || c == '(' || c == ')':
		default:
			return false
		}
	}
	return digits >= 5
}
