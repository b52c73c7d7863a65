package record

import (
	"strconv"
	"strings"
	"testing"

	"github.com/callscope/callscope/model"
	"github.com/callscope/callscope/ui/common"
	"github.com/callscope/callscope/ui/table"
	"github.com/callscope/callscope/ui/uitest"
	tea "github.com/charmbracelet/bubbletea"
)

// searchRecordScreen is a record of six sessions at 120x37: the even ones
// Anette to Daichi (ok), the odd ones Anette to a phone through an SBC
// (failed in call setup).
func searchRecordScreen(t *testing.T) *Screen {
	t.Helper()
	c, _ := recordCommon(nil)
	rec := uitest.GroupCall()
	base := rec.Sessions
	rec.Sessions = nil
	for i := range 6 {
		ss := base[i%2]
		ss.ID = "sess-" + strconv.Itoa(i)
		rec.Sessions = append(rec.Sessions, ss)
	}
	s := New(c, rec.ID)
	s.Update(common.BodySizeMsg{Width: 120, Height: 37})
	s.onRecord(recordLoadedMsg{reqID: s.Pending, rec: &rec})
	if s.tbl.Len() != 6 {
		t.Fatalf("%d sessions shown, want 6", s.tbl.Len())
	}
	return s
}

// recPress sends keys to the record screen, settling what each starts.
func recPress(t *testing.T, s *Screen, keys ...tea.KeyMsg) {
	t.Helper()
	uitest.Press(t, s, keys...)
}

// sessionMatches are the positions the record's search matches.
func sessionMatches(s *Screen) []int {
	var out []int
	for pos := range s.tbl.Len() {
		if s.tbl.Search().IsMatch(pos) {
			out = append(out, pos)
		}
	}
	return out
}

func TestRecordSessionSearchTypesJumpsAndClears(t *testing.T) {
	s := searchRecordScreen(t)
	if !uitest.Offers(s.ShortHelp(), uitest.KeyRune('/')) {
		t.Fatal("the help does not offer / over the sessions")
	}
	recPress(t, s, uitest.KeyRune('/'))
	if !s.Capturing() {
		t.Fatal("the search line does not capture the keyboard")
	}
	if !uitest.Offers(s.ShortHelp(), uitest.KeyEnter) || uitest.Offers(s.ShortHelp(), uitest.KeyRune('r')) {
		t.Fatalf("while typing the help is the search line's: %v", s.ShortHelp())
	}
	recPress(t, s, uitest.TypeText("result:failed")...)
	if s.tbl.Cursor() != 1 {
		t.Fatalf("cursor %d, want the first failed session at 1", s.tbl.Cursor())
	}
	if got := s.Status().Filter; got != "/result:failed: 3 of 6 loaded match" {
		t.Fatalf("header words %q", got)
	}
	// The detail follows the cursor; the line shows under the table.
	uitest.ViewHas(t, s.View(), "Session 2 · FAILED callSetup", "/result:failed", "3 of 6 loaded match", table.MatchMark+"  4  13:03:00")
	recPress(t, s, uitest.KeyEnter)
	if s.Capturing() || !s.ClaimsBack() {
		t.Fatal("a kept search must free the keyboard and claim esc")
	}
	if strings.Contains(s.View(), "/result:failed") {
		t.Fatal("the search line stays after enter")
	}
	for _, k := range []tea.KeyMsg{uitest.KeyRune('n'), uitest.KeyRune('N'), uitest.KeyEsc} {
		if !uitest.Offers(s.ShortHelp(), k) {
			t.Fatalf("the help of a kept search does not offer %s", k)
		}
	}
	recPress(t, s, uitest.KeyRune('n'))
	if s.tbl.Cursor() != 3 {
		t.Fatalf("n: cursor %d, want 3", s.tbl.Cursor())
	}
	recPress(t, s, uitest.KeyRune('N'), uitest.KeyRune('N'))
	if s.tbl.Cursor() != 5 {
		t.Fatalf("N twice wraps to the last match: cursor %d, want 5", s.tbl.Cursor())
	}
	uitest.ViewHas(t, s.View(), "Session 6 · FAILED callSetup")
	recPress(t, s, uitest.KeyEsc)
	if s.tbl.Search().Active() || s.ClaimsBack() || s.Status().Filter != "" {
		t.Fatalf("esc did not clear the search: %q", s.Status().Filter)
	}
	if s.tbl.Len() != 6 || s.tbl.Cursor() != 5 {
		t.Fatalf("clearing moved or hid rows: %d rows, cursor %d", s.tbl.Len(), s.tbl.Cursor())
	}
}

func TestRecordSessionSearchFields(t *testing.T) {
	for _, tc := range []struct {
		query string
		want  []int
	}{
		{"user:DAICHI", []int{0, 2, 4}},
		{"user:anette", []int{0, 1, 2, 3, 4, 5}},
		{"type:mediationServer", []int{1, 3, 5}},
		{"type:audio !result:failed", []int{0, 2, 4}},
		{"quality:unclassified", []int{0, 1, 2, 3, 4, 5}},
		{"quality:poor", nil},
		{"sbc.contoso", []int{1, 3, 5}},         // a word in the Result cell
		{"\"Daichi Maruyama\"", []int{0, 2, 4}}, // a phrase in the Callee cell
	} {
		s := searchRecordScreen(t)
		recPress(t, s, uitest.KeyRune('/'))
		recPress(t, s, tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(tc.query), Paste: true})
		if err := s.tbl.Search().Err(); err != nil {
			t.Fatalf("%s: %v", tc.query, err)
		}
		if got := sessionMatches(s); !equalInts(got, tc.want) {
			t.Errorf("%s matches %v, want %v", tc.query, got, tc.want)
		}
	}
}

