package store

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"time"
)

// KindInfo is what the store holds of one kind.
type KindInfo struct {
	Kind           Kind
	Count          int64
	Oldest, Newest time.Time // by start; zero when none
}

// Info is what `callscope store info` prints.
type Info struct {
	Path   string
	Bytes  int64 // the file with its WAL
	Schema int
	Kinds  []KindInfo
}

// tables names each kind's table.
var tables = map[Kind]string{KindCalls: "calls", KindRecords: "records", KindDirect: "direct_routing", KindPstn: "pstn"}

// Info reports the store's file, size, and per kind the count and the
// oldest and newest start.
func (s *Store) Info(ctx context.Context) (Info, error) {
	info := Info{Path: s.path, Schema: SchemaVersion}
	if s.newer != nil {
		info.Schema = s.newer.Found
	}
	for _, suffix := range []string{"", "-wal"} {
		if fi, err := os.Stat(s.path + suffix); err == nil {
			info.Bytes += fi.Size()
		}
	}
	for _, k := range Kinds {
		ki := KindInfo{Kind: k}
		var oldest, newest sql.NullInt64
		err := s.db.QueryRowContext(ctx, fmt.Sprintf(`SELECT count(*), min(nullif(start, ?)), max(nullif(start, ?)) FROM %s`, tables[k]), noStart, noStart).
			Scan(&ki.Count, &oldest, &newest)
		if err != nil {
			return info, s.classify("read info", err)
		}
		ki.Oldest, ki.Newest = fromMicros(oldest), fromMicros(newest)
		info.Kinds = append(info.Kinds, ki)
	}
	return info, nil
}

// Forgotten counts the rows Forget deleted, per kind.
type Forgotten map[Kind]int64

// Forget deletes every row that started before before, and every row with
// no start time (everything when before is zero), and the coverage of
// those times, so that a later sync fetches them again if Graph still has
// them; then it vacuums, so the file shrinks.
func (s *Store) Forget(ctx context.Context, before time.Time) (Forgotten, error) {
	if err := s.Writable(); err != nil {
		return nil, err
	}
	gone := Forgotten{}
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return nil, s.classify("forget", err)
	}
	defer tx.Rollback()
	cond, args := "1", []any(nil)
	if !before.IsZero() {
		cond, args = "start < ? OR start IS NULL", []any{before.UnixMicro()}
	}
	for _, k := range Kinds {
		res, err := tx.ExecContext(ctx, fmt.Sprintf(`DELETE FROM %s WHERE %s`, tables[k], cond), args...)
		if err != nil {
			return nil, s.classify("forget", err)
		}
		gone[k], _ = res.RowsAffected()
	}
	if before.IsZero() {
		_, err = tx.ExecContext(ctx, `DELETE FROM coverage`)
	} else {
		at := before.UnixMicro()
		if _, err = tx.ExecContext(ctx, `DELETE FROM coverage WHERE end <= ?`, at); err == nil {
			_, err = tx.ExecContext(ctx, `UPDATE coverage SET start = ? WHERE start < ?`, at, at)
		}
	}
	if err != nil {
		return nil, s.classify("forget", err)
	}
	if err := tx.Commit(); err != nil {
		return nil, s.classify("forget", err)
	}
	// VACUUM cannot run in a transaction; the deletion above stands even
	// if it fails (the space is then reused, not returned).
	if _, err := s.db.ExecContext(ctx, `VACUUM`); err != nil {
		return gone, s.classify("vacuum", err)
	}
	if _, err := s.db.ExecContext(ctx, `PRAGMA wal_checkpoint(TRUNCATE)`); err != nil {
		return gone, s.classify("checkpoint", err)
	}
	return gone, nil
}
