package calls

import (
	"testing"
	"time"

	"github.com/callscope/callscope/model/directive"
	"github.com/callscope/callscope/ui/common"
	"github.com/callscope/callscope/ui/uitest"
)

// A calls screen whose clock the test moves.
func movingScreen(now *time.Time, f Filter) *Screen {
	c := uitest.Common(uitest.T0)
	c.Now = func() time.Time { return *now }
	return sized(c, f)
}

// r reads "-2h" again at the clock's now, fetching anew; a fixed range
// and the default open range stay as they are.
func TestCallsReloadRereadsTheRangeWords(t *testing.T) {
	now := uitest.T0
	s := movingScreen(&now, Filter{})
	ds, err := directive.Parse("from -2h to now", now)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.ApplyDirectives(ds); err != nil {
		t.Fatal(err)
	}
	now = now.Add(90 * time.Minute)
	before := s.Pending
	if cmd := update(s, uitest.KeyRune('r')); cmd == nil || s.Pending == before {
		t.Fatal("r must fetch anew")
	}
	if q := s.query(); !q.From.Equal(now.Add(-2*time.Hour)) || !q.To.Equal(now) {
		t.Fatalf("query after r: %v – %v, want %v – %v", q.From, q.To, now.Add(-2*time.Hour), now)
	}

	fixed := Filter{From: uitest.T0.Add(-3 * time.Hour), To: uitest.T0.Add(-time.Hour)}
	s = movingScreen(&now, fixed)
	now = now.Add(time.Hour)
	update(s, uitest.KeyRune('r'))
	if s.filter.From != fixed.From || s.filter.To != fixed.To {
		t.Fatalf("a fixed range moved: %v – %v", s.filter.From, s.filter.To)
	}
	s = movingScreen(&now, Filter{})
	update(s, uitest.KeyRune('r'))
	if !s.filter.From.IsZero() || !s.filter.To.IsZero() {
		t.Fatalf("the open range got bounds: %v – %v", s.filter.From, s.filter.To)
	}
}

// The filter form shows the range as typed, so applying it again keeps
// it relative.
func TestCallsFilterFormKeepsTheRangeWords(t *testing.T) {
	now := uitest.T0
	s := movingScreen(&now, Filter{})
	update(s, uitest.KeyRune('F'))
	update(s, typeTextMsgs("-2h")...)
	update(s, uitest.KeyEnter)
	if s.filter.Range.From != "-2h" {
		t.Fatalf("range words %+v", s.filter.Range)
	}
	update(s, uitest.KeyRune('F'))
	if v := s.form.Values()[fieldFrom]; v != "-2h" {
		t.Fatalf("the form shows %q, want the words typed", v)
	}
}

// Session and TakeSession: what the list shows travels as words, a
// number as the participant, and the same session fetches nothing.
func TestCallsSessionRoundTrip(t *testing.T) {
	now := uitest.T0
	s := movingScreen(&now, Filter{})
	in := common.Session{Range: common.Range{From: "-6h"}, User: "+14255550100"}
	if _, err := s.TakeSession(in); err != nil {
		t.Fatal(err)
	}
	if s.filter.Participant != "+14255550100" || !s.filter.From.Equal(now.Add(-6*time.Hour)) {
		t.Fatalf("filter %+v", s.filter)
	}
	out := s.Session()
	if !out.Range.SameWords(in.Range) || out.User != in.User || out.Participant != "+14255550100" {
		t.Fatalf("session %+v", out)
	}
	before := s.Pending
	if cmd, err := s.TakeSession(out); cmd != nil || err != nil || s.Pending != before {
		t.Fatalf("the same session fetched again (%v)", err)
	}
	if _, err := s.TakeSession(common.Session{}); err != nil || s.filter.Participant != "" || !s.filter.From.IsZero() {
		t.Fatalf("an empty session must clear the filter: %+v, %v", s.filter, err)
	}
}
