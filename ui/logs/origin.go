package logs

import (
	"context"
	"fmt"
	"sync"
	"time"

	"github.com/callscope/callscope/graphclient"
	"github.com/callscope/callscope/graphclient/store"
	"github.com/callscope/callscope/model"
	"github.com/callscope/callscope/ui/common"
	tea "github.com/charmbracelet/bubbletea"
)

// Where a log view's rows come from (issue 14): Graph, with every page
// fetched also kept in the local store (Graph's bytes, written in the
// goroutine that fetched the page, before its message reaches the loop);
// or, offline, the store alone, read a page at a time newest first with
// the store's cursor standing in for Graph's nextLink, so the same paging
// and merging serve both.

// storeWriteTimeout bounds one page's write, another writer's lock
// included.
const storeWriteTimeout = 30 * time.Second

// origin is what a page or load command needs of Common, copied on the
// loop so that the command reads no screen state.
type origin struct {
	client  *graphclient.Client
	store   *store.Store
	offline bool
	keep    *keeper // nil: nothing is written (no store, or offline)
	// limit is the rows per store page when offline (0: the store's
	// default); tests make it small to page across several.
	limit int
}

// origin is where f's next page comes from.
func (f *feed) origin(c *common.Common) origin {
	o := origin{client: c.Client, store: c.Store, offline: c.Offline && c.Store != nil, limit: f.storeLimit}
	if !c.Offline && c.Store != nil && c.Store.Writable() == nil {
		// A store that refuses writes (a newer schema) was reported when
		// the explorer opened; it is read, never written.
		if f.keep == nil {
			f.keep = &keeper{store: c.Store}
		}
		o.keep = f.keep
	}
	return o
}

// sibling is an empty feed of f's kind over [from, to) that keeps to f's
// store writer, so that a write failure is said once for the list, its
// summary and its later ranges.
func (f *feed) sibling(from, to time.Time) *feed {
	n := newFeed(f.rep.empty(), from, to)
	n.keep, n.storeLimit, n.span = f.keep, f.storeLimit, f.span
	return n
}

// storeFlash says a store write failure in the footer; nil for none.
func storeFlash(err error) tea.Cmd {
	if err == nil {
		return nil
	}
	return common.Flash(model.DisplaySafe(err.Error()), true)
}

// keeper writes the pages a view fetches into the store. The store serves
// the view, not the other way round: the first write that fails (a full
// disk, another writer holding the file too long) is said once, and the
// view goes on with Graph alone. Page commands and the loader's workers
// write from goroutines of their own.
type keeper struct {
	store *store.Store
	// writing lets one write run at a time: SQLite has one writer, and
	// our own pages should not wait on each other's locks.
	writing sync.Mutex
	// mu guards err and said and is never held across I/O, so the loop
	// (Status) never waits on a write.
	mu   sync.Mutex
	err  error // the write that failed; nil while all is well
	said bool  // err has been handed to a message
}

// write stores b unless an earlier write failed. It runs apart from the
// fetch's context: esc after a page arrived must not lose it.
func (k *keeper) write(ctx context.Context, what string, b store.Batch) {
	k.writing.Lock()
	defer k.writing.Unlock()
	if k.failed() {
		return
	}
	ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), storeWriteTimeout)
	defer cancel()
	if _, err := k.store.Write(ctx, b); err != nil {
		k.mu.Lock()
		k.err = fmt.Errorf("keeping %s in the store: %w; going on with Graph only", what, err)
		k.mu.Unlock()
	}
}

// unsaid is the write error the first time it is asked for after a write
// failed, else nil: the message carrying it says it, no later one does.
func (k *keeper) unsaid() error {
	if k == nil {
		return nil
	}
	k.mu.Lock()
	defer k.mu.Unlock()
	if k.err == nil || k.said {
		return nil
	}
	k.said = true
	return k.err
}

// failed reports that a write failed and nothing more is kept.
func (k *keeper) failed() bool {
	if k == nil {
		return false
	}
	k.mu.Lock()
	defer k.mu.Unlock()
	return k.err != nil
}

