package ui

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
	order *list.List // front = most recently used; values are *cachedRecord
	byID  map[string]*list.Element
}

// cachedRecord is one record with the participants paged in so far; a
// screen reopening it continues paging from ParticipantsNext.
type cachedRecord struct {
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

// get returns a copy of the entry for id and marks it recently used. The
// copy shares the record, which no one mutates after decoding.
func (c *RecordCache) get(id string) (cachedRecord, bool) {
	if c == nil {
		return cachedRecord{}, false
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	el, ok := c.byID[id]
	if !ok {
		return cachedRecord{}, false
	}
	c.order.MoveToFront(el)
	e := *el.Value.(*cachedRecord)
	// Clipped, so a screen appending the next page reallocates instead of
	// writing into an array the cache (or another screen) still reads.
	e.Participants = slices.Clip(e.Participants)
	return e, true
}

// putRecord stores rec unless the cache holds a newer version, and returns
// the record now cached. An equal version replaces (a refetch may fill in
// late telemetry without a bump); a lower one, from a lagging replica, does
// not. Participants already paged in are kept.
func (c *RecordCache) putRecord(rec *model.CallRecord) *model.CallRecord {
	if c == nil || rec == nil {
		return rec
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if el, ok := c.byID[rec.ID]; ok {
		e := el.Value.(*cachedRecord)
		c.order.MoveToFront(el)
		if e.Record != nil && e.Record.Version > rec.Version {
			return e.Record
		}
		e.Record = rec
		return rec
	}
	c.insert(&cachedRecord{Record: rec})
	return rec
}

// putParticipants records the participants paged in for id. It does nothing
// for an id that is not cached (evicted meanwhile): participants without
// their record are of no use.
func (c *RecordCache) putParticipants(id string, ps []model.Participant, next string, done bool) {
	if c == nil {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	el, ok := c.byID[id]
	if !ok {
		return
	}
	e := el.Value.(*cachedRecord)
	e.Participants, e.ParticipantsNext, e.ParticipantsDone = ps, next, done
}

// len is the number of records held.
func (c *RecordCache) len() int {
	if c == nil {
		return 0
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.order.Len()
}

func (c *RecordCache) insert(e *cachedRecord) {
	c.byID[e.Record.ID] = c.order.PushFront(e)
	for c.order.Len() > c.max {
		last := c.order.Back()
		c.order.Remove(last)
		delete(c.byID, last.Value.(*cachedRecord).Record.ID)
	}
}
