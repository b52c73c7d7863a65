package ui

import (
	"time"

	"github.com/callscope/callscope/ui/common"
	tea "github.com/charmbracelet/bubbletea"
)

// Mouse support is opt-in (--mouse, or mouse: true in the config's
// defaults), since a program that takes the mouse also takes the
// terminal's own text selection. The wheel scrolls as the arrow keys do;
// a click selects a row and a double click opens it, in screens that say
// where their rows are (common.Clickable).

// wheelRows is how many rows one notch of the wheel moves.
const wheelRows = 3

// doubleClick is the longest gap between the two clicks of a double click.
const doubleClick = 400 * time.Millisecond

// lastClick is the previous click, for telling a double click.
type lastClick struct {
	line int
	at   time.Time
	ok   bool
}

// mouse applies a mouse message: nothing while the prompt, the help or a
// text input has the keyboard.
func (a *App) mouse(msg tea.MouseMsg) tea.Cmd {
	top := a.top()
	if a.prompt != nil || a.showAll || top == nil || top.Capturing() {
		return nil
	}
	switch {
	case msg.Action != tea.MouseActionPress:
		return nil
	case msg.Button == tea.MouseButtonWheelUp || msg.Button == tea.MouseButtonWheelDown:
		k := tea.KeyMsg{Type: tea.KeyDown}
		if msg.Button == tea.MouseButtonWheelUp {
			k.Type = tea.KeyUp
		}
		cmds := make([]tea.Cmd, 0, wheelRows)
		for range wheelRows {
			cmds = append(cmds, a.key(k))
		}
		return tea.Batch(cmds...)
	case msg.Button != tea.MouseButtonLeft:
		return nil
	}
	c, ok := top.(common.Clickable)
	header := len(a.header().lines)
	line := msg.Y - header
	if !ok || line < 0 || line >= a.bodyBetween(a.header(), a.footer()).Height {
		a.click.ok = false
		return nil
	}
	now := a.c.Now()
	double := a.click.ok && a.click.line == line && now.Sub(a.click.at) <= doubleClick
	a.click = lastClick{line: line, at: now, ok: !double} // a third click starts again
	return c.Click(line, double)
}
