package graphclient

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// recordingObserver keeps what the pipeline reported.
type recordingObserver struct {
	mu       sync.Mutex
	retries  []RetryEvent
	requests []RequestEvent
}

func (o *recordingObserver) Retrying(ev RetryEvent) {
	o.mu.Lock()
	defer o.mu.Unlock()
	o.retries = append(o.retries, ev)
}

func (o *recordingObserver) RequestDone(ev RequestEvent) {
	o.mu.Lock()
	defer o.mu.Unlock()
	o.requests = append(o.requests, ev)
}

func newTestClient(t *testing.T, root string, obs Observer) *Client {
	t.Helper()
	c, err := New(Options{ServiceRoot: root, Credential: StaticToken("secret-token"), Observer: obs,
		MaxRetryDelay: 5 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestNewRefusesPlainHTTPOffLoopback(t *testing.T) {
	for _, root := range []string{"http://graph.example.com/v1.0", "ftp://127.0.0.1/v1.0", "not a url", "/v1.0"} {
		if _, err := New(Options{ServiceRoot: root}); err == nil {
			t.Errorf("New(%q) accepted", root)
		}
	}
	for _, root := range []string{"http://127.0.0.1:8765/v1.0", "http://localhost:1/v1.0", "http://[::1]:2/v1.0", "https://graph.microsoft.us/v1.0"} {
		if _, err := New(Options{ServiceRoot: root}); err != nil {
			t.Errorf("New(%q): %v", root, err)
		}
	}
}

// A nextLink to another host must be refused before any request, so the
// bearer token never leaves the Graph host.
func TestForeignNextLinkRefusedWithoutSendingToken(t *testing.T) {
	var foreignHits atomic.Int32
	foreign := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		foreignHits.Add(1)
		if r.Header.Get("Authorization") != "" {
			t.Errorf("token sent to foreign host")
		}
	}))
	defer foreign.Close()
	graph := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprintf(w, `{"value":[{"id":"a"}],"@odata.nextLink":%q}`, foreign.URL+"/v1.0/communications/callRecords?$skiptoken=x")
	}))
	defer graph.Close()
	c := newTestClient(t, graph.URL+"/v1.0", nil)
	page, err := c.ListCallRecords(context.Background(), CallQuery{}, "")
	if err != nil {
		t.Fatal(err)
	}
	for _, link := range []string{
		page.NextLink,
		strings.Replace(graph.URL, "http://", "https://", 1) + "/v1.0/communications/callRecords",
		graph.URL + "/beta/communications/callRecords",
		graph.URL + "/v1.0evil/x",
		"http://user@" + strings.TrimPrefix(graph.URL, "http://") + "/v1.0/x",
	} {
		_, err = c.ListCallRecords(context.Background(), CallQuery{}, link)
		if !errors.Is(err, ErrForeignLink) {
			t.Errorf("link %s: err = %v, want ErrForeignLink", link, err)
		}
	}
	if _, err := c.DirectRoutingCalls(context.Background(), time.Time{}, time.Time{}, page.NextLink); !errors.Is(err, ErrForeignLink) {
		t.Errorf("direct routing foreign link: %v", err)
	}
	if n := foreignHits.Load(); n != 0 {
		t.Fatalf("foreign host got %d requests", n)
	}
}

