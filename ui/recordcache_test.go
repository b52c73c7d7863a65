package ui

import (
	"strconv"
	"testing"

	"github.com/callscope/callscope/model"
)

func cacheRec(id string, version int64) *model.CallRecord {
	return &model.CallRecord{ID: id, Version: version}
}

func TestRecordCacheEvictsLeastRecentlyUsed(t *testing.T) {
	c := NewRecordCache(2)
	c.putRecord(cacheRec("a", 1))
	c.putRecord(cacheRec("b", 1))
	if _, ok := c.get("a"); !ok { // a is now the most recent
		t.Fatal("a missing")
	}
	c.putRecord(cacheRec("c", 1))
	if _, ok := c.get("b"); ok {
		t.Error("b should have been evicted")
	}
	for _, id := range []string{"a", "c"} {
		if _, ok := c.get(id); !ok {
			t.Errorf("%s evicted", id)
		}
	}
	if c.len() != 2 {
		t.Errorf("len = %d", c.len())
	}
}

func TestRecordCacheBounded(t *testing.T) {
	c := NewRecordCache(0) // the default size
	for i := 0; i < 3*DefaultRecordCacheSize; i++ {
		c.putRecord(cacheRec(strconv.Itoa(i), 1))
	}
	if c.len() != DefaultRecordCacheSize {
		t.Errorf("len = %d, want %d", c.len(), DefaultRecordCacheSize)
	}
}

func TestRecordCacheVersionRule(t *testing.T) {
	c := NewRecordCache(4)
	v3 := cacheRec("a", 3)
	c.putRecord(v3)
	if got := c.putRecord(cacheRec("a", 2)); got != v3 {
		t.Error("a lower version replaced the cached one")
	}
	eq := cacheRec("a", 3)
	if got := c.putRecord(eq); got != eq {
		t.Error("an equal version did not replace")
	}
	v4 := cacheRec("a", 4)
	if got := c.putRecord(v4); got != v4 {
		t.Error("a higher version did not replace")
	}
	if e, _ := c.get("a"); e.Record != v4 {
		t.Error("cache holds the wrong record")
	}
}

func TestRecordCacheParticipants(t *testing.T) {
	c := NewRecordCache(1)
	c.putRecord(cacheRec("a", 1))
	ps := make([]model.Participant, 2, 8)
	c.putParticipants("a", ps, "next", false)
	e, _ := c.get("a")
	if len(e.Participants) != 2 || e.ParticipantsNext != "next" || e.ParticipantsDone {
		t.Fatalf("entry = %+v", e)
	}
	// Appending to what get returned must not write into the cached array.
	if cap(e.Participants) != len(e.Participants) {
		t.Error("participants not clipped")
	}
	// A replaced record keeps the participants paged in.
	c.putRecord(cacheRec("a", 2))
	if e, _ := c.get("a"); len(e.Participants) != 2 {
		t.Error("participants lost on record replace")
	}
	// Participants for an id no longer cached are dropped.
	c.putRecord(cacheRec("b", 1))
	c.putParticipants("a", ps, "", true)
	if _, ok := c.get("a"); ok {
		t.Error("evicted record came back")
	}
}

func TestRecordCacheNil(t *testing.T) {
	var c *RecordCache
	r := cacheRec("a", 1)
	if c.putRecord(r) != r {
		t.Error("nil cache changed the record")
	}
	c.putParticipants("a", nil, "", true)
	if _, ok := c.get("a"); ok || c.len() != 0 {
		t.Error("nil cache holds something")
	}
}

func BenchmarkRecordCacheGetPut(b *testing.B) {
	c := NewRecordCache(DefaultRecordCacheSize)
	recs := make([]*model.CallRecord, 64)
	for i := range recs {
		recs[i] = cacheRec(strconv.Itoa(i), 1)
	}
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		r := recs[i%len(recs)]
		if _, ok := c.get(r.ID); !ok {
			c.putRecord(r)
		}
	}
}
