package common

import (
	"container/list"
	"slices"
	"sync"

	"github.com/callscope/callscope/model"
)

// DefaultRecordCacheSize bounds the records kept: enough for a triage
// session's back and forth, small next to one calls page.
const DefaultRecordCacheSize = 32

// RecordCache keeps the call records already opened, least recently used
// first out, so that leaving a record and coming back does not spend Graph's
// per-record request budget (about 40 requests per 20 s) again.
type RecordCache struct {
	// mu guards the cache although only Update touches it today: it hangs
	// off Common, which every screen holds.
	mu    sync.Mutex
	max   int
	order *list.List // front = most recently used; values are *CachedRecord
	byID  map[string]*list.Element
}

// CachedRecord is one record with the participants paged in so far; a
// screen reopening it continues paging from ParticipantsNext.
type CachedRecord struct {
	Record           *model.CallRecord
	Participants     []model.Participant
	ParticipantsNext string
	// ParticipantsDone is set once Graph sent a page without a next link.
	ParticipantsDone bool
}

// NewRecordCache makes a cache of at most n records (n < 1 means the default).
func NewRecordCache(n int) *RecordCache {
	if n < 1 {
		n = DefaultRecordCacheSize
	}
	return &RecordCache{max: n, order: list.New(), byID: map[string]*list.Element{}}
}

// Get returns a copy of the entry for id and marks it recently used. The
// copy shares the record, which no one mutates after decoding.
func (c *RecordCache) Get(id string) (CachedRecord, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	el, ok := c.byID[id]
	if !ok {
		return CachedRecord{}, false
	}
	c.order.MoveToFront(el)
	e := *el.Value.(*CachedRecord)
	// Clipped, so a screen appending the next page reallocates instead of
	// writing into an array the cache (or another screen) still reads.
	e.Participants = slices.Clip(e.Participants)
	return e, true
}

// PutRecord stores rec unless the cache holds a newer version, and returns
// the record now cached. An equal version replaces (a refetch may fill in
// late telemetry without a bump); a lower one, from a lagging replica, does
// not. Participants already paged in are kept.
func (c *RecordCache) PutRecord(rec *model.CallRecord) *model.CallRecord {
	if rec == nil {
		return rec
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if el, ok := c.byID[rec.ID]; ok {
		e := el.Value.(*CachedRecord)
		c.order.MoveToFront(el)
		if e.Record != nil && e.Record.Version > rec.Version {
			return e.Record
		}
		e.Record = rec
		return rec
	}
	c.insert(&CachedRecord{Record: rec})
	return rec
}

// PutParticipants records the participants paged in for id. It does nothing
// for an id that is not cached (evicted meanwhile): participants without
// their record are of no use.
func (c *RecordCache) PutParticipants(id string, ps []model.Participant, next string, done bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	el, ok := c.byID[id]
	if !ok {
		return
	}
	e := el.Value.(*CachedRecord)
	e.Participants, e.ParticipantsNext, e.ParticipantsDone = ps, next, done
}

// Len is the number of records held.
func (c *RecordCache) Len() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.order.Len()
}

func (c *RecordCache) insert(e *CachedRecord) {
	c.byID[e.Record.ID] = c.order.PushFront(e)
	for c.order.Len() > c.max {
		last := c.order.Back()
		c.order.Remove(last)
		delete(c.byID, last.Value.(*CachedRecord).Record.ID)
	}
}
