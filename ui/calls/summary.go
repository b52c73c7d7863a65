package calls

import (
	"github.com/callscope/callscope/model"
	"github.com/callscope/callscope/model/quality/summary"
	"github.com/callscope/callscope/ui/common"
	uiquality "github.com/callscope/callscope/ui/quality"
	tea "github.com/charmbracelet/bubbletea"
)

// addToSummary counts a landed record's streams in the list's quality
// summary, once a call. It runs on the event loop: one record of a two-party call with
// audio and video costs tens of microseconds (BenchmarkEnrichedWithSummary),
// far under a frame, and the summary then needs no lock.
func (s *Screen) addToSummary(row int, rec *model.CallRecord) {
	e := &s.enrich
	if e.sum == nil {
		return
	}
	id := s.rows.ID(row)
	if _, counted := e.rowOf[id]; counted {
		// A call asked again after a watch poll, whose first record the
		// summary kept (watch_swap.go): counted once.
		e.rowOf[id] = int32(row)
		return
	}
	e.sum.Add(rec)
	e.added++
	e.rowOf[id] = int32(row)
}

// qualitySource is the calls list as the quality summary screen reads it.
type qualitySource struct{ s *Screen }

// Summary is the summary of the records fetched so far.
func (q qualitySource) Summary() *summary.Summary { return q.s.enrich.sum }

// Progress is the records in the summary of the calls loaded.
func (q qualitySource) Progress() (added, total int, fetching bool) {
	s := q.s
	return s.enrich.added, s.rows.Len(), s.enrichRunning() || s.Pending != 0
}

// Call is the listed row of call id, once its record is in the summary.
func (q qualitySource) Call(id string) (uiquality.Call, bool) {
	s := q.s
	r, ok := s.enrich.rowOf[id]
	if !ok || int(r) >= s.rows.Len() {
		return uiquality.Call{}, false
	}
	v := s.enrich.verdictAt(int(r))
	return uiquality.Call{StartUnix: s.rows.StartUnix(int(r)), Organizer: s.rows.Organizer(int(r)), Result: v.result, Quality: v.quality}, true
}

// openSummary pushes the quality summary of the loaded range.
func (s *Screen) openSummary() tea.Cmd {
	return common.Push(s, uiquality.New(s.c, qualitySource{s}))
}
