package graphclient

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"time"
)

// Family is a class of Graph requests that one throttling limit counts
// together. The limiter paces each family on its own.
type Family int

const (
	// FamilyNone is a request no call-records limit counts (/users, the
	// service root): not paced.
	FamilyNone Family = iota
	// FamilyList is List callRecords.
	FamilyList
	// FamilyRecord is one call record: GET /callRecords/{id}, its
	// /sessions and its /participants_v2.
	FamilyRecord
	// FamilyLogs is the log functions getDirectRoutingCalls and
	// getPstnCalls.
	FamilyLogs
	familyCount
)

// String names the family for a status line: "waiting on Graph's rate
// limit (log functions)".
func (f Family) String() string {
	switch f {
	case FamilyList:
		return "call list"
	case FamilyRecord:
		return "call records"
	case FamilyLogs:
		return "log functions"
	}
	return "unpaced"
}

// Window is a sliding-window limit: at most Requests start in any span of
// Per, as Graph counts them.
type Window struct {
	// Requests is the most that may start within Per.
	Requests int
	// Per is the span Graph counts over: 20 s or 60 s.
	Per time.Duration
}

// Limits configure a Limiter. Zero fields take the defaults, each 10 %
// under the documented limit ("Microsoft Graph service-specific throttling
// limits", ms.date 2025-01-14, call records and PSTN call records
// sections; graph-api.md §4.6). Tests and benchmarks scale them down.
type Limits struct {
	// List is List callRecords: documented 40 / 20 s.
	List Window
	// Record is per call record id (the record, its sessions and
	// participants_v2): documented 40 / 20 s.
	Record Window
	// Records is every call-record request of the app in the tenant,
	// List included: documented 1,500 / 20 s per application per tenant.
	Records Window
	// LogCollection is per log function (collection): documented 50 / 60 s.
	LogCollection Window
	// Logs is both log functions together: documented 200 / 60 s per
	// application per tenant.
	Logs Window
	// Floor is the smallest share of these limits a run of throttles can
	// cut a family to (default 1/8), so 429s slow a load without stalling it.
	Floor float64
}

func (l Limits) withDefaults() Limits {
	set := func(w *Window, n int, per time.Duration) {
		if w.Requests <= 0 || w.Per <= 0 {
			*w = Window{Requests: n, Per: per}
		}
	}
	set(&l.List, 36, 20*time.Second)
	set(&l.Record, 36, 20*time.Second)
	set(&l.Records, 1350, 20*time.Second)
	set(&l.LogCollection, 45, 60*time.Second)
	set(&l.Logs, 180, 60*time.Second)
	if l.Floor <= 0 || l.Floor > 1 {
		l.Floor = 1.0 / 8
	}
	return l
}

// Limiter paces every request a Client sends, from inside its pipeline
// (a per-retry policy, so retries are paced too): one per client, that is
// per tenant and app. Requests are classified by path (FamilyOf) and each
// must fit every sliding window its family counts: a call record fits its
// own id's window and the app-wide one, a log function its collection's
// and both functions' together.
//
// On top sits AIMD per family: a 429 or 503 halves the family's share of
// its limits (once per throttle episode, down to Limits.Floor) and holds
// every request of the family until Retry-After has passed; each success
// adds back a twentieth.
type Limiter struct {
	limits Limits

	mu        sync.Mutex
	families  [familyCount]familyState
	list      slidingWindow
	records   slidingWindow
	logs      slidingWindow
	perRecord map[string]*slidingWindow
	perLog    map[string]*slidingWindow
}

type familyState struct {
	share       float64 // of the configured limits, 1 unless throttled
	pausedUntil time.Time
	cutUntil    time.Time // throttles before this belong to the episode already answered
	throttles   int
	waited      time.Duration
}