func TestFractionalRetryAfterHonoured(t *testing.T) {
	var hits atomic.Int32
	var first, second time.Time
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch hits.Add(1) {
		case 1:
			first = time.Now()
			w.Header().Set("Retry-After", "0.35")
			w.Header().Set("request-id", "req-1")
			w.WriteHeader(http.StatusTooManyRequests)
			fmt.Fprint(w, `{"error":{"code":"TooManyRequests","message":"Please retry again later.","innerError":{"code":"429","request-id":"req-1","date":"2026-11-22T10:00:00"}}}`)
		default:
			second = time.Now()
			fmt.Fprint(w, `{"value":[]}`)
		}
	}))
	defer srv.Close()
	obs := &recordingObserver{}
	c := newTestClient(t, srv.URL+"/v1.0", obs)
	if _, err := c.ListCallRecords(context.Background(), CallQuery{}, ""); err != nil {
		t.Fatal(err)
	}
	if hits.Load() != 2 {
		t.Fatalf("hits = %d, want 2", hits.Load())
	}
	// azcore alone would read "0.35" as absent and back off ~1 s; a floor of
	// 350 ms proves the fractional header was honoured.
	if gap := second.Sub(first); gap < 350*time.Millisecond || gap > 900*time.Millisecond {
		t.Fatalf("waited %v, want about 350ms", gap)
	}
	if len(obs.retries) != 1 || obs.retries[0].Wait != 350*time.Millisecond || obs.retries[0].Status != 429 || obs.retries[0].Attempt != 1 {
		t.Fatalf("throttle events = %+v", obs.retries)
	}
	if len(obs.requests) != 2 || obs.requests[0].RequestID != "req-1" || obs.requests[0].Attempt != 1 || obs.requests[1].Attempt != 2 {
		t.Fatalf("request events = %+v", obs.requests)
	}
}

func TestRetriesAreBoundedAndErrorIsTyped(t *testing.T) {
	var hits atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		w.Header().Set("Retry-After", "0.01")
		w.Header().Set("request-id", "rid-9")
		w.WriteHeader(http.StatusServiceUnavailable)
		fmt.Fprint(w, `{"error":{"code":"serviceNotAvailable","message":"busy","innererror":{"request-id":"rid-9","date":"2026-11-22T10:00:00"}}}`)
	}))
	defer srv.Close()
	c, err := New(Options{ServiceRoot: srv.URL + "/v1.0", MaxRetries: 2})
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.ListCallRecords(context.Background(), CallQuery{}, "")
	var ge *Error
	if !errors.As(err, &ge) {
		t.Fatalf("err = %v, want *Error", err)
	}
	if hits.Load() != 3 {
		t.Fatalf("hits = %d, want 1 + 2 retries", hits.Load())
	}
	if ge.Status != 503 || ge.Code != "serviceNotAvailable" || ge.RequestID != "rid-9" || ge.Date != "2026-11-22T10:00:00" {
		t.Fatalf("error = %+v", ge)
	}
	if !strings.Contains(err.Error(), "request-id rid-9") {
		t.Fatalf("message lacks request id: %v", err)
	}
}

func TestRetryAfterForms(t *testing.T) {
	now := time.Date(2026, 11, 22, 10, 0, 0, 0, time.UTC)
	cases := []struct {
		v     string
		want  time.Duration
		known bool
	}{
		{"", 0, false},
		{"10", 10 * time.Second, true},
		{"2.128", 2128 * time.Millisecond, true},
		{"0", 0, true},
		{now.Add(3 * time.Second).Format(http.TimeFormat), 3 * time.Second, true},
		{"soon", 0, false},
		{"-1", 0, false},
		{"NaN", 0, false},
	}
	for _, tc := range cases {
		h := http.Header{}
		if tc.v != "" {
			h.Set("Retry-After", tc.v)
		}
		got, known := RetryAfter(h, now)
		if got != tc.want || known != tc.known {
			t.Errorf("RetryAfter(%q) = %v, %v; want %v, %v", tc.v, got, known, tc.want, tc.known)
		}
	}
}

func TestMalformedPageIsAnError(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("request-id", "rid-trunc")
		fmt.Fprint(w, `{"value":[{"id":"a","version":`)
	}))
	defer srv.Close()
	c := newTestClient(t, srv.URL+"/v1.0", nil)
	_, err := c.ListCallRecords(context.Background(), CallQuery{}, "")
	var me *MalformedResponseError
	if !errors.As(err, &me) || me.RequestID != "rid-trunc" {
		t.Fatalf("err = %v, want MalformedResponseError with request id", err)
	}
}

func TestDeadNetworkIsAClearError(t *testing.T) {
	srv := httptest.NewServer(http.NotFoundHandler())
	root := srv.URL + "/v1.0"
	srv.Close()
	c, err := New(Options{ServiceRoot: root, MaxRetries: -1})
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.ListCallRecords(context.Background(), CallQuery{}, "")
	if err == nil || !strings.Contains(err.Error(), "network") {
		t.Fatalf("err = %v, want a network error", err)
	}
}

