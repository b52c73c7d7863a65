package ui

import (
	"strings"
	"testing"
	"time"

	"github.com/callscope/callscope/graphclient"
	"github.com/callscope/callscope/graphclient/fakegraph"
	"github.com/callscope/callscope/ui/common"
	"github.com/callscope/callscope/ui/record"
	"github.com/callscope/callscope/ui/uitest"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
)

// newTestApp is a root over a fake Graph with an empty tenant; the
// screens' first commands are dropped, unrun, which is all these routing
// tests need.
func newTestApp(t *testing.T) *App {
	t.Helper()
	client, _ := uitest.FakeGraph(t, fakegraph.NewTenant(), fakegraph.Options{}, graphclient.Options{MaxRetries: -1})
	a := New(Options{Client: client, Keys: uitest.Keys(), Styles: common.DefaultStyles(), UTC: true,
		Now: func() time.Time { return uitest.T0 }, Events: common.NewEvents()})
	a.Init()
	a.Update(tea.WindowSizeMsg{Width: 120, Height: 30})
	return a
}

func TestAppViewFillsTheTerminalAndRelaysOnResize(t *testing.T) {
	a := newTestApp(t)
	for _, size := range []tea.WindowSizeMsg{{Width: 120, Height: 30}, {Width: 80, Height: 20}, {Width: 200, Height: 50}} {
		a.Update(size)
		v := a.View()
		if h := lipgloss.Height(v); h != size.Height {
			t.Errorf("%dx%d: view is %d lines high", size.Width, size.Height, h)
		}
		if w := lipgloss.Width(v); w > size.Width {
			t.Errorf("%dx%d: view is %d cells wide", size.Width, size.Height, w)
		}
	}
}

func TestAppHelpOverlayOpensAndAnyKeyCloses(t *testing.T) {
	a := newTestApp(t)
	a.Update(uitest.KeyRune('?'))
	if v := a.View(); !strings.Contains(v, "any key closes") || !strings.Contains(v, "next view") {
		t.Fatalf("help overlay missing:\n%s", v)
	}
	_, cmd := a.Update(uitest.KeyRune('q')) // closes the overlay, does not quit
	if cmd != nil {
		t.Fatal("a key on the help overlay must only close it")
	}
	if strings.Contains(a.View(), "any key closes") {
		t.Fatal("overlay still open")
	}
}

func TestAppCtrlCQuitsEvenWhileAnInputCaptures(t *testing.T) {
	a := newTestApp(t)
	a.Update(uitest.KeyRune('F')) // the calls filter form captures the keyboard
	if !a.top().Capturing() {
		t.Fatal("filter form should capture")
	}
	if _, cmd := a.Update(uitest.KeyRune('q')); cmd != nil && isQuit(cmd) {
		t.Fatal("q typed into the form must not quit")
	}
	_, cmd := a.Update(tea.KeyMsg{Type: tea.KeyCtrlC})
	if cmd == nil || !isQuit(cmd) {
		t.Fatal("ctrl+c must quit")
	}
}

func isQuit(cmd tea.Cmd) bool {
	_, ok := cmd().(tea.QuitMsg)
	return ok
}

func TestAppViewsKeepTheirOwnStacks(t *testing.T) {
	a := newTestApp(t)
	calls := a.top()
	a.Update(common.PushMsg{Screen: record.New(a.c, "3f2a9c1e-0000-0000-0000-000000000000")})
	if a.top().Title() == "Calls" {
		t.Fatal("record not pushed")
	}
	a.Update(uitest.KeyTab) // to Direct Routing
	if a.view != ViewDirect || a.top().Title() != "Direct Routing" {
		t.Fatalf("tab: view %d, top %q", a.view, a.top().Title())
	}
	a.Update(uitest.KeyRune('1'))
	if len(a.stacks[ViewCalls]) != 2 || !strings.HasPrefix(a.top().Title(), "Call ") {
		t.Fatalf("calls stack lost its record screen: top %q", a.top().Title())
	}
	if !strings.Contains(a.View(), "Calls › Call 3f2a9c1e…") {
		t.Fatalf("breadcrumb wrong:\n%s", a.View())
	}
	a.Update(uitest.KeyEsc)
	if a.top() != calls {
		t.Fatal("esc did not return to the calls list")
	}
	a.Update(uitest.KeyEsc) // nothing under the base screen: esc is not a quit
	if a.top() != calls {
		t.Fatal("esc popped the base screen")
	}
}

