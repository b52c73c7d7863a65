package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"github.com/callscope/callscope/graphclient"
	"github.com/callscope/callscope/model"
)

// RecordKey names a record to read and the list row it must be at least
// as new as to count as current. A zero Version or LastModified asks
// nothing of that field: the row's newest stored header still applies.
type RecordKey struct {
	ID           string
	Version      int64
	LastModified model.Time
}

// StoredRecord is an expanded record read back by Records.
type StoredRecord struct {
	// Call is decoded as the client decodes Graph's answers; Call.Raw is
	// the stored bytes. Not display-safe.
	Call    *model.CallRecord
	Verdict Verdict
	// Current says the record is at least as new as its key and as the
	// newest list row stored for it (a sync or the list may have seen a
	// newer version than the caller knows of), so it need not be fetched
	// again.
	Current bool
}

// recordsPerQuery bounds the ids of one SELECT, far below SQLite's
// 32,766 parameters, so that a batch of any size reads in few queries.
const recordsPerQuery = 256

const recordsQuery = `SELECT r.id, r.version, r.modified, coalesce(c.version, 0), c.modified,
	r.result, r.quality, r.quality_reason, r.raw
FROM records r LEFT JOIN calls c ON c.id = r.id
WHERE r.id IN (%s)`

// Records reads the stored expanded records of keys, a few queries for
// the whole batch where Record costs one per id: the calls list asks for
// a screenful at a time. Ids not stored are absent from the map; a
// stored record older than its key is there with Current false (offline,
// it is still the best there is).
func (s *Store) Records(ctx context.Context, keys []RecordKey) (map[string]StoredRecord, error) {
	out := make(map[string]StoredRecord, len(keys))
	byID := make(map[string]RecordKey, len(keys))
	for _, k := range keys {
		byID[k.ID] = k
	}
	for at := 0; at < len(keys); at += recordsPerQuery {
		chunk := keys[at:min(at+recordsPerQuery, len(keys))]
		if err := s.readRecords(ctx, chunk, byID, out); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// readRecords reads the records of chunk into out.
func (s *Store) readRecords(ctx context.Context, chunk []RecordKey, byID map[string]RecordKey, out map[string]StoredRecord) error {
	args := make([]any, len(chunk))
	for i, k := range chunk {
		args[i] = k.ID
	}
	marks := strings.TrimSuffix(strings.Repeat("?, ", len(chunk)), ", ")
	rows, err := s.db.QueryContext(ctx, fmt.Sprintf(recordsQuery, marks), args...)
	if err != nil {
		return s.classify("read records", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id string
		var version, headerVersion int64
		var modified, headerModified sql.NullInt64
		var v Verdict
		var raw []byte
		if err := rows.Scan(&id, &version, &modified, &headerVersion, &headerModified,
			&v.Result, &v.Quality, &v.QualityReason, &raw); err != nil {
			return s.classify("read records", err)
		}
		var rec model.CallRecord
		if err := graphclient.Decode(raw, &rec); err != nil {
			return fmt.Errorf("store %s: record %s: %w", s.path, id, err)
		}
		rec.Raw = raw
		model.MakeDisplaySafe(&v)
		k := byID[id]
		// NULL modified reads as 0, as in Current: a record with no
		// lastModifiedDateTime is never newer than a row that has one.
		wantModified := max(micros(k.LastModified.Time).Int64, headerModified.Int64)
		current := version >= max(k.Version, headerVersion) && modified.Int64 >= wantModified
		out[id] = StoredRecord{Call: &rec, Verdict: v, Current: current}
	}
	if err := rows.Err(); err != nil {
		return s.classify("read records", err)
	}
	return nil
}
