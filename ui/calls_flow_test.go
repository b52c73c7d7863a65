package ui

import (
	"bytes"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/callscope/callscope/graphclient"
	"github.com/callscope/callscope/graphclient/fakegraph"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/exp/golden"
	"github.com/charmbracelet/x/exp/teatest"
)

// fakeClient serves a tenant of n records (makeRecords) from the fake
// Graph over real HTTP, with the service's clock frozen at testT0.
func fakeClient(t *testing.T, n int) (*graphclient.Client, *fakegraph.Server) {
	tenant := fakegraph.NewTenant()
	for _, r := range makeRecords(0, n) {
		tenant.AddRecord(r)
	}
	fake := fakegraph.New(tenant, fakegraph.Options{Clock: func() time.Time { return testT0 }})
	srv := httptest.NewServer(fake)
	t.Cleanup(srv.Close)
	c, err := graphclient.New(graphclient.Options{ServiceRoot: srv.URL + "/v1.0", Credential: graphclient.StaticToken("test")})
	if err != nil {
		t.Fatal(err)
	}
	return c, fake
}

func waitFor(t *testing.T, tm *teatest.TestModel, what string) {
	t.Helper()
	teatest.WaitFor(t, tm.Output(), func(b []byte) bool { return bytes.Contains(b, []byte(what)) },
		teatest.WithDuration(10*time.Second), teatest.WithCheckInterval(10*time.Millisecond))
}

// TestCallsFlow: the list loads, scrolling past a page fetches the next
// one, and a filter applied from the form reloads the list; the final
// screen is a golden.
func TestCallsFlow(t *testing.T) {
	client, fake := fakeClient(t, 150)
	app := New(Options{Client: client, Keys: testKeys(), Styles: DefaultStyles(),
		Now: func() time.Time { return testT0 }, UTC: true})
	tm := teatest.NewTestModel(t, app, teatest.WithInitialTermSize(120, 30))

	waitFor(t, tm, "60 loaded · more")
	for range 45 {
		tm.Send(tea.KeyMsg{Type: tea.KeyDown})
	}
	waitFor(t, tm, "120 loaded · more")

	tm.Send(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{'/'}})
	waitFor(t, tm, "Filter call records")
	tm.Send(tea.KeyMsg{Type: tea.KeyCtrlU})
	tm.Type("-90m")
	tm.Send(tea.KeyMsg{Type: tea.KeyEnter})
	waitFor(t, tm, "all 31 loaded")

	if err := tm.Quit(); err != nil {
		t.Fatal(err)
	}
	final := tm.FinalModel(t, teatest.WithFinalTimeout(5*time.Second)).(*App)
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
	golden.RequireEqual(t, []byte(out))
}
