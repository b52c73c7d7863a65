package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"
)

// Kind is a kind of stored data.
type Kind string

// The kinds of data a store holds.
const (
	KindCalls   Kind = "calls"   // list rows of call records
	KindRecords Kind = "records" // expanded records
	KindDirect  Kind = "direct"  // Direct Routing rows
	KindPstn    Kind = "pstn"    // PSTN rows
)

// Kinds lists every kind, in the order Info reports them.
var Kinds = []Kind{KindCalls, KindRecords, KindDirect, KindPstn}

// Span is a half-open time range [From, To) of one kind.
type Span struct {
	Kind     Kind
	From, To time.Time
}

// valid reports a span with a known kind and From before To.
func (sp Span) valid() error {
	switch sp.Kind {
	case KindCalls, KindRecords, KindDirect, KindPstn:
	default:
		return fmt.Errorf("unknown kind %q", sp.Kind)
	}
	if sp.From.IsZero() || sp.To.IsZero() || !sp.From.Before(sp.To) {
		return fmt.Errorf("%s range %s..%s is empty or unbounded", sp.Kind, sp.From.Format(time.RFC3339), sp.To.Format(time.RFC3339))
	}
	return nil
}

// cover records sp as complete, merged with every covered span it
// overlaps or touches, so that the table stays a short list of disjoint
// spans.
func (s *Store) cover(ctx context.Context, tx *sql.Tx, sp Span) error {
	if err := sp.valid(); err != nil {
		return fmt.Errorf("store %s: mark covered: %w", s.path, err)
	}
	from, to := sp.From.UnixMicro(), sp.To.UnixMicro()
	var lo, hi sql.NullInt64
	err := tx.QueryRowContext(ctx, `SELECT min(start), max(end) FROM coverage WHERE kind = ? AND start <= ? AND end >= ?`,
		string(sp.Kind), to, from).Scan(&lo, &hi)
	if err != nil {
		return s.classify("mark covered", err)
	}
	if lo.Valid {
		from, to = min(from, lo.Int64), max(to, hi.Int64)
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM coverage WHERE kind = ? AND start <= ? AND end >= ?`,
		string(sp.Kind), to, from); err != nil {
		return s.classify("mark covered", err)
	}
	_, err = tx.ExecContext(ctx, `INSERT INTO coverage (kind, start, end) VALUES (?, ?, ?)`, string(sp.Kind), from, to)
	return s.classify("mark covered", err)
}

// MarkCovered records spans as complete in a transaction of their own
// (Batch.Covered does it with the rows).
func (s *Store) MarkCovered(ctx context.Context, spans ...Span) error {
	_, err := s.Write(ctx, Batch{Covered: spans})
	return err
}

// Covered lists the covered spans of kind, oldest first.
func (s *Store) Covered(ctx context.Context, kind Kind) ([]Span, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT start, end FROM coverage WHERE kind = ? ORDER BY start`, string(kind))
	if err != nil {
		return nil, s.classify("read coverage", err)
	}
	defer rows.Close()
	var out []Span
	for rows.Next() {
		var from, to int64
		if err := rows.Scan(&from, &to); err != nil {
			return nil, s.classify("read coverage", err)
		}
		out = append(out, Span{Kind: kind, From: time.UnixMicro(from).UTC(), To: time.UnixMicro(to).UTC()})
	}
	return out, s.classify("read coverage", rows.Err())
}

// Gaps lists the parts of want not yet covered, oldest first: what a sync
// still has to fetch.
func (s *Store) Gaps(ctx context.Context, want Span) ([]Span, error) {
	if err := want.valid(); err != nil {
		return nil, fmt.Errorf("store %s: gaps: %w", s.path, err)
	}
	covered, err := s.Covered(ctx, want.Kind)
	if err != nil {
		return nil, err
	}
	var gaps []Span
	at := want.From
	for _, c := range covered {
		if !c.To.After(at) {
			continue
		}
		if !c.From.Before(want.To) {
			break
		}
		if c.From.After(at) {
			gaps = append(gaps, Span{Kind: want.Kind, From: at, To: c.From})
		}
		at = c.To
	}
	if at.Before(want.To) {
		gaps = append(gaps, Span{Kind: want.Kind, From: at, To: want.To})
	}
	return gaps, nil
}
