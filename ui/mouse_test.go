package ui

import (
	"strings"
	"testing"
	"time"

	"github.com/callscope/callscope/ui/common"
	"github.com/callscope/callscope/ui/uitest"
	tea "github.com/charmbracelet/bubbletea"
)

// idOnLine is the short id in the last column of the frame's line y.
func idOnLine(t *testing.T, view string, y int) string {
	t.Helper()
	lines := strings.Split(view, "\n")
	if y >= len(lines) {
		t.Fatalf("no line %d in\n%s", y, view)
	}
	f := strings.Fields(lines[y])
	return strings.TrimSuffix(f[len(f)-1], "…")
}

// With --mouse, the wheel moves the selection three rows a notch, a click
// selects the row under it and a double click opens its record; a single
// click opens nothing.
func TestMouseWheelClickAndDoubleClickOnTheCallsList(t *testing.T) {
	client, _ := fakeClient(t, 40)
	now := uitest.T0
	app := New(Options{Client: client, Keys: uitest.Keys(), Styles: common.DefaultStyles(),
		Now: func() time.Time { return now }, UTC: true})
	tm := uitest.NewFlow(t, app, 120, 30)
	view := tm.WaitView(t, "loaded")

	// Line 0 is the header, 1 the table's column titles, 2 the first row.
	tm.Send(tea.MouseMsg{Button: tea.MouseButtonWheelDown, Action: tea.MouseActionPress, Y: 10})
	tm.Send(tea.KeyMsg{Type: tea.KeyEnter})
	tm.WaitView(t, "Calls › Call "+idOnLine(t, view, 2+3))
	tm.Send(tea.KeyMsg{Type: tea.KeyEsc})
	tm.WaitView(t, "loaded")

	click := tea.MouseMsg{Button: tea.MouseButtonLeft, Action: tea.MouseActionPress, Y: 2 + 6}
	tm.Send(click)
	tm.Send(tea.MouseMsg{Button: tea.MouseButtonLeft, Action: tea.MouseActionRelease, Y: 2 + 6})
	if v := tm.WaitView(t, "loaded"); strings.Contains(v, "Calls › Call ") {
		t.Fatalf("a single click opened a record:\n%s", v)
	}
	tm.Send(click) // the second click, at once: a double click
	tm.WaitView(t, "Calls › Call "+idOnLine(t, view, 2+6))
	tm.Quit(t)
}

// A click on the header, the column titles or below the rows selects
// nothing and opens nothing, and the table says which row a line holds.
func TestClickOutsideTheRowsDoesNothing(t *testing.T) {
	a := newTestApp(t)
	for _, y := range []int{0, 1, 29} {
		if cmd := a.mouse(tea.MouseMsg{Button: tea.MouseButtonLeft, Action: tea.MouseActionPress, Y: y}); cmd != nil {
			if _, push := cmd().(common.PushMsg); push {
				t.Fatalf("a click on line %d opened a screen", y)
			}
		}
	}
}
