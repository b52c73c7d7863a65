package fakegraph

import (
	"encoding/json"
	"fmt"
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/callscope/callscope/model"
)

// functionNamespace qualifies the report functions the way the SDK emits them.
const functionNamespace = "microsoft.graph.callRecords."

// isFunction reports whether a path segment calls fn, short or
// namespace-qualified (both are normal OData function addressing).
func isFunction(seg, fn string) bool {
	l := strings.ToLower(seg)
	f := strings.ToLower(fn) + "("
	return strings.HasPrefix(l, f) || strings.HasPrefix(l, strings.ToLower(functionNamespace)+f)
}

// Function parameter literals the docs and issues show working: a bare date,
// or a timestamp with 0 to 7 fractional digits (graph-api.md §1.6) and Z or
// a numeric offset such as +00:00, as OData's DateTimeOffset literal allows
// and Graph itself writes times (§4.7, §4.8); an offset is read as the
// instant it names. In a path segment a '+' stays a '+'.
var (
	paramDate      = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}$`)
	paramTimestamp = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,7})?(Z|[+-]\d{2}:\d{2})$`)
)

// parseFunctionParams reads "(fromDateTime=…,toDateTime=…)" from the path
// segment. Errors imitate the OData parser: an empty value is "Expression
// expected at position N in '<params>'", N counted from the first character
// inside the parentheses (error-400-function-params-reconstructed.json).
func parseFunctionParams(seg string) (from, to time.Time, msg string) {
	open := strings.IndexByte(seg, '(')
	inner := seg[open+1:]
	if !strings.HasSuffix(inner, ")") {
		return from, to, fmt.Sprintf("')' expected at position %d in '%s'.", len(inner), inner)
	}
	inner = strings.TrimSuffix(inner, ")")
	var got [2]bool
	pos := 0
	for _, part := range strings.Split(inner, ",") {
		name, val, hasEq := strings.Cut(part, "=")
		valPos := pos + len(name) + 1
		pos += len(part) + 1
		var dst *time.Time
		switch {
		case name == "fromDateTime" && hasEq && !got[0]:
			dst, got[0] = &from, true
		case name == "toDateTime" && hasEq && !got[1]:
			dst, got[1] = &to, true
		default:
			return from, to, fmt.Sprintf("Syntax error at position %d in '%s'.", valPos-len(name)-1, inner)
		}
		if val == "" {
			return from, to, fmt.Sprintf("Expression expected at position %d in '%s'.", valPos, inner)
		}
		t, ok := parseParamTime(val)
		if !ok {
			return from, to, fmt.Sprintf("Syntax error at position %d in '%s'.", valPos, inner)
		}
		*dst = t
	}
	if !got[0] || !got[1] {
		return from, to, fmt.Sprintf("Expression expected at position %d in '%s'.", len(inner), inner)
	}
	return from, to, ""
}

func parseParamTime(v string) (time.Time, bool) {
	layout := time.RFC3339Nano
	switch {
	case paramDate.MatchString(v):
		layout = time.DateOnly
	case paramTimestamp.MatchString(v):
	default:
		return time.Time{}, false
	}
	t, err := time.Parse(layout, v)
	return t.UTC(), err == nil
}

// logQuery reads $skip; Graph ignores $filter on these functions
// (graph-api.md §4.4), and so does the fake, silently.
func logQuery(c *call) (int, bool) {
	q, err := parseQuery(c.r.URL.RawQuery)
	if err != nil {
		c.badRequest(err.Error())
		return 0, false
	}
	raw, ok := q["$skip"]
	if !ok {
		return 0, true
	}
	n, err := strconv.Atoi(raw)
	if err != nil || n < 0 {
		c.badRequest("Invalid value '" + raw + "' for $skip query option found. The $skip query option requires a non-negative integer value.")
		return 0, false
	}
	return n, true
}

// directRoutingCalls serves getDirectRoutingCalls: rows with
// from <= startDateTime < to (toDateTime is exclusive: the page
// "callRecord: getDirectRoutingCalls", changed from inclusive by
// microsoft-graph-docs-contrib PR #18011; graph-api.md §1.6), 1000 a page
// in Options.ListOrder.
func (s *Server) directRoutingCalls(c *call, seg string) {
	from, to, msg := parseFunctionParams(seg)
	if msg != "" {
		c.badRequest(msg)
		return
	}
	skip, ok := logQuery(c)
	if !ok {
		return
	}
	dr, _ := s.tenant.logSnapshot()
	raw, _ := s.tenant.rawRows()
	rows := rowsInRange(dr, func(r model.DirectRoutingRow) time.Time { return r.StartDateTime.Time }, from, to, false)
	logPage(c, seg, "directRoutingLogRow", rows, skip, s.listOrder, func(r model.DirectRoutingRow) any {
		if doc, ok := raw[r.ID]; ok {
			return c.rawForWire(doc)
		}
		return toDRWire(r)
	})
}

