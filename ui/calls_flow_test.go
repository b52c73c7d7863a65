package ui

import (
	"strings"
	"testing"
	"time"

	"github.com/callscope/callscope/graphclient"
	"github.com/callscope/callscope/graphclient/fakegraph"
	"github.com/callscope/callscope/ui/common"
	"github.com/callscope/callscope/ui/uitest"
	tea "github.com/charmbracelet/bubbletea"
)

// fakeClient serves a tenant of n records (makeRecords) from the fake
// Graph over real HTTP, with the service's clock frozen at uitest.T0.
func fakeClient(t *testing.T, n int) (*graphclient.Client, *fakegraph.Server) {
	tenant := fakegraph.NewTenant()
	for _, r := range uitest.MakeRecords(0, n) {
		tenant.AddRecord(r)
	}
	return uitest.FakeGraph(t, tenant, fakegraph.Options{Clock: func() time.Time { return uitest.T0 }}, graphclient.Options{})
}

// TestCallsFlow: the list loads its newest window, scrolling near the end
// fetches the next older one, and a filter applied from the form reloads
// the list; the final screen is a golden. Records start a minute apart from
// an hour before now: after the whole-range try, the 10-minute newest
// window is empty, the next (8× wider) holds 31, and the one after, sized
// for about 1.5 pages at that density, holds the other 119.
func TestCallsFlow(t *testing.T) {
	client, fake := fakeClient(t, 150)
	app := New(Options{Client: client, Keys: uitest.Keys(), Styles: common.DefaultStyles(),
		Now: func() time.Time { return uitest.T0 }, UTC: true})
	tm := uitest.NewFlow(t, app, 120, 30)

	tm.WaitView(t, "31 loaded · more")
	for range 45 {
		tm.Send(tea.KeyMsg{Type: tea.KeyDown})
	}
	tm.WaitView(t, "150 loaded · more")

	tm.Send(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{'F'}})
	tm.WaitView(t, "Filter call records")
	tm.Send(tea.KeyMsg{Type: tea.KeyCtrlU})
	tm.Type("-90m")
	tm.Send(tea.KeyMsg{Type: tea.KeyEnter})
	tm.WaitView(t, "all 31 loaded")
	// Result and Quality fill in in the background; the golden is the
	// list once every verdict is in.
	tm.WaitView(t, "quality of 31 calls")

	final := tm.Quit(t).(*App)
	out := final.View()
	if !strings.Contains(out, "from 2026-11-20 13:30 to now") {
		t.Errorf("header lacks the filter:\n%s", out)
	}
	if !strings.Contains(out, "Bartholomew Featherstone-Haugh ") {
		t.Errorf("a 30-cell organizer must show whole at 120 columns:\n%s", out)
	}
	var lists int
	for _, r := range fake.Requests() {
		if strings.Contains(r.Path, "/communications/callRecords") && !strings.Contains(r.Path, "/communications/callRecords/") {
			lists++
		}
	}
	if lists != 6 {
		t.Errorf("%d list requests, want 6 (the whole-range try, three windows and a second page, the filtered range in one)", lists)
	}
	uitest.Golden(t, "", out)
}
