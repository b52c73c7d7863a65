package cli

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"sync"
	"time"

	"github.com/callscope/callscope/graphclient/store"
	"github.com/callscope/callscope/model"
)

// errOfflineEmpty ends an --offline run whose range the store has no row
// of: an empty answer would look like a quiet tenant, when the truth is
// that nothing was synced (issue 14, "Sync and an offline archive").
var errOfflineEmpty = errors.New("the store holds nothing in this range; run callscope sync")

// offlineFlag registers --offline on the commands that can read the store
// instead of Graph (calls, direct, pstn).
func (b *base) offlineFlag(fs *flag.FlagSet) {
	fs.BoolVar(&b.offline, "offline", false, "read only the local store and send nothing to Graph (ranges older than Graph's 30 days allowed)")
}

// resolveOffline refuses --offline with --no-store: there would be nothing
// to read.
func (b *base) resolveOffline() error {
	if b.offline && b.store.off {
		return usagef(b.cmd, "--offline reads the local store and --no-store keeps none; give one")
	}
	return nil
}

// openOffline opens the store an --offline run reads. Unlike
// openStoreOrWarn there is no Graph to fall back on, so any failure ends
// the run.
func (b *base) openOffline(ctx context.Context) (*store.Store, func(), error) {
	s, closeStore, err := b.openStore(ctx)
	if err != nil {
		return nil, closeStore, fmt.Errorf("--offline: %w", err)
	}
	return s, closeStore, nil
}

// pageFunc is one log function of the client (getDirectRoutingCalls,
// getPstnCalls) or its stored copy: a page of [from, to), next "" first.
type pageFunc[T any] func(ctx context.Context, from, to time.Time, next string) (*model.Page[T], error)

// storedPages is a pageFunc over the store: read gets one page of a
// store.Range, newest first, the page's cursor carried in NextLink. Every
// row carries its stored bytes, so json and jsonl print what Graph sent
// when it was fetched. A first page with no row is errOfflineEmpty.
func storedPages[T any](read func(ctx context.Context, r store.Range) ([]T, []json.RawMessage, store.Cursor, error)) pageFunc[T] {
	return func(ctx context.Context, from, to time.Time, next string) (*model.Page[T], error) {
		rows, raws, cursor, err := read(ctx, store.Range{From: from, To: to, After: store.Cursor(next)})
		if err != nil {
			return nil, fmt.Errorf("reading the store: %w", err)
		}
		if next == "" && len(rows) == 0 {
			return nil, errOfflineEmpty
		}
		return &model.Page[T]{Value: rows, RawValue: raws, NextLink: string(cursor)}, nil
	}
}

// storedLogs reads a log kind's rows from the store (Store.DirectRouting
// or Store.Pstn), newest first.
func storedLogs[T any](read func(context.Context, store.Range) (store.LogPage[T], error)) pageFunc[T] {
	return storedPages(func(ctx context.Context, r store.Range) ([]T, []json.RawMessage, store.Cursor, error) {
		p, err := read(ctx, r)
		rows, raws := p.Split()
		return rows, raws, p.Next, err
	})
}

// storeWriter writes the pages an online run fetches into the store, one
// transaction per page. The store serves the run, not the other way
// round: a write that fails (disk full, another writer too long) costs
// one line on stderr and the run goes on without the store.
type storeWriter struct {
	store  *store.Store
	stderr io.Writer
	mu     sync.Mutex
	failed bool
}

// newStoreWriter is nil (write nothing) when there is no store or it
// refuses writes (a newer schema; openStoreOrWarn has said so).
func newStoreWriter(s *store.Store, stderr io.Writer) *storeWriter {
	if s == nil || s.Writable() != nil {
		return nil
	}
	return &storeWriter{store: s, stderr: stderr}
}

// write stores one batch unless an earlier one failed.
func (w *storeWriter) write(ctx context.Context, b store.Batch) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.failed {
		return
	}
	if _, err := w.store.Write(ctx, b); err != nil && ctx.Err() == nil {
		w.failed = true
		fmt.Fprintf(w.stderr, "callscope: %s; going on without the store\n", model.DisplaySafe(err.Error()))
	}
}

// teePages stores every page fetch returns, with its bytes, before the
// caller filters, masks or writes it: the store keeps what Graph sent,
// never a --redact mask or a --failed subset.
func teePages[T any](w *storeWriter, fetch pageFunc[T], batch func(*model.Page[T]) store.Batch) pageFunc[T] {
	if w == nil {
		return fetch
	}
	return func(ctx context.Context, from, to time.Time, next string) (*model.Page[T], error) {
		p, err := fetch(ctx, from, to, next)
		if p != nil && len(p.Value) > 0 {
			w.write(ctx, batch(p))
		}
		return p, err
	}
}

// directBatch is a page of Direct Routing rows as the store takes them.
func directBatch(p *model.Page[model.DirectRoutingRow]) store.Batch {
	return store.Batch{Direct: store.LogRowsOf(p)}
}

// pstnBatch is a page of PSTN rows as the store takes them.
func pstnBatch(p *model.Page[model.PstnRow]) store.Batch {
	return store.Batch{Pstn: store.LogRowsOf(p)}
}

// callsBatch is a page of call list rows as the store takes them, each
// with its bytes in Raw (store.Batch.Calls); the page itself is not
// changed.
func callsBatch(p *model.Page[model.CallRecord]) store.Batch {
	rows := make([]model.CallRecord, len(p.Value))
	for i := range p.Value {
		rows[i] = p.Value[i]
		rows[i].Raw = rawAt(p, i)
	}
	return store.Batch{Calls: rows}
}

// teeFetch is teePages for a fetchFunc whose query is already bound.
func teeFetch[T any](w *storeWriter, fetch fetchFunc[T], batch func(*model.Page[T]) store.Batch) fetchFunc[T] {
	if w == nil {
		return fetch
	}
	return func(ctx context.Context, next string) (*model.Page[T], error) {
		p, err := fetch(ctx, next)
		if p != nil && len(p.Value) > 0 {
			w.write(ctx, batch(p))
		}
		return p, err
	}
}
