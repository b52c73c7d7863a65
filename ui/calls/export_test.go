package calls

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
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
	if !slices.Equal(explorerRows[0], scriptRows[0]) || len(explorerRows) != len(scriptRows) {
		t.Fatalf("csv header:\nexplorer %q\nscript   %q", explorerRows[0], scriptRows[0])
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
