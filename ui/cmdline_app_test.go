package ui

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/callscope/callscope/graphclient"
	"github.com/callscope/callscope/graphclient/fakegraph"
	"github.com/callscope/callscope/ui/common"
	"github.com/callscope/callscope/ui/logs"
	"github.com/callscope/callscope/ui/requestlog"
	"github.com/callscope/callscope/ui/uitest"
	"github.com/charmbracelet/bubbles/spinner"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
)

// cmdApp is a root for prompt tests at uitest.Now, 120x30, with client (nil
// for a fake Graph with an empty tenant) and history at histPath ("" for
// none); Init has settled.
func cmdApp(t *testing.T, client *graphclient.Client, histPath string) (*App, *cmdRun) {
	t.Helper()
	return appWith(t, Options{Client: client, HistoryPath: histPath})
}

// appWith is cmdApp started with o: its keys, styles, clock, UTC and
// export folder are the tests' own.
func appWith(t *testing.T, o Options) (*App, *cmdRun) {
	t.Helper()
	o.Keys, o.Styles, o.UTC, o.ExportDir = uitest.Keys(), common.DefaultStyles(), true, t.TempDir()
	o.Now = func() time.Time { return uitest.Now }
	if o.Client == nil {
		o.Client, _ = uitest.FakeGraph(t, fakegraph.NewTenant(), fakegraph.Options{}, graphclient.Options{MaxRetries: -1})
	}
	a := New(o)
	r := &cmdRun{t: t, a: a}
	r.update(tea.WindowSizeMsg{Width: 120, Height: 30})
	r.drain(a.Init())
	return a, r
}

// cmdRun feeds an App the way the runtime would, synchronously, and keeps
// what the frame was told: flashes and whether the program quit.
type cmdRun struct {
	t       *testing.T
	a       *App
	flashes []string
	quit    bool
}

func (r *cmdRun) update(msg tea.Msg) {
	_, cmd := r.a.Update(msg)
	r.drain(cmd)
}

// drain runs cmd and feeds its messages back until nothing is left.
// Timers are not waited for: a flash is recorded and shown but its clear
// tick dropped, and spinner ticks are dropped.
func (r *cmdRun) drain(cmd tea.Cmd) {
	r.t.Helper()
	uitest.Settle(r.t, cmd, func(msg tea.Msg) tea.Cmd {
		switch m := msg.(type) {
		case spinner.TickMsg:
		case tea.QuitMsg:
			r.quit = true
		case common.FlashMsg:
			r.flashes = append(r.flashes, m.Text)
			r.a.Update(m)
		default:
			_, next := r.a.Update(m)
			return next
		}
		return nil
	})
}

// run opens the prompt, types line and presses enter.
func (r *cmdRun) run(line string) {
	r.t.Helper()
	r.update(uitest.KeyRune(':'))
	for _, k := range uitest.TypeText(line) {
		r.update(k)
	}
	r.update(uitest.KeyEnter)
}

func (r *cmdRun) flashed(part string) bool {
	return slices.ContainsFunc(r.flashes, func(f string) bool { return strings.Contains(f, part) })
}

func TestPromptOpensOverTheFooterAndCapturesKeys(t *testing.T) {
	a, r := cmdApp(t, nil, "")
	r.update(uitest.KeyRune(':'))
	if a.prompt == nil {
		t.Fatal(": did not open the prompt")
	}
	for _, k := range uitest.TypeText("q1?") { // quit, view 1 and help are typed, not run
		r.update(k)
	}
	if r.quit || a.showAll || a.prompt.Value() != "q1?" {
		t.Fatalf("keys escaped the prompt: quit %v help %v value %q", r.quit, a.showAll, a.prompt.Value())
	}
	v := a.View()
	lines := strings.Split(v, "\n")
	if len(lines) != 30 || lipgloss.Width(v) > 120 {
		t.Fatalf("view is %d lines, %d wide", len(lines), lipgloss.Width(v))
	}
	if !strings.HasPrefix(lines[28], ":q1?") || !strings.Contains(lines[29], "tab completes") {
		t.Fatalf("prompt not in the footer's place:\n%s", v)
	}
	if got := a.bodySize(); got.Height != 30-2-lipgloss.Height(a.headerView()) {
		t.Errorf("the prompt changed the body height: %+v", got)
	}
	r.update(uitest.KeyEsc)
	if a.prompt != nil || a.top().Title() != "Calls" {
		t.Fatal("esc did not close only the prompt")
	}
}

func TestPromptErrorRunsNothing(t *testing.T) {
	path := filepath.Join(t.TempDir(), "history")
	a, r := cmdApp(t, nil, path)
	r.run("direct -24h fialed")
	if a.view != ViewCalls || a.prompt == nil {
		t.Fatalf("view %d, prompt %v: the line ran", a.view, a.prompt != nil)
	}
	if v := a.View(); !strings.Contains(v, `unknown command "fialed" at word 3; did you mean failed?`) ||
		!strings.Contains(v, ":direct -24h fialed") {
		t.Fatalf("error not under the prompt:\n%s", v)
	}
	if _, err := os.Stat(path); !os.IsNotExist(err) {
		t.Error("a refused line went into the history")
	}
	// Fix the word where it is and run.
	for range 6 {
		r.update(tea.KeyMsg{Type: tea.KeyBackspace})
	}
	for _, k := range uitest.TypeText("failed") {
		r.update(k)
	}
	r.update(uitest.KeyEnter)
	if a.view != ViewDirect || a.prompt != nil {
		t.Fatalf("the fixed line did not run: view %d", a.view)
	}
}

