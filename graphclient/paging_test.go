package graphclient

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/callscope/callscope/graphclient/fakegraph"
	"github.com/callscope/callscope/model"
)

// Every pager reads each page once: a nextLink back to the page itself or
// to the chain's first page stops paging with ErrRepeatedLink, and no row
// arrives twice.

// loopingFake serves tenant with every collection page's nextLink pointing
// at the page itself (fakegraph.Faults.LoopNextLink).
func loopingFake(t *testing.T, tenant *fakegraph.Tenant) (*Client, *fakegraph.Server) {
	t.Helper()
	c, srv := startFake(t, tenant)
	srv.SetFaults(fakegraph.Faults{LoopNextLink: true})
	return c, srv
}

// unique fails the test if an id repeats.
func unique(t *testing.T, what string, ids []string) {
	t.Helper()
	seen := map[string]bool{}
	for _, id := range ids {
		if seen[id] {
			t.Fatalf("%s: %s arrived twice", what, id)
		}
		seen[id] = true
	}
}

func TestListCallRecordsStopsAtASelfLink(t *testing.T) {
	tenant := fakegraph.NewTenant()
	for i := range 70 {
		tenant.AddRecord(record(fmt.Sprintf("rec-%03d", i), fakeNow.Add(-time.Duration(i+1)*time.Hour)))
	}
	c, srv := loopingFake(t, tenant)
	page, err := c.ListCallRecords(context.Background(), CallQuery{}, "")
	if !errors.Is(err, ErrRepeatedLink) || !strings.Contains(err.Error(), "paging stopped") {
		t.Fatalf("err = %v, want ErrRepeatedLink", err)
	}
	// The first page's rows are new: they come with the error, and the
	// link that would repeat them is gone.
	if page == nil || len(page.Value) != 60 || page.NextLink != "" {
		t.Fatalf("page %+v; want the 60 rows of the first page and no nextLink", page)
	}
	if n := len(srv.Requests()); n != 1 {
		t.Errorf("%d requests, want 1", n)
	}
}

func TestListParticipantsStopsAtASelfLink(t *testing.T) {
	tenant := fakegraph.NewTenant()
	var ps []string
	for i := range 200 {
		ps = append(ps, fmt.Sprintf("p%03d", i))
	}
	tenant.AddRecord(record("meeting", fakeNow.Add(-time.Hour), ps...))
	c, srv := loopingFake(t, tenant)
	page, err := c.ListParticipants(context.Background(), "meeting", "")
	if !errors.Is(err, ErrRepeatedLink) || page == nil || len(page.Value) != 130 || page.NextLink != "" {
		t.Fatalf("err = %v, page %v; want the first 130 and ErrRepeatedLink", err, page)
	}
	if n := len(srv.Requests()); n != 1 {
		t.Errorf("%d requests, want 1", n)
	}
}

func TestGetCallRecordStopsSessionsAtASelfLink(t *testing.T) {
	tenant := fakegraph.NewTenant()
	r := record("big", fakeNow.Add(-time.Hour))
	for i := range 150 {
		r.Sessions = append(r.Sessions, model.Session{ID: fmt.Sprintf("s%03d", i), Modalities: []string{"audio"},
			StartDateTime: r.StartDateTime, EndDateTime: r.EndDateTime})
	}
	tenant.AddRecord(r)
	c, srv := loopingFake(t, tenant)
	_, err := c.GetCallRecord(context.Background(), "big")
	if !errors.Is(err, ErrRepeatedLink) {
		t.Fatalf("err = %v, want ErrRepeatedLink", err)
	}
	// The record, then the first sessions page, whose link is its own URL:
	// the first URL is in the seen set, so it is not read again.
	if n := len(srv.Requests()); n != 2 {
		t.Errorf("%d requests, want 2", n)
	}
}

func TestLogPageStopsAtASelfLink(t *testing.T) {
	tenant := fakegraph.NewTenant()
	tenant.AddDirectRoutingRows(denseRows(windowT0, 1500, 0, 0)...)
	tenant.AddPstnRows(pstnRows(denseRows(windowT0, 1500, 0, 0))...)
	c, _ := loopingFake(t, tenant)
	from, to := windowT0, windowT0.Add(time.Hour)
	dr, err := c.DirectRoutingCalls(context.Background(), from, to, "")
	if !errors.Is(err, ErrRepeatedLink) || dr == nil || len(dr.Value) != 1000 || dr.NextLink != "" {
		t.Fatalf("direct: err = %v; want the first 1000 rows and ErrRepeatedLink", err)
	}
	pstn, err := c.PstnCalls(context.Background(), from, to, "")
	if !errors.Is(err, ErrRepeatedLink) || pstn == nil || len(pstn.Value) != 1000 {
		t.Fatalf("pstn: err = %v; want the first 1000 rows and ErrRepeatedLink", err)
	}
	// A caller that follows the link anyway is refused before sending.
	if _, err := c.DirectRoutingCalls(context.Background(), from, to, c.FunctionURL("getDirectRoutingCalls", from, to)); !errors.Is(err, ErrRepeatedLink) {
		t.Errorf("following a link to the first page: err = %v", err)
	}
}

