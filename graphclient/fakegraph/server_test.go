package fakegraph

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/callscope/callscope/model"
)

func TestAuthentication(t *testing.T) {
	s, ts := serve(t, smallTenant(), Options{})
	for _, auth := range []string{"", "Basic dXNlcjpwYXNz", "Bearer", "Bearer wrong-token"} {
		res := get(t, ts, "/communications/callRecords", "Authorization", auth)
		e := res.wantError(t, http.StatusUnauthorized, CodeUnauthorized)
		if res.header.Get("WWW-Authenticate") == "" || e["message"] == "" {
			t.Errorf("%q: 401 without WWW-Authenticate or message", auth)
		}
	}
	reqs := s.Requests()
	if len(reqs) != 4 || reqs[0].HasAuthorization || !reqs[1].HasAuthorization ||
		reqs[0].Method != "GET" || reqs[0].Path != "/v1.0/communications/callRecords" || !reqs[0].Time.Equal(testNow) {
		t.Errorf("recorded %+v", reqs)
	}
	s.ResetRequests()
	if len(s.Requests()) != 0 {
		t.Error("ResetRequests kept requests")
	}
	// Token "" accepts any bearer token, but still not none.
	anyTok := New(smallTenant(), Options{})
	for auth, want := range map[string]int{"Bearer anything": 200, "Bearer ": 401, "": 401} {
		req, _ := http.NewRequest("GET", "http://fake/v1.0/communications/callRecords", nil)
		if auth != "" {
			req.Header.Set("Authorization", auth)
		}
		rec := newRecorder()
		anyTok.ServeHTTP(rec, req)
		if rec.status != want {
			t.Errorf("%q with Token \"\": %d, want %d", auth, rec.status, want)
		}
	}
}

// recorder is a minimal http.ResponseWriter for handler-level tests.
type recorder struct {
	h      http.Header
	status int
	body   strings.Builder
}

func newRecorder() *recorder                    { return &recorder{h: http.Header{}} }
func (r *recorder) Header() http.Header         { return r.h }
func (r *recorder) WriteHeader(s int)           { r.status = s }
func (r *recorder) Write(b []byte) (int, error) { return r.body.Write(b) }

func TestHeadersAndRouting(t *testing.T) {
	_, ts := serve(t, smallTenant(), Options{})
	res := get(t, ts, "/communications/callRecords", "client-request-id", "my-id-1")
	if res.header.Get("client-request-id") != "my-id-1" || len(res.header.Get("request-id")) != 36 ||
		res.header.Get("Date") != testNow.Format(http.TimeFormat) {
		t.Errorf("headers %v", res.header)
	}
	if res = get(t, ts, "/communications/callRecords"); len(res.header.Get("client-request-id")) != 36 {
		t.Error("no client-request-id generated when the client sent none")
	}
	for _, p := range []string{"/groups", "/communications/calls", "/communications/callRecords/rec-a/segments",
		"/communications/callRecords/rec-a/sessions/x/segments"} {
		get(t, ts, p).wantError(t, http.StatusNotFound, CodeNotFound)
	}
	get(t, ts, ts.URL+"/beta/communications/callRecords").wantError(t, http.StatusNotFound, CodeNotFound)
	req, _ := http.NewRequest(http.MethodPost, ts.URL+"/v1.0/communications/callRecords", nil)
	req.Header.Set("Authorization", "Bearer "+testToken)
	r, err := ts.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	r.Body.Close()
	if r.StatusCode != http.StatusMethodNotAllowed {
		t.Errorf("POST: %d", r.StatusCode)
	}
	// Segment names are case-insensitive, as on Graph.
	get(t, ts, "/Communications/CallRecords/rec-a").want(t, 200)
	// maxpagesize above the limit is not applied, below it is reported.
	if h := get(t, ts, "/communications/callRecords", "Prefer", "odata.maxpagesize=2").header.Get("Preference-Applied"); h != "odata.maxpagesize=2" {
		t.Errorf("Preference-Applied %q", h)
	}
}