// NewLimiter returns a limiter with the given limits (zero = defaults).
func NewLimiter(l Limits) *Limiter {
	l = l.withDefaults()
	lim := &Limiter{limits: l, list: slidingWindow{base: l.List}, records: slidingWindow{base: l.Records},
		logs: slidingWindow{base: l.Logs}, perRecord: map[string]*slidingWindow{}, perLog: map[string]*slidingWindow{}}
	for i := range lim.families {
		lim.families[i].share = 1
	}
	return lim
}

// FamilyOf classifies a request path (escaped or not, with or without the
// query) and returns the family and, for a record or a log function, the
// key of its own window: the record id or the function name.
func FamilyOf(path string) (Family, string) {
	p := strings.ToLower(path)
	if i := strings.IndexByte(p, '?'); i >= 0 {
		p = p[:i]
	}
	const anchor = "communications/callrecords"
	i := strings.Index(p, anchor)
	if i < 0 {
		return FamilyNone, ""
	}
	rest := p[i+len(anchor):]
	switch {
	case rest == "" || rest == "/":
		return FamilyList, ""
	case strings.Contains(rest, "getdirectroutingcalls("):
		return FamilyLogs, "getdirectroutingcalls"
	case strings.Contains(rest, "getpstncalls("):
		return FamilyLogs, "getpstncalls"
	}
	// /{id}[/sessions|/participants_v2] or ('{id}')[/...]
	rest = strings.TrimPrefix(rest, "/")
	id, _, _ := strings.Cut(rest, "/")
	id = strings.Trim(strings.TrimSuffix(strings.TrimPrefix(id, "("), ")"), "'%27")
	if id == "" {
		return FamilyNone, ""
	}
	return FamilyRecord, id
}

// windows are the sliding windows a request of f (key) must fit; l.mu held.
func (l *Limiter) windows(f Family, key string) []*slidingWindow {
	get := func(m map[string]*slidingWindow, base Window) *slidingWindow {
		w := m[key]
		if w == nil {
			if len(m) >= 1024 {
				prune(m, time.Now())
			}
			w = &slidingWindow{base: base}
			m[key] = w
		}
		return w
	}
	switch f {
	case FamilyList:
		return []*slidingWindow{&l.list, &l.records}
	case FamilyRecord:
		return []*slidingWindow{get(l.perRecord, l.limits.Record), &l.records}
	case FamilyLogs:
		return []*slidingWindow{get(l.perLog, l.limits.LogCollection), &l.logs}
	}
	return nil
}

// prune forgets windows no request counts in any more, so a session that
// opens thousands of records keeps only the recent ones.
func prune(m map[string]*slidingWindow, now time.Time) {
	for k, w := range m {
		if w.prune(now); len(w.starts) == 0 {
			delete(m, k)
		}
	}
}

// LimitWaitNotice is how long a request must wait on the limiter before
// the observer hears of it (LimitObserver).
const LimitWaitNotice = 250 * time.Millisecond

// Wait blocks until a request to path may start under every limit its
// family counts, then counts it. It returns ctx's error if ctx ends first.
func (l *Limiter) Wait(ctx context.Context, path string) error {
	return l.wait(ctx, path, nil)
}

// wait is Wait that tells notify, if set, when the wait will pass
// LimitWaitNotice and again when it ends.
func (l *Limiter) wait(ctx context.Context, path string, notify func(LimitWaitEvent)) error {
	f, key := FamilyOf(path)
	if f == FamilyNone {
		return nil
	}
	start, told := time.Now(), false
	for {
		d := l.reserve(f, key)
		if d <= 0 {
			if told {
				notify(LimitWaitEvent{Family: f, Path: path, Wait: time.Since(start), Done: true})
			}
			return nil
		}
		if !told && notify != nil && time.Since(start)+d >= LimitWaitNotice {
			told = true
			notify(LimitWaitEvent{Family: f, Path: path, Wait: time.Since(start) + d})
		}
		t := time.NewTimer(d)
		select {
		case <-ctx.Done():
			t.Stop()
			if told {
				notify(LimitWaitEvent{Family: f, Path: path, Wait: time.Since(start), Done: true})
			}
			return fmt.Errorf("waiting on Graph's rate limit (%s): %w", f, context.Cause(ctx))
		case <-t.C:
		}
	}
}

