package requestlog

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/callscope/callscope/graphclient"
	"github.com/callscope/callscope/ui/common"
	"github.com/callscope/callscope/ui/uitest"
	tea "github.com/charmbracelet/bubbletea"
)

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

// logOver is the request log over ev at 120×12.
func logOver(ev *common.Events) (*common.Common, *Screen) {
	c := uitest.Common(uitest.T0)
	c.Events = ev
	s := New(c)
	s.Update(common.BodySizeMsg{Width: 120, Height: 12})
	return c, s
}

func TestRequestLogFollowsNewRequestsUntilTheUserScrolls(t *testing.T) {
	ev := logEvents(30)
	_, s := logOver(ev)
	if s.tbl.Cursor() != 29 || !s.follow {
		t.Fatalf("cursor %d follow %v; want the newest row, following", s.tbl.Cursor(), s.follow)
	}
	ev.RequestDone(graphclient.RequestEvent{Start: uitest.T0.Add(time.Minute), Method: "GET", Path: "/v1.0/new", Status: 200, Attempt: 1})
	s.Update(common.RequestLogChangedMsg{})
	if s.tbl.Cursor() != 30 || !strings.Contains(s.View(), "/v1.0/new") {
		t.Fatalf("cursor %d; the new request must be selected and shown:\n%s", s.tbl.Cursor(), s.View())
	}
	s.Update(uitest.KeyUp)
	ev.RequestDone(graphclient.RequestEvent{Method: "GET", Path: "/v1.0/newer", Status: 200, Attempt: 1})
	s.Update(common.RequestLogChangedMsg{})
	if s.follow || s.tbl.Cursor() != 29 || s.tbl.Len() != 32 {
		t.Fatalf("after up: follow %v cursor %d len %d; want paused on row 29 of 32", s.follow, s.tbl.Cursor(), s.tbl.Len())
	}
	if !strings.Contains(s.Status().Note, "paused") {
		t.Errorf("status %q should say the log is paused", s.Status().Note)
	}
	s.Update(uitest.KeyEnd)
	if !s.follow || s.tbl.Cursor() != 31 {
		t.Errorf("end: follow %v cursor %d; want following at 31", s.follow, s.tbl.Cursor())
	}
}

func TestRequestLogDetailAndCopy(t *testing.T) {
	ev := common.NewEvents()
	ev.RequestDone(graphclient.RequestEvent{Start: uitest.T0, Method: "GET", Path: "/v1.0/communications/callRecords/getDirectRoutingCalls(fromDateTime=2026-11-19T15%3A00%3A00Z)",
		Status: 429, Duration: 40 * time.Millisecond, RequestID: "req-429", Attempt: 1})
	ev.Retrying(graphclient.RetryEvent{Status: 429, Wait: 2128 * time.Millisecond, Attempt: 1, Path: "/v1.0/x", RequestID: "req-429"})
	ev.RequestDone(graphclient.RequestEvent{Start: uitest.T0.Add(3 * time.Second), Method: "GET", Path: "/v1.0/x", Status: 200,
		Duration: 90 * time.Millisecond, RequestID: "req-200", Attempt: 2})
	ev.RequestDone(graphclient.RequestEvent{Start: uitest.T0.Add(4 * time.Second), Method: "GET", Path: "/v1.0/y", Attempt: 1, Err: "dial tcp: connection refused"})
	c, s := logOver(ev)
	var copied []string
	c.Copy = func(s string) error { copied = append(copied, s); return nil }

	view := s.View()
	for _, want := range []string{"WAIT", "2.128s", "429", "ERR", "/v1.0/communications/callRecords/g…", "req-200"} {
		if !strings.Contains(view, want) {
			t.Errorf("list lacks %q:\n%s", want, view)
		}
	}
	// The last row (no response) has no request-id to copy.
	if msg := runCmd(s.key(uitest.KeyRune('y'))); msg == nil || !msg.(common.FlashMsg).IsError {
		t.Errorf("y on a row without request-id: %v, want an error flash", msg)
	}
	s.Update(uitest.KeyUp)
	runCmd(s.key(uitest.KeyRune('y')))
	if len(copied) != 1 || copied[0] != "req-200" {
		t.Fatalf("copied %v, want req-200", copied)
	}
	s.Update(uitest.KeyHome)
	push, ok := runCmd(s.key(uitest.KeyEnter)).(common.PushMsg)
	if !ok {
		t.Fatal("enter did not open the entry")
	}
	d := push.Screen
	d, _ = d.Update(common.BodySizeMsg{Width: 100, Height: 20})
	dv := d.View()
	for _, want := range []string{"Graph request", "429 Too Many Requests", "req-429", "getDirectRoutingCalls(fromDateTime=2026-11-",
		"19T15%3A00%3A00Z", "2026-11-20T15:00:00Z"} {
		if !strings.Contains(dv, want) {
			t.Errorf("detail lacks %q:\n%s", want, dv)
		}
	}
	_, cmd := d.Update(uitest.KeyRune('y'))
	runCmd(cmd)
	if len(copied) != 2 || copied[1] != "req-429" {
		t.Errorf("copied %v, want req-429 from the detail", copied)
	}
}

func TestRequestLogMasksPeopleUnderRedact(t *testing.T) {
	ev := common.NewEvents()
	ev.RequestDone(graphclient.RequestEvent{Method: "GET", Status: 200, Attempt: 1,
		Path: "/v1.0/users?$filter=startswith(displayName,%27Anette%27)"})
	ev.RequestDone(graphclient.RequestEvent{Method: "GET", Status: 404, Attempt: 1, Path: "/v1.0/users/anette.thomsen%40contoso.com"})
	c := uitest.Common(uitest.T0)
	c.Events, c.Redact = ev, true
	s := New(c)
	s.Update(common.BodySizeMsg{Width: 140, Height: 10})
	v := s.View()
	if strings.Contains(v, "Anette") || strings.Contains(v, "anette") {
		t.Errorf("--redact shows a person in the request log:\n%s", v)
	}
	if !strings.Contains(v, "a*************@contoso.com") || !strings.Contains(v, "startswith(displayName,'A*****')") {
		t.Errorf("masked paths missing:\n%s", v)
	}
}

func TestRequestLogEmptyStates(t *testing.T) {
	c := uitest.Common(uitest.T0)
	s := New(c)
	s.Update(common.BodySizeMsg{Width: 80, Height: 10})
	if !strings.Contains(s.View(), "No request log") {
		t.Errorf("no Events: %q", s.View())
	}
	c.Events = common.NewEvents()
	s = New(c)
	s.Update(common.BodySizeMsg{Width: 80, Height: 10})
	if !strings.Contains(s.View(), "No Graph requests yet") {
		t.Errorf("empty log: %q", s.View())
	}
	if runCmd(s.key(uitest.KeyEnter)) != nil {
		t.Error("enter on an empty log must do nothing")
	}
}

func TestRequestLogView(t *testing.T) {
	ev := logEvents(4)
	ev.Now = func() time.Time { return uitest.T0.Add(5 * time.Second) }
	ev.Retrying(graphclient.RetryEvent{Status: 429, Wait: 1500 * time.Millisecond, Attempt: 1, Path: "/v1.0/communications/callRecords", RequestID: "00000000-0000-0000-0000-00000000abcd"})
	_, s := logOver(ev)
	s.Update(common.BodySizeMsg{Width: 140, Height: 8})
	uitest.Golden(t, "", s.View())
}

// runCmd runs cmd and returns its message (nil for a nil cmd).
func runCmd(cmd tea.Cmd) tea.Msg {
	if cmd == nil {
		return nil
	}
	return cmd()
}
