package ui

import (
	"testing"
	"time"

	"github.com/callscope/callscope/graphclient/fakegraph"
	"github.com/callscope/callscope/ui/common"
	"github.com/callscope/callscope/ui/uitest"
	tea "github.com/charmbracelet/bubbletea"
)

// TestTimelineFlow: p on a Direct Routing row opens the timeline of the
// row's user, and enter on a row of it opens that row's detail.
func TestTimelineFlow(t *testing.T) {
	client, _ := logFake(t, uitest.DemoTenant, fakegraph.Options{})
	app := New(Options{Client: client, Keys: uitest.Keys(), Styles: common.DefaultStyles(),
		Now: func() time.Time { return uitest.Now }, UTC: true})
	tm := uitest.NewFlow(t, app, 140, 30)
	tm.Send(uitest.KeyRune('2'))
	tm.WaitView(t, "all 8")
	tm.Send(uitest.KeyRune('p'))
	tm.WaitLoaded(t, "Timeline ", "per day", "Direct Routing")
	tm.Send(tea.KeyMsg{Type: tea.KeyEnd}, tea.KeyMsg{Type: tea.KeyEnter}) // the oldest row, a Direct Routing one
	tm.WaitView(t, "Check next")
	final := tm.Quit(t).(*App)
	uitest.ViewHas(t, final.View(), "› Timeline ", "› SIP ")
}
