package graphclient

import (
	"crypto/tls"
	"errors"
	"math"
	"net"
	"net/http"
	"strconv"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/Azure/azure-sdk-for-go/sdk/azcore/policy"
)

// Observer hears what the pipeline does, so the UI can say "throttled by
// Graph, retrying in 3s" and keep a request log. Calls come from request
// goroutines and must not block.
type Observer interface {
	// Throttled is called when a 429, 503 or 504 will be retried after Wait.
	Throttled(ThrottleEvent)
	// RequestDone is called after every try, retried or not.
	RequestDone(RequestEvent)
}

// ThrottleEvent describes a wait before a retry.
type ThrottleEvent struct {
	Status    int
	Wait      time.Duration
	Attempt   int // the try that was refused, from 1
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
// throttle waits and finished tries.
type observePolicy struct {
	o          Observer
	maxRetries int
	maxDelay   time.Duration
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
	if err != nil {
		ev.Err = err.Error()
		if hopeless(err) {
			err = &hopelessError{err}
		}
	}
	if resp == nil {
		p.report(ev)
		return resp, err
	}
	ev.Status, ev.RequestID = resp.StatusCode, resp.Header.Get("request-id")
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
	if p.o != nil && attempt <= p.maxRetries && wait <= p.maxDelay {
		if !known {
			wait = time.Second << (attempt - 1) // azcore's backoff, roughly
		}
		p.o.Throttled(ThrottleEvent{Status: resp.StatusCode, Wait: wait, Attempt: attempt,
			Path: ev.Path, RequestID: ev.RequestID})
	}
	return resp, err
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
