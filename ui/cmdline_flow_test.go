package ui

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/callscope/callscope/graphclient/fakegraph"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/exp/golden"
	"github.com/charmbracelet/x/exp/teatest"
)

// TestPromptFlow: a typo is refused under the prompt, the fixed line
// switches to Direct Routing and filters it, the line is kept in the
// history, and tab lists candidates; the final screen is a golden.
func TestPromptFlow(t *testing.T) {
	client, _ := logFake(t, demoTenant, fakegraph.Options{})
	hist := filepath.Join(t.TempDir(), "history")
	app := New(Options{Client: client, Keys: testKeys(), Styles: DefaultStyles(), UTC: true,
		Now: func() time.Time { return logNow }, HistoryPath: hist})
	tm := teatest.NewTestModel(t, app, teatest.WithInitialTermSize(120, 30))
	waitFor(t, tm, "loaded")

	tm.Type(":direct -24h fialed")
	tm.Send(tea.KeyMsg{Type: tea.KeyEnter})
	waitFor(t, tm, "did you mean failed?")
	tm.Send(tea.KeyMsg{Type: tea.KeyCtrlW})
	tm.Type("failed sip 487")
	tm.Send(tea.KeyMsg{Type: tea.KeyEnter})
	waitFor(t, tm, "SIP 487")
	waitFor(t, tm, "487 Request Ter") // the rows, filtered as they arrive

	tm.Type(":f")
	tm.Send(tea.KeyMsg{Type: tea.KeyTab})
	waitFor(t, tm, ":from")

	if err := tm.Quit(); err != nil {
		t.Fatal(err)
	}
	final := tm.FinalModel(t, teatest.WithFinalTimeout(5*time.Second)).(*App)
	out := final.View()
	if final.view != ViewDirect || !strings.Contains(out, "failures only · SIP 487") {
		t.Errorf("view %d, header:\n%s", final.view, out)
	}
	b, err := os.ReadFile(hist)
	if err != nil || string(b) != "direct -24h failed sip 487\n" {
		t.Errorf("history %q, %v", b, err)
	}
	golden.RequireEqual(t, []byte(out))
}
