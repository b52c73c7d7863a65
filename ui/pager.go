package ui

import (
	"context"
	"errors"
	"fmt"

	"github.com/callscope/callscope/graphclient"
	"github.com/callscope/callscope/model"
	"github.com/charmbracelet/bubbles/key"
)

// One paging state machine serves every list that reads Graph a page at a
// time (the calls list, the Direct Routing and PSTN feeds, a record's
// participants), so that they agree on what a stale page, a failed page,
// a repeated link, a reload and esc do.

// flight is one request in flight: the id its result must carry, and the
// cancel func that esc, a reload or a newer request calls.
type flight struct {
	pending uint64             // the request in flight; 0 when none
	cancel  context.CancelFunc // cancels its context; nil when none
}

// start supersedes any request in flight (cancelled; its result will not
// land) and begins a new one: the id its result must carry and the context
// its command must run under.
func (f *flight) start() (uint64, context.Context) {
	f.abort()
	ctx, cancel := context.WithCancel(context.Background())
	f.pending, f.cancel = newReqID(), cancel
	return f.pending, ctx
}

// land reports whether reqID answers the request in flight, and if so
// ends it. A result that does not land is stale: drop it. Ids start at 1,
// so a command's result never carries 0; a result handed in with 0 while
// nothing is in flight lands, as benchmarks feed screens by hand.
func (f *flight) land(reqID uint64) bool {
	if reqID != f.pending {
		return false
	}
	f.abort() // releases the context; the request is over
	return true
}

// abort cancels the request in flight, whose result then will not land,
// and reports whether there was one.
func (f *flight) abort() bool {
	was := f.pending != 0
	if f.cancel != nil {
		f.cancel()
	}
	f.pending, f.cancel = 0, nil
	return was
}

// defaultMaxPages stops a list whose server keeps sending new links: at
// 60 call records a page it is six million rows, far past a tenant's 30
// days.
const defaultMaxPages = 100_000

// errNoClient answers a fetch when no Graph client is configured.
var errNoClient = errors.New("no Graph client configured")

// errEmptyPage stands for a success with no body, which a page must have.
//
//lint:ignore ST1005 "Graph" is a proper noun.
var errEmptyPage = errors.New("Graph answered with an empty response")

// pager is where one list's paging stands. Rules, the same for all:
//   - a result is taken only if it answers the request in flight; a reload,
//     esc or a newer request supersedes it (and cancels its context);
//   - a failed page keeps the rows, and r asks for the same link again;
//   - every link asked for is remembered, the first page's URL included: a
//     nextLink already asked for ends paging with a clear message, and so
//     does the page cap;
//   - a row whose id the list holds already is never added again;
//   - esc cancels the request in flight and keeps the rows; r then reloads.
//
// The zero value is ready for a first page of unknown URL; reset starts
// over.
type pager struct {
	flight
	link     string // link of the request in flight, or of the failed one; "" is the first page
	next     string // the last page's nextLink; "" when all is in or paging ended
	started  bool   // a page arrived since the last reset
	err      error  // the last request failed; r asks for link again
	ended    error  // Graph's paging misbehaved (a repeated link, the cap); r reloads
	stopped  bool   // esc cancelled a load; r reloads
	maxPages int    // 0: defaultMaxPages
	pages    int    // pages taken since the last reset
	kept     int    // rows taken since the last reset
	links    idSet  // every link asked for, the first page's URL included
	ids      idSet  // the id of every row taken
}

// reset forgets the load for a new one whose first page is at first, the
// URL the client builds ("" when the caller cannot know it; the repeat is
// then caught one page later, and no row doubles either way). A request in
// flight is cancelled and its result will be dropped.
func (p *pager) reset(first string) {
	p.abort()
	*p = pager{maxPages: p.maxPages}
	if first != "" {
		p.links.add(first)
	}
}

// begin starts the request for the page at link ("" for the first): its id
// and the context its command must run under.
func (p *pager) begin(link string) (uint64, context.Context) {
	p.link, p.err, p.stopped = link, nil, false
	if link != "" {
		p.links.add(link)
	}
	return p.start()
}

// resume is the link to ask for next: the failed one again after an error,
// else the last page's nextLink ("" before the first page).
func (p *pager) resume() string {
	if p.err != nil {
		return p.link
	}
	return p.next
}

// more reports that Graph has pages not asked for yet.
func (p *pager) more() bool {
	return p.ended == nil && !p.stopped && (!p.started || p.next != "")
}

// canFetch reports that a fetch may start: more to load, nothing in
// flight, no error waiting for r.
func (p *pager) canFetch() bool { return p.more() && p.pending == 0 && p.err == nil }

// complete reports that every row is in: paging reached its last page.
func (p *pager) complete() bool {
	return p.started && p.next == "" && p.err == nil && p.ended == nil && !p.stopped && p.pending == 0
}

