package calls

import (
	"strings"
	"testing"

	"github.com/callscope/callscope/ui/common"
	"github.com/callscope/callscope/ui/people"
	"github.com/callscope/callscope/ui/uitest"
)

// A filter applied in the form after ":user" asked Graph is the newer one:
// the lookup's late answer must not put the older filter back.
func TestFormFilterSupersedesAPromptLookup(t *testing.T) {
	client, _ := peopleClient(t, false)
	c := uitest.Common(uitest.Now)
	c.Client = client
	s := sized(c, Filter{})
	lookup, err := s.ApplyDirectives(uitest.Parsed(t, "user anette.thomsen@contoso.com"))
	if err != nil {
		t.Fatal(err)
	}
	formWith(s, "33333333-3333-4333-8333-333333333333")
	update(s, uitest.KeyEnter)
	if s.Capturing() || s.filter.Participant != "33333333-3333-4333-8333-333333333333" {
		t.Fatalf("form not applied: %+v", s.filter)
	}
	pending := s.Pending
	for _, m := range uitest.Messages(lookup) {
		update(s, m)
	}
	if s.filter.Participant != "33333333-3333-4333-8333-333333333333" || s.Pending != pending {
		t.Fatalf("the prompt's late answer replaced the form's filter: %+v", s.filter)
	}
	if st := s.Status(); st.Activity == "user anette.thomsen@contoso.com" {
		t.Fatal("the footer still waits for the superseded lookup")
	}
}

// An answer to a ":user" lookup that a later line replaced is dropped: only
// the newest line's person filters, with the newest line's range.
func TestPromptStalePersonAnswerIsDropped(t *testing.T) {
	c := uitest.Common(uitest.Now)
	s := New(c, Filter{})
	s.Update(common.BodySizeMsg{Width: 120, Height: 21})
	if _, err := s.ApplyDirectives(uitest.Parsed(t, "from -1h user anette")); err != nil {
		t.Fatal(err)
	}
	first := s.prompt.waiting
	if _, err := s.ApplyDirectives(uitest.Parsed(t, "user sile")); err != nil {
		t.Fatal(err)
	}
	s.Update(people.ResolvedMsg{RequestID: first, ID: uitest.AnetteThomsenID, Display: "Anette Thomsen"})
	if s.filter.Participant != "" {
		t.Fatalf("a superseded lookup set the filter: %+v", s.filter)
	}
	if !s.Status().Loading || !strings.Contains(s.Status().Activity, "sile") {
		t.Errorf("status while looking up: %+v", s.Status())
	}
	s.Update(people.ResolvedMsg{RequestID: s.prompt.waiting, ID: uitest.SileOBrienID, Display: "Síle O'Brien"})
	if s.filter.Participant != uitest.SileOBrienID || !s.filter.From.IsZero() {
		t.Fatalf("filter %+v (the second line had no from)", s.filter)
	}
	if !strings.Contains(s.Status().Filter, "participant Síle O'Brien") {
		t.Fatalf("filter words %q", s.Status().Filter)
	}
}
