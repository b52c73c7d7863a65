package table

import (
	"context"
	"errors"
	"fmt"

	"github.com/callscope/callscope/graphclient"
	"github.com/callscope/callscope/model"
	"github.com/callscope/callscope/ui/common"
	"github.com/charmbracelet/bubbles/key"
)

// One paging state machine serves every list that reads Graph a page at a
// time (the calls list, the Direct Routing and PSTN feeds, a record's
// participants), so that they agree on what a stale page, a failed page,
// a repeated link, a reload and esc do.

// Flight is one request in flight: the id its result must carry, and the
// cancel func that esc, a reload or a newer request calls.
type Flight struct {
	Pending uint64             // the request in flight; 0 when none
	cancel  context.CancelFunc // cancels its context; nil when none
}

// Start supersedes any request in flight (cancelled; its result will not
// land) and begins a new one: the id its result must carry and the context
// its command must run under.
func (f *Flight) Start() (uint64, context.Context) {
	f.Abort()
	ctx, cancel := context.WithCancel(context.Background())
	f.Pending, f.cancel = common.NewRequestID(), cancel
	return f.Pending, ctx
}

// Land reports whether reqID answers the request in flight, and if so
// ends it. A result that does not land is stale: drop it. Ids start at 1,
// so a command's result never carries 0; a result handed in with 0 while
// nothing is in flight lands, as benchmarks feed screens by hand.
func (f *Flight) Land(reqID uint64) bool {
	if reqID != f.Pending {
		return false
	}
	f.Abort() // releases the context; the request is over
	return true
}

// Abort cancels the request in flight, whose result then will not land,
// and reports whether there was one.
func (f *Flight) Abort() bool {
	was := f.Pending != 0
	if f.cancel != nil {
		f.cancel()
	}
	f.Pending, f.cancel = 0, nil
	return was
}

// defaultMaxPages stops a list whose server keeps sending new links: at
// 60 call records a page it is six million rows, far past a tenant's 30
// days.
const defaultMaxPages = 100_000

// errEmptyPage stands for a success with no body, which a page must have.
//
//lint:ignore ST1005 "Graph" is a proper noun.
var errEmptyPage = errors.New("Graph answered with an empty response")

// Pager is where one list's paging stands. Rules, the same for all:
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
type Pager struct {
	Flight
	Link     string // link of the request in flight, or of the failed one; "" is the first page
	Next     string // the last page's nextLink; "" when all is in or paging ended
	Started  bool   // a page arrived since the last reset
	Err      error  // the last request failed; r asks for link again
	Ended    error  // Graph's paging misbehaved (a repeated link, the cap); r reloads
	Stopped  bool   // esc cancelled a load; r reloads
	MaxPages int    // 0: defaultMaxPages
	pages    int    // pages taken since the last reset
	Kept     int    // rows taken since the last reset
	Links    idSet  // every link asked for, the first page's URL included
	ids      idSet  // the id of every row taken
}

// Reset forgets the load for a new one whose first page is at first, the
// URL the client builds ("" when the caller cannot know it; the repeat is
// then caught one page later, and no row doubles either way). A request in
// flight is cancelled and its result will be dropped.
func (p *Pager) Reset(first string) {
	p.Abort()
	*p = Pager{MaxPages: p.MaxPages}
	if first != "" {
		p.Links.Add(first)
	}
}

// Begin starts the request for the page at link ("" for the first): its id
// and the context its command must run under.
func (p *Pager) Begin(link string) (uint64, context.Context) {
	p.Link, p.Err, p.Stopped = link, nil, false
	if link != "" {
		p.Links.Add(link)
	}
	return p.Start()
}

// Resume is the link to ask for next: the failed one again after an error,
// else the last page's nextLink ("" before the first page).
func (p *Pager) Resume() string {
	if p.Err != nil {
		return p.Link
	}
	return p.Next
}

// More reports that Graph has pages not asked for yet.
func (p *Pager) More() bool {
	return p.Ended == nil && !p.Stopped && (!p.Started || p.Next != "")
}

// CanFetch reports that a fetch may start: more to load, nothing in
// flight, no error waiting for r.
func (p *Pager) CanFetch() bool { return p.More() && p.Pending == 0 && p.Err == nil }

// Complete reports that every row is in: paging reached its last page.
func (p *Pager) Complete() bool {
	return p.Started && p.Next == "" && p.Err == nil && p.Ended == nil && !p.Stopped && p.Pending == 0
}

// Halted reports that paging ended early (a repeated link, the cap or
// esc): r reloads rather than retries.
func (p *Pager) Halted() bool { return p.Ended != nil || p.Stopped }

