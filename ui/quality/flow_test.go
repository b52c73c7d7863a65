package quality_test

import (
	"testing"
	"time"

	"github.com/callscope/callscope/graphclient"
	"github.com/callscope/callscope/graphclient/fakegraph"
	"github.com/callscope/callscope/ui"
	"github.com/callscope/callscope/ui/common"
	"github.com/callscope/callscope/ui/uitest"
	"github.com/charmbracelet/bubbles/spinner"
	tea "github.com/charmbracelet/bubbletea"
)

// fastLimits keep the client's pacing out of the way of a test.
var fastLimits = graphclient.Limits{List: graphclient.Window{Requests: 1 << 20, Per: time.Second},
	Records: graphclient.Window{Requests: 1 << 20, Per: time.Second}}

// seededApp is the whole explorer at width×height over the seeded tenant,
// its calls listed and every record fetched.
func seededApp(t testing.TB, width, height int, styles common.Styles) *ui.App {
	t.Helper()
	client, _ := uitest.FakeGraph(t, seededTenant(), fakegraph.Options{Clock: func() time.Time { return uitest.T0 }},
		graphclient.Options{Limits: fastLimits})
	a := ui.New(ui.Options{Client: client, Keys: uitest.Keys(), Styles: styles, Now: func() time.Time { return uitest.T0 }, UTC: true})
	a.Update(tea.WindowSizeMsg{Width: width, Height: height})
	settle(t, a, a.Init())
	return a
}

// settle runs cmd and everything it leads to through a, spinner ticks aside.
func settle(t testing.TB, a *ui.App, cmd tea.Cmd) {
	t.Helper()
	uitest.Settle(t, cmd, func(m tea.Msg) tea.Cmd {
		if _, tick := m.(spinner.TickMsg); tick {
			return nil
		}
		_, next := a.Update(m)
		return next
	})
}

// TestSummaryFlowGolden: a on the calls list of the seeded tenant opens
// the quality summary over the whole explorer; → shows the subnets.
func TestSummaryFlowGolden(t *testing.T) {
	a := seededApp(t, 120, 20, common.DefaultStyles())
	_, cmd := a.Update(uitest.KeyRune('a'))
	settle(t, a, cmd)
	uitest.ViewHas(t, a.View(), "Quality summary", "11 streams classified · 3 poor (27.3%) · 1 unclassified · of 6 calls")
	_, cmd = a.Update(tea.KeyMsg{Type: tea.KeyRight})
	settle(t, a, cmd)
	_, cmd = a.Update(tea.KeyMsg{Type: tea.KeyRight})
	settle(t, a, cmd)
	uitest.Golden(t, "summary_subnet", a.View())
}
