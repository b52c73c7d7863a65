// Package ticket reads what a support ticket carries, pasted as it is, and
// says what it is: a call id, a PSTN callId, a UPN, a display name or a
// phone number (normalised to E.164 when the text says its country). The
// explorer's "open" (":open X", O) routes on the answer.
//
// Ids and how they link, from docs/graph-api.md §2.14, §2.15 and §4.9
// (Microsoft Graph v1.0 "directRoutingLogRow resource type" and
// "pstnCallLogRow resource type", read 2026-11; microsoft-graph-docs-contrib
// issue #3061): a call record's id is a GUID, and a Direct Routing row's
// correlationId is the id of its call record, so one GUID names both; a
// PSTN row's callId looks like "1835317186_112562680@61.221.3.176" and
// links to no call record.
package ticket

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Kind is what a text was read as.
type Kind int

const (
	// Unknown is a text none of the forms below fits.
	Unknown Kind = iota
	// CallID is a GUID: a call record's id, which is also the
	// correlationId of its Direct Routing rows.
	CallID
	// PstnCallID is a PSTN row's callId ("<digits>_<digits>@<host>").
	PstnCallID
	// UPN is a user principal name or a SIP/mail address of one.
	UPN
	// Phone is a phone number; Ticket.E164 says whether Value is E.164.
	Phone
	// Name is a display name or the start of one.
	Name
)

// String names the kind for messages.
func (k Kind) String() string {
	switch k {
	case CallID:
		return "call id"
	case PstnCallID:
		return "PSTN callId"
	case UPN:
		return "UPN"
	case Phone:
		return "phone number"
	case Name:
		return "name"
	}
	return "unknown"
}

// Ticket is a text read.
type Ticket struct {
	Kind Kind
	// Value is the text in the form the explorer looks it up by: a GUID in
	// lower case without braces or prefix; a callId or UPN without its
	// sip:/mailto: prefix; a phone number in E.164 ("+49301234567") or, with
	// no country given, its digits ("0301234567"); a name with its spaces
	// collapsed. "" when Kind is Unknown.
	Value string
	// E164 says that a Phone's Value is E.164.
	E164 bool
}

// Forms says what Classify reads, for the message shown when it reads
// nothing.
const Forms = "a call record id or Direct Routing correlationId (GUID), a PSTN callId " +
	"(1835317186_112562680@61.221.3.176), a UPN (anette@contoso.com), a name (Anette Thom) " +
	"or a phone number (+49 30 1234-567, 0049 30 1234567, tel:+14255550123)"

// maxLen bounds the text read: a ticket's id, address or name is short,
// and a longer paste is not one of them.
const maxLen = 512

// Classify reads text, trimmed of spaces, quotes and the punctuation a
// sentence leaves around it. Text that is none of the forms whole but holds
// a GUID ("Call ID: {3f2a…}") is that GUID.
func Classify(text string) Ticket {
	s := trim(text)
	if s == "" || len(s) > maxLen || !utf8.ValidString(s) || strings.IndexFunc(s, unicode.IsControl) >= 0 {
		return Ticket{}
	}
	if id, ok := guid(s); ok {
		return Ticket{Kind: CallID, Value: id}
	}
	s = stripScheme(s)
	if len(s) >= 4 && strings.EqualFold(s[:4], "tel:") {
		if t, ok := phone(s[len("tel:"):]); ok {
			return t
		}
		return Ticket{}
	}
	if strings.Contains(s, "@") {
		return address(s)
	}
	if t, ok := phone(s); ok {
		return t
	}
	if id, ok := findGUID(s); ok {
		return Ticket{Kind: CallID, Value: id}
	}
	return name(s)
}

// trim drops what surrounds a pasted value: spaces, quotes, angle
// brackets, and a sentence's trailing punctuation.
func trim(s string) string {
	return strings.TrimFunc(s, func(r rune) bool {
		return unicode.IsSpace(r) || strings.ContainsRune("\"'`<>“”‘’.,;!?", r)
	})
}

// stripScheme drops sip: and mailto: (any case, any number of them), as
// Teams and mail clients copy addresses with them.
func stripScheme(s string) string {
	for {
		cut := false
		for _, p := range []string{"sip:", "mailto:"} {
			if len(s) >= len(p) && strings.EqualFold(s[:len(p)], p) {
				s, cut = trim(s[len(p):]), true
			}
		}
		if !cut {
			return s
		}
	}
}

// address reads text with an '@': a PSTN callId or a UPN.
func address(s string) Ticket {
	at := strings.LastIndexByte(s, '@')
	local, host := s[:at], s[at+1:]
	if local == "" || host == "" || strings.ContainsAny(s, " \t") || strings.Count(s, "@") != 1 {
		return Ticket{}
	}
	if isCallIDLocal(local) || isIPv4(host) {
		// Entra UPNs end in a domain name, never an address literal.
		return Ticket{Kind: PstnCallID, Value: s}
	}
	if !strings.Contains(host, ".") || strings.HasPrefix(host, ".") || strings.HasSuffix(host, ".") {
		return Ticket{}
	}
	return Ticket{Kind: UPN, Value: s}
}

// isCallIDLocal reports digits, an underscore and digits: the part of a
// PSTN callId before its '@'.
func isCallIDLocal(s string) bool {
	i := strings.IndexByte(s, '_')
	return i > 0 && i < len(s)-1 && allDigits(s[:i]) && allDigits(s[i+1:])
}

func isIPv4(s string) bool {
	parts := strings.Split(s, ".")
	if len(parts) != 4 {
		return false
	}
	for _, p := range parts {
		if p == "" || len(p) > 3 || !allDigits(p) {
			return false
		}
	}
	return true
}

func allDigits(s string) bool {
	return s != "" && strings.Trim(s, "0123456789") == ""
}

// name reads a display name: it has a letter, and is not a broken id (hex
// and dashes only, such as a GUID with a character lost), which a people
// lookup would never find.
func name(s string) Ticket {
	s = strings.Join(strings.Fields(s), " ")
	if strings.IndexFunc(s, unicode.IsLetter) < 0 || looksLikeID(s) {
		return Ticket{}
	}
	return Ticket{Kind: Name, Value: s}
}

// looksLikeID reports hex digits, dashes and braces, with at least one
// digit and eight characters: an id, not a name ("Abbe" and "Dee" stay names).
func looksLikeID(s string) bool {
	digits := 0
	for _, r := range s {
		switch {
		case r >= '0' && r <= '9':
			digits++
		case r >= 'a' && r <= 'f', r >= 'A' && r <= 'F', r == '-', r == '{', r == '}':
		default:
			return false
		}
	}
	return digits > 0 && len(s) >= 8
}
