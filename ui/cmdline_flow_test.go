package ui

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/callscope/callscope/graphclient/fakegraph"
	"github.com/callscope/callscope/ui/common"
	"github.com/callscope/callscope/ui/uitest"
	tea "github.com/charmbracelet/bubbletea"
)

// TestPromptFlow: a typo is refused under the prompt, the fixed line
// switches to Direct Routing and filters it, the line is kept in the
// history, and tab lists candidates; the final screen is a golden.
func TestPromptFlow(t *testing.T) {
	client, _ := logFake(t, uitest.DemoTenant, fakegraph.Options{})
	hist := filepath.Join(t.TempDir(), "history")
	app := New(Options{Client: client, Keys: uitest.Keys(), Styles: common.DefaultStyles(), UTC: true,
		Now: func() time.Time { return uitest.Now }, HistoryPath: hist})
	tm := uitest.NewFlow(t, app, 120, 30)
	tm.WaitView(t, "loaded")

	tm.Type(":direct -24h fialed")
	tm.Send(tea.KeyMsg{Type: tea.KeyEnter})
	tm.WaitView(t, "did you mean failed?")
	tm.Send(tea.KeyMsg{Type: tea.KeyCtrlW})
	tm.Type("failed sip 487")
	tm.Send(tea.KeyMsg{Type: tea.KeyEnter})
	tm.WaitView(t, "SIP 487")
	tm.WaitView(t, "487 Request Ter") // the rows, filtered as they arrive

	tm.Type(":f")
	tm.Send(tea.KeyMsg{Type: tea.KeyTab})
	tm.WaitView(t, ":from")

	final := tm.Quit(t).(*App)
	out := final.View()
	if final.view != ViewDirect || !strings.Contains(out, "failures only · SIP 487") {
		t.Errorf("view %d, header:\n%s", final.view, out)
	}
	b, err := os.ReadFile(hist)
	if err != nil || string(b) != "direct -24h failed sip 487\n" {
		t.Errorf("history %q, %v", b, err)
	}
	uitest.Golden(t, "", out)
}
