package model

import (
	"encoding/json"
	"fmt"
)

// LogFields names the numbers and flags of a log row that Graph may send as
// null or leave out. Graph's resource pages list every property of
// directRoutingLogRow and pstnCallLogRow as nullable, and the SDK models
// them as pointers ("directRoutingLogRow resource type", "pstnCallLogRow
// resource type", Microsoft Graph v1.0, date not shown; graph-api.md §2).
// A null is "not reported", which is not 0: finalSipCode 0 with
// callEndSubReason 540000 is a normal end, a null is nothing at all.
type LogFields uint8

// The fields of a row that may be not reported.
const (
	// LogDuration is duration.
	LogDuration LogFields = 1 << iota
	// LogSuccessfulCall is successfulCall (Direct Routing only).
	LogSuccessfulCall
	// LogFinalSIPCode is finalSipCode (Direct Routing only).
	LogFinalSIPCode
	// LogCallEndSubReason is callEndSubReason (Direct Routing only).
	LogCallEndSubReason
	// LogMediaBypassEnabled is mediaBypassEnabled (Direct Routing only).
	LogMediaBypassEnabled
)

// Has reports whether every field of x is in f.
func (f LogFields) Has(x LogFields) bool { return f&x == x }

// DirectRoutingRow is directRoutingLogRow: one Direct Routing call attempt.
type DirectRoutingRow struct {
	ID                            string `json:"id"`
	CorrelationID                 string `json:"correlationId,omitempty"`
	UserID                        string `json:"userId,omitempty"`
	UserPrincipalName             string `json:"userPrincipalName,omitempty"`
	UserDisplayName               string `json:"userDisplayName,omitempty"`
	StartDateTime                 Time   `json:"startDateTime"`
	InviteDateTime                Time   `json:"inviteDateTime"`
	FailureDateTime               Time   `json:"failureDateTime"`
	EndDateTime                   Time   `json:"endDateTime"`
	Duration                      int32  `json:"duration"`
	CallType                      string `json:"callType,omitempty"`
	SuccessfulCall                bool   `json:"successfulCall"`
	CallerNumber                  string `json:"callerNumber,omitempty"`
	CalleeNumber                  string `json:"calleeNumber,omitempty"`
	MediaPathLocation             string `json:"mediaPathLocation,omitempty"`
	SignalingLocation             string `json:"signalingLocation,omitempty"`
	FinalSIPCode                  int32  `json:"finalSipCode"`
	CallEndSubReason              int32  `json:"callEndSubReason"`
	FinalSIPCodePhrase            string `json:"finalSipCodePhrase,omitempty"`
	TrunkFullyQualifiedDomainName string `json:"trunkFullyQualifiedDomainName,omitempty"`
	MediaBypassEnabled            bool   `json:"mediaBypassEnabled"`
	// Unreported lists the fields Graph sent as null or left out; their
	// value fields then hold 0 or false, which must not be read as a
	// value. The zero set (every field reported) is what rows built in
	// code mean.
	Unreported LogFields `json:"-"`
}

// Reported reports whether Graph sent a value for every field of f.
func (r *DirectRoutingRow) Reported(f LogFields) bool { return r.Unreported&f == 0 }

// drWire is a Direct Routing row on the wire: the optional fields, at
// depth 0, shadow the row's own (encoding/json prefers the shallower
// field), decoded through pointers so that null and an absent key stay
// apart from 0.
type drWire struct {
	*drPlain
	Duration           *int32 `json:"duration"`
	SuccessfulCall     *bool  `json:"successfulCall"`
	FinalSIPCode       *int32 `json:"finalSipCode"`
	CallEndSubReason   *int32 `json:"callEndSubReason"`
	MediaBypassEnabled *bool  `json:"mediaBypassEnabled"`
}

// drPlain is DirectRoutingRow without its methods, so that encoding it
// does not recurse.
type drPlain DirectRoutingRow

// UnmarshalJSON decodes a row, recording in Unreported each optional field
// that is null or absent.
func (r *DirectRoutingRow) UnmarshalJSON(b []byte) error {
	*r = DirectRoutingRow{}
	w := drWire{drPlain: (*drPlain)(r)}
	if err := json.Unmarshal(b, &w); err != nil {
		return fmt.Errorf("directRoutingLogRow: %w", err)
	}
	r.Duration, r.Unreported = optional(w.Duration, LogDuration, r.Unreported)
	r.SuccessfulCall, r.Unreported = optional(w.SuccessfulCall, LogSuccessfulCall, r.Unreported)
	r.FinalSIPCode, r.Unreported = optional(w.FinalSIPCode, LogFinalSIPCode, r.Unreported)
	r.CallEndSubReason, r.Unreported = optional(w.CallEndSubReason, LogCallEndSubReason, r.Unreported)
	r.MediaBypassEnabled, r.Unreported = optional(w.MediaBypassEnabled, LogMediaBypassEnabled, r.Unreported)
	return nil
}

