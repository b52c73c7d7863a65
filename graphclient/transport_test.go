package graphclient

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/callscope/callscope/graphclient/fakegraph"
)

// These tests run the client against real local servers that misbehave:
// silent, stalling, hanging up, speaking plain HTTP on an https URL,
// sending too much. Timeouts are short and injected; nothing asserts how
// fast anything is.

// faultClient is a client with short limits for fault tests.
func faultClient(t *testing.T, root string, obs Observer, o Options) *Client {
	t.Helper()
	o.ServiceRoot, o.Credential, o.Observer = root, StaticToken("secret-token"), obs
	if o.RetryDelay == 0 {
		o.RetryDelay = time.Millisecond
	}
	if o.ResponseHeaderTimeout == 0 {
		o.ResponseHeaderTimeout = 200 * time.Millisecond
	}
	c, err := New(o)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// silentServer accepts every request and never answers, until the client
// gives up on it.
func silentServer(t *testing.T, hits *atomic.Int32) *httptest.Server {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		<-r.Context().Done()
	}))
	t.Cleanup(srv.Close)
	return srv
}

// checkRetries asserts that the observer heard retries 1..n of max, each
// with reason and no status, for a path under the call records.
func checkRetries(t *testing.T, obs *recordingObserver, n, max int, reason string) {
	t.Helper()
	obs.mu.Lock()
	defer obs.mu.Unlock()
	if len(obs.retries) != n {
		t.Fatalf("%d retries reported, want %d: %+v", len(obs.retries), n, obs.retries)
	}
	for i, ev := range obs.retries {
		if ev.Attempt != i+1 || ev.Max != max || ev.Status != 0 || ev.Reason != reason || ev.Wait <= 0 ||
			ev.Method != http.MethodGet || !strings.Contains(ev.Path, "/communications/callRecords") {
			t.Errorf("retry %d = %+v; want attempt %d of %d, reason %q", i, ev, i+1, max, reason)
		}
	}
}

func TestSilentServerFailsAfterBoundedReportedRetries(t *testing.T) {
	var hits atomic.Int32
	srv := silentServer(t, &hits)
	obs := &recordingObserver{}
	c := faultClient(t, srv.URL+"/v1.0", obs, Options{MaxRetries: 2})
	_, err := c.ListCallRecords(context.Background(), CallQuery{}, "")
	var te *TransportError
	if !errors.As(err, &te) || !strings.Contains(err.Error(), "no answer from Graph within 200ms") ||
		!strings.Contains(err.Error(), "tried 3 times") || !strings.Contains(err.Error(), "GET /v1.0/communications/callRecords") {
		t.Fatalf("err = %v; want no answer within 200ms after 3 tries, naming the request", err)
	}
	checkRetries(t, obs, 2, 2, "no answer from Graph within 200ms")
	if n := hits.Load(); n != 3 {
		t.Errorf("the server saw %d tries, want 3", n)
	}
}

// MaxTotal still bounds a call whose tries would each wait longer.
func TestMaxTotalBoundsASilentServer(t *testing.T) {
	var hits atomic.Int32
	srv := silentServer(t, &hits)
	c := faultClient(t, srv.URL+"/v1.0", nil, Options{ResponseHeaderTimeout: time.Hour, MaxTotal: 300 * time.Millisecond})
	_, err := c.ListCallRecords(context.Background(), CallQuery{}, "")
	if err == nil || !strings.Contains(err.Error(), "no answer from Graph within 300ms, retries included") {
		t.Fatalf("err = %v; want the overall limit named", err)
	}
}

func TestStalledBodyIsRetriedAndReported(t *testing.T) {
	var hits atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		w.Header().Set("Content-Length", "100")
		w.WriteHeader(http.StatusOK)
		_, _ = w.Write([]byte(`{"value":[`))
		w.(http.Flusher).Flush()
		<-r.Context().Done()
	}))
	t.Cleanup(srv.Close)
	obs := &recordingObserver{}
	c := faultClient(t, srv.URL+"/v1.0", obs, Options{MaxRetries: 1})
	_, err := c.ListCallRecords(context.Background(), CallQuery{}, "")
	if err == nil || !strings.Contains(err.Error(), "Graph stopped sending the response for 200ms") {
		t.Fatalf("err = %v; want the stalled body named", err)
	}
	checkRetries(t, obs, 1, 1, "Graph stopped sending the response for 200ms")
	if n := hits.Load(); n != 2 {
		t.Errorf("the server saw %d tries, want 2", n)
	}
}

func TestMidBodyHangUpIsRetriedAndReported(t *testing.T) {
	tenant := fakegraph.NewTenant()
	for i := range 70 {
		tenant.AddRecord(record(fmt.Sprintf("rec-%03d", i), fakeNow.Add(-time.Duration(i+1)*time.Hour)))
	}
	srv := fakegraph.New(tenant, fakegraph.Options{Token: "secret-token", Clock: func() time.Time { return fakeNow }})
	hs := httptest.NewServer(srv)
	t.Cleanup(hs.Close)

	// Every second request hangs up halfway: the second page's first try.
	srv.SetFaults(fakegraph.Faults{HangUpEvery: 2})
	obs := &recordingObserver{}
	c := faultClient(t, hs.URL+"/v1.0", obs, Options{})
	ids, pages := listAll(t, c, CallQuery{})
	if len(ids) != 70 || pages != 2 {
		t.Fatalf("%d records in %d pages, want 70 in 2", len(ids), pages)
	}
	checkRetries(t, obs, 1, 4, "the connection to Graph closed mid-response")

	// Every request hangs up: the retries run out, and the error says why.
	srv.SetFaults(fakegraph.Faults{HangUpEvery: 1})
	obs = &recordingObserver{}
	c = faultClient(t, hs.URL+"/v1.0", obs, Options{MaxRetries: 2})
	_, err := c.ListCallRecords(context.Background(), CallQuery{}, "")
	if err == nil || !strings.Contains(err.Error(), "the connection to Graph closed mid-response") ||
		!strings.Contains(err.Error(), "tried 3 times") {
		t.Fatalf("err = %v; want the hang-up named after 3 tries", err)
	}
	checkRetries(t, obs, 2, 2, "the connection to Graph closed mid-response")
}

