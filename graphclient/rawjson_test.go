package graphclient

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/callscope/callscope/graphclient/fakegraph"
)

const rawID = "9a3c1f00-0000-4000-8000-00000000bbbb"

// rawDoc is a record as the fake's Get with sessions($expand=segments)
// writes it from root when it holds n sessions: nulls, an empty string, an
// empty array, "1.50" and an unknown property included.
func rawDoc(root string, n int) string {
	var s []string
	for i := range n {
		s = append(s, fmt.Sprintf(`{"id":"s%d","caller":null,"failureInfo":null,"modalities":[],"futureField":1.50,`+
			`"startDateTime":"2026-11-22T09:00:00Z","endDateTime":null,"segments":[]}`, i))
	}
	return `{"@odata.context":"` + root + `/$metadata#communications/callRecords(sessions(segments()))/$entity",` +
		`"version":1,"type":"","modalities":[],"startDateTime":"2026-11-22T09:00:00Z","endDateTime":"2026-11-22T09:05:00Z",` +
		`"id":"` + rawID + `","joinWebUrl":null,"organizer_v2":null,"futureProperty":{"list":[]},` +
		`"sessions@odata.context":"` + root + `/$metadata#communications/callRecords('` + rawID + `')/sessions(segments())",` +
		`"sessions":[` + strings.Join(s, ",") + `]}`
}

// rawFake serves tenant and returns the client and the service root.
func rawFake(t *testing.T, tenant *fakegraph.Tenant) (*Client, string) {
	t.Helper()
	srv := fakegraph.New(tenant, fakegraph.Options{Token: "fake-token", Clock: func() time.Time { return fakeNow }})
	hs := httptest.NewServer(srv)
	t.Cleanup(hs.Close)
	c, err := New(Options{ServiceRoot: hs.URL + "/v1.0", Credential: StaticToken("fake-token"), MaxRetryDelay: 5 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	return c, hs.URL + "/v1.0"
}

func TestGetCallRecordKeepsGraphsBytes(t *testing.T) {
	for _, n := range []int{0, 2, 125} { // 125 sessions: Get inlines 60, the rest come from /sessions in pages
		t.Run(fmt.Sprintf("%d sessions", n), func(t *testing.T) {
			tenant := fakegraph.NewTenant()
			c, root := rawFake(t, tenant)
			want := rawDoc(root, n)
			if err := tenant.AddRawRecord(json.RawMessage(want)); err != nil {
				t.Fatal(err)
			}
			rec, err := c.GetCallRecord(context.Background(), rawID)
			if err != nil {
				t.Fatal(err)
			}
			if string(rec.Raw) != want {
				t.Errorf("Raw\n got %s\nwant %s", rec.Raw, want)
			}
			if len(rec.Sessions) != n || rec.SessionsNextLink != "" {
				t.Errorf("decoded %d sessions, next link %q; want %d and none", len(rec.Sessions), rec.SessionsNextLink, n)
			}
		})
	}
}

func TestWithSessionsReplacesTheArrayAndDropsTheLink(t *testing.T) {
	sessions := []json.RawMessage{json.RawMessage(`{"id":"a"}`), json.RawMessage(`{"id":"b","x":null}`)}
	cases := []struct{ in, want string }{
		{`{"id":"r","sessions":[{"id":"a"}],"sessions@odata.nextLink":"x"}`, `{"id":"r","sessions":[{"id":"a"},{"id":"b","x":null}]}`},
		{`{"sessions@odata.nextLink":"x","id":"r","sessions":[]}`, `{"id":"r","sessions":[{"id":"a"},{"id":"b","x":null}]}`},
		{"{\n  \"id\": \"r\",\n  \"sessions@odata.nextLink\": \"x\",\n  \"sessions\": [],\n  \"z\": null\n}",
			"{\n  \"id\": \"r\",\n  \"sessions\": [{\"id\":\"a\"},{\"id\":\"b\",\"x\":null}],\n  \"z\": null\n}"},
		{`{"id":"r","sessions@odata.nextLink":"x"}`, `{"id":"r","sessions":[{"id":"a"},{"id":"b","x":null}]}`},
	}
	for _, c := range cases {
		got, err := withSessions([]byte(c.in), sessions)
		if err != nil || string(got) != c.want {
			t.Errorf("withSessions(%s) = %s, %v; want %s", c.in, got, err, c.want)
		}
	}
	for _, bad := range []string{`[]`, `{}`, `{"id":`} {
		if got, err := withSessions([]byte(bad), sessions); err == nil {
			t.Errorf("withSessions(%s) = %s, want an error", bad, got)
		}
	}
}

func TestRawListsCarryEachElementAsSent(t *testing.T) {
	tenant := fakegraph.NewTenant()
	c, root := rawFake(t, tenant)
	if err := tenant.AddRawRecord(json.RawMessage(rawDoc(root, 1))); err != nil {
		t.Fatal(err)
	}
	dr := `{"id":"dr-1","correlationId":null,"userDisplayName":"","startDateTime":"2026-11-22T09:00:00Z","finalSipCode":null,"futureColumn":[]}`
	ps := `{"id":"pstn-1","callId":"","startDateTime":"2026-11-22T09:00:00Z","charge":null,"futureColumn":{"a":1.50}}`
	if err := tenant.AddRawDirectRoutingRows(json.RawMessage(dr)); err != nil {
		t.Fatal(err)
	}
	if err := tenant.AddRawPstnRows(json.RawMessage(ps)); err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	from, to := fakeNow.Add(-24*time.Hour), fakeNow

	calls, err := c.ListCallRecordsRaw(ctx, CallQuery{}, "")
	wantRecord := `{"version":1,"type":"","modalities":[],"startDateTime":"2026-11-22T09:00:00Z","endDateTime":"2026-11-22T09:05:00Z",` +
		`"id":"` + rawID + `","joinWebUrl":null,"organizer_v2":null,"futureProperty":{"list":[]}}`
	if err != nil || len(calls.RawValue) != 1 || string(calls.RawValue[0]) != wantRecord || calls.Value[0].ID != rawID {
		t.Errorf("ListCallRecordsRaw: %v\n got %s\nwant %s", err, calls.RawValue, wantRecord)
	}
	drs, err := c.DirectRoutingCallsRaw(ctx, from, to, "")
	if err != nil || len(drs.RawValue) != 1 || string(drs.RawValue[0]) != dr || drs.Value[0].ID != "dr-1" {
		t.Errorf("DirectRoutingCallsRaw: %v\n got %s\nwant %s", err, drs.RawValue, dr)
	}
	pss, err := c.PstnCallsRaw(ctx, from, to, "")
	if err != nil || len(pss.RawValue) != 1 || string(pss.RawValue[0]) != ps || pss.Value[0].ID != "pstn-1" {
		t.Errorf("PstnCallsRaw: %v\n got %s\nwant %s", err, pss.RawValue, ps)
	}

	// The explorer's methods keep no bytes.
	plainCalls, err1 := c.ListCallRecords(ctx, CallQuery{}, "")
	plainDR, err2 := c.DirectRoutingCalls(ctx, from, to, "")
	plainPstn, err3 := c.PstnCalls(ctx, from, to, "")
	if err1 != nil || err2 != nil || err3 != nil || plainCalls.RawValue != nil || plainDR.RawValue != nil || plainPstn.RawValue != nil {
		t.Errorf("plain lists kept raw values (%v %v %v)", err1, err2, err3)
	}
}
