package cli

import (
	"context"
	"fmt"
	"io"
	"sync"
	"time"

	"github.com/Azure/azure-sdk-for-go/sdk/azcore"
	"github.com/callscope/callscope/graphclient"
	"github.com/callscope/callscope/graphclient/fakegraph"
	"github.com/callscope/callscope/model"
)

// clientLimits pace every client connect builds; the zero value is
// Graph's documented limits less 10 % (graphclient.Limits). Tests that walk
// the demo's whole month raise them, so the walk takes seconds, not the
// minute and a half the list limit makes it.
var clientLimits graphclient.Limits

// connect builds the Graph client the flags ask for. With --demo it starts
// the fake service on a loopback port with a token made for this run and
// known to nobody else; stop shuts it down. The token is never printed.
func connect(b *base, obs graphclient.Observer) (c *graphclient.Client, stop func(), err error) {
	if so, ok := obs.(*stderrObserver); ok {
		so.redact = b.conf.redact
	}
	obs, stopLog, err := withLogFile(b, obs) // --log-file
	if err != nil {
		return nil, func() {}, err
	}
	defer func() { stop = withStop(stop, stopLog, err) }()
	stop = func() {}
	var cred azcore.TokenCredential
	root := b.graphURL
	if b.demo {
		tok, err := graphclient.RandomToken()
		if err != nil {
			return nil, stop, fmt.Errorf("demo token: %w", err)
		}
		// Oldest first, as the one example on Microsoft's List callRecords
		// page lists them: the demo runs callscope against the order it
		// must not assume (graph-api.md §4.5).
		demoRoot, shutdown, err := fakegraph.Start(fakegraph.DemoTenant(time.Now()), fakegraph.Options{Token: tok, ListOrder: fakegraph.OldestFirst})
		if err != nil {
			return nil, stop, fmt.Errorf("start demo tenant: %w", err)
		}
		stop = func() {
			ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
			defer cancel()
			_ = shutdown(ctx)
		}
		root, cred = demoRoot, graphclient.StaticToken(tok)
	} else {
		// Refuse a bad --graph-url before any sign-in is attempted.
		if _, err := graphclient.New(graphclient.Options{ServiceRoot: root, Cloud: b.cloudCfg}); err != nil {
			return nil, stop, usagef(b.cmd, "--graph-url: %v", err)
		}
		cr, err := newCredential(b)
		if err != nil {
			return nil, stop, err
		}
		cred = cr
	}
	c, err = graphclient.New(graphclient.Options{ServiceRoot: root, Cloud: b.cloudCfg, Credential: cred, Observer: obs, Limits: clientLimits})
	if err != nil {
		stop()
		return nil, func() {}, usagef(b.cmd, "--graph-url: %v", err)
	}
	return c, stop, nil
}

// newCredential signs in as the config file's profile says, or as the
// environment does (graphclient.NewProfileCredential).
func newCredential(b *base) (azcore.TokenCredential, error) {
	var p *graphclient.Profile
	if b.conf.prof != nil {
		p = &b.conf.prof.Profile
	}
	return graphclient.NewProfileCredential(b.cloudCfg, p)
}

// withStop makes a connection's stop also close the --log-file writer, or
// closes it now when connecting failed (the caller then has no stop to call).
func withStop(stop, stopLog func(), err error) func() {
	if err != nil {
		stopLog()
		return stop
	}
	return func() {
		stop()
		stopLog()
	}
}

// withLogFile adds the --log-file writer to obs when the flag is given;
// stop closes the file. A file that cannot be opened is a usage error. A
// write that fails later (a full disk) ends the log, and a script hears
// so on stderr at once; the run goes on, since a request log must never
// fail the run it records.
func withLogFile(b *base, obs graphclient.Observer) (graphclient.Observer, func(), error) {
	if b.conf.logFile == "" {
		return obs, func() {}, nil
	}
	lf, err := graphclient.OpenRequestLog(b.conf.logFile, b.conf.redact)
	if err != nil {
		return nil, nil, usagef(b.cmd, "--log-file: cannot open it for writing: %v", err)
	}
	if so, ok := obs.(*stderrObserver); ok {
		lf.OnWriteError = func(err error) { so.note(logFileStopped(err)) }
	}
	if obs == nil {
		return lf, func() { _ = lf.Close() }, nil
	}
	return observers{obs, lf}, func() { _ = lf.Close() }, nil
}

