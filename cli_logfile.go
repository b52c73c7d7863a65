package main

import (
	"encoding/json"
	"fmt"
	"net/url"
	"os"
	"sync"
	"time"

	"github.com/callscope/callscope/graphclient"
	"github.com/callscope/callscope/model/redact"
)

// logFile writes every Graph request of a run (--log-file) as JSON lines,
// the same events the explorer's request log (L) shows: one line per try,
// and one per wait before a retry. Lines are appended, each with a single
// write, so the file is complete up to the last request even if the
// process is killed, and `tail -f` shows requests as they happen. The file
// is created readable by its owner only: request paths name people.
type logFile struct {
	mu     sync.Mutex
	f      *os.File
	redact bool // --redact: mask people in paths as well
	err    error
	// warn, if set, hears once that a write failed and the log stops
	// (a script's stderr); the run itself goes on.
	warn func(string)
}

// logLine is one line of the file. Field names are stable: scripts read them.
type logLine struct {
	Time       string  `json:"time"`
	Event      string  `json:"event"` // "request", "throttle" (429, 503, 504) or "retry" (a failure in transit)
	Method     string  `json:"method,omitempty"`
	Path       string  `json:"path"`
	Status     int     `json:"status"`
	DurationMs float64 `json:"duration_ms,omitempty"`
	WaitMs     float64 `json:"wait_ms,omitempty"`
	RequestID  string  `json:"request_id,omitempty"`
	Attempt    int     `json:"attempt"`
	MaxRetries int     `json:"max_retries,omitempty"`
	Reason     string  `json:"reason,omitempty"`
	Error      string  `json:"error,omitempty"`
}

// openLogFile opens path for appending, creating it with mode 0600.
func openLogFile(path string, redactPeople bool) (*logFile, error) {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o600)
	if err != nil {
		return nil, fmt.Errorf("--log-file: cannot open it for writing: %w", err)
	}
	return &logFile{f: f, redact: redactPeople}, nil
}

// RequestDone implements graphclient.Observer.
func (l *logFile) RequestDone(ev graphclient.RequestEvent) {
	l.write(logLine{Time: stampTime(ev.Start), Event: "request", Method: ev.Method, Path: ev.Path, Status: ev.Status,
		DurationMs: millis(ev.Duration), RequestID: ev.RequestID, Attempt: ev.Attempt, Error: ev.Err})
}

// Retrying implements graphclient.Observer.
func (l *logFile) Retrying(ev graphclient.RetryEvent) {
	event := "throttle"
	if ev.Status == 0 {
		event = "retry"
	}
	l.write(logLine{Time: stampTime(time.Now()), Event: event, Method: ev.Method, Path: ev.Path, Status: ev.Status,
		WaitMs: millis(ev.Wait), RequestID: ev.RequestID, Attempt: ev.Attempt, MaxRetries: ev.Max, Reason: ev.Reason})
}

// write appends one line. A failed write is kept for Close to report and
// stops further writes: logging must never fail a request.
func (l *logFile) write(line logLine) {
	line.Path, line.Error = redact.Secrets(line.Path), redact.Secrets(line.Error)
	if l.redact {
		line.Path, line.Error = shownPath(line.Path, true), redact.Text(line.Error)
	}
	b, err := json.Marshal(line)
	if err != nil {
		return
	}
	b = append(b, '\n')
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.err != nil {
		return
	}
	if _, err := l.f.Write(b); err != nil {
		l.err = fmt.Errorf("--log-file: %w", err)
		if l.warn != nil {
			l.warn(fmt.Sprintf("callscope: %v; the request log stops here, the run goes on", l.err))
		}
	}
}

// shownPath is a request path for a log line or stderr: secret query
// values removed and, with --redact, the people in it masked. Masks work
// on the decoded path: %2B4520… hides a number too.
func shownPath(path string, redactPeople bool) string {
	path = redact.Secrets(path)
	if !redactPeople {
		return path
	}
	if p, err := url.PathUnescape(path); err == nil {
		path = p
	}
	return redact.Text(path)
}

// Close closes the file and reports the first failed write.
func (l *logFile) Close() error {
	l.mu.Lock()
	defer l.mu.Unlock()
	return firstNonNil(l.err, l.f.Close())
}

func firstNonNil(errs ...error) error {
	for _, e := range errs {
		if e != nil {
			return e
		}
	}
	return nil
}

func stampTime(t time.Time) string { return t.UTC().Format("2006-01-02T15:04:05.000Z07:00") }

func millis(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

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

// withLogFile adds the --log-file writer to obs when the flag is given;
// stop closes the file. A file that cannot be opened is a usage error. A
// write that fails later (a full disk) ends the log, and a script hears
// so on stderr at once; the run goes on, since a request log must never
// fail the run it records.
func withLogFile(o *options, obs graphclient.Observer) (graphclient.Observer, func(), error) {
	if o.conf.logFile == "" {
		return obs, func() {}, nil
	}
	lf, err := openLogFile(o.conf.logFile, o.conf.redact)
	if err != nil {
		return nil, nil, usagef(o.cmd, "%v", err)
	}
	if so, ok := obs.(*stderrObserver); ok {
		lf.warn = so.note
	}
	if obs == nil {
		return lf, func() { _ = lf.Close() }, nil
	}
	return observers{obs, lf}, func() { _ = lf.Close() }, nil
}
