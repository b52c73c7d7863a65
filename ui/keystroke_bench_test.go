package ui

import (
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	"github.com/callscope/callscope/graphclient"
	"github.com/callscope/callscope/graphclient/fakegraph"
	"github.com/callscope/callscope/ui/common"
	"github.com/callscope/callscope/ui/uitest"
	"github.com/callscope/callscope/ui/uitest/ptylatency"
	"github.com/charmbracelet/bubbles/spinner"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"
)

// Benchmarks of a keystroke as the user pays for it: Update of a real rune
// key (j, then k, so the cursor stays in range) and the whole App.View at
// 160x40 in TrueColor, on the calls list, the Direct Routing list with a
// million rows loaded, and a call record. Target: ≤ 120 µs each.
//
//	go test ./ui -run '^$' -bench Keystroke -benchmem -count 5

// benchWidth and benchHeight are the terminal the targets are stated for.
const (
	benchWidth  = 160
	benchHeight = 40
)

// benchMillion is the Direct Routing rows of the million-row benchmark.
const benchMillion = 1_000_000

// trueColor renders in TrueColor until the benchmark ends: the styles are
// the default renderer's, which TestMain set to plain ASCII for goldens.
func trueColor(b *testing.B) {
	lipgloss.SetHasDarkBackground(true) // never ask a terminal
	lipgloss.SetColorProfile(termenv.TrueColor)
	b.Cleanup(func() { lipgloss.SetColorProfile(termenv.Ascii) })
}

// unpaced are limits no benchmark reaches.
var unpaced = func() graphclient.Limits {
	w := graphclient.Window{Requests: 1 << 30, Per: time.Millisecond}
	return graphclient.Limits{List: w, Record: w, Records: w, LogCollection: w, Logs: w}
}()

// serveTenant serves tenant on 127.0.0.1 for the rest of the process (a
// loaded app is shared by benchmark runs) and returns a client for it
// whose log limiter never waits: the benchmark measures the screen, not
// Graph's pace.
func serveTenant(tb testing.TB, tenant *fakegraph.Tenant, now time.Time) *graphclient.Client {
	tb.Helper()
	srv := httptest.NewServer(fakegraph.New(tenant, fakegraph.Options{Clock: func() time.Time { return now }}))
	c, err := graphclient.New(graphclient.Options{ServiceRoot: srv.URL + "/v1.0", Credential: graphclient.StaticToken("test-token"),
		MaxRetries: -1, Limits: unpaced})
	if err != nil {
		tb.Fatal(err)
	}
	return c
}

// runApp feeds a the messages of cmd, and of the commands they return,
// until nothing is left. Spinner ticks are dropped, and a flash is shown
// without its clear timer, so nothing waits on the wall clock.
func runApp(tb testing.TB, a *App, cmd tea.Cmd) {
	tb.Helper()
	uitest.Settle(tb, cmd, func(msg tea.Msg) tea.Cmd {
		switch msg.(type) {
		case spinner.TickMsg, tea.QuitMsg:
			return nil
		case common.FlashMsg:
			a.Update(msg)
			return nil
		}
		_, next := a.Update(msg)
		return next
	})
}

// benchApp is the explorer over client at 160x40, started with o (keys,
// styles, clock and events filled in here) and settled.
func benchApp(tb testing.TB, client *graphclient.Client, now time.Time, o Options) *App {
	tb.Helper()
	o.Client, o.Keys, o.Styles, o.UTC = client, uitest.Keys(), common.DefaultStyles(), true
	o.Now, o.Events = func() time.Time { return now }, common.NewEvents()
	a := New(o)
	a.Update(tea.WindowSizeMsg{Width: benchWidth, Height: benchHeight})
	runApp(tb, a, a.Init())
	return a
}

var (
	millionOnce sync.Once
	millionApp  *App
)

// directMillion is the explorer on the Direct Routing view with a million
// rows loaded (End pressed until the list has paged through the range),
// built once and shared: loading takes seconds, and keystrokes leave it
// as it was.
func directMillion(b *testing.B) *App {
	millionOnce.Do(func() {
		now := uitest.Now
		tenant := fakegraph.NewTenant()
		tenant.AddDirectRoutingRows(ptylatency.DirectRoutingRows(benchMillion, now)...)
		from, to := ptylatency.RangeOf(now)
		a := benchApp(b, serveTenant(b, tenant, now), now, Options{View: ViewDirect, LogFrom: from, LogTo: to})
		for range benchMillion/1000 + 10 {
			if !a.top().Status().More {
				break
			}
			_, cmd := a.Update(uitest.KeyEnd)
			runApp(b, a, cmd)
		}
		a.Update(uitest.KeyHome)
		millionApp = a
	})
	if st := millionApp.top().Status(); st.Loaded != benchMillion || st.More {
		b.Fatalf("the Direct Routing list holds %d rows (more: %v), want all %d", st.Loaded, st.More, benchMillion)
	}
	return millionApp
}

// keystrokes times j and k in turn through Update, each with the whole View.
func keystrokes(b *testing.B, a *App) {
	keys := []tea.KeyMsg{uitest.KeyRune('j'), uitest.KeyRune('k')}
	before := a.View()
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		a.Update(keys[i&1])
		_ = a.View()
		i++
	}
	if i%2 == 0 && a.View() != before {
		b.Fatal("j then k did not bring the view back: the keys did not move one row each way")
	}
}

// BenchmarkKeystrokeCalls is a key on the calls list (one page loaded).
func BenchmarkKeystrokeCalls(b *testing.B) {
	trueColor(b)
	tenant := fakegraph.NewTenant()
	for _, r := range uitest.MakeRecords(0, 200) {
		tenant.AddRecord(r)
	}
	a := benchApp(b, serveTenant(b, tenant, uitest.T0), uitest.T0, Options{})
	keystrokes(b, a)
}

// BenchmarkKeystrokeDirectRouting1M is a key on the Direct Routing list
// with a million rows loaded.
func BenchmarkKeystrokeDirectRouting1M(b *testing.B) {
	trueColor(b)
	keystrokes(b, directMillion(b))
}

// BenchmarkKeystrokeRecord is a key on a call record's screen.
func BenchmarkKeystrokeRecord(b *testing.B) {
	trueColor(b)
	a := benchApp(b, serveTenant(b, uitest.GroupCallTenant(0), uitest.T0), uitest.T0, Options{})
	_, cmd := a.Update(uitest.KeyEnter)
	runApp(b, a, cmd)
	if len(a.stacks[a.view]) != 2 {
		b.Fatalf("enter did not open the record: the stack holds %d screens", len(a.stacks[a.view]))
	}
	keystrokes(b, a)
}
