package ui

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/callscope/callscope/graphclient/fakegraph"
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/exp/teatest"
)

// logGolden compares got with testdata/logs/<name>.golden; -update (the
// flag the golden package registers) rewrites it.
func logGolden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", "logs", name+".golden")
	if f := flag.Lookup("update"); f != nil && f.Value.String() == "true" {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./ui -run %s -update)", err, t.Name())
	}
	if string(want) != got {
		t.Errorf("%s differs from %s:\n--- want\n%s\n--- got\n%s", name, path, want, got)
	}
}

func waitOutput(t *testing.T, tm *teatest.TestModel, what string) {
	t.Helper()
	teatest.WaitFor(t, tm.Output(), func(b []byte) bool { return bytes.Contains(b, []byte(what)) },
		teatest.WithDuration(10*time.Second), teatest.WithCheckInterval(10*time.Millisecond))
}

// TestLogsFlow: view 2 loads the last 24 hours of Direct Routing calls, f
// keeps the failures, enter explains the row under the cursor. The final
// screen is a golden.
func TestLogsFlow(t *testing.T) {
	client, fake := logFake(t, demoTenant, fakegraph.Options{})
	keys := testKeys()
	keys.OpenRecord = key.NewBinding(key.WithKeys("o"), key.WithHelp("o", "open call record"))
	app := New(Options{Client: client, Keys: keys, Styles: DefaultStyles(),
		Now: func() time.Time { return logNow }, UTC: true})
	tm := teatest.NewTestModel(t, app, teatest.WithInitialTermSize(120, 30))

	tm.Send(keyRune('2'))
	waitOutput(t, tm, "all 8") // the day's rows: "all 8xx loaded"
	tm.Send(keyRune('f'))
	waitOutput(t, tm, "failures only")
	tm.Send(tea.KeyMsg{Type: tea.KeyEnter})
	waitOutput(t, tm, "Check next")

	if err := tm.Quit(); err != nil {
		t.Fatal(err)
	}
	final := tm.FinalModel(t, teatest.WithFinalTimeout(5*time.Second)).(*App)
	out := final.View()
	viewHas(t, out, "Direct Routing › SIP ", "FAILED", "Ended by", "Diagnosis", "Check next")
	var logs int
	for _, r := range fake.Requests() {
		if strings.Contains(r.Path, "getDirectRoutingCalls") {
			logs++
		}
	}
	if logs != 1 {
		t.Errorf("%d getDirectRoutingCalls requests, want 1 (a day fits one page)", logs)
	}
	logGolden(t, "flow-direct-failure-detail", out)
}
