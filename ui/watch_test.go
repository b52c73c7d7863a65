package ui

import (
	"fmt"
	"reflect"
	"runtime"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/callscope/callscope/graphclient"
	"github.com/callscope/callscope/graphclient/fakegraph"
	"github.com/callscope/callscope/model"
	"github.com/callscope/callscope/ui/common"
	"github.com/callscope/callscope/ui/logs"
	"github.com/callscope/callscope/ui/uitest"
	"github.com/charmbracelet/bubbles/spinner"
	tea "github.com/charmbracelet/bubbletea"
)

// movingClock is the injected clock of watch tests: they move it on.
type movingClock struct{ ns atomic.Int64 }

func newMovingClock(t time.Time) *movingClock {
	c := &movingClock{}
	c.ns.Store(t.UnixNano())
	return c
}

func (c *movingClock) Now() time.Time      { return time.Unix(0, c.ns.Load()).UTC() }
func (c *movingClock) Add(d time.Duration) { c.ns.Add(int64(d)) }

// watchRow is a Direct Routing row of trunk that started at.
func watchRow(i int, at time.Time, trunk string, failed bool) model.DirectRoutingRow {
	r := model.DirectRoutingRow{ID: fmt.Sprintf("%08x-2222-4222-8222-%012x", 0xe0000000+i, i), StartDateTime: model.Time{Time: at},
		InviteDateTime: model.Time{Time: at}, EndDateTime: model.Time{Time: at.Add(time.Minute)}, SuccessfulCall: !failed,
		FinalSIPCode: 200, TrunkFullyQualifiedDomainName: trunk, CallType: "ByotIn", UserDisplayName: fmt.Sprintf("Caller %d", i)}
	if failed {
		r.FinalSIPCode, r.CallEndSubReason = 487, 560487
	}
	return r
}

// watchApp is a root on Direct Routing over "-2h" of a tenant with three
// rows, its clock and the fake's moved by the test.
type watchApp struct {
	t       *testing.T
	a       *App
	clock   *movingClock
	tenant  *fakegraph.Tenant
	flashes []string
	ticks   []watchTickMsg
}

func newWatchApp(t *testing.T, w WatchOptions) *watchApp {
	t.Helper()
	clock := newMovingClock(uitest.Now)
	tenant := fakegraph.NewTenant()
	for i := range 3 {
		tenant.AddDirectRoutingRows(watchRow(i, clock.Now().Add(-time.Duration(40+i)*time.Minute), "sbc1.contoso.com", false))
	}
	client, _ := uitest.FakeGraph(t, tenant, fakegraph.Options{Clock: clock.Now}, graphclient.Options{MaxRetries: -1})
	a := New(Options{Client: client, Keys: uitest.Keys(), Styles: common.DefaultStyles(), UTC: true, Now: clock.Now,
		View: ViewDirect, Range: common.Range{From: "-2h"}, Watch: w})
	wa := &watchApp{t: t, a: a, clock: clock, tenant: tenant}
	wa.send(tea.WindowSizeMsg{Width: 140, Height: 30})
	wa.drain(a.Init())
	return wa
}

func (w *watchApp) send(msg tea.Msg) {
	w.t.Helper()
	_, cmd := w.a.Update(msg)
	w.drain(cmd)
}

// drain runs cmd as the runtime would, synchronously; timers are not
// waited for: the watch's ticks are kept for the test to send, flashes
// are recorded, spinner ticks dropped.
func (w *watchApp) drain(cmd tea.Cmd) {
	w.t.Helper()
	uitest.Settle(w.t, skipTimers(cmd), func(msg tea.Msg) tea.Cmd {
		switch m := msg.(type) {
		case spinner.TickMsg:
		case watchTickMsg:
			w.ticks = append(w.ticks, m)
		case common.FlashMsg:
			w.flashes = append(w.flashes, m.Text)
			w.a.Update(m)
		default:
			_, next := w.a.Update(m)
			return skipTimers(next)
		}
		return nil
	})
}

// skipTimers replaces a tea.Tick command (which sleeps) with one that
// yields at once what the watch's tick would: the test sends ticks
// itself, so the tick is only recorded.
func skipTimers(cmd tea.Cmd) tea.Cmd {
	if cmd == nil {
		return nil
	}
	return func() tea.Msg {
		if fn := runtime.FuncForPC(reflect.ValueOf(cmd).Pointer()); fn != nil && strings.Contains(fn.Name(), "bubbletea.Tick") {
			return nil
		}
		msg := cmd()
		if v := reflect.ValueOf(msg); v.IsValid() && v.Kind() == reflect.Slice && v.Type().Elem() == reflect.TypeFor[tea.Cmd]() {
			sub := make([]tea.Cmd, v.Len())
			for i := range sub {
				sub[i] = skipTimers(v.Index(i).Interface().(tea.Cmd))
			}
			return tea.BatchMsg(sub)
		}
		return msg
	}
}

// tick moves the clock on by d and sends the watch's tick.
func (w *watchApp) tick(d time.Duration) {
	w.t.Helper()
	w.clock.Add(d)
	if w.a.watch == nil {
		w.t.Fatal("not watching")
	}
	w.send(watchTickMsg{ticks: w.a.watch.ticks})
}

func (w *watchApp) header() string { return w.a.headerView() }

func (w *watchApp) flashed(part string) bool {
	for _, f := range w.flashes {
		if strings.Contains(f, part) {
			return true
		}
	}
	return false
}

