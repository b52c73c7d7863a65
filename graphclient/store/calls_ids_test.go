package store

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/callscope/callscope/model"
)

func TestCallsSpanIsTheOldestAndNewestStart(t *testing.T) {
	ctx := context.Background()
	s := openTemp(t)
	if oldest, newest, err := s.CallsSpan(ctx); err != nil || !oldest.IsZero() || !newest.IsZero() {
		t.Fatalf("empty store: %v %v %v", oldest, newest, err)
	}
	var rows []model.CallRecord
	for i := range 5 {
		rows = append(rows, listRow(t, fmt.Sprintf("c%02d", i), 1, base, base.Add(time.Duration(i)*time.Hour)))
	}
	// A call stored from an expanded record with no start is in no span.
	noStart := listRow(t, "c-none", 1, base, base)
	noStart.StartDateTime = model.Time{}
	rows = append(rows, noStart)
	if _, err := s.Write(ctx, Batch{Calls: rows}); err != nil {
		t.Fatal(err)
	}
	oldest, newest, err := s.CallsSpan(ctx)
	if err != nil || !oldest.Equal(base) || !newest.Equal(base.Add(4*time.Hour)) {
		t.Fatalf("span %v – %v (%v), want %v – %v", oldest, newest, err, base, base.Add(4*time.Hour))
	}
	s.Close()
	if _, _, err := s.CallsSpan(ctx); err == nil {
		t.Fatal("a closed store answered")
	}
}
