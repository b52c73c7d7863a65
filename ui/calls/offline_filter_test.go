package calls

import (
	"strings"
	"testing"

	"github.com/callscope/callscope/ui/uitest"
)

// Offline, the store keeps calls past Graph's 30 days, so a range that
// starts before them is not warned about, in the form or from the prompt.
func TestOfflineFilterDoesNotWarnPastRetention(t *testing.T) {
	c := uitest.Common(uitest.T0)
	c.Offline = true
	s := sized(c, Filter{})
	update(s, uitest.KeyRune('F'))
	if !strings.Contains(s.View(), "empty: the oldest stored") {
		t.Fatalf("the offline form does not say an empty From reads the oldest stored call:\n%s", s.View())
	}
	update(s, typeTextMsgs("-45d")...)
	if strings.Contains(s.View(), "Graph keeps call records for 30 days") {
		t.Fatalf("offline form warns about Graph's retention:\n%s", s.View())
	}
	if _, err := s.applyFilter(Filter{From: uitest.T0.AddDate(0, 0, -45)}, ""); err != nil {
		t.Fatal(err)
	}
	if checkFilterWarns(t, true) || !checkFilterWarns(t, false) {
		t.Fatal("checkFilter warns past 30 days online only")
	}
}

func checkFilterWarns(t *testing.T, offline bool) bool {
	t.Helper()
	_, _, warns := checkFilter([]string{"-45d", "", ""}, uitest.T0, offline)
	return warns[fieldFrom] != ""
}
