package ui

import (
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/callscope/callscope/graphclient"
	"github.com/callscope/callscope/graphclient/fakegraph"
)

// cmdPeople serves two Anettes, a Síle and five call records.
func cmdPeople(t *testing.T, deny bool) (*graphclient.Client, *fakegraph.Server) {
	t.Helper()
	ten := fakegraph.NewTenant()
	for _, u := range []fakegraph.User{
		{ID: "11111111-1111-4111-8111-111111111111", DisplayName: "Anette Thomsen", UserPrincipalName: "anette.thomsen@contoso.com"},
		{ID: "22222222-2222-4222-8222-222222222222", DisplayName: "Anette Larsen", UserPrincipalName: "anette.larsen@contoso.com"},
		{ID: "33333333-3333-4333-8333-333333333333", DisplayName: "Síle O'Brien", UserPrincipalName: "sile.obrien@contoso.com"},
	} {
		ten.AddUser(u)
	}
	for _, rec := range makeRecords(0, 5) {
		ten.AddRecord(rec)
	}
	fake := fakegraph.New(ten, fakegraph.Options{DenyUsers: deny, Clock: func() time.Time { return logNow }})
	srv := httptest.NewServer(fake)
	t.Cleanup(srv.Close)
	c, err := graphclient.New(graphclient.Options{ServiceRoot: srv.URL + "/v1.0", Credential: graphclient.StaticToken("test"), MaxRetries: -1})
	if err != nil {
		t.Fatal(err)
	}
	return c, fake
}

// lastCallsQuery is the $filter of the last call-records list request.
func lastCallsQuery(fake *fakegraph.Server) string {
	var q string
	for _, r := range fake.Requests() {
		if strings.Contains(r.Path, "/communications/callRecords?") {
			q = r.Path
		}
	}
	if u, err := url.QueryUnescape(q); err == nil {
		return u
	}
	return q
}

func TestPromptUserOnCallsResolvesAUPN(t *testing.T) {
	client, fake := cmdPeople(t, false)
	a, r := cmdApp(t, client, "")
	r.run("from -2h user anette.thomsen@contoso.com")
	cs := a.top().(*callsScreen)
	if cs.filter.Participant != "11111111-1111-4111-8111-111111111111" || !cs.filter.From.Equal(logNow.Add(-2*time.Hour)) {
		t.Fatalf("filter %+v", cs.filter)
	}
	if q := lastCallsQuery(fake); !strings.Contains(q, "11111111-1111-4111-8111-111111111111") {
		t.Fatalf("the list was not reloaded with the participant: %s", q)
	}
	if h := a.headerView(); !strings.Contains(h, "participant Anette Thomsen") {
		t.Fatalf("header does not name the person: %s", h)
	}
}

func TestPromptUserOnCallsTakesIDsAsTheyAre(t *testing.T) {
	client, fake := cmdPeople(t, false)
	a, r := cmdApp(t, client, "")
	fake.ResetRequests()
	r.run(`user "+1 (425) 555-0100"`)
	if cs := a.top().(*callsScreen); cs.filter.Participant != "+14255550100" {
		t.Fatalf("filter %+v", cs.filter)
	}
	r.run("user 33333333-3333-4333-8333-333333333333")
	for _, req := range fake.Requests() {
		if strings.Contains(req.Path, "/users") {
			t.Fatalf("an id was looked up: %s", req.Path)
		}
	}
}

func TestPromptUserOnCallsPicksAmongSeveral(t *testing.T) {
	client, _ := cmdPeople(t, false)
	a, r := cmdApp(t, client, "")
	r.run("to -1h user Anette")
	if _, ok := a.top().(*peoplePicker); !ok {
		t.Fatalf("top %q, want the pick list", a.top().Title())
	}
	cs := a.stacks[ViewCalls][0].(*callsScreen)
	if !cs.filter.To.IsZero() {
		t.Fatal("the filter changed before a person was picked")
	}
	r.update(keyEnter) // the first, sorted by name: Anette Larsen
	if a.top() != screen(cs) || cs.filter.Participant != "22222222-2222-4222-8222-222222222222" ||
		!cs.filter.To.Equal(logNow.Add(-time.Hour)) {
		t.Fatalf("after the pick: top %q filter %+v", a.top().Title(), cs.filter)
	}
}

func TestPromptUserOnCallsWithoutPermission(t *testing.T) {
	client, _ := cmdPeople(t, true)
	a, r := cmdApp(t, client, "")
	r.run("from -1h user sile.obrien@contoso.com")
	cs := a.top().(*callsScreen)
	if cs.filter.Participant != "" || !cs.filter.From.IsZero() {
		t.Fatalf("filter changed after a failed lookup: %+v", cs.filter)
	}
	if !r.flashed("User.Read.All") {
		t.Fatalf("flashes %q", r.flashes)
	}
}

func TestPromptRangeOnCalls(t *testing.T) {
	client, fake := cmdPeople(t, false)
	a, r := cmdApp(t, client, "")
	r.run("from -90m to -30m")
	cs := a.top().(*callsScreen)
	if !cs.filter.From.Equal(logNow.Add(-90*time.Minute)) || !cs.filter.To.Equal(logNow.Add(-30*time.Minute)) {
		t.Fatalf("filter %+v", cs.filter)
	}
	if q := lastCallsQuery(fake); !strings.Contains(q, "2026-11-20T13:00:00Z") {
		t.Fatalf("query %s", q)
	}
	r.run("to -2h") // before the from already set
	if a.prompt == nil || !strings.Contains(a.View(), "must be before") {
		t.Fatalf("no range error under the prompt:\n%s", a.View())
	}
	if !cs.filter.To.Equal(logNow.Add(-30 * time.Minute)) {
		t.Fatal("a refused range changed the filter")
	}
	r.update(keyEsc)
	r.run("from -40d")
	if !r.flashed("Graph keeps call records for 30 days") {
		t.Fatalf("no retention warning: %q", r.flashes)
	}
}