// reserve counts a start now if every window has room and returns 0, or
// returns how long until one might.
func (l *Limiter) reserve(f Family, key string) time.Duration {
	l.mu.Lock()
	defer l.mu.Unlock()
	now := time.Now()
	fs := &l.families[f]
	d := fs.pausedUntil.Sub(now)
	ws := l.windows(f, key)
	for _, w := range ws {
		d = max(d, w.delay(now, fs.share))
	}
	if d > 0 {
		return d
	}
	for _, w := range ws {
		w.starts = append(w.starts, now)
	}
	return 0
}

// Throttled tells the limiter Graph refused a request of family f and asked
// for wait (0 when it sent no Retry-After: one second is assumed). Every
// new request of the family is held until the wait has passed. The share is
// cut at most once per throttle episode: 429s from requests already in
// flight when the first arrived say nothing new.
func (l *Limiter) Throttled(f Family, wait time.Duration) {
	if f <= FamilyNone || f >= familyCount {
		return
	}
	if wait <= 0 {
		wait = time.Second
	}
	now := time.Now()
	l.mu.Lock()
	defer l.mu.Unlock()
	fs := &l.families[f]
	fs.throttles++
	until := now.Add(wait)
	if until.After(fs.pausedUntil) {
		fs.waited += until.Sub(later(fs.pausedUntil, now))
		fs.pausedUntil = until
	}
	if now.Before(fs.cutUntil) {
		return
	}
	fs.share = max(fs.share/2, l.limits.Floor)
	// One interval at the new pace after the pause: a 429 later than that
	// comes from a request sent under the reduced share.
	pace := l.paceWindow(f)
	n := max(float64(pace.Requests)*fs.share, 1)
	fs.cutUntil = until.Add(time.Duration(float64(pace.Per) / n))
}

func later(a, b time.Time) time.Time {
	if a.After(b) {
		return a
	}
	return b
}

// paceWindow is the narrowest limit of a family, the one AIMD paces by.
func (l *Limiter) paceWindow(f Family) Window {
	switch f {
	case FamilyList:
		return l.limits.List
	case FamilyRecord:
		return l.limits.Record
	}
	return l.limits.LogCollection
}

// Succeeded tells the limiter a request of family f went through: the
// additive half of AIMD.
func (l *Limiter) Succeeded(f Family) {
	if f <= FamilyNone || f >= familyCount {
		return
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	fs := &l.families[f]
	fs.share = min(fs.share+1.0/20, 1)
}

// LimiterState is a snapshot of one family's pacing, for progress lines
// and tests.
type LimiterState struct {
	// Share is the part of the configured limits in force: 1, or less
	// after a throttle.
	Share float64
	// Paused is how long new requests are still held by a throttle.
	Paused time.Duration
	// Throttles counts 429/503 answers reported since the limiter was made.
	Throttles int
	// Waited sums the pauses throttles imposed.
	Waited time.Duration
}

// State returns family f's current state.
func (l *Limiter) State(f Family) LimiterState {
	if f <= FamilyNone || f >= familyCount {
		return LimiterState{Share: 1}
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	fs := l.families[f]
	return LimiterState{Share: fs.share, Paused: max(time.Until(fs.pausedUntil), 0), Throttles: fs.throttles, Waited: fs.waited}
}

// Spare is how many requests to path could start now without waiting.
func (l *Limiter) Spare(path string) int {
	f, key := FamilyOf(path)
	if f == FamilyNone {
		return int(^uint(0) >> 1)
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	now := time.Now()
	fs := l.families[f]
	if fs.pausedUntil.After(now) {
		return 0
	}
	spare := int(^uint(0) >> 1)
	for _, w := range l.windows(f, key) {
		spare = min(spare, w.room(now, fs.share))
	}
	return spare
}
