package calls

import (
	"testing"
	"time"

	"github.com/callscope/callscope/graphclient"
	"github.com/callscope/callscope/graphclient/fakegraph"
	"github.com/callscope/callscope/ui/people"
	"github.com/callscope/callscope/ui/uitest"
	tea "github.com/charmbracelet/bubbletea"
)

// TestMain renders without colour, so views compare as plain text.
func TestMain(m *testing.M) { uitest.Main(m) }

// peopleClient serves uitest.PeopleTenant (two Anettes, an O'Brien, five
// call records) from the fake over HTTP; deny answers /users with 403.
func peopleClient(t *testing.T, deny bool) (*graphclient.Client, *fakegraph.Server) {
	t.Helper()
	return uitest.FakeGraph(t, uitest.PeopleTenant(), fakegraph.Options{DenyUsers: deny, Clock: func() time.Time { return uitest.T0 }},
		graphclient.Options{})
}

// resolved runs a person lookup and returns its one answer.
func resolved(t *testing.T, cmd tea.Cmd) people.ResolvedMsg {
	t.Helper()
	msgs := uitest.Messages(cmd)
	if len(msgs) != 1 {
		t.Fatalf("messages %#v", msgs)
	}
	m, ok := msgs[0].(people.ResolvedMsg)
	if !ok {
		t.Fatalf("message %#v", msgs[0])
	}
	return m
}
