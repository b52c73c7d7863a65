package fakegraph

import (
	"context"
	"crypto/rand"
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// Faults make the fake misbehave the way the real service does under load, so
// retry, back-off and decoding paths get exercised. The zero value is a
// healthy service. Counters run over authenticated requests only: a client
// that forgot its token learns that first, as from Graph.
type Faults struct {
	// Latency delays every response (cut short if the client gives up).
	Latency time.Duration
	// ThrottleEvery answers every Nth request with 429 TooManyRequests.
	ThrottleEvery int
	// RetryAfter is the Retry-After header value on 429 and 503; Graph has
	// sent fractional values ("2.128"), so it is a string. Default "1".
	RetryAfter string
	// NoRetryAfter sends 429 and 503 without Retry-After, which Graph may
	// do: clients must then back off exponentially (graph-api.md §4.6).
	NoRetryAfter bool
	// UnavailableEvery answers every Nth request with 503 ServiceUnavailable.
	UnavailableEvery int
	// GatewayTimeoutEvery answers every Nth request with 504, without
	// Retry-After, as Graph's front door does when a backend is slow.
	GatewayTimeoutEvery int
	// TruncateEvery sends every Nth successful body cut in half, with status
	// 200 and a Content-Length that matches the cut body, so only a JSON
	// decoder can notice.
	TruncateEvery int
	// HangUpEvery closes the connection halfway through every Nth
	// successful body, after a Content-Length for the whole: the client
	// sees the connection drop mid-response (faults.go).
	HangUpEvery int
	// LoopNextLink makes every collection page's @odata.nextLink its own
	// URL, as a broken server or proxy might: a client that follows it
	// reads the same rows forever (faults.go).
	LoopNextLink bool
}

// Options configure a Server.
type Options struct {
	// Token is the bearer token required; "" accepts any non-empty token.
	Token string
	// Faults are the initial faults; change them later with SetFaults.
	Faults Faults
	// Clock is the service's notion of now, for the 30-day retention window,
	// Date headers and error dates. Default time.Now.
	Clock func() time.Time
	// DenyUsers answers /users with the 403 an app without User.Read.All
	// gets, while call records still work (users.go).
	DenyUsers bool
	// DenyCallRecords answers list, get, sessions and participants_v2 with
	// the 403 of an app without CallRecords.Read.All (for example one
	// granted only CallRecord-PstnCalls.Read.All; graph-api.md §6).
	DenyCallRecords bool
	// DenyPstnLogs answers getDirectRoutingCalls and getPstnCalls with the
	// 403 of an app holding neither CallRecord-PstnCalls.Read.All nor
	// CallRecords.Read.All (graph-api.md §6; issue #9140).
	DenyPstnLogs bool
	// ListOrder is the order List callRecords and the log functions
	// (getDirectRoutingCalls, getPstnCalls) page in. Graph documents none
	// (graph-api.md §4.5); the one example on Microsoft's List callRecords
	// page is oldest first, so clients must not assume either.
	ListOrder ListOrder
}

// ListOrder is an order a fake collection serves its items in.
type ListOrder int

const (
	// DefaultOrder, the zero value, keeps each collection's order from
	// before orders were configurable: List callRecords newest first, the
	// log functions oldest first (the ui's log tests expect the latter).
	DefaultOrder ListOrder = iota
	// NewestFirst pages by start time descending, then id.
	NewestFirst
	// OldestFirst pages by start time ascending, then id, as the example
	// on Microsoft's List callRecords page does.
	OldestFirst
)

// RecordedRequest is one request the server saw, for tests to assert on what
// a client sent (and how often).
type RecordedRequest struct {
	Method string
	// Path is the request target as sent: escaped path and raw query.
	Path string
	// HasAuthorization reports whether an Authorization header was present.
	HasAuthorization bool
	Time             time.Time
}

// Server is a fake Microsoft Graph v1.0 call-records service. It implements
// http.Handler; mount it at the root, it serves under /v1.0.
type Server struct {
	tenant *Tenant
	token  string
	clock  func() time.Time
	key    []byte // signs paging tokens so they are opaque and unforgeable

	denyUsers bool      // Options.DenyUsers
	listOrder ListOrder // Options.ListOrder
	// denyRecords and denyLogs are Options.DenyCallRecords and DenyPstnLogs.
	denyRecords, denyLogs bool

	faultMu sync.RWMutex
	faults  Faults
	counter atomic.Int64

	reqMu    sync.Mutex
	requests []RecordedRequest
}

// New returns a Server for t.
func New(t *Tenant, opts Options) *Server {
	s := &Server{tenant: t, token: opts.Token, clock: opts.Clock, faults: opts.Faults, key: make([]byte, 32)}
	s.denyUsers = opts.DenyUsers
	s.listOrder = opts.ListOrder
	s.denyRecords, s.denyLogs = opts.DenyCallRecords, opts.DenyPstnLogs
	if s.clock == nil {
		s.clock = time.Now
	}
	_, _ = rand.Read(s.key)
	return s
}

// SetFaults replaces the faults; safe while requests are being served. The
// request counter restarts so "every Nth" counts from this call.
func (s *Server) SetFaults(f Faults) {
	s.faultMu.Lock()
	s.faults = f
	s.counter.Store(0)
	s.faultMu.Unlock()
}

func (s *Server) currentFaults() Faults {
	s.faultMu.RLock()
	defer s.faultMu.RUnlock()
	return s.faults
}

// Requests returns the requests seen so far, oldest first.
func (s *Server) Requests() []RecordedRequest {
	s.reqMu.Lock()
	defer s.reqMu.Unlock()
	return append([]RecordedRequest(nil), s.requests...)
}

// ResetRequests forgets the recorded requests.
func (s *Server) ResetRequests() {
	s.reqMu.Lock()
	s.requests = nil
	s.reqMu.Unlock()
}

// call is one request in flight and what its response needs.
type call struct {
	s                          *Server
	w                          http.ResponseWriter
	r                          *http.Request
	now                        time.Time
	requestID, clientRequestID string
	root                       string // absolute service root, e.g. http://127.0.0.1:5000/v1.0
	prefs                      prefs
	truncate                   bool
	hangUp                     bool     // HangUpEvery is due
	loop                       bool     // LoopNextLink
	applied                    []string // Preference-Applied values
}

const jsonContentType = "application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;charset=utf-8"

// ServeHTTP routes a request the way Graph's front door does: auth, then
// throttling, then the resource.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	now := s.clock()
	s.reqMu.Lock()
	s.requests = append(s.requests, RecordedRequest{
		Method: r.Method, Path: r.RequestURI, HasAuthorization: r.Header.Get("Authorization") != "", Time: now,
	})
	s.reqMu.Unlock()

	c := &call{s: s, w: w, r: r, now: now, requestID: newGUID(), clientRequestID: r.Header.Get("client-request-id")}
	if c.clientRequestID == "" {
		c.clientRequestID = newGUID()
	}
	scheme := "http"
	if r.TLS != nil {
		scheme = "https"
	}
	c.root = scheme + "://" + r.Host + "/v1.0"
	c.prefs = parsePrefer(r.Header.Values("Prefer"))
	h := w.Header()
	h.Set("request-id", c.requestID)
	h.Set("client-request-id", c.clientRequestID)
	h.Set("Date", now.UTC().Format(http.TimeFormat))
	h.Set("OData-Version", "4.0")

	f := s.currentFaults()
	if f.Latency > 0 {
		t := time.NewTimer(f.Latency)
		select {
		case <-t.C:
		case <-r.Context().Done():
			t.Stop()
			return
		}
	}
	if !s.authorized(c) {
		return
	}
	if s.injectFault(c, f) {
		return
	}
	if r.Method != http.MethodGet {
		h.Set("Allow", http.MethodGet)
		c.fail(http.StatusMethodNotAllowed, CodeMethodNotAllowed, "Request method '"+r.Method+"' is not allowed on this resource.")
		return
	}
	s.route(c)
}

