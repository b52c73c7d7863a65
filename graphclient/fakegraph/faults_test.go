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
