package common

import (
	"bytes"
	"encoding/base64"
	"encoding/csv"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/callscope/callscope/model/export"
)

var exportRows = [][]string{
	{"a1", "Zoë, \"the\" organizer", "12"},
	{"b2", "山田\n太郎", ""},
}

func exportRow(i int, rec []string) { copy(rec, exportRows[i]) }

// exportText exports rows of text cells, as the record screens do.
func exportText(dir string, at time.Time, header []string, n int, row func(int, []string)) (string, string, error) {
	return exportFiles(dir, "calls", at, export.RecordColumns(header), n, recordRow(header, nil, row))
}

func TestExportFilesWritesCSVAndJSON(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "out")
	at := time.Date(2026, 11, 20, 14, 5, 9, 0, time.UTC)
	header := []string{"id", "organizer", "durationSeconds"}
	csvPath, jsonPath, err := exportText(dir, at, header, len(exportRows), exportRow)
	if err != nil {
		t.Fatal(err)
	}
	if filepath.Base(csvPath) != "callscope-calls-20261120-140509.csv" || filepath.Base(jsonPath) != "callscope-calls-20261120-140509.json" {
		t.Fatalf("names: %s %s", csvPath, jsonPath)
	}
	f, _ := os.Open(csvPath)
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != 3 || strings.Join(recs[0], "|") != "id|organizer|durationSeconds" || recs[1][1] != exportRows[0][1] || recs[2][1] != exportRows[1][1] {
		t.Fatalf("csv: %q", recs)
	}
	raw, _ := os.ReadFile(jsonPath)
	var objs []map[string]string
	if err := json.Unmarshal(raw, &objs); err != nil {
		t.Fatalf("json: %v\n%s", err, raw)
	}
	if len(objs) != 2 || objs[0]["organizer"] != exportRows[0][1] || objs[1]["durationSeconds"] != "" || objs[1]["id"] != "b2" {
		t.Fatalf("json: %v", objs)
	}
	if i, j := bytes.Index(raw, []byte(`"id"`)), bytes.Index(raw, []byte(`"organizer"`)); i > j {
		t.Error("json keys must keep header order")
	}

	// A second export in the same second never overwrites the first.
	c2, j2, err := exportText(dir, at, header, 1, exportRow)
	if err != nil {
		t.Fatal(err)
	}
	if c2 == csvPath || j2 == jsonPath || !strings.HasSuffix(c2, "-2.csv") {
		t.Fatalf("second export: %s %s", c2, j2)
	}
}

// formulaPayloads are cells a spreadsheet would run (CSV injection), with
// the cell the export must write instead.
var formulaPayloads = []struct{ in, want string }{
	{`=HYPERLINK("http://evil")`, `'=HYPERLINK("http://evil")`},
	{"@SUM(1+1)", "'@SUM(1+1)"},
	{"+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0"},
	{"\t=cmd", "'\t=cmd"},
}

// TestExportDefusesFormulas: the explorer's CSV writes a formula as text
// (a leading quote) while numbers and phone numbers keep their sign; the
// JSON beside it keeps the values as they are.
func TestExportDefusesFormulas(t *testing.T) {
	header := []string{"name", "charge", "phone"}
	row := func(i int, rec []string) {
		copy(rec, []string{formulaPayloads[i].in, "-3.5", "+4930123456"})
	}
	csvPath, jsonPath, err := exportText(t.TempDir(), time.Unix(0, 0).UTC(), header, len(formulaPayloads), row)
	if err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(csvPath)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != len(formulaPayloads)+1 {
		t.Fatalf("%d records: %q", len(recs), recs)
	}
	for i, p := range formulaPayloads {
		if got := recs[i+1]; got[0] != p.want || got[1] != "-3.5" || got[2] != "+4930123456" {
			t.Errorf("row %d = %q, want [%q -3.5 +4930123456]", i, got, p.want)
		}
	}
	raw, _ := os.ReadFile(jsonPath)
	var objs []map[string]string
	if err := json.Unmarshal(raw, &objs); err != nil || len(objs) != len(formulaPayloads) || objs[0]["name"] != formulaPayloads[0].in {
		t.Fatalf("json: %v %v", objs, err)
	}
}

func TestExportEmptyJSONIsAnArray(t *testing.T) {
	var b bytes.Buffer
	if err := writeRows(&b, export.JSON, export.RecordColumns([]string{"a"}), 0, recordRow([]string{"a"}, nil, exportRow)); err != nil {
		t.Fatal(err)
	}
	var v []any
	if err := json.Unmarshal(b.Bytes(), &v); err != nil || len(v) != 0 {
		t.Fatalf("%q: %v %v", b.String(), v, err)
	}
}

