// Package model holds the plain data of Microsoft Graph call records
// (microsoft.graph.callRecords, v1.0). Enums stay strings: a member Graph adds
// later, or unknownFutureValue, is kept as sent and never mapped to a known one.
package model

import "encoding/json"

// Call types (callType enum). Other strings are kept as sent.
const (
	CallTypeUnknown    = "unknown"
	CallTypeGroupCall  = "groupCall"
	CallTypePeerToPeer = "peerToPeer"
)

// CallRecord is one call or online meeting.
type CallRecord struct {
	ID                   string   `json:"id"`
	Version              int64    `json:"version,omitempty"`
	Type                 string   `json:"type,omitempty"`
	Modalities           []string `json:"modalities,omitempty"`
	StartDateTime        Time     `json:"startDateTime"`
	EndDateTime          Time     `json:"endDateTime"`
	LastModifiedDateTime Time     `json:"lastModifiedDateTime"`
	JoinWebURL           string   `json:"joinWebUrl,omitempty"`
	// Organizer is deprecated (no data after June 30, 2026); kept for older records.
	Organizer *IdentitySet `json:"organizer,omitempty"`
	// Participants is deprecated; kept for older records.
	Participants []IdentitySet `json:"participants,omitempty"`
	OrganizerV2  *Participant  `json:"organizer_v2,omitempty"`
	// ParticipantsV2 is present only with $expand=participants_v2.
	ParticipantsV2         []Participant `json:"participants_v2,omitempty"`
	ParticipantsV2NextLink string        `json:"participants_v2@odata.nextLink,omitempty"`
	// Sessions is present only with $expand=sessions($expand=segments).
	Sessions []Session `json:"sessions,omitempty"`
	// SessionsNextLink marks a truncated inline sessions list. Its value is a
	// $metadata# fragment, not a usable URL (graph-api.md §4.1).
	SessionsNextLink string `json:"sessions@odata.nextLink,omitempty"`
	// Raw is the record as Graph sent it, for output that must keep every
	// property, null and unknown member (the struct drops them): set by
	// graphclient's GetCallRecord, with the sessions it read page by page
	// merged into the raw "sessions" array; nil on list rows, whose bytes
	// Page.RawValue carries when asked for. It is not display-safe: write
	// it through EscapeJSONText.
	Raw json.RawMessage `json:"-"`
}

// OrganizerText is the organizer's display text, from organizer_v2 or, for
// records from before the change, the deprecated organizer.
func (r *CallRecord) OrganizerText() string {
	if t := r.OrganizerV2.DisplayText(); t != "" {
		return t
	}
	t, _ := r.Organizer.DisplayText()
	return t
}

// Session is one leg of a call between two endpoints.
type Session struct {
	ID            string       `json:"id"`
	Caller        *Endpoint    `json:"caller,omitempty"`
	Callee        *Endpoint    `json:"callee,omitempty"`
	FailureInfo   *FailureInfo `json:"failureInfo,omitempty"`
	IsTest        *bool        `json:"isTest,omitempty"`
	Modalities    []string     `json:"modalities,omitempty"`
	StartDateTime Time         `json:"startDateTime"`
	EndDateTime   Time         `json:"endDateTime"`
	Segments      []Segment    `json:"segments,omitempty"`
}

// Segment is a part of a session; PSTN calls often have several.
type Segment struct {
	ID            string       `json:"id"`
	Caller        *Endpoint    `json:"caller,omitempty"`
	Callee        *Endpoint    `json:"callee,omitempty"`
	FailureInfo   *FailureInfo `json:"failureInfo,omitempty"`
	Media         []Media      `json:"media,omitempty"`
	StartDateTime Time         `json:"startDateTime"`
	EndDateTime   Time         `json:"endDateTime"`
}

