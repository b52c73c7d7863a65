package ui

import (
	"strings"
	"testing"

	"github.com/callscope/callscope/graphclient"
	"github.com/callscope/callscope/model/redact"
)

// The explorer started with a participant (callscope --participant):
// Options.Calls names the person, Options.PickParticipant are the people
// a name fits when several do.

// startAnettes are the two Anettes cmdPeople serves, sorted by name as
// the lookup sorts them.
var startAnettes = []graphclient.User{
	{ID: idLarsen, DisplayName: "Anette Larsen", UserPrincipalName: "anette.larsen@contoso.com"},
	{ID: idThomsen, DisplayName: "Anette Thomsen", UserPrincipalName: "anette.thomsen@contoso.com"},
}

func TestStartParticipantPicksAmongSeveral(t *testing.T) {
	client, fake := cmdPeople(t, false)
	a, r := appWith(t, Options{Client: client, PickParticipant: startAnettes})
	if _, ok := a.top().(*peoplePicker); !ok {
		t.Fatalf("top %q, want the pick list over the calls", a.top().Title())
	}
	cs := a.stacks[ViewCalls][0].(*callsScreen)
	if cs.filter.Participant != "" || cs.rows.Len() == 0 {
		t.Fatalf("underneath: filter %+v, %d rows; want the unfiltered list", cs.filter, cs.rows.Len())
	}
	if v := a.View(); !strings.Contains(v, "Anette Larsen") || !strings.Contains(v, "2 people match") {
		t.Fatalf("view:\n%s", v)
	}
	r.update(keyDown)
	r.update(keyEnter) // Anette Thomsen
	if a.top() != screen(cs) || cs.filter.Participant != idThomsen {
		t.Fatalf("after the pick: top %q, filter %+v", a.top().Title(), cs.filter)
	}
	if q := lastCallsQuery(fake); !strings.Contains(q, idThomsen) {
		t.Fatalf("the list was not reloaded with the participant: %s", q)
	}
	if h := a.headerView(); !strings.Contains(h, "participant Anette Thomsen") {
		t.Fatalf("header does not name the person: %s", h)
	}
}

func TestStartParticipantPickCancelledKeepsTheList(t *testing.T) {
	client, fake := cmdPeople(t, false)
	a, r := appWith(t, Options{Client: client, PickParticipant: startAnettes})
	cs := a.stacks[ViewCalls][0].(*callsScreen)
	rows := cs.rows.Len()
	fake.ResetRequests()
	r.update(keyEsc)
	if a.top() != screen(cs) || cs.filter.Participant != "" || cs.rows.Len() != rows || cs.cmd.waiting != 0 {
		t.Fatalf("after esc: top %q, filter %+v, %d rows (had %d)", a.top().Title(), cs.filter, cs.rows.Len(), rows)
	}
	if n := len(fake.Requests()); n != 0 {
		t.Fatalf("esc made %d requests; the list must stay as it was", n)
	}
	if h := a.headerView(); strings.Contains(h, "participant") {
		t.Fatalf("header names a participant: %s", h)
	}
}

// TestStartParticipantOnAnotherView: the pick list waits for the calls
// view, the only one the participant filters.
func TestStartParticipantOnAnotherView(t *testing.T) {
	client, _ := cmdPeople(t, false)
	a, r := appWith(t, Options{Client: client, View: ViewDirect, PickParticipant: startAnettes})
	if _, ok := a.top().(*logScreen); !ok || len(a.stacks[ViewCalls]) != 0 {
		t.Fatalf("top %q: the pick list opened over the wrong view", a.top().Title())
	}
	r.update(keyRune('1'))
	if _, ok := a.top().(*peoplePicker); !ok || a.view != ViewCalls {
		t.Fatalf("view %d, top %q, want the pick list over the calls", a.view, a.top().Title())
	}
}

func TestStartParticipantNameInHeader(t *testing.T) {
	client, _ := cmdPeople(t, false)
	start := CallFilter{Participant: idThomsen, ParticipantName: "Anette Thomsen"}
	a, r := appWith(t, Options{Client: client, Calls: start})
	if h := a.headerView(); !strings.Contains(h, "participant Anette Thomsen") {
		t.Fatalf("header does not name the person: %s", h)
	}
	// Another participant is named by what it was given as.
	r.run("user 33333333-3333-4333-8333-333333333333")
	if h := a.headerView(); strings.Contains(h, "Anette") || !strings.Contains(h, "participant "+shortID("33333333-3333-4333-8333-333333333333")) {
		t.Fatalf("header after :user: %s", h)
	}

	a, _ = appWith(t, Options{Client: client, Calls: start, Redact: true})
	if h := a.headerView(); strings.Contains(h, "Thomsen") || !strings.Contains(h, "participant "+redact.Name("Anette Thomsen")) {
		t.Fatalf("header with --redact: %s", h)
	}
}
