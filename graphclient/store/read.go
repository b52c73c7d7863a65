package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/callscope/callscope/graphclient"
	"github.com/callscope/callscope/model"
)

// DefaultLimit and MaxLimit bound a page of reads, so that memory grows
// with the page, never with the store.
const (
	DefaultLimit = 500
	MaxLimit     = 5000
)

// Cursor marks where a page ended; "" starts at the newest row. It is
// opaque to callers.
type Cursor string

// Range asks for rows whose start is in [From, To), newest first, a page
// at a time: After is the previous page's Next. A zero From or To leaves
// that end open. Rows with no start time are in no range.
type Range struct {
	From, To time.Time
	After    Cursor
	Limit    int // rows per page: DefaultLimit when 0, at most MaxLimit
}

// CallRow is a stored call: its list row and what is known of its
// expanded record.
type CallRow struct {
	// Call is the list row, decoded from Graph's bytes when they were
	// stored, with the stored header columns (the newest seen) over it.
	Call model.CallRecord
	// Raw is the list row as Graph sent it, nil when the call was stored
	// from its expanded record only. Not display-safe.
	Raw json.RawMessage
	// Expanded says an expanded record is stored; Verdict is then its.
	Expanded bool
	// Current says the expanded record is at least as new as the header.
	Current bool
	Verdict Verdict
}

// CallPage is a page of calls, newest first.
type CallPage struct {
	Rows []CallRow
	Next Cursor // "" after the last page
}

// limit is r.Limit bounded.
func (r Range) limit() int {
	switch {
	case r.Limit <= 0:
		return DefaultLimit
	case r.Limit > MaxLimit:
		return MaxLimit
	}
	return r.Limit
}

// where is the SQL condition and arguments for r on table alias t: the
// range, then the keyset after the cursor (start, id), which stays right
// while rows are added and costs the same on every page.
func (r Range) where(t string) (string, []any, error) {
	conds := []string{t + ".start > ?"} // NULL and noStart are in no range
	args := []any{noStart}
	if !r.From.IsZero() {
		conds, args = append(conds, t+".start >= ?"), append(args, r.From.UnixMicro())
	}
	if !r.To.IsZero() {
		conds, args = append(conds, t+".start < ?"), append(args, r.To.UnixMicro())
	}
	if r.After != "" {
		start, id, err := r.After.parse()
		if err != nil {
			return "", nil, err
		}
		conds = append(conds, fmt.Sprintf("(%[1]s.start < ? OR (%[1]s.start = ? AND %[1]s.id < ?))", t))
		args = append(args, start, start, id)
	}
	return strings.Join(conds, " AND "), args, nil
}

// cursorAt is the cursor after a row with this start and id.
func cursorAt(start int64, id string) Cursor {
	return Cursor(strconv.FormatInt(start, 10) + "/" + id)
}

func (c Cursor) parse() (int64, string, error) {
	n, id, ok := strings.Cut(string(c), "/")
	start, err := strconv.ParseInt(n, 10, 64)
	if !ok || err != nil {
		return 0, "", fmt.Errorf("cursor %q is not one this store gave", string(c))
	}
	return start, id, nil
}

const callsQuery = `SELECT c.id, c.version, c.modified, c.start, c.end, c.type, c.raw,
	r.id IS NOT NULL, coalesce(r.version >= c.version AND coalesce(r.modified, 0) >= coalesce(c.modified, 0), 0),
	coalesce(r.result, ''), coalesce(r.quality, ''), coalesce(r.quality_reason, '')
FROM calls c LEFT JOIN records r ON r.id = c.id
WHERE %s ORDER BY c.start DESC, c.id DESC LIMIT ?`

// Calls reads a page of stored calls in r, newest first.
func (s *Store) Calls(ctx context.Context, r Range) (CallPage, error) {
	var page CallPage
	where, args, err := r.where("c")
	if err != nil {
		return page, fmt.Errorf("store %s: read calls: %w", s.path, err)
	}
	limit := r.limit()
	rows, err := s.db.QueryContext(ctx, fmt.Sprintf(callsQuery, where), append(args, limit)...)
	if err != nil {
		return page, s.classify("read calls", err)
	}
	defer rows.Close()
	var last int64
	for rows.Next() {
		var row CallRow
		var modified, start, end sql.NullInt64
		var raw []byte // NULL stays nil
		c := &row.Call
		if err := rows.Scan(&c.ID, &c.Version, &modified, &start, &end, &c.Type, &raw,
			&row.Expanded, &row.Current, &row.Verdict.Result, &row.Verdict.Quality, &row.Verdict.QualityReason); err != nil {
			return page, s.classify("read calls", err)
		}
		row.Raw = raw
		if row.Raw != nil {
			var decoded model.CallRecord
			if err := graphclient.Decode(row.Raw, &decoded); err != nil {
				return page, fmt.Errorf("store %s: call %s: stored list row: %w", s.path, c.ID, err)
			}
			decoded.ID, decoded.Version, decoded.Type = c.ID, c.Version, c.Type
			*c = decoded
		}
		c.LastModifiedDateTime, c.StartDateTime, c.EndDateTime = modelTime(modified), modelTime(start), modelTime(end)
		model.MakeDisplaySafe(&row.Verdict)
		page.Rows = append(page.Rows, row)
		last = start.Int64
	}
	if err := rows.Err(); err != nil {
		return page, s.classify("read calls", err)
	}
	if len(page.Rows) == limit {
		page.Next = cursorAt(last, page.Rows[len(page.Rows)-1].Call.ID)
	}
	return page, nil
}

// Record reads a stored expanded record, decoded as the client decodes
// Graph's answers, with Raw holding the stored bytes, and its verdict.
// A record not stored is ErrNotFound.
func (s *Store) Record(ctx context.Context, id string) (*model.CallRecord, Verdict, error) {
	var v Verdict
	var raw []byte
	err := s.db.QueryRowContext(ctx, `SELECT result, quality, quality_reason, raw FROM records WHERE id = ?`, id).
		Scan(&v.Result, &v.Quality, &v.QualityReason, &raw)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, v, fmt.Errorf("call record %s: %w", id, ErrNotFound)
	}
	if err != nil {
		return nil, v, s.classify("read record "+id, err)
	}
	var rec model.CallRecord
	if err := graphclient.Decode(raw, &rec); err != nil {
		return nil, v, fmt.Errorf("store %s: record %s: %w", s.path, id, err)
	}
	rec.Raw = raw
	model.MakeDisplaySafe(&v)
	return &rec, v, nil
}