// pstnCalls serves getPstnCalls: rows with from <= startDateTime <= to,
// since the page "callRecord: getPstnCalls" calls toDateTime "UTC,
// inclusive" (graph-api.md §1.7), so a row starting exactly at toDateTime
// comes in two adjacent ranges and clients must drop it once. A range over
// 90 days is refused with 406 as the service did (PR #10883).
func (s *Server) pstnCalls(c *call, seg string) {
	from, to, msg := parseFunctionParams(seg)
	if msg != "" {
		c.badRequest(msg)
		return
	}
	if to.Sub(from) > pstnMaxRangeDays*24*time.Hour {
		c.fail(http.StatusNotAcceptable, CodeNotAcceptable, msgPstnRange)
		return
	}
	skip, ok := logQuery(c)
	if !ok {
		return
	}
	_, pstn := s.tenant.logSnapshot()
	_, raw := s.tenant.rawRows()
	rows := rowsInRange(pstn, func(r model.PstnRow) time.Time { return r.StartDateTime.Time }, from, to, true)
	logPage(c, seg, "pstnCallLogRow", rows, skip, s.listOrder, func(r model.PstnRow) any {
		if doc, ok := raw[r.ID]; ok {
			return c.rawForWire(doc)
		}
		return toPstnWire(r)
	})
}

// logPage writes the page of rows that starts at skip, as the service
// writes rows of rowType (toWire), in the function envelope: @odata.count
// is the rows in this page, not a total, and nextLink is the function URL
// plus ?$skip=N. rows are oldest first; order says how they are served
// (Graph documents no order for these functions either).
func logPage[R, W any](c *call, seg, rowType string, rows []R, skip int, order ListOrder, toWire func(R) W) {
	lo, hi := min(skip, len(rows)), min(skip+logPageSize, len(rows))
	wire := make([]W, hi-lo)
	for i := range wire {
		at := lo + i
		if order == NewestFirst {
			at = len(rows) - 1 - at
		}
		wire[i] = toWire(rows[at])
	}
	out := &object{}
	out.set("@odata.context", c.root+"/$metadata#Collection(microsoft.graph.callRecords."+rowType+")")
	out.set("@odata.count", len(wire))
	out.set("value", wire)
	if hi < len(rows) {
		out.set("@odata.nextLink", c.root+"/communications/callRecords/"+seg+"?$skip="+strconv.Itoa(hi))
	}
	c.ok(out)
}

// nullString is a string Graph sends as null when empty.
type nullString string

// MarshalJSON writes null for "".
func (s nullString) MarshalJSON() ([]byte, error) {
	if s == "" {
		return []byte("null"), nil
	}
	return json.Marshal(string(s))
}

// sentinelTime is directRoutingLogRow.failureDateTime: the service sends
// 0001-01-01T00:00:00Z, not null, when there is no failure.
type sentinelTime wireTime

// MarshalJSON writes the sentinel for the zero time.
func (t sentinelTime) MarshalJSON() ([]byte, error) {
	if t.t.IsZero() {
		return []byte(`"0001-01-01T00:00:00Z"`), nil
	}
	return wireTime(t).MarshalJSON()
}

// drWire is directRoutingLogRow as the service writes it: every key present.
type drWire struct {
	ID                 string       `json:"id"`
	CorrelationID      nullString   `json:"correlationId"`
	UserID             nullString   `json:"userId"`
	UserPrincipalName  nullString   `json:"userPrincipalName"`
	UserDisplayName    nullString   `json:"userDisplayName"`
	StartDateTime      wireTime     `json:"startDateTime"`
	InviteDateTime     wireTime     `json:"inviteDateTime"`
	FailureDateTime    sentinelTime `json:"failureDateTime"`
	EndDateTime        wireTime     `json:"endDateTime"`
	Duration           *int32       `json:"duration"`
	CallType           nullString   `json:"callType"`
	SuccessfulCall     *bool        `json:"successfulCall"`
	CallerNumber       nullString   `json:"callerNumber"`
	CalleeNumber       nullString   `json:"calleeNumber"`
	MediaPathLocation  nullString   `json:"mediaPathLocation"`
	SignalingLocation  nullString   `json:"signalingLocation"`
	FinalSIPCode       *int32       `json:"finalSipCode"`
	CallEndSubReason   *int32       `json:"callEndSubReason"`
	FinalSIPCodePhrase nullString   `json:"finalSipCodePhrase"`
	Trunk              nullString   `json:"trunkFullyQualifiedDomainName"`
	MediaBypassEnabled *bool        `json:"mediaBypassEnabled"`
}

