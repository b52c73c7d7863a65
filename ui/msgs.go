package ui

import (
	"time"

	"github.com/callscope/callscope/graphclient"
)

// bodySizeMsg gives a screen the space below the header and above the footer.
type bodySizeMsg struct{ Width, Height int }

// pushMsg opens a screen on top of the current one (enter on a row).
type pushMsg struct{ s screen }

// popMsg closes the top screen (esc).
type popMsg struct{}

// switchViewMsg makes view i (0 calls, 1 direct, 2 pstn) current.
type switchViewMsg struct{ view int }

// flashMsg shows a transient note in the footer ("copied 3f2a… to the clipboard").
type flashMsg struct {
	text  string
	isErr bool
}

// flashClearMsg ends a flash if it is still the one shown.
type flashClearMsg struct{ seq int }

// throttleMsg reports that Graph throttled a request and a retry waits.
type throttleMsg struct {
	ev graphclient.ThrottleEvent
	// until is when the wait ends; the root sets it on arrival.
	until time.Time
}

// prefsChangedMsg tells screens the preferences changed (time zone), so
// cached formatted text can be rebuilt.
type prefsChangedMsg struct{}
