package cli

import (
	"strings"
	"testing"
	"time"
	_ "time/tzdata" // Asia/Tokyo on any machine

	"github.com/callscope/callscope/graphclient/fakegraph"
	"github.com/callscope/callscope/model"
)

// useZone makes loc the machine's zone for the test: what TZ=… would do,
// without touching time.Local, which other goroutines read.
func useZone(t *testing.T, loc *time.Location) {
	t.Helper()
	old := localZone
	localZone = loc
	t.Cleanup(func() { localZone = old })
}

// tokyoMidnights are the starts of the Tokyo day at the two clocks, which
// differ only when the test runs across midnight there.
func tokyoMidnights(tokyo *time.Location, before, after time.Time) []string {
	var out []string
	for _, at := range []time.Time{before, after} {
		y, m, d := at.In(tokyo).Date()
		out = append(out, "fromDateTime="+model.FormatGraphTime(time.Date(y, m, d, 0, 0, 0, 0, tokyo)))
	}
	return out
}

// TZ=Asia/Tokyo callscope direct --from today: fromDateTime is Tokyo's
// midnight (15:00 UTC the day before), not UTC's.
func TestDirectFromTodayIsTheLocalDay(t *testing.T) {
	tokyo, err := time.LoadLocation("Asia/Tokyo")
	if err != nil {
		t.Fatal(err)
	}
	useZone(t, tokyo)
	f := startFake(t, testTenant(0, 4, time.Now()), fakegraph.Faults{}, nil)
	before := time.Now()
	r := runCLI(t, "direct", "--from", "today", "--graph-url", f.root, "--output", "jsonl")
	after := time.Now()
	if r.code != exitOK {
		t.Fatalf("exit %d, stderr %q", r.code, r.stderr)
	}
	want := tokyoMidnights(tokyo, before, after)
	if !strings.HasSuffix(want[0], "T15:00:00Z") {
		t.Fatalf("test error: Tokyo's midnight is %s", want[0])
	}
	if !sentAny(f, want) {
		t.Fatalf("no request from Tokyo's midnight (%s); sent %v", want[0], f.srv.Requests())
	}
}

// --utc (the explorer's) reads "today" as the UTC day whatever the zone;
// scripted commands and the explorer without it read the machine's day.
func TestFromTodayFollowsTheZoneChosen(t *testing.T) {
	useZone(t, time.FixedZone("UTC+9", 9*3600))
	now := time.Date(2026, 11, 20, 20, 0, 0, 0, time.UTC) // the 21st in UTC+9
	tests := []struct {
		args []string
		want time.Time
	}{
		{[]string{"direct", "--from", "today"}, time.Date(2026, 11, 20, 15, 0, 0, 0, time.UTC)},
		{[]string{"calls", "--from", "yesterday"}, time.Date(2026, 11, 19, 15, 0, 0, 0, time.UTC)},
		{[]string{"pstn", "--from", "2026-11-20"}, time.Date(2026, 11, 19, 15, 0, 0, 0, time.UTC)},
		{[]string{"--from", "today"}, time.Date(2026, 11, 20, 15, 0, 0, 0, time.UTC)},
		{[]string{"--utc", "--from", "today"}, time.Date(2026, 11, 20, 0, 0, 0, 0, time.UTC)},
	}
	for _, tt := range tests {
		_, o, err := parse(tt.args, now)
		if err != nil {
			t.Fatalf("%q: %v", tt.args, err)
		}
		var from time.Time
		switch o := o.(type) {
		case *directOptions:
			from = o.from
		case *pstnOptions:
			from = o.from
		case *callsOptions:
			from = o.from
		case *explorerOptions:
			from = o.from
			if rng := o.uiOptions(testKeys(), nil).Range; rng.From != "today" || rng.Loc != o.span.zone() {
				t.Errorf("%q: the explorer's range %+v, want the words and the zone", tt.args, rng)
			}
		default:
			t.Fatalf("%q: options %T", tt.args, o)
		}
		if !from.Equal(tt.want) {
			t.Errorf("%q: from %s, want %s", tt.args, from.Format(time.RFC3339), tt.want.Format(time.RFC3339))
		}
	}
}

// sentAny reports a request to the fake whose target holds any of parts.
func sentAny(f *fake, parts []string) bool {
	for _, req := range f.srv.Requests() {
		for _, p := range parts {
			if strings.Contains(req.Path, p) {
				return true
			}
		}
	}
	return false
}
