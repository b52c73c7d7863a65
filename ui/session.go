package ui

import (
	"github.com/callscope/callscope/ui/calls"
	"github.com/callscope/callscope/ui/common"
	tea "github.com/charmbracelet/bubbletea"
)

// sessionView is a view's base screen that shows a range and a person:
// the calls list and the Direct Routing and PSTN lists.
type sessionView interface {
	Session() common.Session
	TakeSession(common.Session) (tea.Cmd, error)
}

// startSession takes the range given at start (--from/--to as typed) and
// the calls view's participant as the session every view starts from.
func (a *App) startSession() {
	o := a.options
	a.session = common.Session{Range: o.Range, Participant: o.Calls.Participant, ParticipantName: o.Calls.ParticipantName}
	if a.session.Range.Loc == nil {
		a.session.Range.Loc = a.c.Loc()
	}
	a.shared = !o.Range.SameWords(common.Range{})
}

// baseSession is view v's base screen when it shows a session.
func (a *App) baseSession(v int) (sessionView, bool) {
	if len(a.stacks[v]) == 0 {
		return nil, false
	}
	s, ok := a.stacks[v][0].(sessionView)
	return s, ok
}

// leave keeps the range and person of the view the user is leaving, so
// that the next view shows the same. A view without participants (the log
// views) passes on the calls view's participant id while its user filter
// still names the same person.
func (a *App) leave() {
	h, ok := a.baseSession(a.view)
	if !ok {
		return
	}
	s := h.Session()
	if _, carries := h.(*calls.Screen); !carries && s.User == a.session.User {
		s.Participant, s.ParticipantName = a.session.Participant, a.session.ParticipantName
	}
	a.session, a.shared = s, true
}

// share gives the session to view v's base screen; a range the view
// cannot take (PSTN keeps 90 days at most) is said in the footer and the
// view keeps its own.
func (a *App) share(v int) tea.Cmd {
	h, ok := a.baseSession(v)
	if !ok || !a.shared {
		return nil
	}
	cmd, err := h.TakeSession(a.session)
	if err != nil {
		return common.Flash("range and user not applied here: "+err.Error(), true)
	}
	return cmd
}

// callFilter is the filter a calls view opened now starts with: Options'
// before anything was shared, else the session's range and participant.
func (a *App) callFilter() calls.Filter {
	if !a.shared {
		return a.options.Calls
	}
	return calls.Filter{Range: a.session.Range, Participant: a.session.Participant, ParticipantName: a.session.ParticipantName}
}
