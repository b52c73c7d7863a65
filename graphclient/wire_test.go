package graphclient

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"
)

// The wire form matters: Graph parses the function parameters and $filter
// from the raw request line.
func TestRequestsOnTheWire(t *testing.T) {
	var got []string
	var auth, prefer string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		got = append(got, r.RequestURI)
		auth, prefer = r.Header.Get("Authorization"), r.Header.Get("Prefer")
		fmt.Fprint(w, `{"value":[]}`)
	}))
	defer srv.Close()
	c := newTestClient(t, srv.URL+"/v1.0", nil)
	ctx := context.Background()
	from := time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)
	if _, err := c.DirectRoutingCalls(ctx, from, from.Add(time.Hour), ""); err != nil {
		t.Fatal(err)
	}
	if _, err := c.ListCallRecords(ctx, CallQuery{From: from, Participant: "o'b", PageSize: 10}, ""); err != nil {
		t.Fatal(err)
	}
	want := []string{
		"/v1.0/communications/callRecords/getDirectRoutingCalls(fromDateTime=2026-11-01T00:00:00Z,toDateTime=2026-11-01T01:00:00Z)",
		"/v1.0/communications/callRecords?$filter=startDateTime%20ge%202026-11-01T00%3A00%3A00Z%20and%20participants_v2%2Fany%28p%3Ap%2Fid%20eq%20%27o%27%27b%27%29",
	}
	for i := range want {
		if i >= len(got) || got[i] != want[i] {
			t.Errorf("request %d = %q\nwant        %q", i, got, want[i])
		}
	}
	if auth != "Bearer secret-token" {
		t.Errorf("Authorization = %q", auth)
	}
	if prefer != "odata.maxpagesize=10, include-unknown-enum-members" {
		t.Errorf("Prefer = %q", prefer)
	}
}
