package ui

import (
	"strings"
	"testing"
	"time"
	_ "time/tzdata" // Europe/Berlin on any machine

	"github.com/callscope/callscope/graphclient/fakegraph"
	"github.com/callscope/callscope/model"
	"github.com/callscope/callscope/ui/calls"
	"github.com/callscope/callscope/ui/uitest"
)

// movableClock makes a's clock read *now, so a test can let time pass.
func movableClock(a *App, now *time.Time) {
	a.c.Now = func() time.Time { return *now }
}

// sentSince reports a request since the fake was reset whose target holds part.
func sentSince(fake *fakegraph.Server, part string) bool {
	for _, r := range fake.Requests() {
		if strings.Contains(r.Path, part) {
			return true
		}
	}
	return false
}

// headerHas fails unless the header holds every part.
func headerHas(t *testing.T, a *App, what string, parts ...string) {
	t.Helper()
	h := a.headerView()
	for _, p := range parts {
		if !strings.Contains(h, p) {
			t.Fatalf("%s: header lacks %q: %s", what, p, h)
		}
	}
}

// In Berlin, ":from today" is Berlin's midnight (23:00 UTC the day
// before), not 01:00 local; with the UTC preference it is UTC's.
func TestPromptTodayIsTheDayInTheZoneShown(t *testing.T) {
	berlin, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		t.Fatal(err)
	}
	client, _ := cmdPeople(t, false)
	a, r := cmdApp(t, client, "")
	a.c.Prefs.UTC, a.c.Prefs.Local = false, berlin
	r.run("from today")
	cs := a.top().(*calls.Screen)
	if want := time.Date(2026, 11, 19, 23, 0, 0, 0, time.UTC); !cs.Filter().From.Equal(want) {
		t.Fatalf("local: from %v, want %v", cs.Filter().From, want)
	}
	headerHas(t, a, "local", "from 2026-11-20 00:00")
	r.run("utc")
	r.run("from today")
	if want := time.Date(2026, 11, 20, 0, 0, 0, 0, time.UTC); !cs.Filter().From.Equal(want) {
		t.Fatalf("after :utc: from %v, want %v", cs.Filter().From, want)
	}
	// The log views read the day the same way.
	a.c.Prefs.UTC = false
	r.run("direct from yesterday")
	headerHas(t, a, "direct, local", "2026-11-19 00:00 → 2026-11-20 15:30")
}

// r reads "-2h to now" again at the clock's now: a reload during an
// incident shows calls up to the current time.
func TestReloadMovesARelativeCallsRangeForward(t *testing.T) {
	client, fake := cmdPeople(t, false)
	a, r := cmdApp(t, client, "")
	now := uitest.Now
	movableClock(a, &now)
	r.run("from -2h to now")
	if q := lastCallsQuery(fake); !strings.Contains(q, "2026-11-20T12:30:00Z") || !strings.Contains(q, "2026-11-20T14:30:00Z") {
		t.Fatalf("first query %s", q)
	}
	now = now.Add(time.Hour)
	r.update(uitest.KeyRune('r'))
	cs := a.top().(*calls.Screen)
	if f := cs.Filter(); !f.From.Equal(now.Add(-2*time.Hour)) || !f.To.Equal(now) {
		t.Fatalf("after r an hour later: %v – %v, want %v – %v", f.From, f.To, now.Add(-2*time.Hour), now)
	}
	if q := lastCallsQuery(fake); !strings.Contains(q, "2026-11-20T13:30:00Z") || !strings.Contains(q, "2026-11-20T15:30:00Z") {
		t.Fatalf("query after r %s", q)
	}
	headerHas(t, a, "after r", "from 2026-11-20 13:30 to 2026-11-20 15:30")
	// A range of fixed times stays where it is.
	r.run("from 2026-11-20T10:00:00Z to 2026-11-20T11:00:00Z")
	now = now.Add(time.Hour)
	r.update(uitest.KeyRune('r'))
	if f := cs.Filter(); !f.From.Equal(time.Date(2026, 11, 20, 10, 0, 0, 0, time.UTC)) || !f.To.Equal(time.Date(2026, 11, 20, 11, 0, 0, 0, time.UTC)) {
		t.Fatalf("a fixed range moved: %v – %v", f.From, f.To)
	}
}

