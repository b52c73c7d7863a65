package cli

import (
	"strings"
	"testing"
	"time"

	"github.com/callscope/callscope/graphclient"
)

// A long wait on callscope's own pacing is said once per family a while;
// short waits and ends of waits are not; the observers list passes waits
// on to the members that listen for them.
func TestLimitWaitsAreSaidOnStderrSparingly(t *testing.T) {
	var errb strings.Builder
	clock := time.Date(2026, 12, 6, 10, 0, 0, 0, time.UTC)
	so := &stderrObserver{w: &errb, now: func() time.Time { return clock }}
	var obs graphclient.Observer = observers{so}
	lo, ok := obs.(graphclient.LimitObserver)
	if !ok {
		t.Fatal("observers does not pass limit waits on")
	}
	logs := graphclient.LimitWaitEvent{Family: graphclient.FamilyLogs, Wait: 3 * time.Second}
	lo.LimitWait(graphclient.LimitWaitEvent{Family: graphclient.FamilyLogs, Wait: 200 * time.Millisecond})
	lo.LimitWait(logs)
	lo.LimitWait(graphclient.LimitWaitEvent{Family: graphclient.FamilyLogs, Wait: 3 * time.Second, Done: true})
	clock = clock.Add(10 * time.Second)
	lo.LimitWait(logs) // too soon after the first
	lo.LimitWait(graphclient.LimitWaitEvent{Family: graphclient.FamilyList, Wait: 2 * time.Second})
	clock = clock.Add(limitLineEvery)
	lo.LimitWait(logs)
	got := lines(errb.String())
	want := []string{
		"callscope: waiting 3s on Graph's rate limit for log functions (callscope keeps 10% under Microsoft's documented limits)",
		"callscope: waiting 2s on Graph's rate limit for call list (callscope keeps 10% under Microsoft's documented limits)",
		"callscope: waiting 3s on Graph's rate limit for log functions (callscope keeps 10% under Microsoft's documented limits)",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("stderr:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}
