package cli

import (
	"context"

	"github.com/callscope/callscope/model"
	"github.com/callscope/callscope/model/export"
	"github.com/callscope/callscope/model/redact"
)

// checkOffline refuses what `calls --offline` cannot do yet: the store has
// no participants index for --participant, and --quality and --summary
// fetch expanded records from Graph.
func (o *callsOptions) checkOffline() error {
	if !o.offline {
		return nil
	}
	switch {
	case o.participant != "" || o.set["participant"]:
		return usagef(o.cmd, "--participant is not available with --offline: the store is not searched by participant")
	case o.quality:
		return usagef(o.cmd, "--quality is not available with --offline yet")
	case o.summary:
		return usagef(o.cmd, "--summary is not available with --offline yet")
	}
	return nil
}

// runOffline lists the range from the store, newest first as the online
// command does, each row as Graph sent it (json, jsonl) or its columns
// (csv), and connects to nothing.
func (o *callsOptions) runOffline(ctx context.Context, e *env) error {
	s, closeStore, err := o.openOffline(ctx)
	defer closeStore()
	if err != nil {
		return err
	}
	page := storedCalls(s)
	fetch := func(ctx context.Context, next string) (*model.Page[model.CallRecord], error) {
		return page(ctx, o.from, o.to, next)
	}
	fetch = redactPages(o.conf.redact, fetch, redact.CallRecord, redact.RawCallRecord) // --redact
	rw := export.NewRowWriter(e.stdout, export.Format(o.output), export.CallColumns)
	return streamPages(ctx, fetch, rw, nil, o.limit)
}
