package cli

import (
	"context"
	"encoding/json"

	"github.com/callscope/callscope/model"
	"github.com/callscope/callscope/model/export"
	"github.com/callscope/callscope/model/redact"
)

// checkOffline reads --participant as --offline can: an object id or a
// phone number as is, a name or an address a usage error (there is no
// directory to ask). --quality and --summary read the stored records.
func (o *callsOptions) checkOffline() error {
	if !o.offline {
		return nil
	}
	return o.resolveOfflineParticipant(o.cmd)
}

// runOffline lists the range from the store, newest first as the online
// command does, each row as Graph sent it (json, jsonl) or its columns
// (csv), and connects to nothing. --participant keeps the calls whose
// stored participants name the id, --quality adds the stored records'
// verdicts, --summary summarizes the stored records; what the store cannot
// tell is said on stderr once, at the end (offline_calls_gaps.go).
func (o *callsOptions) runOffline(ctx context.Context, e *env) error {
	s, closeStore, err := o.openOffline(ctx)
	defer closeStore()
	if err != nil {
		return err
	}
	src := &storedCallSource{store: s, from: o.from, to: o.to, participant: o.participant}
	defer func() { src.gaps.report(e.stderr, shownParticipant(o.participant, o.conf.redact)) }()
	fetch := redactPages(o.conf.redact, src.page, redact.CallRecord, maskStoredRaw) // --redact
	switch {
	case o.summary:
		return o.summarizeStored(ctx, src, fetch, e)
	case o.quality:
		qrw := export.NewRowWriter(e.stdout, export.Format(o.output), qualityColumns)
		return streamPages(ctx, src.withVerdicts(fetch, o.limit), qrw, nil, o.limit)
	}
	rw := export.NewRowWriter(e.stdout, export.Format(o.output), export.CallColumns)
	return streamPages(ctx, fetchFunc[model.CallRecord](fetch), rw, nil, o.limit)
}

// maskStoredRaw masks a stored list row's bytes; a call stored from its
// record only has none, and is written from its (masked) fields.
func maskStoredRaw(raw json.RawMessage) (json.RawMessage, error) {
	if raw == nil {
		return nil, nil
	}
	return redact.RawCallRecord(raw)
}
