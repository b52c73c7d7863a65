package calls

import (
	"slices"
	"strings"
	"testing"

	"github.com/callscope/callscope/model"
	"github.com/callscope/callscope/ui/table"
	"github.com/callscope/callscope/ui/uitest"
	tea "github.com/charmbracelet/bubbletea"
)

// searchScreen is enrichScreen with n rows whose verdicts all landed:
// rows in failed failed, rows in poor of poor quality, the rest good.
func searchScreen(t *testing.T, n int, failed, poor []int) *Screen {
	t.Helper()
	s := enrichScreen(t, n)
	landAll(t, s, func(row int) *model.CallRecord {
		switch {
		case slices.Contains(failed, row):
			return failedRecord
		case slices.Contains(poor, row):
			return poorRecord
		}
		return goodRecord
	})
	return s
}

// keys sends keys one by one, running each key's search command (a
// search off the loop) back into the screen.
func keys(t *testing.T, s *Screen, ks ...tea.KeyMsg) {
	t.Helper()
	for _, k := range ks {
		settleSearch(t, s, update(s, k))
	}
}

// settleSearch runs cmd's search results into s; record fetches and
// other commands are not run.
func settleSearch(t *testing.T, s *Screen, cmd tea.Cmd) {
	t.Helper()
	for _, m := range uitest.Messages(cmd) {
		if done, ok := m.(table.SearchDoneMsg); ok {
			update(s, done)
		}
	}
}

func TestCallsSearchTypesJumpsAndClears(t *testing.T) {
	failed := []int{5, 17, 40}
	s := searchScreen(t, 60, failed, nil)
	keys(t, s, uitest.KeyRune('/'))
	if !s.Capturing() {
		t.Fatal("the search line does not capture the keyboard")
	}
	keys(t, s, uitest.TypeText("result:failed")...)
	if s.tbl.Cursor() != failed[0] {
		t.Fatalf("cursor %d, want the first failed row at %d", s.tbl.Cursor(), failed[0])
	}
	if got := s.Status().Filter; !strings.HasSuffix(got, "/result:failed: 3 of 60 loaded match") {
		t.Fatalf("header = %q, want it to end with the search's count", got)
	}
	uitest.ViewHas(t, s.View(), "/result:failed", "3 of 60 loaded match")
	if !uitest.Offers(s.ShortHelp(), uitest.KeyEnter) {
		t.Fatal("while typing the help does not offer enter to keep the search")
	}
	keys(t, s, uitest.KeyEnter)
	if s.Capturing() || !s.ClaimsBack() {
		t.Fatal("a kept search must free the keyboard and claim esc")
	}
	keys(t, s, uitest.KeyRune('n'))
	if s.tbl.Cursor() != failed[1] {
		t.Fatalf("n: cursor %d, want %d", s.tbl.Cursor(), failed[1])
	}
	keys(t, s, uitest.KeyRune('N'), uitest.KeyRune('N'))
	if s.tbl.Cursor() != failed[2] {
		t.Fatalf("N twice wraps to the last match: cursor %d, want %d", s.tbl.Cursor(), failed[2])
	}
	if !uitest.Offers(s.ShortHelp(), uitest.KeyRune('n')) || !uitest.Offers(s.ShortHelp(), uitest.KeyEsc) {
		t.Fatal("the help of a kept search does not offer n and esc")
	}
	keys(t, s, uitest.KeyEsc)
	if s.tbl.Search().Active() || strings.Contains(s.Status().Filter, "loaded match") {
		t.Fatalf("esc did not clear the search: %q", s.Status().Filter)
	}
	if s.viewLen() != 60 || s.tbl.Cursor() != failed[2] {
		t.Fatalf("the search must only mark rows, and esc leave the cursor: %d rows, cursor %d", s.viewLen(), s.tbl.Cursor())
	}
	if s.ClaimsBack() {
		t.Fatal("with the search cleared and nothing running esc must go back to the root")
	}
}

func TestCallsSearchFieldsWordsAndRefusals(t *testing.T) {
	s := searchScreen(t, 36, []int{4}, []int{2, 9})
	count := func(q string) int {
		t.Helper()
		keys(t, s, uitest.KeyRune('/'))
		keys(t, s, uitest.TypeText(q)...)
		keys(t, s, uitest.KeyEnter)
		if err := s.tbl.Search().Err(); err != nil {
			t.Fatalf("%s refused: %v", q, err)
		}
		n := s.tbl.Search().Count()
		keys(t, s, uitest.KeyEsc)
		return n
	}
	// MakeRecords cycles six organizers (Adele Vance every sixth) and two
	// types.
	for q, want := range map[string]int{
		"user:adele":           6,
		"type:groupcall":       18,
		"!type:groupCall":      18,
		"quality:poor":         2,
		"result:failed":        1,
		"result:ok":            35,
		"bartholomew":          6, // a word in the organizer cell
		"jitter":               2, // a word in the Quality cell
		"user:adele type:peer": 6,
	} {
		if got := count(q); got != want {
			t.Errorf("%s matches %d rows, want %d", q, got, want)
		}
	}
	keys(t, s, uitest.KeyRune('/'))
	keys(t, s, uitest.TypeText("sip:487")...)
	if err := s.tbl.Search().Err(); err == nil || !strings.Contains(err.Error(), "call rows have no sip") {
		t.Fatalf("sip: on calls: err %v, want a refusal naming the fields", err)
	}
	uitest.ViewHas(t, s.View(), "call rows have no sip")
}

// TestCallsSearchBeforeVerdictsAndAfter: result: and quality: match no
// row until its verdict lands; a kept search is matched again as
// verdicts land, so the count grows without a key.
func TestCallsSearchBeforeVerdictsAndAfter(t *testing.T) {
	s := enrichScreen(t, 40)
	keys(t, s, uitest.KeyRune('/'))
	keys(t, s, uitest.TypeText("!quality:poor")...)
	keys(t, s, uitest.KeyEnter)
	if n := s.tbl.Search().Count(); n != 40 {
		t.Fatalf("!quality:poor before any verdict matches %d rows, want all 40", n)
	}
	landAll(t, s, func(row int) *model.CallRecord {
		if row%10 == 0 {
			return poorRecord
		}
		return goodRecord
	})
	if n := s.tbl.Search().Count(); n != 36 {
		t.Fatalf("after every verdict landed !quality:poor matches %d rows, want 36", n)
	}
}

// TestCallsSearchOffTheLoop: past the table's AsyncRows the search runs in
// a command over a snapshot; the header says it is searching until the
// matches land.
func TestCallsSearchOffTheLoop(t *testing.T) {
	s := searchScreen(t, 50, []int{3, 30}, nil)
	s.tbl.Search().AsyncRows = 10
	keys(t, s, uitest.KeyRune('/'))
	var cmd tea.Cmd
	for _, k := range uitest.TypeText("result:failed") {
		cmd = update(s, k)
	}
	if !s.tbl.Search().Busy() || !strings.Contains(s.Status().Filter, "searching 50 rows") {
		t.Fatalf("an off-loop search must say it runs: %q", s.Status().Filter)
	}
	settleSearch(t, s, cmd)
	if got := s.tbl.Search().Count(); got != 2 || s.tbl.Cursor() != 3 {
		t.Fatalf("off the loop: %d matches, cursor %d; want 2 and row 3", got, s.tbl.Cursor())
	}
}
