package ui

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/callscope/callscope/ui/columns"
	"github.com/callscope/callscope/ui/common"
	"github.com/callscope/callscope/ui/uitest"
	tea "github.com/charmbracelet/bubbletea"
)

// The column chooser end to end: c opens it over the calls list, space
// unticks Duration, enter hides it in the list and saves the choice; a
// Direct Routing list opened later starts with the file's choice.
func TestColumnChooserFlow(t *testing.T) {
	client, _ := fakeClient(t, 40)
	now := uitest.T0
	saved := make(chan []string, 1)
	prefs := &columns.Prefs{Chosen: map[string][]string{common.ColumnsDirect: {"start", "result", "sip"}},
		Save: func(kind string, names []string) (string, error) {
			saved <- append([]string{kind}, names...)
			return "config.yaml", nil
		}}
	app := New(Options{Client: client, Keys: uitest.Keys(), Styles: common.DefaultStyles(),
		Now: func() time.Time { return now }, UTC: true, Columns: prefs})
	tm := uitest.NewFlow(t, app, 120, 30)
	tm.WaitView(t, "loaded", "Duration")
	tm.Type("c")
	tm.WaitView(t, "Calls › Columns", "[x] Duration")
	tm.Send(uitest.KeyDown, tea.KeyMsg{Type: tea.KeySpace, Runes: []rune{' '}}, uitest.KeyEnter)
	v := tm.WaitView(t, "columns saved in config.yaml")
	if strings.Contains(v, "Duration") || !strings.Contains(v, "Organizer") {
		t.Fatalf("Duration still drawn:\n%s", v)
	}
	if got := <-saved; !slices.Equal(got, []string{"calls", "start", "type", "modalities", "organizer", "result", "quality", "id"}) {
		t.Fatalf("saved %v", got)
	}
	tm.Type("2")
	tm.WaitView(t, "No Direct Routing calls")
	final := tm.Quit(t).(*App)
	direct := final.stacks[ViewDirect][0].(common.Columnar)
	// The file's three of the ten default columns; the 13 more columns
	// (invite … id) stay hidden.
	want := append([]bool{true, false, false, false, true, true, false, false, false, false}, make([]bool, 13)...)
	if got := direct.VisibleColumns(); !slices.Equal(got, want) {
		t.Fatalf("the direct list opened with %v, not the file's choice", got)
	}
}
