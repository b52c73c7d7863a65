package store

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/callscope/callscope/model"
)

// A record kept without its participants is incomplete for sync, and a
// copy of the same version that brings them replaces it; a copy without
// them never replaces one with them, and an older copy never replaces a
// newer one.
func TestRecordWithoutParticipantsIsIncompleteAndReplaced(t *testing.T) {
	ctx := context.Background()
	s := openTemp(t)
	at := time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)
	withParticipants := func(rec *model.CallRecord) *model.CallRecord {
		rec.Raw = withMembers(t, rec.Raw, map[string]any{"participants_v2": []map[string]any{{"id": "user-1"}}})
		return rec
	}
	bare := expanded(t, "rec-1", 2, at, at)
	full := withParticipants(expanded(t, "rec-1", 2, at, at))
	rows := []model.CallRecord{listRow(t, "rec-1", 2, at, at)}
	write := func(rec *model.CallRecord) {
		t.Helper()
		if _, err := s.Write(ctx, Batch{Records: []Record{{Call: rec}}}); err != nil {
			t.Fatal(err)
		}
	}
	incomplete := func() []string {
		t.Helper()
		ids, err := s.Incomplete(ctx, rows)
		if err != nil {
			t.Fatal(err)
		}
		return ids
	}
	if ids := incomplete(); !slices.Equal(ids, []string{"rec-1"}) {
		t.Fatalf("nothing stored: incomplete %v", ids)
	}
	write(bare)
	if ids := incomplete(); !slices.Equal(ids, []string{"rec-1"}) {
		t.Fatalf("stored without participants: incomplete %v, want rec-1", ids)
	}
	write(full)
	if ids := incomplete(); len(ids) != 0 {
		t.Fatalf("stored with participants: incomplete %v", ids)
	}
	write(bare) // same version, fewer facts: kept as it was
	write(withParticipants(expanded(t, "rec-1", 1, at, at)))
	if ids := incomplete(); len(ids) != 0 {
		t.Fatalf("a copy without participants, or an older one, replaced the full one: incomplete %v", ids)
	}
	rows[0].Version = 3 // Graph changed the record
	if ids := incomplete(); !slices.Equal(ids, []string{"rec-1"}) {
		t.Fatalf("a newer list row: incomplete %v", ids)
	}
}
