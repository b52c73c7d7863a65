package logs

import (
	"errors"

	"github.com/callscope/callscope/ui/common"
	tea "github.com/charmbracelet/bubbletea"
)

// reread is r: the range's words read again at the clock's now, so the
// default last 24 hours and "-2h" end at the current time, then a reload.
// A range that no longer reads keeps its instants.
func (s *List) reread() tea.Cmd {
	from, to, err := s.rng.Resolve(s.c.Now(), defaultRange)
	if err != nil || s.checkRange(from, to) != nil {
		from, to = s.feed.from, s.feed.to
	}
	return s.reload(from, to)
}

// Session is the range and user filter the list shows, for the view the
// user switches to; it has no participant id (calls' own).
func (s *List) Session() common.Session {
	return common.Session{Range: s.rng, User: s.filter.user}
}

// TakeSession shows ss's range and user filter, as the prompt's from, to
// and user would. The same words keep the rows loaded (bringing them up
// to date is r's job), a new user only filters them again. A range this
// report cannot take (PSTN: 90 days) is refused and nothing changes.
func (s *List) TakeSession(ss common.Session) (tea.Cmd, error) {
	sameRange := ss.Range.SameWords(s.rng)
	switch {
	case sameRange && ss.User == s.filter.user:
		return nil, nil
	case sameRange:
		s.filter.user = ss.User
		return s.refilter(), nil
	case s.fixed:
		return nil, errors.New("a summary group's range is fixed")
	}
	from, to, err := ss.Range.Resolve(s.c.Now(), defaultRange)
	if err != nil {
		return nil, err
	}
	if err := s.checkRange(from, to); err != nil {
		return nil, err
	}
	s.rng, s.filter.user = ss.Range, ss.User
	return s.reload(from, to), nil
}
