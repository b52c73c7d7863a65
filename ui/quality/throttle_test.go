package quality_test

import (
	"strings"
	"testing"
	"time"

	"github.com/callscope/callscope/model/quality/summary"
	"github.com/callscope/callscope/ui/quality"
	"github.com/callscope/callscope/ui/uitest"
	tea "github.com/charmbracelet/bubbletea"
)

// Records landing one message at a time: the first is read at once, the
// rest wait for the screen's tick and are read there in one go, so the
// figures are the hand-computed ones of all six calls (seed_test.go)
// after two reads, not one read per record.
func TestArrivalsAreReadAtMostOncePerTick(t *testing.T) {
	defer quality.SetRefreshEvery(time.Millisecond)()
	src, s := newSeeded(2)
	reads := quality.Reads(s)
	recs := seededRecords()

	src.sum.Add(&recs[2])
	_, tick := s.Update(struct{}{})
	if tick == nil || quality.Reads(s) != reads+1 {
		t.Fatalf("the first arrival: %d reads, tick %v; want one read at once and a tick", quality.Reads(s)-reads, tick != nil)
	}
	uitest.ViewHas(t, s.View(), "from 3 of 6 calls")
	for i := 3; i < 6; i++ {
		src.sum.Add(&recs[i])
		if _, cmd := s.Update(struct{}{}); cmd != nil {
			t.Errorf("arrival %d asked for another tick", i)
		}
	}
	if n := quality.Reads(s) - reads; n != 1 {
		t.Fatalf("four arrivals within the interval read the summary %d times, want 1", n)
	}
	uitest.ViewHas(t, s.View(), "from 3 of 6 calls") // still the first read's figures

	src.fetching = false
	_, again := s.Update(tick())
	if n := quality.Reads(s) - reads; n != 2 {
		t.Fatalf("after the tick %d reads, want 2", n)
	}
	v := s.View()
	uitest.ViewHas(t, v, "11 streams classified · 3 poor (27.3%) · 1 unclassified · of 6 calls")
	if got, want := lineOf(t, v, "wifi"), "› wifi 6 3 50.0% <100 3"; !strings.HasPrefix(got, want) {
		t.Errorf("wifi line %q, want it to start %q", got, want)
	}
	if got, want := lineOf(t, v, "wired"), "wired 11 3 27.3% <100 6"; !strings.HasPrefix(got, want) {
		t.Errorf("wired line %q, want it to start %q", got, want)
	}
	// The tick that read re-arms; with nothing new, the next reads nothing
	// and asks for no more.
	if again == nil {
		t.Fatal("the tick that read asked for no next tick")
	}
	if _, cmd := s.Update(again()); cmd != nil || quality.Reads(s)-reads != 2 {
		t.Errorf("a tick with nothing new: %d reads, tick %v", quality.Reads(s)-reads, cmd != nil)
	}
	// Another screen's tick is not this one's.
	src.sum.Add(&recs[0])
	other := quality.New(uitest.Common(uitest.T0), src)
	s.Update(struct{}{})
	_, otherTick := other.Update(struct{}{})
	if otherTick != nil {
		before := quality.Reads(s)
		s.Update(otherTick())
		if quality.Reads(s) != before {
			t.Error("a tick of another summary screen made this one read")
		}
	}
}

// A new summary (the list reloaded) is read at once, even within the
// interval, and its lines start at the top: call 0 alone is the Wi-Fi
// caller's poor stream and the wired callee's good one, both on the wifi
// line (2 streams, 1 poor, 50.0%, 1 call).
func TestNewSummaryIsReadAtOnce(t *testing.T) {
	src, s := newSeeded(6)
	recs := seededRecords()
	src.sum.Add(&recs[0]) // an arrival arms the tick
	if _, cmd := s.Update(struct{}{}); cmd == nil {
		t.Fatal("no tick after an arrival")
	}
	s.Update(uitest.KeyDown)
	src.sum = summary.New(summary.Options{From: uitest.T0.Add(-6 * time.Hour), To: uitest.T0})
	src.sum.Add(&recs[0])
	s.Update(struct{}{})
	v := s.View()
	uitest.ViewHas(t, v, "2 streams classified · 1 poor (50.0%) · from 1 of 6 calls")
	if got := lineOf(t, v, "wifi"); !strings.HasPrefix(got, "› wifi 2 1 50.0% <100 1") {
		t.Errorf("after the reload the wifi line is %q, want it first and current", got)
	}
}

// ← and → back to a dimension read nothing while no record arrives; after
// an arrival the cached lines are out of date and the next switch reads
// the new figures (subnet 10.41.17.0: the Wi-Fi caller's six streams).
func TestDimensionSwitchUsesTheCacheUntilRecordsArrive(t *testing.T) {
	defer quality.SetRefreshEvery(time.Millisecond)()
	src, s := newSeeded(2)
	right, left := tea.KeyMsg{Type: tea.KeyRight}, tea.KeyMsg{Type: tea.KeyLeft}
	s.Update(right) // Wi-Fi band: read once
	s.Update(left)
	reads := quality.Reads(s)
	for range 3 {
		s.Update(right)
		s.Update(left)
	}
	if n := quality.Reads(s) - reads; n != 0 {
		t.Fatalf("switching between two seen dimensions read the summary %d times, want 0", n)
	}
	s.Update(right)
	s.Update(right) // subnet: not seen yet
	uitest.ViewHas(t, s.View(), "[subnet]")
	if got := lineOf(t, s.View(), "10.41.17.0"); !strings.HasPrefix(got, "10.41.17.0 4 2 50.0%") {
		t.Errorf("subnet line after two calls %q", got)
	}
	s.Update(left) // Wi-Fi band, where the record lands
	recs := seededRecords()
	src.sum.Add(&recs[2])
	s.Update(struct{}{})
	reads = quality.Reads(s)
	s.Update(right) // back to subnet: its lines are of the older generation
	if quality.Reads(s) != reads+1 {
		t.Errorf("back to subnet after an arrival read %d times, want 1", quality.Reads(s)-reads)
	}
	if got := lineOf(t, s.View(), "10.41.17.0"); !strings.HasPrefix(got, "10.41.17.0 6 3 50.0%") {
		t.Errorf("subnet line after three calls %q", got)
	}
}