func toDRWire(r model.DirectRoutingRow) drWire {
	return drWire{
		ID: r.ID, CorrelationID: nullString(r.CorrelationID), UserID: nullString(r.UserID),
		UserPrincipalName: nullString(r.UserPrincipalName), UserDisplayName: nullString(r.UserDisplayName),
		StartDateTime: wireAt(r.StartDateTime.Time, r.ID), InviteDateTime: wireAt(r.InviteDateTime.Time, r.ID),
		FailureDateTime: sentinelTime(wireAt(r.FailureDateTime.Time, r.ID)), EndDateTime: wireAt(r.EndDateTime.Time, r.ID),
		Duration: reportedInt(&r, model.LogDuration, r.Duration), CallType: nullString(r.CallType), SuccessfulCall: reportedBool(&r, model.LogSuccessfulCall, r.SuccessfulCall),
		CallerNumber: nullString(r.CallerNumber), CalleeNumber: nullString(r.CalleeNumber),
		MediaPathLocation: nullString(r.MediaPathLocation), SignalingLocation: nullString(r.SignalingLocation),
		FinalSIPCode: reportedInt(&r, model.LogFinalSIPCode, r.FinalSIPCode), CallEndSubReason: reportedInt(&r, model.LogCallEndSubReason, r.CallEndSubReason),
		FinalSIPCodePhrase: nullString(r.FinalSIPCodePhrase), Trunk: nullString(r.TrunkFullyQualifiedDomainName),
		MediaBypassEnabled: reportedBool(&r, model.LogMediaBypassEnabled, r.MediaBypassEnabled),
	}
}

// pstnWire is pstnCallLogRow as the service writes it: every key present.
type pstnWire struct {
	ID                 string     `json:"id"`
	CallID             nullString `json:"callId"`
	UserID             nullString `json:"userId"`
	UserPrincipalName  nullString `json:"userPrincipalName"`
	UserDisplayName    nullString `json:"userDisplayName"`
	StartDateTime      wireTime   `json:"startDateTime"`
	EndDateTime        wireTime   `json:"endDateTime"`
	Duration           *int32     `json:"duration"`
	Charge             *float64   `json:"charge"`
	CallType           nullString `json:"callType"`
	Currency           nullString `json:"currency"`
	CalleeNumber       nullString `json:"calleeNumber"`
	UsageCountryCode   nullString `json:"usageCountryCode"`
	TenantCountryCode  nullString `json:"tenantCountryCode"`
	ConnectionCharge   *float64   `json:"connectionCharge"`
	CallerNumber       nullString `json:"callerNumber"`
	DestinationContext nullString `json:"destinationContext"`
	DestinationName    nullString `json:"destinationName"`
	ConferenceID       nullString `json:"conferenceId"`
	LicenseCapability  nullString `json:"licenseCapability"`
	InventoryType      nullString `json:"inventoryType"`
	Operator           nullString `json:"operator"`
	CallDurationSource nullString `json:"callDurationSource"`
}

func toPstnWire(r model.PstnRow) pstnWire {
	return pstnWire{
		ID: r.ID, CallID: nullString(r.CallID), UserID: nullString(r.UserID),
		UserPrincipalName: nullString(r.UserPrincipalName), UserDisplayName: nullString(r.UserDisplayName),
		StartDateTime: wireAt(r.StartDateTime.Time, r.ID), EndDateTime: wireAt(r.EndDateTime.Time, r.ID), Duration: reportedInt(&r, model.LogDuration, r.Duration),
		Charge: r.Charge, CallType: nullString(r.CallType), Currency: nullString(r.Currency),
		CalleeNumber: nullString(r.CalleeNumber), UsageCountryCode: nullString(r.UsageCountryCode),
		TenantCountryCode: nullString(r.TenantCountryCode), ConnectionCharge: r.ConnectionCharge,
		CallerNumber: nullString(r.CallerNumber), DestinationContext: nullString(r.DestinationContext),
		DestinationName: nullString(r.DestinationName), ConferenceID: nullString(r.ConferenceID),
		LicenseCapability: nullString(r.LicenseCapability), InventoryType: nullString(r.InventoryType),
		Operator: nullString(r.Operator), CallDurationSource: nullString(r.CallDurationSource),
	}
}

// reporter is a log row that knows which of its values Graph left null.
type reporter interface{ Reported(model.LogFields) bool }

// reportedInt is v, or nil (served as null) when the row has no value.
func reportedInt(r reporter, f model.LogFields, v int32) *int32 {
	if !r.Reported(f) {
		return nil
	}
	return &v
}

// reportedBool is v, or nil (served as null) when the row has no value.
func reportedBool(r reporter, f model.LogFields, v bool) *bool {
	if !r.Reported(f) {
		return nil
	}
	return &v
}
