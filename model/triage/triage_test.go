package triage

import (
	"encoding/json"
	"math"
	"slices"
	"testing"
	"time"

	"github.com/callscope/callscope/model"
	"github.com/callscope/callscope/model/sip"
)

var (
	tFrom = time.Date(2026, 11, 20, 10, 0, 0, 0, time.UTC)
	tTo   = tFrom.Add(4 * time.Hour)
)

func at(h, m, s int) int64 {
	return time.Date(2026, 11, 20, h, m, s, 0, time.UTC).UnixNano()
}

// handSet is small enough to count by hand; the expectations below are
// derived in the comments, not from the code under test.
func handSet() []Call {
	return []Call{
		{At: at(10, 5, 0), Successful: true, SIPCode: 0, Subcode: 540000, Phrase: "BYE", Trunk: "a.example", Location: "EUNO"},
		{At: at(10, 10, 0), SIPCode: 504, Subcode: 569002, Phrase: "Server Time-out", Trunk: "a.example", Location: "EUNO"},
		{At: at(11, 30, 0), SIPCode: 504, Subcode: 569002, Phrase: "Server Time-out; TLS", Trunk: "a.example", Location: "EUWE"},
		{At: at(11, 45, 0), SIPCode: 486, Subcode: 560486, Phrase: "Busy Here", Trunk: "b.example", Location: "EUWE"},
		{At: at(12, 0, 0), SIPCode: 403, Subcode: 510559, Phrase: "Forbidden", Trunk: "", Location: "EUWE"},
		{At: at(13, 59, 59), Successful: true, SIPCode: 0, Subcode: 560000, Phrase: "BYE", Trunk: "b.example", Location: "EUNO"},
		// An invite just before the range clamps into the first bucket.
		{At: at(9, 59, 30), SIPCode: 504, Subcode: 569002, Phrase: "Server Time-out", Trunk: "a.example", Location: "EUNO"},
		// No time at all: counted, in no bucket, no first/last.
		{At: 0, SIPCode: 487, Subcode: 540487, Phrase: "Request Terminated", Trunk: "c.example", Location: ""},
	}
}

func build(calls []Call) *Summary {
	b := NewBuilder(tFrom, tTo)
	for _, c := range calls {
		b.Add(c)
	}
	return b.Summary()
}

func TestSummaryTotals(t *testing.T) {
	s := build(handSet())
	if s.Calls != 8 || s.Failed != 6 {
		t.Fatalf("calls/failed = %d/%d, want 8/6", s.Calls, s.Failed)
	}
	// answered 2; delivered adds the busy callee (560486) = 3; the caller
	// abandon (540487) is in neither side of NER.
	if s.Tally.Answered != 2 || s.Tally.UserBusy != 1 || s.Tally.Delivered != 3 || s.Tally.Failures != 4 ||
		s.Tally.Abandoned != 1 {
		t.Fatalf("tally = %+v", s.Tally)
	}
	// ASR = 2 answered / 8 attempts; NER = 3 delivered / (8 − 1 abandon).
	if s.ASR != 0.25 || math.Abs(s.NER-3.0/7) > 1e-12 || !s.SmallSample {
		t.Fatalf("ASR/NER/small = %v/%v/%v, want 0.25/(3/7)/true", s.ASR, s.NER, s.SmallSample)
	}
	if s.BucketSize != time.Hour || !s.BucketStart.Equal(tFrom) {
		t.Fatalf("buckets start %v size %v", s.BucketStart, s.BucketSize)
	}
	if want := []int32{2, 2, 1, 0}; !slices.Equal(s.Hourly, want) {
		t.Fatalf("hourly = %v, want %v", s.Hourly, want)
	}
}

