package ui

import (
	"strings"
	"testing"
	"time"

	"github.com/callscope/callscope/graphclient"
	"github.com/callscope/callscope/graphclient/fakegraph"
	"github.com/callscope/callscope/model"
	"github.com/callscope/callscope/ui/calls"
	"github.com/callscope/callscope/ui/logs"
	"github.com/callscope/callscope/ui/people"
	"github.com/callscope/callscope/ui/record"
	"github.com/callscope/callscope/ui/timeline"
	"github.com/callscope/callscope/ui/uitest"
)

// The ids and numbers a ticket might carry, in openTenant.
const (
	openPstnCallID = "1835317186_112562680@61.221.3.176"
	openNumber     = "+493012345670"
)

// openTenant is PeopleTenant (two Anettes, five records) with Direct
// Routing rows for record 1 (correlationId) and for a Berlin number, and
// a PSTN row with a callId.
func openTenant() *fakegraph.Tenant {
	ten := uitest.PeopleTenant()
	rec := uitest.MakeRecords(1, 1)[0]
	at := rec.StartDateTime.Time
	ten.AddDirectRoutingRows(
		model.DirectRoutingRow{ID: "dr-rec1", CorrelationID: rec.ID, UserDisplayName: "Anette Thomsen",
			CallerNumber: "+4520123456", CalleeNumber: "+4570707070", StartDateTime: model.NewTime(at),
			SuccessfulCall: true, TrunkFullyQualifiedDomainName: "sbc1.contoso.com"},
		model.DirectRoutingRow{ID: "dr-berlin", CorrelationID: uitest.ID(40), UserDisplayName: "Síle O'Brien",
			CallerNumber: "+4420794601", CalleeNumber: openNumber, StartDateTime: model.NewTime(at.Add(-time.Hour)),
			FinalSIPCode: 486, CallEndSubReason: 560486, TrunkFullyQualifiedDomainName: "sbc2.contoso.com"})
	ten.AddPstnRows(
		model.PstnRow{ID: "pstn-ticket", CallID: openPstnCallID, UserDisplayName: "Anette Larsen", CallerNumber: "+4520999999",
			CalleeNumber: openNumber, StartDateTime: model.NewTime(at), EndDateTime: model.NewTime(at.Add(time.Minute)),
			Duration: 60, CallType: "user_out"},
		model.PstnRow{ID: "pstn-other", CallID: "1_2@61.221.3.177", StartDateTime: model.NewTime(at), CallType: "user_in"})
	return ten
}

// openApp is a settled root on openTenant's fake Graph.
func openApp(t *testing.T) (*App, *cmdRun) {
	t.Helper()
	client, _ := uitest.FakeGraph(t, openTenant(), fakegraph.Options{Clock: func() time.Time { return uitest.Now }},
		graphclient.Options{MaxRetries: -1})
	return appWith(t, Options{Client: client})
}

// openText runs openAnything as ":open text" would, failing on an error.
func openText(t *testing.T, a *App, r *cmdRun, text string) {
	t.Helper()
	cmd, err := a.openAnything(text)
	if err != nil {
		t.Fatalf("open %q: %v", text, err)
	}
	r.drain(cmd)
}

func TestOpenACallIDShowsTheRecordAndItsDirectRoutingRows(t *testing.T) {
	a, r := openApp(t)
	a.open(ViewDirect) // wherever the user is, the record opens on the calls view
	id := uitest.ID(1)
	openText(t, a, r, "Call ID: {"+strings.ToUpper(id)+"}")
	rs, ok := a.top().(*record.Screen)
	if a.view != ViewCalls || !ok || rs.ID() != id {
		t.Fatalf("view %d, top %T", a.view, a.top())
	}
	uitest.ViewHas(t, a.View(), "Call "+id[:8])
	// The same id again lands on the same screen, not a second copy.
	depth := len(a.stacks[ViewCalls])
	openText(t, a, r, id)
	if len(a.stacks[ViewCalls]) != depth {
		t.Errorf("opening the record shown pushed another: %d screens, was %d", len(a.stacks[ViewCalls]), depth)
	}
	// o: its Direct Routing rows, by correlationId.
	r.update(uitest.KeyRune('o'))
	if _, ok := a.top().(*record.Linked); !ok {
		t.Fatalf("o on the record: top %T", a.top())
	}
	uitest.ViewHas(t, a.View(), "Direct Routing rows with correlationId "+id, "1 from Graph", "sbc1.contoso.com")
}