func TestExportCmdReportsWhere(t *testing.T) {
	dir := t.TempDir()
	msg := ExportRecordsCmd(dir, "calls", time.Unix(0, 0).UTC(), []string{"id", "organizer", "d"}, nil, 2, exportRow)()
	fm, ok := msg.(FlashMsg)
	if !ok || fm.IsError || !strings.Contains(fm.Text, dir) || !strings.Contains(fm.Text, "2 rows") {
		t.Fatalf("flash: %#v", msg)
	}
	// A file where the directory should be fails with an error flash.
	blocker := filepath.Join(dir, "file")
	os.WriteFile(blocker, nil, 0o644)
	msg = ExportRecordsCmd(filepath.Join(blocker, "sub"), "calls", time.Unix(0, 0), []string{"id"}, nil, 1, exportRow)()
	if fm, ok := msg.(FlashMsg); !ok || !fm.IsError || !strings.HasPrefix(fm.Text, "export failed") {
		t.Fatalf("flash: %#v", msg)
	}
}

func TestWriteOSC52(t *testing.T) {
	env := func(m map[string]string) func(string) string { return func(k string) string { return m[k] } }
	payload := base64.StdEncoding.EncodeToString([]byte("3f2a-id"))
	var b bytes.Buffer
	if err := writeOSC52(&b, "3f2a-id", env(nil)); err != nil {
		t.Fatal(err)
	}
	if b.String() != "\x1b]52;c;"+payload+"\x07" {
		t.Fatalf("plain: %q", b.String())
	}
	b.Reset()
	writeOSC52(&b, "3f2a-id", env(map[string]string{"TMUX": "/tmp/tmux"}))
	if strings.Count(b.String(), payload) != 2 || !strings.Contains(b.String(), "\x1bPtmux;") {
		t.Fatalf("tmux: %q", b.String())
	}
	b.Reset()
	writeOSC52(&b, "3f2a-id", env(map[string]string{"TERM": "screen-256color"}))
	if !strings.HasPrefix(b.String(), "\x1bP") || !strings.Contains(b.String(), payload) {
		t.Fatalf("screen: %q", b.String())
	}
}

func TestCopyCmd(t *testing.T) {
	var got string
	msg := CopyCmd(func(s string) error { got = s; return nil }, "abc")()
	if fm := msg.(FlashMsg); fm.IsError || fm.Text != "copied abc to the clipboard" || got != "abc" {
		t.Fatalf("%#v %q", msg, got)
	}
	msg = CopyCmd(func(string) error { return errors.New("no tty") }, "abc")()
	if fm := msg.(FlashMsg); !fm.IsError || !strings.Contains(fm.Text, "no tty") {
		t.Fatalf("%#v", msg)
	}
	if fm := CopyCmd(nil, "abc")().(FlashMsg); !fm.IsError {
		t.Fatalf("nil copy: %#v", fm)
	}
}

// jsonKind is the JSON type of v: "string", "number", "boolean", "null",
// "array" or "object".
func jsonKind(v any) string {
	switch v.(type) {
	case nil:
		return "null"
	case string:
		return "string"
	case float64:
		return "number"
	case bool:
		return "boolean"
	case []any:
		return "array"
	}
	return "object"
}

// scriptAndExplorer writes one row decoded from Graph's bytes as the
// scripted command does (RowWriter with the bytes for JSON, cols for CSV)
// and as e does, and returns both CSVs and both JSON objects.
func scriptAndExplorer[T any](t *testing.T, cols export.Columns[T], graph string) (scriptCSV, explorerCSV string, script, explorer map[string]any) {
	t.Helper()
	var row T
	if err := json.Unmarshal([]byte(graph), &row); err != nil {
		t.Fatal(err)
	}
	var sc, sj bytes.Buffer
	for _, out := range []struct {
		w      *bytes.Buffer
		format export.Format
	}{{&sc, export.CSV}, {&sj, export.JSON}} {
		rw := export.NewRowWriter(out.w, out.format, cols)
		if err := rw.WriteRaw(&row, json.RawMessage(graph)); err != nil {
			t.Fatal(err)
		}
		if err := rw.Close(); err != nil {
			t.Fatal(err)
		}
	}
	csvPath, jsonPath, err := exportFiles(t.TempDir(), "logs", time.Unix(0, 0).UTC(), cols, 1, func(_ int, v *T) { *v = row })
	if err != nil {
		t.Fatal(err)
	}
	ec, _ := os.ReadFile(csvPath)
	ej, _ := os.ReadFile(jsonPath)
	var s, e []map[string]any
	if err := json.Unmarshal(sj.Bytes(), &s); err != nil || len(s) != 1 {
		t.Fatalf("script json: %v\n%s", err, sj.Bytes())
	}
	if err := json.Unmarshal(ej, &e); err != nil || len(e) != 1 {
		t.Fatalf("explorer json: %v\n%s", err, ej)
	}
	return sc.String(), string(ec), s[0], e[0]
}

