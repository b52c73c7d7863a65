package export

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/callscope/callscope/model"
)

// A null in Graph's row is an empty CSV cell and null in JSON, never 0 or
// false; its outcome is "not reported".
func TestNotReportedIsEmptyInCSVAndNullInJSON(t *testing.T) {
	var r model.DirectRoutingRow
	doc := `{"id":"a","successfulCall":null,"finalSipCode":null,"callEndSubReason":null,"duration":null,"mediaBypassEnabled":null}`
	if err := json.Unmarshal([]byte(doc), &r); err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	w := NewRowWriter(&out, CSV, DirectRoutingColumns)
	if err := w.Write(&r); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(&out).ReadAll()
	if err != nil || len(recs) != 2 {
		t.Fatalf("csv = %q, %v", recs, err)
	}
	cell := func(name string) string { return recs[1][slices.Index(recs[0], name)] }
	for _, name := range []string{"duration", "successfulCall", "finalSipCode", "callEndSubReason", "mediaBypassEnabled"} {
		if got := cell(name); got != "" {
			t.Errorf("%s = %q, want an empty cell", name, got)
		}
	}
	if got := cell("outcome"); got != "not reported" {
		t.Errorf("outcome = %q, want not reported", got)
	}

	out.Reset()
	w = NewRowWriter(&out, JSON, DirectRoutingColumns)
	if err := w.Write(&r); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{`"duration":null`, `"successfulCall":null`, `"finalSipCode":null`, `"callEndSubReason":null`} {
		if !strings.Contains(out.String(), k) {
			t.Errorf("json = %s, want %s", out.String(), k)
		}
	}

	// Reported zeros stay zeros.
	ok := model.DirectRoutingRow{ID: "b", SuccessfulCall: false, FinalSIPCode: 0, CallEndSubReason: 540000}
	c := make([]string, len(DirectRoutingColumns.Header))
	DirectRoutingColumns.Fill(&ok, c)
	if c[9] != "0" || c[11] != "false" || c[16] != "0" || c[21] != "caller abandon" {
		t.Errorf("reported row = %q", c)
	}

	var p model.PstnRow
	if err := json.Unmarshal([]byte(`{"id":"p","duration":null}`), &p); err != nil {
		t.Fatal(err)
	}
	pc := make([]string, len(PstnColumns.Header))
	PstnColumns.Fill(&p, pc)
	if pc[7] != "" {
		t.Errorf("PSTN duration = %q, want an empty cell", pc[7])
	}
}

// TestCallSummaryColumnsAreCallColumns: the explorer's calls rows fill the
// script's columns, leaving what a list does not keep empty.
func TestCallSummaryColumnsAreCallColumns(t *testing.T) {
	if !slices.Equal(CallSummaryColumns.Header, CallColumns.Header) {
		t.Fatalf("header %q, want %q", CallSummaryColumns.Header, CallColumns.Header)
	}
	d := int64(725)
	s := CallSummary{ID: "a1", Type: "groupCall", Modalities: []string{"audio", "video"},
		Start: model.Time{Time: time.Date(2026, 11, 20, 13, 0, 0, 0, time.UTC)}, DurationSeconds: &d, OrganizerText: "Adele"}
	rec := make([]string, len(CallSummaryColumns.Header))
	CallSummaryColumns.Fill(&s, rec)
	want := []string{"a1", "", "groupCall", "audio;video", "2026-11-20T13:00:00Z", "", "725", "Adele", "", "", ""}
	if !slices.Equal(rec, want) {
		t.Fatalf("cells %q, want %q", rec, want)
	}
}