func TestRecordSessionSearchRefusesFieldsItLacks(t *testing.T) {
	s := searchRecordScreen(t)
	recPress(t, s, uitest.KeyRune('/'))
	recPress(t, s, tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("sip:408"), Paste: true})
	err := s.tbl.Search().Err()
	if err == nil || !strings.Contains(err.Error(), "session rows have no sip (fields: user, type, result, quality)") {
		t.Fatalf("err = %v", err)
	}
	uitest.ViewHas(t, s.View(), "session rows have no sip")
	recPress(t, s, uitest.KeyEnter)
	if !s.Capturing() {
		t.Fatal("enter kept a refused search")
	}
	recPress(t, s, uitest.KeyEsc)
	if s.Capturing() || s.tbl.Search().Active() {
		t.Fatal("esc did not close the refused search")
	}
}

func TestRecordSessionSearchFollowsAReload(t *testing.T) {
	s := searchRecordScreen(t)
	recPress(t, s, uitest.KeyRune('/'))
	recPress(t, s, uitest.TypeText("result:failed")...)
	recPress(t, s, uitest.KeyEnter)
	// Graph sends a newer version in which the first session failed too.
	rec := *s.record
	rec.Version++
	rec.Sessions = append([]model.Session(nil), rec.Sessions...)
	rec.Sessions[0].FailureInfo = rec.Sessions[1].FailureInfo
	s.loadRecord()
	s.onRecord(recordLoadedMsg{reqID: s.Pending, rec: &rec})
	if got := sessionMatches(s); !equalInts(got, []int{0, 1, 3, 5}) {
		t.Fatalf("after the reload the search matches %v", got)
	}
}

func equalInts(a, b []int) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// searchSessionScreen is a session of three segments at 120x37: the
// first and last Anette to Daichi with two audio streams each, the middle
// one Anette to a phone, failed in call setup, without streams.
func searchSessionScreen(t *testing.T) *sessionScreen {
	t.Helper()
	c, _ := recordCommon(nil)
	rec := uitest.GroupCall()
	ok, failed := rec.Sessions[0].Segments[0], rec.Sessions[1].Segments[0]
	rec.Sessions[0].Segments = []model.Segment{ok, failed, ok}
	s := newSessionScreen(c, &rec, 0)
	s.Update(common.BodySizeMsg{Width: 120, Height: 37})
	if s.tbl.Len() != 7 {
		t.Fatalf("%d lines, want 3 segments and 4 streams", s.tbl.Len())
	}
	return s
}

func TestSessionSegmentSearch(t *testing.T) {
	s := searchSessionScreen(t)
	if !uitest.Offers(s.ShortHelp(), uitest.KeyRune('/')) {
		t.Fatal("the help does not offer /")
	}
	uitest.Press(t, s, uitest.KeyRune('/'))
	if !s.Capturing() {
		t.Fatal("the search line does not capture the keyboard")
	}
	uitest.Press(t, s, uitest.TypeText("result:failed")...)
	if s.tbl.Cursor() != 3 || s.Status().Filter != "/result:failed: 1 of 7 loaded matches" {
		t.Fatalf("cursor %d, header %q; want the failed segment at 3", s.tbl.Cursor(), s.Status().Filter)
	}
	uitest.ViewHas(t, s.View(), "/result:failed", "Segment 2 of 3")
	uitest.Press(t, s, uitest.KeyEnter)
	if s.Capturing() || !s.ClaimsBack() || !uitest.Offers(s.ShortHelp(), uitest.KeyRune('n')) {
		t.Fatal("a kept search must free the keyboard, claim esc and offer n")
	}
	uitest.Press(t, s, uitest.KeyEsc)
	if s.tbl.Search().Active() || s.ClaimsBack() {
		t.Fatal("esc did not clear the search")
	}
	for _, tc := range []struct {
		query string
		want  []int
	}{
		{"type:main-audio", []int{0, 1, 2, 4, 5, 6}},
		{"user:daichi", []int{0, 1, 2, 4, 5, 6}},
		{"callerToCallee", []int{1, 5}},
		{"quality:unclassified !result:failed", []int{0, 1, 2, 4, 5, 6}},
	} {
		s := searchSessionScreen(t)
		uitest.Press(t, s, uitest.KeyRune('/'), tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(tc.query), Paste: true})
		var got []int
		for pos := range s.tbl.Len() {
			if s.tbl.Search().IsMatch(pos) {
				got = append(got, pos)
			}
		}
		if err := s.tbl.Search().Err(); err != nil || !equalInts(got, tc.want) {
			t.Errorf("%s matches %v (err %v), want %v", tc.query, got, err, tc.want)
		}
	}
	s = searchSessionScreen(t)
	uitest.Press(t, s, uitest.KeyRune('/'), tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("trunk:eu"), Paste: true})
	if err := s.tbl.Search().Err(); err == nil || !strings.Contains(err.Error(), "segment rows have no trunk") {
		t.Fatalf("err = %v", err)
	}
}
