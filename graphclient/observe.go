package graphclient

import (
	"crypto/tls"
	"errors"
	"fmt"
	"math"
	"net"
	"net/http"
	"strconv"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/Azure/azure-sdk-for-go/sdk/azcore/policy"
)

// Observer hears what the pipeline does, so the UI can say "no answer from
// Graph, retry 2 of 4" and keep a request log. Calls come from request
// goroutines and must not block.
type Observer interface {
	// Retrying is called before every retry: Graph answered 429, 503 or
	// 504, or a try failed in transit (no answer in time, a connection
	// closed mid-response, a failed TLS handshake).
	Retrying(RetryEvent)
	// RequestDone is called after every try, retried or not.
	RequestDone(RequestEvent)
}

// LimitObserver is an Observer that also hears when a request waits on
// the client's Limiter for LimitWaitNotice or longer, so the footer can
// say "waiting on Graph's rate limit (log functions) 3s". It is optional:
// the client type-asserts Options.Observer. Calls come from request
// goroutines and must not block.
type LimitObserver interface {
	LimitWait(LimitWaitEvent)
}

// LimitWaitEvent is a long wait on the limiter: once when it starts, with
// the expected wait, and once when it ends (Done), with the wait it took.
type LimitWaitEvent struct {
	// Family is the limit waited on; its String names it for a user.
	Family Family
	// Path is the request URI waiting: escaped path and query, never a token.
	Path string
	// Wait is the wait expected when it starts, the wait taken when Done.
	Wait time.Duration
	// Done marks the end of the wait.
	Done bool
}

// RetryEvent describes a wait before a retry.
type RetryEvent struct {
	// Attempt is the try that failed, from 1; the retry about to start is
	// retry Attempt of Max.
	Attempt int
	// Max is the most retries one request gets (Options.MaxRetries).
	Max int
	// Reason says what went wrong in plain words: "Graph answered 429",
	// "no answer from Graph within 30s".
	Reason string
	// Status is Graph's 429, 503 or 504; 0 for a failure in transit.
	Status int
	// Wait is the pause before the retry: Retry-After when Graph sent
	// one, else about what azcore's back-off waits.
	Wait   time.Duration
	Method string
	// Path is the request URI: escaped path and query, never a token.
	Path      string
	RequestID string
}

// RequestEvent is one HTTP try: never the token, only method, path and query.
type RequestEvent struct {
	Start     time.Time
	Method    string
	Path      string
	Status    int // 0 when the try failed before a response
	Duration  time.Duration
	RequestID string
	Attempt   int
	Err       string
}

// observePolicy runs once per try (inside azcore's retry policy). It turns a
// fractional Retry-After (Graph has sent "2.128") into retry-after-ms, which
// azcore honours, since azcore reads only whole seconds; and it reports
// finished tries and the retries azcore is about to make.
type observePolicy struct {
	o          Observer
	maxRetries int
	maxDelay   time.Duration
	retryDelay time.Duration
}

type attemptKey struct{}

func (p *observePolicy) Do(req *policy.Request) (*http.Response, error) {
	attempt := 1
	if counter, _ := req.Raw().Context().Value(attemptKey{}).(*atomic.Int32); counter != nil {
		attempt = int(counter.Add(1))
	}
	start := time.Now()
	resp, err := req.Next()
	ev := RequestEvent{Start: start, Method: req.Raw().Method, Path: req.Raw().URL.RequestURI(),
		Duration: time.Since(start), Attempt: attempt}
	if resp != nil {
		ev.Status, ev.RequestID = resp.StatusCode, resp.Header.Get("request-id")
	}
	retry := RetryEvent{Attempt: attempt, Max: p.maxRetries, Status: ev.Status, Method: ev.Method,
		Path: ev.Path, RequestID: ev.RequestID}
	if err != nil {
		// A body cut short arrives with its response: it is a failure in
		// transit all the same.
		ev.Err, retry.Status = err.Error(), 0
		if hopeless(err) {
			err = &hopelessError{err}
		}
		p.report(ev)
		var nre nonRetriable
		if !errors.As(err, &nre) && req.Raw().Context().Err() == nil {
			retry.Reason, retry.Wait = transitReason(err), p.backoff(attempt)
			p.retrying(retry)
		}
		return resp, err
	}
	p.report(ev)
	switch resp.StatusCode {
	case http.StatusTooManyRequests, http.StatusServiceUnavailable, http.StatusGatewayTimeout:
	default:
		return resp, err
	}
	wait, known := RetryAfter(resp.Header, time.Now())
	if known {
		resp.Header.Set("Retry-After-Ms", strconv.FormatInt(int64(math.Ceil(float64(wait)/float64(time.Millisecond))), 10))
	}
	if wait <= p.maxDelay {
		if !known {
			wait = p.backoff(attempt)
		}
		retry.Reason, retry.Wait = fmt.Sprintf("Graph answered %d", resp.StatusCode), wait
		p.retrying(retry)
	}
	return resp, err
}

// backoff is about what azcore waits before retry n without Retry-After:
// (2^n - 1) times the delay, give or take its jitter, within maxDelay.
func (p *observePolicy) backoff(n int) time.Duration {
	return min(time.Duration(1<<min(n, 30)-1)*p.retryDelay, p.maxDelay)
}

// retrying reports a retry, if azcore will make one.
func (p *observePolicy) retrying(ev RetryEvent) {
	if p.o != nil && ev.Attempt <= p.maxRetries {
		p.o.Retrying(ev)
	}
}

// transitReason is the plain words for a failed try.
func transitReason(err error) string {
	var te *TransportError
	if errors.As(err, &te) {
		return te.Reason
	}
	return "network error talking to Graph"
}

// hopeless reports a transport failure that retrying within seconds cannot
// mend: nobody listens on the port, the host name does not resolve, or the
// server's certificate is not trusted. Retrying those would only keep the
// user waiting in silence.
func hopeless(err error) bool {
	var de *net.DNSError
	var ce *tls.CertificateVerificationError
	return errors.Is(err, syscall.ECONNREFUSED) || (errors.As(err, &de) && de.IsNotFound) || errors.As(err, &ce)
}

// nonRetriable is azcore's errorinfo.NonRetriable (an internal package):
// an error that says retrying cannot help.
type nonRetriable interface{ NonRetriable() }

// hopelessError marks such a failure for azcore's retry policy
// (errorinfo.NonRetriable) and otherwise reads as the error it wraps.
type hopelessError struct{ err error }

func (e *hopelessError) Error() string { return e.err.Error() }
func (e *hopelessError) Unwrap() error { return e.err }
func (e *hopelessError) NonRetriable() {}

// Observer calls must never take a panic or a slow consumer into a request.
func (p *observePolicy) report(ev RequestEvent) {
	if p.o != nil {
		p.o.RequestDone(ev)
	}
}

// RetryAfter reads Retry-After as whole or fractional seconds or an HTTP
// date. known is false when the header is absent or unreadable.
func RetryAfter(h http.Header, now time.Time) (wait time.Duration, known bool) {
	v := h.Get("Retry-After")
	if v == "" {
		return 0, false
	}
	if f, err := strconv.ParseFloat(v, 64); err == nil && f >= 0 && f < 24*3600 && !math.IsNaN(f) {
		return time.Duration(f * float64(time.Second)), true
	}
	if t, err := http.ParseTime(v); err == nil {
		if d := t.Sub(now); d > 0 {
			return d, true
		}
		return 0, true
	}
	return 0, false
}
