package calls

import (
	"strings"
	"testing"

	"github.com/callscope/callscope/ui/common"
	"github.com/callscope/callscope/ui/people"
	"github.com/callscope/callscope/ui/uitest"
	tea "github.com/charmbracelet/bubbletea"
)

// The calls filter form's Participant field: a UPN or name is looked up on
// apply with the form open; the fake serves the directory over HTTP.

// formWith opens the calls filter form and types text into Participant.
func formWith(s *Screen, text string) {
	update(s, uitest.KeyRune('F'), uitest.KeyTab, uitest.KeyTab)
	update(s, typeTextMsgs(text)...)
}

func TestCallsFormResolvesUPN(t *testing.T) {
	client, _ := peopleClient(t, false)
	c := uitest.Common(uitest.T0)
	c.Client = client
	s := sized(c, Filter{})
	before := s.Pending
	formWith(s, "anette.thomsen@contoso.com")
	cmd := update(s, uitest.KeyEnter)
	if cmd == nil || !s.Capturing() || s.Pending != before {
		t.Fatal("a UPN must be looked up with the form open and the list untouched")
	}
	if v := s.View(); !strings.Contains(v, "resolving anette.thomsen@contoso.com…") {
		t.Fatalf("view:\n%s", v)
	}
	reload := update(s, resolved(t, cmd))
	if s.Capturing() || reload == nil || s.Pending == before {
		t.Fatal("the person found must close the form and reload")
	}
	if s.filter.Participant != uitest.AnetteThomsenID {
		t.Fatalf("filter %+v", s.filter)
	}
	if got := s.Status().Filter; !strings.Contains(got, "participant Anette Thomsen") {
		t.Fatalf("header %q", got)
	}
	if q := s.query(); q.Participant != uitest.AnetteThomsenID {
		t.Fatalf("query %+v", q)
	}
}

func TestCallsFormNameOpensPickList(t *testing.T) {
	client, _ := peopleClient(t, false)
	c := uitest.Common(uitest.T0)
	c.Client = client
	s := sized(c, Filter{})
	formWith(s, "anette")
	msgs := uitest.Messages(update(s, resolved(t, update(s, uitest.KeyEnter))))
	push, ok := msgs[0].(common.PushMsg)
	if len(msgs) != 1 || !ok || !s.Capturing() {
		t.Fatalf("want the pick list pushed over the open form: %#v", msgs)
	}
	pk, _ := push.Screen.Update(common.BodySizeMsg{Width: 100, Height: 10})
	pk, _ = pk.Update(uitest.KeyDown)
	_, cmd := pk.Update(uitest.KeyEnter)
	var reload tea.Cmd
	for _, m := range uitest.Messages(cmd) {
		if _, pop := m.(common.PopMsg); !pop {
			reload = update(s, m)
		}
	}
	if reload == nil || s.Capturing() || s.filter.Participant != uitest.AnetteThomsenID {
		t.Fatalf("picked Anette Thomsen: filter %+v, form open %v", s.filter, s.Capturing())
	}
}

func TestCallsFormPickCancelledKeepsTheForm(t *testing.T) {
	client, _ := peopleClient(t, false)
	c := uitest.Common(uitest.T0)
	c.Client = client
	s := sized(c, Filter{})
	formWith(s, "anette")
	push := uitest.Messages(update(s, resolved(t, update(s, uitest.KeyEnter))))[0].(common.PushMsg)
	_, cmd := push.Screen.Update(uitest.KeyEsc)
	for _, m := range uitest.Messages(cmd) {
		if _, pop := m.(common.PopMsg); !pop {
			if c := update(s, m); c != nil {
				t.Fatal("a cancelled pick must not reload")
			}
		}
	}
	if !s.Capturing() || s.filter.Participant != "" || s.person.pending != 0 {
		t.Fatalf("form open %v, filter %+v", s.Capturing(), s.filter)
	}
	if v := s.View(); strings.Contains(v, "resolving") || strings.Contains(v, "✗") {
		t.Fatalf("view:\n%s", v)
	}
}

func TestCallsFormForbiddenShowsPermissionInline(t *testing.T) {
	client, _ := peopleClient(t, true)
	c := uitest.Common(uitest.T0)
	c.Client = client
	s := sized(c, Filter{})
	before := s.Pending
	formWith(s, "anette")
	if cmd := update(s, resolved(t, update(s, uitest.KeyEnter))); cmd != nil {
		t.Fatal("a 403 must not reload")
	}
	errs := s.form.Errors()
	if !s.Capturing() || !strings.Contains(errs[fieldParticipant], "User.Read.All") || s.Pending != before {
		t.Fatalf("form open %v, errors %q", s.Capturing(), errs)
	}
	if v := s.View(); !strings.Contains(v, "User.Read.All") || !strings.Contains(v, "object id") {
		t.Fatalf("view:\n%s", v)
	}
	if cmd := update(s, uitest.KeyEnter); cmd != nil {
		t.Fatal("the same text must not be looked up again")
	}
	// An object id instead: applies at once.
	update(s, tea.KeyMsg{Type: tea.KeyCtrlU})
	for range len("anette") {
		update(s, tea.KeyMsg{Type: tea.KeyBackspace})
	}
	update(s, typeTextMsgs(uitest.AnetteThomsenID)...)
	if errs := s.form.Errors(); errs[fieldParticipant] != "" {
		t.Fatalf("the error should follow the text: %q", errs)
	}
	if cmd := update(s, uitest.KeyEnter); cmd == nil || s.Capturing() || s.filter.Participant != uitest.AnetteThomsenID {
		t.Fatalf("object id: form open %v, filter %+v", s.Capturing(), s.filter)
	}
}

func TestCallsFormLookupDroppedAfterEsc(t *testing.T) {
	client, _ := peopleClient(t, false)
	c := uitest.Common(uitest.T0)
	c.Client = client
	s := sized(c, Filter{})
	before := s.Pending
	formWith(s, "anette.thomsen@contoso.com")
	cmd := update(s, uitest.KeyEnter)
	update(s, uitest.KeyEsc)
	if update(s, resolved(t, cmd)) != nil || s.filter.Participant != "" || s.Pending != before {
		t.Fatalf("a lookup for a closed form was applied: %+v", s.filter)
	}
	// Nor does it land in a form opened again.
	formWith(s, "x")
	if update(s, uitest.KeyEnter) == nil || !s.Capturing() {
		t.Fatal("a name must be looked up with the form open")
	}
	stale := people.ResolvedMsg{RequestID: s.person.pending - 1, ID: uitest.AnetteLarsenID, Display: "Anette Larsen"}
	if update(s, stale) != nil || s.filter.Participant != "" || !s.Capturing() {
		t.Fatal("a stale answer was applied")
	}
}

func TestCallsFormPhoneAppliesAtOnce(t *testing.T) {
	s := sized(uitest.Common(uitest.T0), Filter{})
	formWith(s, "+1 (425) 555-0100")
	if cmd := update(s, uitest.KeyEnter); cmd == nil || s.Capturing() || s.filter.Participant != "+14255550100" {
		t.Fatalf("form open %v, filter %+v", s.Capturing(), s.filter)
	}
}
