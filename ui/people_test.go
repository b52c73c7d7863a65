package ui

import (
	"errors"
	"net/http/httptest"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/callscope/callscope/graphclient"
	"github.com/callscope/callscope/graphclient/fakegraph"
	tea "github.com/charmbracelet/bubbletea"
)

const (
	idThomsen = "11111111-1111-4111-8111-111111111111"
	idLarsen  = "22222222-2222-4222-8222-222222222222"
)

// peopleClient serves a small directory (two Anettes, an O'Brien) and a
// few call records from the fake over HTTP; deny answers /users with 403.
func peopleClient(t *testing.T, deny bool) (*graphclient.Client, *fakegraph.Server) {
	t.Helper()
	ten := fakegraph.NewTenant()
	for _, u := range []fakegraph.User{
		{ID: idThomsen, DisplayName: "Anette Thomsen", UserPrincipalName: "anette.thomsen@contoso.com"},
		{ID: idLarsen, DisplayName: "Anette Larsen", UserPrincipalName: "anette.larsen@contoso.com"},
		{ID: "33333333-3333-4333-8333-333333333333", DisplayName: "Síle O'Brien", UserPrincipalName: "sile.obrien@contoso.com"},
	} {
		ten.AddUser(u)
	}
	for _, r := range makeRecords(0, 5) {
		ten.AddRecord(r)
	}
	fake := fakegraph.New(ten, fakegraph.Options{DenyUsers: deny, Clock: func() time.Time { return testT0 }})
	srv := httptest.NewServer(fake)
	t.Cleanup(srv.Close)
	c, err := graphclient.New(graphclient.Options{ServiceRoot: srv.URL + "/v1.0", Credential: graphclient.StaticToken("test")})
	if err != nil {
		t.Fatal(err)
	}
	return c, fake
}

// cmdMsgs runs cmd and returns the messages it yields in order, opening
// batches and sequences (whose message type tea keeps unexported).
func cmdMsgs(cmd tea.Cmd) []tea.Msg {
	if cmd == nil {
		return nil
	}
	msg := cmd()
	if b, ok := msg.(tea.BatchMsg); ok {
		var out []tea.Msg
		for _, c := range b {
			out = append(out, cmdMsgs(c)...)
		}
		return out
	}
	if v := reflect.ValueOf(msg); v.IsValid() && v.Kind() == reflect.Slice && v.Type().Elem() == reflect.TypeOf(tea.Cmd(nil)) {
		var out []tea.Msg
		for i := range v.Len() {
			out = append(out, cmdMsgs(v.Index(i).Interface().(tea.Cmd))...)
		}
		return out
	}
	if msg == nil {
		return nil
	}
	return []tea.Msg{msg}
}

func resolved(t *testing.T, cmd tea.Cmd) personResolvedMsg {
	t.Helper()
	msgs := cmdMsgs(cmd)
	if len(msgs) != 1 {
		t.Fatalf("messages %#v", msgs)
	}
	m, ok := msgs[0].(personResolvedMsg)
	if !ok {
		t.Fatalf("message %#v", msgs[0])
	}
	return m
}

func TestResolvePersonCmd(t *testing.T) {
	client, fake := peopleClient(t, false)
	c := testCommon(testT0)
	c.Client = client

	m := resolved(t, resolvePersonCmd(c, 7, "Anette.Thomsen@contoso.com"))
	if m.reqID != 7 || m.ID != idThomsen || m.Display != "Anette Thomsen" || m.Candidates != nil || m.Err != nil {
		t.Fatalf("UPN: %+v", m)
	}
	m = resolved(t, resolvePersonCmd(c, 8, "anette"))
	if m.reqID != 8 || m.ID != "" || len(m.Candidates) != 2 || m.Candidates[0].ID != idLarsen || m.Err != nil {
		t.Fatalf("several: %+v", m)
	}
	m = resolved(t, resolvePersonCmd(c, 9, "Síle O'B"))
	if m.Display != "Síle O'Brien" {
		t.Fatalf("apostrophe: %+v", m)
	}
	m = resolved(t, resolvePersonCmd(c, 10, "Zed"))
	var nf *graphclient.UserNotFoundError
	if !errors.As(m.Err, &nf) || m.ID != "" || m.Candidates != nil {
		t.Fatalf("none: %+v", m)
	}
	fake.ResetRequests()
	// An id needs neither Graph nor a client.
	c.Client = nil
	m = resolved(t, resolvePersonCmd(c, 11, "+1 (425) 555-0100"))
	if m.ID != "+14255550100" || m.Err != nil || len(fake.Requests()) != 0 {
		t.Fatalf("phone: %+v", m)
	}
}

func TestResolvePersonCmdForbidden(t *testing.T) {
	client, _ := peopleClient(t, true)
	c := testCommon(testT0)
	c.Client = client
	m := resolved(t, resolvePersonCmd(c, 3, "anette"))
	if !graphclient.IsUserReadDenied(m.Err) {
		t.Fatalf("%+v", m)
	}
	txt := personErrText(m.Err)
	if !strings.HasPrefix(txt, "the app lacks the User.Read.All application permission") || !strings.Contains(txt, "object id still works") {
		t.Fatalf("%q", txt)
	}
}

