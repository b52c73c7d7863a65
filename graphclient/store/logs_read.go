package store

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/callscope/callscope/graphclient"
	"github.com/callscope/callscope/model"
)

// LogPage is a page of log rows, newest first.
type LogPage[T any] struct {
	Rows []LogRow[T]
	Next Cursor // "" after the last page
}

// Split is the page's rows and their bytes, side by side, as a
// model.Page holds them (Value, RawValue).
func (p LogPage[T]) Split() ([]T, []json.RawMessage) {
	rows, raws := make([]T, len(p.Rows)), make([]json.RawMessage, len(p.Rows))
	for i := range p.Rows {
		rows[i], raws[i] = p.Rows[i].Row, p.Rows[i].Raw
	}
	return rows, raws
}

// DirectPage is a page of Direct Routing rows, newest first.
type DirectPage = LogPage[model.DirectRoutingRow]

// PstnPage is a page of PSTN rows, newest first.
type PstnPage = LogPage[model.PstnRow]

// DirectRouting reads a page of stored Direct Routing rows in r, newest
// first, each decoded from its stored bytes as the client decodes Graph's.
func (s *Store) DirectRouting(ctx context.Context, r Range) (DirectPage, error) {
	rows, next, err := readLogs(ctx, s, "direct_routing", "Direct Routing rows", r, func(raw []byte) (DirectRow, error) {
		row := DirectRow{Raw: raw}
		return row, graphclient.Decode(raw, &row.Row)
	})
	return DirectPage{Rows: rows, Next: next}, err
}

// Pstn reads a page of stored PSTN rows in r, newest first.
func (s *Store) Pstn(ctx context.Context, r Range) (PstnPage, error) {
	rows, next, err := readLogs(ctx, s, "pstn", "PSTN rows", r, func(raw []byte) (PstnRow, error) {
		row := PstnRow{Raw: raw}
		return row, graphclient.Decode(raw, &row.Row)
	})
	return PstnPage{Rows: rows, Next: next}, err
}

// readLogs reads a page of a log table, decoding each row's bytes.
func readLogs[T any](ctx context.Context, s *Store, table, what string, r Range, decodeRow func([]byte) (T, error)) ([]T, Cursor, error) {
	where, args, err := r.where("t")
	if err != nil {
		return nil, "", fmt.Errorf("store %s: read %s: %w", s.path, what, err)
	}
	limit := r.limit()
	q := fmt.Sprintf(`SELECT t.id, t.start, t.raw FROM %s t WHERE %s ORDER BY t.start DESC, t.id DESC LIMIT ?`, table, where)
	rows, err := s.db.QueryContext(ctx, q, append(args, limit)...)
	if err != nil {
		return nil, "", s.classify("read "+what, err)
	}
	defer rows.Close()
	var out []T
	var lastID string
	var lastStart int64
	for rows.Next() {
		var stored []byte
		if err := rows.Scan(&lastID, &lastStart, &stored); err != nil {
			return nil, "", s.classify("read "+what, err)
		}
		raw, err := unpack(stored)
		if err != nil {
			return nil, "", fmt.Errorf("store %s: %s %s: %w", s.path, what, lastID, err)
		}
		row, err := decodeRow(raw)
		if err != nil {
			return nil, "", fmt.Errorf("store %s: %s %s: %w", s.path, what, lastID, err)
		}
		out = append(out, row)
	}
	if err := rows.Err(); err != nil {
		return nil, "", s.classify("read "+what, err)
	}
	var next Cursor
	if len(out) == limit {
		next = cursorAt(lastStart, lastID)
	}
	return out, next, nil
}
