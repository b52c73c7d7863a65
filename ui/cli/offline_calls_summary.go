package cli

import (
	"context"
	"fmt"
	"time"

	"github.com/callscope/callscope/graphclient/store"
	"github.com/callscope/callscope/model"
	"github.com/callscope/callscope/model/quality/summary"
	"github.com/callscope/callscope/model/redact"
)

// summarizeStored is summarize over the store: each listed call's stored
// expanded record (masked under --redact, as online) is added to the
// summary, and printed in the same forms. A call whose record is not
// stored is left out of the figures and counted, as a record Graph
// could not send is online.
func (o *callsOptions) summarizeStored(ctx context.Context, src *storedCallSource, fetch fetchFunc[model.CallRecord], e *env) error {
	from, to := o.summaryRange(o.now)
	if o.from.IsZero() {
		// With no --from, --offline reads the whole store, which may reach
		// past Graph's 30 days: the hours start at its oldest call then.
		if oldest, err := oldestCall(ctx, src.store); err == nil && !oldest.IsZero() && oldest.Before(from) {
			from = oldest
		}
	}
	sum := summary.New(summary.Options{From: from, To: to})
	listed, lost := 0, 0
	err := walkPages(ctx, fetch, func(p *model.Page[model.CallRecord]) (bool, error) {
		n := len(p.Value)
		if o.limit > 0 {
			n = min(n, o.limit-listed)
		}
		listed += n
		for i := range n {
			if _, ok := src.verdict(i); !ok {
				lost++
				continue
			}
			rec, _, err := src.store.Record(ctx, p.Value[i].ID)
			if err != nil {
				return true, fmt.Errorf("reading the store: %w", err)
			}
			if o.conf.redact {
				redact.CallRecord(rec)
			}
			sum.Add(rec)
		}
		return o.limit > 0 && listed >= o.limit, nil
	})
	if err != nil && listed == 0 {
		return err
	}
	return firstErr(err, writeQualitySummary(e.stdout, sum, o.output, listed, lost, err == nil))
}

// oldestCall is the start of the store's oldest call, zero when none.
func oldestCall(ctx context.Context, s *store.Store) (time.Time, error) {
	info, err := s.Info(ctx)
	if err != nil {
		return time.Time{}, err
	}
	for _, k := range info.Kinds {
		if k.Kind == store.KindCalls {
			return k.Oldest, nil
		}
	}
	return time.Time{}, nil
}
