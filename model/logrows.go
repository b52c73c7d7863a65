package model

import "encoding/json"

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