func TestFaults(t *testing.T) {
	s, ts := serve(t, smallTenant(), Options{Faults: Faults{ThrottleEvery: 2, RetryAfter: "2.128"}})
	get(t, ts, "/communications/callRecords").want(t, 200)
	res := get(t, ts, "/communications/callRecords")
	e := res.wantError(t, http.StatusTooManyRequests, CodeTooManyRequests)
	inner := e["innerError"].(map[string]any)
	if res.header.Get("Retry-After") != "2.128" || inner["status"] != "429" || inner["code"] != "429" {
		t.Errorf("429: Retry-After %q, innerError %v", res.header.Get("Retry-After"), inner)
	}
	s.SetFaults(Faults{UnavailableEvery: 1})
	res = get(t, ts, "/communications/callRecords")
	res.wantError(t, http.StatusServiceUnavailable, CodeServiceUnavailable)
	if res.header.Get("Retry-After") != "1" {
		t.Errorf("503 Retry-After %q, want the default 1", res.header.Get("Retry-After"))
	}
	s.SetFaults(Faults{TruncateEvery: 2})
	whole := get(t, ts, "/communications/callRecords").want(t, 200)
	cut := get(t, ts, "/communications/callRecords").want(t, 200)
	var v any
	if len(cut.body) != len(whole.body)/2 || json.Unmarshal(cut.body, &v) == nil ||
		cut.header.Get("Content-Length") != strconv.Itoa(len(cut.body)) {
		t.Errorf("truncated body %d of %d bytes", len(cut.body), len(whole.body))
	}
	s.SetFaults(Faults{Latency: 50 * time.Millisecond})
	start := time.Now()
	get(t, ts, "/communications/callRecords").want(t, 200)
	if d := time.Since(start); d < 50*time.Millisecond {
		t.Errorf("latency %v", d)
	}
	// Faults count authenticated requests only.
	s.SetFaults(Faults{ThrottleEvery: 1})
	get(t, ts, "/communications/callRecords", "Authorization", "").wantError(t, 401, CodeUnauthorized)
}

func TestSetFaultsIsConcurrencySafe(t *testing.T) {
	s, ts := serve(t, smallTenant(), Options{})
	var wg sync.WaitGroup
	for i := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range 20 {
				if i == 0 {
					s.SetFaults(Faults{ThrottleEvery: 1 + j%3})
				}
				req, _ := http.NewRequest("GET", ts.URL+"/v1.0/communications/callRecords", nil)
				req.Header.Set("Authorization", "Bearer "+testToken)
				if r, err := ts.Client().Do(req); err == nil {
					_, _ = io.Copy(io.Discard, r.Body)
					r.Body.Close()
				}
			}
		}()
	}
	wg.Wait()
	if n := len(s.Requests()); n != 160 {
		t.Errorf("recorded %d requests, want 160", n)
	}
}

func TestStart(t *testing.T) {
	ten := NewTenant() // Start uses the real clock, so date the record from it
	ten.AddRecord(model.CallRecord{ID: "r1", StartDateTime: model.NewTime(time.Now().Add(-2 * time.Hour)),
		EndDateTime: model.NewTime(time.Now().Add(-time.Hour))})
	base, shutdown, err := Start(ten, Options{Token: "tok"})
	if err != nil {
		t.Fatal(err)
	}
	defer shutdown(context.Background())
	if !strings.HasPrefix(base, "http://127.0.0.1:") || !strings.HasSuffix(base, "/v1.0") {
		t.Fatalf("base URL %q", base)
	}
	req, _ := http.NewRequest("GET", base+"/communications/callRecords", nil)
	req.Header.Set("Authorization", "Bearer tok")
	r, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Body.Close()
	var p struct {
		Value []map[string]any `json:"value"`
	}
	if err := json.NewDecoder(r.Body).Decode(&p); err != nil || r.StatusCode != 200 || len(p.Value) == 0 {
		t.Fatalf("status %d, %d records, %v", r.StatusCode, len(p.Value), err)
	}
}
