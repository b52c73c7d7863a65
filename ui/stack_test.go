package ui

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/callscope/callscope/graphclient"
	"github.com/callscope/callscope/ui/common"
	"github.com/callscope/callscope/ui/requestlog"
	"github.com/callscope/callscope/ui/uitest"
	"github.com/charmbracelet/bubbles/spinner"
	tea "github.com/charmbracelet/bubbletea"
)

// Tests of the root with the screens over it: what a push, a pop or a
// key the root keeps does to the screen underneath.

// TestCallsBackKeepsSelection: esc on a record opened from the calls list
// pops it at once, and the list keeps the row the cursor was on.
func TestCallsBackKeepsSelection(t *testing.T) {
	client, _ := fakeClient(t, 60)
	var copied string
	a := New(Options{Client: client, Keys: uitest.Keys(), Styles: common.DefaultStyles(), Now: func() time.Time { return uitest.T0 },
		UTC: true, Copy: func(s string) error { copied = s; return nil }})
	a.Update(tea.WindowSizeMsg{Width: 120, Height: 30})
	uitest.Settle(t, a.Init(), func(m tea.Msg) tea.Cmd {
		if _, tick := m.(spinner.TickMsg); tick {
			return nil
		}
		_, next := a.Update(m)
		return next
	})
	s := a.top()
	if n := s.Status().Loaded; n < 6 {
		t.Fatalf("%d rows loaded", n)
	}
	for range 5 {
		a.Update(uitest.KeyDown)
	}
	_, cmd := a.Update(uitest.KeyEnter)
	if cmd == nil {
		t.Fatal("enter must open the record")
	}
	push, ok := cmd().(common.PushMsg)
	if !ok {
		t.Fatalf("enter gave %T, want pushMsg", cmd())
	}
	a.Update(push)
	if len(a.stacks[ViewCalls]) != 2 || a.top().Title() == "Calls" {
		t.Fatal("record screen not pushed")
	}
	a.Update(uitest.KeyEsc) // the root pops at once: the next key reaches the list
	if a.top() != s {
		t.Fatalf("back: top %q, want the list", a.top().Title())
	}
	_, cmd = a.Update(uitest.KeyRune('y')) // copies the id of the row under the cursor
	uitest.Messages(cmd)
	if copied != uitest.ID(5) {
		t.Fatalf("back: the cursor is on %s, want row 5 (%s)", copied, uitest.ID(5))
	}
}

// TestTinyTerminalSaysTooSmall: below MinWidth the frame says so rather
// than draw a list it has no room for.
func TestTinyTerminalSaysTooSmall(t *testing.T) {
	a := New(Options{Keys: uitest.Keys(), Styles: common.DefaultStyles(), Now: func() time.Time { return uitest.T0 }})
	a.Init()
	a.Update(tea.WindowSizeMsg{Width: 20, Height: 10})
	a.Update(uitest.KeyDown)
	if v := a.View(); !strings.Contains(v, "too small") {
		t.Fatalf("20 columns:\n%s", v)
	}
}

func TestRequestLogKeyOpensItOnceAndLogChangesReachIt(t *testing.T) {
	ev := logEvents(3)
	a := New(Options{Keys: uitest.Keys(), Styles: common.DefaultStyles(), Now: func() time.Time { return uitest.T0 }, UTC: true, Events: ev})
	a.Update(tea.WindowSizeMsg{Width: 120, Height: 20})
	before := len(a.stacks[a.view])
	cmd := a.key(uitest.KeyRune('L'))
	// A second L in the same frame, before any command ran, must not
	// stack a second log.
	if a.key(uitest.KeyRune('L')) != nil || len(a.stacks[a.view]) != before+1 {
		t.Fatalf("L twice: %d screens on the view", len(a.stacks[a.view]))
	}
	switch msg := runCmd(cmd).(type) {
	case tea.BatchMsg:
		for _, c := range msg {
			if m := runCmd(c); m != nil {
				a.Update(m)
			}
		}
	case nil:
		t.Fatal("the push did not size the new screen")
	default:
		a.Update(msg) // the body size for the new screen
	}
	if _, ok := a.top().(*requestlog.Screen); !ok {
		t.Fatalf("top is %T", a.top())
	}
	if a.key(uitest.KeyRune('L')) != nil {
		t.Error("L on the request log must not open a second one")
	}
	ev.RequestDone(graphclient.RequestEvent{Method: "GET", Path: "/v1.0/late", Status: 200, Attempt: 1})
	a.Update(common.RequestLogChangedMsg{})
	if !strings.Contains(a.View(), "/v1.0/late") {
		t.Errorf("the root did not pass the change on:\n%s", a.View())
	}
	if !strings.Contains(a.helpView(), "request log") {
		t.Error("the help overlay does not offer the request log")
	}
}

// logEvents is an Events with n finished requests, one a second from uitest.T0.
func logEvents(n int) *common.Events {
	ev := common.NewEvents()
	for i := 0; i < n; i++ {
		ev.RequestDone(graphclient.RequestEvent{Start: uitest.T0.Add(time.Duration(i) * time.Second), Method: "GET",
			Path: fmt.Sprintf("/v1.0/communications/callRecords?$top=%d", i), Status: 200,
			Duration: 87 * time.Millisecond, RequestID: fmt.Sprintf("00000000-0000-0000-0000-%012d", i), Attempt: 1})
	}
	return ev
}

// runCmd runs cmd and returns its message (nil for a nil cmd).
func runCmd(cmd tea.Cmd) tea.Msg {
	if cmd == nil {
		return nil
	}
	return cmd()
}