func TestAppToggleUTCChangesTheHeader(t *testing.T) {
	a := newTestApp(t)
	if !strings.Contains(firstLine(a.View()), "UTC") {
		t.Fatalf("header lacks UTC: %q", firstLine(a.View()))
	}
	a.Update(uitest.KeyRune('t'))
	if h := firstLine(a.View()); !strings.Contains(h, "local") {
		t.Fatalf("after t the header should say local: %q", h)
	}
}

func TestAppShowsRetryWait(t *testing.T) {
	a := newTestApp(t)
	a.Update(common.RetryMsg{Event: graphclient.RetryEvent{Status: 429, Reason: "Graph answered 429", Attempt: 1, Max: 4, Wait: 3 * time.Second}})
	if v := a.View(); !strings.Contains(v, "Graph answered 429, retry 1 of 4 in 3s") {
		t.Fatalf("no throttle notice:\n%s", v)
	}
	a.Update(common.RetryMsg{Event: graphclient.RetryEvent{Reason: "no answer from Graph within 30s", Attempt: 2, Max: 4, Wait: time.Second}})
	if v := a.View(); !strings.Contains(v, "no answer from Graph within 30s, retry 2 of 4 in 1s") {
		t.Fatalf("a silent server's retry is not said:\n%s", v)
	}
}

func TestAppFlashClearsOnlyItsOwnTimer(t *testing.T) {
	a := newTestApp(t)
	a.Update(common.FlashMsg{Text: "first"})
	a.Update(common.FlashMsg{Text: "second"})
	a.Update(common.FlashClearMsg{Seq: 1}) // the first flash's timer: stale
	if !strings.Contains(a.View(), "second") {
		t.Fatal("a stale timer cleared the newer flash")
	}
	a.Update(common.FlashClearMsg{Seq: 2})
	if strings.Contains(a.View(), "second") {
		t.Fatal("flash not cleared")
	}
}

func firstLine(s string) string {
	line, _, _ := strings.Cut(s, "\n")
	return line
}

// At the narrowest supported width the help overlay of every view stacks
// its groups instead of running off the right edge (the frame would cut
// its border and the last column).
func TestAppHelpOverlayFitsNarrowTerminals(t *testing.T) {
	a := newTestApp(t)
	a.Update(tea.WindowSizeMsg{Width: MinWidth, Height: 60})
	for _, view := range []rune{'1', '2', '3'} {
		a.Update(uitest.KeyRune(view))
		box := a.helpView()
		if w := lipgloss.Width(box); w > MinWidth {
			t.Errorf("view %c: help overlay is %d cells wide at %d columns:\n%s", view, w, MinWidth, box)
		}
		for _, line := range strings.Split(box, "\n") {
			if r := []rune(strings.TrimRight(line, " ")); len(r) == 0 || !strings.ContainsRune("│╮╯", r[len(r)-1]) {
				t.Errorf("view %c: the box's right border is cut: %q", view, line)
				break
			}
		}
		for _, want := range []string{"next view", "quit", "any key closes"} {
			if !strings.Contains(box, want) {
				t.Errorf("view %c: help overlay lacks %q:\n%s", view, want, box)
			}
		}
	}
}

// closingScreen records that the root told it it left its stack.
type closingScreen struct {
	common.Screen
	closed int
}

func (s *closingScreen) Closed() { s.closed++ }

// esc and a pop message both tell a screen it left its stack, so a record
// closed while Graph is silent cancels its request instead of waiting on.
func TestAppTellsAPoppedScreenItClosed(t *testing.T) {
	a := newTestApp(t)
	base := a.top()
	first := &closingScreen{Screen: record.New(a.c, "3f2a9c1e-0000-4000-8000-000000000001")}
	a.Update(common.PushMsg{Screen: first, From: base})
	a.Update(uitest.KeyEsc)
	if first.closed != 1 || a.top() != base {
		t.Fatalf("esc: closed %d times, top %q", first.closed, a.top().Title())
	}
	second := &closingScreen{Screen: record.New(a.c, "3f2a9c1e-0000-4000-8000-000000000002")}
	a.Update(common.PushMsg{Screen: second, From: base})
	a.Update(common.PopMsg{Screen: second})
	if second.closed != 1 || a.top() != base {
		t.Fatalf("pop: closed %d times, top %q", second.closed, a.top().Title())
	}
}
