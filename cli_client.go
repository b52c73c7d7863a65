package main

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"sync"
	"time"

	"github.com/Azure/azure-sdk-for-go/sdk/azcore"
	"github.com/callscope/callscope/graphclient"
	"github.com/callscope/callscope/graphclient/fakegraph"
	"github.com/callscope/callscope/model"
)

// signInError is a credential that could not be built; its text already
// carries graphclient.SignInHelp.
type signInError struct{ err error }

func (e *signInError) Error() string { return e.err.Error() }
func (e *signInError) Unwrap() error { return e.err }

// connect builds the Graph client the flags ask for. With --demo it starts
// the fake service on a loopback port with a token made for this run and
// known to nobody else; stop shuts it down. The token is never printed.
func connect(o *options, obs graphclient.Observer) (c *graphclient.Client, stop func(), err error) {
	if so, ok := obs.(*stderrObserver); ok {
		so.redact = o.conf.redact
	}
	obs, stopLog, err := withLogFile(o, obs) // --log-file: cli_logfile.go
	if err != nil {
		return nil, func() {}, err
	}
	defer func() { stop = withStop(stop, stopLog, err) }()
	stop = func() {}
	var cred azcore.TokenCredential
	root := o.graphURL
	if o.demo {
		tok, err := randomToken()
		if err != nil {
			return nil, stop, fmt.Errorf("demo token: %w", err)
		}
		base, shutdown, err := fakegraph.Start(fakegraph.DemoTenant(time.Now()), fakegraph.Options{Token: tok})
		if err != nil {
			return nil, stop, fmt.Errorf("start demo tenant: %w", err)
		}
		stop = func() {
			ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
			defer cancel()
			_ = shutdown(ctx)
		}
		root, cred = base, graphclient.StaticToken(tok)
	} else {
		// Refuse a bad --graph-url before any sign-in is attempted.
		if _, err := graphclient.New(graphclient.Options{ServiceRoot: root, Cloud: o.cloudCfg}); err != nil {
			return nil, stop, usagef(o.cmd, "--graph-url: %v", err)
		}
		cr, err := newCredential(o) // a profile's, or the environment's: cli_config_apply.go
		if err != nil {
			return nil, stop, &signInError{err}
		}
		cred = cr
	}
	c, err = graphclient.New(graphclient.Options{ServiceRoot: root, Cloud: o.cloudCfg, Credential: cred, Observer: obs})
	if err != nil {
		stop()
		return nil, func() {}, usagef(o.cmd, "--graph-url: %v", err)
	}
	return c, stop, nil
}

// randomToken is 32 random bytes, hex: the demo service accepts only it.
func randomToken() (string, error) {
	var b [32]byte
	if _, err := rand.Read(b[:]); err != nil {
		return "", err
	}
	return hex.EncodeToString(b[:]), nil
}

// stderrObserver tells a script's user on stderr why a run is slow: every
// retry, one line, as it happens.
type stderrObserver struct {
	mu     sync.Mutex
	w      io.Writer
	redact bool // --redact: mask people in the paths shown
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
		method, shownPath(ev.Path, redactPeople), roundWait(ev.Wait), ev.Attempt, ev.Max)
}

// roundWait is a wait as a person reads it: 1s, 2.5s, 10ms.
func roundWait(d time.Duration) time.Duration {
	if d < time.Second {
		return d.Round(time.Millisecond)
	}
	return d.Round(100 * time.Millisecond)
}

// exitCode maps a run's error to the exit status and writes its message.
func exitCode(err error, stderr io.Writer) int {
	if err == nil {
		return exitOK
	}
	if ce, ok := isConfigError(err); ok { // config.yaml: cli_config.go
		fmt.Fprintf(stderr, "callscope: %v\n", ce)
		return exitUsage
	}
	if ue, ok := isUsage(err); ok {
		printUsageError(stderr, ue)
		return exitUsage
	}
	// Only a failed write to stdout means the reader left; an EPIPE on the
	// connection to Graph is a network error like any other.
	var oe *outputError
	if errors.As(err, &oe) && readerGone(oe.err) {
		return exitOK
	}
	fmt.Fprintf(stderr, "callscope: %v\n", err)
	return exitFail
}
