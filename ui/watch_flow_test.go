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

// TestWatchFlow runs w in a real program against a fake Graph whose
// tenant grows between polls: the ticks are the runtime's, the interval
// is counted on the injected clock, which the test moves on.
func TestWatchFlow(t *testing.T) {
	clock := newMovingClock(uitest.Now)
	tenant := fakegraph.NewTenant()
	for i := range 3 {
		tenant.AddDirectRoutingRows(watchRow(i, clock.Now().Add(-time.Duration(40+i)*time.Minute), "sbc1.contoso.com", false))
	}
	client, fake := uitest.FakeGraph(t, tenant, fakegraph.Options{Clock: clock.Now}, graphclient.Options{MaxRetries: -1})
	app := New(Options{Client: client, Keys: uitest.Keys(), Styles: common.DefaultStyles(), UTC: true, Now: clock.Now,
		View: ViewDirect, Range: common.Range{From: "-2h"}})
	tm := uitest.NewFlow(t, app, 140, 30)

	tm.WaitLoaded(t, "Caller 0", "all 3 loaded")
	tm.Send(uitest.KeyRune('w'))
	tm.WaitView(t, "watching · next in 60 s")

	// Two polls, each bringing a row the tenant gained since the last.
	for i, caller := range []string{"Caller 50", "Caller 51"} {
		tenant.AddDirectRoutingRows(watchRow(50+i, clock.Now().Add(30*time.Second), "sbc1.contoso.com", false))
		clock.Add(time.Minute)
		v := tm.WaitView(t, caller, "+ ", "watching · next in 60 s")
		for _, l := range strings.Split(v, "\n") {
			if strings.HasPrefix(l, "+ ") && !strings.Contains(l, caller) {
				t.Errorf("poll %d marks a row it did not bring: %q", i+1, l)
			}
		}
	}
	final := tm.Quit(t).(*App)
	if v := final.View(); !strings.Contains(v, "all 5 loaded") {
		t.Errorf("after two polls:\n%s", v)
	}
	polls := 0
	for _, r := range fake.Requests() {
		if strings.Contains(r.Path, "getDirectRoutingCalls") {
			polls++
		}
	}
	if polls != 3 {
		t.Errorf("%d getDirectRoutingCalls requests, want 3: the first load and two polls", polls)
	}
}
