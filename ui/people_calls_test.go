package ui

import (
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
)

// The calls filter form's Participant field: a UPN or name is looked up on
// apply with the form open; the fake serves the directory over HTTP.

// formWith opens the calls filter form and types text into Participant.
func formWith(s *callsScreen, text string) {
	update(s, keyRune('/'), keyTab, keyTab)
	update(s, typeTextMsgs(text)...)
}

func TestCallsFormResolvesUPN(t *testing.T) {
	client, _ := peopleClient(t, false)
	c := testCommon(testT0)
	c.Client = client
	s := sized(c, CallFilter{})
	before := s.pending
	formWith(s, "anette.thomsen@contoso.com")
	cmd := update(s, keyEnter)
	if cmd == nil || !s.Capturing() || s.pending != before {
		t.Fatal("a UPN must be looked up with the form open and the list untouched")
	}
	if v := s.View(); !strings.Contains(v, "resolving anette.thomsen@contoso.com…") {
		t.Fatalf("view:\n%s", v)
	}
	reload := update(s, resolved(t, cmd))
	if s.Capturing() || reload == nil || s.pending == before {
		t.Fatal("the person found must close the form and reload")
	}
	if s.filter.Participant != idThomsen {
		t.Fatalf("filter %+v", s.filter)
	}
	if got := s.Status().Filter; !strings.Contains(got, "participant Anette Thomsen") {
		t.Fatalf("header %q", got)
	}
	if q := s.query(); q.Participant != idThomsen {
		t.Fatalf("query %+v", q)
	}
}

func TestCallsFormNameOpensPickList(t *testing.T) {
	client, _ := peopleClient(t, false)
	c := testCommon(testT0)
	c.Client = client
	s := sized(c, CallFilter{})
	formWith(s, "anette")
	msgs := cmdMsgs(update(s, resolved(t, update(s, keyEnter))))
	push, ok := msgs[0].(pushMsg)
	if len(msgs) != 1 || !ok || !s.Capturing() {
		t.Fatalf("want the pick list pushed over the open form: %#v", msgs)
	}
	pk, _ := push.s.Update(bodySizeMsg{Width: 100, Height: 10})
	pk, _ = pk.Update(keyDown)
	_, cmd := pk.Update(keyEnter)
	var reload tea.Cmd
	for _, m := range cmdMsgs(cmd) {
		if _, pop := m.(popMsg); !pop {
			reload = update(s, m)
		}
	}
	if reload == nil || s.Capturing() || s.filter.Participant != idThomsen {
		t.Fatalf("picked Anette Thomsen: filter %+v, form open %v", s.filter, s.Capturing())
	}
}

func TestCallsFormPickCancelledKeepsTheForm(t *testing.T) {
	client, _ := peopleClient(t, false)
	c := testCommon(testT0)
	c.Client = client
	s := sized(c, CallFilter{})
	formWith(s, "anette")
	push := cmdMsgs(update(s, resolved(t, update(s, keyEnter))))[0].(pushMsg)
	_, cmd := push.s.Update(keyEsc)
	for _, m := range cmdMsgs(cmd) {
		if _, pop := m.(popMsg); !pop {
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
	c := testCommon(testT0)
	c.Client = client
	s := sized(c, CallFilter{})
	before := s.pending
	formWith(s, "anette")
	if cmd := update(s, resolved(t, update(s, keyEnter))); cmd != nil {
		t.Fatal("a 403 must not reload")
	}
	errs := s.form.Errors()
	if !s.Capturing() || !strings.Contains(errs[fieldParticipant], "User.Read.All") || s.pending != before {
		t.Fatalf("form open %v, errors %q", s.Capturing(), errs)
	}
	if v := s.View(); !strings.Contains(v, "User.Read.All") || !strings.Contains(v, "object id") {
		t.Fatalf("view:\n%s", v)
	}
	if cmd := update(s, keyEnter); cmd != nil {
		t.Fatal("the same text must not be looked up again")
	}
	// An object id instead: applies at once.
	update(s, tea.KeyMsg{Type: tea.KeyCtrlU})
	for range len("anette") {
		update(s, tea.KeyMsg{Type: tea.KeyBackspace})
	}
	update(s, typeTextMsgs(idThomsen)...)
	if errs := s.form.Errors(); errs[fieldParticipant] != "" {
		t.Fatalf("the error should follow the text: %q", errs)
	}
	if cmd := update(s, keyEnter); cmd == nil || s.Capturing() || s.filter.Participant != idThomsen {
		t.Fatalf("object id: form open %v, filter %+v", s.Capturing(), s.filter)
	}
}

func TestCallsFormLookupDroppedAfterEsc(t *testing.T) {
	client, _ := peopleClient(t, false)
	c := testCommon(testT0)
	c.Client = client
	s := sized(c, CallFilter{})
	before := s.pending
	formWith(s, "anette.thomsen@contoso.com")
	cmd := update(s, keyEnter)
	update(s, keyEsc)
	if update(s, resolved(t, cmd)) != nil || s.filter.Participant != "" || s.pending != before {
		t.Fatalf("a lookup for a closed form was applied: %+v", s.filter)
	}
	// Nor does it land in a form opened again.
	formWith(s, "x")
	if update(s, keyEnter) == nil || !s.Capturing() {
		t.Fatal("a name must be looked up with the form open")
	}
	stale := personResolvedMsg{reqID: s.person.pending - 1, ID: idLarsen, Display: "Anette Larsen"}
	if update(s, stale) != nil || s.filter.Participant != "" || !s.Capturing() {
		t.Fatal("a stale answer was applied")
	}
}

func TestCallsFormPhoneAppliesAtOnce(t *testing.T) {
	s := sized(testCommon(testT0), CallFilter{})
	formWith(s, "+1 (425) 555-0100")
	if cmd := update(s, keyEnter); cmd == nil || s.Capturing() || s.filter.Participant != "+14255550100" {
		t.Fatalf("form open %v, filter %+v", s.Capturing(), s.filter)
	}
}
