package graphclient

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptrace"
	"strings"
	"sync"
	"syscall"
	"time"
)

// Defaults for the limits every try runs within (Options).
const (
	DefaultMaxBodyBytes          = 32 << 20
	DefaultDialTimeout           = 10 * time.Second
	DefaultTLSHandshakeTimeout   = 10 * time.Second
	DefaultResponseHeaderTimeout = 30 * time.Second
)

// BodyTooLargeError ends a request whose response body is larger than
// Options.MaxBodyBytes. It is not retried: the same page would be as large.
type BodyTooLargeError struct {
	// Limit is the cap in bytes.
	Limit int64
}

// Error says what was refused; getJSON prefixes the method and path.
func (e *BodyTooLargeError) Error() string {
	return "response body is larger than " + byteSize(e.Limit) + "; callscope stopped reading"
}

// NonRetriable tells azcore's retry policy to stop.
func (e *BodyTooLargeError) NonRetriable() {}

// byteSize writes a cap the way a person set it: 32 MiB, 64 KiB, 100 bytes.
func byteSize(n int64) string {
	switch {
	case n >= 1<<20 && n%(1<<20) == 0:
		return fmt.Sprintf("%d MiB", n>>20)
	case n >= 1<<10 && n%(1<<10) == 0:
		return fmt.Sprintf("%d KiB", n>>10)
	}
	return fmt.Sprintf("%d bytes", n)
}

// TransportError is a try that failed in transit: no answer in time, a
// connection closed mid-response, a TLS handshake that failed. Reason says
// it in plain words for a status line ("no answer from Graph within 30s");
// Err is what the network stack said.
type TransportError struct {
	Reason string
	Err    error
}

// Error is the reason, with the network stack's words when they add any.
func (e *TransportError) Error() string {
	if e.Err == nil || errors.Is(e.Err, context.Canceled) || errors.Is(e.Err, context.DeadlineExceeded) {
		return e.Reason
	}
	return e.Reason + " (" + e.Err.Error() + ")"
}

// Unwrap exposes the network error, so hopeless can still read it.
func (e *TransportError) Unwrap() error { return e.Err }

// tryLimits are the bounds of one try, whatever HTTP client carries it.
type tryLimits struct {
	maxBody   int64
	answer    time.Duration // headers after the request is written; each read of a body
	dial, tls time.Duration // for the words only: the default transport enforces them
}

// boundedTransport wraps the RoundTripper that carries every try. It ends a
// try that waits longer than the answer timeout for headers or for the next
// bytes of a body, refuses a body over the cap, and turns transport errors
// into TransportErrors a user can read.
type boundedTransport struct {
	base http.RoundTripper
	lim  tryLimits
}

// errNoAnswer and errStalled are the causes the watchdog cancels a try with.
var (
	errNoAnswer = errors.New("no answer")
	errStalled  = errors.New("stalled")
)

func (t *boundedTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	ctx, cancel := context.WithCancelCause(req.Context())
	w := &watchdog{cancel: cancel}
	// The clock for headers starts once the request is written: connecting
	// and the TLS handshake have their own timeouts.
	trace := &httptrace.ClientTrace{WroteRequest: func(httptrace.WroteRequestInfo) { w.arm(t.lim.answer, errNoAnswer) }}
	resp, err := t.base.RoundTrip(req.WithContext(httptrace.WithClientTrace(ctx, trace)))
	w.pause()
	if err != nil {
		cancel(nil)
		return nil, t.explain(ctx, err, false)
	}
	if t.lim.maxBody > 0 && resp.ContentLength > t.lim.maxBody {
		_ = resp.Body.Close()
		cancel(nil)
		return nil, &BodyTooLargeError{Limit: t.lim.maxBody}
	}
	resp.Body = &boundedBody{body: resp.Body, t: t, ctx: ctx, w: w}
	return resp, nil
}