// TestExportMatchesTheScripts: for the same Direct Routing and PSTN rows,
// e writes the CSV `direct`/`pstn --output csv` write, byte for byte, and
// JSON with every member of `--output json` present with the same type
// (number, boolean, null for what Graph did not report). The one
// difference: e encodes the decoded row, not Graph's bytes, so a member
// Graph sent as null that the row leaves out when empty is absent.
func TestExportMatchesTheScripts(t *testing.T) {
	dr := `{"id":"9e4d","correlationId":"c-1","userPrincipalName":"adele@contoso.com","startDateTime":"2026-11-20T14:00:00Z",
		"inviteDateTime":"2026-11-20T14:00:00.5Z","failureDateTime":"2026-11-20T14:00:10Z","endDateTime":null,"duration":0,
		"callType":"ByotOut","successfulCall":false,"callerNumber":"+4930123456","calleeNumber":"+14255550100",
		"finalSipCode":408,"callEndSubReason":null,"finalSipCodePhrase":"Request Timeout",
		"trunkFullyQualifiedDomainName":"sbc.contoso.com","mediaBypassEnabled":true}`
	pstn := `{"id":"p-1","callId":"c-2","userPrincipalName":"adele@contoso.com","startDateTime":"2026-11-20T14:00:00Z",
		"endDateTime":"2026-11-20T14:05:00Z","duration":300,"charge":0.25,"connectionCharge":null,"currency":"USD",
		"callType":"user_out_international","calleeNumber":"+14255550100","callerNumber":"+4930123456"}`
	check := func(name, scriptCSV, explorerCSV string, script, explorer map[string]any) {
		t.Helper()
		if scriptCSV != explorerCSV {
			t.Errorf("%s csv differs:\nscript:   %q\nexplorer: %q", name, scriptCSV, explorerCSV)
		}
		for k, v := range script {
			got, ok := explorer[k]
			if !ok && v == nil {
				continue // a decoded row leaves out some members Graph sent as null
			}
			if !ok {
				t.Errorf("%s json: explorer lacks %q", name, k)
				continue
			}
			if jsonKind(got) != jsonKind(v) {
				t.Errorf("%s json %q: explorer %s %v, script %s %v", name, k, jsonKind(got), got, jsonKind(v), v)
			}
		}
	}
	sc, ec, s, e := scriptAndExplorer(t, export.DirectRoutingColumns, dr)
	check("direct routing", sc, ec, s, e)
	if e["finalSipCode"] != float64(408) || e["successfulCall"] != false || e["callEndSubReason"] != nil {
		t.Errorf("direct routing json: %v", e)
	}
	sc, ec, s, e = scriptAndExplorer(t, export.PstnColumns, pstn)
	check("pstn", sc, ec, s, e)
	if e["duration"] != float64(300) || e["charge"] != 0.25 {
		t.Errorf("pstn json: %v", e)
	}
}

// TestExportRecordsTypesCells: a record export's number columns are JSON
// numbers (an empty cell null), its text columns strings, in header order.
func TestExportRecordsTypesCells(t *testing.T) {
	header := []string{"id", "duration_s", "loss"}
	kinds := []export.Kind{export.Text, export.Number, export.Number}
	cells := [][]string{{"a<b>", "12.5", ""}, {"7", "x", "0"}}
	var b bytes.Buffer
	if err := writeRows(&b, export.JSON, export.RecordColumns(header), 2, recordRow(header, kinds, func(i int, c []string) { copy(c, cells[i]) })); err != nil {
		t.Fatal(err)
	}
	want := "[\n" + `{"id":"a<b>","duration_s":12.5,"loss":null}` + ",\n" + `{"id":"7","duration_s":"x","loss":0}` + "\n]\n"
	if b.String() != want {
		t.Fatalf("json:\n%s\nwant:\n%s", b.String(), want)
	}
}
