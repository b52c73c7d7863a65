package logs

import (
	"encoding/csv"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/callscope/callscope/ui/common"
	"github.com/callscope/callscope/ui/uitest"
	tea "github.com/charmbracelet/bubbletea"
)

func TestLogRangeFormReloads(t *testing.T) {
	from, to := threeDays()
	s := openLog(t, logCommon(t), newDirectRouting(), from, to)
	press(t, s, uitest.KeyRune('F'))
	if s.form == nil || !s.Capturing() {
		t.Fatal("F did not open the range form")
	}
	// Replace From with a bad value: the form refuses to apply.
	for range 30 {
		press(t, s, tea.KeyMsg{Type: tea.KeyBackspace})
	}
	for _, r := range "-1x" {
		press(t, s, uitest.KeyRune(r))
	}
	press(t, s, uitest.KeyEnter)
	if s.form == nil {
		t.Fatal("the form applied an invalid From")
	}
	for range 3 {
		press(t, s, tea.KeyMsg{Type: tea.KeyBackspace})
	}
	for _, r := range "-6h" {
		press(t, s, uitest.KeyRune(r))
	}
	got, _ := press(t, s, uitest.KeyEnter)
	s = got.(*List)
	if s.form != nil {
		t.Fatalf("the form did not apply: %q", s.form.form.Errors())
	}
	if !s.feed.from.Equal(uitest.Now.Add(-6*time.Hour)) || !s.feed.to.Equal(to) {
		t.Fatalf("range %v → %v", s.feed.from, s.feed.to)
	}
	if n := len(demoRowsIn(s.feed.from, s.feed.to)); s.feed.Len() != min(n, 1000) {
		t.Fatalf("after the new range: %d rows, want %d", s.feed.Len(), min(n, 1000))
	}
}

func TestCheckLogRangePstnLimit(t *testing.T) {
	_, _, errs := checkRangeForm(newPstn(), []string{"-100d", "now"}, uitest.Now)
	if errs[1] == "" {
		t.Fatal("a 100-day PSTN range must be refused before Graph answers 406")
	}
	if _, _, errs := checkRangeForm(newDirectRouting(), []string{"-100d", ""}, uitest.Now); errs[0] != "" || errs[1] != "" {
		t.Fatalf("Direct Routing has no range limit: %q", errs)
	}
	if _, _, errs := checkRangeForm(newDirectRouting(), []string{"now", "-1h"}, uitest.Now); errs[1] == "" {
		t.Fatal("To before From must be refused")
	}
}

func TestLogExportWritesTheViewInOrder(t *testing.T) {
	from, to := threeDays()
	c := logCommon(t)
	c.ExportDir = t.TempDir()
	s := openLog(t, c, newDirectRouting(), from, to)
	press(t, s, uitest.KeyRune('f'))
	sortBy(t, s, "duration")
	_, root := press(t, s, uitest.KeyRune('e'))
	if len(root) != 1 {
		t.Fatalf("root = %v", root)
	}
	f := root[0].(common.FlashMsg)
	if f.IsError {
		t.Fatal(f.Text)
	}
	files, _ := filepath.Glob(filepath.Join(c.ExportDir, "callscope-direct-routing-*.csv"))
	if len(files) != 1 {
		t.Fatalf("export files %v (flash %q)", files, f.Text)
	}
	fh, err := os.Open(files[0])
	if err != nil {
		t.Fatal(err)
	}
	defer fh.Close()
	recs, err := csv.NewReader(fh).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != s.tbl.Len()+1 || recs[0][0] != "id" || recs[0][16] != "finalSipCode" {
		t.Fatalf("%d records for %d rows; header %v", len(recs), s.tbl.Len(), recs[0])
	}
	for pos := 0; pos < s.tbl.Len(); pos += 37 {
		if want := drStore(s.feed).Row(s.rowAt(pos)); recs[pos+1][0] != want.ID || recs[pos+1][11] != "false" {
			t.Fatalf("record %d is %v, want row %s (failed)", pos, recs[pos+1][:2], want.ID)
		}
	}
}
