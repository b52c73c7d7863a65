package cli

import (
	"context"
	"fmt"
	"slices"
	"sync"
	"time"

	"github.com/callscope/callscope/graphclient"
	"github.com/callscope/callscope/graphclient/store"
	"github.com/callscope/callscope/model"
	"github.com/callscope/callscope/ui/common"
)

// The widths of the pieces sync marks complete: a day of calls (a busy
// tenant lists thousands), a week of log rows (Graph pages them by 1,000;
// getPstnCalls refuses over 90 days, graphclient.MaxPstnRange).
const (
	callChunk = 24 * time.Hour
	logChunk  = 7 * 24 * time.Hour
)

// recordBatch is how many expanded records go into one store.Write: a
// transaction per record would make the disk, not Graph, the limit.
const recordBatch = 50

// syncCalls lists each piece of the range not yet complete for kinds
// (calls, records or both) and stores the list rows, then fetches the
// expanded record of every row the store lacks or holds older
// (store.Stale), qualityInFlight at a time, paced by the client's limiter.
// A piece is marked complete only once all its rows and records are in.
func (sy *syncer) syncCalls(ctx context.Context, kinds []store.Kind) error {
	chunks, err := sy.chunks(ctx, callChunk, kinds...)
	if err != nil {
		return err
	}
	label := "calls"
	if slices.Contains(kinds, store.KindRecords) {
		label = "records"
		if slices.Contains(kinds, store.KindCalls) {
			label = "calls and records"
		}
	}
	sy.progress.begin(label, len(chunks))
	var failed int
	var firstFailure error
	for _, chunk := range chunks {
		rows := 0
		chunkFailed := 0
		q := graphclient.CallQuery{From: chunk.From, To: chunk.To}
		for cursor, first := "", true; first || cursor != ""; first = false {
			page, err := sy.client.ListCallRecordsNewestRaw(ctx, q, cursor)
			if err != nil {
				return err
			}
			for i := range page.Value {
				if i < len(page.RawValue) {
					page.Value[i].Raw = page.RawValue[i]
				}
			}
			rows += len(page.Value)
			if slices.Contains(kinds, store.KindCalls) {
				w, err := sy.store.Write(ctx, store.Batch{Calls: page.Value})
				if err != nil {
					return err
				}
				sy.add(w)
			}
			if slices.Contains(kinds, store.KindRecords) {
				n, ferr, err := sy.fetchRecords(ctx, page.Value)
				if err != nil {
					return err
				}
				chunkFailed += n
				if firstFailure == nil {
					firstFailure = ferr
				}
			}
			cursor = page.NextLink
		}
		failed += chunkFailed
		var done []store.Span
		for _, k := range kinds {
			if sp, ok := sy.settledPart(chunk, k); ok && (k == store.KindCalls || chunkFailed == 0) {
				done = append(done, sp)
			}
		}
		if len(done) > 0 {
			if err := sy.store.MarkCovered(ctx, done...); err != nil {
				return err
			}
		}
		sy.progress.step(chunk, rows)
	}
	if failed > 0 {
		return fmt.Errorf("sync: %d records could not be fetched (the first: %w); run sync again to fetch them", failed, firstFailure)
	}
	return nil
}

// fetched is one expanded record, or why it could not be fetched.
type fetched struct {
	rec *model.CallRecord
	err error
}

// fetchRecords fetches and stores the expanded records (every session and
// every participant) of rows that the store lacks, holds older, or holds
// without participants (store.Incomplete), in batches. failed counts the records Graph would not give (first says
// why); err is a failed write or a cancelled run, which ends the sync.
func (sy *syncer) fetchRecords(ctx context.Context, rows []model.CallRecord) (failed int, first error, err error) {
	ids, err := sy.store.Incomplete(ctx, rows)
	if err != nil {
		return 0, nil, err
	}
	sy.current += len(rows) - len(ids)
	jobs := make(chan string)
	results := make(chan fetched)
	var wg sync.WaitGroup
	for range min(qualityInFlight, len(ids)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for id := range jobs {
				// With its participants, so that calls --offline
				// --participant can judge the stored record (Get
				// callRecord expands sessions or participants_v2, not
				// both: graph-api.md §1.2).
				rec, err := sy.client.GetCallRecordWithParticipants(ctx, id)
				results <- fetched{rec: rec, err: err}
			}
		}()
	}
	go func() {
		defer close(jobs)
		for _, id := range ids {
			select {
			case jobs <- id:
			case <-ctx.Done():
				return
			}
		}
	}()
	go func() { wg.Wait(); close(results) }()

	var batch []store.Record
	flush := func() {
		if len(batch) == 0 || err != nil {
			return
		}
		var w store.Written
		w, err = sy.store.Write(ctx, store.Batch{Records: batch})
		sy.add(w)
		batch = batch[:0]
	}
	for r := range results { // drained whole, so no worker is left blocked
		switch {
		case r.err != nil:
			failed++
			if first == nil {
				first = r.err
			}
		default:
			batch = append(batch, store.Record{Call: r.rec, Verdict: common.StoreVerdict(r.rec)})
			if len(batch) >= recordBatch {
				flush()
			}
		}
	}
	flush()
	if cerr := ctx.Err(); cerr != nil {
		return failed, first, cerr
	}
	return failed, first, err
}

// syncLog fetches each piece of the range not yet complete for a log
// kind, storing each page as one batch, and marks the piece complete.
func (sy *syncer) syncLog(ctx context.Context, kind store.Kind, fetchChunk func(context.Context, store.Span) (int, error)) error {
	chunks, err := sy.chunks(ctx, logChunk, kind)
	if err != nil {
		return err
	}
	sy.progress.begin(string(kind), len(chunks))
	for _, chunk := range chunks {
		n, err := fetchChunk(ctx, chunk)
		if err != nil {
			return err
		}
		if sp, ok := sy.settledPart(chunk, kind); ok {
			if err := sy.store.MarkCovered(ctx, sp); err != nil {
				return err
			}
		}
		sy.progress.step(chunk, n)
	}
	return nil
}

// directChunk stores a piece of the Direct Routing log, Graph's bytes kept.
func (sy *syncer) directChunk(ctx context.Context, chunk store.Span) (int, error) {
	n := 0
	fetch := func(ctx context.Context, next string) (*model.Page[model.DirectRoutingRow], error) {
		return sy.client.DirectRoutingCallsRaw(ctx, chunk.From, chunk.To, next)
	}
	err := walkPages(ctx, fetch, func(p *model.Page[model.DirectRoutingRow]) (bool, error) {
		rows := store.LogRowsOf(p)
		w, err := sy.store.Write(ctx, store.Batch{Direct: rows})
		sy.add(w)
		n += len(rows)
		return false, err
	})
	return n, err
}

// pstnChunk stores a piece of the PSTN log, Graph's bytes kept.
func (sy *syncer) pstnChunk(ctx context.Context, chunk store.Span) (int, error) {
	n := 0
	fetch := func(ctx context.Context, next string) (*model.Page[model.PstnRow], error) {
		return sy.client.PstnCallsRaw(ctx, chunk.From, chunk.To, next)
	}
	err := walkPages(ctx, fetch, func(p *model.Page[model.PstnRow]) (bool, error) {
		rows := store.LogRowsOf(p)
		w, err := sy.store.Write(ctx, store.Batch{Pstn: rows})
		sy.add(w)
		n += len(rows)
		return false, err
	})
	return n, err
}