// MarshalJSON writes a row with null for every field in Unreported, so a
// row that went through callscope says what Graph said.
func (r DirectRoutingRow) MarshalJSON() ([]byte, error) {
	return json.Marshal(drWire{drPlain: (*drPlain)(&r),
		Duration:           present(r.Duration, r.Reported(LogDuration)),
		SuccessfulCall:     present(r.SuccessfulCall, r.Reported(LogSuccessfulCall)),
		FinalSIPCode:       present(r.FinalSIPCode, r.Reported(LogFinalSIPCode)),
		CallEndSubReason:   present(r.CallEndSubReason, r.Reported(LogCallEndSubReason)),
		MediaBypassEnabled: present(r.MediaBypassEnabled, r.Reported(LogMediaBypassEnabled)),
	})
}

// optional is *p, or the zero value with f added to set when p is nil.
func optional[T any](p *T, f, set LogFields) (T, LogFields) {
	if p == nil {
		var zero T
		return zero, set | f
	}
	return *p, set
}

// present is &v when the field was reported, else nil (null in JSON).
func present[T any](v T, reported bool) *T {
	if !reported {
		return nil
	}
	return &v
}

// PstnRow is pstnCallLogRow: one Calling Plan or Operator Connect call. It
// carries no outcome field.
type PstnRow struct {
	ID                 string   `json:"id"`
	CallID             string   `json:"callId,omitempty"`
	UserID             string   `json:"userId,omitempty"`
	UserPrincipalName  string   `json:"userPrincipalName,omitempty"`
	UserDisplayName    string   `json:"userDisplayName,omitempty"`
	StartDateTime      Time     `json:"startDateTime"`
	EndDateTime        Time     `json:"endDateTime"`
	Duration           int32    `json:"duration"`
	Charge             *float64 `json:"charge,omitempty"`
	ConnectionCharge   *float64 `json:"connectionCharge,omitempty"`
	Currency           string   `json:"currency,omitempty"`
	CallType           string   `json:"callType,omitempty"`
	CalleeNumber       string   `json:"calleeNumber,omitempty"`
	CallerNumber       string   `json:"callerNumber,omitempty"`
	DestinationContext string   `json:"destinationContext,omitempty"`
	DestinationName    string   `json:"destinationName,omitempty"`
	ConferenceID       string   `json:"conferenceId,omitempty"`
	LicenseCapability  string   `json:"licenseCapability,omitempty"`
	InventoryType      string   `json:"inventoryType,omitempty"`
	Operator           string   `json:"operator,omitempty"`
	CallDurationSource string   `json:"callDurationSource,omitempty"`
	TenantCountryCode  string   `json:"tenantCountryCode,omitempty"`
	UsageCountryCode   string   `json:"usageCountryCode,omitempty"`
	// Unreported holds LogDuration when duration was null or absent (the
	// charges are pointers already).
	Unreported LogFields `json:"-"`
}

// Reported reports whether Graph sent a value for every field of f.
func (r *PstnRow) Reported(f LogFields) bool { return r.Unreported&f == 0 }

// pstnWire is a PSTN row on the wire, its duration (at depth 0) decoded
// through a pointer.
type pstnWire struct {
	*pstnPlain
	Duration *int32 `json:"duration"`
}

// pstnPlain is PstnRow without its methods.
type pstnPlain PstnRow

// UnmarshalJSON decodes a row, recording a null or absent duration in
// Unreported.
func (r *PstnRow) UnmarshalJSON(b []byte) error {
	*r = PstnRow{}
	w := pstnWire{pstnPlain: (*pstnPlain)(r)}
	if err := json.Unmarshal(b, &w); err != nil {
		return fmt.Errorf("pstnCallLogRow: %w", err)
	}
	r.Duration, r.Unreported = optional(w.Duration, LogDuration, r.Unreported)
	return nil
}

// MarshalJSON writes a row with a null duration when it was not reported.
func (r PstnRow) MarshalJSON() ([]byte, error) {
	return json.Marshal(pstnWire{pstnPlain: (*pstnPlain)(&r), Duration: present(r.Duration, r.Reported(LogDuration))})
}

// Page is one page of a Graph collection.
type Page[T any] struct {
	Context string `json:"@odata.context,omitempty"`
	// Count is, for the log functions, the rows in this page, not a total.
	Count    *int64 `json:"@odata.count,omitempty"`
	NextLink string `json:"@odata.nextLink,omitempty"`
	Value    []T    `json:"value"`
	// RawValue holds, only when the caller asked for it, each element of
	// value as Graph sent it (RawValue[i] is Value[i]), for output that
	// writes Graph's own bytes. Loaders that keep many rows leave it nil,
	// so a loaded row costs its decoded form only. Not display-safe: write
	// it through EscapeJSONText.
	RawValue []json.RawMessage `json:"-"`
}
