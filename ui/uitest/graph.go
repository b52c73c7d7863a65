package uitest

import (
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/callscope/callscope/graphclient"
	"github.com/callscope/callscope/graphclient/fakegraph"
)

// Serve serves h on 127.0.0.1 until the test ends and returns a client for
// it and the server. opts are the client's options: ServiceRoot is set
// here, and Credential defaults to a static test token.
func Serve(t testing.TB, h http.Handler, opts graphclient.Options) (*graphclient.Client, *httptest.Server) {
	t.Helper()
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	opts.ServiceRoot = srv.URL + "/v1.0"
	if opts.Credential == nil {
		opts.Credential = graphclient.StaticToken("test-token")
	}
	c, err := graphclient.New(opts)
	if err != nil {
		t.Fatal(err)
	}
	return c, srv
}

// FakeGraph serves tenant from the fake Graph over real HTTP and returns a
// client for it (opts as for Serve) and the fake, whose Requests count
// what the screens asked for. The fake's clock defaults to Now.
func FakeGraph(t testing.TB, tenant *fakegraph.Tenant, fake fakegraph.Options, opts graphclient.Options) (*graphclient.Client, *fakegraph.Server) {
	t.Helper()
	if fake.Clock == nil {
		fake.Clock = func() time.Time { return Now }
	}
	fs := fakegraph.New(tenant, fake)
	c, _ := Serve(t, fs, opts)
	return c, fs
}

// Retries are the client options of tests that want one quick retry, so a
// fault shows without waiting on the client's real backoff.
var Retries = graphclient.Options{MaxRetries: 1, MaxRetryDelay: time.Second}
