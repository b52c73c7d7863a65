package store

import (
	"context"
	"testing"
	"time"

	"github.com/callscope/callscope/model"
)

// Only rows written are known, matched on start and id together, at
// Graph's 100 ns precision read as the table keeps it.
func TestKnownLogRowsAreTheStoredOnes(t *testing.T) {
	ctx := context.Background()
	s := openTemp(t)
	at := time.Date(2026, 12, 1, 9, 0, 0, 1234500, time.UTC)
	stored := model.DirectRoutingRow{ID: "dr-1", StartDateTime: model.NewTime(at)}
	if _, err := s.Write(ctx, Batch{Direct: []DirectRow{{Row: stored}}}); err != nil {
		t.Fatal(err)
	}
	keys := []LogKey{
		DirectKey(&stored),
		{Start: at.In(time.FixedZone("+01", 3600)), ID: "dr-1"}, // the same instant, another zone
		{Start: at.Add(time.Second), ID: "dr-1"},                // same id, another start: another row
		{Start: at, ID: "dr-2"},
	}
	known, err := s.KnownLogRows(ctx, KindDirect, keys)
	if err != nil {
		t.Fatal(err)
	}
	for i, want := range []bool{true, true, false, false} {
		if got := known.Has(keys[i]); got != want {
			t.Errorf("key %d %+v: known %v, want %v", i, keys[i], got, want)
		}
	}
	if _, err := s.KnownLogRows(ctx, KindPstn, keys); err != nil {
		t.Fatalf("pstn: %v", err)
	}
	if _, err := s.KnownLogRows(ctx, KindCalls, keys); err == nil {
		t.Fatal("calls are not a log kind, yet no error")
	}
}

// Lookups of more keys than one statement carries find every stored one.
func TestKnownLogRowsAcrossChunks(t *testing.T) {
	ctx := context.Background()
	s := openTemp(t)
	base := time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)
	var rows []PstnRow
	var keys []LogKey
	for i := range 3*knownChunk + 7 {
		r := model.PstnRow{ID: "p" + time.Duration(i).String(), StartDateTime: model.NewTime(base.Add(time.Duration(i) * time.Second))}
		if i%2 == 0 {
			rows = append(rows, PstnRow{Row: r})
		}
		keys = append(keys, PstnKey(&r))
	}
	if _, err := s.Write(ctx, Batch{Pstn: rows}); err != nil {
		t.Fatal(err)
	}
	known, err := s.KnownLogRows(ctx, KindPstn, keys)
	if err != nil {
		t.Fatal(err)
	}
	if len(known) != len(rows) {
		t.Fatalf("%d known, want %d", len(known), len(rows))
	}
	for i, k := range keys {
		if known.Has(k) != (i%2 == 0) {
			t.Fatalf("key %d: known %v", i, known.Has(k))
		}
	}
}
