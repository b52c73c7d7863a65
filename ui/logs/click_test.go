package logs

import (
	"testing"

	"github.com/callscope/callscope/ui/common"
)

// A click selects the row on that line of the table (line 0 is the column
// titles); a double click opens its detail; the titles select nothing.
func TestClickSelectsAndDoubleClickOpens(t *testing.T) {
	from, to := threeDays()
	s := openLog(t, logCommon(t), newDirectRouting(), from, to)
	if cmd := s.Click(0, false); cmd != nil || s.tbl.Cursor() != 0 {
		t.Fatalf("a click on the column titles moved to %d", s.tbl.Cursor())
	}
	s.Click(5, false)
	if s.tbl.Cursor() != 4 {
		t.Fatalf("a click on line 5 selected row %d, want 4", s.tbl.Cursor())
	}
	cmd := s.Click(5, true)
	if cmd == nil {
		t.Fatal("a double click opened nothing")
	}
	push, ok := cmd().(common.PushMsg)
	if !ok || push.Screen.Title() == "" {
		t.Fatalf("a double click gave %T, want the detail pushed", cmd())
	}
}