func (s *Server) authorized(c *call) bool {
	auth := c.r.Header.Get("Authorization")
	scheme, tok, _ := strings.Cut(auth, " ")
	tok = strings.TrimSpace(tok)
	msg := ""
	switch {
	case !strings.EqualFold(scheme, "Bearer") || tok == "":
		msg = msgNoToken
	case s.token != "" && tok != s.token:
		msg = msgBadToken
	default:
		return true
	}
	c.w.Header().Set("WWW-Authenticate", `Bearer realm="", authorization_uri="https://login.microsoftonline.com/common/oauth2/authorize", client_id="00000003-0000-0000-c000-000000000000"`)
	c.fail(http.StatusUnauthorized, CodeUnauthorized, msg)
	return false
}

// route dispatches on the path below the service root. Segment names are
// matched case-insensitively, as Graph does.
func (s *Server) route(c *call) {
	p := c.r.URL.Path
	rest, ok := strings.CutPrefix(p, "/v1.0/")
	if !ok {
		c.notFound(fmt.Sprintf("Resource not found for the segment '%s'.", firstSegment(strings.TrimPrefix(p, "/"))))
		return
	}
	segs := strings.Split(rest, "/")
	if len(segs) == 1 && segs[0] == "$metadata" {
		s.metadata(c)
		return
	}
	if s.routeUsers(c, segs) { // /users: users.go
		return
	}
	if len(segs) < 2 || !strings.EqualFold(segs[0], "communications") || !strings.EqualFold(segs[1], "callRecords") {
		c.notFound(fmt.Sprintf("Resource not found for the segment '%s'.", segs[0]))
		return
	}
	if s.denied(c, segs) { // permissions.go
		return
	}
	switch {
	case len(segs) == 2:
		s.listRecords(c)
	case len(segs) == 3 && isFunction(segs[2], "getDirectRoutingCalls"):
		s.directRoutingCalls(c, segs[2])
	case len(segs) == 3 && isFunction(segs[2], "getPstnCalls"):
		s.pstnCalls(c, segs[2])
	case len(segs) == 3 && segs[2] != "":
		s.getRecord(c, segs[2])
	case len(segs) == 4 && strings.EqualFold(segs[3], "sessions"):
		s.listSessions(c, segs[2])
	case len(segs) == 4 && strings.EqualFold(segs[3], "participants_v2"):
		s.listParticipants(c, segs[2])
	default:
		c.notFound(fmt.Sprintf("Resource not found for the segment '%s'.", segs[len(segs)-1]))
	}
}

