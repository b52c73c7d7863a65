package ui

import (
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/callscope/callscope/graphclient"
	"github.com/callscope/callscope/graphclient/fakegraph"
	"github.com/callscope/callscope/ui/calls"
	"github.com/callscope/callscope/ui/common"
	"github.com/callscope/callscope/ui/people"
	"github.com/callscope/callscope/ui/record"
	"github.com/callscope/callscope/ui/uitest"
)

// cmdPeople serves two Anettes, a Síle and five call records.
func cmdPeople(t *testing.T, deny bool) (*graphclient.Client, *fakegraph.Server) {
	t.Helper()
	return uitest.FakeGraph(t, uitest.PeopleTenant(), fakegraph.Options{DenyUsers: deny}, graphclient.Options{MaxRetries: -1})
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
	cs := a.top().(*calls.Screen)
	if cs.Filter().Participant != "11111111-1111-4111-8111-111111111111" || !cs.Filter().From.Equal(uitest.Now.Add(-2*time.Hour)) {
		t.Fatalf("filter %+v", cs.Filter())
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
	if cs := a.top().(*calls.Screen); cs.Filter().Participant != "+14255550100" {
		t.Fatalf("filter %+v", cs.Filter())
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
	if _, ok := a.top().(*people.Picker); !ok {
		t.Fatalf("top %q, want the pick list", a.top().Title())
	}
	cs := a.stacks[ViewCalls][0].(*calls.Screen)
	if !cs.Filter().To.IsZero() {
		t.Fatal("the filter changed before a person was picked")
	}
	r.update(uitest.KeyEnter) // the first, sorted by name: Anette Larsen
	if a.top() != common.Screen(cs) || cs.Filter().Participant != "22222222-2222-4222-8222-222222222222" ||
		!cs.Filter().To.Equal(uitest.Now.Add(-time.Hour)) {
		t.Fatalf("after the pick: top %q filter %+v", a.top().Title(), cs.Filter())
	}
}

func TestPromptUserOnCallsWithoutPermission(t *testing.T) {
	client, _ := cmdPeople(t, true)
	a, r := cmdApp(t, client, "")
	r.run("from -1h user sile.obrien@contoso.com")
	cs := a.top().(*calls.Screen)
	if cs.Filter().Participant != "" || !cs.Filter().From.IsZero() {
		t.Fatalf("filter changed after a failed lookup: %+v", cs.Filter())
	}
	if !r.flashed("User.Read.All") {
		t.Fatalf("flashes %q", r.flashes)
	}
}

func TestPromptRangeOnCalls(t *testing.T) {
	client, fake := cmdPeople(t, false)
	a, r := cmdApp(t, client, "")
	r.run("from -90m to -30m")
	cs := a.top().(*calls.Screen)
	if !cs.Filter().From.Equal(uitest.Now.Add(-90*time.Minute)) || !cs.Filter().To.Equal(uitest.Now.Add(-30*time.Minute)) {
		t.Fatalf("filter %+v", cs.Filter())
	}
	if q := lastCallsQuery(fake); !strings.Contains(q, "2026-11-20T13:00:00Z") {
		t.Fatalf("query %s", q)
	}
	r.run("to -2h") // before the from already set
	if a.prompt == nil || !strings.Contains(a.View(), "must be before") {
		t.Fatalf("no range error under the prompt:\n%s", a.View())
	}
	if !cs.Filter().To.Equal(uitest.Now.Add(-30 * time.Minute)) {
		t.Fatal("a refused range changed the filter")
	}
	r.update(uitest.KeyEsc)
	r.run("from -40d")
	if !r.flashed("Graph keeps call records for 30 days") {
		t.Fatalf("no retention warning: %q", r.flashes)
	}
}

func TestPromptFiltersGoToTheListUnderneath(t *testing.T) {
	client, _ := cmdPeople(t, false)
	a, r := cmdApp(t, client, "")
	cs := a.top().(*calls.Screen)
	r.update(common.PushMsg{Screen: record.New(a.c, uitest.ID(1))})
	r.run("from -3h")
	if a.top() != common.Screen(cs) || !cs.Filter().From.Equal(uitest.Now.Add(-3*time.Hour)) {
		t.Fatalf("top %q, filter %+v", a.top().Title(), cs.Filter())
	}
}

// A lookup that answers after the user moved to another view opens its
// pick list over the calls list that asked, not over the view shown.
func TestPickListOpensOverTheScreenThatAsked(t *testing.T) {
	client, _ := cmdPeople(t, false)
	a, r := cmdApp(t, client, "")
	cs := a.top().(*calls.Screen)
	lookup, err := cs.ApplyDirectives(uitest.Parsed(t, "user anette"))
	if err != nil {
		t.Fatal(err)
	}
	r.update(uitest.KeyRune('2')) // Graph is slow to answer; the user moves on
	r.drain(lookup)
	if _, ok := a.top().(*people.Picker); ok || len(a.stacks[ViewDirect]) != 1 {
		t.Fatalf("the pick list opened over Direct Routing: %q", a.headerView())
	}
	calls := a.stacks[ViewCalls]
	if _, ok := calls[len(calls)-1].(*people.Picker); !ok {
		t.Fatal("the pick list is not over the calls list")
	}
	r.update(uitest.KeyRune('1'))
	r.update(uitest.KeyEnter)
	if cs.Filter().Participant != "22222222-2222-4222-8222-222222222222" || len(a.stacks[ViewCalls]) != 1 {
		t.Fatalf("pick: filter %+v, %d screens", cs.Filter(), len(a.stacks[ViewCalls]))
	}
}

// The pick list's answer closes the pick list, wherever the user is when
// it arrives, and never the screen of another view.
func TestPickAnswerClosesThePickListNotTheViewShown(t *testing.T) {
	client, _ := cmdPeople(t, false)
	a, r := cmdApp(t, client, "")
	cs := a.top().(*calls.Screen)
	r.run("user anette")
	r.update(uitest.KeyRune('2'))
	r.update(uitest.KeyRune('a')) // a triage summary over Direct Routing: two screens there
	dr := len(a.stacks[ViewDirect])
	r.update(uitest.KeyRune('1'))
	_, answer := a.Update(uitest.KeyEnter) // pick; the answer is on its way …
	r.update(uitest.KeyRune('2'))          // … as the user switches view
	r.drain(answer)
	if len(a.stacks[ViewDirect]) != dr {
		t.Fatalf("the answer popped a Direct Routing screen: %d left of %d", len(a.stacks[ViewDirect]), dr)
	}
	if len(a.stacks[ViewCalls]) != 1 || cs.Filter().Participant != "22222222-2222-4222-8222-222222222222" {
		t.Fatalf("calls: %d screens, filter %+v", len(a.stacks[ViewCalls]), cs.Filter())
	}
}

// A filter from the prompt, given while the filter form waits on its pick
// list, replaces the form: the form must not stay open "resolving" an
// answer that will never come.
func TestPromptFilterClosesAFormWaitingOnItsPickList(t *testing.T) {
	client, _ := cmdPeople(t, false)
	a, r := cmdApp(t, client, "")
	cs := a.top().(*calls.Screen)
	r.update(uitest.KeyRune('F'))
	r.update(uitest.KeyTab)
	r.update(uitest.KeyTab)
	for _, k := range uitest.TypeText("anette") {
		r.update(k)
	}
	r.update(uitest.KeyEnter)
	if _, ok := a.top().(*people.Picker); !ok {
		t.Fatalf("no pick list: %q", a.headerView())
	}
	r.run("from -2h")
	if a.top() != common.Screen(cs) || cs.Capturing() {
		t.Fatalf("after the prompt's filter: top %q, form open %v", a.top().Title(), cs.Capturing())
	}
	if !cs.Filter().From.Equal(uitest.Now.Add(-2 * time.Hour)) {
		t.Fatalf("filter %+v", cs.Filter())
	}
}