func TestLogLoaderStopsAtASelfLinkWithoutDuplicates(t *testing.T) {
	tenant := fakegraph.NewTenant()
	tenant.AddDirectRoutingRows(denseRows(windowT0, 1500, 0, 0)...)
	c, srv := loopingFake(t, tenant)
	var partial bool
	var got []string
	_, err := NewDirectRoutingLoader(c, LoadOptions{Windows: 1, Concurrency: 1}).Stream(context.Background(),
		windowT0, windowT0.Add(time.Hour), func(ck LogChunk[model.DirectRoutingRow]) {
			partial = partial || ck.Partial
			got = append(got, ids(ck.Rows, drID)...)
		})
	if !errors.Is(err, ErrRepeatedLink) {
		t.Fatalf("err = %v, want ErrRepeatedLink", err)
	}
	unique(t, "loader", got)
	if len(got) != 1000 || !partial {
		t.Errorf("%d rows, partial %v; want the first page's 1000, flagged partial", len(got), partial)
	}
	if n := len(srv.Requests()); n != 1 {
		t.Errorf("%d requests, want 1", n)
	}
}

// A chain whose second page links back to the first: the loader knows the
// first URL (LogKind.FirstLink), so it stops without reading it again.
func TestLogLoaderStopsALinkBackToTheFirstPage(t *testing.T) {
	var fetches atomic.Int32
	kind := DirectRoutingKind(nil)
	kind.FirstLink = func(time.Time, time.Time) string { return "https://graph.test/v1.0/first" }
	kind.Fetch = func(_ context.Context, _, _ time.Time, link string) (*model.Page[model.DirectRoutingRow], error) {
		fetches.Add(1)
		switch link {
		case "":
			return &model.Page[model.DirectRoutingRow]{Value: []model.DirectRoutingRow{drRow(1, windowT0.Add(time.Minute))},
				NextLink: "https://graph.test/v1.0/second"}, nil
		case "https://graph.test/v1.0/second":
			return &model.Page[model.DirectRoutingRow]{Value: []model.DirectRoutingRow{drRow(2, windowT0.Add(2*time.Minute))},
				NextLink: "https://GRAPH.test/v1.0/first?"}, nil
		}
		return &model.Page[model.DirectRoutingRow]{Value: []model.DirectRoutingRow{drRow(1, windowT0.Add(time.Minute))}}, nil
	}
	rows, _, err := NewLogLoader(kind, LoadOptions{Windows: 1}).Load(context.Background(), windowT0, windowT0.Add(time.Hour))
	if !errors.Is(err, ErrRepeatedLink) || len(rows) != 2 || fetches.Load() != 2 {
		t.Fatalf("%d rows in %d fetches, err %v; want 2 rows, 2 fetches and ErrRepeatedLink", len(rows), fetches.Load(), err)
	}
	unique(t, "loader", ids(rows, drID))
}

// A server whose second page links back to the first: each client call
// returns that page with the error, never the first page again.
func TestListCallRecordsStopsALinkBackToTheFirstPage(t *testing.T) {
	var hits atomic.Int32
	var srv *httptest.Server
	srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		if r.URL.Query().Get("$skiptoken") == "" {
			fmt.Fprintf(w, `{"value":[{"id":"a"}],"@odata.nextLink":%q}`, srv.URL+"/v1.0/communications/callRecords?$skiptoken=2")
			return
		}
		fmt.Fprintf(w, `{"value":[{"id":"b"}],"@odata.nextLink":%q}`, srv.URL+"/v1.0/communications/callRecords")
	}))
	t.Cleanup(srv.Close)
	c := newTestClient(t, srv.URL+"/v1.0", nil)
	first, err := c.ListCallRecords(context.Background(), CallQuery{}, "")
	if err != nil {
		t.Fatal(err)
	}
	second, err := c.ListCallRecords(context.Background(), CallQuery{}, first.NextLink)
	if !errors.Is(err, ErrRepeatedLink) || len(second.Value) != 1 || second.Value[0].ID != "b" || second.NextLink != "" {
		t.Fatalf("second page %+v, err %v; want row b, no link and ErrRepeatedLink", second, err)
	}
	if n := hits.Load(); n != 2 {
		t.Errorf("%d requests, want 2", n)
	}
}

func TestLinkKeyIgnoresSpellingOnly(t *testing.T) {
	same := [][2]string{
		{"https://graph.microsoft.com/v1.0/x?$skip=5", "https://GRAPH.microsoft.com/v1.0/x?%24skip=5"},
		{"https://g/v1.0/x?a=1&b=2", "https://g/v1.0/x?b=2&a=1"},
		{"https://g/v1.0/f(fromDateTime=2026-01-01T00:00:00Z)", "https://g/v1.0/f(fromDateTime=2026-01-01T00%3A00%3A00Z)"},
	}
	for _, p := range same {
		if linkKey(p[0]) != linkKey(p[1]) {
			t.Errorf("%s and %s are one page", p[0], p[1])
		}
	}
	differ := [][2]string{
		{"https://g/v1.0/x?$skip=5", "https://g/v1.0/x?$skip=6"},
		{"https://g/v1.0/x", "https://g/v1.0/y"},
		{"mem:a", "mem:b"},
	}
	for _, p := range differ {
		if linkKey(p[0]) == linkKey(p[1]) {
			t.Errorf("%s and %s are two pages", p[0], p[1])
		}
	}
}
