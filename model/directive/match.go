package directive

import (
	"strings"

	"github.com/callscope/callscope/model"
)

// RowFilter is what the prompt's user, sip and trunk directives ask of a
// log row, plus the number the scripted commands take (--number), written
// once over decoded rows so that `callscope direct` and `pstn` narrow as
// the ":" line does. The zero value passes every row.
type RowFilter struct {
	User   string // user directive: UPN or display name substring, or phone digits
	Number string // caller or callee number, matched by digits
	Trunk  string // trunk FQDN substring, any case
	Sip    int    // final SIP code, when HasSip
	HasSip bool
}

// Empty reports a filter that passes every row.
func (f RowFilter) Empty() bool {
	return f.User == "" && f.Number == "" && f.Trunk == "" && !f.HasSip
}

// Direct reports whether a Direct Routing row passes every part of f. A
// row whose finalSipCode Graph did not report never matches a SIP code,
// not even 0: a null is not 0.
func (f RowFilter) Direct(r *model.DirectRoutingRow) bool {
	if f.HasSip && (!r.Reported(model.LogFinalSIPCode) || int(r.FinalSIPCode) != f.Sip) {
		return false
	}
	if f.Trunk != "" && !TrunkMatches(f.Trunk, r.TrunkFullyQualifiedDomainName) {
		return false
	}
	return f.person(r.UserPrincipalName, r.UserDisplayName, r.CallerNumber, r.CalleeNumber)
}

// Pstn reports whether a PSTN row passes f. PSTN rows carry no SIP code
// or trunk, so a filter asking for either passes nothing.
func (f RowFilter) Pstn(r *model.PstnRow) bool {
	if f.HasSip || f.Trunk != "" {
		return false
	}
	return f.person(r.UserPrincipalName, r.UserDisplayName, r.CallerNumber, r.CalleeNumber)
}

// person applies User and Number to a row's user and numbers.
func (f RowFilter) person(upn, name, caller, callee string) bool {
	if f.User != "" && !UserMatches(f.User, upn, name, caller, callee) {
		return false
	}
	return f.Number == "" || NumberMatches(f.Number, caller, callee)
}

// UserMatches is the user directive's rule: q is a case-insensitive
// substring of the UPN or display name, or, when q looks like a phone
// number, matches the caller or callee number (NumberMatches).
func UserMatches(q, upn, name, caller, callee string) bool {
	lq := strings.ToLower(q)
	if strings.Contains(strings.ToLower(upn), lq) || strings.Contains(strings.ToLower(name), lq) {
		return true
	}
	return LooksLikePhone(q) && NumberMatches(q, caller, callee)
}

// NumberMatches reports q matching the caller or callee number by digits,
// whatever Graph masked with '*' (model.PhoneMatches).
func NumberMatches(q, caller, callee string) bool {
	return model.PhoneMatches(caller, q) || model.PhoneMatches(callee, q)
}

// TrunkMatches is the trunk directive's rule: q is a case-insensitive
// substring of the trunk's FQDN.
func TrunkMatches(q, fqdn string) bool {
	return strings.Contains(strings.ToLower(fqdn), strings.ToLower(q))
}

// LooksLikePhone reports a query made of digits (at least three), phone
// punctuation and an optional leading '+'.
func LooksLikePhone(q string) bool {
	digits := 0
	for i, r := range q {
		switch {
		case r >= '0' && r <= '9':
			digits++
		case r == '+' && i == 0, r == ' ', r == '-', r == '.', r == '(', r == ')':
		default:
			return false
		}
	}
	return digits >= 3
}
