package logs

import (
	"strconv"
	"strings"
	"testing"

	"github.com/callscope/callscope/model"
	"github.com/callscope/callscope/model/triage"
	"github.com/callscope/callscope/ui/common"
	"github.com/callscope/callscope/ui/uitest"
)

// a on a list narrowed at the prompt summarises the rows the list passes,
// not the whole range, and the summary's header names the filters; a
// group opened from it keeps them, so its rows are the group's count.
func TestSummaryHonoursTheListFilters(t *testing.T) {
	from, to := threeDays()
	s := openLog(t, logCommon(t), newDirectRouting(), from, to)
	var sample model.DirectRoutingRow
	for i := range s.feed.Len() {
		if r := drStore(s.feed).Row(int32(i)); !r.SuccessfulCall && r.FinalSIPCode >= 400 && r.TrunkFullyQualifiedDomainName != "" {
			sample = r
			break
		}
	}
	if sample.ID == "" {
		t.Fatal("no failed row with a trunk on the first page")
	}
	trunk, code := sample.TrunkFullyQualifiedDomainName, int(sample.FinalSIPCode)
	s, err := applyLine(t, s, "trunk "+trunk+" sip "+strconv.Itoa(code)+" failed")
	if err != nil {
		t.Fatal(err)
	}
	sum := openSummary(t, s)
	got, _ := settle(t, sum, sum.Init())
	sum = got.(*summary)

	b := triage.NewBuilder(from, to)
	all := demoRowsIn(from, to)
	for _, r := range all {
		if !r.SuccessfulCall && int(r.FinalSIPCode) == code && strings.EqualFold(r.TrunkFullyQualifiedDomainName, trunk) {
			b.Add(triage.CallFromRow(&r))
		}
	}
	want := b.Summary()
	d := drSum(sum)
	if sum.feed.Len() != len(all) || want.Calls == 0 || want.Calls == len(all) {
		t.Fatalf("loaded %d of %d rows; %d match: the test needs a narrowing filter", sum.feed.Len(), len(all), want.Calls)
	}
	if d.Calls != want.Calls || d.Failed != want.Failed || len(d.Codes) != len(want.Codes) || len(d.Trunks) != 1 {
		t.Fatalf("summary %d calls %d failed %d codes %d trunks, want %d/%d/%d/1", d.Calls, d.Failed, len(d.Codes), len(d.Trunks),
			want.Calls, want.Failed, len(want.Codes))
	}
	if f := sum.Status().Filter; !strings.Contains(f, "trunk "+trunk) || !strings.Contains(f, "SIP "+strconv.Itoa(code)) ||
		!strings.Contains(f, "failures only") {
		t.Fatalf("summary header %q does not name the filters", f)
	}
	_, root := press(t, sum, uitest.KeyEnter)
	v := root[0].(common.PushMsg).Screen.(*List)
	if v.tbl.Len() != d.Codes[0].Count {
		t.Fatalf("group view shows %d rows, want the group's %d", v.tbl.Len(), d.Codes[0].Count)
	}
}
