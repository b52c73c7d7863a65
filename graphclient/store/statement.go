package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
)

// chunkRows is how many rows one INSERT carries. One statement per row
// cost more in database/sql and the driver than SQLite spent storing the
// row; 64 rows of 10 columns stay far below SQLite's 32,766 parameters.
const chunkRows = 64

// statement is an INSERT of many rows: insert names the table and
// columns, tail handles a row already stored.
type statement struct {
	insert string
	cols   int
	tail   string
}

// sql is the statement for rows rows.
func (st statement) sql(rows int) string {
	group := "(" + strings.TrimSuffix(strings.Repeat("?, ", st.cols), ", ") + ")"
	var b strings.Builder
	b.WriteString(st.insert)
	b.WriteString("\nVALUES ")
	for i := range rows {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(group)
	}
	b.WriteString("\n")
	b.WriteString(st.tail)
	return b.String()
}

// each writes n rows through st, chunkRows at a time, args(i, dst)
// appending row i's arguments to dst, and counts the rows changed.
func (s *Store) each(ctx context.Context, tx *sql.Tx, what string, st statement, n int, args func(i int, dst []any) ([]any, error)) (int, error) {
	if n == 0 {
		return 0, nil
	}
	var full *sql.Stmt // prepared once for the whole chunks
	defer func() {
		if full != nil {
			full.Close()
		}
	}()
	changed := 0
	buf := make([]any, 0, min(n, chunkRows)*st.cols)
	for at := 0; at < n; at += chunkRows {
		rows := min(chunkRows, n-at)
		buf = buf[:0]
		for i := at; i < at+rows; i++ {
			var err error
			if buf, err = args(i, buf); err != nil {
				return 0, fmt.Errorf("store %s: write %s: %w", s.path, what, err)
			}
		}
		var res sql.Result
		var err error
		if rows == chunkRows {
			if full == nil {
				if full, err = tx.PrepareContext(ctx, st.sql(chunkRows)); err != nil {
					return 0, s.classify("write "+what, err)
				}
			}
			res, err = full.ExecContext(ctx, buf...)
		} else {
			res, err = tx.ExecContext(ctx, st.sql(rows), buf...)
		}
		if err != nil {
			return 0, s.classify("write "+what, err)
		}
		if k, err := res.RowsAffected(); err == nil {
			changed += int(k)
		}
	}
	return changed, nil
}