func TestSummaryCodeGroups(t *testing.T) {
	s := build(handSet())
	if len(s.Codes) != 4 {
		t.Fatalf("%d code groups, want 4: %+v", len(s.Codes), s.Codes)
	}
	g := s.Codes[0]
	if g.SIPCode != 504 || g.Subcode != 569002 || g.Count != 3 || g.Share != 0.5 {
		t.Fatalf("top group = %d/%d ×%d share %v", g.SIPCode, g.Subcode, g.Count, g.Share)
	}
	if g.Phrase != "Server Time-out" {
		t.Errorf("phrase = %q, want the first seen", g.Phrase)
	}
	if !g.First.Equal(time.Unix(0, at(9, 59, 30))) || !g.Last.Equal(time.Unix(0, at(11, 30, 0))) {
		t.Errorf("first/last = %v/%v", g.First, g.Last)
	}
	if g.Trunks != 1 || len(g.TopTrunks) != 1 || g.TopTrunks[0] != (NamedCount{"a.example", 3}) {
		t.Errorf("trunks = %d %+v", g.Trunks, g.TopTrunks)
	}
	if g.FinalResponseFrom != string(sip.ResponderMicrosoft) || g.Diagnosis == "" || g.NextStep == "" || g.Outcome != sip.Failure {
		t.Errorf("explanation = %q %q %q %v", g.FinalResponseFrom, g.Diagnosis, g.NextStep, g.Outcome)
	}
	// Ties (count 1) order by SIP code then subcode.
	var order [][2]int
	for _, c := range s.Codes[1:] {
		order = append(order, [2]int{c.SIPCode, c.Subcode})
	}
	if want := [][2]int{{403, 510559}, {486, 560486}, {487, 540487}}; !slices.Equal(order, want) {
		t.Errorf("order = %v, want %v", order, want)
	}
	if g.FinalResponseFrom != string(sip.ResponderMicrosoft) || g.Kind != string(sip.EndFailure) || g.LookAt == "" {
		t.Errorf("504 group: final response %q, kind %q, look at %q", g.FinalResponseFrom, g.Kind, g.LookAt)
	}
	busy := s.Codes[2]
	if busy.Outcome != sip.UserBusy || busy.OutcomeName != "user busy" {
		t.Errorf("busy group = %v %q", busy.Outcome, busy.OutcomeName)
	}
	// The SBC sent the busy, but a busy callee is nothing to fix.
	if busy.FinalResponseFrom != string(sip.ResponderSBC) || busy.Kind != string(sip.EndUserOutcome) || busy.LookAt != "" {
		t.Errorf("busy group: final response %q, kind %q, look at %q", busy.FinalResponseFrom, busy.Kind, busy.LookAt)
	}
	if abandon := s.Codes[3]; abandon.FinalResponseFrom != string(sip.ResponderDisputed) ||
		abandon.Kind != string(sip.EndUserOutcome) || abandon.LookAt != "" {
		t.Errorf("abandon group: final response %q, kind %q, look at %q", abandon.FinalResponseFrom, abandon.Kind, abandon.LookAt)
	}
	if abandon := s.Codes[3]; !abandon.First.IsZero() || !abandon.Last.IsZero() {
		t.Errorf("timeless group has first/last %v/%v", abandon.First, abandon.Last)
	}
}

func TestSummaryTrunks(t *testing.T) {
	s := build(handSet())
	var names []string
	for _, tr := range s.Trunks {
		names = append(names, tr.Trunk)
	}
	// By network failures: a has 3, "" 1 (no voice route); b (busy) and c
	// (caller abandon) none, b with more calls.
	if want := []string{"a.example", "", "b.example", "c.example"}; !slices.Equal(names, want) {
		t.Fatalf("trunk order = %q, want %q", names, want)
	}
	a, b := s.Trunks[0], s.Trunks[2]
	if a.Tally.Attempts != 4 || a.Failed != 3 || a.ASR != 0.25 || a.NER != 0.25 || !a.SmallSample {
		t.Errorf("a = %+v", a)
	}
	if want := []int32{2, 1, 0, 0}; !slices.Equal(a.Hourly, want) {
		t.Errorf("a hourly = %v, want %v", a.Hourly, want)
	}
	if b.Tally.Attempts != 2 || b.Failed != 1 || b.Tally.Failures != 0 || b.ASR != 0.5 || b.NER != 1 {
		t.Errorf("b = %+v", b)
	}
	if !b.First.Equal(time.Unix(0, at(11, 45, 0))) || !b.Last.Equal(time.Unix(0, at(13, 59, 59))) {
		t.Errorf("b first/last = %v/%v", b.First, b.Last)
	}
	// Only a caller abandon: NER has nothing to count (NERBase 0).
	if c := s.Trunks[3]; c.NER != 0 || c.Tally.NERBase() != 0 || c.ASR != 0 || slices.Max(c.Hourly) != 0 {
		t.Errorf("c (caller abandon, no time) = %+v", c)
	}
}

