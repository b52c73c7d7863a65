package graphclient

import (
	"context"
	"net/http"
	"strings"
	"sync"
	"time"

	"golang.org/x/time/rate"
)

// Graph's documented limits for the PSTN call-log family (getDirectRoutingCalls,
// getPstnCalls; graph-api.md §4.6): 50 requests per 60 s per collection and 200
// per 60 s per application per tenant. The per-collection one binds first.
const (
	// DefaultLogBurst is how many log requests may start at once.
	DefaultLogBurst = 30
	// DefaultLogPerMinute is the sustained pace once the burst is spent.
	// Burst + one minute's refill is 30 + 20 = 50, so no 60-second window,
	// however Graph aligns it, sees more than the documented 50 requests. A
	// 30,000-row range (30 pages plus a few partial ones) starts at once.
	DefaultLogPerMinute = 20
)

// LogLimits configure a LogLimiter. Zero fields take the defaults above;
// tests and benchmarks scale them to model Graph's limits quickly.
type LogLimits struct {
	// Limit is the sustained rate in requests per second.
	Limit rate.Limit
	// Burst is how many requests may start back to back.
	Burst int
	// MinLimit is the slowest pace throttling can push the limiter to
	// (default Limit/8), so a run of 429s slows a load without stalling it.
	MinLimit rate.Limit
}

func (l LogLimits) withDefaults() LogLimits {
	if l.Limit <= 0 {
		l.Limit = rate.Limit(DefaultLogPerMinute) / 60
	}
	if l.Burst <= 0 {
		l.Burst = DefaultLogBurst
	}
	if l.MinLimit <= 0 || l.MinLimit > l.Limit {
		l.MinLimit = l.Limit / 8
	}
	return l
}

// LogLimiter paces requests to the log functions for everyone who shares it:
// one per Graph client, handed to every LogLoader and wired into the client's
// Observer (see Observer) so that a 429 any request meets slows all of them.
//
// It is a token bucket (golang.org/x/time/rate) with AIMD on top: a throttle
// pauses every new request until the Retry-After has passed, halves the
// rate and drops the burst to one; each success then adds back a twentieth
// of the configured rate, and once the rate is whole again the burst grows
// back one request per success.
type LogLimiter struct {
	lim  *rate.Limiter
	base LogLimits

	mu          sync.Mutex
	cur         rate.Limit
	burst       int
	pausedUntil time.Time
	cutUntil    time.Time // 429s before this belong to the throttle already answered
	throttles   int
	waited      time.Duration // sum of pauses imposed, for reporting
}

// NewLogLimiter returns a limiter with the given limits (zero = defaults).
func NewLogLimiter(l LogLimits) *LogLimiter {
	l = l.withDefaults()
	return &LogLimiter{lim: rate.NewLimiter(l.Limit, l.Burst), base: l, cur: l.Limit, burst: l.Burst}
}

// Wait blocks until a request may start: after any throttle pause, then
// for a token. It returns ctx's error if ctx ends first.
func (l *LogLimiter) Wait(ctx context.Context) error {
	for {
		if d := l.Paused(); d > 0 {
			t := time.NewTimer(d)
			select {
			case <-ctx.Done():
				t.Stop()
				return ctx.Err()
			case <-t.C:
			}
			continue
		}
		if err := l.lim.Wait(ctx); err != nil {
			return err
		}
		// A throttle that landed while this caller waited for its token
		// applies to it too: the token is spent, which only errs on the
		// careful side.
		if l.Paused() <= 0 {
			return nil
		}
	}
}

// Throttled tells the limiter Graph refused a request and asked for wait
// (0 when it sent no Retry-After: one second is assumed). Every new request
// is held until the wait has passed. The rate is cut at most once per
// throttle episode: 429s from requests already in flight when the first
// arrived say nothing new.
func (l *LogLimiter) Throttled(wait time.Duration) {
	if wait <= 0 {
		wait = time.Second
	}
	now := time.Now()
	l.mu.Lock()
	defer l.mu.Unlock()
	l.throttles++
	until := now.Add(wait)
	if until.After(l.pausedUntil) {
		if l.pausedUntil.After(now) {
			l.waited += until.Sub(l.pausedUntil)
		} else {
			l.waited += wait
		}
		l.pausedUntil = until
	}
	if now.Before(l.cutUntil) {
		return
	}
	l.cur = max(l.cur/2, l.base.MinLimit)
	l.burst = 1
	l.lim.SetLimitAt(now, l.cur)
	l.lim.SetBurstAt(now, l.burst)
	// One interval at the new pace after the pause: a 429 later than that
	// comes from a request sent under the reduced rate.
	l.cutUntil = until.Add(time.Duration(float64(time.Second) / float64(l.cur)))
}

// Succeeded tells the limiter a request went through: the additive half
// of AIMD.
func (l *LogLimiter) Succeeded() {
	l.mu.Lock()
	defer l.mu.Unlock()
	switch {
	case l.cur < l.base.Limit:
		l.cur = min(l.cur+l.base.Limit/20, l.base.Limit)
		l.lim.SetLimit(l.cur)
	case l.burst < l.base.Burst:
		l.burst++
		l.lim.SetBurst(l.burst)
	}
}

// Paused is how long new requests are still held by a throttle (0 if not).
func (l *LogLimiter) Paused() time.Duration {
	l.mu.Lock()
	defer l.mu.Unlock()
	return max(time.Until(l.pausedUntil), 0)
}

// tokens is how many requests could start now without waiting.
func (l *LogLimiter) tokens() float64 {
	if l.Paused() > 0 {
		return 0
	}
	return l.lim.Tokens()
}

// LimiterState is a snapshot of a LogLimiter for progress lines and tests.
type LimiterState struct {
	// Limit and Burst are the current pace; below the configured ones
	// after a throttle.
	Limit rate.Limit
	Burst int
	// Paused is how long new requests are still held by a throttle.
	Paused time.Duration
	// Throttles counts 429/503 answers reported since the limiter was made.
	Throttles int
	// Waited sums the pauses throttles imposed.
	Waited time.Duration
}

// State returns the limiter's current state.
func (l *LogLimiter) State() LimiterState {
	l.mu.Lock()
	defer l.mu.Unlock()
	return LimiterState{Limit: l.cur, Burst: l.burst, Paused: max(time.Until(l.pausedUntil), 0),
		Throttles: l.throttles, Waited: l.waited}
}

// Observer returns an Observer for Options.Observer that passes every event
// on to next (which may be nil) and tells the limiter about the 429 and 503
// answers the pipeline retries on log-function paths. The pipeline already
// waits out Retry-After for the refused request; this makes every other
// request sharing the limiter wait too, instead of walking into the same
// wall.
func (l *LogLimiter) Observer(next Observer) Observer {
	return limiterObserver{l: l, next: next}
}

type limiterObserver struct {
	l    *LogLimiter
	next Observer
}

func (o limiterObserver) Retrying(ev RetryEvent) {
	if (ev.Status == http.StatusTooManyRequests || ev.Status == http.StatusServiceUnavailable) && isLogPath(ev.Path) {
		o.l.Throttled(ev.Wait)
	}
	if o.next != nil {
		o.next.Retrying(ev)
	}
}

func (o limiterObserver) RequestDone(ev RequestEvent) {
	if o.next != nil {
		o.next.RequestDone(ev)
	}
}

// isLogPath reports whether a request path calls one of the log functions
// (short or namespace-qualified, any case).
func isLogPath(p string) bool {
	p = strings.ToLower(p)
	return strings.Contains(p, "getdirectroutingcalls(") || strings.Contains(p, "getpstncalls(")
}
