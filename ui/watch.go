package ui

import (
	"context"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/callscope/callscope/ui/common"
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
)

// Watching (w): the root keeps one watch, on a list that implements
// common.Watchable. A tick every second counts down on the injected clock
// (the header says "watching · next in 42 s"); when the interval is over
// the list reloads its relative range in the background and shows the
// new rows once they are in. A watched Direct Routing list also flags
// trunks whose calls fail (common.Alerter).

// Watch intervals: once a minute unless configured, never more often
// than every 30 seconds, so that a watch left running spends little of
// Graph's per-app budget of the call log functions.
const (
	DefaultWatchInterval = 60 * time.Second
	MinWatchInterval     = 30 * time.Second
)

// WatchOptions configure w (config.yaml's watch section).
type WatchOptions struct {
	// Interval between reloads: 0 is DefaultWatchInterval; less than
	// MinWatchInterval is raised to it.
	Interval time.Duration
	// Alert is when a Direct Routing trunk is flagged; the zero value is
	// common.DefaultTrunkAlertRule.
	Alert common.TrunkAlertRule
	// Bell rings once per new trunk alert; nil rings nothing (the default:
	// the bell is opt-in).
	Bell func()
}

// interval is the interval in force.
func (o WatchOptions) interval() time.Duration {
	switch {
	case o.Interval == 0:
		return DefaultWatchInterval
	case o.Interval < MinWatchInterval:
		return MinWatchInterval
	}
	return o.Interval
}

// rule is the trunk alert rule in force.
func (o WatchOptions) rule() common.TrunkAlertRule {
	if o.Alert == (common.TrunkAlertRule{}) {
		return common.DefaultTrunkAlertRule
	}
	r := o.Alert
	if r.Window == 0 {
		r.Window = common.DefaultTrunkAlertRule.Window
	}
	return r
}

// watching is the watch in force.
type watching struct {
	screen common.Screen
	ticks  uint64 // the tick chain of this watch; ticks of an older one are dropped
	poll   uint64 // the poll in flight (0: none)
	cancel context.CancelFunc
	next   time.Time // when the next poll starts, on the injected clock
	alerts []common.TrunkAlert
	rung   map[string]bool // trunks already belled for, while still alerting
}

// watchTickMsg is the watch's one-second tick.
type watchTickMsg struct{ ticks uint64 }

func watchTick(ticks uint64) tea.Cmd {
	return tea.Tick(time.Second, func(time.Time) tea.Msg { return watchTickMsg{ticks: ticks} })
}

// toggleWatch is w: it stops the watch on the top screen, or starts one
// there (ending any other); a screen that cannot be watched says why.
func (a *App) toggleWatch() tea.Cmd {
	top := a.top()
	if a.watch != nil && a.watch.screen == top {
		a.stopWatch()
		return common.Flash("stopped watching", false)
	}
	w, ok := top.(common.Watchable)
	if !ok {
		return common.Flash("this screen cannot be watched: w watches the calls, Direct Routing and PSTN lists", true)
	}
	// Refused before anything changes: a fixed range keeps the watch there is.
	if err := w.CanWatch(); err != nil {
		return common.Flash(err.Error(), true)
	}
	a.stopWatch()
	a.watch = &watching{screen: top, ticks: common.NewRequestID(), next: a.c.Now().Add(a.options.Watch.interval()), rung: map[string]bool{}}
	a.noteAlerts()
	return tea.Batch(watchTick(a.watch.ticks), common.Flash("watching: reloads every "+seconds(a.options.Watch.interval()), false))
}

// stopWatch ends the watch, its poll and its marks.
func (a *App) stopWatch() {
	w := a.watch
	if w == nil {
		return
	}
	if w.cancel != nil {
		w.cancel()
	}
	if ws, ok := w.screen.(common.Watchable); ok {
		ws.Unwatch()
	}
	a.watch = nil
}

