package table

import (
	"io"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/callscope/callscope/model/search"
	"github.com/callscope/callscope/ui/common"
	"github.com/callscope/callscope/ui/uitest"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"
)

// textRow is a search.Row of one string, whose field user is the text.
type textRow string

func (r textRow) Field(name string) (string, bool) { return string(r), name == search.User }
func (r textRow) Text() string                     { return string(r) }

var searchRows = []string{"alpha", "beta", "gamma", "alphabet", "delta", "Alpine"}

// searchTable is a table over rows, sized to show them all, and the
// source its search reads.
func searchTable(rows []string) (*Table, SearchSource) {
	c := uitest.Common(time.Unix(0, 0))
	tb := NewTable(c, []Column{{Title: "Name", Min: 10, Flex: 1}}, func(r, _ int) string { return rows[r] })
	tb.SetSize(40, len(rows)+1)
	tb.SetLen(len(rows))
	src := func(q search.Query) (int, func(int) bool, error) {
		if err := q.Check("test", []string{search.User}); err != nil {
			return 0, nil, err
		}
		return len(rows), func(pos int) bool { return q.Matches(textRow(rows[pos])) }, nil
	}
	return &tb, src
}

// keyIn sends msgs to tb's search and fails on a key it does not take;
// it returns the last command.
func keyIn(t *testing.T, tb *Table, src SearchSource, msgs ...tea.KeyMsg) tea.Cmd {
	t.Helper()
	var cmd tea.Cmd
	for _, m := range msgs {
		handled, c := tb.SearchKey(m, src)
		if !handled {
			t.Fatalf("the search did not take %q", m.String())
		}
		cmd = c
	}
	return cmd
}

func TestSearchTypingRefinesAndJumpsFromWhereSlashWasPressed(t *testing.T) {
	tb, src := searchTable(searchRows)
	tb.SetCursor(1)
	keyIn(t, tb, src, uitest.KeyRune('/'))
	if !tb.Search().Typing() {
		t.Fatal("/ did not open the search line")
	}
	keyIn(t, tb, src, uitest.TypeText("al")...)
	if got := tb.Search().Words(); got != "3 of 6 loaded match" {
		t.Fatalf("words after al = %q", got)
	}
	if tb.Cursor() != 3 {
		t.Fatalf("cursor = %d, want 3: the first match after where / was pressed", tb.Cursor())
	}
	keyIn(t, tb, src, uitest.TypeText("pha")...)
	if got := tb.Search().Words(); got != "2 of 6 loaded match" || tb.Cursor() != 3 {
		t.Fatalf("after alpha: %q, cursor %d", got, tb.Cursor())
	}
	keyIn(t, tb, src, uitest.TypeText("b")...)
	if got := tb.Search().Words(); got != "1 of 6 loaded matches" {
		t.Fatalf("after alphab: %q", got)
	}
	keyIn(t, tb, src, uitest.TypeText("x")...)
	if tb.Cursor() != 1 || tb.Search().Count() != 0 {
		t.Fatalf("no match: cursor %d (want back at 1), %d matches", tb.Cursor(), tb.Search().Count())
	}
	// Backspace all the way: no query, nothing marked, cursor home.
	for range len("alphabx") {
		keyIn(t, tb, src, tea.KeyMsg{Type: tea.KeyBackspace})
	}
	if tb.Search().Active() || tb.Search().Words() != "" {
		t.Fatalf("an empty line still searches: %q", tb.Search().Words())
	}
}

func TestSearchNextAndPreviousWrap(t *testing.T) {
	tb, src := searchTable(searchRows)
	keyIn(t, tb, src, uitest.KeyRune('/'))
	keyIn(t, tb, src, uitest.TypeText("al")...)
	keyIn(t, tb, src, uitest.KeyEnter)
	if tb.Search().Typing() || !tb.Search().Active() {
		t.Fatal("enter did not keep the search")
	}
	var visits []int
	for range 4 {
		keyIn(t, tb, src, uitest.KeyRune('n'))
		visits = append(visits, tb.Cursor())
	}
	if want := []int{3, 5, 0, 3}; !slices.Equal(visits, want) {
		t.Fatalf("n visits %v, want %v", visits, want)
	}
	visits = visits[:0]
	for range 3 {
		keyIn(t, tb, src, uitest.KeyRune('N'))
		visits = append(visits, tb.Cursor())
	}
	if want := []int{0, 5, 3}; !slices.Equal(visits, want) {
		t.Fatalf("N visits %v, want %v", visits, want)
	}
	// Other keys are the list's while the search is kept.
	if handled, _ := tb.SearchKey(uitest.KeyRune('q'), src); handled {
		t.Fatal("a kept search took q")
	}
}

func TestSearchEscClears(t *testing.T) {
	for _, keep := range []bool{false, true} {
		tb, src := searchTable(searchRows)
		keyIn(t, tb, src, uitest.KeyRune('/'))
		keyIn(t, tb, src, uitest.TypeText("beta")...)
		if keep {
			keyIn(t, tb, src, uitest.KeyEnter)
		}
		keyIn(t, tb, src, uitest.KeyEsc)
		s := tb.Search()
		if s.Typing() || s.Active() || s.Count() != 0 || s.Text() != "" {
			t.Fatalf("kept=%v: esc left %+v", keep, s)
		}
		if strings.Contains(tb.View(), MatchMark) {
			t.Fatalf("kept=%v: rows still marked after esc:\n%s", keep, tb.View())
		}
		// With nothing kept, esc and n are the list's again.
		if handled, _ := tb.SearchKey(uitest.KeyEsc, src); handled {
			t.Fatalf("kept=%v: an idle search took esc", keep)
		}
		if handled, _ := tb.SearchKey(uitest.KeyRune('n'), src); handled {
			t.Fatalf("kept=%v: an idle search took n", keep)
		}
	}
}

