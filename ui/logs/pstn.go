package logs

import (
	"strconv"
	"time"

	"github.com/callscope/callscope/model"
	"github.com/callscope/callscope/ui/common"
	tea "github.com/charmbracelet/bubbletea"
)

func (r *pstn) cell(i int32, col int, loc *time.Location, _ string) string {
	return r.Cell(i, col, loc)
}

// matcher narrows by a summary group and the prompt's user.
func (r *pstn) matcher(f filter) func(int32) bool {
	return allOf([]func(int32) bool{r.Matcher(f.group), personMatcher(f.user, func(i int32) (uint32, uint32, uint32) {
		p := r.Rows.At(i)
		return p.User, p.Caller, p.Callee
	}, r.Users.User, r.Numbers.Str)})
}

// pstnExportHeader is Graph's property names; times are RFC 3339 UTC.
var pstnExportHeader = []string{"id", "callId", "userId", "userPrincipalName", "userDisplayName",
	"startDateTime", "endDateTime", "duration", "charge", "connectionCharge", "currency", "callType",
	"calleeNumber", "callerNumber", "destinationContext", "destinationName", "conferenceId",
	"licenseCapability", "inventoryType", "operator", "callDurationSource", "tenantCountryCode",
	"usageCountryCode"}

func (r *pstn) export(c *common.Common, n int, at func(int) int32) tea.Cmd {
	return exportRows(c, r.file, pstnExportHeader, n, at, r.Snapshot().Row, pstnFields)
}

// pstnFields writes a row for an export, in pstnExportHeader's order.
func pstnFields(r model.PstnRow, rec []string) {
	money := func(f *float64) string {
		if f == nil {
			return ""
		}
		return strconv.FormatFloat(*f, 'f', -1, 64)
	}
	copy(rec, []string{r.ID, r.CallID, r.UserID, r.UserPrincipalName, r.UserDisplayName,
		graphTime(r.StartDateTime), graphTime(r.EndDateTime), strconv.Itoa(int(r.Duration)), money(r.Charge),
		money(r.ConnectionCharge), r.Currency, r.CallType, r.CalleeNumber, r.CallerNumber, r.DestinationContext,
		r.DestinationName, r.ConferenceID, r.LicenseCapability, r.InventoryType, r.Operator, r.CallDurationSource,
		r.TenantCountryCode, r.UsageCountryCode})
}
