package people

import (
	"fmt"
	"strings"
	"testing"

	"github.com/callscope/callscope/graphclient"
	"github.com/callscope/callscope/graphclient/fakegraph"
	"github.com/callscope/callscope/ui/common"
	"github.com/callscope/callscope/ui/uitest"
)

// edgeCommon is a Common whose client reaches a fake directory holding
// the demo's hard UPNs (an apostrophe, a leading '$', a B2B guest) and 26
// people named Quinn, one more than a pick list holds.
func edgeCommon(t *testing.T) *common.Common {
	t.Helper()
	ten := uitest.PeopleTenant()
	for _, u := range fakegraph.DemoDirectoryEdgeUsers() {
		ten.AddUser(u)
	}
	for i := range graphclient.MaxUserMatches + 1 {
		ten.AddUser(fakegraph.User{ID: uitest.ID(100 + i), DisplayName: fmt.Sprintf("Quinn %02d", i), UserPrincipalName: fmt.Sprintf("quinn%02d@contoso.com", i)})
	}
	client, _ := uitest.FakeGraph(t, ten, fakegraph.Options{}, graphclient.Options{})
	c := uitest.Common(uitest.T0)
	c.Client = client
	return c
}

// TestResolveHardAddresses: the UPNs a path lookup breaks on, and a
// guest's home address, each resolve to their one person.
func TestResolveHardAddresses(t *testing.T) {
	c := edgeCommon(t)
	for text, want := range map[string]string{
		"o'brien@contoso.com":                                    "Siobhán O'Brien",
		"$servicedesk@contoso.com":                               "Dollar Service Desk",
		"jordan.guest@fabrikam.com":                              "Jordan Guest (Fabrikam)",
		"jordan.guest_fabrikam.com#EXT#@contoso.onmicrosoft.com": "Jordan Guest (Fabrikam)",
	} {
		m := resolved(t, Resolve(c, 5, text))
		if m.Err != nil || m.Display != want || m.ID == "" || m.Candidates != nil {
			t.Errorf("%s: %+v", text, m)
		}
	}
}

// TestResolveMoreThan25: a name 26 people fit answers an error in the
// words the field shows, and no candidates, so no list opens cut short.
func TestResolveMoreThan25(t *testing.T) {
	c := edgeCommon(t)
	m := resolved(t, Resolve(c, 6, "quinn"))
	if !graphclient.IsTooManyUsers(m.Err) || m.Candidates != nil || m.ID != "" || m.RequestID != 6 {
		t.Fatalf("%+v", m)
	}
	if txt := ErrorText(m.Err); txt != "more than 25 match; type more of the name" {
		t.Fatalf("%q", txt)
	}
}

// TestPickerFromANarrowedName: typing more of the name gives a list
// that holds every match; moving and enter pick the one wanted.
func TestPickerFromANarrowedName(t *testing.T) {
	c := edgeCommon(t)
	m := resolved(t, Resolve(c, 9, "Quinn 1"))
	if m.Err != nil || len(m.Candidates) != 10 {
		t.Fatalf("%+v", m)
	}
	p := NewPicker(c, m.RequestID, m.Candidates)
	p.Update(common.BodySizeMsg{Width: 100, Height: 14})
	if v := p.View(); !strings.Contains(v, "10 people match") || !strings.Contains(v, "Quinn 10") {
		t.Fatalf("view:\n%s", v)
	}
	p.Update(uitest.KeyDown)
	p.Update(uitest.KeyDown)
	_, cmd := p.Update(uitest.KeyEnter)
	msgs := uitest.Messages(cmd)
	if len(msgs) != 2 {
		t.Fatalf("messages %#v", msgs)
	}
	if a, _ := msgs[1].(ResolvedMsg); a.RequestID != 9 || a.Display != "Quinn 12" || a.ID != uitest.ID(112) {
		t.Fatalf("answer %+v", a)
	}
}
