package ui

import (
	"context"
	"time"

	"github.com/callscope/callscope/graphclient"
	"github.com/callscope/callscope/model"
	tea "github.com/charmbracelet/bubbletea"
)

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

// fetchLogPage fetches the page at next ("" for the first) of the report;
// esc or a reload cancels ctx.
func fetchLogPage(ctx context.Context, c *graphclient.Client, id uint64, k logKind, from, to time.Time, next string) tea.Cmd {
	return func() tea.Msg {
		if c == nil {
			return logPageMsg{reqID: id, err: errNoClient}
		}
		ctx, cancel := context.WithTimeout(ctx, logPageTimeout)
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

// logFunctions names the report function of each kind, for its first URL.
var logFunctions = [...]string{logDirect: "getDirectRoutingCalls", logPstn: "getPstnCalls"}

// logFeed is the rows of one range of one report and where its paging
// stands. The log screen that made it, the triage summary over it and the
// group views opened from that summary share it, so rows the summary loads
// show in the list too and nothing is fetched twice. Only Update code
// touches it, on the program's goroutine. One request is in flight at a
// time, whichever screen asked: a page is taken by the first screen that
// sees a result whose id matches pending, and the others catch up from
// Len.
type logFeed struct {
	kind     logKind
	from, to time.Time
	dr       *drStore
	pstn     *pstnStore

	// pager: where paging stands; a summary's windowed load marks itself
	// pending here too, so the list does not page meanwhile.
	pager
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

// fetch asks for the page paging stands at (the failed one again after an
// error). The first page's URL is known to the pager, so a nextLink back
// to it ends paging at once.
func (f *logFeed) fetch(c *Common) tea.Cmd {
	link := f.resume()
	if link == "" && c.Client != nil {
		f.links.add(c.Client.FunctionURL(logFunctions[f.kind], f.from, f.to))
	}
	id, ctx := f.begin(link)
	return fetchLogPage(ctx, c.Client, id, f.kind, f.from, f.to, link)
}

// accept takes msg if it answers the request in flight and reports
// whether it did. An error keeps the rows loaded and the link to retry.
func (f *logFeed) accept(c *Common, msg logPageMsg) bool {
	if msg.reqID == 0 || msg.reqID != f.pending {
		return false
	}
	if f.kind == logPstn {
		redactLogRows(c, nil, pageRows(msg.pstn))
		return takePage(&f.pager, msg.reqID, msg.pstn, msg.err, pstnID, f.pstn.add)
	}
	redactLogRows(c, pageRows(msg.dr), nil)
	return takePage(&f.pager, msg.reqID, msg.dr, msg.err, drID, f.dr.add)
}

// addRows appends a windowed load's rows to the feed, each id once.
func (f *logFeed) addRows(dr []model.DirectRoutingRow, pstn []model.PstnRow) {
	for i := range dr {
		if f.admit(dr[i].ID) {
			f.dr.add(&dr[i])
		}
	}
	for i := range pstn {
		if f.admit(pstn[i].ID) {
			f.pstn.add(&pstn[i])
		}
	}
}

// pageRows is a page's rows; none for no page.
func pageRows[T any](p *model.Page[T]) []T {
	if p == nil {
		return nil
	}
	return p.Value
}

func drID(r *model.DirectRoutingRow) string { return r.ID }
func pstnID(r *model.PstnRow) string        { return r.ID }
