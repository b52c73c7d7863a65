package export

import (
	"strconv"
	"strings"
	"time"

	"github.com/callscope/callscope/model"
	"github.com/callscope/callscope/model/sip"
	"github.com/callscope/callscope/model/triage"
)

// CSV layouts. Columns are appended, never reordered or renamed: scripts
// and spreadsheets address them by position as often as by name. Cells hold
// Graph's values as they are; Writer neutralises those a spreadsheet would
// run as a formula.

// CallColumns are the list fields of a call record (sessions are not part
// of the list; a record is written whole as JSON).
var CallColumns = Columns[model.CallRecord]{
	Header: []string{"id", "version", "type", "modalities", "start", "end", "duration_seconds",
		"organizer", "organizer_id", "last_modified", "join_web_url"},
	Fill: func(r *model.CallRecord, c []string) {
		c[0] = r.ID
		if r.Version != 0 {
			c[1] = strconv.FormatInt(r.Version, 10)
		}
		c[2] = r.Type
		c[3] = strings.Join(r.Modalities, ";")
		c[4] = Stamp(r.StartDateTime)
		c[5] = Stamp(r.EndDateTime)
		if !r.StartDateTime.IsZero() && !r.EndDateTime.IsZero() {
			c[6] = seconds(r.EndDateTime.Sub(r.StartDateTime.Time))
		}
		c[7] = r.OrganizerText()
		c[8] = organizerID(r)
		c[9] = Stamp(r.LastModifiedDateTime)
		c[10] = r.JoinWebURL
	},
}

// organizerID is organizer_v2's id, or the deprecated organizer's user id.
func organizerID(r *model.CallRecord) string {
	if r.OrganizerV2 != nil && r.OrganizerV2.ID != "" {
		return r.OrganizerV2.ID
	}
	if r.Organizer != nil && r.Organizer.User != nil {
		return r.Organizer.User.ID
	}
	return ""
}

// DirectRoutingColumns are every directRoutingLogRow field under its Graph
// name, then our outcome bucket (sip.ClassifyReported) for triage in a
// spreadsheet. A value Graph did not report (model.LogFields) is an empty
// cell, never 0 or false, and its outcome is "not reported".
var DirectRoutingColumns = Columns[model.DirectRoutingRow]{
	Header: []string{"id", "correlationId", "userId", "userPrincipalName", "userDisplayName",
		"startDateTime", "inviteDateTime", "failureDateTime", "endDateTime", "duration", "callType",
		"successfulCall", "callerNumber", "calleeNumber", "mediaPathLocation", "signalingLocation",
		"finalSipCode", "callEndSubReason", "finalSipCodePhrase", "trunkFullyQualifiedDomainName",
		"mediaBypassEnabled", "outcome"},
	Fill: func(r *model.DirectRoutingRow, c []string) {
		c[0] = r.ID
		c[1] = r.CorrelationID
		c[2] = r.UserID
		c[3] = r.UserPrincipalName
		c[4] = r.UserDisplayName
		c[5] = Stamp(r.StartDateTime)
		c[6] = Stamp(r.InviteDateTime)
		c[7] = Stamp(r.FailureDateTime)
		c[8] = Stamp(r.EndDateTime)
		c[9] = reportedInt(r.Duration, r.Reported(model.LogDuration))
		c[10] = r.CallType
		c[11] = reportedBool(r.SuccessfulCall, r.Reported(model.LogSuccessfulCall))
		c[12] = r.CallerNumber
		c[13] = r.CalleeNumber
		c[14] = r.MediaPathLocation
		c[15] = r.SignalingLocation
		c[16] = reportedInt(r.FinalSIPCode, r.Reported(model.LogFinalSIPCode))
		c[17] = reportedInt(r.CallEndSubReason, r.Reported(model.LogCallEndSubReason))
		c[18] = r.FinalSIPCodePhrase
		c[19] = r.TrunkFullyQualifiedDomainName
		c[20] = reportedBool(r.MediaBypassEnabled, r.Reported(model.LogMediaBypassEnabled))
		c[21] = sip.ClassifyReported(r.SuccessfulCall, int(r.FinalSIPCode), int(r.CallEndSubReason),
			triage.MissingOf(r.Unreported)).String()
	},
}

// PstnColumns are every pstnCallLogRow field under its Graph name.
var PstnColumns = Columns[model.PstnRow]{
	Header: []string{"id", "callId", "userId", "userPrincipalName", "userDisplayName",
		"startDateTime", "endDateTime", "duration", "charge", "connectionCharge", "currency",
		"callType", "calleeNumber", "callerNumber", "destinationContext", "destinationName",
		"conferenceId", "licenseCapability", "inventoryType", "operator", "callDurationSource",
		"tenantCountryCode", "usageCountryCode"},
	Fill: func(r *model.PstnRow, c []string) {
		c[0] = r.ID
		c[1] = r.CallID
		c[2] = r.UserID
		c[3] = r.UserPrincipalName
		c[4] = r.UserDisplayName
		c[5] = Stamp(r.StartDateTime)
		c[6] = Stamp(r.EndDateTime)
		c[7] = reportedInt(r.Duration, r.Reported(model.LogDuration))
		c[8] = money(r.Charge)
		c[9] = money(r.ConnectionCharge)
		c[10] = r.Currency
		c[11] = r.CallType
		c[12] = r.CalleeNumber
		c[13] = r.CallerNumber
		c[14] = r.DestinationContext
		c[15] = r.DestinationName
		c[16] = r.ConferenceID
		c[17] = r.LicenseCapability
		c[18] = r.InventoryType
		c[19] = r.Operator
		c[20] = r.CallDurationSource
		c[21] = r.TenantCountryCode
		c[22] = r.UsageCountryCode
	},
}

// Stamp writes a timestamp as RFC 3339 UTC; no value is an empty cell.
func Stamp(t model.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(time.RFC3339Nano)
}

// seconds writes a duration in seconds, with a fraction only when there is one.
func seconds(d time.Duration) string {
	return strconv.FormatFloat(d.Seconds(), 'f', -1, 64)
}

// reportedInt writes a number; one Graph did not report is an empty cell.
func reportedInt(v int32, reported bool) string {
	if !reported {
		return ""
	}
	return strconv.FormatInt(int64(v), 10)
}

// reportedBool writes a flag; one Graph did not report is an empty cell.
func reportedBool(v, reported bool) string {
	if !reported {
		return ""
	}
	return strconv.FormatBool(v)
}

// money writes an amount as Graph sent it; no value is an empty cell.
func money(v *float64) string {
	if v == nil {
		return ""
	}
	return strconv.FormatFloat(*v, 'f', -1, 64)
}
