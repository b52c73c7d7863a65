package ui

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/callscope/callscope/graphclient"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/exp/golden"
)

// logEvents is an Events with n finished requests, one a second from testT0.
func logEvents(n int) *Events {
	ev := NewEvents()
	for i := 0; i < n; i++ {
		ev.RequestDone(graphclient.RequestEvent{Start: testT0.Add(time.Duration(i) * time.Second), Method: "GET",
			Path: fmt.Sprintf("/v1.0/communications/callRecords?$top=%d", i), Status: 200,
			Duration: 87 * time.Millisecond, RequestID: fmt.Sprintf("00000000-0000-0000-0000-%012d", i), Attempt: 1})
	}
	return ev
}

func TestEventsKeepTheLastEntriesAndCountTheLost(t *testing.T) {
	ev := logEvents(RequestLogSize + 10)
	all, lost := ev.Since(0)
	if len(all) != RequestLogSize || lost != 10 {
		t.Fatalf("Since(0): %d entries, %d lost; want %d and 10", len(all), lost, RequestLogSize)
	}
	if all[0].Seq != 11 || all[len(all)-1].Seq != RequestLogSize+10 {
		t.Errorf("oldest %d, newest %d", all[0].Seq, all[len(all)-1].Seq)
	}
	tail, lost := ev.Since(RequestLogSize + 7)
	if len(tail) != 3 || lost != 0 || tail[0].Seq != RequestLogSize+8 {
		t.Errorf("Since(last-3): %d entries from %v, %d lost", len(tail), tail, lost)
	}
	if none, lost := ev.Since(RequestLogSize + 10); none != nil || lost != 0 {
		t.Errorf("Since(newest) = %v, %d", none, lost)
	}
	var nilEv *Events
	nilEv.RequestDone(graphclient.RequestEvent{})
	nilEv.Retrying(graphclient.RetryEvent{})
	if e, _ := nilEv.Since(0); e != nil || nilEv.listenLog() != nil {
		t.Error("a nil Events must be inert")
	}
}

func TestEventsNotifyOnceForABurst(t *testing.T) {
	ev := logEvents(50)
	if got := len(ev.changed); got != 1 {
		t.Fatalf("%d notifications pending after a burst, want 1", got)
	}
	if _, ok := ev.listenLog()().(requestLogChangedMsg); !ok {
		t.Fatal("listenLog did not report the change")
	}
	if got := len(ev.changed); got != 0 {
		t.Errorf("%d notifications left after reading one", got)
	}
}

func TestEventsStripSecretQueryParameters(t *testing.T) {
	ev := NewEvents()
	ev.RequestDone(graphclient.RequestEvent{Method: "GET", Path: "/v1.0/x?access_token=SEKRIT1&$skiptoken=keep",
		Err: `Get "https://graph/v1.0/x?code=SEKRIT2": dial tcp: refused`})
	ev.Retrying(graphclient.RetryEvent{Status: 429, Path: "/v1.0/x?sig=SEKRIT3", Wait: time.Second, Attempt: 1})
	all, _ := ev.Since(0)
	got := fmt.Sprint(all)
	if strings.Contains(got, "SEKRIT") {
		t.Errorf("a secret parameter reached the log: %s", got)
	}
	if !strings.Contains(got, "$skiptoken=keep") || !strings.Contains(got, "access_token=REDACTED") {
		t.Errorf("the log lost the path: %s", got)
	}
}

// reqLogOver is the request log over ev at 120×12.
func reqLogOver(ev *Events) (*Common, *requestLogScreen) {
	c := testCommon(testT0)
	c.Events = ev
	s := newRequestLogScreen(c).(*requestLogScreen)
	s.Update(bodySizeMsg{Width: 120, Height: 12})
	return c, s
}

