package ui

import (
	"strings"
	"testing"
	"time"

	"github.com/callscope/callscope/graphclient/fakegraph"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/exp/teatest"
)

// snapModel wraps the App so a test can read View() from the program's own
// goroutine: snapMsg asks for the current view on snaps.
type snapModel struct {
	*App
	snaps chan string
}

// snapMsg requests a snapshot of the view.
type snapMsg struct{}

func (m snapModel) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	if _, ok := msg.(snapMsg); ok {
		m.snaps <- m.App.View()
		return m, nil
	}
	_, cmd := m.App.Update(msg)
	return m, cmd
}

// recWaitView polls the view until it contains want, and returns it.
func recWaitView(t *testing.T, tm *teatest.TestModel, snaps chan string, want string) string {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	var v string
	for time.Now().Before(deadline) {
		tm.Send(snapMsg{})
		select {
		case v = <-snaps:
		case <-time.After(2 * time.Second):
			t.Fatal("no snapshot")
		}
		if strings.Contains(v, want) && !strings.Contains(v, "loading") {
			return v
		}
		time.Sleep(20 * time.Millisecond)
	}
	t.Fatalf("view never showed %q:\n%s", want, v)
	return ""
}

// TestRecordFlow opens a record from the calls list of a tenant holding one
// record with two sessions, drills into a session, toggles raw JSON and
// comes back, at 120x40 against the fake over HTTP.
func TestRecordFlow(t *testing.T) {
	client, srv := recFakeGraph(t, fxTenant(0), fakegraph.Options{})
	app := New(Options{Client: client, Keys: testKeys(), Styles: DefaultStyles(), UTC: true,
		Now: func() time.Time { return recordNow }, Copy: func(string) error { return nil }, ExportDir: t.TempDir()})
	snaps := make(chan string, 1)
	tm := teatest.NewTestModel(t, snapModel{App: app, snaps: snaps}, teatest.WithInitialTermSize(120, 40))

	recWaitView(t, tm, snaps, "Anette Thomsen")
	tm.Send(keyEnter)
	recGolden(t, "flow-record", recWaitView(t, tm, snaps, "3 participants:"))
	afterOpen := len(srv.Requests())

	tm.Send(keyEnter)
	recWaitView(t, tm, snaps, "Segment / stream")
	tm.Send(keyDown)
	recGolden(t, "flow-session", recWaitView(t, tm, snaps, "jitter 43 ms (poor: > 30 ms)"))

	tm.Send(keyRune('v'))
	recGolden(t, "flow-rawjson", recWaitView(t, tm, snaps, "Raw JSON · segment 1 of session 1"))

	tm.Send(keyEsc) // esc closes the raw view first
	recWaitView(t, tm, snaps, "Segment / stream")
	tm.Send(keyEsc) // then the session screen
	v := recWaitView(t, tm, snaps, "Sessions (2)")
	recContains(t, v, "Calls › Call 3f2a9c1e…")
	if strings.Contains(v, "Session 1 ›") {
		t.Error("session screen still on the stack")
	}
	tm.Send(keyEsc)
	recWaitView(t, tm, snaps, "Organizer")
	tm.Send(keyEnter) // reopen: served from the cache
	recWaitView(t, tm, snaps, "Sessions (2)")
	if got := len(srv.Requests()); got != afterOpen {
		t.Errorf("reopening made %d requests", got-afterOpen)
	}

	if err := tm.Quit(); err != nil {
		t.Fatal(err)
	}
	tm.WaitFinished(t, teatest.WithFinalTimeout(5*time.Second))
}