// Endpoint types (@odata.type).
const (
	ParticipantEndpointType = "#microsoft.graph.callRecords.participantEndpoint"
	ServiceEndpointType     = "#microsoft.graph.callRecords.serviceEndpoint"
	ClientUserAgentType     = "#microsoft.graph.callRecords.clientUserAgent"
	ServiceUserAgentType    = "#microsoft.graph.callRecords.serviceUserAgent"
)

// Endpoint is participantEndpoint or serviceEndpoint: one struct with the
// union of their fields, since @odata.type is sometimes absent.
type Endpoint struct {
	ODataType          string        `json:"@odata.type,omitempty"`
	UserAgent          *UserAgent    `json:"userAgent,omitempty"`
	AssociatedIdentity *Identity     `json:"associatedIdentity,omitempty"`
	Identity           *IdentitySet  `json:"identity,omitempty"` // deprecated
	Feedback           *UserFeedback `json:"feedback,omitempty"`
	Name               string        `json:"name,omitempty"`
	CPUName            string        `json:"cpuName,omitempty"`
	CPUCoresCount      *int32        `json:"cpuCoresCount,omitempty"`
	CPUProcessorSpeed  *int32        `json:"cpuProcessorSpeedInMhz,omitempty"`
}

// IsService reports a service endpoint (bot, MCU, gateway).
func (e *Endpoint) IsService() bool {
	return e != nil && (e.ODataType == ServiceEndpointType || (e.UserAgent != nil && e.UserAgent.Role != ""))
}

// Text is the endpoint's identity for tables: the associated identity, the
// deprecated identity set, or for a service its role.
func (e *Endpoint) Text() string {
	if e == nil {
		return ""
	}
	if t := e.AssociatedIdentity.Text(KindUser); t != "" {
		return t
	}
	if t, _ := e.Identity.DisplayText(); t != "" {
		return t
	}
	if e.UserAgent != nil && e.UserAgent.Role != "" {
		return "service: " + e.UserAgent.Role
	}
	if e.IsService() {
		return "service"
	}
	return e.Name
}

// UserAgent is clientUserAgent or serviceUserAgent.
type UserAgent struct {
	ODataType              string `json:"@odata.type,omitempty"`
	HeaderValue            string `json:"headerValue,omitempty"`
	ApplicationVersion     string `json:"applicationVersion,omitempty"`
	Platform               string `json:"platform,omitempty"`
	ProductFamily          string `json:"productFamily,omitempty"`
	AzureADAppID           string `json:"azureADAppId,omitempty"`
	CommunicationServiceID string `json:"communicationServiceId,omitempty"`
	Role                   string `json:"role,omitempty"`
}

// UserFeedback is the end-of-call rating.
type UserFeedback struct {
	Rating string `json:"rating,omitempty"`
	Text   string `json:"text,omitempty"`
	// Tokens is an open type: names may change, so none is hard-coded.
	Tokens map[string]bool `json:"tokens,omitempty"`
}

// Failure stages (failureStage enum).
const (
	FailureStageCallSetup = "callSetup"
	FailureStageMidcall   = "midcall"
)

// FailureInfo is present only on failed sessions and segments.
type FailureInfo struct {
	Reason string `json:"reason,omitempty"`
	Stage  string `json:"stage,omitempty"`
}

// Failed reports whether f describes a failure: a stage or a reason. Graph
// may send a failureInfo object whose stage and reason are both null or
// empty; that is no failure (issue 12, "Missing is not normal"), and a nil
// f is none either.
func (f *FailureInfo) Failed() bool { return f != nil && (f.Stage != "" || f.Reason != "") }

// Media is one media flow of a segment.
type Media struct {
	Label         string        `json:"label,omitempty"`
	CallerNetwork *NetworkInfo  `json:"callerNetwork,omitempty"`
	CalleeNetwork *NetworkInfo  `json:"calleeNetwork,omitempty"`
	CallerDevice  *DeviceInfo   `json:"callerDevice,omitempty"`
	CalleeDevice  *DeviceInfo   `json:"calleeDevice,omitempty"`
	Streams       []MediaStream `json:"streams,omitempty"`
}