// storeSide is the store half of a report's source: how its rows are read
// back and written.
type storeSide[R any] struct {
	// sync is the kind's word for `callscope sync --what`.
	sync string
	// noun names the rows in a store error: "Direct Routing rows".
	noun string
	kind store.Kind
	read func(s *store.Store, ctx context.Context, r store.Range) (store.LogPage[R], error)
	// batch is a Graph page (with RawValue) as the store takes it.
	batch func(p *model.Page[R]) store.Batch
	// raw is the client's page function that keeps Graph's bytes.
	raw func(c *graphclient.Client, ctx context.Context, from, to time.Time, next string) (*model.Page[R], error)
	// graphKind is the windowed loader's description of the function.
	graphKind func(c *graphclient.Client) graphclient.LogKind[R]
}

// storedPage reads the page of [from, to) after cursor next from the
// store, as a Graph page: the rows, newest first, and the next cursor as
// the nextLink.
func (s storeSide[R]) storedPage(ctx context.Context, o origin, from, to time.Time, next string) (*model.Page[R], error) {
	p, err := s.read(o.store, ctx, store.Range{From: from, To: to, After: store.Cursor(next), Limit: o.limit})
	if err != nil {
		return nil, fmt.Errorf("reading the store: %w", err)
	}
	rows, _ := p.Split() // the rows' bytes are not needed on screen
	return &model.Page[R]{Value: rows, NextLink: string(p.Next)}, nil
}

// keptPage fetches a page from Graph with its bytes, writes it to the
// store, and hands on the rows without the bytes (the view packs rows and
// would only carry them).
func (s storeSide[R]) keptPage(ctx context.Context, o origin, from, to time.Time, next string) (*model.Page[R], error) {
	p, err := s.raw(o.client, ctx, from, to, next)
	if p != nil && len(p.Value) > 0 {
		o.keep.write(ctx, s.noun, s.batch(p))
		p.RawValue = nil
	}
	return p, err
}

// newLoader makes the windowed loader of the report's function for o:
// paced by the client's limiter and, when the store is kept, with every
// page fetched written to it by the loader's worker that fetched it.
func (s source[R]) newLoader(o origin) func(graphclient.LoadOptions) *graphclient.LogLoader[R] {
	if o.keep == nil {
		return func(opts graphclient.LoadOptions) *graphclient.LogLoader[R] { return s.loader(o.client, opts) }
	}
	return func(opts graphclient.LoadOptions) *graphclient.LogLoader[R] {
		kind := s.graphKind(o.client)
		kind.Fetch = func(ctx context.Context, from, to time.Time, next string) (*model.Page[R], error) {
			return s.keptPage(ctx, o, from, to, next)
		}
		if opts.Limiter == nil {
			opts.Limiter = o.client.Limiter()
		}
		return graphclient.NewLogLoader(kind, opts)
	}
}

// span is the oldest and newest start stored of the kind.
func (s storeSide[R]) span(ctx context.Context, o origin) (storeSpan, error) {
	oldest, newest, err := o.store.Span(ctx, s.kind)
	if err != nil {
		return storeSpan{}, fmt.Errorf("reading the store: %w", err)
	}
	return storeSpan{oldest: oldest, newest: newest, known: true}, nil
}

// storeSpan is what the store holds of a kind, for the offline header.
type storeSpan struct {
	oldest, newest time.Time
	known          bool // read from the store
}

// sourceWords is the header's "where from" of f: the store's span
// offline; Graph with a store that takes no writes; the time the last
// page landed (and was kept) with one; "" with no store, or before the
// first page, for the frame's default.
func (f *feed) sourceWords(c *common.Common) string {
	switch {
	case c.Offline && f.span.known:
		return c.OfflineSource(f.span.oldest, f.span.newest)
	case c.Offline:
		return "offline · store"
	case c.Store == nil:
		return "" // the frame says Graph, and why no store is kept if one failed to open
	case f.keep == nil:
		// A store that refuses writes: what shows is Graph's alone.
		return common.SourceGraph
	case f.keep.failed():
		return common.SourceGraph + " (store write failed)"
	case !f.refreshed.IsZero():
		return c.StoreRefreshed(f.refreshed)
	}
	return ""
}
