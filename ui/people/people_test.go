package people

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/callscope/callscope/graphclient"
	"github.com/callscope/callscope/graphclient/fakegraph"
	"github.com/callscope/callscope/ui/common"
	"github.com/callscope/callscope/ui/uitest"
	tea "github.com/charmbracelet/bubbletea"
)

// TestMain renders without colour, so views compare as plain text.
func TestMain(m *testing.M) { uitest.Main(m) }

// peopleClient serves a small directory (two Anettes, an O'Brien) and a
// few call records from the fake over HTTP; deny answers /users with 403.
func peopleClient(t *testing.T, deny bool) (*graphclient.Client, *fakegraph.Server) {
	t.Helper()
	return uitest.FakeGraph(t, uitest.PeopleTenant(), fakegraph.Options{DenyUsers: deny, Clock: func() time.Time { return uitest.T0 }},
		graphclient.Options{})
}

func resolved(t *testing.T, cmd tea.Cmd) ResolvedMsg {
	t.Helper()
	msgs := uitest.Messages(cmd)
	if len(msgs) != 1 {
		t.Fatalf("messages %#v", msgs)
	}
	m, ok := msgs[0].(ResolvedMsg)
	if !ok {
		t.Fatalf("message %#v", msgs[0])
	}
	return m
}

func TestResolvePersonCmd(t *testing.T) {
	client, fake := peopleClient(t, false)
	c := uitest.Common(uitest.T0)
	c.Client = client

	m := resolved(t, Resolve(c, 7, "Anette.Thomsen@contoso.com"))
	if m.RequestID != 7 || m.ID != uitest.AnetteThomsenID || m.Display != "Anette Thomsen" || m.Candidates != nil || m.Err != nil {
		t.Fatalf("UPN: %+v", m)
	}
	m = resolved(t, Resolve(c, 8, "anette"))
	if m.RequestID != 8 || m.ID != "" || len(m.Candidates) != 2 || m.Candidates[0].ID != uitest.AnetteLarsenID || m.Err != nil {
		t.Fatalf("several: %+v", m)
	}
	m = resolved(t, Resolve(c, 9, "Síle O'B"))
	if m.Display != "Síle O'Brien" {
		t.Fatalf("apostrophe: %+v", m)
	}
	m = resolved(t, Resolve(c, 10, "Zed"))
	var nf *graphclient.UserNotFoundError
	if !errors.As(m.Err, &nf) || m.ID != "" || m.Candidates != nil {
		t.Fatalf("none: %+v", m)
	}
	fake.ResetRequests()
	// An id needs neither Graph nor a client.
	c.Client = nil
	m = resolved(t, Resolve(c, 11, "+1 (425) 555-0100"))
	if m.ID != "+14255550100" || m.Err != nil || len(fake.Requests()) != 0 {
		t.Fatalf("phone: %+v", m)
	}
}

func TestResolvePersonCmdForbidden(t *testing.T) {
	client, _ := peopleClient(t, true)
	c := uitest.Common(uitest.T0)
	c.Client = client
	m := resolved(t, Resolve(c, 3, "anette"))
	if !graphclient.IsUserReadDenied(m.Err) {
		t.Fatalf("%+v", m)
	}
	txt := ErrorText(m.Err)
	if !strings.HasPrefix(txt, "the app lacks the User.Read.All application permission") || !strings.Contains(txt, "object id still works") {
		t.Fatalf("%q", txt)
	}
}

func pickerOf(c *common.Common, cands []graphclient.User) *Picker {
	p := NewPicker(c, 42, cands)
	p.Update(common.BodySizeMsg{Width: 100, Height: 10})
	return p
}

var twoAnettes = []graphclient.User{
	{ID: uitest.AnetteLarsenID, DisplayName: "Anette Larsen", UserPrincipalName: "anette.larsen@contoso.com", Mail: "anette.larsen@contoso.com"},
	{ID: uitest.AnetteThomsenID, DisplayName: "Anette Thomsen", UserPrincipalName: "anette.thomsen@contoso.com", Mail: "at@fabrikam.com"},
}

