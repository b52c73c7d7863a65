package ui

import (
	"strings"
	"testing"
	"time"

	"github.com/callscope/callscope/ui/common"
	"github.com/callscope/callscope/ui/uitest"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
)

// No line of the frame is wider than the terminal, at any width, with a
// loaded list whose footer offers more keys than fit (bubbles' help lets
// an item overflow when not even its ellipsis fits).
func TestFrameNeverExceedsTheWidth(t *testing.T) {
	client, _ := fakeClient(t, 40)
	app := New(Options{Client: client, Keys: uitest.Keys(), Styles: common.DefaultStyles(),
		Now: func() time.Time { return uitest.T0 }, UTC: true})
	tm := uitest.NewFlow(t, app, 120, 30)
	tm.WaitView(t, "quality of")
	final := tm.Quit(t).(*App)
	for w := MinWidth; w <= 160; w++ {
		final.Update(tea.WindowSizeMsg{Width: w, Height: 30})
		for i, line := range strings.Split(final.View(), "\n") {
			if lipgloss.Width(line) > w {
				t.Fatalf("width %d: line %d is %d cells: %q", w, i, lipgloss.Width(line), line)
			}
		}
	}
}
