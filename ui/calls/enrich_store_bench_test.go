package calls

import (
	"testing"

	"github.com/callscope/callscope/graphclient/fakegraph"
	"github.com/callscope/callscope/model"
	"github.com/callscope/callscope/ui/common"
	"github.com/callscope/callscope/ui/uitest"
)

// BenchmarkStoredBatchLands is the event loop's cost of one store read
// landing: storeBatch rows take their verdicts and their demo-tenant
// records (sessions, segments, streams) enter the quality summary. A key
// pressed meanwhile waits this long at most.
//
//	go test ./ui/calls -run '^$' -bench StoredBatchLands -benchmem -count 5
func BenchmarkStoredBatchLands(b *testing.B) {
	tenant := fakegraph.DemoTenant(uitest.T0)
	var recs []*model.CallRecord
	for _, head := range tenant.Records() {
		if rec, ok := tenant.Record(head.ID); ok && len(rec.Sessions) > 0 {
			recs = append(recs, &rec)
		}
		if len(recs) == storeBatch {
			break
		}
	}
	if len(recs) < storeBatch {
		b.Fatalf("the demo tenant has %d records with sessions", len(recs))
	}
	verdicts := make([]rowVerdict, len(recs))
	for i, rec := range recs {
		verdicts[i] = verdictOf(rec)
	}
	c := uitest.Common(uitest.T0)
	c.Store, _ = openStoreB(b)
	s := New(c, Filter{})
	s.Init()
	s.Update(common.BodySizeMsg{Width: 160, Height: 38})
	update(s, pageOf(s, uitest.MakeRecords(0, storeBatch), ""))
	c.Offline = true // no Graph client: the rows wait for the store only
	b.ReportAllocs()
	for b.Loop() {
		b.StopTimer()
		q := s.query()
		s.enrich.restart(q.From, q.To)
		s.enrich.verdicts = nil
		s.pumpEnrichment()
		rows := readingRows(s)
		msg := enrichedMsg{gen: s.enrich.gen, batch: &storedBatch{rows: rows, v: verdicts[:len(rows)], recs: recs[:len(rows)]}}
		b.StartTimer()
		s.Update(msg)
	}
	if s.enrich.added != storeBatch {
		b.Fatalf("%d records in the summary, want %d", s.enrich.added, storeBatch)
	}
}