func TestSummaryLocations(t *testing.T) {
	s := build(handSet())
	if len(s.Locations) != 3 {
		t.Fatalf("locations = %+v", s.Locations)
	}
	w, n, none := s.Locations[0], s.Locations[1], s.Locations[2]
	if w.Location != "EUWE" || w.Failed != 3 || w.Share != 0.5 || w.FailRate != 1 {
		t.Errorf("EUWE = %+v", w)
	}
	if n.Location != "EUNO" || n.Failed != 2 || n.Tally.Attempts != 4 || n.FailRate != 0.5 || math.Abs(n.Share-2.0/6) > 1e-12 {
		t.Errorf("EUNO = %+v", n)
	}
	if none.Location != "" || none.Failed != 1 {
		t.Errorf("no location = %+v", none)
	}
}

func TestSummaryIsASnapshot(t *testing.T) {
	b := NewBuilder(tFrom, tTo)
	calls := handSet()
	b.Add(calls[1])
	s := b.Summary()
	b.Add(calls[2])
	if s.Calls != 1 || s.Hourly[1] != 0 || s.Trunks[0].Hourly[1] != 0 {
		t.Fatalf("summary changed after Add: %+v", s)
	}
	if b.Len() != 2 {
		t.Fatalf("Len = %d", b.Len())
	}
}

func TestBypassMajorityPicksExplanation(t *testing.T) {
	b := NewBuilder(tFrom, tTo)
	for _, bypass := range []bool{true, true, false} {
		b.Add(Call{At: at(10, 0, 0), SIPCode: 488, Subcode: 531027, Trunk: "x", MediaBypass: bypass})
	}
	got := b.Summary().Codes[0]
	want := sip.Explain(488, 531027, true)
	if got.Diagnosis != want.Diagnosis || got.NextStep != want.NextStep {
		t.Fatalf("diagnosis = %q, want the bypass one %q", got.Diagnosis, want.Diagnosis)
	}
}

// TestPhraseSplitsGroups: two 569002 rows whose phrases name different
// causes on Microsoft's 504 page are two groups with two diagnoses; two
// phrases with the same cause stay one group.
func TestPhraseSplitsGroups(t *testing.T) {
	const (
		refused = "Unable to deliver INVITE: No connection could be made because the target machine actively refused it"
		notConn = "Unable to deliver INVITE: TlsTransport is not connected, State=Disconnected"
		context = "Unable to deliver INVITE: TLS decryption failed; HRESULT=590615"
	)
	b := NewBuilder(tFrom, tTo)
	for _, c := range []Call{
		{At: at(10, 0, 0), SIPCode: 504, Subcode: 569002, Phrase: refused, Trunk: "x"},
		{At: at(10, 1, 0), SIPCode: 504, Subcode: 569002, Phrase: refused, Trunk: "x"},
		{At: at(10, 2, 0), SIPCode: 504, Subcode: 569002, Phrase: context, Trunk: "x"},
		{At: at(10, 3, 0), SIPCode: 504, Subcode: 549002, Phrase: notConn, Trunk: "x"},
		{At: at(10, 4, 0), SIPCode: 403, Subcode: 510559, Phrase: "Forbidden", Trunk: "x"},
		{At: at(10, 5, 0), SIPCode: 403, Subcode: 510559, Phrase: "Forbidden; other words", Trunk: "x"},
	} {
		b.Add(c)
	}
	s := b.Summary()
	if len(s.Codes) != 4 {
		t.Fatalf("%d groups, want 4 (refused, TLS context, 549002, 510559): %+v", len(s.Codes), s.Codes)
	}
	var reach, ctx *CodeGroup
	for i := range s.Codes {
		switch s.Codes[i].Phrase {
		case refused:
			reach = &s.Codes[i]
		case context:
			ctx = &s.Codes[i]
		}
	}
	if reach == nil || ctx == nil || reach.Count != 2 || ctx.Count != 1 {
		t.Fatalf("groups = %+v", s.Codes)
	}
	if reach.Diagnosis == ctx.Diagnosis || reach.LookAt != string(sip.PlaceSBCReachability) ||
		ctx.LookAt != string(sip.PlaceSBCVendor) {
		t.Errorf("refused: %q at %q; TLS context: %q at %q", reach.Diagnosis, reach.LookAt, ctx.Diagnosis, ctx.LookAt)
	}
	if want := sip.ExplainPhrase(504, 569002, context, false); ctx.Diagnosis != want.Diagnosis {
		t.Errorf("TLS context group diagnosis %q, want %q", ctx.Diagnosis, want.Diagnosis)
	}
}

