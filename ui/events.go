package ui

import (
	"time"

	"github.com/callscope/callscope/graphclient"
	tea "github.com/charmbracelet/bubbletea"
)

// Events carries the client's observations (throttle waits, finished
// requests) into the program. It implements graphclient.Observer; sends
// never block a request goroutine: when the UI lags, old events are dropped.
type Events struct {
	throttle chan graphclient.ThrottleEvent
	now      func() time.Time
}

// NewEvents makes an observer to pass to graphclient.Options.
func NewEvents() *Events {
	return &Events{throttle: make(chan graphclient.ThrottleEvent, 16), now: time.Now}
}

// Throttled implements graphclient.Observer.
func (e *Events) Throttled(ev graphclient.ThrottleEvent) {
	select {
	case e.throttle <- ev:
	default:
	}
}

// RequestDone implements graphclient.Observer.
func (e *Events) RequestDone(graphclient.RequestEvent) {}

// listen waits for the next throttle event; the root re-issues it after each.
func (e *Events) listen() tea.Cmd {
	if e == nil {
		return nil
	}
	return func() tea.Msg {
		ev := <-e.throttle
		return throttleMsg{ev: ev, until: e.now().Add(ev.Wait)}
	}
}
