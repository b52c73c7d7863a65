package table

import (
	"strings"
	"testing"

	"github.com/callscope/callscope/ui/common"
	"github.com/callscope/callscope/ui/uitest"
)

func TestRawViewWrapsAndKeepsAmpersands(t *testing.T) {
	v := map[string]string{"joinWebUrl": "https://teams.microsoft.com/l/meetup-join/19%3a?a=1&b=2&c=" + strings.Repeat("x", 80)}
	r := NewRawView(uitest.Keys(), "Decoded JSON · record", v, 40, 10)
	out := r.View(common.DefaultStyles())
	for _, want := range []string{"&b=2", "Decoded JSON · record"} {
		if !strings.Contains(out, want) {
			t.Errorf("view lacks %q:\n%s", want, out)
		}
	}
	for i, l := range strings.Split(out, "\n") {
		if w := len([]rune(l)); w > 40 {
			t.Errorf("line %d is %d wide: %q", i, w, l)
		}
	}
	if r.TotalLines() < 4 {
		t.Errorf("long line not wrapped: %d lines", r.TotalLines())
	}
}
