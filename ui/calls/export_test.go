package calls

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/callscope/callscope/model"
	"github.com/callscope/callscope/model/export"
	"github.com/callscope/callscope/ui/common"
	"github.com/callscope/callscope/ui/uitest"
)

// callsFormulas are organizer names a spreadsheet would run (CSV
// injection), with the cell the export must write instead.
var callsFormulas = []struct{ in, want string }{
	{`=HYPERLINK("http://evil")`, `'=HYPERLINK("http://evil")`},
	{"@SUM(1+1)", "'@SUM(1+1)"},
	{"+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0"},
}

// TestCallsExportDefusesFormulas: the calls list's e goes through the same
// writer, so an organizer named as a formula is exported as text.
func TestCallsExportDefusesFormulas(t *testing.T) {
	c := uitest.Common(uitest.T0)
	c.ExportDir = t.TempDir()
	s := sized(c, Filter{})
	recs := uitest.MakeRecords(0, 3)
	for i, name := range []string{callsFormulas[0].in, callsFormulas[1].in, callsFormulas[2].in} {
		recs[i].OrganizerV2 = &model.Participant{ID: "u", Identity: &model.IdentitySet{User: &model.Identity{ID: "u", DisplayName: name}}}
	}
	update(s, pageOf(s, recs, ""))
	if fm := update(s, uitest.KeyRune('e'))().(common.FlashMsg); fm.IsError {
		t.Fatalf("export: %#v", fm)
	}
	matches, _ := filepath.Glob(filepath.Join(c.ExportDir, "callscope-calls-*.csv"))
	if len(matches) != 1 {
		t.Fatalf("export files: %v", matches)
	}
	f, err := os.Open(matches[0])
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	organizer := slices.Index(exportHeader, "organizer")
	if len(rows) != 4 {
		t.Fatalf("%d records: %q", len(rows), rows)
	}
	for i := range 3 {
		if got, want := rows[i+1][organizer], callsFormulas[i].want; got != want {
			t.Errorf("row %d organizer = %q, want %q", i, got, want)
		}
	}
}

