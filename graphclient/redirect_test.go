package graphclient

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
)

// A Graph host that answers with a redirect must not lead the bearer token
// anywhere else: Go's http.Client keeps Authorization on a redirect to the
// same host name on another port, to a subdomain, and from https to http.
func TestRedirectNeverCarriesTokenOffRoot(t *testing.T) {
	var leaked, hits atomic.Int32
	other := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		if r.Header.Get("Authorization") != "" {
			leaked.Add(1)
		}
		w.Write([]byte(`{"value":[]}`))
	}))
	defer other.Close()
	graph := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, other.URL+r.URL.RequestURI(), http.StatusFound)
	}))
	defer graph.Close()
	// Both the default transport and a caller's own client are guarded.
	for _, hc := range []*http.Client{nil, {}} {
		c, err := New(Options{ServiceRoot: graph.URL + "/v1.0", Credential: StaticToken("secret-token"), HTTPClient: hc})
		if err != nil {
			t.Fatal(err)
		}
		_, err = c.ListCallRecords(context.Background(), CallQuery{}, "")
		if n := leaked.Load(); n != 0 {
			t.Fatalf("the token reached the redirect target %d times", n)
		}
		if hits.Load() != 0 {
			t.Errorf("the redirect was followed (%d requests to the other server)", hits.Load())
		}
		if !errors.Is(err, ErrForeignRedirect) || strings.Contains(err.Error(), "network") {
			t.Errorf("err = %v, want ErrForeignRedirect", err)
		}
	}
}

// A redirect that stays on the service root (same scheme, host and port)
// is still followed: a proxy in front of Graph may use one.
func TestRedirectWithinRootFollowed(t *testing.T) {
	var sawToken atomic.Bool
	var graph *httptest.Server
	graph = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.HasSuffix(r.URL.Path, "/callRecords") {
			http.Redirect(w, r, graph.URL+"/v1.0/communications/callRecords/", http.StatusTemporaryRedirect)
			return
		}
		sawToken.Store(r.Header.Get("Authorization") == "Bearer secret-token")
		w.Write([]byte(`{"value":[{"id":"a"}]}`))
	}))
	defer graph.Close()
	c := newTestClient(t, graph.URL+"/v1.0", nil)
	page, err := c.ListCallRecords(context.Background(), CallQuery{}, "")
	if err != nil {
		t.Fatal(err)
	}
	if len(page.Value) != 1 || !sawToken.Load() {
		t.Errorf("page = %+v, token seen = %v", page.Value, sawToken.Load())
	}
}

// A password in the service root would be printed with every message that
// quotes the URL; Graph takes bearer tokens only, so the URL is refused
// without repeating the password.
func TestServiceRootWithPasswordRefusedQuietly(t *testing.T) {
	for _, root := range []string{
		"https://alice:hunter2@graph.example.com/v1.0",
		"http://alice:hunter2@graph.example.com/v1.0",
		"https://alice:hunter2@graph.example.com:badport/v1.0",
		"https://alice@graph.example.com/v1.0",
	} {
		_, err := New(Options{ServiceRoot: root})
		if err == nil {
			t.Errorf("New(%q) accepted a URL with user info", root)
			continue
		}
		if strings.Contains(err.Error(), "hunter2") {
			t.Errorf("New(%q): the error repeats the password: %v", root, err)
		}
	}
}
