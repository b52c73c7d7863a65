package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// Span reports the oldest and newest start of the rows stored of kind
// (zero times when there are none), for a header that says what an
// offline view can show. Unlike Info it counts nothing: each end is one
// step along the table's (start, id) key, so it costs the same at a
// million rows as at ten.
func (s *Store) Span(ctx context.Context, kind Kind) (oldest, newest time.Time, err error) {
	table, ok := tables[kind]
	if !ok {
		return time.Time{}, time.Time{}, fmt.Errorf("store %s: span: unknown kind %q", s.path, kind)
	}
	end := func(order string) (time.Time, error) {
		var v sql.NullInt64
		// Rows with no start sit at noStart, below every real one: skipped.
		err := s.db.QueryRowContext(ctx, fmt.Sprintf(`SELECT start FROM %s WHERE start > ? ORDER BY start %s LIMIT 1`, table, order), noStart).Scan(&v)
		if errors.Is(err, sql.ErrNoRows) {
			return time.Time{}, nil
		}
		if err != nil {
			return time.Time{}, s.classify("read the span of "+string(kind), err)
		}
		return fromMicros(v), nil
	}
	if oldest, err = end("ASC"); err != nil {
		return time.Time{}, time.Time{}, err
	}
	if newest, err = end("DESC"); err != nil {
		return time.Time{}, time.Time{}, err
	}
	return oldest, newest, nil
}