func TestOpenAPstnCallIDListsItsRow(t *testing.T) {
	a, r := openApp(t)
	openText(t, a, r, " "+openPstnCallID+". ")
	if _, ok := a.top().(*record.Linked); a.view != ViewPstn || !ok {
		t.Fatalf("view %d, top %T", a.view, a.top())
	}
	v := a.View()
	uitest.ViewHas(t, v, "PSTN rows with callId "+openPstnCallID, "1 from Graph", "Anette Larsen", "user_out")
	if strings.Contains(v, "user_in") {
		t.Errorf("the row of another callId is listed:\n%s", v)
	}
	// esc goes back to the PSTN list.
	r.update(uitest.KeyEsc)
	if _, ok := a.top().(*logs.List); !ok {
		t.Errorf("esc: top %T", a.top())
	}
}

func TestOpenAUPNFiltersTheCallsByThePerson(t *testing.T) {
	a, r := openApp(t)
	a.open(ViewPstn)
	openText(t, a, r, "sip:Anette.Thomsen@contoso.com")
	cs, ok := a.top().(*calls.Screen)
	if a.view != ViewCalls || !ok {
		t.Fatalf("view %d, top %T", a.view, a.top())
	}
	if p := cs.Session().Participant; p != uitest.AnetteThomsenID {
		t.Errorf("participant %q, want Anette Thomsen's id", p)
	}
}

func TestOpenANameOfSeveralPeopleOffersThePick(t *testing.T) {
	a, r := openApp(t)
	openText(t, a, r, "anette")
	if _, ok := a.top().(*people.Picker); a.view != ViewCalls || !ok {
		t.Fatalf("view %d, top %T", a.view, a.top())
	}
	uitest.ViewHas(t, a.View(), "Anette Thomsen", "Anette Larsen")
}

// A number lands on its timeline (its calls, Direct Routing and PSTN rows
// in one list) over the log view the user is on, else Direct Routing.
func TestOpenANumberShowsItsTimeline(t *testing.T) {
	a, r := openApp(t)
	openText(t, a, r, "+49 (0)30 1234567-0")
	tl, ok := a.top().(*timeline.Screen)
	if a.view != ViewDirect || !ok {
		t.Fatalf("view %d, top %T", a.view, a.top())
	}
	if !strings.Contains(tl.Title(), openNumber) {
		t.Fatalf("timeline %q, want the number %s", tl.Title(), openNumber)
	}
	uitest.ViewHas(t, a.View(), "1 Direct Routing · 1 PSTN", "ended: SIP 486 Busy Here")
	// From the PSTN view, a number in national form opens over it.
	r.update(uitest.KeyRune('3'))
	openText(t, a, r, "(030) 1234567-0")
	if tl, ok := a.top().(*timeline.Screen); a.view != ViewPstn || !ok || !strings.Contains(tl.Title(), "03012345670") {
		t.Errorf("view %d, top %T", a.view, a.top())
	}
}

func TestOpenRefusesWhatItCannotRead(t *testing.T) {
	a, _ := openApp(t)
	before := len(a.stacks[ViewCalls])
	for _, text := range []string{"", "---", "+49", "2f1a1100-b174-40a0", "tel:nobody"} {
		_, err := a.openAnything(text)
		if err == nil || !strings.Contains(err.Error(), "PSTN callId") {
			t.Errorf("open %q: %v, want an error that lists the forms", text, err)
		}
	}
	if a.view != ViewCalls || len(a.stacks[ViewCalls]) != before {
		t.Errorf("a refused open changed the screens: view %d, %d screens", a.view, len(a.stacks[ViewCalls]))
	}
}

func TestOpenAnyPromptHoldsOpen(t *testing.T) {
	a, _ := openApp(t)
	a.openAnyPrompt()
	if a.prompt == nil || a.prompt.Value() != "open " {
		t.Fatalf("prompt %v", a.prompt)
	}
	uitest.ViewHas(t, a.View(), ":open", "paste a call id")
}