func TestPromptFiltersGoToTheListUnderneath(t *testing.T) {
	client, _ := cmdPeople(t, false)
	a, r := cmdApp(t, client, "")
	cs := a.top().(*callsScreen)
	r.update(pushMsg{s: newRecordScreen(a.c, testID(1))})
	r.run("from -3h")
	if a.top() != screen(cs) || !cs.filter.From.Equal(logNow.Add(-3*time.Hour)) {
		t.Fatalf("top %q, filter %+v", a.top().Title(), cs.filter)
	}
}

// A lookup that answers after the user moved to another view opens its
// pick list over the calls list that asked, not over the view shown.
func TestPickListOpensOverTheScreenThatAsked(t *testing.T) {
	client, _ := cmdPeople(t, false)
	a, r := cmdApp(t, client, "")
	cs := a.top().(*callsScreen)
	lookup, err := cs.applyCommands(parsed(t, "user anette"))
	if err != nil {
		t.Fatal(err)
	}
	r.update(keyRune('2')) // Graph is slow to answer; the user moves on
	r.drain(lookup)
	if _, ok := a.top().(*peoplePicker); ok || len(a.stacks[ViewDirect]) != 1 {
		t.Fatalf("the pick list opened over Direct Routing: %q", a.headerView())
	}
	calls := a.stacks[ViewCalls]
	if _, ok := calls[len(calls)-1].(*peoplePicker); !ok {
		t.Fatal("the pick list is not over the calls list")
	}
	r.update(keyRune('1'))
	r.update(keyEnter)
	if cs.filter.Participant != "22222222-2222-4222-8222-222222222222" || len(a.stacks[ViewCalls]) != 1 {
		t.Fatalf("pick: filter %+v, %d screens", cs.filter, len(a.stacks[ViewCalls]))
	}
}

// The pick list's answer closes the pick list, wherever the user is when
// it arrives, and never the screen of another view.
func TestPickAnswerClosesThePickListNotTheViewShown(t *testing.T) {
	client, _ := cmdPeople(t, false)
	a, r := cmdApp(t, client, "")
	cs := a.top().(*callsScreen)
	r.run("user anette")
	r.update(keyRune('2'))
	r.update(keyRune('a')) // a triage summary over Direct Routing: two screens there
	dr := len(a.stacks[ViewDirect])
	r.update(keyRune('1'))
	_, answer := a.Update(keyEnter) // pick; the answer is on its way …
	r.update(keyRune('2'))          // … as the user switches view
	r.drain(answer)
	if len(a.stacks[ViewDirect]) != dr {
		t.Fatalf("the answer popped a Direct Routing screen: %d left of %d", len(a.stacks[ViewDirect]), dr)
	}
	if len(a.stacks[ViewCalls]) != 1 || cs.filter.Participant != "22222222-2222-4222-8222-222222222222" {
		t.Fatalf("calls: %d screens, filter %+v", len(a.stacks[ViewCalls]), cs.filter)
	}
}

// A filter applied in the form after ":user" asked Graph is the newer one:
// the lookup's late answer must not put the older filter back.
func TestFormFilterSupersedesAPromptLookup(t *testing.T) {
	client, _ := cmdPeople(t, false)
	c := testCommon(logNow)
	c.Client = client
	s := sized(c, CallFilter{})
	lookup, err := s.applyCommands(parsed(t, "user anette.thomsen@contoso.com"))
	if err != nil {
		t.Fatal(err)
	}
	formWith(s, "33333333-3333-4333-8333-333333333333")
	update(s, keyEnter)
	if s.Capturing() || s.filter.Participant != "33333333-3333-4333-8333-333333333333" {
		t.Fatalf("form not applied: %+v", s.filter)
	}
	pending := s.pending
	for _, m := range cmdMsgs(lookup) {
		update(s, m)
	}
	if s.filter.Participant != "33333333-3333-4333-8333-333333333333" || s.pending != pending {
		t.Fatalf("the prompt's late answer replaced the form's filter: %+v", s.filter)
	}
	if st := s.Status(); st.Activity == "user anette.thomsen@contoso.com" {
		t.Fatal("the footer still waits for the superseded lookup")
	}
}

// A filter from the prompt, given while the filter form waits on its pick
// list, replaces the form: the form must not stay open "resolving" an
// answer that will never come.
func TestPromptFilterClosesAFormWaitingOnItsPickList(t *testing.T) {
	client, _ := cmdPeople(t, false)
	a, r := cmdApp(t, client, "")
	cs := a.top().(*callsScreen)
	r.update(keyRune('/'))
	r.update(keyTab)
	r.update(keyTab)
	for _, k := range typeText("anette") {
		r.update(k)
	}
	r.update(keyEnter)
	if _, ok := a.top().(*peoplePicker); !ok {
		t.Fatalf("no pick list: %q", a.headerView())
	}
	r.run("from -2h")
	if a.top() != screen(cs) || cs.Capturing() {
		t.Fatalf("after the prompt's filter: top %q, form open %v", a.top().Title(), cs.Capturing())
	}
	if !cs.filter.From.Equal(logNow.Add(-2 * time.Hour)) {
		t.Fatalf("filter %+v", cs.filter)
	}
}
