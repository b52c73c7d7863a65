package logs

import (
	"sort"
	"time"

	"github.com/callscope/callscope/model/triage"
	"github.com/callscope/callscope/ui/common"
)

// TrunkAlerts are the Direct Routing trunks whose calls in the loaded
// rows of the rule's last window (by invite time, else start) failed more
// often than the rule allows, worst first; none for PSTN, whose rows have
// no outcome.
func (s *List) TrunkAlerts(rule common.TrunkAlertRule, now time.Time) []common.TrunkAlert {
	dr, ok := s.feed.rep.(*directRouting)
	if !ok {
		return nil
	}
	n := int32(dr.Len())
	return trunkAlerts(rule, now, func(yield func(triage.Call, bool) bool) {
		for i := range n {
			if !yield(dr.Call(i), dr.Failed(i)) {
				return
			}
		}
	})
}

// trunkAlerts counts each trunk's calls and failures at or after
// now-rule.Window (a call in the future of now counts too: clocks differ)
// and keeps the trunks with at least rule.MinCalls calls of which more
// than rule.Rate failed. A call with no trunk or no time counts nowhere.
func trunkAlerts(rule common.TrunkAlertRule, now time.Time, calls func(yield func(triage.Call, bool) bool)) []common.TrunkAlert {
	since := now.Add(-rule.Window).UnixNano()
	type tally struct{ calls, failed int }
	per := map[string]*tally{}
	calls(func(c triage.Call, failed bool) bool {
		if c.Trunk == "" || c.At == 0 || c.At < since {
			return true
		}
		t := per[c.Trunk]
		if t == nil {
			t = &tally{}
			per[c.Trunk] = t
		}
		t.calls++
		if failed {
			t.failed++
		}
		return true
	})
	var out []common.TrunkAlert
	for trunk, t := range per {
		if t.calls < max(rule.MinCalls, 1) || float64(t.failed) <= rule.Rate*float64(t.calls) {
			continue
		}
		out = append(out, common.TrunkAlert{Trunk: trunk, Failed: t.failed, Calls: t.calls, Window: rule.Window})
	}
	sort.Slice(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if ra, rb := a.Failed*b.Calls, b.Failed*a.Calls; ra != rb {
			return ra > rb
		}
		return a.Trunk < b.Trunk
	})
	return out
}
