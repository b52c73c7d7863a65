package common

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/callscope/callscope/graphclient"
)

// eventsT0 is when the logged requests of these tests start.
var eventsT0 = time.Date(2026, 11, 20, 15, 0, 0, 0, time.UTC)

// logEvents is an Events with n finished requests, one a second from eventsT0.
func logEvents(n int) *Events {
	ev := NewEvents()
	for i := 0; i < n; i++ {
		ev.RequestDone(graphclient.RequestEvent{Start: eventsT0.Add(time.Duration(i) * time.Second), Method: "GET",
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
	if e, _ := nilEv.Since(0); e != nil || nilEv.ListenLog() != nil {
		t.Error("a nil Events must be inert")
	}
}

func TestEventsNotifyOnceForABurst(t *testing.T) {
	ev := logEvents(50)
	if got := len(ev.Changed); got != 1 {
		t.Fatalf("%d notifications pending after a burst, want 1", got)
	}
	if _, ok := ev.ListenLog()().(RequestLogChangedMsg); !ok {
		t.Fatal("listenLog did not report the change")
	}
	if got := len(ev.Changed); got != 0 {
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

// BenchmarkEventsRequestDone is the cost a request goroutine pays to log a
// try: it must stay far below a network round trip.
func BenchmarkEventsRequestDone(b *testing.B) {
	ev := NewEvents()
	e := graphclient.RequestEvent{Start: eventsT0, Method: "GET", Status: 200, Duration: 80 * time.Millisecond,
		Path:      "/v1.0/communications/callRecords?$filter=startDateTime%20ge%202026-11-19T15:00:00Z&$skiptoken=abc",
		RequestID: "00000000-0000-0000-0000-000000000000", Attempt: 1}
	b.ReportAllocs()
	for b.Loop() {
		ev.RequestDone(e)
	}
}
