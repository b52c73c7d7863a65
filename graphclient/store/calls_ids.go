package store

import (
	"context"
	"database/sql"
	"time"
)

// callsSpanQuery reads the oldest and newest call start as two index
// seeks on calls_by_start: SQLite answers a lone min() or max() from the
// index's ends, where one SELECT with both would scan the table.
const callsSpanQuery = `SELECT (SELECT min(start) FROM calls WHERE start > ?), (SELECT max(start) FROM calls WHERE start > ?)`

// CallsSpan is the start of the oldest and of the newest stored call
// (zero both when none is stored), for the offline header "store of
// <oldest> – <newest>". It costs two index seeks whatever the store
// holds, where Info counts every table.
func (s *Store) CallsSpan(ctx context.Context) (oldest, newest time.Time, err error) {
	var lo, hi sql.NullInt64
	if err := s.db.QueryRowContext(ctx, callsSpanQuery, noStart, noStart).Scan(&lo, &hi); err != nil {
		return time.Time{}, time.Time{}, s.classify("read the calls' span", err)
	}
	return fromMicros(lo), fromMicros(hi), nil
}