// TestCallsExportMatchesTheScript: for the same records, e writes the CSV
// header of `callscope calls --output csv` and the same cells in every
// column the list keeps, and JSON whose members shared with `--output
// json` have the same values and types.
func TestCallsExportMatchesTheScript(t *testing.T) {
	c := uitest.Common(uitest.T0)
	c.ExportDir = t.TempDir()
	s := sized(c, Filter{})
	recs := uitest.MakeRecords(0, 3)
	update(s, pageOf(s, recs, ""))
	if fm := update(s, uitest.KeyRune('e'))().(common.FlashMsg); fm.IsError {
		t.Fatalf("export: %#v", fm)
	}
	var scriptCSV, scriptJSON bytes.Buffer
	for _, out := range []struct {
		w      *bytes.Buffer
		format export.Format
	}{{&scriptCSV, export.CSV}, {&scriptJSON, export.JSON}} {
		rw := export.NewRowWriter(out.w, out.format, export.CallColumns)
		for i := range recs {
			raw, err := json.Marshal(&recs[i]) // Graph's bytes for a list row
			if err != nil {
				t.Fatal(err)
			}
			if err := rw.WriteRaw(&recs[i], raw); err != nil {
				t.Fatal(err)
			}
		}
		if err := rw.Close(); err != nil {
			t.Fatal(err)
		}
	}
	csvs, _ := filepath.Glob(filepath.Join(c.ExportDir, "callscope-calls-*.csv"))
	jsons, _ := filepath.Glob(filepath.Join(c.ExportDir, "callscope-calls-*.json"))
	if len(csvs) != 1 || len(jsons) != 1 {
		t.Fatalf("export files: %v %v", csvs, jsons)
	}
	ec, _ := os.ReadFile(csvs[0])
	explorerRows, err := csv.NewReader(bytes.NewReader(ec)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	scriptRows, err := csv.NewReader(&scriptCSV).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	// The header of `calls --quality`: the script's columns, then the
	// verdicts (empty here: no record has landed).
	wantHeader := append(slices.Clone(scriptRows[0]), "result", "quality", "qualityReason")
	if !slices.Equal(explorerRows[0], wantHeader) || len(explorerRows) != len(scriptRows) {
		t.Fatalf("csv header:\nexplorer %q\nscript   %q", explorerRows[0], wantHeader)
	}
	for r := 1; r < len(explorerRows); r++ {
		if v := explorerRows[r][len(scriptRows[0]):]; !slices.Equal(v, []string{"", "", ""}) {
			t.Errorf("row %d verdicts %q before any record landed, want empty", r, v)
		}
	}
	for _, col := range []string{"id", "type", "modalities", "start", "duration_seconds", "organizer"} {
		at := slices.Index(scriptRows[0], col)
		for r := 1; r < len(scriptRows); r++ {
			if explorerRows[r][at] != scriptRows[r][at] {
				t.Errorf("row %d %s: explorer %q, script %q", r, col, explorerRows[r][at], scriptRows[r][at])
			}
		}
	}
	ej, _ := os.ReadFile(jsons[0])
	var explorer, script []map[string]any
	if err := json.Unmarshal(ej, &explorer); err != nil || len(explorer) != len(recs) {
		t.Fatalf("explorer json: %v\n%s", err, ej)
	}
	if err := json.Unmarshal(scriptJSON.Bytes(), &script); err != nil {
		t.Fatal(err)
	}
	for i := range script {
		for _, k := range []string{"id", "type", "modalities", "startDateTime"} {
			if fmt.Sprint(explorer[i][k]) != fmt.Sprint(script[i][k]) || fmt.Sprintf("%T", explorer[i][k]) != fmt.Sprintf("%T", script[i][k]) {
				t.Errorf("row %d %s: explorer %#v, script %#v", i, k, explorer[i][k], script[i][k])
			}
		}
		if _, ok := explorer[i]["durationSeconds"].(float64); !ok {
			t.Errorf("row %d durationSeconds = %#v, want a number", i, explorer[i]["durationSeconds"])
		}
	}
}

// TestCallsExportHasTheVerdicts: rows whose record landed export result,
// quality and qualityReason in the words of `calls --quality` (the
// store's verdict, computed in one place for both); a row not known yet
// exports them empty, in CSV and JSON alike.
func TestCallsExportHasTheVerdicts(t *testing.T) {
	c := uitest.Common(uitest.T0)
	c.ExportDir = t.TempDir()
	s := enrichScreenWith(t, c, 3)
	twoSessions := &model.CallRecord{Sessions: append(slices.Clone(goodRecord.Sessions), failedRecord.Sessions...)}
	land(s, 0, poorRecord)
	land(s, 1, twoSessions)
	if fm := update(s, uitest.KeyRune('e'))().(common.FlashMsg); fm.IsError {
		t.Fatalf("export: %#v", fm)
	}
	csvs, _ := filepath.Glob(filepath.Join(c.ExportDir, "callscope-calls-*.csv"))
	jsons, _ := filepath.Glob(filepath.Join(c.ExportDir, "callscope-calls-*.json"))
	if len(csvs) != 1 || len(jsons) != 1 {
		t.Fatalf("export files: %v %v", csvs, jsons)
	}
	f, err := os.Open(csvs[0])
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	at := slices.Index(rows[0], "result")
	if at < 0 || !slices.Equal(rows[0][at:], []string{"result", "quality", "qualityReason"}) {
		t.Fatalf("header %q lacks the verdict columns", rows[0])
	}
	ej, _ := os.ReadFile(jsons[0])
	var objs []map[string]any
	if err := json.Unmarshal(ej, &objs); err != nil || len(objs) != 3 {
		t.Fatalf("json: %v\n%s", err, ej)
	}
	for i, rec := range []*model.CallRecord{poorRecord, twoSessions, nil} {
		want := []string{"", "", ""}
		if rec != nil {
			v := common.StoreVerdict(rec)
			want = []string{v.Result, v.Quality, v.QualityReason}
		}
		if got := rows[i+1][at:]; !slices.Equal(got, want) {
			t.Errorf("csv row %d verdicts %q, want %q", i, got, want)
		}
		if got := []any{objs[i]["result"], objs[i]["quality"], objs[i]["qualityReason"]}; fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("json row %d verdicts %q, want %q", i, got, want)
		}
	}
	if !strings.Contains(rows[2][at], "(session 2 of 2)") || rows[1][at+1] != "poor audio" {
		t.Fatalf("result %q, quality %q: want the script's words (session, label)", rows[2][at], rows[1][at+1])
	}
}
