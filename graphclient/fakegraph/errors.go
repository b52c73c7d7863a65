package fakegraph

import (
	"encoding/json"
	"net/http"
	"strconv"
)

// Graph error codes the fake sends. Clients branch on these, never on
// messages (graph-api.md §2.18).
const (
	CodeBadRequest         = "BadRequest"
	CodeNotFound           = "NotFound"
	CodeUnauthorized       = "InvalidAuthenticationToken"
	CodeTooManyRequests    = "TooManyRequests"
	CodeServiceUnavailable = "ServiceUnavailable"
	CodeGatewayTimeout     = "GatewayTimeout"
	// CodeForbidden is the 403 of an app without the permission for call
	// records or the log functions: code Forbidden, empty message
	// (microsoft-graph-docs-contrib issue #4445, 2020-10-07).
	CodeForbidden        = "Forbidden"
	CodeNotAcceptable    = "NotAcceptable"
	CodeMethodNotAllowed = "MethodNotAllowed"
)

// Messages copied from observed or reconstructed Graph responses, so the UI
// shows what users of the real service see.
const (
	msgRecordNotFound = "Could not find the requested call record. Records about calls or online meetings that started more than 30 days ago are not available."
	msgThrottled      = "Please retry again later."
	msgUnavailable    = "The service is currently unavailable. Please retry later."
	msgGatewayTimeout = "The gateway did not receive a timely response from the upstream service."
	msgNoToken        = "Access token is empty."
	msgBadToken       = "Invalid JWT token. Token format not valid."
	msgPstnRange      = "The fromDateTime and toDateTime values cannot be more than a date range of 90 days."
)

// innerError is Graph's innerError. Throttling responses nest code, status
// and message inside it too (error-429-throttled.json), hence the optional keys.
type innerError struct {
	Code            string `json:"code,omitempty"`
	Date            string `json:"date"`
	Message         string `json:"message,omitempty"`
	RequestID       string `json:"request-id"`
	ClientRequestID string `json:"client-request-id"`
	Status          string `json:"status,omitempty"`
}

type mainError struct {
	Code       string     `json:"code"`
	Message    string     `json:"message"`
	InnerError innerError `json:"innerError"`
}

type errorEnvelope struct {
	Error mainError `json:"error"`
}

// innerDateLayout has no zone designator, as Graph writes innerError.date.
const innerDateLayout = "2006-01-02T15:04:05"

// fail writes Graph's error envelope. Its request-id is the one in the
// response header, so a user can quote either to support.
func (c *call) fail(status int, code, message string) {
	env := errorEnvelope{Error: mainError{
		Code:    code,
		Message: message,
		InnerError: innerError{
			Date:            c.now.UTC().Format(innerDateLayout),
			RequestID:       c.requestID,
			ClientRequestID: c.clientRequestID,
		},
	}}
	if status == http.StatusTooManyRequests {
		env.Error.InnerError.Code = strconv.Itoa(status)
		env.Error.InnerError.Status = strconv.Itoa(status)
		env.Error.InnerError.Message = "Please retry after"
	}
	body, _ := json.Marshal(env)
	c.w.Header().Set("Content-Type", "application/json")
	c.w.Header().Set("Content-Length", strconv.Itoa(len(body)))
	c.w.WriteHeader(status)
	_, _ = c.w.Write(body)
}

func (c *call) badRequest(message string) { c.fail(http.StatusBadRequest, CodeBadRequest, message) }

func (c *call) notFound(message string) { c.fail(http.StatusNotFound, CodeNotFound, message) }
