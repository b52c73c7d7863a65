package fakegraph

import (
	"fmt"
	"net/http"
	"testing"
	"time"

	"github.com/callscope/callscope/model"
)

// The first version comes 15 to 60 minutes after the call ends, the same
// for an id every time, most within the first third of that span.
func TestFirstVersionDelayBounds(t *testing.T) {
	early := 0
	const n = 2000
	for i := range n {
		id := fmt.Sprintf("rec-%d", i)
		d := firstVersionDelay(id)
		if d < 15*time.Minute || d > 60*time.Minute || d != firstVersionDelay(id) {
			t.Fatalf("%s: delay %v", id, d)
		}
		if d <= 30*time.Minute {
			early++
		}
	}
	if early < n*6/10 || early == n {
		t.Errorf("%d of %d within 30 minutes; want most, not all", early, n)
	}
}

// A demo record is absent from List and 404 on Get until its first
// version is written, then version 1 written at that moment, then its
// later version, all by Options.Clock.
func TestDemoRecordAppearsThenChanges(t *testing.T) {
	ten := demo()
	var e *recordEntry
	for _, r := range ten.Records() {
		if r.Version >= 2 && r.StartDateTime.After(testNow.Add(-20*24*time.Hour)) {
			e, _ = ten.entry(r.ID)
			break
		}
	}
	if e == nil {
		t.Fatal("no demo record with a second version")
	}
	h := e.head
	if d := e.published.Sub(h.EndDateTime.Time); d < 15*time.Minute || d > 60*time.Minute {
		t.Fatalf("first version %v after the call ended", d)
	}
	listed := func(now time.Time) (bool, model.CallRecord) {
		_, ts := serve(t, ten, Options{Clock: func() time.Time { return now }})
		f := "?$filter=startDateTime%20ge%20" + h.StartDateTime.Add(-time.Second).UTC().Format(time.RFC3339) +
			"%20and%20startDateTime%20lt%20" + h.StartDateTime.Add(time.Second).UTC().Format(time.RFC3339)
		found := false
		for _, r := range page[model.CallRecord](t, get(t, ts, "/communications/callRecords"+f)).Value {
			found = found || r.ID == h.ID
		}
		r := get(t, ts, "/communications/callRecords/"+h.ID)
		if !found || r.status != http.StatusOK {
			if found {
				t.Fatalf("listed at %v, yet Get says %d", now, r.status)
			}
			r.wantError(t, http.StatusNotFound, CodeNotFound)
			return false, model.CallRecord{}
		}
		return true, page[model.CallRecord](t, response{status: 200, body: []byte(`{"value":[` + string(r.want(t, 200).body) + `]}`)}).Value[0]
	}
	if ok, _ := listed(e.published.Add(-time.Second)); ok {
		t.Fatal("listed before its first version was written")
	}
	ok, v1 := listed(e.published)
	if !ok || v1.Version != 1 || !v1.LastModifiedDateTime.Equal(e.published.Truncate(100)) {
		t.Fatalf("at first version: listed %v, version %d, lastModified %v; want 1 at %v", ok, v1.Version, v1.LastModifiedDateTime.Time, e.published)
	}
	ok, last := listed(h.LastModifiedDateTime.Time)
	if !ok || last.Version != h.Version || !last.LastModifiedDateTime.Equal(h.LastModifiedDateTime.Truncate(100)) {
		t.Fatalf("later: version %d at %v; want %d at %v", last.Version, last.LastModifiedDateTime.Time, h.Version, h.LastModifiedDateTime.Time)
	}
}

// At the demo's own "now", most records of the last hours are listed: the
// delay hides only the calls of the last hour, and not all of those.
func TestDemoStillShowsRecentCalls(t *testing.T) {
	ten := demo()
	recent, listed := 0, 0
	for _, r := range ten.Records() {
		if r.EndDateTime.After(testNow.Add(-3*time.Hour)) && !r.EndDateTime.After(testNow) {
			recent++
			if e, _ := ten.entry(r.ID); !e.published.After(testNow) {
				listed++
			}
		}
	}
	if recent == 0 || listed*3 < recent*2 {
		t.Errorf("%d of %d calls of the last three hours listed; want most", listed, recent)
	}
	// Calls whose record is not written yet end within the hour.
	for _, r := range ten.Records() {
		if e, _ := ten.entry(r.ID); e.published.After(testNow) && r.EndDateTime.Before(testNow.Add(-time.Hour)) {
			t.Errorf("%s ended %v, yet its record is not written by %v", r.ID, r.EndDateTime.Time, testNow)
		}
	}
}
