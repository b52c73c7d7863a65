package requestlog

import (
	"testing"

	"github.com/callscope/callscope/graphclient"
	"github.com/callscope/callscope/ui/common"
	"github.com/callscope/callscope/ui/uitest"
	tea "github.com/charmbracelet/bubbletea"
)

// BenchmarkRequestLogView draws a full log (RequestLogSize rows) at
// 140×40: the cost follows the screen, not the rows kept.
func BenchmarkRequestLogView(b *testing.B) {
	_, s := logOver(logEvents(common.RequestLogSize))
	s.Update(common.BodySizeMsg{Width: 140, Height: 40})
	b.ReportAllocs()
	for b.Loop() {
		_ = s.View()
	}
}

// BenchmarkRequestLogAbsorb is the UI's cost for a burst of 100 new
// requests arriving at a full log.
func BenchmarkRequestLogAbsorb(b *testing.B) {
	ev := logEvents(common.RequestLogSize)
	_, s := logOver(ev)
	e := graphclient.RequestEvent{Start: uitest.T0, Method: "GET", Path: "/v1.0/communications/callRecords", Status: 200, Attempt: 1}
	b.ReportAllocs()
	for b.Loop() {
		for range 100 {
			ev.RequestDone(e)
		}
		s.Update(common.RequestLogChangedMsg{})
	}
}

// BenchmarkRequestLogSearchKey is one keystroke of `/` over a full log
// (RequestLogSize rows, matched on the loop): a word, then its deletion.
func BenchmarkRequestLogSearchKey(b *testing.B) {
	_, s := logOver(logEvents(common.RequestLogSize))
	s.Update(uitest.KeyRune('/'))
	s.Update(uitest.KeyRune('7'))
	backspace := tea.KeyMsg{Type: tea.KeyBackspace}
	b.ReportAllocs()
	for b.Loop() {
		s.Update(uitest.KeyRune('7'))
		s.Update(backspace)
	}
}