// explain words a failed try. The caller's own cancellation and deadline
// pass through untouched: azcore must see them to stop retrying.
func (t *boundedTransport) explain(ctx context.Context, err error, midBody bool) error {
	var te *TransportError
	var tb *BodyTooLargeError
	if errors.As(err, &te) || errors.As(err, &tb) {
		return err
	}
	switch context.Cause(ctx) {
	case errNoAnswer:
		return &TransportError{Reason: "no answer from Graph within " + seconds(t.lim.answer), Err: context.Canceled}
	case errStalled:
		return &TransportError{Reason: "Graph stopped sending the response for " + seconds(t.lim.answer), Err: context.Canceled}
	}
	if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return err
	}
	var ne net.Error
	var oe *net.OpError
	var ce *tls.CertificateVerificationError
	var rh tls.RecordHeaderError
	var ae tls.AlertError
	reason := "network error talking to Graph"
	switch {
	case errors.As(err, &ce):
		reason = "Graph's TLS certificate is not trusted"
	case errors.As(err, &oe) && oe.Op == "dial" && oe.Timeout():
		reason = "could not connect to Graph within " + seconds(t.lim.dial)
	case errors.As(err, &oe) && oe.Op == "dial":
		reason = "network unreachable: check your connection or proxy"
	case errors.As(err, &rh), errors.As(err, &ae):
		reason = "TLS handshake with Graph failed: the server does not speak TLS as Graph does"
	case errors.As(err, &ne) && ne.Timeout() && !midBody && strings.Contains(err.Error(), "TLS handshake timeout"):
		reason = "the TLS handshake with Graph took over " + seconds(t.lim.tls)
	case errors.As(err, &ne) && ne.Timeout() && !midBody:
		reason = "no answer from Graph within " + seconds(t.lim.answer)
	case midBody && (errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF) ||
		errors.Is(err, syscall.ECONNRESET) || errors.Is(err, syscall.EPIPE)):
		reason = "the connection to Graph closed mid-response"
	case errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, syscall.ECONNRESET):
		reason = "the connection to Graph closed before an answer"
	}
	return &TransportError{Reason: reason, Err: err}
}

// seconds writes a timeout as a person reads it: 30s, 200ms.
func seconds(d time.Duration) string {
	if d >= time.Second {
		return d.Round(time.Second).String()
	}
	return d.String()
}

// boundedBody reads a response body within the cap and the answer timeout.
type boundedBody struct {
	body io.ReadCloser
	t    *boundedTransport
	ctx  context.Context
	w    *watchdog
	read int64
}

func (b *boundedBody) Read(p []byte) (int, error) {
	max := b.t.lim.maxBody
	if max > 0 && b.read > max {
		return 0, &BodyTooLargeError{Limit: max}
	}
	if max > 0 && int64(len(p)) > max+1-b.read {
		p = p[:max+1-b.read] // one byte past the cap is enough to know
	}
	b.w.arm(b.t.lim.answer, errStalled)
	n, err := b.body.Read(p)
	b.w.pause()
	b.read += int64(n)
	if max > 0 && b.read > max {
		return n, &BodyTooLargeError{Limit: max}
	}
	if err != nil && err != io.EOF {
		err = b.t.explain(b.ctx, err, true)
	}
	return n, err
}

func (b *boundedBody) Close() error {
	b.w.stop()
	err := b.body.Close()
	b.w.cancel(nil)
	return err
}

// watchdog cancels a try when armed for longer than its timeout. One timer
// is reused for the headers and every read of the body.
type watchdog struct {
	cancel context.CancelCauseFunc

	mu      sync.Mutex
	timer   *time.Timer
	cause   error
	armed   bool
	stopped bool
}

// arm starts (or restarts) the countdown; a zero d disables it.
func (w *watchdog) arm(d time.Duration, cause error) {
	if d <= 0 {
		return
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.stopped {
		return
	}
	w.cause, w.armed = cause, true
	if w.timer == nil {
		w.timer = time.AfterFunc(d, w.fire)
		return
	}
	w.timer.Reset(d)
}

// pause stops the countdown until the next arm: a fire that lost the race
// for the lock finds the watchdog unarmed and does nothing.
func (w *watchdog) pause() {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.armed = false
	if w.timer != nil {
		w.timer.Stop()
	}
}

// stop ends the watchdog for good.
func (w *watchdog) stop() {
	w.pause()
	w.mu.Lock()
	w.stopped = true
	w.mu.Unlock()
}

func (w *watchdog) fire() {
	w.mu.Lock()
	armed, cause := w.armed, w.cause
	w.mu.Unlock()
	if armed {
		w.cancel(cause)
	}
}

// defaultTransport mirrors azcore's default transport (which is internal to
// the SDK): proxy from the environment, Go's TLS defaults, HTTP/2 health
// pings so a dead connection fails instead of hanging; and connect and
// handshake timeouts in seconds, not the minutes a dead route can take.
func defaultTransport(dial, handshake time.Duration) *http.Transport {
	t := http.DefaultTransport.(*http.Transport).Clone()
	t.DialContext = (&net.Dialer{Timeout: dial, KeepAlive: 30 * time.Second}).DialContext
	t.TLSHandshakeTimeout = handshake
	t.MaxIdleConnsPerHost = 10
	t.HTTP2 = &http.HTTP2Config{SendPingTimeout: 10 * time.Second, PingTimeout: 5 * time.Second}
	return t
}
