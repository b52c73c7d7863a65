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
)

var exportRows = [][]string{
	{"a1", "Zoë, \"the\" organizer", "12"},
	{"b2", "山田\n太郎", ""},
}

func exportRow(i int, rec []string) { copy(rec, exportRows[i]) }

func TestExportFilesWritesCSVAndJSON(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "out")
	at := time.Date(2026, 11, 20, 14, 5, 9, 0, time.UTC)
	header := []string{"id", "organizer", "durationSeconds"}
	csvPath, jsonPath, err := exportFiles(dir, "calls", at, header, len(exportRows), exportRow)
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
	c2, j2, err := exportFiles(dir, "calls", at, header, 1, exportRow)
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
	csvPath, jsonPath, err := exportFiles(t.TempDir(), "calls", time.Unix(0, 0).UTC(), header, len(formulaPayloads), row)
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
	if err := writeJSON(&b, []string{"a"}, 0, exportRow); err != nil {
		t.Fatal(err)
	}
	var v []any
	if err := json.Unmarshal(b.Bytes(), &v); err != nil || len(v) != 0 {
		t.Fatalf("%q: %v %v", b.String(), v, err)
	}
}

func TestExportCmdReportsWhere(t *testing.T) {
	dir := t.TempDir()
	msg := ExportCmd(dir, "calls", time.Unix(0, 0).UTC(), []string{"id", "organizer", "d"}, 2, exportRow)()
	fm, ok := msg.(FlashMsg)
	if !ok || fm.IsError || !strings.Contains(fm.Text, dir) || !strings.Contains(fm.Text, "2 rows") {
		t.Fatalf("flash: %#v", msg)
	}
	// A file where the directory should be fails with an error flash.
	blocker := filepath.Join(dir, "file")
	os.WriteFile(blocker, nil, 0o644)
	msg = ExportCmd(filepath.Join(blocker, "sub"), "calls", time.Unix(0, 0), []string{"id"}, 1, exportRow)()
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