func TestRequestLogFollowsNewRequestsUntilTheUserScrolls(t *testing.T) {
	ev := logEvents(30)
	_, s := reqLogOver(ev)
	if s.tbl.Cursor() != 29 || !s.follow {
		t.Fatalf("cursor %d follow %v; want the newest row, following", s.tbl.Cursor(), s.follow)
	}
	ev.RequestDone(graphclient.RequestEvent{Start: testT0.Add(time.Minute), Method: "GET", Path: "/v1.0/new", Status: 200, Attempt: 1})
	s.Update(requestLogChangedMsg{})
	if s.tbl.Cursor() != 30 || !strings.Contains(s.View(), "/v1.0/new") {
		t.Fatalf("cursor %d; the new request must be selected and shown:\n%s", s.tbl.Cursor(), s.View())
	}
	s.Update(keyUp)
	ev.RequestDone(graphclient.RequestEvent{Method: "GET", Path: "/v1.0/newer", Status: 200, Attempt: 1})
	s.Update(requestLogChangedMsg{})
	if s.follow || s.tbl.Cursor() != 29 || s.tbl.Len() != 32 {
		t.Fatalf("after up: follow %v cursor %d len %d; want paused on row 29 of 32", s.follow, s.tbl.Cursor(), s.tbl.Len())
	}
	if !strings.Contains(s.Status().Note, "paused") {
		t.Errorf("status %q should say the log is paused", s.Status().Note)
	}
	s.Update(keyEnd)
	if !s.follow || s.tbl.Cursor() != 31 {
		t.Errorf("end: follow %v cursor %d; want following at 31", s.follow, s.tbl.Cursor())
	}
}

func TestRequestLogDetailAndCopy(t *testing.T) {
	ev := NewEvents()
	ev.RequestDone(graphclient.RequestEvent{Start: testT0, Method: "GET", Path: "/v1.0/communications/callRecords/getDirectRoutingCalls(fromDateTime=2026-11-19T15%3A00%3A00Z)",
		Status: 429, Duration: 40 * time.Millisecond, RequestID: "req-429", Attempt: 1})
	ev.Retrying(graphclient.RetryEvent{Status: 429, Wait: 2128 * time.Millisecond, Attempt: 1, Path: "/v1.0/x", RequestID: "req-429"})
	ev.RequestDone(graphclient.RequestEvent{Start: testT0.Add(3 * time.Second), Method: "GET", Path: "/v1.0/x", Status: 200,
		Duration: 90 * time.Millisecond, RequestID: "req-200", Attempt: 2})
	ev.RequestDone(graphclient.RequestEvent{Start: testT0.Add(4 * time.Second), Method: "GET", Path: "/v1.0/y", Attempt: 1, Err: "dial tcp: connection refused"})
	c, s := reqLogOver(ev)
	var copied []string
	c.Copy = func(s string) error { copied = append(copied, s); return nil }

	view := s.View()
	for _, want := range []string{"WAIT", "2.128s", "429", "ERR", "/v1.0/communications/callRecords/g…", "req-200"} {
		if !strings.Contains(view, want) {
			t.Errorf("list lacks %q:\n%s", want, view)
		}
	}
	// The last row (no response) has no request-id to copy.
	if msg := runCmd(s.key(keyRune('y'))); msg == nil || !msg.(flashMsg).isErr {
		t.Errorf("y on a row without request-id: %v, want an error flash", msg)
	}
	s.Update(keyUp)
	runCmd(s.key(keyRune('y')))
	if len(copied) != 1 || copied[0] != "req-200" {
		t.Fatalf("copied %v, want req-200", copied)
	}
	s.Update(keyHome)
	push, ok := runCmd(s.key(keyEnter)).(pushMsg)
	if !ok {
		t.Fatal("enter did not open the entry")
	}
	d := push.s
	d, _ = d.Update(bodySizeMsg{Width: 100, Height: 20})
	dv := d.View()
	for _, want := range []string{"Graph request", "429 Too Many Requests", "req-429", "getDirectRoutingCalls(fromDateTime=2026-11-",
		"19T15%3A00%3A00Z", "2026-11-20T15:00:00Z"} {
		if !strings.Contains(dv, want) {
			t.Errorf("detail lacks %q:\n%s", want, dv)
		}
	}
	_, cmd := d.Update(keyRune('y'))
	runCmd(cmd)
	if len(copied) != 2 || copied[1] != "req-429" {
		t.Errorf("copied %v, want req-429 from the detail", copied)
	}
}