func TestFilterGrammar(t *testing.T) {
	from := time.Date(2026, 11, 20, 9, 25, 0, 0, time.FixedZone("x", 3600))
	to := time.Date(2026, 11, 21, 0, 0, 0, 0, time.UTC)
	cases := []struct {
		q    CallQuery
		want string
	}{
		{CallQuery{}, ""},
		{CallQuery{From: from}, "startDateTime ge 2026-11-20T08:25:00Z"},
		{CallQuery{From: from, To: to}, "startDateTime ge 2026-11-20T08:25:00Z and startDateTime lt 2026-11-21T00:00:00Z"},
		{CallQuery{Participant: "821809f5-0000-0000-0000-3b5136c0e777"}, "participants_v2/any(p:p/id eq '821809f5-0000-0000-0000-3b5136c0e777')"},
		{CallQuery{Participant: "o'brien'"}, "participants_v2/any(p:p/id eq 'o''brien''')"},
	}
	for _, tc := range cases {
		if got := tc.q.Filter(); got != tc.want {
			t.Errorf("Filter() = %q, want %q", got, tc.want)
		}
	}
	if err := (CallQuery{From: to, To: from}).Validate(); err == nil {
		t.Error("from after to accepted")
	}
	if err := (CallQuery{Participant: "a\nb"}).Validate(); err == nil {
		t.Error("control character accepted")
	}
}

func TestPstnRangeRefusedBeforeSending(t *testing.T) {
	var hits atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { hits.Add(1) }))
	defer srv.Close()
	c := newTestClient(t, srv.URL+"/v1.0", nil)
	from := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	_, err := c.PstnCalls(context.Background(), from, from.Add(91*24*time.Hour), "")
	if !errors.Is(err, ErrRangeTooLong) || hits.Load() != 0 {
		t.Fatalf("err = %v, hits = %d", err, hits.Load())
	}
}

func TestFunctionURLBuiltByHand(t *testing.T) {
	c := newTestClient(t, "https://graph.microsoft.com/v1.0", nil)
	from := time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)
	got := c.FunctionURL("getDirectRoutingCalls", from, from.Add(24*time.Hour))
	want := "https://graph.microsoft.com/v1.0/communications/callRecords/getDirectRoutingCalls(fromDateTime=2026-11-01T00:00:00Z,toDateTime=2026-11-02T00:00:00Z)"
	if got != want {
		t.Fatalf("got %s", got)
	}
}

// A refused connection or an unknown host will not heal in the seconds
// azcore's retries wait, so the user hears at once instead of after half a
// minute of silence: one try, then the error.
func TestDeadNetworkIsNotRetried(t *testing.T) {
	srv := httptest.NewServer(http.NotFoundHandler())
	root := srv.URL + "/v1.0"
	srv.Close()
	obs := &recordingObserver{}
	c := newTestClient(t, root, obs)
	_, err := c.ListCallRecords(context.Background(), CallQuery{}, "")
	if err == nil || !strings.Contains(err.Error(), "network unreachable") {
		t.Fatalf("err = %v, want a network error", err)
	}
	obs.mu.Lock()
	defer obs.mu.Unlock()
	if len(obs.requests) != 1 {
		t.Fatalf("%d tries of a refused connection, want 1", len(obs.requests))
	}
}

// A certificate the machine does not trust (a TLS-inspecting proxy, a
// wrong --graph-url) fails the same way on every try: one try, and an
// error that names the certificate.
func TestUntrustedCertificateIsNotRetried(t *testing.T) {
	srv := httptest.NewTLSServer(http.NotFoundHandler())
	defer srv.Close()
	obs := &recordingObserver{}
	c := newTestClient(t, srv.URL+"/v1.0", obs)
	_, err := c.ListCallRecords(context.Background(), CallQuery{}, "")
	if err == nil || !strings.Contains(err.Error(), "certificate") {
		t.Fatalf("err = %v, want a certificate error", err)
	}
	obs.mu.Lock()
	defer obs.mu.Unlock()
	if len(obs.requests) != 1 {
		t.Fatalf("%d tries with an untrusted certificate, want 1", len(obs.requests))
	}
}