func TestWatchCountsDownAndReloadsTheRelativeRange(t *testing.T) {
	w := newWatchApp(t, WatchOptions{})
	if !strings.Contains(w.a.View(), "Caller 0") {
		t.Fatalf("rows not loaded:\n%s", w.a.View())
	}
	if strings.Contains(w.header(), "watching") {
		t.Fatal("watching before w")
	}
	w.send(uitest.KeyRune('w'))
	if h := w.header(); !strings.Contains(h, "watching · next in 60 s") {
		t.Fatalf("header after w: %q", h)
	}
	if !strings.Contains(w.a.footerView(), "stop watching") {
		t.Errorf("the footer does not offer to stop watching:\n%s", w.a.footerView())
	}
	w.tick(18 * time.Second)
	if h := w.header(); !strings.Contains(h, "watching · next in 42 s") {
		t.Fatalf("header 18 s on: %q", h)
	}

	// The tenant grows; the poll reads "-2h" again at the clock's now.
	w.tenant.AddDirectRoutingRows(watchRow(50, w.clock.Now().Add(30*time.Second), "sbc1.contoso.com", false))
	w.tick(42 * time.Second)
	v := w.a.View()
	if !strings.Contains(v, "Caller 50") {
		t.Fatalf("the new row did not show after the poll:\n%s", v)
	}
	marked := 0
	for _, l := range strings.Split(v, "\n") {
		if strings.HasPrefix(l, "+ ") {
			marked++
			if !strings.Contains(l, "Caller 50") {
				t.Errorf("an old row is marked new: %q", l)
			}
		}
	}
	if marked != 1 {
		t.Errorf("%d rows marked new, want 1:\n%s", marked, v)
	}
	if h := w.header(); !strings.Contains(h, "watching · next in 60 s") {
		t.Errorf("the next poll is not timed from the last: %q", h)
	}

	// w again stops: no words, no marks, ticks of the old watch do nothing.
	old := w.a.watch.ticks
	w.send(uitest.KeyRune('w'))
	if strings.Contains(w.header(), "watching") || strings.Contains(w.a.View(), "\n+ ") {
		t.Fatalf("still watching after the second w:\n%s", w.a.View())
	}
	w.send(watchTickMsg{ticks: old})
	if w.a.watch != nil {
		t.Fatal("an old tick restarted the watch")
	}
}

func TestWatchRefusesAFixedRangeAndScreensThatCannotBeWatched(t *testing.T) {
	w := newWatchApp(t, WatchOptions{})
	top := w.a.top().(*logs.List)
	from, to := uitest.Now.Add(-2*time.Hour), uitest.Now.Add(-time.Hour)
	cmd, err := top.TakeSession(common.Session{Range: common.RangeOf(from, to)})
	if err != nil {
		t.Fatal(err)
	}
	w.drain(cmd)
	w.send(uitest.KeyRune('w'))
	if w.a.watch != nil || !w.flashed("a fixed range cannot be watched") {
		t.Fatalf("a fixed range was watched; flashes %q", w.flashes)
	}
	w.send(uitest.KeyRune('L')) // the request log: no range to watch
	w.flashes = nil
	w.send(uitest.KeyRune('w'))
	if w.a.watch != nil || !w.flashed("cannot be watched") {
		t.Fatalf("the request log was watched; flashes %q", w.flashes)
	}
}

func TestWatchIntervalHasAFloor(t *testing.T) {
	for _, tc := range []struct{ given, want time.Duration }{{0, 60 * time.Second}, {10 * time.Second, 30 * time.Second}, {90 * time.Second, 90 * time.Second}} {
		if got := (WatchOptions{Interval: tc.given}).interval(); got != tc.want {
			t.Errorf("interval %v: got %v, want %v", tc.given, got, tc.want)
		}
	}
}

func TestWatchFlagsAFailingTrunkAndRingsOncePerNewAlert(t *testing.T) {
	rings := 0
	w := newWatchApp(t, WatchOptions{Interval: 30 * time.Second, Bell: func() { rings++ }})
	w.send(uitest.KeyRune('w'))
	if strings.Contains(w.header(), "⚠") || rings != 0 {
		t.Fatalf("an alert with no failures: %q", w.header())
	}
	// 12 calls through sbc2 in the last minutes, 5 failed: 42 %.
	for i := range 12 {
		w.tenant.AddDirectRoutingRows(watchRow(100+i, w.clock.Now().Add(-time.Duration(i)*time.Minute), "sbc2.contoso.com", i < 5))
	}
	w.tick(30 * time.Second)
	if h := w.header(); !strings.Contains(h, "⚠ sbc2.contoso.com 42 % failed (15 min)") {
		t.Fatalf("no trunk alert in the header: %q", h)
	}
	if strings.Contains(w.header(), "sbc1") {
		t.Errorf("a healthy trunk is flagged: %q", w.header())
	}
	if rings != 1 {
		t.Fatalf("bell rang %d times for a new alert, want 1", rings)
	}
	w.tick(30 * time.Second)
	if rings != 1 {
		t.Errorf("bell rang again for the same alert: %d", rings)
	}
}

func TestWatchBellIsOptIn(t *testing.T) {
	w := newWatchApp(t, WatchOptions{Interval: 30 * time.Second})
	w.send(uitest.KeyRune('w'))
	for i := range 10 {
		w.tenant.AddDirectRoutingRows(watchRow(200+i, w.clock.Now().Add(-time.Minute), "sbc3.contoso.com", true))
	}
	w.tick(30 * time.Second)
	if !strings.Contains(w.header(), "⚠ sbc3.contoso.com 100 % failed") {
		t.Fatalf("no alert: %q", w.header())
	}
	// Nothing to assert beyond not panicking on a nil bell: no bell was given.
}
