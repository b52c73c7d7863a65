package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"

	"github.com/callscope/callscope/model"
)

// Verdict is what the caller concluded about an expanded record, stored
// beside it for the calls view and the quality summary. The store does not
// compute it: the classification lives with the screens.
type Verdict struct {
	Result        string // "ok", or "failed: where and why"
	Quality       string // good, poor audio, ..., unclassified
	QualityReason string // the worst metric behind a poor verdict
}

// Record is an expanded record (every session and segment) to store.
type Record struct {
	// Call is the record; Call.Raw, Graph's bytes with every session, is
	// what is stored (encoded from Call when nil, losing unknown members).
	Call    *model.CallRecord
	Verdict Verdict
}

// LogRow is a log row to store, or read back.
type LogRow[T any] struct {
	Row T
	// Raw is the row as Graph sent it; when nil the row is encoded
	// (MarshalJSON keeps unreported fields null).
	Raw json.RawMessage
}

// DirectRow is a Direct Routing row to store, or read back.
type DirectRow = LogRow[model.DirectRoutingRow]

// PstnRow is a PSTN row to store, or read back.
type PstnRow = LogRow[model.PstnRow]

// LogRowsOf is a page from Graph as the store takes it: each row with its
// bytes when the page kept them (Page.RawValue).
func LogRowsOf[T any](p *model.Page[T]) []LogRow[T] {
	rows := make([]LogRow[T], len(p.Value))
	for i := range p.Value {
		rows[i].Row = p.Value[i]
		if i < len(p.RawValue) {
			rows[i].Raw = p.RawValue[i]
		}
	}
	return rows
}

// Batch is what one Write stores, in one transaction: all of it or, if the
// process dies or the write fails, none of it.
type Batch struct {
	// Calls are list rows; a row's Raw, when set, is its bytes as Graph
	// sent them (Page.RawValue[i]).
	Calls   []model.CallRecord
	Records []Record
	Direct  []DirectRow
	Pstn    []PstnRow
	// Covered marks ranges complete once this batch's rows are in: written
	// in the same transaction, so a sync killed between the two cannot
	// record a range whose rows are missing.
	Covered []Span
}

// Written counts the rows a Write added or replaced; rows already stored
// and not older are skipped.
type Written struct {
	Calls, Records, Direct, Pstn int
}

// The statements of a Write. A row replaces a stored one only when its
// version or lastModifiedDateTime is newer: an older copy fetched late
// must not undo a newer one. A record's copy of the same version replaces
// the stored one when it brings the participant list the stored one lacks
// (Graph gives participants_v2 in a request of its own; sync asks for it,
// the explorer does not). A list row may fill in the bytes of a row
// first stored from an expanded record. Log rows never change, so a row
// already stored is skipped.
var (
	upsertCall = statement{
		insert: `INSERT INTO calls (id, version, modified, start, end, type, organizer, raw)`,
		cols:   8,
		tail: `ON CONFLICT (id) DO UPDATE SET version = excluded.version, modified = excluded.modified,
	start = excluded.start, end = excluded.end, type = excluded.type, organizer = excluded.organizer,
	raw = coalesce(excluded.raw, calls.raw)
WHERE (excluded.version > calls.version OR coalesce(excluded.modified, 0) > coalesce(calls.modified, 0))
	OR (calls.raw IS NULL AND excluded.raw IS NOT NULL AND excluded.version >= calls.version
		AND coalesce(excluded.modified, 0) >= coalesce(calls.modified, 0))`,
	}
	upsertRecord = statement{
		insert: `INSERT INTO records (id, version, modified, start, result, quality, quality_reason, raw)`,
		cols:   8,
		tail: `ON CONFLICT (id) DO UPDATE SET version = excluded.version, modified = excluded.modified,
	start = excluded.start, result = excluded.result, quality = excluded.quality,
	quality_reason = excluded.quality_reason, raw = excluded.raw
WHERE excluded.version > records.version OR coalesce(excluded.modified, 0) > coalesce(records.modified, 0)
	OR (excluded.version = records.version AND coalesce(excluded.modified, 0) = coalesce(records.modified, 0)
		AND instr(records.raw, '"participants_v2"') = 0 AND instr(excluded.raw, '"participants_v2"') > 0)`,
	}
	insertDirect = statement{
		insert: `INSERT INTO direct_routing (id, start, sip_code, subcode, trunk, user, caller, callee, duration, raw)`,
		cols:   10,
		tail:   `ON CONFLICT (start, id) DO NOTHING`,
	}
	insertPstn = statement{
		insert: `INSERT INTO pstn (id, start, call_id, user, caller, callee, duration, raw)`,
		cols:   8,
		tail:   `ON CONFLICT (start, id) DO NOTHING`,
	}
)

// Write stores b in one transaction. It waits up to the busy timeout for
// another writer; on any error nothing of b is stored.
func (s *Store) Write(ctx context.Context, b Batch) (Written, error) {
	var w Written
	if err := s.Writable(); err != nil {
		return w, err
	}
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return w, s.classify("begin a write", err)
	}
	defer tx.Rollback()
	if w.Calls, err = s.writeCalls(ctx, tx, b.Calls); err != nil {
		return Written{}, err
	}
	if w.Records, err = s.writeRecords(ctx, tx, b.Records); err != nil {
		return Written{}, err
	}
	if w.Direct, err = s.writeDirect(ctx, tx, b.Direct); err != nil {
		return Written{}, err
	}
	if w.Pstn, err = s.writePstn(ctx, tx, b.Pstn); err != nil {
		return Written{}, err
	}
	for _, sp := range b.Covered {
		if err := s.cover(ctx, tx, sp); err != nil {
			return Written{}, err
		}
	}
	if err := tx.Commit(); err != nil {
		return Written{}, s.classify("commit", err)
	}
	return w, nil
}

