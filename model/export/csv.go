// Package export writes rows for spreadsheets, jq and terminals, in one
// place for the scripted commands (--output csv|json|jsonl) and the
// explorer's export alike: RowWriter streams rows as JSON, JSON Lines or CSV
// with the column tables of this package, Writer neutralises CSV cells a
// spreadsheet would run as a formula, and model.EscapeJSONText escapes what
// a terminal would act on in JSON.
package export

import (
	"encoding/csv"
	"fmt"
	"io"
	"strconv"
)

// Writer writes RFC 4180 CSV (encoding/csv quotes commas, quotes and line
// breaks) with every cell passed through Cell first, so no value from Graph
// reaches a spreadsheet as a formula.
type Writer struct {
	w   *csv.Writer
	rec []string // reused: the caller's record is never modified
}

// NewWriter writes CSV to w. Output is buffered: call Flush.
func NewWriter(w io.Writer) *Writer {
	return &Writer{w: csv.NewWriter(w)}
}

// Write writes one record (the header too: our header names are plain
// words, which Cell leaves alone).
func (w *Writer) Write(record []string) error {
	w.rec = w.rec[:0]
	for _, s := range record {
		w.rec = append(w.rec, Cell(s))
	}
	if err := w.w.Write(w.rec); err != nil {
		return fmt.Errorf("write csv: %w", err)
	}
	return nil
}

// Flush writes any buffered records to the underlying writer and reports
// the first error of any write so far.
func (w *Writer) Flush() error {
	w.w.Flush()
	if err := w.w.Error(); err != nil {
		return fmt.Errorf("write csv: %w", err)
	}
	return nil
}

// Cell returns s as a spreadsheet must read it: data, never a formula.
//
// Display names, device names, SIP phrases and the like are written by
// users and guests of any tenant, so "=HYPERLINK(…)", "@SUM(…)" or
// "+cmd|' /C calc'!A0" in a cell is a real attack (CSV injection). Following
// OWASP's advice, a cell that starts with =, +, -, @, a tab or a carriage
// return gets a leading single quote, which makes a spreadsheet show it as
// text.
//
// Two kinds of value keep their sign, because they are data a reader sorts
// and sums, and a formula cannot be built from their characters (no
// letters, no function call, no DDE "|" or "!"):
//   - a number: "-3.5", "+42", "-1e-3";
//   - a phone number as Graph writes it: a "+", then digits and the
//     masking and grouping characters "*# ()-." ("+14255550100",
//     "+1 (425) 555-0100", "+1425555****"). A lone "+" or "-" is kept too;
//     "-2-3", which a spreadsheet would compute, is not.
func Cell(s string) string {
	if s == "" {
		return s
	}
	switch s[0] {
	case '=', '@', '\t', '\r':
		return "'" + s
	case '+':
		if !number(s) && !phoneLike(s[1:]) {
			return "'" + s
		}
	case '-':
		// No phone number starts with '-', and "-2-3" would be computed.
		if !number(s) && s != "-" {
			return "'" + s
		}
	}
	return s
}

// number reports a decimal number: what strconv accepts, written with
// digits, a point, an exponent and signs only (no "Inf", "NaN" or hex).
func number(s string) bool {
	for _, r := range s {
		if (r < '0' || r > '9') && r != '.' && r != 'e' && r != 'E' && r != '+' && r != '-' {
			return false
		}
	}
	_, err := strconv.ParseFloat(s, 64)
	return err == nil
}

// phoneLike: digits and the masking and grouping characters Graph uses.
func phoneLike(s string) bool {
	for _, r := range s {
		if (r < '0' || r > '9') && r != '*' && r != '#' && r != ' ' && r != '(' && r != ')' && r != '-' && r != '.' {
			return false
		}
	}
	return true
}
