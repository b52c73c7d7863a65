package calls

import (
	"encoding/csv"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/callscope/callscope/model"
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
