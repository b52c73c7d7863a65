// Package search is the query language of `/` in every list: words that
// must all appear in a row's text, field terms (sip:487, user:anette), `!`
// to negate a term and quoted phrases. It parses and matches; what a row
// is, and which fields it has, the list says through Row.
package search

import (
	"fmt"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Field names the field terms know, in the order errors list them.
const (
	Sip     = "sip"     // final SIP code: sip:487, or a class, sip:4xx
	Sub     = "sub"     // Microsoft's call end subcode: sub:560487
	Trunk   = "trunk"   // trunk FQDN, substring: trunk:eu
	User    = "user"    // UPN or display name, substring: user:anette
	Number  = "num"     // caller or callee, by digits: num:+4930
	Type    = "type"    // call type, substring: type:groupCall
	Result  = "result"  // failed or ok
	Quality = "quality" // a call's verdict: good, poor, unclassified
	Status  = "status"  // an HTTP status: status:429, or a class, status:5xx
)

// Fields are every field name, as errors and help list them.
var Fields = []string{Sip, Sub, Trunk, User, Number, Type, Result, Quality, Status}

// The values result: and quality: take.
const (
	Failed       = "failed"
	OK           = "ok"
	Good         = "good"
	Poor         = "poor"
	Unclassified = "unclassified"
)

// Term is one condition of a query: Value is in the row's text (Field
// "") or in the named field, or, when Negate, is not.
type Term struct {
	Field  string
	Value  string // lower case; digits only for num:
	Negate bool
}

// Query is a parsed search: a row matches when every term holds. The
// zero Query has no terms and matches every row.
type Query struct {
	Terms []Term
}

// Row is what a query matches against: one row of a list.
type Row interface {
	// Field is the row's value of a field in Fields; ok is false when the
	// row has no such field or Graph did not report it: a term on it then
	// fails, and its negation holds (!sip:487 keeps a row with no code).
	// A row with several numbers gives num as "caller,callee".
	Field(name string) (value string, ok bool)
	// Text is everything the row shows, in which words are looked for.
	Text() string
}

// TextSearcher is a Row that looks for a word in its text itself, cell by
// cell, cheaper than building all of Text for each row. A word (or a
// phrase) then matches within one cell.
type TextSearcher interface {
	// ContainsText reports whether lower, in lower case, is in the row's
	// text in any case.
	ContainsText(lower string) bool
}

// Empty reports a query with no terms.
func (q Query) Empty() bool { return len(q.Terms) == 0 }

// Matches reports whether every term holds for r.
func (q Query) Matches(r Row) bool {
	for _, t := range q.Terms {
		if !t.holds(r) {
			return false
		}
	}
	return true
}

// Uses reports whether a term names field (text words are field "").
func (q Query) Uses(field string) bool {
	return slices.ContainsFunc(q.Terms, func(t Term) bool { return t.Field == field })
}

// Check refuses a query naming a field the rows do not have, saying which
// they do: "quality: Direct Routing rows have no quality (fields: sip, …)".
func (q Query) Check(what string, fields []string) error {
	for _, t := range q.Terms {
		if t.Field != "" && !slices.Contains(fields, t.Field) {
			return fmt.Errorf("%s: %s rows have no %s (fields: %s)", t.Field, what, t.Field, strings.Join(fields, ", "))
		}
	}
	return nil
}

// Highlights are the texts a matching row shows because of the query, to
// mark in its cells: the values of the terms that are not negated (num:
// and class terms such as sip:4xx excepted, which match no literal text).
func (q Query) Highlights() []string {
	var out []string
	for _, t := range q.Terms {
		if t.Negate || t.Field == Number || ((t.Field == Sip || t.Field == Status) && isClass(t.Value)) {
			continue
		}
		if !slices.Contains(out, t.Value) {
			out = append(out, t.Value)
		}
	}
	return out
}

// holds is one term on r.
func (t Term) holds(r Row) bool {
	var v string
	if t.Field == "" {
		if ts, ok := r.(TextSearcher); ok {
			return ts.ContainsText(t.Value) != t.Negate
		}
		v = r.Text()
	} else {
		var ok bool
		if v, ok = r.Field(t.Field); !ok {
			return t.Negate
		}
	}
	return fieldMatches(t.Field, t.Value, v) != t.Negate
}

// fieldMatches is want (a parsed term value) against a row's value v of
// field: codes and enumerations whole, numbers by digits, the rest as a
// case-insensitive substring.
func fieldMatches(field, want, v string) bool {
	switch field {
	case Sip, Sub, Status:
		if isClass(want) {
			return len(v) == 3 && v[0] == want[0]
		}
		return v == want
	case Result, Quality:
		return strings.EqualFold(v, want)
	case Number:
		for part := range strings.SplitSeq(v, ",") {
			if strings.Contains(digits(part), want) {
				return true
			}
		}
		return false
	}
	return ContainsFold(v, want)
}

// isClass reports a SIP class term: 4xx.
func isClass(v string) bool { return len(v) == 3 && v[1:] == "xx" }

// digits is s without anything but its ASCII digits.
func digits(s string) string {
	if strings.IndexFunc(s, func(r rune) bool { return r < '0' || r > '9' }) < 0 {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= '0' && c <= '9' {
			b.WriteByte(c)
		}
	}
	return b.String()
}

// ContainsFold reports whether lower, already lower case, is in s in any
// case. ASCII text, the usual row, is compared without allocating.
func ContainsFold(s, lower string) bool {
	if lower == "" {
		return true
	}
	if !isASCII(s) || !isASCII(lower) {
		return strings.Contains(strings.ToLower(s), lower)
	}
	first := lower[0]
	for i := 0; i+len(lower) <= len(s); i++ {
		if toLowerASCII(s[i]) != first {
			continue
		}
		j := 1
		for j < len(lower) && toLowerASCII(s[i+j]) == lower[j] {
			j++
		}
		if j == len(lower) {
			return true
		}
	}
	return false
}

// IndexFold is the byte offset of lower, already lower case, in s in any
// case, or -1; for highlighting, so ASCII only (-1 otherwise).
func IndexFold(s, lower string) int {
	if lower == "" || !isASCII(s) || !isASCII(lower) {
		return -1
	}
	for i := 0; i+len(lower) <= len(s); i++ {
		j := 0
		for j < len(lower) && toLowerASCII(s[i+j]) == lower[j] {
			j++
		}
		if j == len(lower) {
			return i
		}
	}
	return -1
}

func toLowerASCII(c byte) byte {
	if c >= 'A' && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// isFieldName reports a token prefix that reads as a field name (letters
// only), so that "14:02" and "sip/487" stay words.
func isFieldName(s string) bool {
	return s != "" && strings.IndexFunc(s, func(r rune) bool { return !unicode.IsLetter(r) }) < 0
}
