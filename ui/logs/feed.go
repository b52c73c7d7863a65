package logs

import (
	"context"
	"time"

	"github.com/callscope/callscope/model"
	"github.com/callscope/callscope/ui/common"
	"github.com/callscope/callscope/ui/table"
	tea "github.com/charmbracelet/bubbletea"
)

// pageTimeout bounds one page fetch including the client's retries.
const pageTimeout = 3 * time.Minute

// pageMsg carries one page of a report function (a *model.Page of the
// report's rows), or the error fetching it, for the request reqID.
type pageMsg struct {
	reqID uint64
	page  any
	err   error
	// graph says the page came from Graph (not the store offline).
	graph bool
	// storeErr is the first write to the store that failed, said once.
	storeErr error
	// span is what the store holds of the kind, read offline with the
	// first page.
	span storeSpan
}

// fetchLogPage fetches the page at next ("" for the first) of [from, to)
// with page, from Graph or, offline, the store (origin.go); esc or a
// reload cancels ctx.
func fetchLogPage[R any](ctx context.Context, o origin, id uint64, src source[R], from, to time.Time, next string) tea.Cmd {
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(ctx, pageTimeout)
		defer cancel()
		msg := pageMsg{reqID: id, graph: !o.offline}
		var p *model.Page[R]
		switch {
		case o.offline:
			if next == "" {
				// Read with the first page, off the loop; a failure here
				// leaves the header less precise, not the rows.
				msg.span, _ = src.span(ctx, o)
			}
			p, msg.err = src.storedPage(ctx, o, from, to, next)
		case o.keep != nil:
			p, msg.err = src.keptPage(ctx, o, from, to, next)
			msg.storeErr = o.keep.unsaid()
		default:
			p, msg.err = src.page(o.client, ctx, from, to, next)
		}
		if p != nil {
			msg.page = p // a nil *Page stays a nil interface
		}
		return msg
	}
}

// feed is the rows of one range of one report and where its paging
// stands. The log screen that made it, the triage summary over it and the
// group views opened from that summary share it, so rows the summary loads
// show in the list too and nothing is fetched twice. Only Update code
// touches it, on the program's goroutine. One request is in flight at a
// time, whichever screen asked: a page is taken by the first screen that
// sees a result whose id matches pending, and the others catch up from
// Len.
type feed struct {
	rep      report // the report and the rows loaded
	from, to time.Time

	// pager: where paging stands; a summary's windowed load marks itself
	// pending here too, so the list does not page meanwhile.
	table.Pager

	// keep writes the pages fetched into the store (nil until the first
	// fetch with a writable store); siblings share it.
	keep *keeper
	// storeLimit is the rows of an offline store page (0: the store's).
	storeLimit int
	// refreshed is when the last page from Graph landed; span is what
	// the store holds, offline. Both feed the header's source.
	refreshed time.Time
	span      storeSpan
}

// newFeed is a feed over [from, to) whose rows go to rep, which is
// empty (a new report, or an old one's empty()).
func newFeed(rep report, from, to time.Time) *feed {
	return &feed{rep: rep, from: from, to: to}
}

// Len is the number of rows loaded.
func (f *feed) Len() int { return f.rep.Len() }

// fetch asks for the page paging stands at (the failed one again after an
// error). The first page's URL is known to the pager, so a nextLink back
// to it ends paging at once.
func (f *feed) fetch(c *common.Common) tea.Cmd {
	link := f.Resume()
	if link == "" {
		f.Links.Add(c.Client.FunctionURL(f.rep.function(), f.from, f.to))
	}
	id, ctx := f.Begin(link)
	return f.rep.pageCmd(ctx, f.origin(c), id, f.from, f.to, link)
}

// accept takes msg if it answers the request in flight and reports
// whether it did. An error keeps the rows loaded and the link to retry.
// The header learns when Graph last answered, or what the store holds.
func (f *feed) accept(c *common.Common, msg pageMsg) bool {
	if msg.reqID == 0 || msg.reqID != f.Pending {
		return false
	}
	if !f.rep.takePage(c, &f.Pager, msg) {
		return false
	}
	if msg.span.known {
		f.span = msg.span
	}
	if msg.graph && msg.err == nil {
		f.refreshed = c.Now()
	}
	return true
}
