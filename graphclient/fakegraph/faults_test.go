package fakegraph

import (
	"errors"
	"io"
	"net/http"
	"testing"

	"github.com/callscope/callscope/model"
)

func TestLoopNextLinkPointsEveryCollectionPageAtItself(t *testing.T) {
	s, ts := serve(t, smallTenant(), Options{})
	s.SetFaults(Faults{LoopNextLink: true})
	for _, target := range []string{
		"/communications/callRecords?$select=id",
		"/communications/callRecords/rec-a/participants_v2",
		"/communications/callRecords/getDirectRoutingCalls(fromDateTime=2026-11-20T00:00:00Z,toDateTime=2026-11-21T00:00:00Z)",
	} {
		p := page[map[string]any](t, get(t, ts, target))
		if want := ts.URL + "/v1.0" + target; p.NextLink != want {
			t.Errorf("%s: nextLink %q, want the page's own URL %q", target, p.NextLink, want)
		}
	}
	// A single record is not a collection: no link is invented.
	rec := get(t, ts, "/communications/callRecords/rec-a").want(t, http.StatusOK).object(t)
	if _, ok := rec["@odata.nextLink"]; ok {
		t.Errorf("a record got a nextLink: %v", keys(rec))
	}
	s.SetFaults(Faults{})
	if p := page[model.CallRecord](t, get(t, ts, "/communications/callRecords")); p.NextLink != "" {
		t.Errorf("healthy again, yet nextLink %q", p.NextLink)
	}
}

func TestHangUpEveryDropsTheConnectionMidBody(t *testing.T) {
	s, ts := serve(t, smallTenant(), Options{})
	s.SetFaults(Faults{HangUpEvery: 2})
	read := func() (int, error) {
		req, _ := http.NewRequest(http.MethodGet, ts.URL+"/v1.0/communications/callRecords", nil)
		req.Header.Set("Authorization", "Bearer "+testToken)
		res, err := ts.Client().Do(req)
		if err != nil {
			return 0, err
		}
		defer res.Body.Close()
		b, err := io.ReadAll(res.Body)
		return len(b), err
	}
	if n, err := read(); err != nil || n == 0 {
		t.Fatalf("first request: %d bytes, %v; want it whole", n, err)
	}
	if _, err := read(); !errors.Is(err, io.ErrUnexpectedEOF) {
		t.Fatalf("second request: err %v, want the body cut short (unexpected EOF)", err)
	}
}

// 504 comes every Nth request without Retry-After; NoRetryAfter drops the
// header from 429 and 503, which otherwise carry it.
func TestGatewayTimeoutAndRetryAfterKnob(t *testing.T) {
	s, ts := serve(t, smallTenant(), Options{})
	const target = "/communications/callRecords"
	s.SetFaults(Faults{GatewayTimeoutEvery: 2})
	get(t, ts, target).want(t, http.StatusOK)
	r := get(t, ts, target)
	r.wantError(t, http.StatusGatewayTimeout, CodeGatewayTimeout)
	if v := r.header.Get("Retry-After"); v != "" {
		t.Errorf("504 Retry-After %q, want none", v)
	}
	get(t, ts, target).want(t, http.StatusOK)
	for _, tc := range []struct {
		f      Faults
		status int
		code   string
		header string
	}{
		{Faults{ThrottleEvery: 1}, http.StatusTooManyRequests, CodeTooManyRequests, "1"},
		{Faults{ThrottleEvery: 1, RetryAfter: "2.128"}, http.StatusTooManyRequests, CodeTooManyRequests, "2.128"},
		{Faults{ThrottleEvery: 1, NoRetryAfter: true}, http.StatusTooManyRequests, CodeTooManyRequests, ""},
		{Faults{UnavailableEvery: 1}, http.StatusServiceUnavailable, CodeServiceUnavailable, "1"},
		{Faults{UnavailableEvery: 1, NoRetryAfter: true, RetryAfter: "5"}, http.StatusServiceUnavailable, CodeServiceUnavailable, ""},
	} {
		s.SetFaults(tc.f)
		r := get(t, ts, target)
		r.wantError(t, tc.status, tc.code)
		if _, present := r.header["Retry-After"]; r.header.Get("Retry-After") != tc.header || present != (tc.header != "") {
			t.Errorf("%+v: Retry-After %q, want %q", tc.f, r.header.Get("Retry-After"), tc.header)
		}
	}
}
