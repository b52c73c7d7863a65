package ui

import (
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/callscope/callscope/graphclient/fakegraph"
	"github.com/callscope/callscope/ui/common"
	"github.com/callscope/callscope/ui/uitest"
	tea "github.com/charmbracelet/bubbletea"
)

// matchWords is the header's "N of M loaded match".
var matchWords = regexp.MustCompile(`(\d[\d,]*) of (\d[\d,]*) loaded match`)

// TestSearchFlow: on the demo's Direct Routing day, / and a field term mark
// the matching rows as they are typed and the header counts them; enter
// keeps the search, n moves to the next match, esc clears it; a second
// search with a negated term counts fewer rows.
func TestSearchFlow(t *testing.T) {
	client, _ := logFake(t, uitest.DemoTenant, fakegraph.Options{})
	app := New(Options{Client: client, Keys: uitest.Keys(), Styles: common.DefaultStyles(),
		Now: func() time.Time { return uitest.Now }, UTC: true})
	tm := uitest.NewFlow(t, app, 140, 30)

	tm.Send(uitest.KeyRune('2'))
	tm.WaitView(t, "all 8") // the day's rows: "all 8xx loaded"
	tm.Send(uitest.KeyRune('/'))
	tm.Type("result:failed")
	v := tm.WaitView(t, "result:failed", "loaded match")
	failed := count(t, v)
	tm.Send(tea.KeyMsg{Type: tea.KeyEnter})
	tm.Send(uitest.KeyRune('n'))
	tm.WaitView(t, "loaded match")
	tm.Send(tea.KeyMsg{Type: tea.KeyEsc})
	if v := tm.WaitView(t, "all 8"); matchWords.MatchString(v) {
		t.Fatalf("esc left the search on:\n%s", v)
	}
	tm.Send(uitest.KeyRune('/'))
	tm.Type("result:failed !sip:487")
	v = tm.WaitView(t, "!sip:487", "loaded match")
	if notCancelled := count(t, v); notCancelled >= failed || notCancelled == 0 {
		t.Fatalf("result:failed matched %d, with !sip:487 %d: want fewer, not none", failed, notCancelled)
	}
	final := tm.Quit(t).(*App)
	if !strings.Contains(final.View(), "•") {
		t.Errorf("no row is marked as a match:\n%s", final.View())
	}
}

// count is the header's match count.
func count(t *testing.T, view string) int {
	t.Helper()
	m := matchWords.FindStringSubmatch(view)
	if m == nil {
		t.Fatalf("no match count in\n%s", view)
	}
	n, err := strconv.Atoi(strings.ReplaceAll(m[1], ",", ""))
	if err != nil {
		t.Fatal(err)
	}
	return n
}