// logFileStopped is the line a script's stderr gets when the log file
// stops taking writes.
func logFileStopped(err error) string {
	return fmt.Sprintf("callscope: --log-file: %v; the request log stops here, the run goes on", err)
}

// observers passes each event to every observer in turn.
type observers []graphclient.Observer

// Retrying implements graphclient.Observer.
func (obs observers) Retrying(ev graphclient.RetryEvent) {
	for _, o := range obs {
		o.Retrying(ev)
	}
}

// RequestDone implements graphclient.Observer.
func (obs observers) RequestDone(ev graphclient.RequestEvent) {
	for _, o := range obs {
		o.RequestDone(ev)
	}
}

// LimitWait implements graphclient.LimitObserver for the members that
// listen for limit waits.
func (obs observers) LimitWait(ev graphclient.LimitWaitEvent) {
	for _, o := range obs {
		if lo, ok := o.(graphclient.LimitObserver); ok {
			lo.LimitWait(ev)
		}
	}
}

// stderrObserver tells a script's user on stderr why a run is slow: every
// retry, one line, as it happens, and a wait on callscope's own pacing of
// a limit family when it is long (at most one line per family a while, so
// a long paced export does not fill the terminal).
type stderrObserver struct {
	mu     sync.Mutex
	w      io.Writer
	redact bool // --redact: mask people in the paths shown

	now       func() time.Time // nil means time.Now
	lastLimit map[graphclient.Family]time.Time
}

// Waits on the rate limit shorter than limitLineMin are not worth a line;
// after one line a family is quiet for limitLineEvery.
const (
	limitLineMin   = time.Second
	limitLineEvery = 30 * time.Second
)

// LimitWait implements graphclient.LimitObserver.
func (s *stderrObserver) LimitWait(ev graphclient.LimitWaitEvent) {
	if ev.Done || ev.Wait < limitLineMin {
		return
	}
	now := time.Now
	if s.now != nil {
		now = s.now
	}
	t := now()
	s.mu.Lock()
	last, said := s.lastLimit[ev.Family]
	if said && t.Sub(last) < limitLineEvery {
		s.mu.Unlock()
		return
	}
	if s.lastLimit == nil {
		s.lastLimit = map[graphclient.Family]time.Time{}
	}
	s.lastLimit[ev.Family] = t
	s.mu.Unlock()
	s.note(limitLine(ev))
}

// limitLine is a limit wait for stderr.
func limitLine(ev graphclient.LimitWaitEvent) string {
	return fmt.Sprintf("callscope: waiting %s on Graph's rate limit for %s (callscope keeps 10%% under Microsoft's documented limits)",
		roundWait(ev.Wait), ev.Family)
}

// Retrying implements graphclient.Observer.
func (s *stderrObserver) Retrying(ev graphclient.RetryEvent) {
	s.note(retryLine(ev, s.redact))
}

// RequestDone implements graphclient.Observer.
func (s *stderrObserver) RequestDone(graphclient.RequestEvent) {}

// note writes one line, whole, among lines from other requests.
func (s *stderrObserver) note(line string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	fmt.Fprintln(s.w, line)
}

// retryLine is a retry for stderr: "callscope: no answer from Graph within
// 30s, retrying GET /v1.0/communications/callRecords in 1s (retry 2 of 4)".
func retryLine(ev graphclient.RetryEvent, redactPeople bool) string {
	method := ev.Method
	if method == "" {
		method = "GET"
	}
	return fmt.Sprintf("callscope: %s, retrying %s %s in %s (retry %d of %d)", model.DisplaySafe(ev.Reason),
		method, graphclient.ShownPath(ev.Path, redactPeople), roundWait(ev.Wait), ev.Attempt, ev.Max)
}

// roundWait is a wait as a person reads it: 1s, 2.5s, 10ms.
func roundWait(d time.Duration) time.Duration {
	if d < time.Second {
		return d.Round(time.Millisecond)
	}
	return d.Round(100 * time.Millisecond)
}
