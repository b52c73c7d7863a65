package ui

import (
	"context"
	"encoding/json"
	"path/filepath"
	"runtime"
	"sync"
	"testing"
	"time"

	"github.com/callscope/callscope/graphclient/store"
	"github.com/callscope/callscope/model"
	"github.com/callscope/callscope/model/quality"
	"github.com/callscope/callscope/ui/uitest"
)

// Seeding of the store benchmarks (store_bench_test.go): a store file
// with storeBenchCalls calls, each with its list row (Graph's bytes) and
// its expanded record, as `callscope sync` leaves one.

// storeBenchCalls is the stored calls the issue states the targets for.
const storeBenchCalls = 100_000

// storeBenchBatch is the calls one Write stores: batched transactions, as
// a sync writes them, large enough that seeding takes seconds, not minutes.
const storeBenchBatch = 2_000

// storeBenchTemplates is how many of the demo tenant's records the seeded
// calls copy in turn: its newest, of every kind it has (peer-to-peer,
// PSTN, meetings, queues), with their generated sessions and segments.
const storeBenchTemplates = 1_000

// storeBenchSpacing is the time between two seeded calls' starts: 100,000
// calls in 23 days, inside the 30 days the calls view opens on.
const storeBenchSpacing = 20 * time.Second

// storeBenchNewest is the newest seeded call's start: a quarter hour
// before the frozen clock, as Graph publishes records.
var storeBenchNewest = uitest.T0.Add(-15 * time.Minute)

// storeBenchTemplate is one demo record, whole, and what its verdict is.
type storeBenchTemplate struct {
	rec     model.CallRecord
	verdict store.Verdict
}

// storeBenchShapes are the templates, read once from the demo tenant.
var storeBenchShapes = sync.OnceValue(func() []storeBenchTemplate {
	heads := uitest.DemoTenant.Records()
	out := make([]storeBenchTemplate, 0, storeBenchTemplates)
	for _, h := range heads[:min(storeBenchTemplates, len(heads))] {
		rec, ok := uitest.DemoTenant.Record(h.ID)
		if !ok {
			continue
		}
		res, q := quality.CallResult(&rec), quality.CallQuality(&rec)
		out = append(out, storeBenchTemplate{rec: rec,
			verdict: store.Verdict{Result: res.Text(), Quality: q.Label(), QualityReason: q.Reason()}})
	}
	return out
})

// storeBenchCall is seeded call i: template i's shape with id uitest.ID(i),
// starting i spacings before the newest and lasting as the template did.
// The sessions keep the template's times: the list and the keys read only
// the call's own.
func storeBenchCall(i int) (model.CallRecord, store.Verdict) {
	shapes := storeBenchShapes()
	t := shapes[i%len(shapes)]
	rec := t.rec
	start := storeBenchNewest.Add(-time.Duration(i) * storeBenchSpacing)
	rec.ID = uitest.ID(i)
	rec.StartDateTime = model.NewTime(start)
	rec.EndDateTime = model.NewTime(start.Add(t.rec.EndDateTime.Sub(t.rec.StartDateTime.Time)))
	return rec, t.verdict
}

// storeBenchHead is call i as the list serves it: no sessions and no
// participants_v2.
func storeBenchHead(i int) model.CallRecord {
	rec, _ := storeBenchCall(i)
	rec.Sessions, rec.SessionsNextLink = nil, ""
	rec.ParticipantsV2, rec.ParticipantsV2NextLink = nil, ""
	return rec
}

// seedStore writes the storeBenchCalls calls into a new store file under
// dir and returns its path. The encoding runs on every core while one
// writer stores the batches in order.
func seedStore(tb testing.TB, dir string) string {
	tb.Helper()
	path := filepath.Join(dir, "seeded.db")
	s, err := store.Open(context.Background(), path, store.Options{})
	if err != nil {
		tb.Fatal(err)
	}
	defer s.Close()
	batches := make([]chan store.Batch, (storeBenchCalls+storeBenchBatch-1)/storeBenchBatch)
	for i := range batches {
		batches[i] = make(chan store.Batch, 1)
	}
	next := make(chan int, len(batches))
	for i := range batches {
		next <- i
	}
	close(next)
	var encodeErr error
	var once sync.Once
	for range runtime.GOMAXPROCS(0) {
		go func() {
			for k := range next {
				b, err := storeBenchBatchOf(k)
				if err != nil {
					once.Do(func() { encodeErr = err })
				}
				batches[k] <- b
			}
		}()
	}
	for k := range batches {
		b := <-batches[k]
		if encodeErr != nil {
			tb.Fatal(encodeErr)
		}
		if _, err := s.Write(context.Background(), b); err != nil {
			tb.Fatalf("seed batch %d: %v", k, err)
		}
	}
	return path
}

// storeBenchBatchOf is batch k: its calls' list rows and expanded
// records, each with its bytes, as a sync hands them to Write.
func storeBenchBatchOf(k int) (store.Batch, error) {
	lo := k * storeBenchBatch
	hi := min(lo+storeBenchBatch, storeBenchCalls)
	b := store.Batch{Calls: make([]model.CallRecord, 0, hi-lo), Records: make([]store.Record, 0, hi-lo)}
	for i := lo; i < hi; i++ {
		head := storeBenchHead(i)
		raw, err := json.Marshal(&head)
		if err != nil {
			return b, err
		}
		head.Raw = raw
		b.Calls = append(b.Calls, head)
		rec, verdict := storeBenchCall(i)
		if rec.Raw, err = json.Marshal(&rec); err != nil {
			return b, err
		}
		b.Records = append(b.Records, store.Record{Call: &rec, Verdict: verdict})
	}
	return b, nil
}
