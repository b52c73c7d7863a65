package store

import (
	"context"
	"os"
	"testing"
	"time"
)

func TestCoverageMergesAndGapsResume(t *testing.T) {
	ctx := context.Background()
	s := openTemp(t)
	h := func(n int) time.Time { return base.Add(time.Duration(n) * time.Hour) }
	span := func(a, b int) Span { return Span{Kind: KindDirect, From: h(a), To: h(b)} }
	// A sync that wrote 0-2 and 4-6, then was killed, then wrote 2-3.
	for _, sp := range []Span{span(0, 2), span(4, 6), span(2, 3), {Kind: KindPstn, From: h(0), To: h(10)}} {
		if err := s.MarkCovered(ctx, sp); err != nil {
			t.Fatal(err)
		}
	}
	covered, _ := s.Covered(ctx, KindDirect)
	if len(covered) != 2 || !covered[0].From.Equal(h(0)) || !covered[0].To.Equal(h(3)) || !covered[1].From.Equal(h(4)) {
		t.Fatalf("covered %v", covered)
	}
	gaps, err := s.Gaps(ctx, span(1, 8))
	if err != nil || len(gaps) != 2 || !gaps[0].From.Equal(h(3)) || !gaps[0].To.Equal(h(4)) || !gaps[1].From.Equal(h(6)) || !gaps[1].To.Equal(h(8)) {
		t.Fatalf("gaps %v, %v", gaps, err)
	}
	s.MarkCovered(ctx, span(3, 4))
	if covered, _ := s.Covered(ctx, KindDirect); len(covered) != 1 || !covered[0].To.Equal(h(6)) {
		t.Fatalf("after filling the gap: %v", covered)
	}
	// Forgetting before 5h uncovers it, so a sync fetches it again.
	if _, err := s.Forget(ctx, h(5)); err != nil {
		t.Fatal(err)
	}
	if gaps, _ := s.Gaps(ctx, span(0, 6)); len(gaps) != 1 || !gaps[0].To.Equal(h(5)) {
		t.Fatalf("gaps after forget: %v", gaps)
	}
}

func TestInfoAndForget(t *testing.T) {
	ctx := context.Background()
	s := openTemp(t)
	if _, err := s.Write(ctx, Batch{Direct: directRows(t, "i", 2000, base), Records: []Record{{Call: expanded(t, "r", 1, base, base.Add(time.Hour))}}}); err != nil {
		t.Fatal(err)
	}
	info, err := s.Info(ctx)
	if err != nil || info.Path != s.Path() || info.Bytes == 0 || info.Schema != SchemaVersion {
		t.Fatalf("info %+v, %v", info, err)
	}
	byKind := map[Kind]KindInfo{}
	for _, k := range info.Kinds {
		byKind[k.Kind] = k
	}
	if d := byKind[KindDirect]; d.Count != 2000 || !d.Oldest.Equal(base) || !d.Newest.Equal(base.Add(1999*time.Second)) {
		t.Fatalf("direct %+v", d)
	}
	if byKind[KindRecords].Count != 1 || byKind[KindCalls].Count != 1 || byKind[KindPstn].Count != 0 {
		t.Fatalf("kinds %+v", info.Kinds)
	}
	s.db.Exec("PRAGMA wal_checkpoint(TRUNCATE)")
	before, _ := os.Stat(s.Path())
	gone, err := s.Forget(ctx, base.Add(1000*time.Second))
	if err != nil || gone[KindDirect] != 1000 || gone[KindRecords] != 0 {
		t.Fatalf("forget %v, %v", gone, err)
	}
	if gone, _ := s.Forget(ctx, time.Time{}); gone[KindDirect] != 1000 || gone[KindRecords] != 1 || gone[KindCalls] != 1 {
		t.Fatalf("forget all %v", gone)
	}
	after, _ := os.Stat(s.Path())
	if after.Size() >= before.Size() {
		t.Fatalf("file %d bytes after forgetting everything, %d before", after.Size(), before.Size())
	}
}