func pickerOf(c *Common, cands []graphclient.User) screen {
	p := newPeoplePicker(c, 42, cands)
	p, _ = p.Update(bodySizeMsg{Width: 100, Height: 10})
	return p
}

var twoAnettes = []graphclient.User{
	{ID: idLarsen, DisplayName: "Anette Larsen", UserPrincipalName: "anette.larsen@contoso.com", Mail: "anette.larsen@contoso.com"},
	{ID: idThomsen, DisplayName: "Anette Thomsen", UserPrincipalName: "anette.thomsen@contoso.com", Mail: "at@fabrikam.com"},
}

func TestPeoplePickerEnterPicksAndPops(t *testing.T) {
	p := pickerOf(testCommon(testT0), twoAnettes)
	if p.Title() != "Pick a person" || p.Capturing() || !claimsBack(p) {
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
	p, _ = p.Update(keyDown)
	_, cmd := p.Update(keyEnter)
	msgs := cmdMsgs(cmd)
	if len(msgs) != 2 {
		t.Fatalf("messages %#v", msgs)
	}
	if _, ok := msgs[0].(popMsg); !ok {
		t.Fatalf("first %#v, want popMsg before the answer", msgs[0])
	}
	m, _ := msgs[1].(personResolvedMsg)
	if m.reqID != 42 || m.ID != idThomsen || m.Display != "Anette Thomsen" || m.Err != nil {
		t.Fatalf("answer %+v", m)
	}
}

func TestPeoplePickerEscCancels(t *testing.T) {
	p := pickerOf(testCommon(testT0), twoAnettes)
	_, cmd := p.Update(keyEsc)
	msgs := cmdMsgs(cmd)
	if len(msgs) != 2 {
		t.Fatalf("messages %#v", msgs)
	}
	if m, _ := msgs[1].(personResolvedMsg); m.reqID != 42 || !errors.Is(m.Err, errPersonPickCancelled) || m.ID != "" {
		t.Fatalf("answer %+v", m)
	}
	// Other keys answer nothing.
	if _, cmd := p.Update(keyRune('z')); cmd != nil {
		t.Fatal("a stray key answered")
	}
}

func TestPeoplePickerSaysWhenTheListIsCut(t *testing.T) {
	var many []graphclient.User
	for i := range graphclient.MaxUserMatches {
		many = append(many, graphclient.User{ID: testID(i), DisplayName: "Anette " + itoa(int64(i))})
	}
	p := pickerOf(testCommon(testT0), many)
	if v := p.View(); !strings.Contains(v, "type more of the name") || strings.Contains(v, "Mail") {
		t.Fatalf("want the cut said, and no Mail column when no one's mail differs from the UPN:\n%s", v)
	}
	p, _ = p.Update(bodySizeMsg{Width: 0, Height: 0})
	if p.View() != "" {
		t.Fatal("zero size should draw nothing")
	}
}

// TestPeoplePickerThroughTheRoot: esc reaches the list (the root does not
// pop it silently), and its pop leaves the screen underneath on top.
func TestPeoplePickerThroughTheRoot(t *testing.T) {
	a := New(Options{Keys: testKeys(), Styles: DefaultStyles(), Now: func() time.Time { return testT0 }})
	a.Init()
	a.Update(tea.WindowSizeMsg{Width: 100, Height: 20})
	a.Update(pushMsg{s: newPeoplePicker(a.c, 5, twoAnettes)})
	_, cmd := a.Update(keyEsc)
	if a.top().Title() != "Pick a person" || cmd == nil {
		t.Fatal("esc must go to the pick list")
	}
	for _, m := range cmdMsgs(cmd) {
		a.Update(m)
	}
	if a.top().Title() != "Calls" {
		t.Fatalf("top %q after the pick list answered", a.top().Title())
	}
}

// TestPeopleRedacted: with --redact the names and UPNs a lookup brings
// back are masked before anything shows them; the ids still filter.
func TestPeopleRedacted(t *testing.T) {
	client, _ := peopleClient(t, false)
	c := testCommon(testT0)
	c.Client, c.Redact = client, true
	m := resolved(t, resolvePersonCmd(c, 1, "anette.thomsen@contoso.com"))
	if m.ID != idThomsen || m.Display != "A***** T******" {
		t.Fatalf("%+v", m)
	}
	m = resolved(t, resolvePersonCmd(c, 2, "anette"))
	if len(m.Candidates) != 2 || m.Candidates[0].ID != idLarsen || strings.Contains(m.Candidates[0].UserPrincipalName, "larsen") {
		t.Fatalf("%+v", m)
	}
	if m = resolved(t, resolvePersonCmd(c, 3, "+1 425 555 0100")); m.ID != "+14255550100" || strings.Contains(m.Display, "0100") {
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
	_, cmd := p.Update(keyEnter)
	if msgs := cmdMsgs(cmd); msgs[1].(personResolvedMsg).Display != "A***** L*****" || msgs[1].(personResolvedMsg).ID != idLarsen {
		t.Fatalf("%#v", msgs)
	}
}
