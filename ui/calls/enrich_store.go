package calls

import (
	"context"
	"time"

	"github.com/callscope/callscope/graphclient/store"
	"github.com/callscope/callscope/model"
	"github.com/callscope/callscope/model/redact"
	"github.com/callscope/callscope/ui/common"
	tea "github.com/charmbracelet/bubbletea"
)

// The store answers before Graph: a record stored and still current costs
// a read of the local file, where Graph costs a request of the per-record
// budget. Rows are read storeBatch at a time, in one command, so that a
// screenful costs one query and the event loop only takes the verdicts.

// storeBatch is the rows of one store read: more than a screenful, so
// the visible rows and the next ones in list order share one query.
const storeBatch = 64

// storeReadTimeout bounds one batch read; storeWriteTimeout one record's
// write, which waits up to the store's busy timeout for a sync writing
// the same file.
const (
	storeReadTimeout  = 30 * time.Second
	storeWriteTimeout = 30 * time.Second
)

// storedBatch is a store read's answer: for each of rows, its verdict and
// decoded record, or a nil record when the store holds none that counts
// (online: none current).
type storedBatch struct {
	rows   []int
	ids    []string // the rows' call ids, to find them after a watch swap
	layout uint64
	v      []rowVerdict
	recs   []*model.CallRecord
}

// notStoredVerdict is an offline row the store holds no record of.
var notStoredVerdict = rowVerdict{state: verdictKnown, checked: true, notStored: true,
	result: "not stored", quality: "not stored", resultRank: 3, qualityRank: 3}

// verdictsFromStore reports that verdicts are read from the store first: there is
// one, and (online) no read of it has failed.
func (s *Screen) verdictsFromStore() bool {
	return s.c.Store != nil && (s.c.Offline || !s.enrich.readOff)
}

// askStore reads the stored records of up to storeBatch rows not asked
// yet, the rows on screen first, then the loaded rows in list order; nil
// when a read is in flight or no row is left to read.
func (s *Screen) askStore() tea.Cmd {
	e := &s.enrich
	if !s.verdictsFromStore() || e.reading > 0 {
		return nil
	}
	var rows []int
	take := func(r int) {
		if v := &e.verdicts[r]; v.state == verdictUnknown && !v.checked && len(rows) < storeBatch {
			v.state = verdictReading
			rows = append(rows, r)
		}
	}
	top, end := s.tbl.Offset(), min(s.tbl.Offset()+s.tbl.PageSize(), s.viewLen())
	for p := top; p < end; p++ {
		take(s.rowAt(p))
	}
	for n := s.rows.Len(); e.storeScan < n && len(rows) < storeBatch; e.storeScan++ {
		take(e.storeScan)
	}
	if len(rows) == 0 {
		return nil
	}
	ids := make([]string, len(rows))
	for i, r := range rows {
		ids[i] = s.rows.ID(r)
	}
	e.reading = len(rows)
	return readVerdicts(e.ctx, s.c.Store, s.c.Offline, s.c.Redact, e.gen, e.layout, rows, ids)
}

// readVerdicts reads the records of ids (rows' ids) and, in the command's
// goroutine, decodes them and reduces each to its verdict. Online a
// record counts only when current (store.StoredRecord.Current); offline
// any stored record does, as nothing newer can be had.
func readVerdicts(ctx context.Context, st *store.Store, offline, mask bool, gen, layout uint64, rows []int, ids []string) tea.Cmd {
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(ctx, storeReadTimeout)
		defer cancel()
		keys := make([]store.RecordKey, len(ids))
		for i, id := range ids {
			keys[i].ID = id
		}
		b := &storedBatch{rows: rows, ids: ids, layout: layout, v: make([]rowVerdict, len(rows)), recs: make([]*model.CallRecord, len(rows))}
		got, err := st.Records(ctx, keys)
		if err != nil {
			return enrichedMsg{gen: gen, batch: b, err: err}
		}
		for i, id := range ids {
			sr, ok := got[id]
			if !ok || !sr.Current && !offline {
				continue
			}
			rec := sr.Call
			rec.Raw = nil // the summary needs the decoded record only
			if mask {
				redact.CallRecord(rec)
			}
			b.recs[i], b.v[i] = rec, verdictOf(rec)
		}
		return enrichedMsg{gen: gen, batch: b}
	}
}

// onStoredVerdicts takes a store read of the current generation: a row with a
// record gets its verdict; one without goes to Graph, or offline reads
// "not stored". A failed read is said once; online, Graph then serves
// every row, offline the rows read lost.
func (s *Screen) onStoredVerdicts(msg enrichedMsg) tea.Cmd {
	e := &s.enrich
	if msg.gen != e.gen {
		return nil
	}
	e.reading = 0
	var said tea.Cmd
	if msg.err != nil {
		if !s.c.Offline {
			e.readOff = true
		}
		if !e.readSaid {
			e.readSaid = true
			words := "quality: the store could not be read, asking Graph: "
			if s.c.Offline {
				words = "quality: the store could not be read: "
			}
			said = common.Flash(words+msg.err.Error(), true)
		}
	}
	b := msg.batch
	for i, r := range b.rows {
		var id string
		if i < len(b.ids) {
			id = b.ids[i]
		}
		r, here := e.locate(b.layout, r, id)
		if !here || r >= len(e.verdicts) || e.verdicts[r].state != verdictReading {
			continue
		}
		v := &e.verdicts[r]
		switch {
		case msg.err != nil && s.c.Offline:
			*v = rowVerdict{state: verdictKnown, checked: true, lost: true, result: "?", quality: "?", resultRank: 3, qualityRank: 3}
			e.known++
			e.lost++
		case b.recs[i] != nil:
			*v = b.v[i]
			v.state, v.checked = verdictKnown, true
			e.known++
			s.addToSummary(r, b.recs[i])
		case s.c.Offline:
			*v = notStoredVerdict
			e.known++
			e.notStored++
		default:
			v.state, v.checked = verdictUnknown, true
		}
	}
	if s.ordered() {
		s.rebuildView()
	}
	cmd := s.pumpEnrichment()
	if said != nil {
		cmd = tea.Batch(said, cmd)
	}
	return s.searchAfterVerdicts(cmd, len(b.rows))
}

// keepRecord writes a record fetched from Graph, with its verdict, to the
// store. A pause or reload does not undo a fetch that landed, so the
// write runs on its own clock rather than the fetch's context.
func keepRecord(ctx context.Context, st *store.Store, rec *model.CallRecord) error {
	ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), storeWriteTimeout)
	defer cancel()
	_, err := st.Write(ctx, store.Batch{Records: []store.Record{{Call: rec, Verdict: common.StoreVerdict(rec)}}})
	return err
}

// onWriteFailed stops the writes of fetched records after the first that
// failed (a full disk, a read-only file, a newer schema) and says why,
// once; the verdicts stand, only keeping them is given up.
func (s *Screen) onWriteFailed(err error) tea.Cmd {
	e := &s.enrich
	if err == nil || e.writeOff {
		return nil
	}
	e.writeOff = true
	return common.Flash("quality: fetched records are no longer kept in the store: "+err.Error(), true)
}