func TestPeoplePickerEnterPicksAndPops(t *testing.T) {
	p := pickerOf(uitest.Common(uitest.T0), twoAnettes)
	if p.Title() != "Pick a person" || p.Capturing() || !p.ClaimsBack() {
		t.Fatalf("title %q, capturing %v", p.Title(), p.Capturing())
	}
	v := p.View()
	for _, want := range []string{"2 people match", "Mail", "Anette Larsen", "anette.thomsen@contoso.com", "at@fabrikam.com", "11111111…"} {
		if !strings.Contains(v, want) {
			t.Errorf("view lacks %q:\n%s", want, v)
		}
	}
	if strings.Count(v, "anette.larsen@contoso.com") != 1 {
		t.Errorf("a mail equal to the UPN should not repeat:\n%s", v)
	}
	p.Update(uitest.KeyDown)
	_, cmd := p.Update(uitest.KeyEnter)
	msgs := uitest.Messages(cmd)
	if len(msgs) != 2 {
		t.Fatalf("messages %#v", msgs)
	}
	if _, ok := msgs[0].(common.PopMsg); !ok {
		t.Fatalf("first %#v, want popMsg before the answer", msgs[0])
	}
	m, _ := msgs[1].(ResolvedMsg)
	if m.RequestID != 42 || m.ID != uitest.AnetteThomsenID || m.Display != "Anette Thomsen" || m.Err != nil {
		t.Fatalf("answer %+v", m)
	}
}

func TestPeoplePickerEscCancels(t *testing.T) {
	p := pickerOf(uitest.Common(uitest.T0), twoAnettes)
	_, cmd := p.Update(uitest.KeyEsc)
	msgs := uitest.Messages(cmd)
	if len(msgs) != 2 {
		t.Fatalf("messages %#v", msgs)
	}
	if m, _ := msgs[1].(ResolvedMsg); m.RequestID != 42 || !errors.Is(m.Err, ErrPickCancelled) || m.ID != "" {
		t.Fatalf("answer %+v", m)
	}
	// Other keys answer nothing.
	if _, cmd := p.Update(uitest.KeyRune('z')); cmd != nil {
		t.Fatal("a stray key answered")
	}
}

// TestPeoplePickerHeadingCountsAll: a full list (MaxUserMatches people;
// more never open a list, TestResolveMoreThan25) is all the matches, and
// the heading says so without calling it cut.
func TestPeoplePickerHeadingCountsAll(t *testing.T) {
	var many []graphclient.User
	for i := range graphclient.MaxUserMatches {
		many = append(many, graphclient.User{ID: uitest.ID(i), DisplayName: "Anette " + common.Itoa(int64(i))})
	}
	p := pickerOf(uitest.Common(uitest.T0), many)
	if v := p.View(); !strings.Contains(v, "25 people match") || strings.Contains(v, "first") || strings.Contains(v, "Mail") {
		t.Fatalf("want all 25 counted, and no Mail column when no one's mail differs from the UPN:\n%s", v)
	}
	p.Update(common.BodySizeMsg{Width: 0, Height: 0})
	if p.View() != "" {
		t.Fatal("zero size should draw nothing")
	}
}

// TestPeopleRedacted: with --redact the names and UPNs a lookup brings
// back are masked before anything shows them; the ids still filter.
func TestPeopleRedacted(t *testing.T) {
	client, _ := peopleClient(t, false)
	c := uitest.Common(uitest.T0)
	c.Client, c.Redact = client, true
	m := resolved(t, Resolve(c, 1, "anette.thomsen@contoso.com"))
	if m.ID != uitest.AnetteThomsenID || m.Display != "A***** T******" {
		t.Fatalf("%+v", m)
	}
	m = resolved(t, Resolve(c, 2, "anette"))
	if len(m.Candidates) != 2 || m.Candidates[0].ID != uitest.AnetteLarsenID || strings.Contains(m.Candidates[0].UserPrincipalName, "larsen") {
		t.Fatalf("%+v", m)
	}
	if m = resolved(t, Resolve(c, 3, "+1 425 555 0100")); m.ID != "+14255550100" || strings.Contains(m.Display, "0100") {
		t.Fatalf("phone %+v", m)
	}
	// A pick list built from unmasked people masks them too.
	p := pickerOf(c, twoAnettes)
	v := p.View()
	for _, leak := range []string{"Larsen", "Thomsen", "anette.", "at@fabrikam"} {
		if strings.Contains(v, leak) {
			t.Errorf("view shows %q:\n%s", leak, v)
		}
	}
	_, cmd := p.Update(uitest.KeyEnter)
	if msgs := uitest.Messages(cmd); msgs[1].(ResolvedMsg).Display != "A***** L*****" || msgs[1].(ResolvedMsg).ID != uitest.AnetteLarsenID {
		t.Fatalf("%#v", msgs)
	}
}
