package ui

import (
	"errors"
	"fmt"
	"time"

	"github.com/callscope/callscope/graphclient"
	"github.com/callscope/callscope/model"
	"github.com/callscope/callscope/model/directive"
	tea "github.com/charmbracelet/bubbletea"
)

// callsCmd is the calls screen's share of the ":" prompt: a filter waiting
// for a person to be looked up (or picked), and the name of the participant
// filtered on, for the header.
type callsCmd struct {
	waiting uint64     // lookup id, in flight or at the pick list; 0 when none
	asking  bool       // the lookup request is in flight
	text    string     // what is being looked up
	next    CallFilter // applied once the person is known
	whoID   string     // participant id who names
	who     string
}

// applyCommands takes from, to and user as a new server-side filter. A
// user given as an object id or phone number filters at once; a UPN or a
// name is looked up first and the filter waits for the answer, so the list
// changes once, to the whole new filter. sip, trunk and failed belong to
// the Direct Routing view.
func (s *callsScreen) applyCommands(cmds []directive.Directive) (tea.Cmd, error) {
	f, person := s.filter, ""
	for _, c := range cmds {
		switch c.Name {
		case directive.From:
			f.From = c.At
		case directive.To:
			f.To = c.At
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
	if err := model.ValidateRange(f.From, f.To); err != nil {
		return nil, err
	}
	if err := (graphclient.CallQuery{Participant: f.Participant}).Validate(); err != nil {
		return nil, err
	}
	warn := retentionWarning(f, s.c.Now())
	// The newest filter wins: a filter form left open under its pick list
	// (the prompt took the keyboard from there) closes with its lookup.
	s.form, s.person = nil, formPerson{}
	if person != "" {
		id := newReqID()
		s.cmd = callsCmd{waiting: id, asking: true, text: person, next: f, whoID: s.cmd.whoID, who: s.cmd.who}
		return tea.Batch(resolvePersonCmd(s.c, id, person), warn), nil
	}
	s.cmd.waiting, s.cmd.asking = 0, false
	s.filter = f
	return tea.Batch(s.reload(), warn), nil
}

// onPersonResolved applies the waiting filter with the person found, opens
// the pick list when several match, or says why nobody was found; the list
// stays as it was until a person is known.
func (s *callsScreen) onPersonResolved(msg personResolvedMsg) tea.Cmd {
	if msg.reqID == 0 || msg.reqID != s.cmd.waiting {
		return nil
	}
	s.cmd.asking = false
	id, name := msg.ID, msg.Display
	if id == "" && len(msg.Candidates) == 1 {
		id, name = msg.Candidates[0].ID, msg.Candidates[0].Name()
	}
	switch {
	case errors.Is(msg.Err, errPersonPickCancelled):
		s.cmd.waiting = 0 // left the pick list: keep the filter as it was
		return nil
	case msg.Err != nil:
		s.cmd.waiting = 0
		return flash("user "+s.cmd.text+": "+personErrText(msg.Err), true)
	case id == "" && len(msg.Candidates) > 1:
		return push(s, newPeoplePicker(s.c, msg.reqID, msg.Candidates))
	case id == "":
		s.cmd.waiting = 0
		return flash("no user matches "+s.cmd.text, true)
	}
	f := s.cmd.next
	f.Participant = id
	s.cmd = callsCmd{whoID: id, who: name}
	s.filter = f
	return s.reload()
}

// pickPerson opens the pick list of cands, the people a participant name
// given at start fits, as if ":user" had found them: the one picked
// becomes the filter's participant, esc keeps the list as it is. It is nil
// when there is nobody to pick.
func (s *callsScreen) pickPerson(cands []graphclient.User) tea.Cmd {
	if len(cands) == 0 {
		return nil
	}
	id := newReqID()
	s.cmd = callsCmd{waiting: id, next: s.filter}
	msg := personResolvedMsg{reqID: id, Candidates: cands}
	return func() tea.Msg { return msg }
}

// cmdStatus adds a person lookup in flight to the footer.
func (s *callsScreen) cmdStatus(st *Status) {
	if s.cmd.asking {
		st.Loading = true
		st.Activity = "user " + s.cmd.text
	}
}

// participantWords names the participant filtered on: the name it was
// looked up by, else the id shortened.
func (s *callsScreen) participantWords() string {
	if s.cmd.who != "" && s.cmd.whoID == s.filter.Participant {
		return s.cmd.who
	}
	return shortID(s.filter.Participant)
}

// retentionWarning flashes when from is past Graph's 30 days of records,
// as the filter form warns.
func retentionWarning(f CallFilter, now time.Time) tea.Cmd {
	if f.From.IsZero() || !f.From.Before(now.Add(-retention)) {
		return nil
	}
	return flash("Graph keeps call records for 30 days: nothing that started before "+
		model.FormatGraphTime(now.Add(-retention).Truncate(time.Minute))+" will be found", true)
}