// onWatchTick starts a poll when the interval is over and ticks on; a
// watched screen closed meanwhile ends the watch.
func (a *App) onWatchTick(msg watchTickMsg) tea.Cmd {
	w := a.watch
	if w == nil || msg.ticks != w.ticks {
		return nil
	}
	if _, open := a.viewOf(w.screen); !open {
		a.stopWatch()
		return nil
	}
	next := watchTick(w.ticks)
	if w.poll != 0 || a.c.Now().Before(w.next) {
		return next
	}
	gen := common.NewRequestID()
	cmd, cancel, err := w.screen.(common.Watchable).Watch(gen)
	if err != nil {
		// The range stopped moving (the user typed a fixed one): say so once.
		a.stopWatch()
		return common.Flash("stopped watching: "+err.Error(), true)
	}
	w.poll, w.cancel = gen, cancel
	return tea.Batch(next, cmd)
}

// onWatchResult hands a poll's result to its screen; when the poll is
// over the next one is timed from now and trunk alerts are read again.
func (a *App) onWatchResult(msg common.WatchMsg) tea.Cmd {
	w := a.watch
	if w == nil || msg.Gen != w.poll || msg.Screen != w.screen {
		return nil // a poll superseded, or a watch stopped
	}
	cmd, done := w.screen.(common.Watchable).WatchResult(msg.Msg)
	if !done {
		return cmd
	}
	w.poll, w.cancel = 0, nil
	w.next = a.c.Now().Add(a.options.Watch.interval())
	return tea.Batch(cmd, a.noteAlerts())
}

// noteAlerts reads the watched list's trunk alerts again and rings the
// bell (when configured) once for each trunk newly past the rule.
func (a *App) noteAlerts() tea.Cmd {
	w := a.watch
	al, ok := w.screen.(common.Alerter)
	if !ok {
		return nil
	}
	w.alerts = al.TrunkAlerts(a.options.Watch.rule(), a.c.Now())
	ring := false
	now := map[string]bool{}
	for _, t := range w.alerts {
		now[t.Trunk] = true
		if !w.rung[t.Trunk] {
			ring = true
		}
	}
	w.rung = now // a trunk that recovers and fails again rings again
	if !ring || a.options.Watch.Bell == nil {
		return nil
	}
	bell := a.options.Watch.Bell
	return func() tea.Msg { bell(); return nil }
}

// watchWords is the header's part for the watch, when the watched list
// is in the current view: "watching · next in 42 s", then the alerts.
func (a *App) watchWords() string {
	w := a.watch
	if w == nil || !slices.Contains(a.stacks[a.view], w.screen) {
		return ""
	}
	words := []string{"watching"}
	if w.poll != 0 {
		words = append(words, "reloading")
	} else {
		left := max(w.next.Sub(a.c.Now()), 0)
		words = append(words, "next in "+seconds(left))
	}
	for _, t := range w.alerts {
		words = append(words, t.Words())
	}
	return strings.Join(words, " · ")
}

// seconds is d in whole seconds, rounded up: "42 s".
func seconds(d time.Duration) string {
	return strconv.FormatInt(int64((d+time.Second-1)/time.Second), 10) + " s"
}

// watchHelp is w as the footer offers it on a list that can be watched:
// "watch", or "stop watching" while this list is watched.
func (a *App) watchHelp(top common.Screen) (key.Binding, bool) {
	if _, ok := top.(common.Watchable); !ok || top.Capturing() {
		return key.Binding{}, false
	}
	b := a.c.Keys.Watch
	if a.watch != nil && a.watch.screen == top {
		b = common.HelpAs(b, "stop watching")
	}
	return b, true
}

// TrunkAlertRule is when a watched Direct Routing trunk is flagged.
type TrunkAlertRule = common.TrunkAlertRule

// DefaultTrunkAlertRule flags a trunk when over 30 % of at least 10
// calls in the last 15 minutes failed.
var DefaultTrunkAlertRule = common.DefaultTrunkAlertRule
