// Package redact masks the personal data of call records and call logs
// (display names, user principal names, e-mail addresses and phone
// numbers) so that a screenshot or an export can go into a support ticket.
// Masks are deterministic and keep the shape of what they hide:
//
//	Name("Anette Thomsen")     == "A***** T******"
//	UPN("alice@contoso.com")   == "a****@contoso.com"
//	Phone("+14255550123")      == "+1425*******"
//
// Every function is idempotent (masking a masked value changes nothing),
// so data that passes through twice, or arrives already masked by Graph
// ("+1425555****"), is safe. Object ids are left alone: they name no one
// and are what a ticket needs to find the call again.
package redact

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// maskRune replaces every hidden character.
const maskRune = '*'

// Name keeps the first letter of every word and masks the rest; spaces,
// hyphens, apostrophes, dots, commas and brackets stay, so "Jean-Luc
// O'Neil (Contoso)" keeps its shape. A name that is really a UPN or a
// phone number (Graph shows either when there is no display name) gets
// that mask instead.
func Name(s string) string {
	switch {
	case s == "":
		return s
	case strings.Contains(s, "@"):
		return UPN(s)
	case looksLikePhone(s):
		return Phone(s)
	}
	m := maskWords(s)
	if looksLikePhone(m) {
		// "1ab 2cd" masks to "1** 2**", which a second pass would take
		// for a number; masking it as one now keeps Name idempotent.
		return Phone(m)
	}
	return m
}

// maskWords keeps the first rune of every word and masks the others.
func maskWords(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	start := true
	for _, r := range s {
		if isNameSeparator(r) {
			b.WriteRune(r)
			start = true
			continue
		}
		if start {
			b.WriteRune(r)
			start = false
			continue
		}
		b.WriteRune(maskRune)
	}
	return b.String()
}

// isNameSeparator reports the characters that part the words of a name.
func isNameSeparator(r rune) bool {
	return unicode.IsSpace(r) || strings.ContainsRune("-'’.,()[]/&", r)
}

// UPN keeps the first character of the local part and the whole domain:
// the domain tells a support engineer whose tenant a user belongs to,
// which is not personal. Text without an @ is masked as a name.
func UPN(s string) string {
	at := strings.LastIndexByte(s, '@')
	if at < 0 {
		return Name(s)
	}
	local, domain := s[:at], s[at:]
	if local == "" {
		return s
	}
	_, n := utf8.DecodeRuneInString(local)
	return local[:n] + strings.Repeat(string(maskRune), utf8.RuneCountInString(local[n:])) + domain
}

// phoneKeep is how many leading digits Phone keeps: the country code and
// the start of the area code, which route the call and name no one.
const phoneKeep = 4

// Phone keeps a leading "+", separators and the first four digits (half
// the digits of a short number) and masks every other digit and letter.
// A "sip:" or "tel:" prefix and anything from ";" or "@" on (a SIP URI's
// host and parameters) are kept as they are.
func Phone(s string) string {
	if s == "" {
		return s
	}
	prefix, body, suffix := splitPhone(s)
	// Letters (a vanity number) take a place like digits but are always
	// masked, so a second pass sees the same places and keeps the same.
	places := 0
	for _, r := range body {
		if isDigitOrMask(r) || unicode.IsLetter(r) {
			places++
		}
	}
	keep := min(phoneKeep, places/2)
	var b strings.Builder
	b.Grow(len(s))
	b.WriteString(prefix)
	seen := 0
	for _, r := range body {
		switch {
		case isDigitOrMask(r) || unicode.IsLetter(r):
			if seen < keep && !unicode.IsLetter(r) {
				b.WriteRune(r)
			} else {
				b.WriteRune(maskRune)
			}
			seen++
		default:
			b.WriteRune(r) // + ( ) - . and spaces keep the number's shape
		}
	}
	b.WriteString(suffix)
	return b.String()
}

func isDigitOrMask(r rune) bool { return (r >= '0' && r <= '9') || r == maskRune }

// splitPhone separates a URI scheme and a SIP host or parameters from the
// number itself.
func splitPhone(s string) (prefix, body, suffix string) {
	lower := strings.ToLower(s)
	for _, p := range []string{"tel:", "sip:", "sips:"} {
		if strings.HasPrefix(lower, p) {
			prefix, s = s[:len(p)], s[len(p):]
			break
		}
	}
	if i := strings.IndexAny(s, ";@"); i >= 0 {
		s, suffix = s[:i], s[i:]
	}
	return prefix, s, suffix
}

// looksLikePhone reports text that is a phone number: an optional "+" or
// scheme, then 5 to 15 digits (E.164's most; Graph's "***" masking counts)
// among separators and nothing else. The upper bound keeps an all-digit
// GUID from passing as a number.
func looksLikePhone(s string) bool {
	_, body, _ := splitPhone(strings.TrimSpace(s))
	digits := 0
	for _, r := range body {
		switch {
		case isDigitOrMask(r):
			digits++
		case strings.ContainsRune("+()-. ", r):
		default:
			return false
		}
	}
	return digits >= 5 && digits <= 15
}

// ID masks an identifier only when it is personal: a phone number or an
// address. Object ids (GUIDs) and other opaque ids are returned as they
// are, so the record can still be found.
func ID(s string) string {
	switch {
	case strings.Contains(s, "@"):
		return UPN(s)
	case looksLikePhone(s):
		return Phone(s)
	}
	return s
}
