package common

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
	c.PutRecord(cacheRec("a", 1))
	c.PutRecord(cacheRec("b", 1))
	if _, ok := c.Get("a"); !ok { // a is now the most recent
		t.Fatal("a missing")
	}
	c.PutRecord(cacheRec("c", 1))
	if _, ok := c.Get("b"); ok {
		t.Error("b should have been evicted")
	}
	for _, id := range []string{"a", "c"} {
		if _, ok := c.Get(id); !ok {
			t.Errorf("%s evicted", id)
		}
	}
	if c.Len() != 2 {
		t.Errorf("len = %d", c.Len())
	}
}

func TestRecordCacheBounded(t *testing.T) {
	c := NewRecordCache(0) // the default size
	for i := 0; i < 3*DefaultRecordCacheSize; i++ {
		c.PutRecord(cacheRec(strconv.Itoa(i), 1))
	}
	if c.Len() != DefaultRecordCacheSize {
		t.Errorf("len = %d, want %d", c.Len(), DefaultRecordCacheSize)
	}
}

func TestRecordCacheVersionRule(t *testing.T) {
	c := NewRecordCache(4)
	v3 := cacheRec("a", 3)
	c.PutRecord(v3)
	if got := c.PutRecord(cacheRec("a", 2)); got != v3 {
		t.Error("a lower version replaced the cached one")
	}
	eq := cacheRec("a", 3)
	if got := c.PutRecord(eq); got != eq {
		t.Error("an equal version did not replace")
	}
	v4 := cacheRec("a", 4)
	if got := c.PutRecord(v4); got != v4 {
		t.Error("a higher version did not replace")
	}
	if e, _ := c.Get("a"); e.Record != v4 {
		t.Error("cache holds the wrong record")
	}
}

func TestRecordCacheParticipants(t *testing.T) {
	c := NewRecordCache(1)
	c.PutRecord(cacheRec("a", 1))
	ps := make([]model.Participant, 2, 8)
	c.PutParticipants("a", ps, "next", false)
	e, _ := c.Get("a")
	if len(e.Participants) != 2 || e.ParticipantsNext != "next" || e.ParticipantsDone {
		t.Fatalf("entry = %+v", e)
	}
	// Appending to what get returned must not write into the cached array.
	if cap(e.Participants) != len(e.Participants) {
		t.Error("participants not clipped")
	}
	// A replaced record keeps the participants paged in.
	c.PutRecord(cacheRec("a", 2))
	if e, _ := c.Get("a"); len(e.Participants) != 2 {
		t.Error("participants lost on record replace")
	}
	// Participants for an id no longer cached are dropped.
	c.PutRecord(cacheRec("b", 1))
	c.PutParticipants("a", ps, "", true)
	if _, ok := c.Get("a"); ok {
		t.Error("evicted record came back")
	}
}

// TestRecordCacheNilRecord: a nil record (no answer to keep) is neither
// stored nor counted.
func TestRecordCacheNilRecord(t *testing.T) {
	c := NewRecordCache(2)
	if c.PutRecord(nil) != nil {
		t.Error("nil record came back as something")
	}
	c.PutParticipants("a", nil, "", true)
	if _, ok := c.Get("a"); ok || c.Len() != 0 {
		t.Error("cache holds something after a nil record")
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
		if _, ok := c.Get(r.ID); !ok {
			c.PutRecord(r)
		}
	}
}
