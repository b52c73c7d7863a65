package store

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"testing"
	"time"

	"github.com/callscope/callscope/model"
)

// guids stands for Graph's row ids: random, so that nothing in the store
// may count on their order.
func guids(r *rand.Rand, n int) []string {
	ids := make([]string, n)
	for i := range ids {
		ids[i] = fmt.Sprintf("%08x-%04x-%04x-%04x-%012x", r.Uint32(), r.Uint32()&0xffff, r.Uint32()&0xffff, r.Uint32()&0xffff, r.Uint64()&0xffffffffffff)
	}
	return ids
}

// The targets of issue 14: a sync writes ≥ 50,000 Direct Routing rows/s
// and ≥ 2,000 expanded records/s in batched transactions, and the file
// holds a Direct Routing row in ≤ 1 KB. Batches are of the size a sync
// writes: one Graph page (Direct Routing pages hold up to 1,000 rows).

func BenchmarkWriteDirectRouting(b *testing.B) {
	const batch = 1000
	rows := directRows(b, "bench", batch, base)
	r := rand.New(rand.NewPCG(1, 2))
	s := openTemp(b)
	ctx := context.Background()
	b.ReportAllocs()
	b.ResetTimer()
	written := 0
	for i := range b.N {
		ids := guids(r, batch) // new rows, later than the last batch's, as a sync writes them
		for j := range rows {
			rows[j].Row.ID = ids[j]
			rows[j].Row.StartDateTime = model.NewTime(base.Add(time.Duration(i*batch+j) * time.Second))
		}
		w, err := s.Write(ctx, Batch{Direct: rows})
		if err != nil {
			b.Fatal(err)
		}
		written += w.Direct
	}
	b.StopTimer()
	b.ReportMetric(float64(written)/b.Elapsed().Seconds(), "rows/s")
	if _, err := s.db.Exec("PRAGMA wal_checkpoint(TRUNCATE)"); err != nil {
		b.Fatal(err)
	}
	if fi, err := os.Stat(s.path); err == nil && written > 0 {
		b.ReportMetric(float64(fi.Size())/float64(written), "filebytes/row")
	}
}

func BenchmarkWriteRecords(b *testing.B) {
	const batch = 100
	recs := make([]Record, batch)
	for j := range recs {
		recs[j] = Record{Call: expanded(b, fmt.Sprintf("r-%d", j), 1, base, base.Add(time.Duration(j)*time.Second)),
			Verdict: Verdict{Result: "ok", Quality: "poor audio", QualityReason: "packet loss 12%"}}
	}
	r := rand.New(rand.NewPCG(1, 2))
	s := openTemp(b)
	ctx := context.Background()
	b.ReportAllocs()
	b.ResetTimer()
	written := 0
	for range b.N {
		for j, id := range guids(r, batch) {
			recs[j].Call.ID = id
		}
		w, err := s.Write(ctx, Batch{Records: recs})
		if err != nil {
			b.Fatal(err)
		}
		written += w.Records
	}
	b.StopTimer()
	b.ReportMetric(float64(written)/b.Elapsed().Seconds(), "records/s")
}
