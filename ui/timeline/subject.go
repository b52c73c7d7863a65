// Package timeline is one screen for a person or a phone number over a
// range: their call records, Direct Routing rows and PSTN rows merged
// newest first, with each row's result and quality and a count per day,
// so "Anette's dropped call yesterday" is one screen, not three views and
// a filter each.
package timeline

import (
	"cmp"
	"strings"

	"github.com/callscope/callscope/graphclient"
	"github.com/callscope/callscope/model"
	"github.com/callscope/callscope/model/directive"
)

// Subject is whom a timeline follows: a person (a directory object id and
// the name to show) or a phone number.
type Subject struct {
	// ID is the person's Entra object id; "" for a number.
	ID string
	// Name is what the screen calls the subject: a display name, or the
	// number as given.
	Name string
	// UPN, when known, also matches log rows that carry no user id.
	UPN string
	// Number is the phone number followed, "" for a person.
	Number string
}

// Person is the subject of directory user id, shown as name.
func Person(id, name string) Subject {
	return Subject{ID: strings.ToLower(strings.TrimSpace(id)), Name: name}
}

// Number is the subject of a phone number in any common format: it
// follows the calls whose participant is the number in E.164 (the form
// call records carry) and the log rows whose caller or callee matches by
// digits (model.PhoneMatches, whatever Graph masked).
func Number(n string) Subject {
	n = strings.TrimSpace(n)
	return Subject{Name: n, Number: n}
}

// IsNumber reports a number subject.
func (s Subject) IsNumber() bool { return s.Number != "" }

// participant is the id the calls list filters on
// (participants_v2/any(p:p/id eq '…')): the object id, or the number in
// the E.164 form phone participants carry; "" when the number has no
// such form (a national number without a country code), whose calls
// cannot be asked for.
func (s Subject) participant() string {
	if !s.IsNumber() {
		return s.ID
	}
	n := strings.TrimSpace(s.Number)
	n = strings.TrimPrefix(n, "tel:")
	if rest, ok := strings.CutPrefix(n, "00"); ok {
		n = "+" + rest // the international prefix most of Europe dials
	}
	if !strings.HasPrefix(n, "+") {
		return ""
	}
	id, _ := graphclient.LiteralParticipantID(n)
	return id
}

// matchesUser reports a log row of the subject: a person by the row's
// user id (exactly, ids being GUIDs in any case) or UPN; a number by the
// caller or callee number, the rule the log views' number filter uses.
func (s Subject) matchesUser(userID, upn, caller, callee string) bool {
	if s.IsNumber() {
		return directive.NumberMatches(s.Number, caller, callee)
	}
	if s.ID != "" && strings.EqualFold(userID, s.ID) {
		return true
	}
	return s.UPN != "" && strings.EqualFold(upn, s.UPN)
}

// matchesDirect reports a Direct Routing row of the subject.
func (s Subject) matchesDirect(r *model.DirectRoutingRow) bool {
	return s.matchesUser(r.UserID, r.UserPrincipalName, r.CallerNumber, r.CalleeNumber)
}

// matchesPstn reports a PSTN row of the subject.
func (s Subject) matchesPstn(r *model.PstnRow) bool {
	return s.matchesUser(r.UserID, r.UserPrincipalName, r.CallerNumber, r.CalleeNumber)
}

// isSubject reports that a participant id is the subject's.
func (s Subject) isSubject(id string) bool {
	p := s.participant()
	return p != "" && strings.EqualFold(id, p)
}

// Participant is the subject of a call participant id as the calls list
// filters by it: a phone number (E.164, "+…") is followed as a number,
// anything else as a person, shown as name ("" shows the id).
func Participant(id, name string) Subject {
	if strings.HasPrefix(strings.TrimSpace(id), "+") {
		return Number(id)
	}
	if name == "" {
		name = id
	}
	return Person(id, name)
}

// OfDirect is whom a Direct Routing row is about: its Teams user when it
// names one, else the number on the far end; ok is false when it names
// neither.
func OfDirect(r *model.DirectRoutingRow) (Subject, bool) {
	return ofRow(r.UserID, r.UserDisplayName, r.UserPrincipalName, r.CallType, r.CallerNumber, r.CalleeNumber)
}

// OfPstn is whom a PSTN row is about, as OfDirect.
func OfPstn(r *model.PstnRow) (Subject, bool) {
	return ofRow(r.UserID, r.UserDisplayName, r.UserPrincipalName, r.CallType, r.CallerNumber, r.CalleeNumber)
}

// ofRow is a log row's subject: the user, else the far end's number
// (the caller of a call in, the callee of a call out).
func ofRow(userID, name, upn, callType, caller, callee string) (Subject, bool) {
	if userID != "" {
		s := Person(userID, cmp.Or(name, upn, userID))
		s.UPN = upn
		return s, true
	}
	n := callee
	if inbound(callType) {
		n = caller
	}
	if digitsOf(n) == "" {
		return Subject{}, false
	}
	return Number(n), true
}

// digitsOf keeps the digits of s: a number Graph masked whole ("****")
// has none and follows nobody.
func digitsOf(s string) string {
	var b strings.Builder
	for _, r := range s {
		if r >= '0' && r <= '9' {
			b.WriteRune(r)
		}
	}
	return b.String()
}
