package calls

import (
	"errors"
	"fmt"
	"time"

	"github.com/callscope/callscope/graphclient"
	"github.com/callscope/callscope/model"
	"github.com/callscope/callscope/model/directive"
	"github.com/callscope/callscope/ui/common"
	"github.com/callscope/callscope/ui/people"
	tea "github.com/charmbracelet/bubbletea"
)

// promptLookup is the calls screen's share of the ":" prompt: a filter waiting
// for a person to be looked up (or picked), and the name of the participant
// filtered on, for the header.
type promptLookup struct {
	waiting uint64 // lookup id, in flight or at the pick list; 0 when none
	asking  bool   // the lookup request is in flight
	text    string // what is being looked up
	next    Filter // applied once the person is known
	whoID   string // participant id who names
	who     string
	whoText string // what was typed for whoID (a UPN or name), for the log views
}

// ApplyDirectives takes from, to and user as a new server-side filter. A
// user given as an object id or phone number filters at once; a UPN or a
// name is looked up first and the filter waits for the answer, so the list
// changes once, to the whole new filter. failed and poor narrow the rows
// loaded to failed calls and calls of poor quality, as their verdicts
// arrive (esc clears them); sip and trunk belong to the Direct Routing view.
func (s *Screen) ApplyDirectives(cmds []directive.Directive) (tea.Cmd, error) {
	f, person := s.filter, ""
	failed, poor, server := s.failedOnly, s.poorOnly, false
	for _, c := range cmds {
		switch c.Name {
		case directive.Failed:
			failed = true
			continue
		case directive.Poor:
			poor = true
			continue
		}
		server = true
		switch c.Name {
		case directive.From:
			f.From, f.Range.From, f.Range.Loc = c.At, c.Arg, s.c.Loc()
		case directive.To:
			f.To, f.Range.To, f.Range.Loc = c.At, c.Arg, s.c.Loc()
		case directive.User:
			if id, ok := graphclient.LiteralParticipantID(c.Arg); ok {
				f.Participant, person = id, ""
			} else {
				person = c.Arg
			}
		default:
			return nil, fmt.Errorf("%s applies to the Direct Routing view", c.Name)
		}
	}
	if !server {
		s.failedOnly, s.poorOnly = failed, poor
		s.rebuildView()
		return s.searchAgain(s.maybeFetch()), nil
	}
	cmd, err := s.applyFilter(f, person)
	if err == nil {
		s.failedOnly, s.poorOnly = failed, poor
	}
	return cmd, err
}

// applyFilter checks f and applies it, after looking up person first when
// it is not "" (a UPN or a name).
func (s *Screen) applyFilter(f Filter, person string) (tea.Cmd, error) {
	if err := model.ValidateRange(f.From, f.To); err != nil {
		return nil, err
	}
	if err := (graphclient.CallQuery{Participant: f.Participant}).Validate(); err != nil {
		return nil, err
	}
	var warn tea.Cmd
	if !s.c.Offline { // the store keeps calls past Graph's 30 days
		warn = retentionWarning(f, s.c.Now())
	}
	// The newest filter wins: a filter form left open under its pick list
	// (the prompt took the keyboard from there) closes with its lookup.
	s.form, s.person = nil, formPerson{}
	if person != "" {
		id := common.NewRequestID()
		s.prompt = promptLookup{waiting: id, asking: true, text: person, next: f, whoID: s.prompt.whoID, who: s.prompt.who, whoText: s.prompt.whoText}
		return tea.Batch(people.Resolve(s.c, id, person), warn), nil
	}
	s.prompt.waiting, s.prompt.asking = 0, false
	s.filter = f
	return tea.Batch(s.reload(), warn), nil
}

// onPersonResolved applies the waiting filter with the person found, opens
// the pick list when several match, or says why nobody was found; the list
// stays as it was until a person is known.
func (s *Screen) onPersonResolved(msg people.ResolvedMsg) tea.Cmd {
	if msg.RequestID == 0 || msg.RequestID != s.prompt.waiting {
		return nil
	}
	s.prompt.asking = false
	id, name := msg.ID, msg.Display
	if id == "" && len(msg.Candidates) == 1 {
		id, name = msg.Candidates[0].ID, msg.Candidates[0].Name()
	}
	switch {
	case errors.Is(msg.Err, people.ErrPickCancelled):
		s.prompt.waiting = 0 // left the pick list: keep the filter as it was
		return nil
	case msg.Err != nil:
		s.prompt.waiting = 0
		return common.Flash("user "+s.prompt.text+": "+people.ErrorText(msg.Err), true)
	case id == "" && len(msg.Candidates) > 1:
		return common.Push(s, people.NewPicker(s.c, msg.RequestID, msg.Candidates).CountIn(s.prompt.next.From, s.prompt.next.To))
	case id == "":
		s.prompt.waiting = 0
		return common.Flash("no user matches "+s.prompt.text, true)
	}
	f := s.prompt.next
	f.Participant = id
	s.prompt = promptLookup{whoID: id, who: name, whoText: s.prompt.text}
	s.filter = f
	return s.reload()
}

// PickPerson opens the pick list of candidates, the people a participant name
// given at start fits, as if ":user" had found them: the one picked
// becomes the filter's participant, esc keeps the list as it is. It is nil
// when there is nobody to pick.
func (s *Screen) PickPerson(candidates []graphclient.User) tea.Cmd {
	if len(candidates) == 0 {
		return nil
	}
	id := common.NewRequestID()
	s.prompt = promptLookup{waiting: id, next: s.filter}
	msg := people.ResolvedMsg{RequestID: id, Candidates: candidates}
	return func() tea.Msg { return msg }
}

// promptStatus adds a person lookup in flight to the footer.
func (s *Screen) promptStatus(st *common.Status) {
	if s.prompt.asking {
		st.Loading = true
		st.Activity = "user " + s.prompt.text
	}
}

// participantWords names the participant filtered on: the name it was
// looked up by, else the id shortened.
func (s *Screen) participantWords() string {
	if s.prompt.who != "" && s.prompt.whoID == s.filter.Participant {
		return s.prompt.who
	}
	return common.ShortID(s.filter.Participant)
}

// retentionWarning flashes when from is past Graph's 30 days of records,
// as the filter form warns.
func retentionWarning(f Filter, now time.Time) tea.Cmd {
	if f.From.IsZero() || !f.From.Before(now.Add(-retention)) {
		return nil
	}
	return common.Flash("Graph keeps call records for 30 days: nothing that started before "+
		model.FormatGraphTime(now.Add(-retention).Truncate(time.Minute))+" will be found", true)
}
