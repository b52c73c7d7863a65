package triage

import (
	"math/rand/v2"
	"testing"
	"time"
)

// benchCalls is a million calls shaped like a real tenant's month: a few
// trunks and signaling locations, mostly normal ends, a tail of failures.
func benchCalls(n int) []Call {
	r := rand.New(rand.NewPCG(7, 11))
	trunks := []string{"sbc1.contoso.com", "sbc2.contoso.com", "sbc-eu.contoso.com", "sbc-apac.contoso.com", "sbc-branch.contoso.com", ""}
	locs := []string{"USWE", "USEA", "EUNO", "EUWE", "APSE", "APEA"}
	outcomes := []struct {
		ok       bool
		sip, sub int32
		phrase   string
		weight   int
	}{
		{true, 0, 540000, "BYE", 780}, {true, 0, 560000, "BYE", 760}, {false, 487, 540487, "Request Terminated", 70},
		{false, 487, 560487, "Request Terminated", 55}, {false, 486, 560486, "Busy Here", 35}, {false, 480, 10037, "Temporarily Unavailable", 18},
		{false, 504, 569002, "Server Time-out", 12}, {false, 403, 510559, "Forbidden", 10}, {false, 404, 511404, "Not Found", 10},
		{false, 408, 500001, "Request Timeout", 8}, {false, 488, 531000, "Not Acceptable Here", 4}, {false, 503, 560503, "Service Unavailable", 4},
	}
	total := 0
	for _, o := range outcomes {
		total += o.weight
	}
	start := time.Date(2026, 10, 21, 0, 0, 0, 0, time.UTC).UnixNano()
	span := int64(30 * 24 * time.Hour)
	calls := make([]Call, n)
	for i := range calls {
		k := r.IntN(total)
		o := outcomes[0]
		for _, oc := range outcomes {
			if k -= oc.weight; k < 0 {
				o = oc
				break
			}
		}
		calls[i] = Call{At: start + r.Int64N(span), Successful: o.ok, SIPCode: o.sip, Subcode: o.sub, Phrase: o.phrase,
			Trunk: trunks[r.IntN(len(trunks))], Location: locs[r.IntN(len(locs))], MediaBypass: r.IntN(2) == 0}
	}
	return calls
}

// BenchmarkGroup groups a million calls over a 30-day range and builds
// the summary.
func BenchmarkGroup(b *testing.B) {
	calls := benchCalls(1_000_000)
	from := time.Date(2026, 10, 21, 0, 0, 0, 0, time.UTC)
	to := from.Add(30 * 24 * time.Hour)
	for b.Loop() {
		bl := NewBuilder(from, to)
		for _, c := range calls {
			bl.Add(c)
		}
		if s := bl.Summary(); s.Calls != len(calls) {
			b.Fatal("calls lost")
		}
	}
}
