package ui

import (
	"strings"
	"testing"
	"time"

	"github.com/callscope/callscope/graphclient"
	"github.com/callscope/callscope/graphclient/fakegraph"
	"github.com/callscope/callscope/ui/common"
	"github.com/callscope/callscope/ui/uitest"
)

// The footer says while requests wait on callscope's own pacing, per
// family, until the last of them has gone.
func TestAppSaysWhileRequestsWaitOnTheLimit(t *testing.T) {
	a := newTestApp(t)
	logs := graphclient.LimitWaitEvent{Family: graphclient.FamilyLogs, Wait: 3 * time.Second}
	a.Update(common.LimitWaitMsg{Event: logs})
	a.Update(common.LimitWaitMsg{Event: logs})
	a.Update(common.LimitWaitMsg{Event: graphclient.LimitWaitEvent{Family: graphclient.FamilyList, Wait: 300 * time.Millisecond}})
	if v := a.View(); !strings.Contains(v, "waiting on Graph's rate limit (call list, log functions 3s)") {
		t.Fatalf("no limit notice:\n%s", v)
	}
	a.Update(common.LimitWaitMsg{Event: graphclient.LimitWaitEvent{Family: graphclient.FamilyList, Done: true}})
	logs.Done = true
	a.Update(common.LimitWaitMsg{Event: logs})
	if v := a.View(); !strings.Contains(v, "waiting on Graph's rate limit (log functions 3s)") {
		t.Fatalf("one log request still waits:\n%s", v)
	}
	a.Update(common.LimitWaitMsg{Event: logs})
	if v := a.View(); strings.Contains(v, "rate limit") {
		t.Fatalf("the notice outlived the waits:\n%s", v)
	}
}

// A wait whose end never arrived is not said for ever.
func TestLimitWaitWithALostEndFades(t *testing.T) {
	var l limitWaits
	l.note(graphclient.LimitWaitEvent{Family: graphclient.FamilyRecord, Wait: time.Second}, uitest.T0)
	if got := l.text(uitest.T0); got != "waiting on Graph's rate limit (call records 1s)" {
		t.Fatalf("text %q", got)
	}
	if got := l.text(uitest.T0.Add(time.Second + limitWaitGrace + time.Millisecond)); got != "" {
		t.Fatalf("a wait long past its end is still said: %q", got)
	}
}

// Against the fake, with the list paced at one request per few seconds, the
// calls screen's second request waits on the limit and the footer says so.
func TestCallsLoadSaysItWaitsOnTheLimit(t *testing.T) {
	tenant := fakegraph.NewTenant()
	for _, r := range uitest.MakeRecords(0, 150) {
		tenant.AddRecord(r)
	}
	events := common.NewEvents()
	client, _ := uitest.FakeGraph(t, tenant, fakegraph.Options{Clock: func() time.Time { return uitest.T0 }},
		graphclient.Options{Observer: events, Limits: graphclient.Limits{List: graphclient.Window{Requests: 1, Per: 4 * time.Second}}})
	app := New(Options{Client: client, Keys: uitest.Keys(), Styles: common.DefaultStyles(), Events: events,
		Now: func() time.Time { return uitest.T0 }, UTC: true})
	tm := uitest.NewFlow(t, app, 120, 30)
	tm.WaitView(t, "waiting on Graph's rate limit (call list")
	tm.Quit(t)
}