func firstSegment(p string) string {
	seg, _, _ := strings.Cut(p, "/")
	return seg
}

// metadata answers GET /v1.0/$metadata with a stub CSDL document. A client
// that requests the documented sessions@odata.nextLink verbatim drops the
// #fragment and lands here: a 200 with XML, as from the real service.
func (s *Server) metadata(c *call) {
	body := []byte(`<?xml version="1.0" encoding="utf-8"?><edmx:Edmx Version="4.0" xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx"><edmx:DataServices><Schema Namespace="microsoft.graph.callRecords" xmlns="http://docs.oasis-open.org/odata/ns/edm"/></edmx:DataServices></edmx:Edmx>`)
	c.w.Header().Set("Content-Type", "application/xml")
	c.w.Header().Set("Content-Length", strconv.Itoa(len(body)))
	c.w.WriteHeader(http.StatusOK)
	_, _ = c.w.Write(body)
}

// ok writes a 200 JSON body, cut in half if a truncation fault is due, or
// with the faults of faults.go.
func (c *call) ok(v any) {
	c.loopLink(v)
	body, err := json.Marshal(v)
	if err != nil {
		c.fail(http.StatusInternalServerError, "generalException", "fake: encode response: "+err.Error())
		return
	}
	if c.truncate {
		body = body[:len(body)/2]
	}
	h := c.w.Header()
	h.Set("Content-Type", jsonContentType)
	h.Set("Content-Length", strconv.Itoa(len(body)))
	if len(c.applied) > 0 {
		h.Set("Preference-Applied", strings.Join(c.applied, ","))
	}
	c.w.WriteHeader(http.StatusOK)
	if c.hangUp {
		c.hangUpMidBody(body)
	}
	_, _ = c.w.Write(body)
}

// Start serves t on 127.0.0.1 at a free port and returns the service root
// (http://127.0.0.1:PORT/v1.0) and a shutdown function. It is what
// `callscope --demo` runs; tests usually prefer httptest with New.
func Start(t *Tenant, opts Options) (baseURL string, shutdown func(context.Context) error, err error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", nil, fmt.Errorf("fakegraph: listen: %w", err)
	}
	srv := &http.Server{Handler: New(t, opts), ReadHeaderTimeout: 10 * time.Second}
	go func() {
		if err := srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
			_ = ln.Close()
		}
	}()
	return "http://" + ln.Addr().String() + "/v1.0", srv.Shutdown, nil
}

// newGUID returns a random version-4 GUID for request ids.
func newGUID() string {
	var b [16]byte
	_, _ = rand.Read(b[:])
	return formatGUID(b)
}

// formatGUID writes 16 bytes as a lowercase 8-4-4-4-12 GUID, setting the
// version-4 and RFC 4122 variant bits.
func formatGUID(b [16]byte) string {
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	const hexd = "0123456789abcdef"
	out := make([]byte, 36)
	j := 0
	for i, v := range b {
		if i == 4 || i == 6 || i == 8 || i == 10 {
			out[j] = '-'
			j++
		}
		out[j], out[j+1] = hexd[v>>4], hexd[v&0x0f]
		j += 2
	}
	return string(out)
}
