package logs

import (
	"strings"
	"testing"

	"github.com/callscope/callscope/ui/common"
	"github.com/callscope/callscope/ui/uitest"
)

// At 80 columns the Direct Routing list keeps time, result, SIP code,
// subcode and a trunk name that tells the trunks apart: the domain they
// all share goes, not their last letters.
func TestDirectListAt80Columns(t *testing.T) {
	from, to := threeDays()
	s := openLog(t, logCommon(t), newDirectRouting(), from, to)
	s.Update(common.BodySizeMsg{Width: 80, Height: 24})
	v := s.View()
	lines := strings.Split(v, "\n")
	header := lines[0]
	for _, title := range []string{"Start", "Result", "SIP", "Sub", "Trunk"} {
		if !strings.Contains(header, title) {
			t.Fatalf("header %q has no %s column", header, title)
		}
	}
	viewHas(t, v, "FAILED", "OK", " sbc2 ", " sbc-branch ")
	if strings.Contains(v, "contoso.com") || strings.Contains(v, "sb…") {
		t.Fatalf("trunks cut rather than shortened:\n%s", v)
	}
	uitest.Golden(t, "direct-80-columns", v)
}
