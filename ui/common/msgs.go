package common

import (
	"sync/atomic"
	"time"

	"github.com/callscope/callscope/graphclient"
	tea "github.com/charmbracelet/bubbletea"
)

// BodySizeMsg gives a screen the space below the header and above the footer.
type BodySizeMsg struct{ Width, Height int }

// PushMsg opens screen s over from, the screen that asked (enter on a
// row, a lookup's pick list). It goes on from's view, which need not be
// the one shown by the time the message arrives (the user switched views
// while Graph answered), and is dropped when from has left every stack (esc
// typed ahead of it). A nil from means the current view.
type PushMsg struct{ Screen, From Screen }

// Push is the command that opens s over from.
func Push(from, s Screen) tea.Cmd { return func() tea.Msg { return PushMsg{Screen: s, From: from} } }

// PopMsg closes s if it is still on top of its view's stack; a nil s is
// the current view's top screen.
type PopMsg struct{ Screen Screen }

// SwitchViewMsg makes view i (0 calls, 1 direct, 2 pstn) current.
type SwitchViewMsg struct{ View int }

// FlashMsg shows a transient note in the footer ("copied 3f2a… to the clipboard").
type FlashMsg struct {
	Text    string
	IsError bool
}

// FlashClearMsg ends a flash if it is still the one shown.
type FlashClearMsg struct{ Seq int }

// RetryMsg reports that a request failed in a way worth retrying (Graph
// throttled it, did not answer, or closed the connection) and a retry waits.
type RetryMsg struct {
	Event graphclient.RetryEvent
	// until is when the wait ends; the root sets it on arrival.
	Until time.Time
}

// LimitWaitMsg reports that a request waits on callscope's own pacing of
// Graph's rate limits (Event.Family names the limit, Event.Wait the
// expected wait), or, Event.Done, that the wait is over: the footer says
// "waiting on Graph's rate limit (log functions) 3s" meanwhile.
type LimitWaitMsg struct {
	Event graphclient.LimitWaitEvent
}

// PrefsChangedMsg tells screens the preferences changed (time zone), so
// cached formatted text can be rebuilt.
type PrefsChangedMsg struct{}

// reqSeq numbers requests across every screen, so a result can never be
// taken by a screen that did not ask for it.
var reqSeq atomic.Uint64

// NewRequestID returns a request id unique in this process (never 0, which
// screens use for "nothing in flight").
func NewRequestID() uint64 { return reqSeq.Add(1) }
