package timeline

import (
	"context"
	"errors"
	"time"

	"github.com/callscope/callscope/graphclient/store"
	"github.com/callscope/callscope/model"
	"github.com/callscope/callscope/model/redact"
	"github.com/callscope/callscope/ui/common"
	tea "github.com/charmbracelet/bubbletea"
)

// A call's Result and Quality need its expanded record (Graph's list
// carries no sessions), so the screen reads the records of the calls on
// screen only, a few at a time, and shows "…" for the rest: a person's
// month can be hundreds of calls, and each record is a request against
// Graph's per-record budget ("Microsoft Graph service-specific throttling
// limits", ms.date 2025-01-14), paced by the shared limiter. A record
// already opened (Common.Records) costs no request; offline the store
// answers.

// verdictInFlight bounds the record reads at once: a screenful is about
// 30 rows, and the calls list keeps more in flight for the whole list.
const verdictInFlight = 4

// verdictTimeout bounds one record's read, the limiter's wait included.
const verdictTimeout = 2 * time.Minute

// verdictMsg is call id's record for generation gen, reduced to the
// cells in the command; rec goes into the record cache so that enter
// opens it at once.
type verdictMsg struct {
	gen     uint64
	id      string
	result  string
	quality string
	failed  bool
	other   string
	rec     *model.CallRecord
	err     error
}

// fetchVerdict reads record id (the cache, the store offline, else
// Graph) and reduces it to the row's cells.
func fetchVerdict(ctx context.Context, o origin, cache *common.RecordCache, gen uint64, s Subject, id string) tea.Cmd {
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(ctx, verdictTimeout)
		defer cancel()
		msg := verdictMsg{gen: gen, id: id}
		var rec *model.CallRecord
		if e, ok := cache.Get(id); ok && e.Record != nil {
			rec = e.Record
		} else if o.offline {
			stored, _, err := o.store.Record(ctx, id)
			if errors.Is(err, store.ErrNotFound) {
				msg.result, msg.quality = "not stored", "not stored"
				return msg
			}
			if err != nil {
				msg.err = err
				return msg
			}
			stored.Raw = nil
			rec = stored
		} else {
			got, err := o.client.GetCallRecord(ctx, id)
			if err != nil {
				msg.err = err
				return msg
			}
			got.Raw = nil
			rec = got
		}
		if o.mask {
			redact.CallRecord(rec) // idempotent: a cached record was masked already
		}
		var e entry
		e.withVerdict(s, rec)
		msg.result, msg.quality, msg.failed, msg.other, msg.rec = e.result, e.quality, e.failed, e.other, rec
		return msg
	}
}

// verdicts is where the screen stands with the calls' records.
type verdicts struct {
	gen    uint64
	ctx    context.Context
	cancel context.CancelFunc
	asked  map[string]bool // in flight or answered, by call id
	flight int
}

// restart forgets every verdict asked for (a reload).
func (v *verdicts) restart() {
	if v.cancel != nil {
		v.cancel()
	}
	v.gen, v.asked, v.flight = common.NewRequestID(), map[string]bool{}, 0
	v.ctx, v.cancel = context.WithCancel(context.Background())
}

// askVisible asks for the records of the calls on screen without cells,
// up to verdictInFlight at once.
func (s *Screen) askVisible() tea.Cmd {
	v := &s.verdicts
	if v.ctx == nil || (s.c.Offline && s.c.Store == nil) || (!s.c.Offline && s.c.Client == nil) {
		return nil
	}
	var cmds []tea.Cmd
	top, end := s.tbl.Offset(), min(s.tbl.Offset()+s.tbl.PageSize(), len(s.entries))
	for i := top; i < end && v.flight < verdictInFlight; i++ {
		e := &s.entries[i]
		if e.kind != kindCall || e.result != "" || v.asked[e.id] {
			continue
		}
		v.asked[e.id] = true
		v.flight++
		cmds = append(cmds, fetchVerdict(v.ctx, s.origin(), s.c.Records, v.gen, s.subject, e.id))
	}
	return tea.Batch(cmds...)
}

// onVerdict fills a call's cells and asks for the next; a record that
// could not be read shows "?" (r asks again).
func (s *Screen) onVerdict(msg verdictMsg) tea.Cmd {
	v := &s.verdicts
	if msg.gen != v.gen {
		return nil
	}
	v.flight--
	result, q := msg.result, msg.quality
	if msg.err != nil {
		result, q = "?", "?"
	}
	if msg.rec != nil && s.c.Records != nil {
		s.c.Records.PutRecord(msg.rec)
	}
	for i := range s.entries {
		e := &s.entries[i]
		if e.kind != kindCall || e.id != msg.id {
			continue
		}
		e.result, e.quality, e.failed = result, q, msg.failed
		if e.other == "" {
			e.other = msg.other
		}
		break
	}
	return s.askVisible()
}

// origin is what the screen's commands need of Common.
func (s *Screen) origin() origin {
	return origin{client: s.c.Client, store: s.c.Store, offline: s.c.Offline, mask: s.c.Redact, storeLimit: s.storeLimit}
}
