package graphclient

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
)

// The documented List sessions responses (list-sessions.json and
// list-sessions-expanded-segments.json) carry their top-level
// @odata.nextLink in the same $metadata# form as the inline
// sessions@odata.nextLink: requested verbatim it loses its #fragment and
// fetches the XML $metadata document. The client reads the resource path
// and $skiptoken out of the fragment instead, so a meeting with more than
// 60 sessions still loads whole.
func TestSessionsPageWithMetadataNextLink(t *testing.T) {
	var mu sync.Mutex
	var paths []string
	var srv *httptest.Server
	srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		paths = append(paths, r.URL.RequestURI())
		mu.Unlock()
		meta := srv.URL + "/v1.0/$metadata#communications/callRecords('big')/sessions?$expand=segments&$skiptoken="
		switch {
		case r.URL.Path == "/v1.0/$metadata":
			w.Header().Set("Content-Type", "application/xml")
			fmt.Fprint(w, `<?xml version="1.0"?><edmx:Edmx/>`)
		case r.URL.Path == "/v1.0/communications/callRecords/big":
			fmt.Fprintf(w, `{"id":"big","sessions":[{"id":"s1"}],"sessions@odata.nextLink":%q}`, meta+"abc")
		case r.URL.Path == "/v1.0/communications/callRecords/big/sessions" && r.URL.Query().Get("$skiptoken") == "":
			fmt.Fprintf(w, `{"value":[{"id":"s1"},{"id":"s2"}],"@odata.nextLink":%q}`, meta+"p%2B2")
		case r.URL.Path == "/v1.0/communications/callRecords/big/sessions" && r.URL.Query().Get("$skiptoken") == "p+2" &&
			r.URL.Query().Get("$expand") == "segments":
			fmt.Fprint(w, `{"value":[{"id":"s3"}]}`)
		default:
			w.WriteHeader(http.StatusBadRequest)
			fmt.Fprint(w, `{"error":{"code":"BadRequest","message":"unexpected request"}}`)
		}
	}))
	defer srv.Close()
	c := newTestClient(t, srv.URL+"/v1.0", nil)
	rec, err := c.GetCallRecord(context.Background(), "big")
	if err != nil {
		t.Fatalf("%v (requests %q)", err, paths)
	}
	var ids []string
	for _, s := range rec.Sessions {
		ids = append(ids, s.ID)
	}
	if strings.Join(ids, ",") != "s1,s2,s3" {
		t.Errorf("sessions %v, want s1,s2,s3 (requests %q)", ids, paths)
	}
}

// Reading a link out of a $metadata# fragment never leaves the service
// root, whatever the fragment holds.
func TestMetadataNextLinkStaysOnRoot(t *testing.T) {
	c, err := New(Options{ServiceRoot: "https://graph.example.com/v1.0"})
	if err != nil {
		t.Fatal(err)
	}
	for link, want := range map[string]string{
		"https://graph.example.com/v1.0/$metadata#communications/callRecords('e523d2ed-2966-4b6b-925b-754a88034cc5')/sessions?$expand=segments&$skiptoken=abc": "https://graph.example.com/v1.0/communications/callRecords/e523d2ed-2966-4b6b-925b-754a88034cc5/sessions?$expand=segments&$skiptoken=abc",
		"https://graph.example.com/v1.0/$metadata#communications/callRecords('o''hara')/participants_v2?$skiptoken=y":                                          "https://graph.example.com/v1.0/communications/callRecords/o%27hara/participants_v2?$skiptoken=y",
		"https://graph.example.com/v1.0/$metadata#//evil.example.com/v1.0/x":                                                                                   "",
		"https://graph.example.com/v1.0/$metadata#https://evil.example.com/v1.0/x":                                                                             "",
		"https://graph.example.com/v1.0/$metadata#Collection(microsoft.graph.callRecords.pstnCallLogRow)":                                                      "",
	} {
		u, err := c.checkLink(link)
		got := ""
		if err == nil {
			got = u.String()
		}
		if got != want {
			t.Errorf("checkLink(%s) = %q, %v; want %q", link, got, err, want)
		}
	}
}
