package logs

import (
	"cmp"
	"time"

	"github.com/callscope/callscope/model"
	"github.com/callscope/callscope/ui/common"
	"github.com/callscope/callscope/ui/rowstore"
	"github.com/callscope/callscope/ui/table"
)

// pstnLines lays out a PSTN row: every field.
func pstnLines(b *table.Details, r *model.PstnRow, loc *time.Location, k common.KeyMap) {
	money := func(f *float64) string {
		if f == nil {
			return "—"
		}
		return rowstore.ChargeText(*f, r.Currency)
	}
	b.Heading("Call")
	b.Field("Start", timeText(r.StartDateTime, loc))
	b.Field("End", timeText(r.EndDateTime, loc))
	b.Field("Duration", reportedText(r.Reported(model.LogDuration), func() string { return durationText(r.Duration) }))
	b.Field("Duration from", common.OrDash(r.CallDurationSource))
	b.Field("User", userText(r.UserDisplayName, r.UserPrincipalName, r.UserID))
	b.Field("Caller", common.OrDash(r.CallerNumber))
	b.Field("Callee", common.OrDash(r.CalleeNumber))
	b.Field("Call type", common.OrDash(r.CallType))
	b.Field("Destination", common.OrDash(r.DestinationName)+" ("+common.OrDash(r.DestinationContext)+")")
	b.Heading("Billing")
	b.Field("Charge", money(r.Charge))
	b.Field("Connection", money(r.ConnectionCharge))
	b.Field("License", common.OrDash(r.LicenseCapability))
	b.Field("Inventory", common.OrDash(r.InventoryType))
	b.Field("Operator", common.OrDash(r.Operator))
	b.Field("Countries", "tenant "+common.OrDash(r.TenantCountryCode)+" · usage "+common.OrDash(r.UsageCountryCode))
	b.Heading("Ids")
	b.Field("Call id", common.OrDash(r.CallID))
	b.Field("Conference", common.OrDash(r.ConferenceID))
	b.Field("Row id", common.OrDash(r.ID))
	b.Blank()
	b.Note(k.CopyID.Help().Key + " copies the row id · " + k.RawJSON.Help().Key + " JSON")
}

// record decodes row i; y copies the call id.
func (r *pstn) record(i int32) decoded {
	row := r.Row(i)
	return decoded{title: "Call " + common.ShortID(row.ID), start: row.StartDateTime, id: row.ID,
		copyID: cmp.Or(row.CallID, row.ID), graph: &row,
		lines: func(b *table.Details, loc *time.Location, k common.KeyMap) { pstnLines(b, &row, loc, k) }}
}