func TestPromptRefusesFiltersTheViewLacks(t *testing.T) {
	cases := []struct{ line, want string }{
		{"sip 403", "sip applies to the Direct Routing view"},
		{"trunk sbc1.contoso.com", "trunk applies to the Direct Routing view"},
		{"pstn failed", "PSTN rows carry no outcome field"},
		{"pstn trunk sbc1", "trunk applies to the Direct Routing view"},
		{"direct poor", "poor applies to the calls view"},
		{"pstn poor", "poor applies to the calls view"},
		{"direct -2h failed calls", "two views on one line"},
	}
	for _, tc := range cases {
		a, r := cmdApp(t, nil, "")
		r.run(tc.line)
		if a.prompt == nil || !strings.Contains(a.View(), tc.want) {
			t.Errorf("%q: want %q under the prompt:\n%s", tc.line, tc.want, a.View())
		}
		if a.view != ViewCalls {
			t.Errorf("%q: the view changed to %d", tc.line, a.view)
		}
	}
}

func TestPromptSwitchesViewsTogglesUTCAndOpensTheLog(t *testing.T) {
	a, r := cmdApp(t, nil, "")
	r.run("pstn utc")
	if a.view != ViewPstn || a.c.Prefs.UTC {
		t.Fatalf("view %d utc %v", a.view, a.c.Prefs.UTC)
	}
	r.run("view direct")
	if a.view != ViewDirect {
		t.Fatalf("view %d", a.view)
	}
	r.run("log")
	if want := requestlog.New(a.c).Title(); a.top().Title() != want || len(a.stacks[ViewDirect]) != 2 {
		t.Fatalf("top %q, want the request log %q", a.top().Title(), want)
	}
	r.run("calls")
	if a.view != ViewCalls || r.quit {
		t.Fatalf("view %d quit %v", a.view, r.quit)
	}
}

func TestPromptQuitWritesTheHistoryFirst(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state", "history")
	_, r := cmdApp(t, nil, path)
	r.run("utc quit")
	if !r.quit {
		t.Fatal("quit did not quit")
	}
	b, err := os.ReadFile(path)
	if err != nil || string(b) != "utc quit\n" {
		t.Fatalf("history %q, %v", b, err)
	}
}

func TestPromptHistoryAcrossRuns(t *testing.T) {
	path := filepath.Join(t.TempDir(), "history")
	_, r := cmdApp(t, nil, path)
	r.run("direct")
	r.run("pstn utc")
	r.run("pstn utc") // a repeat is kept once
	a2, r2 := cmdApp(t, nil, path)
	r2.update(uitest.KeyRune(':'))
	r2.update(uitest.KeyUp)
	if got := a2.prompt.Value(); got != "pstn utc" {
		t.Fatalf("↑ = %q", got)
	}
	r2.update(uitest.KeyUp)
	r2.update(uitest.KeyUp)
	if got := a2.prompt.Value(); got != "direct" {
		t.Fatalf("↑↑↑ = %q", got)
	}
	r2.update(uitest.KeyEnter)
	if a2.view != ViewDirect {
		t.Fatal("a recalled line did not run")
	}
}

func TestPromptHistoryFailureIsShownOnceAndNeverStops(t *testing.T) {
	dir := t.TempDir() // a directory cannot be read or appended to as a file
	a, r := cmdApp(t, nil, dir)
	if !r.flashed("command history not kept") {
		t.Fatalf("no warning: %q", r.flashes)
	}
	r.run("direct")
	r.run("pstn")
	if a.view != ViewPstn {
		t.Fatal("commands stopped running")
	}
	n := 0
	for _, f := range r.flashes {
		if strings.Contains(f, "history") {
			n++
		}
	}
	if n != 1 {
		t.Fatalf("history warned %d times: %q", n, r.flashes)
	}
	r.update(uitest.KeyRune(':'))
	r.update(uitest.KeyUp)
	if a.prompt.Value() != "pstn" {
		t.Fatalf("the run's history is lost too: %q", a.prompt.Value())
	}
}

func TestPromptExportsTheCurrentScreen(t *testing.T) {
	_, r0 := cmdApp(t, nil, "")
	r0.run("export") // nothing loaded
	if !r0.flashed("nothing to export yet") {
		t.Fatalf("flashes %q", r0.flashes)
	}
	client, _ := logFake(t, uitest.DemoTenant, fakegraph.Options{})
	a, r := cmdApp(t, client, "")
	r.run("direct") // rows load after the line ran: export then would find none
	r.run("failed sip 487 export")
	n := a.top().(*logs.List).Shown()
	if n == 0 {
		t.Fatal("no failed 487 in the demo's last day")
	}
	if !r.flashed("exported " + common.Plural(n, "row", "rows")) {
		t.Fatalf("flashes %q (want the %d rows shown exported)", r.flashes, n)
	}
	files, _ := filepath.Glob(filepath.Join(a.c.ExportDir, "callscope-direct-routing-*.csv"))
	if len(files) != 1 {
		t.Fatalf("export files %q", files)
	}
}

// failed and poor narrow the calls list from the prompt (they reach the
// calls screen, not the refusal), and poor completes like any command.
func TestPromptTakesFailedAndPoorOnTheCallsView(t *testing.T) {
	for _, line := range []string{"failed", "poor", "calls poor failed"} {
		a, r := cmdApp(t, nil, "")
		r.run(line)
		if a.prompt != nil || a.view != ViewCalls {
			t.Errorf("%q: prompt still open (refused?) or view %d:\n%s", line, a.view, a.View())
		}
	}
}
