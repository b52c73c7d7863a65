package graphclient

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"time"

	"github.com/callscope/callscope/model"
)

// LogFetcher fetches one page of a log function: the first page of
// [from, to) when nextLink is "", else the page nextLink names.
// Client.DirectRoutingCalls and Client.PstnCalls are LogFetchers.
type LogFetcher[T any] func(ctx context.Context, from, to time.Time, nextLink string) (*model.Page[T], error)

// LogKind tells a LogLoader how to fetch and read one log function's rows.
// Fetch, Start and ID are required.
type LogKind[T any] struct {
	// Name goes into errors: "direct routing calls".
	Name  string
	Fetch LogFetcher[T]
	// Start is the row's startDateTime, which the function's range matches.
	Start func(*T) time.Time
	// ID is the row's id, for de-duplication and a stable order among rows
	// that start at the same instant.
	ID func(*T) string
	// InclusiveTo says the function may also return rows that start
	// exactly at toDateTime, as the getPstnCalls docs say (graph-api.md
	// §1.7). Every window drops such rows anyway, since they belong to the
	// next one; with InclusiveTo the loader also drops, as a safety net, a
	// row whose id it already delivered and rows at or after the end of the
	// range.
	InclusiveTo bool
	// MaxWindow caps the range of one request (getPstnCalls refuses more
	// than 90 days); 0 means no cap.
	MaxWindow time.Duration
	// FirstLink, if set, is the URL Fetch asks for the first page of
	// [from, to), so a nextLink back to it stops the chain; nil leaves
	// that to Fetch.
	FirstLink func(from, to time.Time) string
}

// DirectRoutingKind is getDirectRoutingCalls through c.
func DirectRoutingKind(c *Client) LogKind[model.DirectRoutingRow] {
	return LogKind[model.DirectRoutingRow]{
		Name:      "direct routing calls",
		Fetch:     c.DirectRoutingCalls,
		Start:     func(r *model.DirectRoutingRow) time.Time { return r.StartDateTime.Time },
		ID:        func(r *model.DirectRoutingRow) string { return r.ID },
		FirstLink: firstLink(c, "getDirectRoutingCalls"),
	}
}

// PstnKind is getPstnCalls through c: de-duplicated on id, and windows of at
// most 90 days, so a longer range loads in several requests instead of a 406.
func PstnKind(c *Client) LogKind[model.PstnRow] {
	return LogKind[model.PstnRow]{
		Name:        "pstn calls",
		Fetch:       c.PstnCalls,
		Start:       func(r *model.PstnRow) time.Time { return r.StartDateTime.Time },
		ID:          func(r *model.PstnRow) string { return r.ID },
		InclusiveTo: true,
		MaxWindow:   MaxPstnRange,
		FirstLink:   firstLink(c, "getPstnCalls"),
	}
}

// firstLink is the first page of fn through c; nil without a client.
func firstLink(c *Client, fn string) func(from, to time.Time) string {
	if c == nil {
		return nil
	}
	return func(from, to time.Time) string { return c.FunctionURL(fn, from, to) }
}

// LoadOptions configure a LogLoader. The zero value is usable.
type LoadOptions struct {
	// Concurrency is the most requests in flight at once (default 4).
	Concurrency int
	// Windows is how many equal windows the range starts as (default 1
	// when the kind can name its first page, so the loader can page ahead
	// by $skip, else Concurrency); the loader splits busy ones further as
	// pages arrive.
	Windows int
	// Limiter is the limiter the requests go through: the client's
	// pipeline paces every request, so the loader only reads it (for
	// progress and to split windows only while requests need not wait) and
	// tells it of 429s that outlasted the client's retries. nil means the
	// client's own for NewDirectRoutingLoader and NewPstnLoader, and none
	// for NewLogLoader.
	Limiter *Limiter
	// Progress, if set, is called after every page, and twice a second while
	// a throttle holds requests back. It runs on the goroutine that called
	// Stream or Load, between chunk deliveries, and must not block long.
	Progress func(LoadProgress)
	// NoSplit keeps every window to its nextLink chain instead of
	// re-splitting it by time: exact whatever order Graph serves rows in,
	// and slower when a window holds many pages.
	NoSplit bool
	// ThrottleRetries is how often a request whose 429 outlasted the
	// client's own retries is tried again after the limiter has slowed down
	// (default 3).
	ThrottleRetries int
	// MaxAhead bounds the rows the windows not yet handed on may hold
	// (default 50,000, some 35 MB of decoded rows): beyond it only the
	// oldest such window is fetched, so a long range streams in bounded
	// memory instead of decoding later windows far ahead of delivery.
	MaxAhead int
	// ThrottleBackoff is the first pause after such a 429, doubling with
	// each retry of the same request (default 1 s, azcore's first delay).
	ThrottleBackoff time.Duration
}