func TestSearchMarksMatchingRows(t *testing.T) {
	tb, src := searchTable(searchRows)
	keyIn(t, tb, src, uitest.KeyRune('/'))
	keyIn(t, tb, src, uitest.TypeText("bet")...)
	lines := strings.Split(tb.View(), "\n")[1:] // under the header
	for i, want := range []string{"  alpha", "› beta", "  gamma", "  alphabet", "  delta", "  Alpine"} {
		if i == 3 {
			want = MatchMark + "alphabet"
		}
		if !strings.HasPrefix(lines[i], want) {
			t.Errorf("line %d = %q, want it to start %q", i, lines[i], want)
		}
	}
}

func TestSearchRefusesBadTermsAndKeepsTheMatches(t *testing.T) {
	tb, src := searchTable(searchRows)
	keyIn(t, tb, src, uitest.KeyRune('/'))
	keyIn(t, tb, src, uitest.TypeText("delta ")...)
	keyIn(t, tb, src, tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("sip:487"), Paste: true})
	s := tb.Search()
	if s.Err() == nil || !strings.Contains(s.Err().Error(), "test rows have no sip (fields: user)") {
		t.Fatalf("err = %v", s.Err())
	}
	if s.Count() != 1 || s.Text() != "delta" {
		t.Fatalf("the matches before the bad term went: %d for %q", s.Count(), s.Text())
	}
	if line := s.Line(100); !strings.Contains(line, "rows have no sip") {
		t.Fatalf("the search line does not say the error: %q", line)
	}
	keyIn(t, tb, src, uitest.KeyEnter)
	if !s.Typing() {
		t.Fatal("enter kept a refused query")
	}
}

func TestSearchOffTheLoopDropsAStaleJob(t *testing.T) {
	tb, src := searchTable(searchRows)
	tb.Search().AsyncRows = 0
	keyIn(t, tb, src, uitest.KeyRune('/'))
	first := keyIn(t, tb, src, uitest.KeyRune('a'))
	if first == nil || !tb.Search().Busy() || tb.Search().Words() != "searching 6 rows…" {
		t.Fatalf("a search over more than AsyncRows ran on the loop: %q", tb.Search().Words())
	}
	second := keyIn(t, tb, src, uitest.KeyRune('l'))
	if msg := first(); msg != nil {
		t.Fatalf("the superseded job still answered: %#v", msg)
	}
	// Even an answer that raced its cancelling is dropped by its id.
	stale := SearchDoneMsg{reqID: tb.Search().job - 1, matches: []int{1}, total: 6}
	if tb.SearchLanded(stale) || tb.Search().Count() != 0 {
		t.Fatal("a stale job's matches landed")
	}
	msg, ok := second().(SearchDoneMsg)
	if !ok || !tb.SearchLanded(msg) {
		t.Fatalf("the current job's answer did not land: %#v", msg)
	}
	if tb.Search().Count() != 3 || tb.Search().Busy() || tb.Cursor() != 0 {
		t.Fatalf("after landing: %d matches, busy %v, cursor %d", tb.Search().Count(), tb.Search().Busy(), tb.Cursor())
	}
}

func TestSearchAgainAfterTheViewChanged(t *testing.T) {
	rows := slices.Clone(searchRows)
	tb, src := searchTable(rows)
	keyIn(t, tb, src, uitest.KeyRune('/'))
	keyIn(t, tb, src, uitest.TypeText("gamma")...)
	keyIn(t, tb, src, uitest.KeyEnter)
	tb.SetCursor(4)
	rows[0], rows[2] = rows[2], rows[0] // a new sort
	tb.SearchAgain(src)
	if !tb.Search().IsMatch(0) || tb.Search().IsMatch(2) || tb.Cursor() != 4 {
		t.Fatalf("after the view changed: match at 0 %v, at 2 %v, cursor %d", tb.Search().IsMatch(0), tb.Search().IsMatch(2), tb.Cursor())
	}
}

func TestSearchHighlightKeepsTheRowStyle(t *testing.T) {
	r := lipgloss.NewRenderer(io.Discard)
	r.SetColorProfile(termenv.ANSI)
	s := newSearch(&common.Common{Keys: uitest.Keys()})
	s.mark = r.NewStyle().Reverse(true)
	s.highlights = []string{"eu", "sbc"}
	got := s.highlight("SBC1.EU.contoso.com", "<row>")
	if want := s.mark.Render("SBC") + "<row>1." + s.mark.Render("EU") + "<row>.contoso.com"; got != want {
		t.Fatalf("highlight = %q, want %q", got, want)
	}
	if styled := "\x1b[1mFAILED\x1b[0m"; s.highlight(styled, "") != styled {
		t.Fatal("a pre-rendered cell was highlighted inside its escapes")
	}
}
