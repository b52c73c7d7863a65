package calls

import (
	"errors"
	"strings"

	"github.com/callscope/callscope/graphclient"
	"github.com/callscope/callscope/ui/common"
	"github.com/callscope/callscope/ui/people"
	tea "github.com/charmbracelet/bubbletea"
)

// formPerson is the calls filter form's participant lookup: a UPN or name
// typed into the Participant field is resolved when the form is applied,
// and the form stays open (and says "resolving…") until the id is known,
// so a failed lookup shows under the field it concerns.
type formPerson struct {
	pending uint64 // lookup in flight or at the pick list; 0 when none
	text    string // the participant text being looked up
	next    Filter // the rest of the form's filter, applied with the id
	failed  string // the text whose lookup failed …
	errText string // … and why, shown under the field until it changes
}

// watchFormPerson is called as the filter form opens: it forgets any
// earlier lookup and adds the lookup's state to the form's check, so
// "resolving…" and a failed lookup show under the Participant field.
func (s *Screen) watchFormPerson() {
	s.person = formPerson{}
	inner := s.form.Check
	s.form.Check = func(vals []string) ([]string, []string) {
		var errs, warns []string
		if inner != nil {
			errs, warns = inner(vals)
		}
		if fieldParticipant >= len(vals) {
			return errs, warns
		}
		errs = padTo(errs, fieldParticipant+1)
		warns = padTo(warns, fieldParticipant+1)
		v := strings.TrimSpace(vals[fieldParticipant])
		p := &s.person
		switch {
		case p.errText != "" && v == p.failed:
			errs[fieldParticipant] = p.errText
		case p.pending != 0 && v == p.text:
			warns[fieldParticipant] = "resolving " + v + "…"
		}
		return errs, warns
	}
}

func padTo(xs []string, n int) []string {
	for len(xs) < n {
		xs = append(xs, "")
	}
	return xs
}

// resolveFormPerson is called when the form is applied with filter f. A
// participant that already is an id (graphclient.LiteralParticipantID) is
// put in Graph's form in f and nil returned: the caller applies f. Anything
// else starts a lookup and returns its command; the form stays open.
func (s *Screen) resolveFormPerson(f *Filter) tea.Cmd {
	text := f.Participant
	if text == "" {
		return nil
	}
	if id, ok := graphclient.LiteralParticipantID(text); ok {
		f.Participant = id
		return nil
	}
	id := common.NewRequestID()
	s.person = formPerson{pending: id, text: text, next: *f}
	s.form.Recheck()
	return people.Resolve(s.c, id, text)
}

// onFormPerson takes the answer to the form's lookup (mine is false for
// anyone else's): one person applies the filter with their id and closes
// the form; several open the pick list, whose answer comes back here;
// a failure shows under the field; esc in the pick list leaves the form as
// it was.
func (s *Screen) onFormPerson(msg people.ResolvedMsg) (cmd tea.Cmd, mine bool) {
	p := &s.person
	if msg.RequestID == 0 || msg.RequestID != p.pending {
		return nil, false
	}
	if s.form == nil { // the form was closed with esc while the lookup ran
		s.person = formPerson{}
		return nil, true
	}
	switch {
	case len(msg.Candidates) > 0:
		return common.Push(s, people.NewPicker(s.c, msg.RequestID, msg.Candidates).CountIn(p.next.From, p.next.To)), true
	case errors.Is(msg.Err, people.ErrPickCancelled):
		p.pending = 0
		s.form.Recheck()
		return nil, true
	case msg.Err != nil || msg.ID == "":
		err := msg.Err
		if err == nil {
			err = errors.New("the lookup found nobody")
		}
		p.pending, p.failed, p.errText = 0, p.text, people.ErrorText(err)
		s.form.Recheck()
		return nil, true
	}
	f := p.next
	f.Participant = msg.ID
	text := p.text
	s.person = formPerson{}
	s.form = nil
	s.filter = f
	// The header names the person, as after ":user" (prompt.go).
	s.prompt.whoID, s.prompt.who, s.prompt.whoText = msg.ID, msg.Display, text
	return s.reload(), true
}
