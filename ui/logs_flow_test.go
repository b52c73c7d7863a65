package ui

import (
	"strings"
	"testing"
	"time"

	"github.com/callscope/callscope/graphclient"
	"github.com/callscope/callscope/graphclient/fakegraph"
	"github.com/callscope/callscope/ui/common"
	"github.com/callscope/callscope/ui/uitest"
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
)

// TestLogsFlow: view 2 loads the last 24 hours of Direct Routing calls, f
// keeps the failures, enter explains the row under the cursor. The final
// screen is a golden.
func TestLogsFlow(t *testing.T) {
	client, fake := logFake(t, uitest.DemoTenant, fakegraph.Options{})
	keys := uitest.Keys()
	keys.OpenRecord = key.NewBinding(key.WithKeys("o"), key.WithHelp("o", "open call record"))
	app := New(Options{Client: client, Keys: keys, Styles: common.DefaultStyles(),
		Now: func() time.Time { return uitest.Now }, UTC: true})
	tm := uitest.NewFlow(t, app, 120, 30)

	tm.Send(uitest.KeyRune('2'))
	tm.WaitView(t, "all 8") // the day's rows: "all 8xx loaded"
	tm.Send(uitest.KeyRune('f'))
	tm.WaitView(t, "failures only")
	tm.Send(tea.KeyMsg{Type: tea.KeyEnter})
	tm.WaitView(t, "Check next")

	final := tm.Quit(t).(*App)
	out := final.View()
	uitest.ViewHas(t, out, "Direct Routing › SIP ", "FAILED", "Final response from", "Diagnosis", "Check next")
	var logs int
	for _, r := range fake.Requests() {
		if strings.Contains(r.Path, "getDirectRoutingCalls") {
			logs++
		}
	}
	if logs != 1 {
		t.Errorf("%d getDirectRoutingCalls requests, want 1 (a day fits one page)", logs)
	}
	uitest.Golden(t, "flow-direct-failure-detail", out)
}

// logFake serves tenant over real HTTP and returns a client for it and
// the server, whose Requests count what the screens asked for.
func logFake(t *testing.T, tenant *fakegraph.Tenant, opts fakegraph.Options) (*graphclient.Client, *fakegraph.Server) {
	t.Helper()
	return uitest.FakeGraph(t, tenant, opts, uitest.Retries)
}
