package logs

import (
	"cmp"
	"strconv"
	"time"

	"github.com/callscope/callscope/model"
	"github.com/callscope/callscope/model/sip"
	"github.com/callscope/callscope/model/triage"
	"github.com/callscope/callscope/ui/common"
	"github.com/callscope/callscope/ui/rowstore"
	"github.com/callscope/callscope/ui/table"
)

// drLines lays out a Direct Routing row: the outcome and its explanation
// first (that is what the user came for), then every field. The
// explanation reads the row's phrase too: where Microsoft's pages tell
// causes apart by it (504, 549002, 569002), the phrase picks the cause.
func drLines(b *table.Details, r *model.DirectRoutingRow, loc *time.Location, k common.KeyMap) {
	st := b.Styles
	missing := triage.MissingOf(r.Unreported)
	outcome := sip.ClassifyReported(r.SuccessfulCall, int(r.FinalSIPCode), int(r.CallEndSubReason), missing)
	var result string
	switch {
	case missing&sip.UnreportedSuccess != 0:
		result = "not reported (Graph sent no successfulCall; outcome: " + outcome.String() + ")"
	case r.SuccessfulCall:
		result = "OK (successful call)"
	default:
		result = st.Danger.Render("FAILED") + " (attempt; outcome: " + outcome.String() + ")"
	}
	b.Heading("Outcome")
	b.Field("Result", result)
	if missing&sip.UnreportedCode != 0 {
		// No code: no table applies, and 0 would explain a normal end.
		b.Field("SIP code", notReported)
		b.Field("Phrase", common.OrDash(r.FinalSIPCodePhrase))
		b.Field("Subcode", reportedText(missing&sip.UnreportedSubcode == 0, func() string { return strconv.Itoa(int(r.CallEndSubReason)) }))
		b.Heading("Explanation")
		b.Field("Diagnosis", "Graph did not report the final SIP code of this call, so callscope cannot say how it ended.")
	} else {
		drExplanation(b, r, missing&sip.UnreportedSubcode != 0)
	}
	b.Heading("Call")
	b.Field("Start", timeText(r.StartDateTime, loc))
	b.Field("Invite", timeText(r.InviteDateTime, loc))
	b.Field("Failure", timeText(r.FailureDateTime, loc))
	b.Field("End", timeText(r.EndDateTime, loc))
	b.Field("Duration", reportedText(r.Reported(model.LogDuration), func() string { return durationText(r.Duration) }))
	b.Field("User", userText(r.UserDisplayName, r.UserPrincipalName, r.UserID))
	b.Field("Caller", common.OrDash(r.CallerNumber))
	b.Field("Callee", common.OrDash(r.CalleeNumber))
	b.Field("Call type", common.OrDash(r.CallType))
	b.Field("Trunk", common.OrDash(r.TrunkFullyQualifiedDomainName))
	bypass := "disabled"
	switch {
	case !r.Reported(model.LogMediaBypassEnabled):
		bypass = notReported
	case r.MediaBypassEnabled:
		bypass = "enabled"
	}
	b.Field("Media bypass", bypass)
	b.Field("Signaling", common.OrDash(r.SignalingLocation))
	b.Field("Media path", common.OrDash(r.MediaPathLocation))
	b.Field("Correlation", common.OrDash(r.CorrelationID))
	b.Field("Row id", common.OrDash(r.ID))
	b.Blank()
	if r.CorrelationID != "" {
		b.Note(k.OpenRecord.Help().Key + "/" + k.Open.Help().Key + " opens the Teams call record with this correlation id · " +
			k.CopyID.Help().Key + " copies it · " + k.RawJSON.Help().Key + " JSON")
	} else {
		b.Note("No correlation id: there is no call record to open · " + k.RawJSON.Help().Key + " JSON")
	}
}

// drExplanation explains a row whose SIP code was reported; noSubcode says
// its subcode was not.
func drExplanation(b *table.Details, r *model.DirectRoutingRow, noSubcode bool) {
	st := b.Styles
	e := sip.ExplainPhrase(int(r.FinalSIPCode), int(r.CallEndSubReason), r.FinalSIPCodePhrase, r.MediaBypassEnabled)
	b.Field("SIP code", rowstore.SipText(r.FinalSIPCode, "")+" — "+e.SIP.Meaning)
	b.Field("Phrase", common.OrDash(r.FinalSIPCodePhrase))
	sub := strconv.Itoa(int(r.CallEndSubReason)) + " — " + e.Sub.Meaning
	if e.Sub.Side != "" {
		sub += " [" + string(e.Sub.Side) + "]"
	}
	if noSubcode {
		sub = notReported
	}
	b.Field("Subcode", sub)
	// Who sent the final response is not who is at fault: say only whose
	// service answered, and, for a failure, where to look. Without the
	// subcode Microsoft's rule (560xxx, 540xxx) cannot be applied.
	if noSubcode {
		b.Field("Final response from", notReported)
	} else {
		b.Field("Final response from", e.FinalResponse.Text())
		if e.LookAt != "" {
			b.Field("Look at", string(e.LookAt))
		}
	}
	b.Heading("Explanation")
	b.Field("In Teams", e.SIP.TeamsHint)
	b.Field("Diagnosis", e.Diagnosis)
	b.Field("Check next", st.Accent.Render(e.NextStep))
}

// record decodes row i; y copies the correlation id support asks for.
func (r *directRouting) record(i int32) decoded {
	row := r.Row(i)
	g := rowstore.LogGroup{Code: row.FinalSIPCode, Subcode: row.CallEndSubReason, Unreported: triage.MissingOf(row.Unreported), Kind: rowstore.GroupCode}
	return decoded{title: g.Label(),
		start: row.StartDateTime, id: row.ID, correlation: row.CorrelationID, copyID: cmp.Or(row.CorrelationID, row.ID),
		graph: &row, lines: func(b *table.Details, loc *time.Location, k common.KeyMap) { drLines(b, &row, loc, k) }}
}
