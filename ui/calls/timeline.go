package calls

import (
	"github.com/callscope/callscope/ui/common"
	"github.com/callscope/callscope/ui/timeline"
	tea "github.com/charmbracelet/bubbletea"
)

// openTimeline asks for the timeline of the person (or number) the list
// is filtered by, over the list's range (p). A call names several people
// and the list keeps only the organizer's name, so without a participant
// filter there is nobody to follow: the flash says how to get one.
func (s *Screen) openTimeline() tea.Cmd {
	if s.filter.Participant == "" {
		return common.Flash("filter by a person first (:user NAME), or press "+s.c.Keys.Timeline.Help().Key+
			" on a Direct Routing or PSTN row", true)
	}
	q := s.query()
	return timeline.Open(s, timeline.Participant(s.filter.Participant, s.participantWords()), q.From, q.To)
}