// halted reports that paging ended early (a repeated link, the cap or
// esc): r reloads rather than retries.
func (p *pager) halted() bool { return p.ended != nil || p.stopped }

// fault is what the error line shows: the failed request's error, or how
// Graph's paging misbehaved.
func (p *pager) fault() error {
	if p.err != nil {
		return p.err
	}
	return p.ended
}

// stop is esc: it cancels the request in flight, keeping the rows, and
// reports whether there was one.
func (p *pager) stop() bool {
	if !p.abort() {
		return false
	}
	p.stopped = true
	return true
}

// admit reports whether a row with this id may be added, and counts it:
// false for an id the list holds already. Rows without an id cannot be
// told apart and are all taken.
func (p *pager) admit(id string) bool {
	if id != "" && !p.ids.add(id) {
		return false
	}
	p.kept++
	return true
}

// turn follows a taken page's nextLink: one already asked for, or one past
// the cap, ends paging. repeated is the client's word that the page's link
// led back to itself or to the first page (it cleared the link).
func (p *pager) turn(next string, repeated bool) {
	p.started = true
	p.pages++
	p.next = ""
	switch {
	case next == "" && !repeated:
	case repeated || p.links.has(next):
		//lint:ignore ST1005 "Graph" is a proper noun.
		p.ended = fmt.Errorf("Graph sent the same page link twice; stopped after %s", plural(p.kept, "row", "rows"))
	case p.pages >= p.pageCap():
		//lint:ignore ST1005 "Graph" is a proper noun.
		p.ended = fmt.Errorf("Graph sent %s without a last one; stopped after %s",
			plural(p.pages, "page", "pages"), plural(p.kept, "row", "rows"))
	default:
		p.next = next
	}
}

func (p *pager) pageCap() int {
	if p.maxPages > 0 {
		return p.maxPages
	}
	return defaultMaxPages
}

// stopWords is the note after esc: "load stopped; 40 rows kept, r to
// reload"; "" unless esc stopped the load.
func (p *pager) stopWords(noun, reloadKey string) string {
	if !p.stopped {
		return ""
	}
	return "load stopped; " + fmtCount(p.kept) + " " + noun + " kept, " + reloadKey + " to reload"
}

// takePage is the one way a page enters a list. A result that is not the
// request in flight is dropped (false). An error is kept, with the rows,
// for r to retry. Otherwise each row with an id not held yet goes to add,
// in Graph's order, and the page's nextLink says what comes next. The
// client's graphclient.ErrRepeatedLink comes with the page whose link
// looped (its rows are new) or, for a link it refused, none: either way
// paging ends as for a link the pager saw repeat.
func takePage[T any](p *pager, reqID uint64, page *model.Page[T], err error, id func(*T) string, add func(*T)) bool {
	if !p.land(reqID) {
		return false
	}
	repeated := errors.Is(err, graphclient.ErrRepeatedLink)
	switch {
	case repeated:
	case err == nil && page == nil:
		err = errEmptyPage
		fallthrough
	case err != nil:
		p.err = err
		return true
	}
	var next string
	if page != nil {
		for i := range page.Value {
			if p.admit(id(&page.Value[i])) {
				add(&page.Value[i])
			}
		}
		next = page.NextLink
	}
	p.turn(next, repeated)
	return true
}

// statusLine is the line a list draws under its table when paging needs
// saying: an error (retry), Graph's misbehaviour or esc (reload); "" when
// all is well. keys names r.
func (p *pager) statusLine(st *Styles, keys *KeyMap, width int) string {
	reload := keys.Reload.Help().Key
	switch {
	case p.err != nil:
		return st.Danger.Render(truncate("✗ "+errorLine(p.err)+" · "+reload+" to retry", width))
	case p.ended != nil:
		return st.Danger.Render(truncate("✗ "+p.ended.Error()+" · "+reload+" to reload", width))
	case p.stopped:
		return st.Warn.Render(truncate(p.stopWords("rows", reload), width))
	}
	return ""
}

// hasStatusLine reports that statusLine draws a line.
func (p *pager) hasStatusLine() bool { return p.err != nil || p.halted() }

// stopKey is esc as a list offers it while a page is out.
func stopKey(k KeyMap) key.Binding {
	b := k.Back
	b.SetHelp(b.Help().Key, "stop loading")
	return b
}

// stoppedView is a list's body when esc stopped its first page: nothing
// kept, and how to load again.
func stoppedView(st *Styles, keys *KeyMap, width int, what string) string {
	return messageView(width, st.Title.Render("Load stopped before any "+what+" arrived"),
		"", st.Subtle.Render(keys.Reload.Help().Key+" to reload"))
}
