package calls

import (
	"strings"
	"testing"

	"github.com/callscope/callscope/ui/common"
	"github.com/callscope/callscope/ui/timeline"
	"github.com/callscope/callscope/ui/uitest"
)

// TestTimelineKeyFollowsTheParticipant: p on a list filtered by a person
// asks for their timeline over the list's range; unfiltered it says how.
func TestTimelineKeyFollowsTheParticipant(t *testing.T) {
	c := uitest.Common(uitest.T0)
	s := New(c, Filter{})
	_, cmd := s.Update(uitest.KeyRune('p'))
	if f, ok := uitest.Messages(cmd)[0].(common.FlashMsg); !ok || !strings.Contains(f.Text, ":user") {
		t.Fatalf("unfiltered p: %#v", uitest.Messages(cmd))
	}
	s.filter.Participant = uitest.AnetteThomsenID
	s.prompt.whoID, s.prompt.who = uitest.AnetteThomsenID, "Anette Thomsen"
	_, cmd = s.Update(uitest.KeyRune('p'))
	open, ok := uitest.Messages(cmd)[0].(timeline.OpenMsg)
	if !ok || open.Subject.ID != uitest.AnetteThomsenID || open.Subject.Name != "Anette Thomsen" || open.Until.IsZero() {
		t.Fatalf("p: %#v", uitest.Messages(cmd))
	}
}
