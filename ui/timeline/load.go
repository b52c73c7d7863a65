package timeline

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/callscope/callscope/graphclient"
	"github.com/callscope/callscope/graphclient/store"
	"github.com/callscope/callscope/model"
	"github.com/callscope/callscope/model/redact"
	tea "github.com/charmbracelet/bubbletea"
)

// Loading. Each source loads in commands of its own, off the event loop,
// and its requests go through the client's shared limiter as every
// request does ("Microsoft Graph service-specific throttling limits",
// ms.date 2025-01-14). Calls page newest first by the participant
// filter; the log functions have no user filter (getDirectRoutingCalls
// and getPstnCalls take a range only: graph-api.md §1.6-1.7), so their
// rows are loaded for the range and narrowed in the command, as the log
// views narrow theirs, and only the subject's rows reach the loop. The
// store answers first when it covers the range; offline it is the only
// source.

// loadTimeout bounds one source's load, the limiter's waits included: a
// busy tenant's day of Direct Routing rows is many pages.
const loadTimeout = 5 * time.Minute

// maxCallPages bounds the newest-first walk of one subject's calls; a
// person's month is a few windows.
const maxCallPages = 200

// origin is what a load command needs of Common, copied on the loop so
// that no command reads screen state.
type origin struct {
	client  *graphclient.Client
	store   *store.Store
	offline bool
	mask    bool
	// storeLimit is the rows per store page (0: the store's default);
	// tests make it small to page across several.
	storeLimit int
}

// loadedMsg is what one source found of the subject: rows of kind k for
// request reqID. For calls it is one page, next the cursor of the next
// ("" when done); log sources answer once. fromStore says the rows were
// read from the store; unjudged counts stored calls whose bytes do not
// say who took part.
type loadedMsg struct {
	reqID     uint64
	k         kind
	entries   []entry
	next      string
	fromStore bool
	unjudged  int
	err       error
}

// loadCalls reads the page of the subject's calls at cursor next ("" for
// the newest): from Graph newest first with the participant filter, or
// offline from the store's participant scan, the store's cursor standing
// for Graph's.
func loadCalls(ctx context.Context, o origin, id uint64, s Subject, from, to time.Time, next string) tea.Cmd {
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(ctx, loadTimeout)
		defer cancel()
		msg := loadedMsg{reqID: id, k: kindCall}
		participant := s.participant()
		if participant == "" {
			return msg // a number without a country code: no call names it
		}
		if o.offline {
			page, err := o.store.ParticipantCalls(ctx, store.Range{From: from, To: to, After: store.Cursor(next), Limit: o.storeLimit}, participant)
			msg.fromStore, msg.next, msg.unjudged = true, string(page.Next), page.NoRecord+page.NoParticipants
			if err != nil {
				msg.err = fmt.Errorf("reading the store: %w", err)
				return msg
			}
			for i := range page.Rows {
				row := &page.Rows[i]
				maskCall(o.mask, &row.Call)
				e := callEntry(s, &row.Call)
				if row.Expanded && row.Current {
					e.withStored(row.Verdict.Result, row.Verdict.Quality)
				}
				msg.entries = append(msg.entries, e)
			}
			return msg
		}
		q := graphclient.CallQuery{From: from, To: to, Participant: participant}
		page, err := o.client.ListCallRecordsNewest(ctx, q, next)
		msg.err = err
		if page == nil {
			return msg
		}
		msg.next = page.NextLink
		for i := range page.Value {
			maskCall(o.mask, &page.Value[i])
			msg.entries = append(msg.entries, callEntry(s, &page.Value[i]))
		}
		return msg
	}
}

// maskCall masks a call with --redact; the subject was matched before.
func maskCall(mask bool, r *model.CallRecord) {
	if mask {
		redact.CallRecord(r)
	}
}

// logSource is one log function for loadLogs.
type logSource[R any] struct {
	k       kind
	kind    store.Kind
	read    func(st *store.Store, ctx context.Context, r store.Range) (store.LogPage[R], error)
	loader  func(c *graphclient.Client) *graphclient.LogLoader[R]
	matches func(s Subject, r *R) bool
	mask    func(r *R)
	entry   func(s Subject, r *R) entry
}

// directSource is getDirectRoutingCalls and the store's Direct Routing rows.
var directSource = logSource[model.DirectRoutingRow]{
	k: kindDirect, kind: store.KindDirect,
	read: (*store.Store).DirectRouting,
	loader: func(c *graphclient.Client) *graphclient.LogLoader[model.DirectRoutingRow] {
		return graphclient.NewDirectRoutingLoader(c, graphclient.LoadOptions{})
	},
	matches: Subject.matchesDirect,
	mask:    redact.DirectRoutingRow,
	entry:   directEntry,
}

// pstnSource is getPstnCalls and the store's PSTN rows.
var pstnSource = logSource[model.PstnRow]{
	k: kindPstn, kind: store.KindPstn,
	read: (*store.Store).Pstn,
	loader: func(c *graphclient.Client) *graphclient.LogLoader[model.PstnRow] {
		return graphclient.NewPstnLoader(c, graphclient.LoadOptions{})
	},
	matches: Subject.matchesPstn,
	mask:    redact.PstnRow,
	entry:   pstnEntry,
}

// loadLogs finds the subject's rows of one log function in [from, to):
// from the store when it covers the range (or offline, whatever it
// holds), else from Graph through the windowed loader; either way only
// the subject's rows are kept, so memory grows with them, not with the
// tenant. A Graph error keeps the rows that arrived.
func loadLogs[R any](ctx context.Context, o origin, src logSource[R], id uint64, s Subject, from, to time.Time) tea.Cmd {
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(ctx, loadTimeout)
		defer cancel()
		msg := loadedMsg{reqID: id, k: src.k}
		keep := func(rows []R) {
			for i := range rows {
				r := &rows[i]
				if !src.matches(s, r) {
					continue
				}
				if o.mask {
					src.mask(r)
				}
				msg.entries = append(msg.entries, src.entry(s, r))
			}
		}
		if o.store != nil && (o.offline || covers(ctx, o.store, src.kind, from, to)) {
			msg.fromStore = true
			msg.err = readStored(ctx, o, src, from, to, keep)
			return msg
		}
		if o.offline {
			return msg
		}
		_, err := src.loader(o.client).Stream(ctx, from, to, func(c graphclient.LogChunk[R]) { keep(c.Rows) })
		msg.err = err
		return msg
	}
}

// covers reports that the store holds every row of kind in [from, to)
// (a sync or the views marked it covered); a store that cannot say does
// not cover it, and Graph answers.
func covers(ctx context.Context, st *store.Store, k store.Kind, from, to time.Time) bool {
	gaps, err := st.Gaps(ctx, store.Span{Kind: k, From: from, To: to})
	return err == nil && len(gaps) == 0
}

// readStored hands every stored row of src in [from, to) to keep, a page
// at a time.
func readStored[R any](ctx context.Context, o origin, src logSource[R], from, to time.Time, keep func([]R)) error {
	r := store.Range{From: from, To: to, Limit: o.storeLimit}
	if r.Limit == 0 {
		r.Limit = store.MaxLimit
	}
	for {
		page, err := src.read(o.store, ctx, r)
		if err != nil {
			return fmt.Errorf("reading the store: %w", err)
		}
		rows, _ := page.Split()
		keep(rows)
		if r.After = page.Next; r.After == "" {
			return nil
		}
		if err := ctx.Err(); err != nil {
			return err
		}
	}
}

// errNoStore is the offline screen's answer when no store is open.
var errNoStore = errors.New("no store is open: offline needs one (run callscope sync)")
