package ui

import (
	"strings"
	"testing"
	"time"

	"github.com/callscope/callscope/graphclient"
	"github.com/callscope/callscope/model/redact"
	"github.com/callscope/callscope/ui/calls"
	"github.com/callscope/callscope/ui/common"
	"github.com/callscope/callscope/ui/logs"
	"github.com/callscope/callscope/ui/people"
	"github.com/callscope/callscope/ui/uitest"
	tea "github.com/charmbracelet/bubbletea"
)

// The explorer started with a participant (callscope --participant):
// Options.Calls names the person, Options.PickParticipant are the people
// a name fits when several do.

// startAnettes are the two Anettes cmdPeople serves, sorted by name as
// the lookup sorts them.
var startAnettes = []graphclient.User{
	{ID: uitest.AnetteLarsenID, DisplayName: "Anette Larsen", UserPrincipalName: "anette.larsen@contoso.com"},
	{ID: uitest.AnetteThomsenID, DisplayName: "Anette Thomsen", UserPrincipalName: "anette.thomsen@contoso.com"},
}

func TestStartParticipantPicksAmongSeveral(t *testing.T) {
	client, fake := cmdPeople(t, false)
	a, r := appWith(t, Options{Client: client, PickParticipant: startAnettes})
	if _, ok := a.top().(*people.Picker); !ok {
		t.Fatalf("top %q, want the pick list over the calls", a.top().Title())
	}
	cs := a.stacks[ViewCalls][0].(*calls.Screen)
	if cs.Filter().Participant != "" || cs.Status().Loaded == 0 {
		t.Fatalf("underneath: filter %+v, %d rows; want the unfiltered list", cs.Filter(), cs.Status().Loaded)
	}
	if v := a.View(); !strings.Contains(v, "Anette Larsen") || !strings.Contains(v, "2 people match") {
		t.Fatalf("view:\n%s", v)
	}
	r.update(uitest.KeyDown)
	r.update(uitest.KeyEnter) // Anette Thomsen
	if a.top() != common.Screen(cs) || cs.Filter().Participant != uitest.AnetteThomsenID {
		t.Fatalf("after the pick: top %q, filter %+v", a.top().Title(), cs.Filter())
	}
	if q := lastCallsQuery(fake); !strings.Contains(q, uitest.AnetteThomsenID) {
		t.Fatalf("the list was not reloaded with the participant: %s", q)
	}
	if h := a.headerView(); !strings.Contains(h, "participant Anette Thomsen") {
		t.Fatalf("header does not name the person: %s", h)
	}
}

func TestStartParticipantPickCancelledKeepsTheList(t *testing.T) {
	client, fake := cmdPeople(t, false)
	a, r := appWith(t, Options{Client: client, PickParticipant: startAnettes})
	cs := a.stacks[ViewCalls][0].(*calls.Screen)
	rows := cs.Status().Loaded
	fake.ResetRequests()
	r.update(uitest.KeyEsc)
	if a.top() != common.Screen(cs) || cs.Filter().Participant != "" || cs.Status().Loaded != rows || cs.AwaitingPerson() {
		t.Fatalf("after esc: top %q, filter %+v, %d rows (had %d)", a.top().Title(), cs.Filter(), cs.Status().Loaded, rows)
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
	if _, ok := a.top().(*logs.List); !ok || len(a.stacks[ViewCalls]) != 0 {
		t.Fatalf("top %q: the pick list opened over the wrong view", a.top().Title())
	}
	r.update(uitest.KeyRune('1'))
	if _, ok := a.top().(*people.Picker); !ok || a.view != ViewCalls {
		t.Fatalf("view %d, top %q, want the pick list over the calls", a.view, a.top().Title())
	}
}

func TestStartParticipantNameInHeader(t *testing.T) {
	client, _ := cmdPeople(t, false)
	start := CallFilter{Participant: uitest.AnetteThomsenID, ParticipantName: "Anette Thomsen"}
	a, r := appWith(t, Options{Client: client, Calls: start})
	if h := a.headerView(); !strings.Contains(h, "participant Anette Thomsen") {
		t.Fatalf("header does not name the person: %s", h)
	}
	// Another participant is named by what it was given as.
	r.run("user 33333333-3333-4333-8333-333333333333")
	if h := a.headerView(); strings.Contains(h, "Anette") || !strings.Contains(h, "participant "+common.ShortID("33333333-3333-4333-8333-333333333333")) {
		t.Fatalf("header after :user: %s", h)
	}

	a, _ = appWith(t, Options{Client: client, Calls: start, Redact: true})
	if h := a.headerView(); strings.Contains(h, "Thomsen") || !strings.Contains(h, "participant "+redact.Name("Anette Thomsen")) {
		t.Fatalf("header with --redact: %s", h)
	}
}

// TestPeoplePickerThroughTheRoot: esc reaches the list (the root does not
// pop it silently), and its pop leaves the screen underneath on top.
func TestPeoplePickerThroughTheRoot(t *testing.T) {
	a := New(Options{Keys: uitest.Keys(), Styles: common.DefaultStyles(), Now: func() time.Time { return uitest.T0 }})
	a.Init()
	a.Update(tea.WindowSizeMsg{Width: 100, Height: 20})
	a.Update(common.PushMsg{Screen: people.NewPicker(a.c, 5, startAnettes)})
	_, cmd := a.Update(uitest.KeyEsc)
	if a.top().Title() != "Pick a person" || cmd == nil {
		t.Fatal("esc must go to the pick list")
	}
	for _, m := range uitest.Messages(cmd) {
		a.Update(m)
	}
	if a.top().Title() != "Calls" {
		t.Fatalf("top %q after the pick list answered", a.top().Title())
	}
}
