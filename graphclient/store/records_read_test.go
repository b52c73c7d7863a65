package store

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/callscope/callscope/model"
)

// TestRecordsReadsABatchWithCurrency: one call reads every stored record
// asked for, with the stored bytes and verdict; an id not stored is
// absent; a record is current only when at least as new as both its key
// and the newest list row stored for it.
func TestRecordsReadsABatchWithCurrency(t *testing.T) {
	s := openTemp(t)
	ctx := context.Background()
	ids := make([]string, 4)
	for i := range ids {
		ids[i] = fmt.Sprintf("%08d-0000-0000-0000-000000000000", i)
	}
	modified := base.Add(time.Hour)
	var recs []Record
	for i := range 3 {
		recs = append(recs, Record{Call: expanded(t, ids[i], 2, modified, base.Add(time.Duration(i)*time.Minute)),
			Verdict: Verdict{Result: "ok", Quality: fmt.Sprint("good ", i)}})
	}
	// Row 1's list row was seen at a newer version than its record.
	if _, err := s.Write(ctx, Batch{Records: recs}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Write(ctx, Batch{Calls: []model.CallRecord{listRow(t, ids[1], 3, modified.Add(time.Hour), base)}}); err != nil {
		t.Fatal(err)
	}
	got, err := s.Records(ctx, []RecordKey{
		{ID: ids[0]},
		{ID: ids[1]},
		{ID: ids[2], Version: 2, LastModified: model.NewTime(modified.Add(time.Second))},
		{ID: ids[3]},
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 3 {
		t.Fatalf("%d records, want the 3 stored", len(got))
	}
	if _, ok := got[ids[3]]; ok {
		t.Error("a record never stored was read")
	}
	r0 := got[ids[0]]
	if !r0.Current || r0.Call.ID != ids[0] || r0.Verdict.Quality != "good 0" || string(r0.Call.Raw) != string(recs[0].Call.Raw) {
		t.Errorf("record 0: current %v id %q verdict %+v raw kept %v", r0.Current, r0.Call.ID, r0.Verdict,
			string(r0.Call.Raw) == string(recs[0].Call.Raw))
	}
	if len(r0.Call.Sessions) == 0 {
		t.Error("record 0 decoded without its sessions")
	}
	if got[ids[1]].Current {
		t.Error("a record older than its stored list row reads current")
	}
	if got[ids[2]].Current {
		t.Error("a record older than its key's lastModifiedDateTime reads current")
	}
}

// TestRecordsReadsMoreThanOneQuery: a batch larger than one query's ids
// is read whole.
func TestRecordsReadsMoreThanOneQuery(t *testing.T) {
	s := openTemp(t)
	ctx := context.Background()
	n := recordsPerQuery + 3
	keys := make([]RecordKey, n)
	recs := make([]Record, n)
	for i := range n {
		keys[i].ID = fmt.Sprintf("%08d-0000-0000-0000-000000000001", i)
		recs[i] = Record{Call: expanded(t, keys[i].ID, 1, base, base)}
	}
	if _, err := s.Write(ctx, Batch{Records: recs}); err != nil {
		t.Fatal(err)
	}
	got, err := s.Records(ctx, keys)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != n {
		t.Fatalf("%d records, want %d", len(got), n)
	}
}
