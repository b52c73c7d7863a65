package graphclient

import (
	"context"
	"encoding/json"
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

// rawParticipants are n participants as Graph might send them: explicit
// nulls, a number written 1.50 and a property callscope does not know.
func rawParticipants(n int) []string {
	var ps []string
	for i := range n {
		ps = append(ps, fmt.Sprintf(`{"id":"p%03d","identity":{"user":{"id":"p%03d","displayName":"P %d"},"phone":null},`+
			`"administrativeUnitInfos":[],"futureField":1.50}`, i, i, i))
	}
	return ps
}

// countingFake serves tenant as rawFake does and counts the requests for
// each record's participants_v2 pages.
func countingFake(t *testing.T, tenant *fakegraph.Tenant) (*Client, string, *atomic.Int64) {
	t.Helper()
	srv := fakegraph.New(tenant, fakegraph.Options{Token: "fake-token", Clock: func() time.Time { return fakeNow }})
	var pages atomic.Int64
	hs := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.HasSuffix(r.URL.Path, "/participants_v2") {
			pages.Add(1)
		}
		srv.ServeHTTP(w, r)
	}))
	t.Cleanup(hs.Close)
	c, err := New(Options{ServiceRoot: hs.URL + "/v1.0", Credential: StaticToken("fake-token"), MaxRetryDelay: 5 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	return c, hs.URL + "/v1.0", &pages
}

// A record with more sessions than Get inlines and more participants than
// a page holds comes back whole: Raw is GetCallRecord's bytes with every
// participant as sent, in one participants_v2 array and no nextLink, and
// the decoded record agrees with it.
func TestGetCallRecordWithParticipantsReadsEveryPage(t *testing.T) {
	for _, c := range []struct{ participants, pages int }{{0, 1}, {130, 1}, {131, 2}, {275, 3}} {
		t.Run(fmt.Sprintf("%d participants", c.participants), func(t *testing.T) {
			tenant := fakegraph.NewTenant()
			client, root, pages := countingFake(t, tenant)
			parts := rawParticipants(c.participants)
			doc := strings.TrimSuffix(rawDoc(root, 125), "}") + `,"participants_v2":[` + strings.Join(parts, ",") + `]}`
			if err := tenant.AddRawRecord(json.RawMessage(doc)); err != nil {
				t.Fatal(err)
			}
			plain, err := client.GetCallRecord(context.Background(), rawID)
			if err != nil {
				t.Fatal(err)
			}
			if pages.Load() != 0 {
				t.Fatalf("GetCallRecord read participants_v2 %d times, want never", pages.Load())
			}
			rec, err := client.GetCallRecordWithParticipants(context.Background(), rawID)
			if err != nil {
				t.Fatal(err)
			}
			if n := pages.Load(); n != int64(c.pages) {
				t.Errorf("read %d pages of participants, want %d", n, c.pages)
			}
			body := strings.TrimRight(string(plain.Raw), " \n")
			want := strings.TrimSuffix(body, "}") + `,"participants_v2":[` + strings.Join(parts, ",") + `]}`
			if string(rec.Raw) != want {
				t.Errorf("Raw\n got %s\nwant %s", rec.Raw, want)
			}
			if strings.Contains(string(rec.Raw), "participants_v2@odata.nextLink") {
				t.Error("Raw keeps participants_v2@odata.nextLink")
			}
			var again model.CallRecord
			if err := Decode(rec.Raw, &again); err != nil {
				t.Fatalf("Raw does not decode: %v", err)
			}
			for name, got := range map[string][]model.Participant{"decoded": rec.ParticipantsV2, "Raw": again.ParticipantsV2} {
				if len(got) != c.participants {
					t.Fatalf("%s: %d participants, want %d", name, len(got), c.participants)
				}
				for i, p := range got {
					if p.ID != fmt.Sprintf("p%03d", i) {
						t.Fatalf("%s: participant %d is %q", name, i, p.ID)
					}
				}
			}
			if len(rec.Sessions) != 125 || len(again.Sessions) != 125 || rec.ParticipantsV2NextLink != "" {
				t.Errorf("sessions %d decoded, %d in Raw, participants link %q; want 125, 125, none",
					len(rec.Sessions), len(again.Sessions), rec.ParticipantsV2NextLink)
			}
		})
	}
}

// A participants page Graph will not give fails the whole record, saying
// which part failed: a record stored without all its participants would
// answer a participant search wrongly.
func TestGetCallRecordWithParticipantsFailsOnAFailedPage(t *testing.T) {
	tenant := fakegraph.NewTenant()
	srv := fakegraph.New(tenant, fakegraph.Options{Token: "fake-token", Clock: func() time.Time { return fakeNow }})
	hs := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.HasSuffix(r.URL.Path, "/participants_v2") {
			http.Error(w, `{"error":{"code":"Forbidden","message":"no"}}`, http.StatusForbidden)
			return
		}
		srv.ServeHTTP(w, r)
	}))
	t.Cleanup(hs.Close)
	client, err := New(Options{ServiceRoot: hs.URL + "/v1.0", Credential: StaticToken("fake-token"), MaxRetryDelay: 5 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	if err := tenant.AddRawRecord(json.RawMessage(rawDoc(hs.URL+"/v1.0", 1))); err != nil {
		t.Fatal(err)
	}
	rec, err := client.GetCallRecordWithParticipants(context.Background(), rawID)
	if err == nil || rec != nil || !strings.Contains(err.Error(), "participants") {
		t.Fatalf("got %v, %v; want no record and an error naming participants", rec, err)
	}
}
