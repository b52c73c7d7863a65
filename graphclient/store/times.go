package store

import (
	"database/sql"
	"time"

	"github.com/callscope/callscope/model"
)

// micros is t as stored: Unix microseconds, or NULL for "no value".
func micros(t time.Time) sql.NullInt64 {
	if t.IsZero() {
		return sql.NullInt64{}
	}
	return sql.NullInt64{Int64: t.UnixMicro(), Valid: true}
}

// noStart is the key start of a log row that has none: the micros of
// 0001-01-01, Graph's own "no value" sentinel. Reads leave it out.
var noStart = time.Time{}.UnixMicro()

// keyMicros is t as a log table's key start.
func keyMicros(t time.Time) int64 {
	if t.IsZero() {
		return noStart
	}
	return t.UnixMicro()
}

// fromMicros is the time a micros column holds, zero for NULL.
func fromMicros(v sql.NullInt64) time.Time {
	if !v.Valid {
		return time.Time{}
	}
	return time.UnixMicro(v.Int64).UTC()
}

// modelTime is fromMicros as a model.Time.
func modelTime(v sql.NullInt64) model.Time { return model.NewTime(fromMicros(v)) }

// optionalInt is v, or NULL when Graph did not report it.
func optionalInt(v int32, reported bool) sql.NullInt64 {
	return sql.NullInt64{Int64: int64(v), Valid: reported}
}
