package common

import (
	"sync"
	"time"

	"github.com/callscope/callscope/graphclient"
	"github.com/callscope/callscope/model/redact"
	tea "github.com/charmbracelet/bubbletea"
)

// RequestLogSize is how many entries the request log keeps: a long session
// of paging and bulk loads stays within a megabyte or two.
const RequestLogSize = 5000

// requestLogCoalesce is the shortest gap between two "log changed"
// notifications, so a bulk load's burst of requests redraws the request
// log a few times a second rather than once a request.
const requestLogCoalesce = 100 * time.Millisecond

// Events carries the client's observations (retries, finished requests)
// into the program. It implements graphclient.Observer; calls
// never block a request goroutine: when the UI lags, old throttle notices
// are dropped and log notifications merge into one.
//
// It also keeps the request log: the last RequestLogSize tries and waits of
// the run, for the L screen. It is safe for concurrent use.
type Events struct {
	throttle  chan graphclient.RetryEvent
	limitWait chan graphclient.LimitWaitEvent
	Now       func() time.Time

	mu      sync.Mutex
	log     Ring[RequestLogEntry]
	seq     uint64
	Changed chan struct{} // one pending "log changed" at most
}

// RequestLogEntry is one line of the request log: a finished try, or a
// wait before a retry (Throttle). It never holds a token: the client
// reports only the method and request URI, and secret-named query
// parameters are removed on arrival as well (redact.Secrets).
type RequestLogEntry struct {
	// Seq numbers entries from 1 in arrival order.
	Seq uint64
	// Time is when the try started, or when the wait began.
	Time time.Time
	// Throttle marks a wait before a retry rather than a finished try.
	Throttle bool
	Method   string
	// Path is the request URI as sent: escaped path and query.
	Path   string
	Status int // 0 when the try failed before a response
	// Duration is the try's time to the response, or the wait's length.
	Duration  time.Duration
	RequestID string
	// Attempt is the try, from 1; a retry has 2 or more.
	Attempt int
	Err     string
}

// NewEvents makes an observer to pass to graphclient.Options.
func NewEvents() *Events {
	return &Events{throttle: make(chan graphclient.RetryEvent, 16), limitWait: make(chan graphclient.LimitWaitEvent, 16), Now: time.Now,
		log: NewRing[RequestLogEntry](RequestLogSize), Changed: make(chan struct{}, 1)}
}

// Retrying implements graphclient.Observer: a throttle wait or a retry
// after a failure in transit ("no answer from Graph within 30s") goes to
// the request log and, as a retryMsg, to the footer.
func (e *Events) Retrying(ev graphclient.RetryEvent) {
	if e == nil {
		return
	}
	en := RequestLogEntry{Time: e.Now(), Throttle: true, Method: ev.Method, Path: ev.Path, Status: ev.Status,
		Duration: ev.Wait, RequestID: ev.RequestID, Attempt: ev.Attempt}
	if ev.Status == 0 {
		en.Err = ev.Reason
	}
	e.record(en)
	select {
	case e.throttle <- ev:
	default:
	}
}

// LimitWait implements graphclient.LimitObserver: a request waits on
// Graph's rate limit for a noticeable time (and, Done, no longer does).
// It goes to the footer as a LimitWaitMsg; when the UI lags, the notice is
// dropped rather than block the request.
func (e *Events) LimitWait(ev graphclient.LimitWaitEvent) {
	if e == nil {
		return
	}
	ev.Path = redact.Secrets(ev.Path)
	select {
	case e.limitWait <- ev:
	default:
	}
}

// ListenLimit waits for the next long wait on the rate limit
// (graphclient.LimitWaitEvent); the root re-issues it after each.
func (e *Events) ListenLimit() tea.Cmd {
	if e == nil {
		return nil
	}
	return func() tea.Msg {
		return LimitWaitMsg{Event: <-e.limitWait}
	}
}

// RequestDone implements graphclient.Observer.
func (e *Events) RequestDone(ev graphclient.RequestEvent) {
	if e == nil {
		return
	}
	e.record(RequestLogEntry{Time: ev.Start, Method: ev.Method, Path: ev.Path, Status: ev.Status,
		Duration: ev.Duration, RequestID: ev.RequestID, Attempt: ev.Attempt, Err: ev.Err})
}

// record adds an entry and signals the change without waiting.
func (e *Events) record(en RequestLogEntry) {
	en.Path, en.Err = redact.Secrets(en.Path), redact.Secrets(en.Err)
	e.mu.Lock()
	e.seq++
	en.Seq = e.seq
	e.log.Push(en)
	e.mu.Unlock()
	select {
	case e.Changed <- struct{}{}:
	default: // a notification is already pending; it covers this entry
	}
}

// Since returns, oldest first, the entries after seq that the log still
// holds, and how many after seq it no longer holds.
func (e *Events) Since(seq uint64) (entries []RequestLogEntry, lost int) {
	if e == nil {
		return nil, 0
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	n := e.log.Len()
	if n == 0 || e.seq <= seq {
		return nil, 0
	}
	first := e.seq - uint64(n) + 1 // Seq of the oldest entry kept
	start := 0
	if seq+1 < first {
		lost = int(first - seq - 1)
	} else {
		start = int(seq + 1 - first)
	}
	entries = make([]RequestLogEntry, 0, n-start)
	for i := start; i < n; i++ {
		entries = append(entries, *e.log.At(i))
	}
	return entries, lost
}

// Listen waits for the next retry (a throttle wait or a failure in transit,
// graphclient.RetryEvent); the root re-issues it after each.
func (e *Events) Listen() tea.Cmd {
	if e == nil {
		return nil
	}
	return func() tea.Msg {
		return RetryMsg{Event: <-e.throttle}
	}
}

// RequestLogChangedMsg says the request log has entries a screen has not
// read yet; screens showing the log call Events.Since.
type RequestLogChangedMsg struct{}

// ListenLog waits for the request log to change; the root re-issues it
// after each notification. It waits requestLogCoalesce after the first
// change so that a burst arrives as one message.
func (e *Events) ListenLog() tea.Cmd {
	if e == nil {
		return nil
	}
	return func() tea.Msg {
		<-e.Changed
		time.Sleep(requestLogCoalesce)
		return RequestLogChangedMsg{}
	}
}

// Ring is a fixed-capacity queue that drops its oldest element when full.
type Ring[T any] struct {
	buf   []T
	start int // index in buf of the oldest element
	n     int
}

// NewRing returns an empty ring that holds at most capacity elements.
func NewRing[T any](capacity int) Ring[T] { return Ring[T]{buf: make([]T, 0, capacity)} }

// Push appends v, dropping the oldest element when the ring is full.
func (r *Ring[T]) Push(v T) {
	if len(r.buf) < cap(r.buf) {
		r.buf = append(r.buf, v)
		r.n++
		return
	}
	if cap(r.buf) == 0 {
		return
	}
	r.buf[r.start] = v
	r.start = (r.start + 1) % len(r.buf)
}

// Len is the number of elements held.
func (r *Ring[T]) Len() int { return r.n }

// At is element i, 0 being the oldest; i must be below Len.
func (r *Ring[T]) At(i int) *T { return &r.buf[(r.start+i)%len(r.buf)] }
