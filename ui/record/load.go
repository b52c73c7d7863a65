package record

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/callscope/callscope/graphclient"
	"github.com/callscope/callscope/graphclient/store"
	"github.com/callscope/callscope/model"
	"github.com/callscope/callscope/ui/common"
	tea "github.com/charmbracelet/bubbletea"
)

// A record comes from Graph and, when the explorer keeps a store, is
// written to it (Graph's bytes and the verdict the calls list shows) in
// the command's goroutine before its message reaches the loop. Offline it
// comes from the store alone. When Graph fails and the store holds the
// record, the stored copy stands in and the screen says so (issue 14).

// storeWriteTimeout bounds the write of one record. It runs apart from
// the fetch's context, so esc right after the record arrived does not
// lose it.
const storeWriteTimeout = 30 * time.Second

// recordFrom says where the record on screen came from.
type recordFrom int

const (
	fromCache   recordFrom = iota // Common.Records, before any load here
	fromGraph                     // fetched from Graph
	fromStore                     // offline: the store alone
	fromStandIn                   // the stored copy, as Graph failed
)

// recordLoadedMsg carries a record to the screen that asked.
type recordLoadedMsg struct {
	reqID uint64
	rec   *model.CallRecord
	err   error
	from  recordFrom
	// graphErr is Graph's failure when the stored copy stands in (from
	// is fromStandIn).
	graphErr error
	// storeErr is a write or read of the store that failed: said in the
	// footer; the record, or Graph's error, shows all the same.
	storeErr error
	// notStored: offline, and the store has no such record (err says so).
	notStored bool
}

// recordSource is what a fetch needs of Common, copied on the loop so
// that the command reads no screen state.
type recordSource struct {
	client  *graphclient.Client
	store   *store.Store
	offline bool
}

// source is where this screen's record comes from.
func (s *Screen) source() recordSource {
	return recordSource{client: s.c.Client, store: s.c.Store, offline: s.c.Offline}
}

// NotStoredText is what the screen says offline of a record the store
// does not hold.
func NotStoredText(id string) string {
	return "call record " + id + " is not in the store; run callscope sync"
}

// fetchRecord gets one record with all its sessions and segments from
// src; esc or a reload cancels ctx.
func fetchRecord(ctx context.Context, src recordSource, reqID uint64, id string) tea.Cmd {
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(ctx, recordFetchTimeout)
		defer cancel()
		if src.offline {
			return storedRecord(ctx, src.store, reqID, id)
		}
		rec, err := src.client.GetCallRecord(ctx, id)
		msg := recordLoadedMsg{reqID: reqID, rec: rec, err: err, from: fromGraph}
		switch {
		case src.store == nil:
		case err == nil:
			msg.storeErr = keepRecord(ctx, src.store, rec)
		case ctx.Err() == nil:
			standIn(ctx, src.store, id, &msg)
		}
		return msg
	}
}

// storedRecord reads record id from the store, offline.
func storedRecord(ctx context.Context, st *store.Store, reqID uint64, id string) recordLoadedMsg {
	msg := recordLoadedMsg{reqID: reqID, from: fromStore}
	if st == nil {
		msg.err = errors.New("offline with no store to read: nothing to show")
		return msg
	}
	rec, _, err := st.Record(ctx, id)
	switch {
	case errors.Is(err, store.ErrNotFound):
		msg.err, msg.notStored = errors.New(NotStoredText(id)), true
	case err != nil:
		msg.err = fmt.Errorf("reading the store: %w", err)
	default:
		msg.rec = rec
	}
	return msg
}

// keepRecord writes rec, as Graph sent it, to the store with its
// verdict. A store that refuses writes (a newer schema) was reported when
// the explorer opened and is left alone.
func keepRecord(ctx context.Context, st *store.Store, rec *model.CallRecord) error {
	if st.Writable() != nil {
		return nil
	}
	ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), storeWriteTimeout)
	defer cancel()
	b := store.Batch{Records: []store.Record{{Call: rec, Verdict: common.StoreVerdict(rec)}}}
	if _, err := st.Write(ctx, b); err != nil {
		return fmt.Errorf("keeping call record %s in the store: %w", rec.ID, err)
	}
	return nil
}

// standIn puts the stored copy of id in msg in place of Graph's failure,
// when the store has one. Graph's 404 included: a record past Graph's 30
// days is what the store is for.
func standIn(ctx context.Context, st *store.Store, id string, msg *recordLoadedMsg) {
	rec, _, err := st.Record(ctx, id)
	switch {
	case errors.Is(err, store.ErrNotFound):
	case err != nil:
		msg.storeErr = fmt.Errorf("reading the store: %w", err)
	default:
		msg.rec, msg.err, msg.graphErr, msg.from = rec, nil, msg.err, fromStandIn
	}
}

// fromStore reports that the record shown was read from the store.
func (s *Screen) fromStore() bool { return s.from == fromStore || s.from == fromStandIn }

// sourceWords is the header's "where from" of the record shown; "" lets
// the frame say what the run reads (a record from the cache, or Graph's
// with no store).
func (s *Screen) sourceWords() string {
	switch s.from {
	case fromGraph:
		if s.c.Store == nil {
			return "" // the frame says Graph, and why no store is kept if one failed to open
		}
		return common.SourceGraph
	case fromStore:
		return "offline · store"
	case fromStandIn:
		if graphclient.IsNotFound(s.graphErr) {
			return common.SourceStore + " · Graph no longer has it"
		}
		return common.SourceStore + " · Graph unreachable"
	}
	return ""
}

// storeFlash says a store failure in the footer; nil for none.
func storeFlash(err error) tea.Cmd {
	if err == nil {
		return nil
	}
	return common.Flash(model.DisplaySafe(err.Error()), true)
}
