package logs

import (
	"github.com/callscope/callscope/ui/common"
	tea "github.com/charmbracelet/bubbletea"
)

// Grouping a million rows for the triage summary takes tens of
// milliseconds, too long for the event loop: the summary groups a
// snapshot of the rows in a command and swaps the groups in by request
// id; the progress line says "Grouping 1,000,000 rows…" meanwhile and
// the keys keep working.

// summaryGroupedMsg brings the groups of a feed's first n rows.
type summaryGroupedMsg struct {
	reqID  uint64
	groups groups
	n      int
}

// groupCmd groups the feed's first n rows off the loop, superseding any
// grouping in flight.
func (s *summary) groupCmd(n int) tea.Cmd {
	id := common.NewRequestID()
	s.grouping = id
	snap := s.feed.rep.snapshot()
	// Built here: the matcher looks names up in tables only the loop reads.
	match := snap.matcher(s.filter)
	from, to := s.feed.from, s.feed.to
	return func() tea.Msg {
		g := snap.groups(from, to, match)
		g.add(n)
		return summaryGroupedMsg{reqID: id, groups: g, n: n}
	}
}

// land swaps in the groups of the grouping in flight; any other is stale.
// Rows that came meanwhile start it over: the groups read a snapshot.
func (s *summary) land(msg summaryGroupedMsg) tea.Cmd {
	if msg.reqID == 0 || msg.reqID != s.grouping {
		return nil
	}
	s.grouping = 0
	if s.feed.Len() != msg.n {
		return s.reset()
	}
	s.groups, s.groupedOver = msg.groups, msg.n
	s.items = nil
	s.render()
	return nil
}
