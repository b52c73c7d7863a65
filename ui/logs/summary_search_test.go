package logs

import (
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/callscope/callscope/ui/rowstore"
	"github.com/callscope/callscope/ui/table"
	"github.com/callscope/callscope/ui/uitest"
	tea "github.com/charmbracelet/bubbletea"
)

// loadedSummary is the triage summary of rep over three demo days, loaded.
func loadedSummary(t *testing.T, rep report) *summary {
	t.Helper()
	from, to := threeDays()
	s := openLog(t, logCommon(t), rep, from, to)
	sum := openSummary(t, s)
	got, _ := settle(t, sum, sum.Init())
	sum = got.(*summary)
	if sum.loading || len(sum.itemAt) == 0 {
		t.Fatalf("the summary did not load: loading %v, %d groups", sum.loading, len(sum.itemAt))
	}
	return sum
}

// matchedGroups are the groups of the items the summary's search matches.
func matchedGroups(s *summary) []rowstore.LogGroup {
	var out []rowstore.LogGroup
	for i, it := range s.items {
		if s.searchMatch(i) {
			out = append(out, it.group)
		}
	}
	return out
}

// pasteQuery types text into an open search line at once.
func pasteQuery(text string) tea.KeyMsg {
	return tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(text), Paste: true}
}

func TestSummarySearchTypesJumpsAndClears(t *testing.T) {
	sum := loadedSummary(t, newDirectRouting())
	codes := drSum(sum).Codes
	code := codes[0].SIPCode
	var want []int // the items of the code groups of that SIP code
	for i, it := range sum.items {
		if it.group.Kind == rowstore.GroupCode && int(it.group.Code) == code && it.group.Unreported == 0 {
			want = append(want, i)
		}
	}
	if !enabledIn(sum.ShortHelp(), uitest.KeyRune('/')) {
		t.Fatal("the help does not offer /")
	}
	press(t, sum, uitest.KeyEnd) // the last group: / then looks from there, and wraps
	press(t, sum, uitest.KeyRune('/'))
	if !sum.Capturing() || !enabledIn(sum.ShortHelp(), uitest.KeyEnter) {
		t.Fatal("the search line does not capture the keyboard")
	}
	// q is typed, not a quit, while the line is open.
	_, root := press(t, sum, uitest.KeyRune('q'))
	if len(root) != 0 || sum.tbl.Search().Text() != "q" {
		t.Fatalf("q while typing: root %v, text %q", root, sum.tbl.Search().Text())
	}
	press(t, sum, tea.KeyMsg{Type: tea.KeyBackspace})
	press(t, sum, uitest.TypeText("sip:"+strconv.Itoa(code))...)
	if sum.cursor != want[0] {
		t.Fatalf("cursor on item %d, want the first %d group at %d", sum.cursor, code, want[0])
	}
	words := strconv.Itoa(len(want)) + " of " + strconv.Itoa(len(sum.itemAt)) + " loaded match"
	if len(want) == 1 {
		words = "1 of " + strconv.Itoa(len(sum.itemAt)) + " loaded matches"
	}
	if got := sum.Status().Filter; !strings.HasSuffix(got, " · /sip:"+strconv.Itoa(code)+": "+words) {
		t.Fatalf("header %q, want it to end %q", got, words)
	}
	v := sum.View()
	if got := strings.Count(v, "\n") + 1; got != 25 {
		t.Fatalf("with the search line the view is %d lines, want the height 25", got)
	}
	viewHas(t, v, "/sip:"+strconv.Itoa(code), words)
	press(t, sum, uitest.KeyEnter)
	if sum.Capturing() || !sum.ClaimsBack() {
		t.Fatal("a kept search must free the keyboard and claim esc")
	}
	for _, k := range []tea.KeyMsg{uitest.KeyRune('n'), uitest.KeyRune('N'), uitest.KeyEsc} {
		if !enabledIn(sum.ShortHelp(), k) {
			t.Fatalf("the help of a kept search does not offer %s", k)
		}
	}
	press(t, sum, uitest.KeyRune('N'))
	if sum.cursor != want[len(want)-1] {
		t.Fatalf("N wraps to the last match: item %d, want %d", sum.cursor, want[len(want)-1])
	}
	press(t, sum, uitest.KeyRune('n'))
	if sum.cursor != want[0] {
		t.Fatalf("n wraps to the first match: item %d, want %d", sum.cursor, want[0])
	}
	// enter still opens the group under the cursor.
	_, root = press(t, sum, uitest.KeyEnter)
	if len(root) != 1 {
		t.Fatalf("enter on a match: root %v, want a push", root)
	}
	press(t, sum, uitest.KeyEsc)
	if sum.tbl.Search().Active() || sum.ClaimsBack() || strings.Contains(sum.Status().Filter, "match") {
		t.Fatalf("esc did not clear the search: %q", sum.Status().Filter)
	}
	if sum.cursor != want[0] {
		t.Fatalf("clearing moved the cursor to %d", sum.cursor)
	}
}

