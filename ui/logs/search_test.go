package logs

import (
	"strings"
	"testing"

	"github.com/callscope/callscope/model/search"
	"github.com/callscope/callscope/ui/common"
	"github.com/callscope/callscope/ui/table"
	"github.com/callscope/callscope/ui/uitest"
	tea "github.com/charmbracelet/bubbletea"
)

// failedPositions are the list positions whose rows failed, by the store.
func failedPositions(s *List) []int {
	var out []int
	for pos := range s.tbl.Len() {
		if drStore(s.feed).Failed(s.rowAt(pos)) {
			out = append(out, pos)
		}
	}
	return out
}

func TestListSearchTypesJumpsAndClears(t *testing.T) {
	from, to := threeDays()
	s := openLog(t, logCommon(t), newDirectRouting(), from, to)
	want := failedPositions(s)
	if len(want) < 2 {
		t.Fatalf("the demo range has %d failed rows; the test needs two", len(want))
	}
	press(t, s, uitest.KeyRune('/'))
	if !s.Capturing() {
		t.Fatal("the search line does not capture the keyboard")
	}
	press(t, s, uitest.TypeText("result:failed")...)
	if s.tbl.Cursor() != want[0] {
		t.Fatalf("cursor %d, want the first failed row at %d", s.tbl.Cursor(), want[0])
	}
	words := common.FormatCount(len(want)) + " of " + common.FormatCount(s.tbl.Len()) + " loaded match"
	if got := s.Status().Filter; !strings.HasSuffix(got, "/result:failed: "+words) {
		t.Fatalf("header = %q, want it to end %q", got, words)
	}
	viewHas(t, s.View(), "/result:failed", words)
	press(t, s, uitest.KeyEnter)
	if s.Capturing() || !s.ClaimsBack() {
		t.Fatal("a kept search must free the keyboard and claim esc")
	}
	press(t, s, uitest.KeyRune('n'))
	if s.tbl.Cursor() != want[1] {
		t.Fatalf("n: cursor %d, want %d", s.tbl.Cursor(), want[1])
	}
	press(t, s, uitest.KeyRune('N'), uitest.KeyRune('N'))
	if s.tbl.Cursor() != want[len(want)-1] {
		t.Fatalf("N twice wraps to the last match: cursor %d, want %d", s.tbl.Cursor(), want[len(want)-1])
	}
	if !enabledIn(s.ShortHelp(), uitest.KeyRune('n')) || !enabledIn(s.ShortHelp(), uitest.KeyEsc) {
		t.Fatal("the help of a kept search does not offer n and esc")
	}
	got, _ := press(t, s, uitest.KeyEsc)
	if got != s || s.tbl.Search().Active() || strings.Contains(s.Status().Filter, "loaded match") {
		t.Fatalf("esc did not clear the search: %q", s.Status().Filter)
	}
	if s.tbl.Len() != len(demoRowsIn(from, to)) && !s.feed.More() {
		t.Fatal("the search hid rows: it must only mark them")
	}
}

func TestListSearchWordsFieldsAndRefusals(t *testing.T) {
	from, to := threeDays()
	s := openLog(t, logCommon(t), newDirectRouting(), from, to)
	row := drStore(s.feed).Row(s.rowAt(3))
	press(t, s, uitest.KeyRune('/'))
	press(t, s, uitest.TypeText("user:"+strings.ToUpper(row.UserPrincipalName))...)
	if s.tbl.Search().Count() == 0 || s.tbl.Search().Err() != nil {
		t.Fatalf("user:%s matches nothing (err %v)", row.UserPrincipalName, s.tbl.Search().Err())
	}
	// Every match has that user, and the row picked is among them.
	for pos := range s.tbl.Len() {
		r := drStore(s.feed).Row(s.rowAt(pos))
		if s.tbl.Search().Count() > 0 && strings.EqualFold(r.UserPrincipalName, row.UserPrincipalName) != isMatch(s, pos) {
			t.Fatalf("position %d (%s) matched %v", pos, r.UserPrincipalName, isMatch(s, pos))
		}
	}
	// A field PSTN rows have is refused on Direct Routing rows, by name.
	press(t, s, tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(" quality:poor"), Paste: true})
	err := s.tbl.Search().Err()
	if err == nil || !strings.Contains(err.Error(), "Direct Routing rows have no quality (fields: sip, sub, trunk, user, num, type, result)") {
		t.Fatalf("err = %v", err)
	}
	viewHas(t, s.View(), "Direct Routing rows have no quality")
}

// isMatch reports that the list's search matches position pos.
func isMatch(s *List, pos int) bool { return s.tbl.Search().IsMatch(pos) }

func TestListSearchOffTheLoopDropsTheStaleJob(t *testing.T) {
	from, to := threeDays()
	s := openLog(t, logCommon(t), newDirectRouting(), from, to)
	s.tbl.Search().AsyncRows = 0 // every search runs off the loop
	press(t, s, uitest.KeyRune('/'))
	_, first := s.Update(uitest.KeyRune('4'))
	_, second := s.Update(uitest.KeyRune('8'))
	if first == nil || second == nil || !s.tbl.Search().Busy() {
		t.Fatal("a search past AsyncRows did not go off the loop")
	}
	if !strings.Contains(s.Status().Filter, "searching ") {
		t.Fatalf("the header does not say the search runs: %q", s.Status().Filter)
	}
	// The first job was cancelled by the second key; had it answered, its
	// id would not be the list's.
	for _, m := range uitest.Messages(first) {
		if done, ok := m.(table.SearchDoneMsg); ok && s.tbl.SearchLanded(done) {
			t.Fatal("the superseded job's matches landed")
		}
	}
	settle(t, s, second)
	if s.tbl.Search().Busy() || s.tbl.Search().Text() != "48" {
		t.Fatalf("the current job did not land: busy %v, text %q", s.tbl.Search().Busy(), s.tbl.Search().Text())
	}
	q, _ := search.Parse("48")
	n, match, _ := s.searchSource(q)
	want := 0
	for pos := range n {
		if match(pos) {
			want++
		}
	}
	if s.tbl.Search().Count() != want {
		t.Fatalf("%d matches landed, the rows have %d", s.tbl.Search().Count(), want)
	}
}

func TestPstnListSearchesItsFields(t *testing.T) {
	from, to := threeDays()
	s := openLog(t, logCommon(t), newPstn(), from, to)
	if s.tbl.Len() == 0 {
		t.Fatal("no PSTN rows in the demo range")
	}
	row := pstnStore(s.feed).Row(s.rowAt(0))
	press(t, s, uitest.KeyRune('/'))
	press(t, s, uitest.TypeText("num:"+row.CalleeNumber)...)
	if s.tbl.Search().Err() != nil || s.tbl.Search().Count() == 0 || !isMatch(s, 0) {
		t.Fatalf("num:%s: err %v, %d matches", row.CalleeNumber, s.tbl.Search().Err(), s.tbl.Search().Count())
	}
	press(t, s, tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(" sip:487"), Paste: true})
	if err := s.tbl.Search().Err(); err == nil || !strings.Contains(err.Error(), "PSTN rows have no sip") {
		t.Fatalf("err = %v", err)
	}
}
