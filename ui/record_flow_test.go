package ui

import (
	"strings"
	"testing"
	"time"

	"github.com/callscope/callscope/graphclient/fakegraph"
	"github.com/callscope/callscope/ui/common"
	"github.com/callscope/callscope/ui/uitest"
)

// TestRecordFlow opens a record from the calls list of a tenant holding one
// record with two sessions, drills into a session, toggles raw JSON and
// comes back, at 120x40 against the fake over HTTP.
func TestRecordFlow(t *testing.T) {
	client, srv := uitest.FakeGraph(t, uitest.GroupCallTenant(0), fakegraph.Options{Clock: func() time.Time { return uitest.T0 }}, uitest.Retries)
	app := New(Options{Client: client, Keys: uitest.Keys(), Styles: common.DefaultStyles(), UTC: true,
		Now: func() time.Time { return uitest.T0 }, Copy: func(string) error { return nil }, ExportDir: t.TempDir()})
	tm := uitest.NewFlow(t, app, 120, 40)

	tm.WaitLoaded(t, "Anette Thomsen")
	tm.Send(uitest.KeyEnter)
	uitest.Golden(t, "flow-record", tm.WaitLoaded(t, "3 participants:"))
	afterOpen := len(srv.Requests())

	tm.Send(uitest.KeyEnter)
	tm.WaitLoaded(t, "Segment / stream")
	tm.Send(uitest.KeyDown)
	uitest.Golden(t, "flow-session", tm.WaitLoaded(t, "network jitter (averageAudioNetworkJitter) 43 ms"))

	tm.Send(uitest.KeyRune('v'))
	uitest.Golden(t, "flow-rawjson", tm.WaitLoaded(t, "Decoded JSON · segment 1 of session 1"))

	tm.Send(uitest.KeyEsc) // esc closes the raw view first
	tm.WaitLoaded(t, "Segment / stream")
	tm.Send(uitest.KeyEsc) // then the session screen
	v := tm.WaitLoaded(t, "Sessions (2)")
	uitest.ViewHas(t, v, "Calls › Call 3f2a9c1e…")
	if strings.Contains(v, "Session 1 ›") {
		t.Error("session screen still on the stack")
	}
	tm.Send(uitest.KeyEsc)
	tm.WaitLoaded(t, "Organizer")
	tm.Send(uitest.KeyEnter) // reopen: served from the cache
	tm.WaitLoaded(t, "Sessions (2)")
	if got := len(srv.Requests()); got != afterOpen {
		t.Errorf("reopening made %d requests", got-afterOpen)
	}

	tm.Quit(t)
}
