package graphclient

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"unicode/utf8"

	"github.com/callscope/callscope/model"
)

// Error is a Graph error response, with what a support ticket needs:
// the HTTP status, Graph's code and message, the request id and date.
type Error struct {
	Status          int
	Code            string
	Message         string
	RequestID       string
	ClientRequestID string
	Date            string
	// Method and Path say which request failed (path and query, never a token).
	Method string
	Path   string
}

// Error formats the error for a status line or stderr.
func (e *Error) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "Graph %d", e.Status)
	if e.Code != "" {
		b.WriteString(" " + e.Code)
	}
	if e.Message != "" {
		b.WriteString(": " + e.Message)
	}
	if h := e.Hint(); h != "" {
		b.WriteString(" — " + h)
	}
	if e.RequestID != "" {
		b.WriteString(" (request-id " + e.RequestID)
		if e.Date != "" {
			b.WriteString(", date " + e.Date)
		}
		b.WriteString(")")
	}
	return b.String()
}

// Hint says in plain words what the status usually means for call records.
func (e *Error) Hint() string {
	switch e.Status {
	case http.StatusUnauthorized:
		return "the token was rejected: a " + AccessTokenEnv + " token may have expired (they last about an hour) or be for another cloud; otherwise check AZURE_TENANT_ID, AZURE_CLIENT_ID and AZURE_CLIENT_SECRET"
	case http.StatusForbidden:
		// The log functions also take the narrower permission; list and
		// get take only CallRecords.Read.All (graph-api.md §6, from the
		// permissions reference and the getPstnCalls and
		// getDirectRoutingCalls pages).
		if isLogFunctionPath(e.Path) {
			return "the app lacks the CallRecord-PstnCalls.Read.All application permission (CallRecords.Read.All also grants it), or admin consent was not granted"
		}
		return "the app lacks the CallRecords.Read.All application permission, or admin consent was not granted"
	case http.StatusNotFound:
		// Not for the report functions, which sit under /callRecords/ too.
		if strings.Contains(e.Path, "/callRecords/") && !isLogFunctionPath(e.Path) {
			return "no such call record: it may be older than 30 days, or not generated yet (allow up to 60 minutes after the call)"
		}
	case http.StatusTooManyRequests:
		return "throttled by Graph; retries were exhausted"
	case http.StatusNotAcceptable:
		return "Graph refused the range; PSTN ranges may not exceed 90 days"
	}
	return ""
}

// isLogFunctionPath reports a request for getDirectRoutingCalls or
// getPstnCalls, short or namespace-qualified.
func isLogFunctionPath(path string) bool {
	return strings.Contains(path, "getDirectRoutingCalls(") || strings.Contains(path, "getPstnCalls(")
}

// IsNotFound reports a 404 from Graph.
func IsNotFound(err error) bool {
	var ge *Error
	return errors.As(err, &ge) && ge.Status == http.StatusNotFound
}

// errorEnvelope accepts both innerError and innererror, and a nested
// innerError (throttling bodies carry code/status/message inside it).
type errorEnvelope struct {
	Error struct {
		Code       string      `json:"code"`
		Message    string      `json:"message"`
		InnerError *innerError `json:"innerError"`
		Lower      *innerError `json:"innererror"`
	} `json:"error"`
}

type innerError struct {
	RequestID       string      `json:"request-id"`
	ClientRequestID string      `json:"client-request-id"`
	Date            string      `json:"date"`
	Inner           *innerError `json:"innerError"`
}

// Caps on what a Graph error body may put in front of a user: a message
// of 10 KB would otherwise reach stderr or the status line whole.
const (
	maxErrorMessageRunes = 300
	maxErrorFieldRunes   = 100
)

// newError builds an Error from a non-2xx response and its body. Every
// text from the body or the headers is made display-safe and capped.
func newError(resp *http.Response, body []byte, method, path string) *Error {
	e := &Error{Status: resp.StatusCode, Method: method, Path: path}
	var env errorEnvelope
	if json.Unmarshal(body, &env) == nil {
		e.Code, e.Message = env.Error.Code, env.Error.Message
		in := env.Error.InnerError
		if in == nil {
			in = env.Error.Lower
		}
		for depth := 0; in != nil && depth < 4; depth++ {
			e.RequestID = first(e.RequestID, in.RequestID)
			e.ClientRequestID = first(e.ClientRequestID, in.ClientRequestID)
			e.Date = first(e.Date, in.Date)
			in = in.Inner
		}
	}
	e.RequestID = first(e.RequestID, resp.Header.Get("request-id"))
	e.ClientRequestID = first(e.ClientRequestID, resp.Header.Get("client-request-id"))
	e.Date = first(e.Date, resp.Header.Get("Date"))
	if e.Message == "" && e.Code == "" {
		e.Message = http.StatusText(resp.StatusCode)
	}
	e.Message = clip(e.Message, maxErrorMessageRunes)
	for _, f := range []*string{&e.Code, &e.RequestID, &e.ClientRequestID, &e.Date} {
		*f = clip(*f, maxErrorFieldRunes)
	}
	return e
}

// clip is s display-safe and at most n runes, the last an ellipsis when cut.
func clip(s string, n int) string {
	s = model.DisplaySafe(s)
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	runes := []rune(s)
	return string(runes[:n-1]) + "…"
}

func first(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

// ErrForeignLink refuses a nextLink that points away from the configured
// Graph service root: following it would send the bearer token elsewhere.
var ErrForeignLink = errors.New("refused a nextLink outside the configured Graph service root")

// MalformedResponseError is a 2xx response whose body is not the JSON Graph promised.
type MalformedResponseError struct {
	Path      string
	RequestID string
	Err       error
}

// Error names the path; the decoder's words are made display-safe, since
// they may quote what Graph sent.
func (e *MalformedResponseError) Error() string {
	s := "malformed response from Graph for " + e.Path + ": " + clip(e.Err.Error(), maxErrorMessageRunes)
	if e.RequestID != "" {
		s += " (request-id " + clip(e.RequestID, maxErrorFieldRunes) + ")"
	}
	return s
}

func (e *MalformedResponseError) Unwrap() error { return e.Err }
