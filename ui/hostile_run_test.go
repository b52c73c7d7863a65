package ui

import (
	"strings"
	"testing"

	"github.com/callscope/callscope/model"
	"github.com/callscope/callscope/ui/common"
	"github.com/callscope/callscope/ui/uitest"
	"github.com/charmbracelet/bubbles/spinner"
	tea "github.com/charmbracelet/bubbletea"
)

// How the hostile-text property test (hostile_test.go) drives the explorer
// and judges what it draws.

// terminalHazard is model.FindTerminalHazard: the one definition of what
// must never reach a terminal.
var terminalHazard = model.FindTerminalHazard

// frameCheck asserts that nothing in a rendered frame drives the terminal
// and that the frame shows what it should (so a view that renders nothing
// cannot pass).
type frameCheck struct {
	t     *testing.T
	views []string // what was checked, for the failure report
}

func (fc *frameCheck) check(what, frame string, want ...string) {
	fc.t.Helper()
	fc.views = append(fc.views, what)
	if i, desc := terminalHazard(frame); i >= 0 {
		lo, hi := max(i-40, 0), min(i+40, len(frame))
		fc.t.Errorf("%s: %s at byte %d: %q", what, desc, i, frame[lo:hi])
	}
	for _, w := range want {
		if !strings.Contains(frame, w) {
			fc.t.Errorf("%s: frame lacks %q:\n%s", what, w, frame)
		}
	}
}

// hostileRun drives an App synchronously, as cmdRun does, but never runs
// the Events listeners: they wait for events that may never come, and the
// request log reads Events when it opens.
type hostileRun struct {
	t *testing.T
	a *App
}

func newHostileRun(t *testing.T, a *App) *hostileRun { return &hostileRun{t: t, a: a} }

func (r *hostileRun) send(msgs ...tea.Msg) {
	r.t.Helper()
	for _, m := range msgs {
		_, cmd := r.a.Update(m)
		r.drain(cmd)
	}
}

func (r *hostileRun) drain(cmd tea.Cmd) {
	r.t.Helper()
	uitest.Settle(r.t, cmd, func(msg tea.Msg) tea.Cmd {
		switch m := msg.(type) {
		case spinner.TickMsg, tea.QuitMsg:
		case common.FlashMsg:
			r.a.Update(m) // its clear timer is not waited for
		default:
			_, next := r.a.Update(m)
			return next
		}
		return nil
	})
}
