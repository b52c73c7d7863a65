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

// TestCallsFlow: the list loads, scrolling past a page fetches the next
// one, and a filter applied from the form reloads the list; the final
// screen is a golden.
func TestCallsFlow(t *testing.T) {
	client, fake := fakeClient(t, 150)
	app := New(Options{Client: client, Keys: uitest.Keys(), Styles: common.DefaultStyles(),
		Now: func() time.Time { return uitest.T0 }, UTC: true})
	tm := uitest.NewFlow(t, app, 120, 30)

	tm.WaitView(t, "60 loaded · more")
	for range 45 {
		tm.Send(tea.KeyMsg{Type: tea.KeyDown})
	}
	tm.WaitView(t, "120 loaded · more")

	tm.Send(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{'/'}})
	tm.WaitView(t, "Filter call records")
	tm.Send(tea.KeyMsg{Type: tea.KeyCtrlU})
	tm.Type("-90m")
	tm.Send(tea.KeyMsg{Type: tea.KeyEnter})
	tm.WaitView(t, "all 31 loaded")

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
		if strings.Contains(r.Path, "/communications/callRecords") {
			lists++
		}
	}
	if lists != 3 {
		t.Errorf("%d list requests, want 3 (page 1, page 2, filtered page 1)", lists)
	}
	uitest.Golden(t, "", out)
}
