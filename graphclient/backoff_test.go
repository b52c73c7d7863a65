package graphclient

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/callscope/callscope/graphclient/fakegraph"
)

// Without Retry-After, 429, 503 and 504 are retried after waits that grow
// exponentially and carry jitter (graph-api.md §4.6: "Without the header,
// use exponential backoff"). azcore's retry policy does this, waiting
// (2^n - 1) × RetryDelay times a jitter in [0.8, 1.3); the test proves it
// from the server's side: it counts the tries and reads the waits between
// them off the fake's request log. It asserts the shape of the waits,
// never how fast anything ran.
//
// 429 and 503 also pause the limiter (limiter.go) for a second when Graph
// names no wait, so their case runs at the default RetryDelay of 1 s, as in
// production; 504 does not touch the limiter and runs at 50 ms, which
// leaves room for the jitter check.
func TestRetryWithoutRetryAfterBacksOffWithJitter(t *testing.T) {
	for _, tc := range []struct {
		name    string
		faults  fakegraph.Faults
		status  int
		retries int
		unit    time.Duration
		jitter  bool
	}{
		{"429", fakegraph.Faults{ThrottleEvery: 1, NoRetryAfter: true}, http.StatusTooManyRequests, 2, time.Second, false},
		{"503", fakegraph.Faults{UnavailableEvery: 1, NoRetryAfter: true}, http.StatusServiceUnavailable, 2, time.Second, false},
		{"504", fakegraph.Faults{GatewayTimeoutEvery: 1}, http.StatusGatewayTimeout, 4, 50 * time.Millisecond, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			tenant := fakegraph.NewTenant()
			tenant.AddRecord(record("a", time.Now().Add(-2*time.Hour)))
			srv := fakegraph.New(tenant, fakegraph.Options{Token: "fake-token", Faults: tc.faults})
			hs := httptest.NewServer(srv)
			defer hs.Close()
			c, err := New(Options{ServiceRoot: hs.URL + "/v1.0", Credential: StaticToken("fake-token"),
				MaxRetries: tc.retries, RetryDelay: tc.unit, MaxRetryDelay: time.Minute})
			if err != nil {
				t.Fatal(err)
			}
			_, err = c.ListCallRecords(context.Background(), CallQuery{}, "")
			var ge *Error
			if !errors.As(err, &ge) || ge.Status != tc.status {
				t.Fatalf("err = %v, want Graph %d after retries", err, tc.status)
			}
			reqs := srv.Requests()
			if len(reqs) != tc.retries+1 {
				t.Fatalf("tries = %d, want %d", len(reqs), tc.retries+1)
			}
			var gaps []time.Duration
			var factors []float64
			for i := 1; i < len(reqs); i++ {
				gap := reqs[i].Time.Sub(reqs[i-1].Time)
				nominal := time.Duration(1<<i-1) * tc.unit
				if gap < nominal*8/10 {
					t.Errorf("wait %d = %v, under 0.8 × %v: not exponential backoff", i, gap, nominal)
				}
				if i > 1 && float64(gap) < 1.2*float64(gaps[len(gaps)-1]) {
					t.Errorf("wait %d = %v does not grow from %v", i, gap, gaps[len(gaps)-1])
				}
				gaps = append(gaps, gap)
				factors = append(factors, float64(gap)/float64(nominal))
			}
			if tc.jitter {
				lo, hi := factors[0], factors[0]
				for _, f := range factors {
					lo, hi = min(lo, f), max(hi, f)
				}
				if hi-lo < 0.005 {
					t.Errorf("waits %v are one factor (%.3f) of the nominal ones: no jitter", gaps, factors)
				}
			}
			t.Logf("waits %v, factors %.2f", gaps, factors)
		})
	}
}
