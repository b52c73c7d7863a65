package export

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"

	"github.com/callscope/callscope/model"
)

// Format is how rows are written.
type Format string

// The row formats: what --output takes for a list of rows.
const (
	JSON      Format = "json"  // one array, one element a line
	JSONLines Format = "jsonl" // one object a line
	CSV       Format = "csv"   // a header, then one record a row (Columns)
)

// WriteError is a failed write to the output, kept apart from errors in
// the data, so that a caller can tell a reader that went away (| head)
// from a failure worth reporting.
type WriteError struct{ Err error }

// Error says the output could not be written, and why.
func (e *WriteError) Error() string { return "write output: " + e.Err.Error() }

// Unwrap returns the write's own error (EPIPE, ENOSPC, ...).
func (e *WriteError) Unwrap() error { return e.Err }

// Columns describe a CSV layout: a fixed header and a function that fills
// one record with the values as they are. The slice passed to Fill is
// reused for every row and cleared before each; Writer makes each cell
// safe to open.
type Columns[T any] struct {
	Header []string
	Fill   func(v *T, rec []string)
}

// RowWriter streams rows as JSON (one array), JSON Lines or CSV. Rows go
// out in pages (Flush after each), so memory stays one page no matter how
// many pages there are.
type RowWriter[T any] struct {
	w      *bufio.Writer
	format Format
	cols   Columns[T]
	n      int
	buf    bytes.Buffer
	enc    *json.Encoder
	csv    *Writer
	rec    []string
}

// NewRowWriter writes rows to w in format; cols is used for CSV only.
func NewRowWriter[T any](w io.Writer, format Format, cols Columns[T]) *RowWriter[T] {
	rw := &RowWriter[T]{w: bufio.NewWriterSize(w, 64<<10), format: format, cols: cols}
	rw.enc = json.NewEncoder(&rw.buf)
	rw.enc.SetEscapeHTML(false) // keep <, > and & readable for jq users
	if format == CSV {
		rw.csv = NewWriter(rw.w)
		rw.rec = make([]string, len(cols.Header))
	}
	return rw
}

// Write adds one row, encoded from v.
func (rw *RowWriter[T]) Write(v *T) error {
	return rw.WriteRaw(v, nil)
}

// WriteRaw adds one row: in JSON and JSON Lines the object raw as Graph
// sent it (every property, null and unknown member kept; whitespace
// between tokens taken out so a row stays on one line), in CSV the
// columns of v. A nil raw writes v encoded, as Write does.
func (rw *RowWriter[T]) WriteRaw(v *T, raw json.RawMessage) error {
	if err := rw.start(); err != nil {
		return err
	}
	rw.n++
	if rw.csv != nil {
		clear(rw.rec)
		rw.cols.Fill(v, rw.rec)
		if err := rw.csv.Write(rw.rec); err != nil {
			return &WriteError{err}
		}
		return nil
	}
	rw.buf.Reset()
	if raw != nil {
		if err := json.Compact(&rw.buf, raw); err != nil {
			return fmt.Errorf("write row as sent: %w", err)
		}
		rw.buf.WriteByte('\n')
	} else if err := rw.enc.Encode(v); err != nil {
		return fmt.Errorf("encode row: %w", err)
	}
	b := model.EscapeJSONText(rw.buf.Bytes()) // Graph's text, with no raw C1 or bidi controls
	if rw.format == JSON {
		// One element a line; the separator ends the previous line.
		b = b[:len(b)-1]
		if rw.n > 1 {
			if _, err := rw.w.WriteString(",\n"); err != nil {
				return &WriteError{err}
			}
		}
	}
	if _, err := rw.w.Write(b); err != nil {
		return &WriteError{err}
	}
	return nil
}

// start writes what precedes the first row: "[" or the CSV header.
func (rw *RowWriter[T]) start() error {
	if rw.n > 0 {
		return nil
	}
	var err error
	switch rw.format {
	case JSON:
		_, err = rw.w.WriteString("[\n")
	case CSV:
		err = rw.csv.Write(rw.cols.Header)
	}
	if err != nil {
		return &WriteError{err}
	}
	return nil
}

// Flush pushes the rows written so far to the reader; call it after each page.
func (rw *RowWriter[T]) Flush() error {
	if rw.csv != nil {
		if err := rw.csv.Flush(); err != nil {
			return &WriteError{err}
		}
	}
	if err := rw.w.Flush(); err != nil {
		return &WriteError{err}
	}
	return nil
}

// Close ends a complete output: the array's "]" (or "[]" when empty) and
// the CSV header even when there are no rows. After an error, do not call
// Close (Flush instead), so that a JSON array cut short never parses as
// complete.
func (rw *RowWriter[T]) Close() error {
	if rw.n == 0 {
		if err := rw.start(); err != nil {
			return err
		}
	}
	if rw.format == JSON {
		end := "\n]\n"
		if rw.n == 0 {
			end = "]\n"
		}
		if _, err := rw.w.WriteString(end); err != nil {
			return &WriteError{err}
		}
	}
	return rw.Flush()
}

// WriteJSON writes one value as indented JSON, with the same escapes as
// the rows: a record, a summary.
func WriteJSON(w io.Writer, v any) error {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		return fmt.Errorf("encode: %w", err)
	}
	if _, err := w.Write(model.EscapeJSONText(buf.Bytes())); err != nil {
		return &WriteError{err}
	}
	return nil
}

// WriteRawJSON writes one object as Graph sent it (a record with every
// property, null and unknown member), byte for byte but for the escapes
// of model.EscapeJSONText, then a newline.
func WriteRawJSON(w io.Writer, raw json.RawMessage) error {
	if !json.Valid(raw) {
		return errors.New("write JSON as sent: not valid JSON")
	}
	b := model.EscapeJSONText(bytes.TrimSpace(raw))
	if _, err := w.Write(append(b[:len(b):len(b)], '\n')); err != nil {
		return &WriteError{err}
	}
	return nil
}