// An https root that answers in plain HTTP (a TLS mismatch) is retried,
// each retry said, and ends in words about TLS.
func TestTLSMismatchIsRetriedAndReported(t *testing.T) {
	var hits atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { hits.Add(1) }))
	t.Cleanup(srv.Close)
	obs := &recordingObserver{}
	c := faultClient(t, strings.Replace(srv.URL, "http://", "https://", 1)+"/v1.0", obs, Options{MaxRetries: 1})
	_, err := c.ListCallRecords(context.Background(), CallQuery{}, "")
	if err == nil || !strings.Contains(err.Error(), "TLS handshake with Graph failed") {
		t.Fatalf("err = %v; want a TLS handshake failure", err)
	}
	checkRetries(t, obs, 1, 1, "TLS handshake with Graph failed: the server does not speak TLS as Graph does")
}

// An untrusted certificate is the same on every try: no retry is
// announced, and the error names the certificate.
func TestUntrustedCertificateAnnouncesNoRetry(t *testing.T) {
	srv := httptest.NewTLSServer(http.NotFoundHandler())
	t.Cleanup(srv.Close)
	obs := &recordingObserver{}
	c := faultClient(t, srv.URL+"/v1.0", obs, Options{})
	_, err := c.ListCallRecords(context.Background(), CallQuery{}, "")
	if err == nil || !strings.Contains(err.Error(), "TLS certificate is not trusted") {
		t.Fatalf("err = %v; want the certificate named", err)
	}
	checkRetries(t, obs, 0, 4, "")
}

func TestOversizedBodyIsRefusedWithPathAndCap(t *testing.T) {
	page := `{"value":[{"id":"` + strings.Repeat("a", 2000) + `"}]}`
	for _, chunked := range []bool{false, true} {
		t.Run(fmt.Sprintf("chunked=%v", chunked), func(t *testing.T) {
			var hits atomic.Int32
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				hits.Add(1)
				if !chunked {
					w.Header().Set("Content-Length", strconv.Itoa(len(page)))
				}
				for i := 0; i < len(page); i += 100 {
					_, _ = w.Write([]byte(page[i:min(i+100, len(page))]))
					if chunked {
						w.(http.Flusher).Flush()
					}
				}
			}))
			t.Cleanup(srv.Close)
			obs := &recordingObserver{}
			c := faultClient(t, srv.URL+"/v1.0", obs, Options{MaxBodyBytes: 1024})
			_, err := c.ListCallRecords(context.Background(), CallQuery{}, "")
			var tb *BodyTooLargeError
			want := "GET /v1.0/communications/callRecords: response body is larger than 1 KiB; callscope stopped reading"
			if !errors.As(err, &tb) || !strings.Contains(err.Error(), want) {
				t.Fatalf("err = %v; want %q", err, want)
			}
			if n := hits.Load(); n != 1 {
				t.Errorf("%d tries of an oversized page, want 1", n)
			}
			checkRetries(t, obs, 0, 4, "")
		})
	}
}

// A body exactly at the cap is read whole.
func TestBodyAtTheCapIsRead(t *testing.T) {
	page := `{"value":[{"id":"` + strings.Repeat("a", 1000) + `"}]}`
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = w.Write([]byte(page))
	}))
	t.Cleanup(srv.Close)
	c := faultClient(t, srv.URL+"/v1.0", nil, Options{MaxBodyBytes: int64(len(page))})
	got, err := c.ListCallRecords(context.Background(), CallQuery{}, "")
	if err != nil || len(got.Value) != 1 || len(got.Value[0].ID) != 1000 {
		t.Fatalf("err = %v; want the page at the cap read whole", err)
	}
}

func TestLimitsDefaultToSecondsNotMinutes(t *testing.T) {
	var o Options
	o.defaults()
	if o.DialTimeout != 10*time.Second || o.TLSHandshakeTimeout != 10*time.Second ||
		o.ResponseHeaderTimeout != 30*time.Second || o.MaxBodyBytes != 32<<20 || o.MaxTotal != 3*time.Minute {
		t.Errorf("defaults %+v", o)
	}
	tr := defaultTransport(o.DialTimeout, o.TLSHandshakeTimeout)
	if tr.TLSHandshakeTimeout != 10*time.Second || tr.DialContext == nil {
		t.Errorf("transport handshake timeout %v", tr.TLSHandshakeTimeout)
	}
	if got := (&BodyTooLargeError{Limit: 32 << 20}).Error(); !strings.Contains(got, "32 MiB") {
		t.Errorf("cap written as %q", got)
	}
}