func TestBuckets(t *testing.T) {
	cases := []struct {
		name     string
		from, to time.Time
		n        int
		size     time.Duration
	}{
		{"hourly, unaligned start", tFrom.Add(30 * time.Minute), tFrom.Add(3 * time.Hour), 3, time.Hour},
		{"exact day", tFrom, tFrom.Add(24 * time.Hour), 24, time.Hour},
		{"92 days still hourly", tFrom, tFrom.Add(MaxBuckets * time.Hour), MaxBuckets, time.Hour},
		{"100 days in 2h", tFrom, tFrom.Add(100 * 24 * time.Hour), 1200, 2 * time.Hour},
		{"inverted", tTo, tFrom, 0, 0},
		{"zero", time.Time{}, tTo, 0, 0},
	}
	for _, c := range cases {
		bk := newBuckets(c.from, c.to)
		if bk.n != c.n || time.Duration(bk.size) != c.size {
			t.Errorf("%s: n=%d size=%v, want %d %v", c.name, bk.n, time.Duration(bk.size), c.n, c.size)
		}
	}
	bk := newBuckets(tFrom, tTo)
	for _, c := range []struct {
		at   int64
		want int
	}{{0, -1}, {at(8, 0, 0), 0}, {at(10, 59, 59), 0}, {at(11, 0, 0), 1}, {at(13, 59, 59), 3}, {at(15, 0, 0), 3}} {
		if got := bk.index(c.at); got != c.want {
			t.Errorf("index(%v) = %d, want %d", time.Unix(0, c.at).UTC(), got, c.want)
		}
	}
	if got := (buckets{}).index(at(10, 0, 0)); got != -1 {
		t.Errorf("no buckets: index = %d", got)
	}
}

func TestCallFromRow(t *testing.T) {
	start := time.Unix(0, at(10, 0, 5)).UTC()
	r := model.DirectRoutingRow{StartDateTime: model.NewTime(start), FinalSIPCode: 403, CallEndSubReason: 560403,
		FinalSIPCodePhrase: "Forbidden", TrunkFullyQualifiedDomainName: "sbc", SignalingLocation: "EUNO", MediaBypassEnabled: true}
	c := CallFromRow(&r)
	if c.At != start.UnixNano() || c.SIPCode != 403 || c.Subcode != 560403 || c.Trunk != "sbc" || c.Location != "EUNO" || !c.MediaBypass || c.Successful {
		t.Fatalf("no invite: %+v", c)
	}
	inv := start.Add(-2 * time.Second)
	r.InviteDateTime = model.NewTime(inv)
	if c := CallFromRow(&r); c.At != inv.UnixNano() {
		t.Fatalf("invite not preferred: %v", c.At)
	}
	if c := CallFromRow(&model.DirectRoutingRow{}); c.At != 0 {
		t.Fatalf("no times: At = %d", c.At)
	}
}

func TestSummaryJSON(t *testing.T) {
	b, err := json.Marshal(build(handSet()))
	if err != nil {
		t.Fatal(err)
	}
	var back struct {
		Codes []struct {
			SIPCode           int     `json:"sipCode"`
			Outcome           string  `json:"outcome"`
			Diagnosis         string  `json:"diagnosis"`
			FinalResponseFrom string  `json:"finalResponseFrom"`
			Kind              string  `json:"kind"`
			LookAt            *string `json:"lookAt"`
		} `json:"codes"`
	}
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatal(err)
	}
	if len(back.Codes) != 4 || back.Codes[0].SIPCode != 504 || back.Codes[0].Outcome != "failure" || back.Codes[0].Diagnosis == "" {
		t.Fatalf("json codes = %+v", back.Codes)
	}
	top, busy := back.Codes[0], back.Codes[2]
	if top.FinalResponseFrom != "Microsoft" || top.Kind != "failure" || top.LookAt == nil || *top.LookAt == "" {
		t.Errorf("json 504 group = %+v", top)
	}
	// The key is always written, empty for a user outcome.
	if busy.Kind != "user outcome" || busy.LookAt == nil || *busy.LookAt != "" {
		t.Errorf("json busy group = %+v", busy)
	}
}
