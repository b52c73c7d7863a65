package graphclient

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/callscope/callscope/graphclient/fakegraph"
	"github.com/callscope/callscope/model"
)

func TestLogLoaderCancelKeepsWhatArrived(t *testing.T) {
	tenant := fakegraph.NewTenant()
	all := bunchedRows(12000, 7, windowT0, 3)
	tenant.AddDirectRoutingRows(all...)
	lf := newLogFake(t, tenant, fakegraph.Faults{Latency: 40 * time.Millisecond}, nil)
	from, to := windowT0, windowT0.Add(7*24*time.Hour)
	lim := NewLimiter(testLimits)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	atCancel := -1
	loader := NewDirectRoutingLoader(lf.client(t, lim, 0), LoadOptions{Limiter: lim, Progress: func(p LoadProgress) {
		if p.Pages >= 5 && atCancel < 0 {
			atCancel = p.Rows
			cancel()
		}
	}})
	var chunks []LogChunk[model.DirectRoutingRow]
	_, err := loader.Stream(ctx, from, to, func(ch LogChunk[model.DirectRoutingRow]) { chunks = append(chunks, ch) })
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
	var got []model.DirectRoutingRow
	partial := 0
	for i, ch := range chunks {
		if i > 0 && ch.From.Before(chunks[i-1].To) {
			t.Fatalf("chunks out of time order: %s after %s", ch.From, chunks[i-1].To)
		}
		if ch.Partial {
			partial++
		}
		got = append(got, ch.Rows...)
	}
	if atCancel < 4000 || len(got) < atCancel {
		t.Fatalf("kept %d rows; %d had arrived when the load was cancelled (want ≥ 4000 from 5 pages)", len(got), atCancel)
	}
	if partial == 0 {
		t.Error("no chunk marked Partial after cancellation")
	}
	truth := map[string]bool{}
	for _, r := range inRange(all, from, to) {
		truth[r.ID] = true
	}
	seen := map[string]bool{}
	for i, r := range got {
		if !truth[r.ID] || seen[r.ID] {
			t.Fatalf("row %s: in range %v, seen before %v", r.ID, truth[r.ID], seen[r.ID])
		}
		seen[r.ID] = true
		if i > 0 && r.StartDateTime.Before(got[i-1].StartDateTime.Time) {
			t.Fatalf("rows out of time order at %d", i)
		}
	}
}