// r on the Direct Routing list reads the default last 24 hours, and a
// range given as "-2h", again at the clock's now.
func TestReloadMovesARelativeDirectRoutingRangeForward(t *testing.T) {
	client, fake := logFake(t, uitest.DemoTenant, fakegraph.Options{})
	a, r := appWith(t, Options{Client: client, View: ViewDirect})
	now := uitest.Now
	movableClock(a, &now)
	headerHas(t, a, "at start", "2026-11-19 14:30 → 2026-11-20 14:30")
	now = now.Add(time.Hour)
	fake.ResetRequests()
	r.update(uitest.KeyRune('r'))
	headerHas(t, a, "default range after r", "2026-11-19 15:30 → 2026-11-20 15:30")
	if from := "fromDateTime=" + model.FormatGraphTime(now.Add(-24*time.Hour)); !sentSince(fake, from) {
		t.Fatalf("no request %s after r: %v", from, fake.Requests())
	}
	r.run("from -2h")
	headerHas(t, a, ":from -2h", "2026-11-20 13:30 → 2026-11-20 15:30")
	now = now.Add(30 * time.Minute)
	r.update(uitest.KeyRune('r'))
	headerHas(t, a, "-2h after r", "2026-11-20 14:00 → 2026-11-20 16:00")
	// The range form keeps the words too: applied as shown, it stays relative.
	r.update(uitest.KeyRune('F'))
	r.update(uitest.KeyEnter)
	now = now.Add(30 * time.Minute)
	r.update(uitest.KeyRune('r'))
	headerHas(t, a, "form then r", "2026-11-20 14:30 → 2026-11-20 16:30")
}

// One range and one person for the session: set in calls, shown by
// Direct Routing and PSTN, and back in calls without a new lookup.
func TestRangeAndPersonFollowTheUserAcrossViews(t *testing.T) {
	client, fake := cmdPeople(t, false)
	a, r := cmdApp(t, client, "")
	r.run("from -2h user anette.thomsen@contoso.com")
	headerHas(t, a, "calls", "from 2026-11-20 12:30 to now", "participant Anette Thomsen")
	r.update(uitest.KeyRune('2'))
	if a.view != ViewDirect {
		t.Fatalf("view %d after 2", a.view)
	}
	headerHas(t, a, "direct", "2026-11-20 12:30 → 2026-11-20 14:30", "user anette.thomsen@contoso.com")
	r.update(uitest.KeyRune('3'))
	headerHas(t, a, "pstn", "2026-11-20 12:30 → 2026-11-20 14:30", "user anette.thomsen@contoso.com")
	fake.ResetRequests()
	r.update(uitest.KeyRune('1'))
	headerHas(t, a, "calls again", "from 2026-11-20 12:30 to now", "participant Anette Thomsen")
	if n := len(fake.Requests()); n != 0 {
		t.Fatalf("coming back to calls with the same range and person sent %d requests: %v", n, fake.Requests())
	}

	// Set in PSTN, taken by calls (a number is a participant id as it is)
	// and by Direct Routing, which had shown the earlier range.
	r.update(uitest.KeyRune('3'))
	r.run("from -6h user +14255550100")
	r.update(uitest.KeyRune('1'))
	cs := a.top().(*calls.Screen)
	if f := cs.Filter(); f.Participant != "+14255550100" || !f.From.Equal(uitest.Now.Add(-6*time.Hour)) {
		t.Fatalf("calls after PSTN: %+v", f)
	}
	r.update(uitest.KeyRune('2'))
	headerHas(t, a, "direct again", "2026-11-20 08:30 → 2026-11-20 14:30", "user +14255550100")

	// A range PSTN cannot take (90 days at most) is said, and PSTN keeps its own.
	r.run("from -100d")
	r.update(uitest.KeyRune('3'))
	if !r.flashed("not applied") {
		t.Fatalf("no word of the refused range: %q", r.flashes)
	}
	headerHas(t, a, "pstn after a refused range", "2026-11-20 08:30 → 2026-11-20 14:30")
}

// --from -2h at start is kept as words: every view shows it, and r moves it.
func TestStartRangeIsSharedAndReadAgain(t *testing.T) {
	client, fake := cmdPeople(t, false)
	a, r := appWith(t, Options{Client: client, Range: Range{From: "-2h"}})
	now := uitest.Now
	movableClock(a, &now)
	headerHas(t, a, "calls", "from 2026-11-20 12:30 to now")
	if q := lastCallsQuery(fake); !strings.Contains(q, "2026-11-20T12:30:00Z") {
		t.Fatalf("first query %s", q)
	}
	now = now.Add(time.Hour)
	r.update(uitest.KeyRune('r'))
	headerHas(t, a, "calls after r", "from 2026-11-20 13:30 to now")
	r.update(uitest.KeyRune('2'))
	headerHas(t, a, "direct opened later", "2026-11-20 13:30 → 2026-11-20 15:30")
}
