package common

import (
	"strings"
	"testing"
	"time"

	"github.com/callscope/callscope/graphclient"
)

func TestEventsForwardLimitWaits(t *testing.T) {
	ev := NewEvents()
	var o graphclient.Observer = ev
	lo, ok := o.(graphclient.LimitObserver)
	if !ok {
		t.Fatal("Events is not a graphclient.LimitObserver: the footer would never hear of limit waits")
	}
	lo.LimitWait(graphclient.LimitWaitEvent{Family: graphclient.FamilyLogs, Path: "/v1.0/x?sig=SEKRIT4", Wait: 3 * time.Second})
	msg, ok := ev.ListenLimit()().(LimitWaitMsg)
	if !ok || msg.Event.Family != graphclient.FamilyLogs || msg.Event.Wait != 3*time.Second || msg.Event.Done {
		t.Fatalf("got %#v", msg)
	}
	if strings.Contains(msg.Event.Path, "SEKRIT4") {
		t.Errorf("a secret query parameter reached the UI: %s", msg.Event.Path)
	}
	for range 100 { // a lagging UI never blocks a request
		lo.LimitWait(graphclient.LimitWaitEvent{Family: graphclient.FamilyList})
	}
	var nilEv *Events
	nilEv.LimitWait(graphclient.LimitWaitEvent{})
	if nilEv.ListenLimit() != nil {
		t.Error("a nil Events listens")
	}
}
