package main

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/callscope/callscope/graphclient/fakegraph"
	"github.com/callscope/callscope/model"
)

// closedPipe fails every write after the first n bytes as a closed pipe does.
type closedPipe struct{ n int }

func (w *closedPipe) Write(p []byte) (int, error) {
	if len(p) <= w.n {
		w.n -= len(p)
		return len(p), nil
	}
	k := w.n
	w.n = 0
	return k, syscall.EPIPE
}

func TestClosedStdoutEndsQuietly(t *testing.T) {
	f := startFake(t, testTenant(200, 0, time.Now()), fakegraph.Faults{}, nil)
	for _, format := range []string{"json", "jsonl", "csv"} {
		f.srv.ResetRequests()
		var errb bytes.Buffer
		code := run([]string{"calls", "--graph-url", f.root, "--output", format}, &closedPipe{n: 100}, &errb)
		if code != exitOK || errb.Len() != 0 {
			t.Errorf("%s: exit %d, stderr %q; want a quiet 0", format, code, errb.String())
		}
		if n := len(f.srv.Requests()); n != 1 {
			t.Errorf("%s: %d pages fetched after the reader left, want 1", format, n)
		}
	}
	var errb bytes.Buffer
	if code := run([]string{"record", recordID(1), "--graph-url", f.root}, &closedPipe{}, &errb); code != exitOK || errb.Len() != 0 {
		t.Errorf("record: exit %d, stderr %q", code, errb.String())
	}
}

func TestOnlyAnOutputEPIPEIsQuiet(t *testing.T) {
	var errb bytes.Buffer
	if code := exitCode(fmt.Errorf("GET /x: network error: %w", syscall.EPIPE), &errb); code != exitFail {
		t.Errorf("an EPIPE talking to Graph gave exit %d, want 1", code)
	}
	if code := exitCode(&outputError{errors.New("no space left on device")}, &errb); code != exitFail {
		t.Errorf("a full disk gave exit %d, want 1", code)
	}
	if !strings.Contains(errb.String(), "no space left") {
		t.Errorf("stderr %q", errb.String())
	}
}

func TestRowWriterEmptyOutputs(t *testing.T) {
	for format, want := range map[string]string{
		"json":  "[\n]\n",
		"jsonl": "",
		"csv":   strings.Join(callColumns.header, ",") + "\n",
	} {
		var b bytes.Buffer
		if err := newRowWriter(&b, format, callColumns).Close(); err != nil {
			t.Fatal(err)
		}
		if b.String() != want {
			t.Errorf("%s: %q, want %q", format, b.String(), want)
		}
	}
}

func TestRowWriterKeepsHTMLCharactersReadable(t *testing.T) {
	var b bytes.Buffer
	rw := newRowWriter(&b, "jsonl", callColumns)
	_ = rw.Write(&model.CallRecord{ID: "a", JoinWebURL: "https://x/?a=1&b=<2>"})
	_ = rw.Close()
	if !strings.Contains(b.String(), "a=1&b=<2>") {
		t.Errorf("got %s", b.String())
	}
}

// TestJSONOutputHasNoRawTerminalControls: JSON keeps Graph's text, but an
// 8-bit CSI, DEL or a bidi override in it is written as a \u escape, which
// a terminal prints rather than acts on; a JSON reader gets the same value.
func TestJSONOutputHasNoRawTerminalControls(t *testing.T) {
	name := "Eve\u009b31m\x7f\u202eevil"
	rec := model.CallRecord{ID: "a", JoinWebURL: name}
	outputs := map[string]*bytes.Buffer{}
	for _, format := range []string{"json", "jsonl"} {
		var b bytes.Buffer
		rw := newRowWriter(&b, format, callColumns)
		if err := rw.Write(&rec); err != nil {
			t.Fatal(err)
		}
		if err := rw.Close(); err != nil {
			t.Fatal(err)
		}
		outputs[format] = &b
	}
	var one bytes.Buffer
	if err := writeJSON(&one, &rec); err != nil {
		t.Fatal(err)
	}
	outputs["record"] = &one
	for format, b := range outputs {
		if i := strings.IndexAny(b.String(), "\u009b\x7f\u202e"); i >= 0 {
			t.Errorf("%s: raw control at byte %d: %q", format, i, b.String())
		}
		var back model.CallRecord
		text := strings.TrimSpace(b.String())
		if format == "json" {
			text = strings.TrimSuffix(strings.TrimPrefix(text, "["), "]")
		}
		if err := json.Unmarshal([]byte(text), &back); err != nil || back.JoinWebURL != name {
			t.Errorf("%s: decodes to %q (%v), want %q", format, back.JoinWebURL, err, name)
		}
	}
}

