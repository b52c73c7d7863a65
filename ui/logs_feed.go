package ui

import (
	"context"
	"errors"
	"time"

	"github.com/callscope/callscope/graphclient"
	"github.com/callscope/callscope/model"
	tea "github.com/charmbracelet/bubbletea"
)

// errSameNextLink stops a list whose nextLink points at itself, which would
// page forever.
//
//lint:ignore ST1005 "Graph" is a proper noun.
var errSameNextLink = errors.New("Graph sent the same next link twice; paging stopped")

// logPageTimeout bounds one page fetch including the client's retries.
const logPageTimeout = 3 * time.Minute

// logPageMsg carries one page of a report function, or the error fetching
// it, for the request reqID.
type logPageMsg struct {
	reqID uint64
	dr    *model.Page[model.DirectRoutingRow]
	pstn  *model.Page[model.PstnRow]
	err   error
}

// fetchLogPage fetches the page at next ("" for the first) of the report.
func fetchLogPage(c *graphclient.Client, id uint64, k logKind, from, to time.Time, next string) tea.Cmd {
	return func() tea.Msg {
		if c == nil {
			return logPageMsg{reqID: id, err: errors.New("no Graph client configured")}
		}
		ctx, cancel := context.WithTimeout(context.Background(), logPageTimeout)
		defer cancel()
		msg := logPageMsg{reqID: id}
		if k == logPstn {
			msg.pstn, msg.err = c.PstnCalls(ctx, from, to, next)
		} else {
			msg.dr, msg.err = c.DirectRoutingCalls(ctx, from, to, next)
		}
		return msg
	}
}

// logFeed is the rows of one range of one report and where its paging
// stands. The log screen that made it, the triage summary over it and the
// group views opened from that summary share it, so rows the summary loads
// show in the list too and nothing is fetched twice. Only Update code
// touches it, on the program's goroutine. One request is in flight at a
// time, whichever screen asked: a page is taken by the first screen that
// sees a result whose id matches inflight, and the others catch up from
// Len.
type logFeed struct {
	kind     logKind
	from, to time.Time
	dr       *drStore
	pstn     *pstnStore

	started  bool   // the first page arrived
	next     string // nextLink of the last page; "" when all is loaded
	inflight uint64 // request in flight, 0 when none
	link     string // link of the request in flight, or of the failed one
	err      error  // last failure; loaded rows stay
}

func newLogFeed(k logKind, from, to time.Time) *logFeed {
	f := &logFeed{kind: k, from: from, to: to}
	if k == logPstn {
		f.pstn = newPstnStore()
	} else {
		f.dr = newDRStore()
	}
	return f
}

// Len is the number of rows loaded.
func (f *logFeed) Len() int {
	if f.pstn != nil {
		return f.pstn.Len()
	}
	return f.dr.Len()
}

// more reports that Graph has rows not loaded yet.
func (f *logFeed) more() bool { return !f.started || f.next != "" }

// complete reports that every row of the range is in.
func (f *logFeed) complete() bool {
	return f.started && f.next == "" && f.err == nil && f.inflight == 0
}

// canFetch reports that a fetch may start: more to load, nothing in
// flight, no error waiting for a retry.
func (f *logFeed) canFetch() bool { return f.more() && f.inflight == 0 && f.err == nil }

// fetch asks for the next page (the failed one again after an error).
func (f *logFeed) fetch(c *graphclient.Client) tea.Cmd {
	if f.err == nil {
		f.link = f.next // "" before the first page
	}
	f.err = nil
	f.inflight = newReqID()
	return fetchLogPage(c, f.inflight, f.kind, f.from, f.to, f.link)
}

// accept takes msg if it answers the request in flight and reports
// whether it did. An error keeps the rows loaded and the link to retry.
func (f *logFeed) accept(msg logPageMsg) bool {
	if msg.reqID == 0 || msg.reqID != f.inflight {
		return false
	}
	f.inflight = 0
	if msg.err == nil && msg.dr == nil && msg.pstn == nil {
		msg.err = errors.New("report function: empty response")
	}
	if msg.err != nil {
		f.err = msg.err
		return true
	}
	f.started = true
	var next string
	if msg.pstn != nil {
		for i := range msg.pstn.Value {
			f.pstn.add(&msg.pstn.Value[i])
		}
		next = msg.pstn.NextLink
	} else {
		for i := range msg.dr.Value {
			f.dr.add(&msg.dr.Value[i])
		}
		next = msg.dr.NextLink
	}
	f.next = next
	if next != "" && next == f.link {
		// A link that points at itself would page forever.
		f.err = errSameNextLink
		f.next = ""
	}
	return true
}
