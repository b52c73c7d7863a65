package common

import (
	"context"
	"errors"
	"strconv"
	"time"

	tea "github.com/charmbracelet/bubbletea"
)

// Watching (w): the root keeps the timer and the header's words; a list
// that can be watched reads its range again when asked, in the
// background, and shows the new rows, marking those it did not show
// before, only once they are in.

// Watchable is a list whose range can be read again on a timer.
type Watchable interface {
	// CanWatch says why the list cannot be watched now (ErrFixedRange for
	// a range that does not move with the clock), nil when it can.
	CanWatch() error
	// Watch starts a poll: the range's words read again at the clock's now
	// and loaded through the client (and so its one limiter), while the
	// rows shown stay. Its results come back wrapped for gen (Watched) and
	// go to WatchResult. cancel ends the poll's request in flight. A range
	// that does not move with the clock (ErrFixedRange) cannot be watched.
	Watch(gen uint64) (cmd tea.Cmd, cancel context.CancelFunc, err error)
	// WatchResult takes one result of the poll in flight; done says the
	// poll is over: its rows are shown, or it failed and the rows shown
	// stay (then cmd says why).
	WatchResult(msg tea.Msg) (cmd tea.Cmd, done bool)
	// Unwatch clears the marks of new rows: watching stopped.
	Unwatch()
}

// ErrFixedRange refuses to watch a range whose end does not move with
// the clock: reading it again would bring the same rows.
var ErrFixedRange = errors.New("a fixed range cannot be watched: give a relative one (-2h, today) with the range key or :from")

// WatchMsg carries one result of a watch poll: Msg is the screen's own
// message, Gen the poll it answers; the root drops it when the poll is
// no longer the one in flight.
type WatchMsg struct {
	Screen Screen
	Gen    uint64
	Msg    tea.Msg
}

// Watched wraps cmd's result in a WatchMsg for s's poll gen.
func Watched(s Screen, gen uint64, cmd tea.Cmd) tea.Cmd {
	if cmd == nil {
		return nil
	}
	return func() tea.Msg { return WatchMsg{Screen: s, Gen: gen, Msg: cmd()} }
}

// Moves reports that the range's end moves with the clock, so that reading
// it again can bring new rows: an empty To (now, or open), or words such
// as "now" or "-5m"; window is as Resolve's.
func (r Range) Moves(now time.Time, window time.Duration) bool {
	if r.To == "" {
		return true
	}
	_, a, err := r.Resolve(now, window)
	if err != nil {
		return false
	}
	_, b, err := r.Resolve(now.Add(time.Hour), window)
	return err == nil && !a.Equal(b)
}

// TrunkAlertRule is when a Direct Routing trunk is flagged while watched:
// more than Rate (0–1) of its calls in the last Window failed, over at
// least MinCalls calls.
type TrunkAlertRule struct {
	Rate     float64
	MinCalls int
	Window   time.Duration
}

// DefaultTrunkAlertRule flags a trunk when over 30 % of at least 10
// calls in the last 15 minutes failed.
var DefaultTrunkAlertRule = TrunkAlertRule{Rate: 0.30, MinCalls: 10, Window: 15 * time.Minute}

// TrunkAlert is one trunk past the rule: the header says
// "⚠ sbc1.contoso.com 42 % failed (15 min)".
type TrunkAlert struct {
	Trunk         string
	Failed, Calls int
	Window        time.Duration
}

// Words is the alert as the header says it.
func (t TrunkAlert) Words() string {
	pct := 0
	if t.Calls > 0 {
		pct = (t.Failed*100 + t.Calls/2) / t.Calls
	}
	return "⚠ " + t.Trunk + " " + strconv.Itoa(pct) + " % failed (" + strconv.Itoa(int(t.Window.Minutes())) + " min)"
}

// Alerter is a watched list that flags trouble in its rows (Direct
// Routing's trunks).
type Alerter interface {
	// TrunkAlerts are the trunks past rule over the rows loaded, at now.
	TrunkAlerts(rule TrunkAlertRule, now time.Time) []TrunkAlert
}
