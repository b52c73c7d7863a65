package export

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/callscope/callscope/model"
)

func TestRowWriterEmptyOutputs(t *testing.T) {
	for format, want := range map[Format]string{
		JSON:      "[\n]\n",
		JSONLines: "",
		CSV:       strings.Join(CallColumns.Header, ",") + "\n",
	} {
		var b bytes.Buffer
		if err := NewRowWriter(&b, format, CallColumns).Close(); err != nil {
			t.Fatal(err)
		}
		if b.String() != want {
			t.Errorf("%s: %q, want %q", format, b.String(), want)
		}
	}
}

func TestRowWriterKeepsHTMLCharactersReadable(t *testing.T) {
	var b bytes.Buffer
	rw := NewRowWriter(&b, JSONLines, CallColumns)
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
	for _, format := range []Format{JSON, JSONLines} {
		var b bytes.Buffer
		rw := NewRowWriter(&b, format, CallColumns)
		if err := rw.Write(&rec); err != nil {
			t.Fatal(err)
		}
		if err := rw.Close(); err != nil {
			t.Fatal(err)
		}
		outputs[string(format)] = &b
	}
	var one bytes.Buffer
	if err := WriteJSON(&one, &rec); err != nil {
		t.Fatal(err)
	}
	outputs["record"] = &one
	for format, b := range outputs {
		if i := strings.IndexAny(b.String(), "\u009b\x7f\u202e"); i >= 0 {
			t.Errorf("%s: raw control at byte %d: %q", format, i, b.String())
		}
		var back model.CallRecord
		text := strings.TrimSpace(b.String())
		if format == string(JSON) {
			text = strings.TrimSuffix(strings.TrimPrefix(text, "["), "]")
		}
		if err := json.Unmarshal([]byte(text), &back); err != nil || back.JoinWebURL != name {
			t.Errorf("%s: decodes to %q (%v), want %q", format, back.JoinWebURL, err, name)
		}
	}
}

// TestCSVOutputDefusesFormulas: CSV rows go through the one CSV writer, so
// a display name that is a formula arrives as text while phone numbers and
// numbers keep their sign.
func TestCSVOutputDefusesFormulas(t *testing.T) {
	charge := -3.5
	rows := []model.PstnRow{
		{ID: `=HYPERLINK("http://evil")`, UserDisplayName: "@SUM(1+1)", CalleeNumber: "+4930123456", Charge: &charge},
		{ID: "+cmd|' /C calc'!A0", UserDisplayName: "\t=cmd", CallerNumber: "+1 (555) 000-111", Currency: "\r=x"},
	}
	var b bytes.Buffer
	rw := NewRowWriter(&b, CSV, PstnColumns)
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
	col := func(name string) int { return slices.Index(PstnColumns.Header, name) }
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
	if got := Stamp(model.NewTime(time.Date(2026, 11, 20, 14, 0, 0, 500, loc))); got != "2026-11-20T12:00:00.0000005Z" {
		t.Errorf("stamp = %q", got)
	}
	if got := Stamp(model.Time{}); got != "" {
		t.Errorf("zero stamp = %q", got)
	}
}

// benchRows are n Direct Routing rows, every third failed, with the text
// fields a real row has.
func benchRows(n int) []model.DirectRoutingRow {
	now := time.Now()
	rows := make([]model.DirectRoutingRow, n)
	for i := range rows {
		start := now.Add(-time.Duration(i+1) * time.Minute).Truncate(time.Second)
		r := model.DirectRoutingRow{ID: fmt.Sprintf("dr-%05d", i), CorrelationID: fmt.Sprintf("00000000-0000-4000-8000-%012d", i),
			UserDisplayName: "=HYPERLINK(\"x\")", CallerNumber: "+1555000****", CalleeNumber: "+1555111****",
			StartDateTime: model.NewTime(start), InviteDateTime: model.NewTime(start), CallType: "ByotIn",
			TrunkFullyQualifiedDomainName: "sbc.contoso.com", SuccessfulCall: i%3 != 0}
		if r.SuccessfulCall {
			r.EndDateTime, r.Duration, r.FinalSIPCodePhrase = model.NewTime(start.Add(time.Minute)), 60, "BYE"
		} else {
			r.FailureDateTime, r.FinalSIPCode, r.CallEndSubReason, r.FinalSIPCodePhrase = model.NewTime(start.Add(time.Second)), 503, 560503, "Service Unavailable"
		}
		rows[i] = r
	}
	return rows
}

// BenchmarkRowWriter measures one row through each format; allocs/op must
// not depend on how many rows came before (nothing accumulates).
func BenchmarkRowWriter(b *testing.B) {
	rows := benchRows(1000)
	for _, format := range []Format{CSV, JSONLines, JSON} {
		b.Run(string(format), func(b *testing.B) {
			rw := NewRowWriter(io.Discard, format, DirectRoutingColumns)
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
