package graphclient

import (
	"encoding/json"
	"net/url"
	"os"
	"sync"
	"time"

	"github.com/callscope/callscope/model/redact"
)

// RequestLog writes every Graph request of a run as JSON lines (an
// Observer): one line per try, and one per wait before a retry, the same
// events the explorer's request log shows. Lines are appended, each with a
// single write, so the file is complete up to the last request even if the
// process is killed, and `tail -f` shows requests as they happen. The file
// is created readable by its owner only: request paths name people.
type RequestLog struct {
	mu     sync.Mutex
	f      *os.File
	redact bool // mask people in paths and errors as well
	err    error
	// OnWriteError, if set, hears once that a write failed and the log
	// stops (a script's stderr); the run itself goes on. Set it before the
	// first request.
	OnWriteError func(error)
}

// RequestLogLine is one line of the file. Field names are stable: scripts
// read them.
type RequestLogLine struct {
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

// OpenRequestLog opens path for appending, creating it with mode 0600;
// redactPeople masks the people in every path and error written. The
// error is os.OpenFile's, which names the path.
func OpenRequestLog(path string, redactPeople bool) (*RequestLog, error) {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o600)
	if err != nil {
		return nil, err
	}
	return &RequestLog{f: f, redact: redactPeople}, nil
}

// RequestDone implements Observer.
func (l *RequestLog) RequestDone(ev RequestEvent) {
	l.write(RequestLogLine{Time: stampTime(ev.Start), Event: "request", Method: ev.Method, Path: ev.Path, Status: ev.Status,
		DurationMs: millis(ev.Duration), RequestID: ev.RequestID, Attempt: ev.Attempt, Error: ev.Err})
}

// Retrying implements Observer.
func (l *RequestLog) Retrying(ev RetryEvent) {
	event := "throttle"
	if ev.Status == 0 {
		event = "retry"
	}
	l.write(RequestLogLine{Time: stampTime(time.Now()), Event: event, Method: ev.Method, Path: ev.Path, Status: ev.Status,
		WaitMs: millis(ev.Wait), RequestID: ev.RequestID, Attempt: ev.Attempt, MaxRetries: ev.Max, Reason: ev.Reason})
}

// write appends one line. A failed write is kept for Close to report and
// stops further writes: logging must never fail a request.
func (l *RequestLog) write(line RequestLogLine) {
	line.Path, line.Error = redact.Secrets(line.Path), redact.Secrets(line.Error)
	if l.redact {
		line.Path, line.Error = ShownPath(line.Path, true), redact.Text(line.Error)
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
		l.err = err
		if l.OnWriteError != nil {
			l.OnWriteError(err)
		}
	}
}

// Close closes the file and reports the first failed write.
func (l *RequestLog) Close() error {
	l.mu.Lock()
	defer l.mu.Unlock()
	closeErr := l.f.Close()
	if l.err != nil {
		return l.err
	}
	return closeErr
}

// ShownPath is a request path as a log line or a message shows it: secret
// query values removed and, with redactPeople, the people in it masked.
// Masks work on the decoded path: %2B4520… hides a number too.
func ShownPath(path string, redactPeople bool) string {
	path = redact.Secrets(path)
	if !redactPeople {
		return path
	}
	if p, err := url.PathUnescape(path); err == nil {
		path = p
	}
	return redact.Text(path)
}

func stampTime(t time.Time) string { return t.UTC().Format("2006-01-02T15:04:05.000Z07:00") }

func millis(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }
