package fakegraph

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/callscope/callscope/model"
)

// testNow is the frozen clock of most tests: the fake's "now".
var testNow = time.Date(2026, 11, 22, 10, 30, 0, 0, time.UTC)

const testToken = "test-token"

var (
	demoOnce   sync.Once
	demoShared *Tenant
)

// demo is one demo tenant shared by the read-only tests (it takes ~100 ms).
func demo() *Tenant {
	demoOnce.Do(func() { demoShared = DemoTenant(testNow) })
	return demoShared
}

// serve starts the fake over real HTTP with the frozen clock.
func serve(t *testing.T, ten *Tenant, opts Options) (*Server, *httptest.Server) {
	t.Helper()
	if opts.Clock == nil {
		opts.Clock = func() time.Time { return testNow }
	}
	if opts.Token == "" {
		opts.Token = testToken
	}
	s := New(ten, opts)
	ts := httptest.NewServer(s)
	t.Cleanup(ts.Close)
	return s, ts
}

type response struct {
	status int
	header http.Header
	body   []byte
}

// get requests target (a path below /v1.0, or an absolute URL) with the
// test token; headers are name/value pairs, and "Authorization", "" drops it.
func get(t *testing.T, ts *httptest.Server, target string, headers ...string) response {
	t.Helper()
	u := target
	if !strings.HasPrefix(u, "http") {
		u = ts.URL + "/v1.0" + target
	}
	req, err := http.NewRequest(http.MethodGet, u, nil)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Authorization", "Bearer "+testToken)
	for i := 0; i+1 < len(headers); i += 2 {
		if headers[i+1] == "" {
			req.Header.Del(headers[i])
			continue
		}
		req.Header.Set(headers[i], headers[i+1])
	}
	res, err := ts.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	body, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	return response{status: res.StatusCode, header: res.Header, body: body}
}

// object decodes a JSON object body, failing the test otherwise.
func (r response) object(t *testing.T) map[string]any {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal(r.body, &m); err != nil {
		t.Fatalf("status %d, body is not a JSON object: %v\n%.300s", r.status, err, r.body)
	}
	return m
}

func (r response) want(t *testing.T, status int) response {
	t.Helper()
	if r.status != status {
		t.Fatalf("status %d, want %d: %.400s", r.status, status, r.body)
	}
	return r
}

// wantError checks Graph's error envelope and that its request-id is the
// response header's.
func (r response) wantError(t *testing.T, status int, code string) map[string]any {
	t.Helper()
	r.want(t, status)
	m := r.object(t)
	e, _ := m["error"].(map[string]any)
	if e == nil || e["code"] != code {
		t.Fatalf("error code %v, want %s: %s", e["code"], code, r.body)
	}
	inner, _ := e["innerError"].(map[string]any)
	if inner == nil || inner["request-id"] != r.header.Get("request-id") || inner["request-id"] == "" {
		t.Fatalf("innerError.request-id %v, header %q", inner["request-id"], r.header.Get("request-id"))
	}
	if d, _ := inner["date"].(string); len(d) != len("2006-01-02T15:04:05") || strings.ContainsAny(d[10:], "Z+") {
		t.Errorf("innerError.date %q should be a timestamp without zone", d)
	}
	return e
}

// page decodes a collection page.
func page[T any](t *testing.T, r response) model.Page[T] {
	t.Helper()
	r.want(t, http.StatusOK)
	var p model.Page[T]
	if err := json.Unmarshal(r.body, &p); err != nil {
		t.Fatalf("decode page: %v", err)
	}
	return p
}

func keys(m map[string]any) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	return out
}

// smallTenant is a hand-built tenant for exact assertions.
func smallTenant() *Tenant {
	ten := NewTenant()
	user := func(id, name string) *model.IdentitySet {
		return &model.IdentitySet{User: &model.Identity{ID: id, DisplayName: name, TenantID: DefaultTenantID}}
	}
	add := func(id string, start time.Time, d time.Duration, parts ...string) {
		r := model.CallRecord{ID: id, Version: 1, Type: model.CallTypePeerToPeer, Modalities: []string{"audio"},
			StartDateTime: model.NewTime(start), EndDateTime: model.NewTime(start.Add(d)),
			LastModifiedDateTime: model.NewTime(start.Add(d + time.Minute))}
		for _, p := range parts {
			r.ParticipantsV2 = append(r.ParticipantsV2, model.Participant{ID: p, Identity: user(p, "Person "+p)})
		}
		r.OrganizerV2 = &r.ParticipantsV2[0]
		ten.AddRecord(r)
	}
	add("rec-old", testNow.Add(-31*24*time.Hour), time.Minute, "alice")
	add("rec-a", time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC), 5*time.Minute, "alice", "o'brien")
	add("rec-b", time.Date(2026, 11, 20, 10, 0, 0, 0, time.UTC), 5*time.Minute, "bob", "alice")
	add("rec-c", time.Date(2026, 11, 21, 9, 0, 0, 0, time.UTC), 5*time.Minute, "carol")
	add("rec-live", testNow.Add(-time.Minute), 10*time.Minute, "dave") // still in progress
	return ten
}
