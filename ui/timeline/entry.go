package timeline

import (
	"cmp"
	"strings"
	"time"

	"github.com/callscope/callscope/model"
	"github.com/callscope/callscope/model/quality"
	"github.com/callscope/callscope/model/sip"
	"github.com/callscope/callscope/ui/common"
	"github.com/callscope/callscope/ui/rowstore"
)

// kind is where a timeline row comes from.
type kind uint8

const (
	kindCall   kind = iota // a Teams call record
	kindDirect             // a Direct Routing row
	kindPstn               // a PSTN (Calling Plan) row
)

// words is the Kind cell.
func (k kind) words() string {
	switch k {
	case kindDirect:
		return "Direct Routing"
	case kindPstn:
		return "PSTN"
	}
	return "Call"
}

// unknownCell is a call's Result or Quality not known yet, as the calls
// list shows it.
const unknownCell = "…"

// entry is one row of the timeline, reduced on arrival to what the
// columns show and what enter opens.
type entry struct {
	kind  kind
	start time.Time
	id    string // the call record's id, or the log row's
	other string // the other party
	// result and quality are the cells; a call's stay "" until its
	// record is read (verdicts.go).
	result, quality string
	failed          bool // result says the call failed (for the row style)
	// record is the call record the row belongs to: the call's own id, a
	// Direct Routing row's correlation id; "" for none.
	record string
	dr     *model.DirectRoutingRow
	pstn   *model.PstnRow
}

// newer orders entries newest first, then calls before the log rows of
// the same instant, then by id, so the order is the same whichever
// source lands first.
func newer(a, b *entry) int {
	if c := b.start.Compare(a.start); c != 0 {
		return c
	}
	if c := cmp.Compare(a.kind, b.kind); c != 0 {
		return c
	}
	return strings.Compare(a.id, b.id)
}

// callEntry is a call record's row; the other party is the organizer
// when that is not the subject (who else took part needs the record).
func callEntry(s Subject, r *model.CallRecord) entry {
	e := entry{kind: kindCall, start: r.StartDateTime.Time, id: r.ID, record: r.ID}
	if o := r.OrganizerV2; o != nil && !s.isSubject(o.ID) {
		e.other = r.OrganizerText()
	} else if o == nil {
		e.other = r.OrganizerText()
	}
	return e
}

// withVerdict fills a call's Result and Quality the way the calls list
// does (quality.CallResult and CallQuality on the expanded record), and
// the other party from its sessions when the organizer was the subject.
func (e *entry) withVerdict(s Subject, rec *model.CallRecord) {
	res, q := quality.CallResult(rec), quality.CallQuality(rec)
	e.result, e.quality, e.failed = res.Short(), q.Short(), res.Outcome == quality.Failed
	if e.other == "" {
		e.other = otherInSessions(s, rec)
	}
}

// withStored fills a call's cells from the words the store keeps beside
// a record (common.StoreVerdict: Result.Text and CallVerdict.Label).
func (e *entry) withStored(result, quality string) {
	e.result, e.quality = result, quality
	e.failed = strings.HasPrefix(result, "failed")
}

// otherInSessions is the first caller or callee of the record's sessions
// who is not the subject: a participant endpoint's associatedIdentity,
// else the endpoint's identity (a phone on a PSTN leg carries only that).
func otherInSessions(s Subject, rec *model.CallRecord) string {
	for i := range rec.Sessions {
		ss := &rec.Sessions[i]
		for _, ep := range []*model.Endpoint{ss.Caller, ss.Callee} {
			if t := endpointOther(s, ep); t != "" {
				return t
			}
		}
	}
	return ""
}

// endpointOther is an endpoint's name unless it is the subject's.
func endpointOther(s Subject, ep *model.Endpoint) string {
	if ep == nil {
		return ""
	}
	if id := ep.AssociatedIdentity; id != nil {
		if id.ID != "" && s.isSubject(id.ID) {
			return ""
		}
		if t := cmp.Or(id.DisplayName, id.UserPrincipalName, id.ID); t != "" {
			return t
		}
	}
	if ep.Identity == nil || (ep.Identity.User != nil && s.isSubject(ep.Identity.User.ID)) {
		return ""
	}
	t, _ := ep.Identity.DisplayText()
	if t == "" || s.isSubject(t) || (s.IsNumber() && model.PhoneMatches(t, s.Number)) {
		return ""
	}
	return t
}

// directEntry is a Direct Routing row's row: its result in the words of
// the calls list (ok, failed, or ended for a user outcome such as busy,
// sip.KindOfEnd drawing the line) with the SIP code.
func directEntry(s Subject, r *model.DirectRoutingRow) entry {
	row := *r // a copy: a pointer into the loader's chunk would keep the whole chunk
	e := entry{kind: kindDirect, start: r.StartDateTime.Time, id: r.ID, record: r.CorrelationID, dr: &row,
		other:   otherParty(s, r.CallType, r.UserDisplayName, r.UserPrincipalName, r.CallerNumber, r.CalleeNumber),
		quality: "—"}
	code := rowstore.SipText(r.FinalSIPCode, r.FinalSIPCodePhrase)
	switch {
	case !r.Reported(model.LogSuccessfulCall):
		e.result = rowstore.NotReportedCell
	case r.SuccessfulCall:
		e.result = "ok"
	case sip.KindOfEnd(int(r.FinalSIPCode), int(r.CallEndSubReason)) == sip.EndFailure:
		e.result, e.failed = "failed: SIP "+code, true
	default:
		e.result = "ended: SIP " + code
	}
	return e
}

// pstnEntry is a PSTN row's row: the log carries no outcome, so the
// result is the call's duration, and no quality.
func pstnEntry(s Subject, r *model.PstnRow) entry {
	row := *r // a copy, as for Direct Routing rows
	e := entry{kind: kindPstn, start: r.StartDateTime.Time, id: r.ID, pstn: &row, quality: "—",
		other: otherParty(s, r.CallType, r.UserDisplayName, r.UserPrincipalName, r.CallerNumber, r.CalleeNumber)}
	e.result = "—"
	if r.Reported(model.LogDuration) {
		e.result = "lasted " + common.FormatSeconds(int64(r.Duration))
	}
	return e
}

// otherParty is the far end of a log row: for a person, the number on
// the other side by the call's direction; for a number, the Teams user
// the row is about, else the other number.
func otherParty(s Subject, callType, name, upn, caller, callee string) string {
	if s.IsNumber() {
		if u := cmp.Or(name, upn); u != "" {
			return u
		}
		if model.PhoneMatches(caller, s.Number) {
			return common.OrDash(callee)
		}
		return common.OrDash(caller)
	}
	if inbound(callType) {
		return common.OrDash(caller)
	}
	return common.OrDash(callee)
}

// inbound reads a log row's callType ("ByotIn", "user_in",
// "ByotOutUserForwarding", "user_out_conf"…): calls into Teams name "in"
// and no "out".
func inbound(callType string) bool {
	t := strings.ToLower(callType)
	return !strings.Contains(t, "out") && strings.Contains(t, "in")
}
