package cli

import (
	"context"
	"errors"
	"fmt"

	"github.com/callscope/callscope/graphclient/store"
	"github.com/callscope/callscope/model"
	"github.com/callscope/callscope/ui/common"
)

// loadRecord is the record `record` and `streams` print. Online it is
// fetched from Graph and, when a store opens, written to it with its
// verdict (as sync writes it) before --redact touches it; --offline reads
// the stored copy and connects to nothing.
func (o *recordOptions) loadRecord(ctx context.Context, e *env) (*model.CallRecord, error) {
	if o.offline {
		s, closeStore, err := o.openOffline(ctx)
		defer closeStore()
		if err != nil {
			return nil, err
		}
		rec, _, err := s.Record(ctx, o.id)
		if errors.Is(err, store.ErrNotFound) {
			return nil, fmt.Errorf("call record %s is not in the store; run callscope sync", o.id)
		}
		if err != nil {
			return nil, fmt.Errorf("reading the store: %w", err)
		}
		return rec, nil
	}
	c, stop, err := connect(&o.base, &stderrObserver{w: e.stderr})
	if err != nil {
		return nil, err
	}
	defer stop()
	rec, err := c.GetCallRecord(ctx, o.id)
	if err != nil {
		return nil, err
	}
	s, closeStore := o.openStoreOrWarn(ctx, e.stderr)
	defer closeStore()
	if w := newStoreWriter(s, e.stderr); w != nil {
		w.write(ctx, store.Batch{Records: []store.Record{{Call: rec, Verdict: common.StoreVerdict(rec)}}})
	}
	return rec, nil
}
