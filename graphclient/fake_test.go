package graphclient

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/callscope/callscope/graphclient/fakegraph"
	"github.com/callscope/callscope/model"
)

// These tests run the client over real HTTP against the fake Graph service,
// so they check the client against the documented behaviour, quirks included.

var fakeNow = time.Date(2026, 11, 22, 12, 0, 0, 0, time.UTC)

func startFake(t *testing.T, tenant *fakegraph.Tenant) (*Client, *fakegraph.Server) {
	t.Helper()
	srv := fakegraph.New(tenant, fakegraph.Options{Token: "fake-token", Clock: func() time.Time { return fakeNow }})
	hs := httptest.NewServer(srv)
	t.Cleanup(hs.Close)
	c, err := New(Options{ServiceRoot: hs.URL + "/v1.0", Credential: StaticToken("fake-token"), MaxRetryDelay: 5 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	return c, srv
}

func record(id string, start time.Time, participants ...string) model.CallRecord {
	r := model.CallRecord{ID: id, Version: 1, Type: model.CallTypePeerToPeer, Modalities: []string{"audio"},
		StartDateTime: model.NewTime(start), EndDateTime: model.NewTime(start.Add(5 * time.Minute)),
		LastModifiedDateTime: model.NewTime(start.Add(20 * time.Minute)),
		OrganizerV2:          &model.Participant{ID: "org", Identity: &model.IdentitySet{User: &model.Identity{ID: "org", DisplayName: "Org"}}}}
	for _, p := range participants {
		r.ParticipantsV2 = append(r.ParticipantsV2, model.Participant{ID: p, Identity: &model.IdentitySet{User: &model.Identity{ID: p, DisplayName: p}}})
	}
	return r
}

// listAll pages with nextLink until Graph stops sending one.
func listAll(t *testing.T, c *Client, q CallQuery) ([]string, int) {
	t.Helper()
	var ids []string
	pages, next := 0, ""
	for {
		page, err := c.ListCallRecords(context.Background(), q, next)
		if err != nil {
			t.Fatal(err)
		}
		pages++
		for _, r := range page.Value {
			ids = append(ids, r.ID)
		}
		if page.NextLink == "" {
			return ids, pages
		}
		next = page.NextLink
	}
}

func TestPagingIsCompleteAndExact(t *testing.T) {
	tenant := fakegraph.NewTenant()
	const n = 125
	for i := range n {
		tenant.AddRecord(record(fmt.Sprintf("rec-%03d", i), fakeNow.Add(-time.Duration(i+1)*time.Hour)))
	}
	c, _ := startFake(t, tenant)
	ids, pages := listAll(t, c, CallQuery{})
	if len(ids) != n || pages != 3 {
		t.Fatalf("got %d records in %d pages, want %d in 3 (pages of 60)", len(ids), pages, n)
	}
	seen := map[string]bool{}
	for i, id := range ids {
		if seen[id] {
			t.Fatalf("%s listed twice", id)
		}
		seen[id] = true
		if want := fmt.Sprintf("rec-%03d", i); id != want { // newest first
			t.Fatalf("position %d = %s, want %s", i, id, want)
		}
	}
	// A smaller page size is honoured and still exact.
	ids, pages = listAll(t, c, CallQuery{PageSize: 50})
	if len(ids) != n || pages != 3 {
		t.Fatalf("maxpagesize 50: %d records in %d pages", len(ids), pages)
	}
}

func TestDateAndParticipantFilters(t *testing.T) {
	tenant := fakegraph.NewTenant()
	tenant.AddRecord(record("old", fakeNow.Add(-48*time.Hour), "alice"))
	tenant.AddRecord(record("edge", fakeNow.Add(-24*time.Hour), "o'brien"))
	tenant.AddRecord(record("new", fakeNow.Add(-2*time.Hour), "alice", "o'brien"))
	c, _ := startFake(t, tenant)
	cases := []struct {
		q    CallQuery
		want string
	}{
		{CallQuery{From: fakeNow.Add(-24 * time.Hour)}, "new,edge"},                   // ge is inclusive
		{CallQuery{To: fakeNow.Add(-24 * time.Hour)}, "old"},                          // lt is exclusive
		{CallQuery{Participant: "alice"}, "new,old"},                                  // participants_v2/any
		{CallQuery{Participant: "o'brien"}, "new,edge"},                               // apostrophe doubled
		{CallQuery{Participant: "o'brien", From: fakeNow.Add(-3 * time.Hour)}, "new"}, // combined
		{CallQuery{Participant: "nobody' or '1'='1"}, ""},                             // quotes cannot escape
		{CallQuery{From: fakeNow.Add(-30 * time.Hour), To: fakeNow.Add(-3 * time.Hour)}, "edge"},
	}
	for _, tc := range cases {
		ids, _ := listAll(t, c, tc.q)
		if got := strings.Join(ids, ","); got != tc.want {
			t.Errorf("filter %q: got %q, want %q", tc.q.Filter(), got, tc.want)
		}
	}
}

func TestSessionsPagingQuirk(t *testing.T) {
	tenant := fakegraph.NewTenant()
	r := record("big", fakeNow.Add(-time.Hour))
	r.Type = model.CallTypeGroupCall
	for i := range 150 {
		r.Sessions = append(r.Sessions, model.Session{ID: fmt.Sprintf("s%03d", i), Modalities: []string{"audio"},
			StartDateTime: r.StartDateTime, EndDateTime: r.EndDateTime,
			Segments: []model.Segment{{ID: fmt.Sprintf("g%03d", i), StartDateTime: r.StartDateTime, EndDateTime: r.EndDateTime}}})
	}
	tenant.AddRecord(r)
	c, srv := startFake(t, tenant)
	got, err := c.GetCallRecord(context.Background(), "big")
	if err != nil {
		t.Fatal(err)
	}
	if len(got.Sessions) != 150 || got.SessionsNextLink != "" {
		t.Fatalf("sessions = %d, link %q; want all 150", len(got.Sessions), got.SessionsNextLink)
	}
	for i, s := range got.Sessions {
		if s.ID != fmt.Sprintf("s%03d", i) || len(s.Segments) != 1 {
			t.Fatalf("session %d = %s with %d segments", i, s.ID, len(s.Segments))
		}
	}
	// The inline link is a $metadata fragment; the client must use the
	// sessions endpoint instead (1 get + 3 session pages of 60).
	var paths []string
	for _, rq := range srv.Requests() {
		paths = append(paths, rq.Path)
		if strings.Contains(rq.Path, "$metadata") {
			t.Errorf("client followed the unusable inline link: %s", rq.Path)
		}
	}
	if len(paths) != 4 {
		t.Fatalf("requests = %q, want 4", paths)
	}
}

func TestParticipantsPaging(t *testing.T) {
	tenant := fakegraph.NewTenant()
	var ps []string
	for i := range 300 {
		ps = append(ps, fmt.Sprintf("p%03d", i))
	}
	tenant.AddRecord(record("meeting", fakeNow.Add(-time.Hour), ps...))
	c, _ := startFake(t, tenant)
	var got []string
	pages, next := 0, ""
	for {
		page, err := c.ListParticipants(context.Background(), "meeting", next)
		if err != nil {
			t.Fatal(err)
		}
		pages++
		for _, p := range page.Value {
			got = append(got, p.ID)
		}
		if next = page.NextLink; next == "" {
			break
		}
	}
	if len(got) != 300 || pages != 3 || got[299] != "p299" {
		t.Fatalf("got %d participants in %d pages", len(got), pages)
	}
}

func TestRetryAfterFromFakeIsHonoured(t *testing.T) {
	tenant := fakegraph.NewTenant()
	tenant.AddRecord(record("a", fakeNow.Add(-time.Hour)))
	c, srv := startFake(t, tenant)
	srv.SetFaults(fakegraph.Faults{ThrottleEvery: 1, RetryAfter: "0.2"})
	// Every request throttled: the client gives up after its retries with a typed 429.
	start := time.Now()
	_, err := c.ListCallRecords(context.Background(), CallQuery{}, "")
	var ge *Error
	if !errors.As(err, &ge) || ge.Status != http.StatusTooManyRequests || ge.RequestID == "" {
		t.Fatalf("err = %v", err)
	}
	if el := time.Since(start); el < 4*200*time.Millisecond {
		t.Fatalf("gave up after %v: Retry-After 0.2 s × 4 retries not honoured", el)
	}
	// Every second request throttled: one wait, then success.
	srv.SetFaults(fakegraph.Faults{ThrottleEvery: 2, RetryAfter: "0.2"})
	srv.ResetRequests()
	if _, err := c.ListCallRecords(context.Background(), CallQuery{}, ""); err != nil {
		t.Fatal(err)
	}
	if _, err := c.ListCallRecords(context.Background(), CallQuery{}, ""); err != nil {
		t.Fatal(err)
	}
	if n := len(srv.Requests()); n != 3 {
		t.Fatalf("requests = %d, want 3 (one retried)", n)
	}
}

// A body cut short every time is fetched again a bounded number of times,
// then fails as malformed, saying how many tries it took.
func TestTruncatedBodyIsAnError(t *testing.T) {
	shortBodyRetry(t)
	tenant := fakegraph.NewTenant()
	tenant.AddRecord(record("a", fakeNow.Add(-time.Hour)))
	c, srv := startFake(t, tenant)
	srv.SetFaults(fakegraph.Faults{TruncateEvery: 1})
	_, err := c.ListCallRecords(context.Background(), CallQuery{}, "")
	var me *MalformedResponseError
	if !errors.As(err, &me) {
		t.Fatalf("err = %v, want MalformedResponseError", err)
	}
	if n := len(srv.Requests()); n != bodyRetry.tries || !strings.Contains(err.Error(), fmt.Sprintf("tried %d times", n)) {
		t.Fatalf("%d requests, err %q; want %d tries, said", n, err, bodyRetry.tries)
	}
}

// A 200 cut off mid-body (every second response) is fetched again, so
// paging through records, a record with its sessions and a log function
// all complete, exact and in order (issue 13, Resilience).
func TestTruncatedPageIsFetchedAgain(t *testing.T) {
	shortBodyRetry(t)
	tenant := fakegraph.NewTenant()
	const n = 125
	for i := range n {
		tenant.AddRecord(record(fmt.Sprintf("rec-%03d", i), fakeNow.Add(-time.Duration(i+1)*time.Hour)))
	}
	from := fakeNow.Add(-24 * time.Hour)
	for i := range 1500 {
		tenant.AddDirectRoutingRows(model.DirectRoutingRow{ID: fmt.Sprintf("dr-%04d", i), StartDateTime: model.NewTime(from.Add(time.Duration(i) * time.Minute / 2))})
	}
	c, srv := startFake(t, tenant)
	srv.SetFaults(fakegraph.Faults{TruncateEvery: 2})
	ids, pages := listAll(t, c, CallQuery{})
	if len(ids) != n || pages != 3 || ids[0] != "rec-000" || ids[n-1] != fmt.Sprintf("rec-%03d", n-1) {
		t.Fatalf("got %d records in %d pages (%s … %s)", len(ids), pages, ids[0], ids[len(ids)-1])
	}
	if got := len(srv.Requests()); got != 5 { // 3 pages, 2 of them fetched twice
		t.Fatalf("requests = %d, want 5", got)
	}
	rec, err := c.GetCallRecord(context.Background(), "rec-007")
	if err != nil || rec.ID != "rec-007" || rec.OrganizerV2 == nil || rec.OrganizerV2.ID != "org" {
		t.Fatalf("get: %v, %+v", err, rec)
	}
	rows, next := 0, ""
	for {
		page, err := c.DirectRoutingCalls(context.Background(), from, fakeNow, next)
		if err != nil {
			t.Fatal(err)
		}
		rows += len(page.Value)
		if next = page.NextLink; next == "" {
			break
		}
	}
	if rows != 1500 {
		t.Fatalf("direct routing rows = %d, want 1500", rows)
	}
}

func TestUnauthorizedAndNotFound(t *testing.T) {
	tenant := fakegraph.NewTenant()
	srv := httptest.NewServer(fakegraph.New(tenant, fakegraph.Options{Token: "right"}))
	defer srv.Close()
	c, err := New(Options{ServiceRoot: srv.URL + "/v1.0", Credential: StaticToken("wrong")})
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.ListCallRecords(context.Background(), CallQuery{}, "")
	var ge *Error
	if !errors.As(err, &ge) || ge.Status != 401 || !strings.Contains(err.Error(), "AZURE_CLIENT_SECRET") {
		t.Fatalf("401: %v", err)
	}
	c2, _ := startFake(t, tenant)
	_, err = c2.GetCallRecord(context.Background(), "3cf3bbc8-0000-0000-0000-000000000000")
	if !IsNotFound(err) || !strings.Contains(err.Error(), "30 days") || !errors.As(err, &ge) || ge.RequestID == "" {
		t.Fatalf("404: %v", err)
	}
}

func TestDirectRoutingPagingAgainstFake(t *testing.T) {
	tenant := fakegraph.NewTenant()
	from := fakeNow.Add(-24 * time.Hour)
	var rows []model.DirectRoutingRow
	for i := range 2500 {
		rows = append(rows, model.DirectRoutingRow{ID: fmt.Sprintf("dr-%04d", i), SuccessfulCall: i%3 != 0,
			StartDateTime: model.NewTime(from.Add(time.Duration(i) * 30 * time.Second))})
	}
	tenant.AddDirectRoutingRows(rows...)
	c, _ := startFake(t, tenant)
	var got int
	pages, next := 0, ""
	for {
		page, err := c.DirectRoutingCalls(context.Background(), from, fakeNow, next)
		if err != nil {
			t.Fatal(err)
		}
		pages++
		got += len(page.Value)
		if next = page.NextLink; next == "" {
			break
		}
	}
	if got != 2500 || pages != 3 {
		t.Fatalf("rows %d in %d pages, want 2500 in 3", got, pages)
	}
}
