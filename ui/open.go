package ui

import (
	"fmt"
	"time"

	"github.com/callscope/callscope/model"
	"github.com/callscope/callscope/model/directive"
	"github.com/callscope/callscope/model/ticket"
	"github.com/callscope/callscope/ui/prompt"
	"github.com/callscope/callscope/ui/record"
	"github.com/callscope/callscope/ui/timeline"
	tea "github.com/charmbracelet/bubbletea"
)

// "Open anything" (issue 15): ":open X" and O, a prompt holding "open ",
// take what a ticket carries and land where it belongs. model/ticket says
// what the text is; this file routes it through the paths the explorer
// already has (a record screen, the ":user" lookup, the log views' user
// filter), so each landing behaves as if reached by hand.

// pstnSearchWindow is the range a PSTN callId is looked for in when the
// PSTN view has none yet: the log views' default, the last 24 hours.
const pstnSearchWindow = 24 * time.Hour

// openAnyPrompt opens the ":" prompt holding "open ", ready for a paste
// (the OpenAny key).
func (a *App) openAnyPrompt() tea.Cmd {
	a.prompt = prompt.NewWith(len(a.history.Lines), directive.Open+" ")
	return nil
}

// openAnything lands where text belongs:
//   - a GUID (a call record id, which is also its Direct Routing rows'
//     correlationId) opens the record on the calls view, where o lists
//     those rows;
//   - a PSTN callId lists the PSTN rows that carry it, over the PSTN
//     view's range, on the PSTN view;
//   - a UPN or a name filters the calls view by that person, as ":calls
//     user X" does (several people: the pick list);
//   - a phone number filters the Direct Routing view by it (the PSTN view
//     when that is the one shown), as ":user" does; switching views keeps it.
//
// Text that is none of these is an error that says what works; nothing
// changes then.
func (a *App) openAnything(text string) (tea.Cmd, error) {
	t := ticket.Classify(text)
	switch t.Kind {
	case ticket.CallID:
		cmd := a.open(ViewCalls)
		if r, ok := a.top().(*record.Screen); ok && r.ID() == t.Value {
			return cmd, nil // already there
		}
		return tea.Batch(cmd, a.pushOn(ViewCalls, record.New(a.c, t.Value))), nil
	case ticket.PstnCallID:
		cmd := a.open(ViewPstn)
		from, to := a.pstnRange()
		id := t.Value
		q := record.LinkQuery{Pstn: true, From: from, To: to, What: "PSTN rows with callId " + id,
			PstnRow: func(r *model.PstnRow) bool { return r.CallID == id }}
		return tea.Batch(cmd, a.pushOn(ViewPstn, record.NewLinked(a.c, q))), nil
	case ticket.UPN, ticket.Name:
		return a.runOpen(directive.Calls, t.Value)
	case ticket.Phone:
		// The number's timeline: its calls, Direct Routing and PSTN rows
		// in one list, over the log view the user is on (else Direct
		// Routing) and the session's range (else the last day).
		view := ViewDirect
		if a.view == ViewPstn {
			view = ViewPstn
		}
		cmd := a.open(view)
		from, to := a.sessionRangeOr(view, pstnSearchWindow)
		return tea.Batch(cmd, timeline.Open(a.top(), timeline.Number(t.Value), from, to)), nil
	}
	return nil, fmt.Errorf("nothing to open in %q; open takes %s", text, ticket.Forms)
}

// runOpen runs "<view> user <value>" as the prompt would.
func (a *App) runOpen(view, value string) (tea.Cmd, error) {
	cmd, _, err := a.runCommands([]directive.Directive{{Name: view}, {Name: directive.User, Arg: value}})
	return cmd, err
}

// pstnRange is the range the PSTN view shows (its base screen's, else the
// session's), resolved now; the last 24 hours when it names none.
func (a *App) pstnRange() (from, to time.Time) { return a.sessionRangeOr(ViewPstn, pstnSearchWindow) }

// sessionRangeOr is the range view v shows (its base screen's, else the
// session's), resolved now; the last window when it names none.
func (a *App) sessionRangeOr(v int, window time.Duration) (from, to time.Time) {
	rng := a.session.Range
	if h, ok := a.baseSession(v); ok {
		rng = h.Session().Range
	}
	from, to, err := rng.Resolve(a.c.Now(), window)
	if err != nil || !from.Before(to) {
		to = a.c.Now().UTC().Truncate(time.Second)
		from = to.Add(-window)
	}
	return from, to
}
