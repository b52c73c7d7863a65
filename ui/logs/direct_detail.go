package logs

import (
	"cmp"
	"strconv"
	"time"

	"github.com/callscope/callscope/model"
	"github.com/callscope/callscope/model/sip"
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
	e := sip.ExplainPhrase(int(r.FinalSIPCode), int(r.CallEndSubReason), r.FinalSIPCodePhrase, r.MediaBypassEnabled)
	result := "OK (successful call)"
	if !r.SuccessfulCall {
		result = st.Danger.Render("FAILED") + " (attempt; outcome: " + sip.Classify(false, int(r.FinalSIPCode), int(r.CallEndSubReason)).String() + ")"
	}
	b.Heading("Outcome")
	b.Field("Result", result)
	b.Field("SIP code", rowstore.SipText(r.FinalSIPCode, "")+" — "+e.SIP.Meaning)
	b.Field("Phrase", common.OrDash(r.FinalSIPCodePhrase))
	sub := strconv.Itoa(int(r.CallEndSubReason)) + " — " + e.Sub.Meaning
	if e.Sub.Side != "" {
		sub += " [" + string(e.Sub.Side) + "]"
	}
	b.Field("Subcode", sub)
	// Who sent the final response is not who is at fault: say only whose
	// service answered, and, for a failure, where to look.
	b.Field("Final response from", e.FinalResponse.Text())
	if e.LookAt != "" {
		b.Field("Look at", string(e.LookAt))
	}
	b.Heading("Explanation")
	b.Field("In Teams", e.SIP.TeamsHint)
	b.Field("Diagnosis", e.Diagnosis)
	b.Field("Check next", st.Accent.Render(e.NextStep))
	b.Heading("Call")
	b.Field("Start", timeText(r.StartDateTime, loc))
	b.Field("Invite", timeText(r.InviteDateTime, loc))
	b.Field("Failure", timeText(r.FailureDateTime, loc))
	b.Field("End", timeText(r.EndDateTime, loc))
	b.Field("Duration", durationText(r.Duration))
	b.Field("User", userText(r.UserDisplayName, r.UserPrincipalName, r.UserID))
	b.Field("Caller", common.OrDash(r.CallerNumber))
	b.Field("Callee", common.OrDash(r.CalleeNumber))
	b.Field("Call type", common.OrDash(r.CallType))
	b.Field("Trunk", common.OrDash(r.TrunkFullyQualifiedDomainName))
	bypass := "disabled"
	if r.MediaBypassEnabled {
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
			k.CopyID.Help().Key + " copies it · " + k.RawJSON.Help().Key + " raw JSON")
	} else {
		b.Note("No correlation id: there is no call record to open · " + k.RawJSON.Help().Key + " raw JSON")
	}
}

// record decodes row i; y copies the correlation id support asks for.
func (r *directRouting) record(i int32) decoded {
	row := r.Row(i)
	return decoded{title: "SIP " + strconv.Itoa(int(row.FinalSIPCode)) + "/" + strconv.Itoa(int(row.CallEndSubReason)),
		start: row.StartDateTime, id: row.ID, correlation: row.CorrelationID, copyID: cmp.Or(row.CorrelationID, row.ID),
		graph: &row, lines: func(b *table.Details, loc *time.Location, k common.KeyMap) { drLines(b, &row, loc, k) }}
}
