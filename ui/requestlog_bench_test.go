package ui

import (
	"testing"
	"time"

	"github.com/callscope/callscope/graphclient"
)

// BenchmarkEventsRequestDone is the cost a request goroutine pays to log a
// try: it must stay far below a network round trip.
func BenchmarkEventsRequestDone(b *testing.B) {
	ev := NewEvents()
	e := graphclient.RequestEvent{Start: testT0, Method: "GET", Status: 200, Duration: 80 * time.Millisecond,
		Path:      "/v1.0/communications/callRecords?$filter=startDateTime%20ge%202026-11-19T15:00:00Z&$skiptoken=abc",
		RequestID: "00000000-0000-0000-0000-000000000000", Attempt: 1}
	b.ReportAllocs()
	for b.Loop() {
		ev.RequestDone(e)
	}
}

// BenchmarkRequestLogView draws a full log (RequestLogSize rows) at
// 140×40: the cost follows the screen, not the rows kept.
func BenchmarkRequestLogView(b *testing.B) {
	_, s := reqLogOver(logEvents(RequestLogSize))
	s.Update(bodySizeMsg{Width: 140, Height: 40})
	b.ReportAllocs()
	for b.Loop() {
		_ = s.View()
	}
}

// BenchmarkRequestLogAbsorb is the UI's cost for a burst of 100 new
// requests arriving at a full log.
func BenchmarkRequestLogAbsorb(b *testing.B) {
	ev := logEvents(RequestLogSize)
	_, s := reqLogOver(ev)
	e := graphclient.RequestEvent{Start: testT0, Method: "GET", Path: "/v1.0/communications/callRecords", Status: 200, Attempt: 1}
	b.ReportAllocs()
	for b.Loop() {
		for range 100 {
			ev.RequestDone(e)
		}
		s.Update(requestLogChangedMsg{})
	}
}