// TestCSVOutputDefusesFormulas: --output csv writes through the one CSV
// writer, so a display name that is a formula arrives as text while phone
// numbers and numbers keep their sign.
func TestCSVOutputDefusesFormulas(t *testing.T) {
	charge := -3.5
	rows := []model.PstnRow{
		{ID: `=HYPERLINK("http://evil")`, UserDisplayName: "@SUM(1+1)", CalleeNumber: "+4930123456", Charge: &charge},
		{ID: "+cmd|' /C calc'!A0", UserDisplayName: "\t=cmd", CallerNumber: "+1 (555) 000-111", Currency: "\r=x"},
	}
	var b bytes.Buffer
	rw := newRowWriter(&b, "csv", pstnColumns)
	for i := range rows {
		if err := rw.Write(&rows[i]); err != nil {
			t.Fatal(err)
		}
	}
	if err := rw.Close(); err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(&b).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	col := func(name string) int { return slices.Index(pstnColumns.header, name) }
	want := []struct {
		row  int
		col  string
		cell string
	}{
		{1, "id", `'=HYPERLINK("http://evil")`},
		{1, "userDisplayName", "'@SUM(1+1)"},
		{1, "calleeNumber", "+4930123456"},
		{1, "charge", "-3.5"},
		{2, "id", "'+cmd|' /C calc'!A0"},
		{2, "userDisplayName", "'\t=cmd"},
		{2, "callerNumber", "+1 (555) 000-111"},
		{2, "currency", "'\r=x"},
	}
	if len(recs) != 3 {
		t.Fatalf("%d records, want a header and 2 rows: %q", len(recs), recs)
	}
	for _, w := range want {
		if got := recs[w.row][col(w.col)]; got != w.cell {
			t.Errorf("row %d %s = %q, want %q", w.row, w.col, got, w.cell)
		}
	}
}

func TestStampIsUTCAndEmptyForNoValue(t *testing.T) {
	loc := time.FixedZone("x", 2*3600)
	if got := stamp(model.NewTime(time.Date(2026, 11, 20, 14, 0, 0, 500, loc))); got != "2026-11-20T12:00:00.0000005Z" {
		t.Errorf("stamp = %q", got)
	}
	if got := stamp(model.Time{}); got != "" {
		t.Errorf("zero stamp = %q", got)
	}
}

func benchRows(n int) []model.DirectRoutingRow {
	rows := testTenant(0, n, time.Now()).DirectRoutingRows()
	return rows
}

// BenchmarkRowWriter measures one row through each format; allocs/op must
// not depend on how many rows came before (nothing accumulates).
func BenchmarkRowWriter(b *testing.B) {
	rows := benchRows(1000)
	for _, format := range []string{"csv", "jsonl", "json"} {
		b.Run(format, func(b *testing.B) {
			rw := newRowWriter(io.Discard, format, directColumns)
			b.ReportAllocs()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				if err := rw.Write(&rows[i%len(rows)]); err != nil {
					b.Fatal(err)
				}
				if i%1000 == 999 {
					_ = rw.Flush()
				}
			}
			_ = rw.Close()
		})
	}
}
