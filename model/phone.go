package model

import "bytes"

// maxPhonePositions bounds the digits (and masked positions) PhoneMatches
// looks at: E.164 allows 15 digits, and a longer text is not a phone
// number, so it never matches rather than costing time.
const maxPhonePositions = 64

// PhoneMatches reports whether query could be the number shown as masked.
// Graph hides the end of callerNumber/calleeNumber with '*' ("+1425555***"
// stands for +1 425 555 xxxx: the run of three stars hides the last three
// or four digits). Only digits count: '+', spaces, dashes, dots and
// parentheses are ignored in both, so "+1 (425) 555-0123" and
// "+14255550123" are the same query. The rule, precisely:
//
// In masked, each digit is a known position and each run of n '*' hides at
// least one and at most n+1 digits. A query with no digits matches nothing,
// and texts with more than 64 positions never match. The query matches when
// any of these holds:
//
//  1. From the start: the query's digits match masked's from its first
//     position on, known digits equal and a star run taking any digits it
//     may hide. The query may stop anywhere, so a query shorter than the
//     number matches as a prefix ("+1425" matches "+1425555***"), and one
//     that runs past what masked can hide does not.
//  2. Inside: a query without a country code (no '+' before its first
//     digit, not starting "00") matches when its digits occur,
//     consecutively, among masked's known digits without crossing a star
//     run ("5555" matches "+1425555***"; "5550123" does not: its end is
//     hidden).
//  3. National form: such a query of at least 6 digits also matches as in
//     rule 1 after masked's country code, with or without one leading
//     trunk '0' in the query: "(425) 555-0123" matches "+1425555***", and
//     "020 7946 0123" matches "+44207946****". The country code's length
//     comes from the E.164 assignments (1 and 7 are one digit, 20, 27, 30…
//     two, the rest three), so a query never starts inside an area code.
//
// A query starting "00" (the international prefix) is read as "+" and is
// matched by rule 1 only, as is one starting with '+'.
func PhoneMatches(masked, query string) bool {
	var pbuf [maxPhonePositions]phonePos
	p, ok := phonePattern(masked, pbuf[:0])
	if !ok || len(p) == 0 {
		return false
	}
	var qbuf [maxPhonePositions]byte
	q, intl, ok := phoneDigits(query, qbuf[:0])
	if !ok || len(q) == 0 {
		return false
	}
	if matchPhoneFrom(p, q) {
		return true
	}
	if intl {
		return false
	}
	if knownRunsContain(p, q) {
		return true
	}
	cc := countryCodeLen(p)
	if cc == 0 {
		return false
	}
	for _, qq := range [][]byte{q, trimTrunkZero(q)} {
		if len(qq) >= 6 && matchPhoneFrom(p[cc:], qq) {
			return true
		}
	}
	return false
}

// twoDigitCodes are the E.164 country codes of two digits; 1 and 7 are the
// one-digit ones, and every other code has three.
var twoDigitCodes = [...]string{"20", "27", "30", "31", "32", "33", "34", "36", "39", "40", "41", "43", "44",
	"45", "46", "47", "48", "49", "51", "52", "53", "54", "55", "56", "57", "58", "60", "61", "62", "63", "64",
	"65", "66", "81", "82", "84", "86", "90", "91", "92", "93", "94", "95", "98"}

// countryCodeLen is the length of p's country code, or 0 when p does not
// start with one known digits long and followed by more.
func countryCodeLen(p []phonePos) int {
	known := 0
	for known < len(p) && known < 4 && p[known].hidden == 0 {
		known++
	}
	if known < 2 {
		return 0
	}
	n := 3
	switch d := string([]byte{p[0].digit, p[1].digit}); {
	case d[0] == '1' || d[0] == '7':
		n = 1
	default:
		for _, c := range twoDigitCodes {
			if c == d {
				n = 2
			}
		}
	}
	if n >= len(p) || n > known {
		return 0
	}
	return n
}

// phonePos is one position of a masked number: a known digit, or a run of
// hidden stars.
type phonePos struct {
	digit  byte
	hidden int // stars in the run; 0 for a known digit
}

// phonePattern reads masked's digits and star runs, ignoring anything else;
// ok is false past maxPhonePositions.
func phonePattern(masked string, p []phonePos) ([]phonePos, bool) {
	n := 0
	for i := 0; i < len(masked); i++ {
		c := masked[i]
		switch {
		case c >= '0' && c <= '9':
			p = append(p, phonePos{digit: c})
		case c == '*':
			if len(p) > 0 && p[len(p)-1].hidden > 0 {
				p[len(p)-1].hidden++
				n++
				if n > maxPhonePositions {
					return nil, false
				}
				continue
			}
			p = append(p, phonePos{hidden: 1})
		default:
			continue
		}
		n++
		if n > maxPhonePositions {
			return nil, false
		}
	}
	return p, true
}

// phoneDigits reads the query's digits. intl reports a number given with
// its country code: a '+' before the first digit, or a leading "00", which
// is dropped.
func phoneDigits(query string, q []byte) (digits []byte, intl, ok bool) {
	plus := false
	for i := 0; i < len(query); i++ {
		c := query[i]
		switch {
		case c >= '0' && c <= '9':
			if len(q) == maxPhonePositions {
				return nil, false, false
			}
			q = append(q, c)
		case c == '+' && len(q) == 0:
			plus = true
		}
	}
	if !plus && len(q) > 2 && q[0] == '0' && q[1] == '0' {
		return q[2:], true, true
	}
	return q, plus, true
}

func trimTrunkZero(q []byte) []byte {
	if len(q) > 0 && q[0] == '0' {
		return q[1:]
	}
	return nil
}

// matchPhoneFrom is rule 1: q matches p from p's first position, and may
// end anywhere. reach[i] says the first i query digits are matched; a star
// run of n moves every reached i on by 1 to n+1.
func matchPhoneFrom(p []phonePos, q []byte) bool {
	var a, b [maxPhonePositions + 1]bool
	reach, next := a[:len(q)+1], b[:len(q)+1]
	reach[0] = true
	for _, pos := range p {
		if reach[len(q)] {
			return true
		}
		clear(next)
		moved := false
		for i := 0; i < len(q); i++ {
			if !reach[i] {
				continue
			}
			if pos.hidden == 0 {
				if q[i] == pos.digit {
					next[i+1], moved = true, true
				}
				continue
			}
			for j := i + 1; j <= min(i+pos.hidden+1, len(q)); j++ {
				next[j], moved = true, true
			}
		}
		if !moved {
			return false
		}
		reach, next = next, reach
	}
	return reach[len(q)]
}

// knownRunsContain is rule 2: q inside one run of known digits.
func knownRunsContain(p []phonePos, q []byte) bool {
	var buf [maxPhonePositions]byte
	run := buf[:0]
	for i := 0; i <= len(p); i++ {
		if i < len(p) && p[i].hidden == 0 {
			run = append(run, p[i].digit)
			continue
		}
		if len(run) >= len(q) && bytes.Contains(run, q) {
			return true
		}
		run = run[:0]
	}
	return false
}
