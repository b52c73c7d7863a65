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

// The fake writes times with Z or +00:00 and 0 to 7 fractional digits,
// picked per record and row (graph-api.md §4.7); the client reads every
// form back to the instant the tenant holds.
func TestClientParsesEveryTimestampForm(t *testing.T) {
	tenant := fakegraph.NewTenant()
	from := fakeNow.Add(-24 * time.Hour)
	for i := range 120 {
		start := fakeNow.Add(-time.Duration(i+2) * time.Hour).Add(time.Duration(i%5) * 100 * time.Millisecond * time.Duration(i%3))
		tenant.AddRecord(record(fmt.Sprintf("rec-%03d", i), start))
		at := from.Add(time.Duration(i) * time.Minute).Add(time.Duration(i%7) * 1234500 * time.Nanosecond)
		tenant.AddDirectRoutingRows(model.DirectRoutingRow{ID: fmt.Sprintf("dr-%03d", i), StartDateTime: model.NewTime(at),
			InviteDateTime: model.NewTime(at), EndDateTime: model.NewTime(at.Add(time.Minute))})
		tenant.AddPstnRows(model.PstnRow{ID: fmt.Sprintf("ps-%03d", i), StartDateTime: model.NewTime(at), EndDateTime: model.NewTime(at.Add(time.Minute))})
	}
	c, _ := startFake(t, tenant)
	ctx := context.Background()
	raw := ""
	got := 0
	for next := ""; ; {
		page, err := c.ListCallRecordsRaw(ctx, CallQuery{}, next)
		if err != nil {
			t.Fatal(err)
		}
		for i, r := range page.Value {
			want, _ := tenant.Record(r.ID)
			if !r.StartDateTime.Equal(want.StartDateTime.Time) || !r.EndDateTime.Equal(want.EndDateTime.Time) ||
				!r.LastModifiedDateTime.Equal(want.LastModifiedDateTime.Time) {
				t.Fatalf("%s: times %v/%v/%v, tenant %v/%v/%v (sent %s)", r.ID, r.StartDateTime, r.EndDateTime, r.LastModifiedDateTime,
					want.StartDateTime, want.EndDateTime, want.LastModifiedDateTime, page.RawValue[i])
			}
			raw += string(page.RawValue[i])
			got++
		}
		if next = page.NextLink; next == "" {
			break
		}
	}
	dr, err := c.DirectRoutingCallsRaw(ctx, from, fakeNow, "")
	if err != nil {
		t.Fatal(err)
	}
	byID := map[string]model.DirectRoutingRow{}
	for _, r := range tenant.DirectRoutingRows() {
		byID[r.ID] = r
	}
	for i, r := range dr.Value {
		w := byID[r.ID]
		if !r.StartDateTime.Equal(w.StartDateTime.Time) || !r.InviteDateTime.Equal(w.InviteDateTime.Time) || !r.EndDateTime.Equal(w.EndDateTime.Time) {
			t.Fatalf("%s: times differ from the tenant's (sent %s)", r.ID, dr.RawValue[i])
		}
		raw += string(dr.RawValue[i])
	}
	ps, err := c.PstnCalls(ctx, from, fakeNow, "")
	if err != nil || len(ps.Value) != 120 {
		t.Fatalf("pstn: %d rows, %v", len(ps.Value), err)
	}
	if got != 120 || len(dr.Value) != 120 || !strings.Contains(raw, `+00:00"`) || !strings.Contains(raw, `Z"`) ||
		!strings.Contains(raw, `.0000000`) {
		t.Fatalf("%d records, %d rows; want 120 each, with +00:00, Z and 7-digit forms sent", got, len(dr.Value))
	}
}

// getPstnCalls returns a row that starts exactly at toDateTime in both
// ranges that meet there (its toDateTime is inclusive); a load cut into
// windows at that instant still delivers the row once.
func TestPstnBoundaryRowLoadedOnce(t *testing.T) {
	tenant := fakegraph.NewTenant()
	from := fakeNow.Add(-4 * time.Hour)
	var want []string
	for i := range 9 { // every 30 minutes: the windows' edges fall on rows
		id := fmt.Sprintf("ps-%d", i)
		tenant.AddPstnRows(model.PstnRow{ID: id, StartDateTime: model.NewTime(from.Add(time.Duration(i) * 30 * time.Minute))})
		want = append(want, id)
	}
	c, srv := startFake(t, tenant)
	edge := from.Add(2 * time.Hour)
	page, err := c.PstnCalls(context.Background(), from, edge, "")
	if err != nil || len(page.Value) != 5 || page.Value[4].ID != "ps-4" {
		t.Fatalf("[from, edge]: %d rows, %v; want 5, ps-4 at the edge included", len(page.Value), err)
	}
	rows, _, err := NewLogLoader(PstnKind(c), LoadOptions{Windows: 4}).Load(context.Background(), from, from.Add(4*time.Hour+time.Second))
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, r := range rows {
		ids = append(ids, r.ID)
	}
	if fmt.Sprint(ids) != fmt.Sprint(want) {
		t.Fatalf("loaded %v, want %v each once (%d requests)", ids, want, len(srv.Requests()))
	}
}

// The fake's 403s reach the user with the permission each request needs.
func TestForbiddenFromFakeNamesThePermission(t *testing.T) {
	srv := fakegraph.New(fakegraph.NewTenant(), fakegraph.Options{Token: "fake-token", DenyCallRecords: true, DenyPstnLogs: true})
	hs := httptest.NewServer(srv)
	defer hs.Close()
	c, err := New(Options{ServiceRoot: hs.URL + "/v1.0", Credential: StaticToken("fake-token")})
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.ListCallRecords(context.Background(), CallQuery{}, "")
	var ge *Error
	if !errors.As(err, &ge) || ge.Status != http.StatusForbidden || ge.Code != "Forbidden" ||
		!strings.Contains(err.Error(), "CallRecords.Read.All") || strings.Contains(err.Error(), "PstnCalls") {
		t.Fatalf("list: %v", err)
	}
	_, err = c.PstnCalls(context.Background(), fakeNow.Add(-time.Hour), fakeNow, "")
	if !errors.As(err, &ge) || ge.Status != http.StatusForbidden || !strings.Contains(err.Error(), "CallRecord-PstnCalls.Read.All") {
		t.Fatalf("pstn: %v", err)
	}
}