func TestRequestLogMasksPeopleUnderRedact(t *testing.T) {
	ev := NewEvents()
	ev.RequestDone(graphclient.RequestEvent{Method: "GET", Status: 200, Attempt: 1,
		Path: "/v1.0/users?$filter=startswith(displayName,%27Anette%27)"})
	ev.RequestDone(graphclient.RequestEvent{Method: "GET", Status: 404, Attempt: 1, Path: "/v1.0/users/anette.thomsen%40contoso.com"})
	c := testCommon(testT0)
	c.Events, c.Redact = ev, true
	s := newRequestLogScreen(c)
	s, _ = s.Update(bodySizeMsg{Width: 140, Height: 10})
	v := s.View()
	if strings.Contains(v, "Anette") || strings.Contains(v, "anette") {
		t.Errorf("--redact shows a person in the request log:\n%s", v)
	}
	if !strings.Contains(v, "a*************@contoso.com") || !strings.Contains(v, "startswith(displayName,'A*****')") {
		t.Errorf("masked paths missing:\n%s", v)
	}
}

func TestRequestLogEmptyStates(t *testing.T) {
	c := testCommon(testT0)
	s := newRequestLogScreen(c)
	s, _ = s.Update(bodySizeMsg{Width: 80, Height: 10})
	if !strings.Contains(s.View(), "No request log") {
		t.Errorf("no Events: %q", s.View())
	}
	c.Events = NewEvents()
	s = newRequestLogScreen(c)
	s, _ = s.Update(bodySizeMsg{Width: 80, Height: 10})
	if !strings.Contains(s.View(), "No Graph requests yet") {
		t.Errorf("empty log: %q", s.View())
	}
	if runCmd(s.(*requestLogScreen).key(keyEnter)) != nil {
		t.Error("enter on an empty log must do nothing")
	}
}

func TestRequestLogKeyOpensItOnceAndLogChangesReachIt(t *testing.T) {
	ev := logEvents(3)
	a := New(Options{Keys: testKeys(), Styles: DefaultStyles(), Now: func() time.Time { return testT0 }, UTC: true, Events: ev})
	a.Update(tea.WindowSizeMsg{Width: 120, Height: 20})
	before := len(a.stacks[a.view])
	cmd := a.key(keyRune('L'))
	// A second L in the same frame, before any command ran, must not
	// stack a second log.
	if a.key(keyRune('L')) != nil || len(a.stacks[a.view]) != before+1 {
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
	if _, ok := a.top().(*requestLogScreen); !ok {
		t.Fatalf("top is %T", a.top())
	}
	if a.key(keyRune('L')) != nil {
		t.Error("L on the request log must not open a second one")
	}
	ev.RequestDone(graphclient.RequestEvent{Method: "GET", Path: "/v1.0/late", Status: 200, Attempt: 1})
	a.Update(requestLogChangedMsg{})
	if !strings.Contains(a.View(), "/v1.0/late") {
		t.Errorf("the root did not pass the change on:\n%s", a.View())
	}
	if !strings.Contains(a.helpView(), "request log") {
		t.Error("the help overlay does not offer the request log")
	}
}

func TestRequestLogView(t *testing.T) {
	ev := logEvents(4)
	ev.now = func() time.Time { return testT0.Add(5 * time.Second) }
	ev.Retrying(graphclient.RetryEvent{Status: 429, Wait: 1500 * time.Millisecond, Attempt: 1, Path: "/v1.0/communications/callRecords", RequestID: "00000000-0000-0000-0000-00000000abcd"})
	_, s := reqLogOver(ev)
	s.Update(bodySizeMsg{Width: 140, Height: 8})
	golden.RequireEqual(t, []byte(s.View()))
}

// runCmd runs cmd and returns its message (nil for a nil cmd).
func runCmd(cmd tea.Cmd) tea.Msg {
	if cmd == nil {
		return nil
	}
	return cmd()
}
