package calls

import (
	"context"
	"time"

	"github.com/callscope/callscope/graphclient"
	"github.com/callscope/callscope/graphclient/store"
	"github.com/callscope/callscope/model"
	"github.com/callscope/callscope/ui/common"
	"github.com/callscope/callscope/ui/table"
	tea "github.com/charmbracelet/bubbletea"
)

// The list and the local store (issue 14). Offline, the store is the only
// source: its pages go through the same Pager as Graph's windows, the
// store's cursor standing for Graph's nextLink. Online with a store, the
// store's first page of the range shows at once while Graph's newest-first
// walk runs; each Graph window is written to the store in the fetch
// goroutine and merges into the list, no row twice, newest first
// whichever source lands first. Store reads and writes are disk I/O: they
// run in commands, never in Update or View.

// storeTimeout bounds one read or write of the store, a writer's lock
// wait included (store.DefaultBusyTimeout is 5 s).
const storeTimeout = 30 * time.Second

// storedMsg is the store's first page of the range, read online to show
// before Graph answers, for the request reqID.
type storedMsg struct {
	reqID uint64
	rows  []model.CallRecord
	err   error
}

// spanMsg is the start of the oldest and newest stored call, for the
// offline header.
type spanMsg struct {
	oldest, newest time.Time
	err            error
}

// storeList is where the list stands with the store.
type storeList struct {
	flight table.Flight // the online read of the store's first page
	// refreshed is when a Graph window last landed (the screen clock);
	// zero while only stored rows are shown.
	refreshed time.Time
	// listed counts the rows Graph's windows held, those the store showed
	// first included: how far down the list Graph has refreshed.
	listed int
	// writeFailed: a window could not be written; said once, then the
	// list goes on without writing.
	writeFailed bool
	readFailed  bool // the first-page read failed; said once
	// unjudged counts stored calls a participant filter scanned whose
	// bytes do not say who took part (offline).
	unjudged int
	// span is the stored calls' oldest and newest start, read once.
	spanAsked, spanKnown bool
	oldest, newest       time.Time
}

// merging reports a list fed by two sources, the store and Graph, whose
// rows must be put in order as they land.
func (s *Screen) merging() bool { return s.c.Store != nil && !s.c.Offline }

// storeRange is the stored calls the list shows: the filter's range, with
// an open start reading the whole store (offline goes past Graph's 30
// days) and an open end at the screen's clock.
func (s *Screen) storeRange() store.Range { return s.storeRangeFor(s.filter) }

// storeRangeFor is storeRange for filter f (a watch poll's).
func (s *Screen) storeRangeFor(f Filter) store.Range {
	r := store.Range{From: f.From, To: f.To}
	if r.To.IsZero() {
		r.To = s.c.Now()
	}
	return r
}

// fetchStoredPage reads the store's page at cursor after ("" for the
// newest) as a pageMsg: the store's cursor is the page's NextLink, so the
// Pager pages the store as it pages Graph. With a participant, the page
// is their calls among those it scanned (it may hold none and go on), and
// the calls whose stored bytes cannot say who took part are counted.
func fetchStoredPage(ctx context.Context, st *store.Store, id uint64, r store.Range, after string, participant string) tea.Cmd {
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(ctx, storeTimeout)
		defer cancel()
		r.After = store.Cursor(after)
		if participant != "" {
			page, err := st.ParticipantCalls(ctx, r, participant)
			if err != nil {
				return pageMsg{reqID: id, err: err}
			}
			return pageMsg{reqID: id, page: &model.Page[model.CallRecord]{Value: callsOf(page.Rows), NextLink: string(page.Next)},
				unjudged: page.NoRecord + page.NoParticipants}
		}
		page, err := st.Calls(ctx, r)
		if err != nil {
			return pageMsg{reqID: id, err: err}
		}
		return pageMsg{reqID: id, page: &model.Page[model.CallRecord]{Value: callsOf(page.Rows), NextLink: string(page.Next)}}
	}
}

// readStoredFirst reads the store's first page of r, shown online while
// Graph's first window is out.
func readStoredFirst(ctx context.Context, st *store.Store, id uint64, r store.Range) tea.Cmd {
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(ctx, storeTimeout)
		defer cancel()
		page, err := st.Calls(ctx, r)
		return storedMsg{reqID: id, rows: callsOf(page.Rows), err: err}
	}
}

// readSpan reads the stored calls' span for the offline header.
func readSpan(st *store.Store) tea.Cmd {
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(context.Background(), storeTimeout)
		defer cancel()
		oldest, newest, err := st.CallsSpan(ctx)
		return spanMsg{oldest: oldest, newest: newest, err: err}
	}
}

// callsOf is the list rows of stored calls; their bytes stay behind, the
// list keeps only what its columns show.
func callsOf(rows []store.CallRow) []model.CallRecord {
	out := make([]model.CallRecord, len(rows))
	for i := range rows {
		out[i] = rows[i].Call
	}
	return out
}

// fetchWindow is fetchPage writing each window to st (nil: none) in the
// command's goroutine, with Graph's bytes, before the message returns:
// the store keeps what Graph sent, never a --redact mask. A write error
// rides the message; the window is shown either way.
func fetchWindow(ctx context.Context, c *graphclient.Client, st *store.Store, id uint64, q graphclient.CallQuery, next string) tea.Cmd {
	if st == nil {
		return fetchPage(ctx, c, id, q, next)
	}
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(ctx, callsPageTimeout)
		defer cancel()
		page, err := c.ListCallRecordsNewestRaw(ctx, q, next)
		var writeErr error
		if page != nil && len(page.Value) > 0 {
			writeErr = writeWindow(st, page)
		}
		if page != nil {
			page.RawValue = nil // written; the loop needs none of it
		}
		return pageMsg{reqID: id, page: page, err: err, writeErr: writeErr}
	}
}