func (s *Store) writeCalls(ctx context.Context, tx *sql.Tx, rows []model.CallRecord) (int, error) {
	return s.each(ctx, tx, "call list rows", upsertCall, len(rows), func(i int, dst []any) ([]any, error) {
		r := &rows[i]
		return callArgs(dst, r, nullBytes(r.Raw)), nil
	})
}

// callArgs are upsertCall's arguments for r with raw as its bytes.
func callArgs(dst []any, r *model.CallRecord, raw any) []any {
	return append(dst, r.ID, r.Version, micros(r.LastModifiedDateTime.Time), micros(r.StartDateTime.Time),
		micros(r.EndDateTime.Time), r.Type, r.OrganizerText(), raw)
}

// nullBytes is b, or NULL when b is nil.
func nullBytes(b []byte) any {
	if b == nil {
		return nil
	}
	return []byte(b)
}

// writeRecords stores expanded records, and their list columns in calls
// so that a record fetched by id is listed too.
func (s *Store) writeRecords(ctx context.Context, tx *sql.Tx, recs []Record) (int, error) {
	if _, err := s.each(ctx, tx, "call rows of records", upsertCall, len(recs), func(i int, dst []any) ([]any, error) {
		return callArgs(dst, recs[i].Call, nil), nil
	}); err != nil {
		return 0, err
	}
	return s.each(ctx, tx, "call records", upsertRecord, len(recs), func(i int, dst []any) ([]any, error) {
		r := recs[i].Call
		raw := []byte(r.Raw)
		if raw == nil {
			var err error
			if raw, err = json.Marshal(r); err != nil {
				return nil, fmt.Errorf("record %s: %w", r.ID, err)
			}
		}
		v := recs[i].Verdict
		return append(dst, r.ID, r.Version, micros(r.LastModifiedDateTime.Time), micros(r.StartDateTime.Time),
			v.Result, v.Quality, v.QualityReason, raw), nil
	})
}

func (s *Store) writeDirect(ctx context.Context, tx *sql.Tx, rows []DirectRow) (int, error) {
	return s.each(ctx, tx, "Direct Routing rows", insertDirect, len(rows), func(i int, dst []any) ([]any, error) {
		r := &rows[i].Row
		raw, err := rawOr(rows[i].Raw, r)
		if err != nil {
			return nil, err
		}
		raw = directPacker.pack(make([]byte, 0, len(raw)+2), raw)
		return append(dst, r.ID, keyMicros(r.StartDateTime.Time),
			optionalInt(r.FinalSIPCode, r.Reported(model.LogFinalSIPCode)),
			optionalInt(r.CallEndSubReason, r.Reported(model.LogCallEndSubReason)),
			r.TrunkFullyQualifiedDomainName, r.UserPrincipalName, r.CallerNumber, r.CalleeNumber,
			optionalInt(r.Duration, r.Reported(model.LogDuration)), raw), nil
	})
}

func (s *Store) writePstn(ctx context.Context, tx *sql.Tx, rows []PstnRow) (int, error) {
	return s.each(ctx, tx, "PSTN rows", insertPstn, len(rows), func(i int, dst []any) ([]any, error) {
		r := &rows[i].Row
		raw, err := rawOr(rows[i].Raw, r)
		if err != nil {
			return nil, err
		}
		raw = pstnPacker.pack(make([]byte, 0, len(raw)+2), raw)
		return append(dst, r.ID, keyMicros(r.StartDateTime.Time), r.CallID, r.UserPrincipalName,
			r.CallerNumber, r.CalleeNumber, optionalInt(r.Duration, r.Reported(model.LogDuration)), raw), nil
	})
}

// rawOr is raw, or v encoded when the caller has no bytes from Graph.
func rawOr(raw json.RawMessage, v any) ([]byte, error) {
	if raw != nil {
		return raw, nil
	}
	b, err := json.Marshal(v)
	if err != nil {
		return nil, fmt.Errorf("encode a row: %w", err)
	}
	return b, nil
}

// Current reports whether the stored expanded record id is at least as new
// as a list row's version and lastModifiedDateTime, so the caller need not
// fetch it again. No stored record is not current.
func (s *Store) Current(ctx context.Context, id string, version int64, lastModified model.Time) (bool, error) {
	var v int64
	var m sql.NullInt64
	err := s.db.QueryRowContext(ctx, "SELECT version, modified FROM records WHERE id = ?", id).Scan(&v, &m)
	if err == sql.ErrNoRows {
		return false, nil
	}
	if err != nil {
		return false, s.classify("read record "+id, err)
	}
	newer := micros(lastModified.Time)
	return version <= v && newer.Int64 <= m.Int64, nil
}

// Stale lists the ids of rows whose expanded record is not stored or is
// older than the row: the records a sync or the explorer must fetch.
func (s *Store) Stale(ctx context.Context, rows []model.CallRecord) ([]string, error) {
	var ids []string
	for i := range rows {
		ok, err := s.Current(ctx, rows[i].ID, rows[i].Version, rows[i].LastModifiedDateTime)
		if err != nil {
			return nil, err
		}
		if !ok {
			ids = append(ids, rows[i].ID)
		}
	}
	return ids, nil
}
