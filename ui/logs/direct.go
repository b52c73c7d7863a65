package logs

import (
	"strconv"
	"strings"
	"time"

	"github.com/callscope/callscope/model"
	"github.com/callscope/callscope/ui/common"
	tea "github.com/charmbracelet/bubbletea"
)

func (r *directRouting) cell(i int32, col int, loc *time.Location, failed string) string {
	return r.Cell(i, col, loc, failed)
}

// matcher narrows by failures only and a summary group, then by the
// prompt's user, SIP code and trunk. Lookups by interned id are memoised,
// as the store grows while the predicate lives.
func (r *directRouting) matcher(f filter) func(int32) bool {
	preds := []func(int32) bool{r.Matcher(f.failuresOnly, f.group), personMatcher(f.user, func(i int32) (uint32, uint32, uint32) {
		p := r.Rows.At(i)
		return p.User, p.Caller, p.Callee
	}, r.Users.User, r.Numbers.Str)}
	if f.hasSip {
		code := f.sip
		preds = append(preds, func(i int32) bool { return r.Rows.At(i).SIPCode == code })
	}
	if f.trunk != "" {
		want := strings.ToLower(f.trunk)
		var memo idMemo
		preds = append(preds, func(i int32) bool {
			return memo.get(r.Rows.At(i).Trunk, func(id uint32) bool {
				return strings.Contains(strings.ToLower(r.Strings.Str(id)), want)
			})
		})
	}
	return allOf(preds)
}

// drExportHeader is Graph's property names; times are RFC 3339 UTC.
var drExportHeader = []string{"id", "correlationId", "userId", "userPrincipalName", "userDisplayName",
	"startDateTime", "inviteDateTime", "failureDateTime", "endDateTime", "duration", "callType",
	"successfulCall", "callerNumber", "calleeNumber", "mediaPathLocation", "signalingLocation",
	"finalSipCode", "callEndSubReason", "finalSipCodePhrase", "trunkFullyQualifiedDomainName",
	"mediaBypassEnabled"}

func (r *directRouting) export(c *common.Common, n int, at func(int) int32) tea.Cmd {
	return exportRows(c, r.file, drExportHeader, n, at, r.Snapshot().Row, drFields)
}

// drFields writes a row for an export, in drExportHeader's order.
func drFields(r model.DirectRoutingRow, rec []string) {
	copy(rec, []string{r.ID, r.CorrelationID, r.UserID, r.UserPrincipalName, r.UserDisplayName,
		graphTime(r.StartDateTime), graphTime(r.InviteDateTime), graphTime(r.FailureDateTime), graphTime(r.EndDateTime),
		strconv.Itoa(int(r.Duration)), r.CallType, strconv.FormatBool(r.SuccessfulCall), r.CallerNumber, r.CalleeNumber,
		r.MediaPathLocation, r.SignalingLocation, strconv.Itoa(int(r.FinalSIPCode)), strconv.Itoa(int(r.CallEndSubReason)),
		r.FinalSIPCodePhrase, r.TrunkFullyQualifiedDomainName, strconv.FormatBool(r.MediaBypassEnabled)})
}