// writeWindow stores a window's rows with their bytes. It runs under its
// own deadline, not the fetch's: a window that arrived is kept even when
// r or esc cancels the walk while it is written.
func writeWindow(st *store.Store, page *model.Page[model.CallRecord]) error {
	rows := make([]model.CallRecord, len(page.Value))
	for i := range page.Value {
		rows[i] = page.Value[i]
		if i < len(page.RawValue) {
			rows[i].Raw = page.RawValue[i]
		}
	}
	ctx, cancel := context.WithTimeout(context.Background(), storeTimeout)
	defer cancel()
	_, err := st.Write(ctx, store.Batch{Calls: rows})
	return err
}

// readStore starts what a reload reads from the store: offline, the
// stored span once (the pages come through fetch); online, the first
// stored page of the range, unless a participant filters the list (the
// store cannot tell who took part).
func (s *Screen) readStore() tea.Cmd {
	s.stored.flight.Abort()
	s.stored.refreshed, s.stored.listed, s.stored.unjudged = time.Time{}, 0, 0
	switch {
	case s.c.Store == nil:
		return nil
	case s.c.Offline:
		if s.stored.spanAsked {
			return nil
		}
		s.stored.spanAsked = true
		return readSpan(s.c.Store)
	case s.filter.Participant != "":
		return nil
	}
	q := s.query()
	id, ctx := s.stored.flight.Start()
	return readStoredFirst(ctx, s.c.Store, id, store.Range{From: q.From, To: q.To})
}

// onStored adds the store's first page to the list, behind any row Graph
// sent already (Graph's copy wins: it is as new or newer), and puts the
// list in order. A read error is said once; Graph goes on.
func (s *Screen) onStored(msg storedMsg) tea.Cmd {
	if !s.stored.flight.Land(msg.reqID) {
		return nil
	}
	if msg.err != nil {
		if s.stored.readFailed {
			return nil
		}
		s.stored.readFailed = true
		return common.Flash("could not read the store: "+common.ErrorLine(msg.err)+"; showing Graph's rows", true)
	}
	common.RedactCalls(s.c, msg.rows)
	from := s.rows.Len()
	for i := range msg.rows {
		if s.Admit(callID(&msg.rows[i])) {
			s.rows.Add(&msg.rows[i])
		}
	}
	s.landed(from)
	return s.searchAgain(tea.Batch(s.maybeFetch(), s.pumpEnrichment()))
}

// onWindowStored notes a page that landed: offline, the calls a
// participant filter could not judge; online, the header's refresh time,
// and a write error said once.
func (s *Screen) onWindowStored(msg pageMsg) tea.Cmd {
	s.stored.unjudged += msg.unjudged
	if !s.merging() || msg.err != nil || msg.page == nil {
		return nil
	}
	s.stored.refreshed = s.c.Now()
	s.stored.listed += len(msg.page.Value)
	if msg.writeErr == nil || s.stored.writeFailed {
		return nil
	}
	s.stored.writeFailed = true
	return common.Flash("could not keep call records in the store: "+common.ErrorLine(msg.writeErr)+"; the list goes on from Graph", true)
}

// onSpan keeps the stored span for the header; an error leaves it unsaid.
func (s *Screen) onSpan(msg spanMsg) {
	if msg.err == nil {
		s.stored.spanKnown, s.stored.oldest, s.stored.newest = true, msg.oldest, msg.newest
	}
}

// unjudgedWords is the footer's note on the calls a participant filter
// could not judge offline; "" when none.
func (s *Screen) unjudgedWords() string {
	if s.stored.unjudged == 0 {
		return ""
	}
	return common.Plural(s.stored.unjudged, "stored call", "stored calls") + " not judged: the store does not say who took part"
}

// source is the header's word for where the rows came from.
func (s *Screen) source() string {
	switch {
	case s.c.Offline && s.stored.spanKnown:
		return s.c.OfflineSource(s.stored.oldest, s.stored.newest)
	case s.c.Offline:
		return "" // the frame's "offline" until the span is read
	case s.c.Store == nil:
		return common.SourceGraph
	case s.stored.refreshed.IsZero():
		return common.SourceStore
	}
	return s.c.StoreRefreshed(s.stored.refreshed)
}

// windowWrites is the store Graph's windows are written to: nil offline,
// without a store, or after a write failed.
func (s *Screen) windowWrites() *store.Store {
	if !s.merging() || s.stored.writeFailed {
		return nil
	}
	return s.c.Store
}

// headerRange is the filter's words for the header: offline, an open
// start is the whole store, not Graph's 30 days.
func (s *Screen) headerRange() string {
	w := s.filterWords()
	if s.c.Offline && s.filter.From.IsZero() {
		w = "stored calls"
		if !s.filter.To.IsZero() {
			w += " until " + common.FormatShortTime(s.filter.To, s.c.Loc())
		}
		if s.filter.Participant != "" {
			w += " · participant " + s.participantWords()
		}
	}
	return w
}

// bodyRange is rangeWords for the body's messages, offline too.
func (s *Screen) bodyRange() string {
	if !s.c.Offline || !s.filter.From.IsZero() {
		return s.rangeWords()
	}
	to := "now"
	if !s.filter.To.IsZero() {
		to = common.FormatShortTime(s.filter.To, s.c.Loc())
	}
	return "stored until " + to
}