func TestSummarySearchTrunkAndWords(t *testing.T) {
	sum := loadedSummary(t, newDirectRouting())
	trunk := drSum(sum).Trunks[0].Trunk
	press(t, sum, uitest.KeyRune('/'), pasteQuery("trunk:"+strings.ToUpper(trunk)))
	got := matchedGroups(sum)
	if !slices.Contains(got, rowstore.LogGroup{Kind: rowstore.GroupTrunk, Name: trunk}) {
		t.Fatalf("trunk:%s does not match its trunk group: %v", trunk, got)
	}
	codes := 0
	for _, g := range got {
		switch g.Kind {
		case rowstore.GroupTrunk:
			if g.Name != trunk {
				t.Fatalf("trunk:%s matched trunk %s", trunk, g.Name)
			}
		case rowstore.GroupCode:
			codes++
		default:
			t.Fatalf("trunk:%s matched %s, which has no trunk", trunk, g.Label())
		}
	}
	if codes == 0 {
		t.Fatalf("trunk:%s matched no code group whose busiest trunks name it", trunk)
	}
	// A negated term keeps the other groups; a word finds a section's
	// lines by their name in full.
	press(t, sum, uitest.KeyEsc, uitest.KeyRune('/'), pasteQuery("location"))
	for _, g := range matchedGroups(sum) {
		if g.Kind != rowstore.GroupLocation {
			t.Fatalf("the word location matched %s", g.Label())
		}
	}
	if len(matchedGroups(sum)) != len(drSum(sum).Locations) {
		t.Fatalf("location matched %d groups, want the %d locations", len(matchedGroups(sum)), len(drSum(sum).Locations))
	}
	press(t, sum, uitest.KeyEsc, uitest.KeyRune('/'), pasteQuery("user:anette"))
	err := sum.tbl.Search().Err()
	if err == nil || !strings.Contains(err.Error(), "Direct Routing triage group rows have no user (fields: sip, sub, trunk)") {
		t.Fatalf("err = %v", err)
	}
	viewHas(t, sum.View(), "rows have no user")
}

func TestPstnSummarySearchesCallTypes(t *testing.T) {
	sum := loadedSummary(t, newPstn())
	name := pstnSum(sum).CallTypes[0].Name
	press(t, sum, uitest.KeyRune('/'), pasteQuery("type:"+name))
	got := matchedGroups(sum)
	if !slices.Contains(got, rowstore.LogGroup{Kind: rowstore.GroupCallType, Name: name}) {
		t.Fatalf("type:%s does not match its call type group: %v", name, got)
	}
	for _, g := range got {
		if g.Kind != rowstore.GroupCallType {
			t.Fatalf("type:%s matched %s", name, g.Label())
		}
	}
	// The match is marked in the gutter, without colour, away from the
	// cursor (home: the first destination).
	press(t, sum, uitest.KeyEnter, uitest.KeyHome)
	if sum.searchMatch(sum.cursor) {
		t.Fatalf("home put the cursor on %s, a match", sum.items[sum.cursor].group.Label())
	}
	viewHas(t, sum.View(), table.MatchMark+nameOr(name))
	press(t, sum, uitest.KeyEsc, uitest.KeyRune('/'), pasteQuery("sip:487"))
	if err := sum.tbl.Search().Err(); err == nil || !strings.Contains(err.Error(), "PSTN triage group rows have no sip (fields: type)") {
		t.Fatalf("err = %v", err)
	}
}