// LoadProgress says how far a load has got.
type LoadProgress struct {
	// Windows is how many windows the range is cut into now; WindowsDone of
	// them are complete.
	Windows, WindowsDone int
	// Requests started, Pages received, Rows received (kept, not counting
	// rows a later request fetched again), Delivered rows handed on.
	Requests, Pages, Rows, Delivered int
	// InFlight is the requests under way.
	InFlight int
	// Through is the instant up to which rows are complete and delivered.
	Through time.Time
	Elapsed time.Duration
	// ThrottleWait is how long new requests are still held by a throttle;
	// Throttles counts the 429/503 answers seen during this load.
	ThrottleWait time.Duration
	Throttles    int
}

// LogChunk is the rows of one window, handed on once it and every earlier
// window are complete, so chunks arrive in time order.
type LogChunk[T any] struct {
	// From and To bound the window: From <= start < To (a row Graph sent
	// from outside the range it was asked for is kept where it arrived).
	From, To time.Time
	// Rows are sorted by start time, then id.
	Rows []T
	// Partial marks a window flushed after an error or cancellation: rows
	// the window holds may be missing.
	Partial bool
}

// LogLoader loads a whole getDirectRoutingCalls or getPstnCalls range fast.
//
// The range is cut at whole seconds (Graph reads the function parameters to
// the second) into disjoint windows, fromDateTime inclusive and toDateTime
// exclusive, so every row belongs to exactly one window; a row a window's
// response holds from beyond its edges belongs to a neighbour and is
// dropped there. Each window is one request and its nextLinks, and the
// windows run concurrently, at most Concurrency requests at once, all
// paced by one LogLimiter.
//
// Equal windows are unbalanced (calls bunch in business hours), so when a
// request slot would idle the loader splits the busiest window: it narrows
// the window while its chain runs on, and a new window takes the later
// half. That is exact only if Graph serves rows in start order across
// pages, which is not documented, so the loader checks it on every page —
// each page in order, and continuing where the chain's previous page
// stopped — and splits only after seeing it hold. The fake serves oldest
// first; newest first works the same way mirrored. At the first page out
// of order it stops splitting, and windows it had narrowed start again
// whole and follow their nextLinks to the end, which is exact whatever the
// order (ErrOrderLost if such a window had already been handed on).
// LoadOptions.NoSplit never splits at all.
//
// A LogLoader holds no state between loads and is safe for concurrent use.
type LogLoader[T any] struct {
	kind LogKind[T]
	opts LoadOptions
}

// NewLogLoader returns a loader for kind.
func NewLogLoader[T any](kind LogKind[T], o LoadOptions) *LogLoader[T] {
	if o.Concurrency <= 0 {
		o.Concurrency = 4
	}
	if o.Windows <= 0 {
		o.Windows = o.Concurrency
		if kind.FirstLink != nil {
			// Paging ahead by $skip fills the slots (window_skip.go):
			// more windows would each end on a part-filled page and fetch
			// past their end.
			o.Windows = 1
		}
	}
	if o.MaxAhead <= 0 {
		o.MaxAhead = 50_000
	}
	if o.ThrottleRetries <= 0 {
		o.ThrottleRetries = 3
	}
	if o.ThrottleBackoff <= 0 {
		o.ThrottleBackoff = time.Second
	}
	return &LogLoader[T]{kind: kind, opts: o}
}

// NewDirectRoutingLoader loads getDirectRoutingCalls through c.
func NewDirectRoutingLoader(c *Client, o LoadOptions) *LogLoader[model.DirectRoutingRow] {
	if o.Limiter == nil {
		o.Limiter = c.limiter
	}
	return NewLogLoader(DirectRoutingKind(c), o)
}

// NewPstnLoader loads getPstnCalls through c.
func NewPstnLoader(c *Client, o LoadOptions) *LogLoader[model.PstnRow] {
	if o.Limiter == nil {
		o.Limiter = c.limiter
	}
	return NewLogLoader(PstnKind(c), o)
}

// Load returns every row with from <= start < to (both truncated to whole
// seconds, as Graph reads them), in time order. On an error or cancellation
// it returns the rows that arrived, still in time order, with the error.
func (l *LogLoader[T]) Load(ctx context.Context, from, to time.Time) ([]T, LoadProgress, error) {
	var chunks [][]T
	p, err := l.Stream(ctx, from, to, func(c LogChunk[T]) { chunks = append(chunks, c.Rows) })
	return slices.Concat(chunks...), p, err
}

// Stream loads like Load and hands each window's rows to deliver as soon as
// it and every earlier window are complete. deliver runs on the calling
// goroutine. After an error or cancellation the windows that were not
// complete are flushed, in time order, as Partial chunks; the error says
// what stopped the load (errors.Is finds context.Canceled).
func (l *LogLoader[T]) Stream(ctx context.Context, from, to time.Time, deliver func(LogChunk[T])) (LoadProgress, error) {
	from, to = from.UTC().Truncate(time.Second), to.UTC().Truncate(time.Second)
	if from.IsZero() || to.IsZero() {
		return LoadProgress{}, fmt.Errorf("load %s: both from and to are required", l.kind.Name)
	}
	if !from.Before(to) {
		return LoadProgress{}, fmt.Errorf("load %s: from (%s) must be before to (%s) by at least a second",
			l.kind.Name, model.FormatGraphTime(from), model.FormatGraphTime(to))
	}
	e := newEngine(l, from, to, deliver)
	err := e.run(ctx)
	return e.progress(), err
}

