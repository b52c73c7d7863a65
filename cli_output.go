package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"syscall"

	"github.com/callscope/callscope/model"
	"github.com/callscope/callscope/model/export"
)

// outputError is a failed write to stdout, kept apart from Graph errors so
// a reader that went away (| head) ends the run quietly.
type outputError struct{ err error }

func (e *outputError) Error() string { return "write output: " + e.err.Error() }
func (e *outputError) Unwrap() error { return e.err }

// readerGone reports a closed stdout: EPIPE, which Go surfaces as an error
// once SIGPIPE is ignored (main does that).
func readerGone(err error) bool {
	return errors.Is(err, syscall.EPIPE) || errors.Is(err, os.ErrClosed)
}

// columns describe a CSV layout: a fixed header and a function that fills
// one record with the values as they are. The slice passed to fill is
// reused for every row; export.Writer makes each cell safe to open.
type columns[T any] struct {
	header []string
	fill   func(v *T, rec []string)
}

// rowWriter streams rows as json (one array), jsonl or csv. Rows go out in
// pages (Flush after each), so memory stays one page no matter how many
// pages Graph returns.
type rowWriter[T any] struct {
	w      *bufio.Writer
	format string
	cols   columns[T]
	n      int
	buf    bytes.Buffer
	enc    *json.Encoder
	csv    *export.Writer
	rec    []string
}

// newRowWriter writes to w in format (json, jsonl or csv).
func newRowWriter[T any](w io.Writer, format string, cols columns[T]) *rowWriter[T] {
	rw := &rowWriter[T]{w: bufio.NewWriterSize(w, 64<<10), format: format, cols: cols}
	rw.enc = json.NewEncoder(&rw.buf)
	rw.enc.SetEscapeHTML(false) // keep <, > and & readable for jq users
	if format == "csv" {
		rw.csv = export.NewWriter(rw.w)
		rw.rec = make([]string, len(cols.header))
	}
	return rw
}

// Write adds one row.
func (rw *rowWriter[T]) Write(v *T) error {
	if err := rw.start(); err != nil {
		return err
	}
	rw.n++
	if rw.csv != nil {
		clear(rw.rec)
		rw.cols.fill(v, rw.rec)
		if err := rw.csv.Write(rw.rec); err != nil {
			return &outputError{err}
		}
		return nil
	}
	rw.buf.Reset()
	if err := rw.enc.Encode(v); err != nil {
		return fmt.Errorf("encode row: %w", err)
	}
	b := model.EscapeJSONText(rw.buf.Bytes()) // Graph's text, with no raw C1 or bidi controls
	if rw.format == "json" {
		// One element a line; the separator ends the previous line.
		b = b[:len(b)-1]
		if rw.n > 1 {
			if _, err := rw.w.WriteString(",\n"); err != nil {
				return &outputError{err}
			}
		}
	}
	if _, err := rw.w.Write(b); err != nil {
		return &outputError{err}
	}
	return nil
}

// start writes what precedes the first row: "[" or the CSV header.
func (rw *rowWriter[T]) start() error {
	if rw.n > 0 {
		return nil
	}
	var err error
	switch rw.format {
	case "json":
		_, err = rw.w.WriteString("[\n")
	case "csv":
		err = rw.csv.Write(rw.cols.header)
	}
	if err != nil {
		return &outputError{err}
	}
	return nil
}

// Flush pushes the rows written so far to the reader; called after each page.
func (rw *rowWriter[T]) Flush() error {
	if rw.csv != nil {
		if err := rw.csv.Flush(); err != nil {
			return &outputError{err}
		}
	}
	if err := rw.w.Flush(); err != nil {
		return &outputError{err}
	}
	return nil
}

// Close ends a complete output: the array's "]" (or "[]" when empty) and
// the CSV header even when there are no rows. After an error Close is not
// called, so a json array cut short never parses as complete.
func (rw *rowWriter[T]) Close() error {
	if rw.n == 0 {
		if err := rw.start(); err != nil {
			return err
		}
	}
	if rw.format == "json" {
		end := "\n]\n"
		if rw.n == 0 {
			end = "]\n"
		}
		if _, err := rw.w.WriteString(end); err != nil {
			return &outputError{err}
		}
	}
	return rw.Flush()
}

// writeJSON writes one value as indented JSON (record output).
func writeJSON(w io.Writer, v any) error {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		return fmt.Errorf("encode: %w", err)
	}
	if _, err := w.Write(model.EscapeJSONText(buf.Bytes())); err != nil {
		return &outputError{err}
	}
	return nil
}
