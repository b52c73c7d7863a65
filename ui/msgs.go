package ui

import (
	"time"

	"github.com/callscope/callscope/graphclient"
	tea "github.com/charmbracelet/bubbletea"
)

// bodySizeMsg gives a screen the space below the header and above the footer.
type bodySizeMsg struct{ Width, Height int }

// pushMsg opens screen s over from, the screen that asked (enter on a
// row, a lookup's pick list). It goes on from's view, which need not be
// the one shown by the time the message arrives (the user switched views
// while Graph answered), and is dropped when from has left every stack (esc
// typed ahead of it). A nil from means the current view.
type pushMsg struct{ s, from screen }

// push is the command that opens s over from.
func push(from, s screen) tea.Cmd { return func() tea.Msg { return pushMsg{s: s, from: from} } }

// popMsg closes s if it is still on top of its view's stack; a nil s is
// the current view's top screen.
type popMsg struct{ s screen }

// switchViewMsg makes view i (0 calls, 1 direct, 2 pstn) current.
type switchViewMsg struct{ view int }

// flashMsg shows a transient note in the footer ("copied 3f2a… to the clipboard").
type flashMsg struct {
	text  string
	isErr bool
}

// flashClearMsg ends a flash if it is still the one shown.
type flashClearMsg struct{ seq int }

// retryMsg reports that a request failed in a way worth retrying (Graph
// throttled it, did not answer, or closed the connection) and a retry waits.
type retryMsg struct {
	ev graphclient.RetryEvent
	// until is when the wait ends; the root sets it on arrival.
	until time.Time
}

// prefsChangedMsg tells screens the preferences changed (time zone), so
// cached formatted text can be rebuilt.
type prefsChangedMsg struct{}
