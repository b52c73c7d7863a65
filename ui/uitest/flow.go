package uitest

import (
	"io"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/exp/teatest"
)

// Flow runs a model in a real Bubble Tea program (teatest) at a fixed
// size, for flow tests against the fake Graph.
type Flow struct {
	program *teatest.TestModel
	snaps   chan string
}

// NewFlow starts m in a program of width × height cells.
func NewFlow(t *testing.T, m tea.Model, width, height int) *Flow {
	t.Helper()
	snaps := make(chan string, 1)
	return &Flow{
		program: teatest.NewTestModel(t, snapModel{Model: m, snaps: snaps}, teatest.WithInitialTermSize(width, height)),
		snaps:   snaps,
	}
}

// Send delivers msgs to the program, in order.
func (f *Flow) Send(msgs ...tea.Msg) {
	for _, m := range msgs {
		f.program.Send(m)
	}
}

// Type types s, one key message per rune.
func (f *Flow) Type(s string) { f.program.Type(s) }

// flowTimeout bounds every wait of a flow; it fails a hung test, it is no
// measure of speed.
const flowTimeout = 10 * time.Second

// WaitView polls the program's view until it shows every one of want,
// and returns that view.
func (f *Flow) WaitView(t *testing.T, want ...string) string {
	t.Helper()
	return f.wait(t, want, func(string) bool { return true })
}

// WaitLoaded is WaitView for a view that also no longer says "loading":
// a screen whose first rows arrived may still be fetching the rest.
func (f *Flow) WaitLoaded(t *testing.T, want ...string) string {
	t.Helper()
	return f.wait(t, want, func(v string) bool { return !strings.Contains(v, "loading") })
}

func (f *Flow) wait(t *testing.T, want []string, ok func(string) bool) string {
	t.Helper()
	deadline := time.Now().Add(flowTimeout)
	var v string
	for time.Now().Before(deadline) {
		f.program.Send(snapMsg{})
		select {
		case v = <-f.snaps:
		case <-time.After(flowTimeout):
			t.Fatal("the program sent no snapshot of its view")
		}
		if containsAll(v, want) && ok(v) {
			return v
		}
		time.Sleep(20 * time.Millisecond)
	}
	t.Fatalf("the view never showed %q:\n%s", want, v)
	return ""
}

// Quit ends the program and returns its final model.
func (f *Flow) Quit(t *testing.T) tea.Model {
	t.Helper()
	if err := f.program.Quit(); err != nil {
		t.Fatal(err)
	}
	return f.program.FinalModel(t, teatest.WithFinalTimeout(5*time.Second)).(snapModel).Model
}

// Output is everything the program wrote to its terminal, once it ended.
func (f *Flow) Output(t *testing.T) []byte {
	t.Helper()
	b, err := io.ReadAll(f.program.FinalOutput(t, teatest.WithFinalTimeout(5*time.Second)))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func containsAll(s string, parts []string) bool {
	for _, p := range parts {
		if !strings.Contains(s, p) {
			return false
		}
	}
	return true
}

// snapModel wraps the model under test so a test reads View from the
// program's own goroutine: snapMsg asks for the current view on snaps.
type snapModel struct {
	tea.Model
	snaps chan string
}

// snapMsg requests a snapshot of the view.
type snapMsg struct{}

func (m snapModel) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	if _, ok := msg.(snapMsg); ok {
		m.snaps <- m.Model.View()
		return m, nil
	}
	var cmd tea.Cmd
	m.Model, cmd = m.Model.Update(msg)
	return m, cmd
}
