package graphclient

import (
	"context"
	"fmt"
	"net/url"
	"runtime"
	"runtime/metrics"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/callscope/callscope/model"
)

// skipLog serves n direct-routing rows spread evenly over [t0, t0+span)
// from memory, oldest first, 1,000 a page, with nextLinks of the form
// Graph's log functions use (the function URL plus ?$skip=N). Every page
// is built afresh, as a decoded response is, so the loader's hold on pages
// shows in the heap. latency stands for the round trip.
type skipLog struct {
	t0      time.Time
	span    time.Duration
	n       int
	latency time.Duration
	sent    atomic.Int64
}

const skipLogRoot = "https://graph.invalid/v1.0/communications/callRecords/getDirectRoutingCalls"

func (m *skipLog) first(from, to time.Time) string {
	return fmt.Sprintf("%s(fromDateTime=%s,toDateTime=%s)", skipLogRoot, model.FormatGraphTime(from), model.FormatGraphTime(to))
}

// index is the first row that starts at or after t.
func (m *skipLog) index(t time.Time) int {
	if !t.After(m.t0) {
		return 0
	}
	step := m.span / time.Duration(m.n)
	i := int((t.Sub(m.t0) + step - 1) / step)
	return min(i, m.n)
}

func (m *skipLog) fetch(ctx context.Context, from, to time.Time, next string) (*model.Page[model.DirectRoutingRow], error) {
	m.sent.Add(1)
	skip := 0
	if next != "" {
		u, err := url.Parse(next)
		if err != nil || !strings.HasPrefix(next, m.first(from, to)) {
			return nil, fmt.Errorf("unexpected link %q", next)
		}
		if skip, err = strconv.Atoi(u.Query().Get("$skip")); err != nil {
			return nil, fmt.Errorf("unexpected link %q", next)
		}
	}
	if m.latency > 0 {
		t := time.NewTimer(m.latency)
		select {
		case <-ctx.Done():
			t.Stop()
			return nil, ctx.Err()
		case <-t.C:
		}
	}
	lo, hi := m.index(from), m.index(to)
	a, b := min(lo+skip, hi), min(lo+skip+logPageSize, hi)
	step := m.span / time.Duration(m.n)
	p := &model.Page[model.DirectRoutingRow]{Value: make([]model.DirectRoutingRow, 0, b-a)}
	for i := a; i < b; i++ {
		p.Value = append(p.Value, drRow(i, m.t0.Add(time.Duration(i)*step)))
	}
	if b < hi {
		p.NextLink = m.first(from, to) + "?$skip=" + strconv.Itoa(skip+logPageSize)
	}
	return p, nil
}

func (m *skipLog) kind() LogKind[model.DirectRoutingRow] {
	k := DirectRoutingKind(nil)
	k.Fetch, k.FirstLink = m.fetch, m.first
	return k
}

// heapPeak samples the live heap while a load runs.
type heapPeak struct {
	stop    chan struct{}
	done    chan struct{}
	base    uint64
	peak    atomic.Uint64 // heap objects, live and not yet swept
	peakGC  atomic.Uint64 // live heap as the last GC marked it
	samples []metrics.Sample
}

func startHeapPeak() *heapPeak {
	runtime.GC()
	h := &heapPeak{stop: make(chan struct{}), done: make(chan struct{}),
		samples: []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}, {Name: "/gc/heap/live:bytes"}}}
	metrics.Read(h.samples)
	h.base = h.samples[1].Value.Uint64()
	go func() {
		defer close(h.done)
		tick := time.NewTicker(2 * time.Millisecond)
		defer tick.Stop()
		for {
			metrics.Read(h.samples)
			if v := h.samples[0].Value.Uint64(); v > h.peak.Load() {
				h.peak.Store(v)
			}
			if v := h.samples[1].Value.Uint64(); v > h.peakGC.Load() {
				h.peakGC.Store(v)
			}
			select {
			case <-h.stop:
				return
			case <-tick.C:
			}
		}
	}()
	return h
}

// end stops sampling and returns the peaks above the heap live at the start, in MB.
func (h *heapPeak) end() (heapMB, liveMB float64) {
	close(h.stop)
	<-h.done
	mb := func(v uint64) float64 { return float64(max(v, h.base)-h.base) / (1 << 20) }
	return mb(h.peak.Load()), mb(h.peakGC.Load())
}

// BenchmarkStreamDirectRouting1M streams a full 30-day range of 1,000,000
// direct-routing rows (1,000 pages, 10 ms a round trip, 4 in flight)
// through Stream to a consumer that keeps only counts, and reports the
// peak heap above what was live before the load: peak-heap-MB (objects,
// garbage not yet swept included) and peak-live-MB (the live heap each GC
// marked). Windows the loader holds before it may hand them on in time
// order are what this measures; the target is a peak RSS of 400 MB
// for the whole program, so the loader's own share should stay well under
// 100 MB.
func BenchmarkStreamDirectRouting1M(b *testing.B) {
	const rowCount = 1_000_000
	m := &skipLog{t0: windowT0, span: 30 * 24 * time.Hour, n: rowCount, latency: 10 * time.Millisecond}
	from, to := windowT0, windowT0.Add(30*24*time.Hour)
	var heap, live, requests float64
	for b.Loop() {
		peak := startHeapPeak()
		rows, chunks := 0, 0
		loader := NewLogLoader(m.kind(), LoadOptions{})
		p, err := loader.Stream(context.Background(), from, to, func(c LogChunk[model.DirectRoutingRow]) {
			rows += len(c.Rows)
			chunks++
		})
		h, l := peak.end()
		if err != nil || rows != rowCount {
			b.Fatalf("%d rows of %d in %d chunks, %v", rows, rowCount, chunks, err)
		}
		heap, live, requests = max(heap, h), max(live, l), requests+float64(p.Requests)
	}
	b.ReportMetric(heap, "peak-heap-MB")
	b.ReportMetric(live, "peak-live-MB")
	b.ReportMetric(requests/float64(b.N), "requests")
}
