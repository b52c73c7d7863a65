package ticket

import (
	"strings"
	"unicode"

	"github.com/callscope/callscope/model"
)

// guid reads s as one GUID: 8-4-4-4-12 hex digits, in braces or after
// urn:uuid: as some tools write them, or as the last segment of a URL
// (…/communications/callRecords/{id}, as Graph Explorer shows it).
func guid(s string) (string, bool) {
	if i := strings.IndexAny(s, "?#"); i >= 0 && strings.Contains(s, "/") {
		s = s[:i]
	}
	if i := strings.LastIndexByte(s, '/'); i >= 0 {
		s = s[i+1:]
	}
	if len(s) > 9 && strings.EqualFold(s[:9], "urn:uuid:") {
		s = s[9:]
	}
	if len(s) == 38 && s[0] == '{' && s[37] == '}' {
		s = s[1:37]
	}
	if !model.IsGUID(s) {
		return "", false
	}
	return strings.ToLower(s), true
}

// findGUID is the first GUID inside s that stands apart from other hex
// digits, for a pasted "Call ID: 3f2a…" line.
func findGUID(s string) (string, bool) {
	for i := 0; i+36 <= len(s); i++ {
		if i > 0 && isHexOrDash(s[i-1]) || i+36 < len(s) && isHexOrDash(s[i+36]) {
			continue
		}
		if model.IsGUID(s[i : i+36]) {
			return strings.ToLower(s[i : i+36]), true
		}
	}
	return "", false
}

func isHexOrDash(c byte) bool { return model.IsHexDigit(c) || c == '-' }

// E.164 (ITU-T Recommendation E.164, 11/2010, §6): at most 15 digits, the
// country code first, and no country code starts with 0. Seven digits is
// the shortest number this reads as international, so that "+49" alone is
// not taken for one.
const (
	minE164Digits = 7
	maxE164Digits = 15
)

// phone reads a phone number in the forms people write: "+49 30 1234-567",
// "+49 (0)30 1234567" (the "(0)" is the trunk prefix, dropped), "0049 30
// 1234567", "(030) 1234567", "030/1234567", "+1.425.555.0123", a tel: URI's
// number with its parameters (";ext=12") dropped. A number with its
// country (a '+' or "00") becomes E.164; one without keeps its digits, at
// least three, which the log views match nationally (model.PhoneMatches).
func phone(s string) (Ticket, bool) {
	if i := strings.IndexByte(s, ';'); i >= 0 {
		s = s[:i]
	}
	s = strings.TrimSpace(s)
	if s == "" || isDate(s) {
		return Ticket{}, false
	}
	plus := s[0] == '+'
	if plus {
		s = s[1:]
	}
	if plus || strings.HasPrefix(s, "00") {
		// "+49 (0)30 …": the bracketed trunk prefix is not dialled from abroad.
		s = strings.Replace(strings.Join(strings.Fields(s), ""), "(0)", "", 1)
	}
	var digits []byte
	for _, r := range s {
		switch {
		case r >= '0' && r <= '9':
			digits = append(digits, byte(r))
		case unicode.IsSpace(r), strings.ContainsRune("-.()/", r):
		default:
			return Ticket{}, false
		}
	}
	intl := plus
	if !plus && len(digits) > 2 && digits[0] == '0' && digits[1] == '0' && digits[2] != '0' {
		digits, intl = digits[2:], true
	}
	if intl {
		if len(digits) < minE164Digits || len(digits) > maxE164Digits || digits[0] == '0' {
			return Ticket{}, false
		}
		return Ticket{Kind: Phone, Value: "+" + string(digits), E164: true}, true
	}
	if len(digits) < 3 || len(digits) > maxE164Digits {
		return Ticket{}, false
	}
	return Ticket{Kind: Phone, Value: string(digits)}, true
}

// isDate reports YYYY-MM-DD, which is a day in a ticket, not a number.
func isDate(s string) bool {
	return len(s) == 10 && s[4] == '-' && s[7] == '-' && allDigits(s[:4]+s[5:7]+s[8:])
}
