package graphclient

import (
	"context"
	"fmt"
	"math"
	"slices"
	"testing"
	"time"

	"github.com/callscope/callscope/graphclient/fakegraph"
	"github.com/callscope/callscope/model"
)

// BenchmarkLoadDirectRouting20k loads 30 days of 20,000 direct-routing rows,
// bunched in weekday business hours like the demo tenant, from the fake with
// 300 ms latency per request, at most 4 requests in flight, through a
// client whose limiter has the default limits (45 log requests a minute).
//
// The floor: the rows need at least ceil(20000/1000) = 20 requests. With 4
// in flight they take at least 20 × 300 ms / 4 = 1.5 s; 20 requests fit in
// one window of the limiter, so it adds nothing (past 45 it would add a
// minute per 45). floor-ms is that 1.5 s. Any loader that does not know the row
// distribution in advance ends each window on a part-filled page, so it
// sends a few more than 20; req-floor-ms is the same bound for the requests
// this loader actually sent, and ratio-to-req-floor measures the schedule
// alone. seq-ms is one plain pager (nextLinks through the whole range)
// timed once per run. On a busy machine a request costs more than the 300 ms
// of latency (encoding, transfer and decoding 1,000 rows); the plain pager
// measures that cost, and measured-floor-ms is the 1.5 s floor recomputed
// with it.
func BenchmarkLoadDirectRouting20k(b *testing.B) {
	const (
		rowCount = 20000
		latency  = 300 * time.Millisecond
		inFlight = 4
		pageRows = 1000
	)
	tenant := fakegraph.NewTenant()
	all := bunchedRows(rowCount, 30, windowT0, 20)
	tenant.AddDirectRoutingRows(all...)
	lf := newLogFake(b, tenant, fakegraph.Faults{Latency: latency}, nil)
	from, to := windowT0, windowT0.Add(30*24*time.Hour)
	want := ids(inRange(all, from, to), drID)
	ctx := context.Background()

	seqStart := time.Now()
	seq, seqRequests, err := pageSequentially(ctx, lf.client(b, nil, 0).DirectRoutingCalls, from, to)
	seqTime := time.Since(seqStart)
	if err != nil || len(seq) != len(want) {
		b.Fatalf("sequential pager: %d rows of %d, %v", len(seq), len(want), err)
	}

	limits := Limits{}.withDefaults().LogCollection
	limiterTime := func(requests int) time.Duration { // what the window alone needs to let them through
		return time.Duration(max((requests-1)/limits.Requests, 0)) * limits.Per
	}
	floorFor := func(requests int, perRequest time.Duration) time.Duration {
		return max(time.Duration(requests)*perRequest/inFlight, limiterTime(requests))
	}

	requests := 0
	for b.Loop() {
		// A fresh client, as at app start: its limiter's window is empty.
		loader := NewDirectRoutingLoader(lf.client(b, nil, 0), LoadOptions{Concurrency: inFlight})
		rows, p, err := loader.Load(ctx, from, to)
		if err != nil || len(rows) != len(want) {
			b.Fatalf("windowed load: %d rows of %d, %v", len(rows), len(want), err)
		}
		requests += p.Requests
	}
	if n := lf.maxInFlight.Load(); n > inFlight {
		b.Fatalf("%d requests in flight, limit %d", n, inFlight)
	}
	perLoad := b.Elapsed() / time.Duration(b.N)
	avgRequests := float64(requests) / float64(b.N)
	minRequests := int(math.Ceil(float64(rowCount) / pageRows))
	floor := floorFor(minRequests, latency)
	reqFloor := floorFor(int(math.Ceil(avgRequests)), latency)
	measuredFloor := floorFor(minRequests, seqTime/time.Duration(seqRequests))
	ms := func(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }
	b.ReportMetric(ms(perLoad), "windowed-ms")
	b.ReportMetric(ms(seqTime), "seq-ms")
	b.ReportMetric(float64(seqRequests), "seq-requests")
	b.ReportMetric(ms(floor), "floor-ms")
	b.ReportMetric(ms(perLoad)/ms(floor), "ratio-to-floor")
	b.ReportMetric(avgRequests, "requests")
	b.ReportMetric(ms(reqFloor), "req-floor-ms")
	b.ReportMetric(ms(perLoad)/ms(reqFloor), "ratio-to-req-floor")
	b.ReportMetric(ms(measuredFloor), "measured-floor-ms")
	b.ReportMetric(ms(perLoad)/ms(measuredFloor), "ratio-to-measured-floor")
	b.ReportMetric(ms(seqTime)/ms(perLoad), "speedup-vs-seq")
}

// BenchmarkLogLoaderOverhead is the loader's own cost for 20,000 rows, the
// pages served from memory without copying: bookkeeping, order checks,
// window sorting and collecting the result.
func BenchmarkLogLoaderOverhead(b *testing.B) {
	all := inRange(bunchedRows(20000, 30, windowT0, 20), time.Time{}, windowT0.Add(31*24*time.Hour))
	from, to := windowT0, windowT0.Add(30*24*time.Hour)
	span := func(lo, hi time.Time) []model.DirectRoutingRow {
		i, _ := slices.BinarySearchFunc(all, lo, func(r model.DirectRoutingRow, t time.Time) int { return r.StartDateTime.Compare(t) })
		j, _ := slices.BinarySearchFunc(all, hi, func(r model.DirectRoutingRow, t time.Time) int { return r.StartDateTime.Compare(t) })
		return all[i:max(i, j)]
	}
	kind := DirectRoutingKind(nil)
	kind.Fetch = func(_ context.Context, lo, hi time.Time, next string) (*model.Page[model.DirectRoutingRow], error) {
		skip := 0
		if next != "" {
			var l, h int64
			if _, err := fmt.Sscanf(next, "mem:%d:%d:%d", &l, &h, &skip); err != nil {
				return nil, err
			}
			lo, hi = time.Unix(0, l).UTC(), time.Unix(0, h).UTC()
		}
		sel := span(lo, hi)
		p := &model.Page[model.DirectRoutingRow]{Value: sel[min(skip, len(sel)):min(skip+1000, len(sel))]}
		if skip+1000 < len(sel) {
			p.NextLink = fmt.Sprintf("mem:%d:%d:%d", lo.UnixNano(), hi.UnixNano(), skip+1000)
		}
		return p, nil
	}
	b.ReportAllocs()
	for b.Loop() {
		loader := NewLogLoader(kind, LoadOptions{})
		rows, _, err := loader.Load(context.Background(), from, to)
		if err != nil || len(rows) != 20000 {
			b.Fatalf("%d rows, %v", len(rows), err)
		}
	}
}