// pageResult is one finished request, sent back to the coordinating goroutine.
type pageResult[T any] struct {
	seg    *segment[T]
	gen    int
	lo, hi time.Time // the range of the chain's first request
	link   string    // the nextLink asked for, else ""
	offset int       // rows of the chain before this page
	spec   bool      // fetched ahead by $skip (window_skip.go)
	page   *model.Page[T]
	err    error
}

// run is the coordinating loop: it alone touches the plan, so workers only
// fetch and report.
func (e *engine[T]) run(ctx context.Context) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	results := make(chan pageResult[T], e.l.opts.Concurrency)
	tick := time.NewTicker(500 * time.Millisecond)
	defer tick.Stop()
	var failure error
	for {
		if failure == nil && ctx.Err() == nil {
			for _, j := range e.schedule() {
				e.launch(ctx, j, results)
			}
		}
		if e.inFlight == 0 {
			break
		}
		select {
		case r := <-results:
			e.inFlight--
			if err := e.receive(r); err != nil && failure == nil {
				failure = err
				if ctx.Err() != nil { // cancelled from outside: that is the news, not the fetch it broke
					failure = context.Cause(ctx)
				}
				cancel() // stop the others; what they already fetched is kept
			}
			e.deliverReady()
			e.report()
		case <-tick.C:
			if e.limiterState().Paused > 0 {
				e.report()
			}
		}
	}
	if failure == nil && e.orderErr != nil {
		failure = e.orderErr
	}
	if failure == nil && !e.complete() {
		failure = context.Cause(ctx)
		if failure == nil {
			failure = errors.New("stopped before the range was loaded")
		}
	}
	if failure != nil {
		e.flush()
		e.report()
		return fmt.Errorf("load %s %s to %s: %w", e.l.kind.Name,
			model.FormatGraphTime(e.from), model.FormatGraphTime(e.to), failure)
	}
	return nil
}

// launch starts one request in its own goroutine: the next page of a
// window's chain, or a page it will need later (j.spec).
func (e *engine[T]) launch(ctx context.Context, j job[T], results chan<- pageResult[T]) {
	s := j.seg
	if !s.started {
		s.started, s.reqLo, s.reqHi = true, s.from, s.to
		if e.l.kind.FirstLink != nil {
			s.skipBase = e.l.kind.FirstLink(s.from, s.to)
		}
	}
	r := pageResult[T]{seg: s, gen: s.gen, lo: s.reqLo, hi: s.reqHi, link: s.next, offset: j.offset, spec: j.spec}
	if j.spec {
		ctx = e.fetchAhead(ctx, &r)
	} else {
		s.busy = true
	}
	e.inFlight++
	e.requests++
	fetch, hold := e.l.kind.Fetch, time.Until(s.notBefore)
	go func() {
		// The client's pipeline waits on the limiter; this only holds a
		// request the loader sends again after a 429.
		if r.err = sleepCtx(ctx, hold); r.err == nil {
			r.page, r.err = fetch(ctx, r.lo, r.hi, r.link)
		}
		results <- r
	}()
}

// handle applies one result to the plan. A 429 that outlasted the client's
// retries slows the shared limiter and puts the request back; any other
// error ends the load.
func (e *engine[T]) handle(r pageResult[T]) error {
	if r.gen != r.seg.gen { // the window restarted while this was in flight
		return nil
	}
	var loop error // the chain led back to a page it had read
	if r.err != nil {
		var ge *Error
		switch {
		case errors.Is(r.err, ErrRepeatedLink) && r.page != nil:
			loop = r.err
		case errors.As(r.err, &ge) && ge.Status == http.StatusTooManyRequests && r.seg.throttled < e.l.opts.ThrottleRetries:
			r.seg.throttled++ // it stays ready, and is sent again as it was
			backoff := e.l.opts.ThrottleBackoff << (r.seg.throttled - 1)
			r.seg.notBefore = time.Now().Add(backoff)
			if lim := e.l.opts.Limiter; lim != nil {
				lim.Throttled(FamilyLogs, backoff)
			}
			return nil
		case r.link == "":
			return fmt.Errorf("window %s to %s: %w", model.FormatGraphTime(r.lo), model.FormatGraphTime(r.hi), r.err)
		default:
			return r.err
		}
	}
	e.pages++
	if loop == nil {
		loop = e.checkChain(r)
		// A page that links to itself may be the chain's first page under
		// another URL when the kind cannot say which URL that was: its rows
		// would be a repeat.
		if loop != nil && e.l.kind.FirstLink == nil && linkKey(r.page.NextLink) == linkKey(r.link) {
			r.page.Value = nil
		}
	}
	if loop != nil {
		// What lies beyond the loop is unknown, so the window stays
		// incomplete and is flushed as Partial.
		r.page.NextLink = ""
		e.apply(r)
		r.seg.ended = false
		return loop
	}
	e.apply(r)
	return nil
}
