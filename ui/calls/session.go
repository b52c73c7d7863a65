package calls

import (
	"strings"

	"github.com/callscope/callscope/graphclient"
	"github.com/callscope/callscope/ui/common"
	tea "github.com/charmbracelet/bubbletea"
)

// Session is the range and participant the list shows, for the view the
// user switches to. User is the participant in words the log views can
// match: what was typed for them (a UPN or a name), else their name, else
// a phone number; an object id alone has no words (the log views cannot
// filter by it) and travels in Participant only.
func (s *Screen) Session() common.Session {
	ss := common.Session{Range: s.filter.Range, Participant: s.filter.Participant}
	if ss.Participant == "" {
		return ss
	}
	named := s.prompt.whoID == ss.Participant
	if named {
		ss.ParticipantName = s.prompt.who
	}
	switch {
	case named && s.prompt.whoText != "":
		ss.User = s.prompt.whoText
	case named && s.prompt.who != "":
		ss.User = s.prompt.who
	case isPhone(ss.Participant):
		ss.User = ss.Participant
	}
	return ss
}

// isPhone reports a participant id that is a phone number (+ and digits).
func isPhone(id string) bool {
	return strings.HasPrefix(id, "+") && len(id) > 1 && strings.Trim(id[1:], "0123456789") == ""
}

// TakeSession shows ss's range and participant, as the prompt's from, to
// and user would: nothing is fetched when they are what the list shows
// already. A participant id comes as it is; a UPN or name in User alone
// is looked up first.
func (s *Screen) TakeSession(ss common.Session) (tea.Cmd, error) {
	if ss.Range.SameWords(s.filter.Range) && s.samePerson(ss) {
		return nil, nil
	}
	f := s.filter
	f.Range = ss.Range
	from, to, err := ss.Range.Resolve(s.c.Now(), 0)
	if err != nil {
		return nil, err
	}
	f.From, f.To = from, to
	person := ""
	switch {
	case ss.Participant != "":
		f.Participant = ss.Participant
		s.prompt.whoID, s.prompt.who, s.prompt.whoText = ss.Participant, ss.ParticipantName, ss.User
	case ss.User == "":
		f.Participant = ""
	default:
		if id, ok := graphclient.LiteralParticipantID(ss.User); ok {
			f.Participant = id
		} else {
			person = ss.User
		}
	}
	return s.applyFilter(f, person)
}

// samePerson reports that ss names the participant the list shows: by id
// when it has one, else by the words Session gives.
func (s *Screen) samePerson(ss common.Session) bool {
	switch {
	case ss.Participant != "":
		return ss.Participant == s.filter.Participant
	case ss.User == "":
		return s.filter.Participant == ""
	}
	return ss.User == s.Session().User
}