// Fault is what the error line shows: the failed request's error, or how
// Graph's paging misbehaved.
func (p *Pager) Fault() error {
	if p.Err != nil {
		return p.Err
	}
	return p.Ended
}

// Stop is esc: it cancels the request in flight, keeping the rows, and
// reports whether there was one.
func (p *Pager) Stop() bool {
	if !p.Abort() {
		return false
	}
	p.Stopped = true
	return true
}

// Admit reports whether a row with this id may be added, and counts it:
// false for an id the list holds already. Rows without an id cannot be
// told apart and are all taken.
func (p *Pager) Admit(id string) bool {
	if id != "" && !p.ids.Add(id) {
		return false
	}
	p.Kept++
	return true
}

// turn follows a taken page's nextLink: one already asked for, or one past
// the cap, ends paging. repeated is the client's word that the page's link
// led back to itself or to the first page (it cleared the link).
func (p *Pager) turn(next string, repeated bool) {
	p.Started = true
	p.pages++
	p.Next = ""
	switch {
	case next == "" && !repeated:
	case repeated || p.Links.Has(next):
		//lint:ignore ST1005 "Graph" is a proper noun.
		p.Ended = fmt.Errorf("Graph sent the same page link twice; stopped after %s", common.Plural(p.Kept, "row", "rows"))
	case p.pages >= p.pageCap():
		//lint:ignore ST1005 "Graph" is a proper noun.
		p.Ended = fmt.Errorf("Graph sent %s without a last one; stopped after %s",
			common.Plural(p.pages, "page", "pages"), common.Plural(p.Kept, "row", "rows"))
	default:
		p.Next = next
	}
}

func (p *Pager) pageCap() int {
	if p.MaxPages > 0 {
		return p.MaxPages
	}
	return defaultMaxPages
}

// StopWords is the note after esc: "load stopped; 40 rows kept, r to
// reload"; "" unless esc stopped the load.
func (p *Pager) StopWords(noun, reloadKey string) string {
	if !p.Stopped {
		return ""
	}
	return "load stopped; " + common.FormatCount(p.Kept) + " " + noun + " kept, " + reloadKey + " to reload"
}

// TakePage is the one way a page enters a list. A result that is not the
// request in flight is dropped (false). An error is kept, with the rows,
// for r to retry. Otherwise each row with an id not held yet goes to add,
// in Graph's order, and the page's nextLink says what comes next. The
// client's graphclient.ErrRepeatedLink comes with the page whose link
// looped (its rows are new) or, for a link it refused, none: either way
// paging ends as for a link the pager saw repeat.
func TakePage[T any](p *Pager, reqID uint64, page *model.Page[T], err error, id func(*T) string, add func(*T)) bool {
	if !p.Land(reqID) {
		return false
	}
	repeated := errors.Is(err, graphclient.ErrRepeatedLink)
	switch {
	case repeated:
	case err == nil && page == nil:
		err = errEmptyPage
		fallthrough
	case err != nil:
		p.Err = err
		return true
	}
	var next string
	if page != nil {
		for i := range page.Value {
			if p.Admit(id(&page.Value[i])) {
				add(&page.Value[i])
			}
		}
		next = page.NextLink
	}
	p.turn(next, repeated)
	return true
}

// StatusLine is the line a list draws under its table when paging needs
// saying: an error (retry), Graph's misbehaviour or esc (reload); "" when
// all is well. keys names r.
func (p *Pager) StatusLine(st *common.Styles, keys *common.KeyMap, width int) string {
	reload := keys.Reload.Help().Key
	switch {
	case p.Err != nil:
		return st.Danger.Render(common.Truncate("✗ "+common.ErrorLine(p.Err)+" · "+reload+" to retry", width))
	case p.Ended != nil:
		return st.Danger.Render(common.Truncate("✗ "+p.Ended.Error()+" · "+reload+" to reload", width))
	case p.Stopped:
		return st.Warn.Render(common.Truncate(p.StopWords("rows", reload), width))
	}
	return ""
}

// HasStatusLine reports that statusLine draws a line.
func (p *Pager) HasStatusLine() bool { return p.Err != nil || p.Halted() }

// StopKey is esc as a list offers it while a page is out.
func StopKey(k common.KeyMap) key.Binding {
	return common.HelpAs(k.Back, "stop loading")
}

// StoppedView is a list's body when esc stopped its first page: nothing
// kept, and how to load again.
func StoppedView(st *common.Styles, keys *common.KeyMap, width int, what string) string {
	return common.MessageView(width, st.Title.Render("Load stopped before any "+what+" arrived"),
		"", st.Subtle.Render(keys.Reload.Help().Key+" to reload"))
}
