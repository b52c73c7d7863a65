package triage

import (
	"cmp"
	"encoding/json"
	"slices"
	"time"

	"github.com/callscope/callscope/model/sip"
)

// TopTrunksPerCode is how many trunks a code group names.
const TopTrunksPerCode = 3

// Summary is the triage view of a set of Direct Routing calls. "Failed"
// everywhere means successfulCall=false, the same rows the TUI's
// failures-only filter shows; the ASR/NER tallies separate user outcomes
// (busy, no answer, decline, cancel) from network failures. ASR and NER
// follow sip.Tally: NER with the Health Dashboard's formula and caller
// abandons left out of both sides, ASR as answered ÷ attempts (sip.NERHelp,
// sip.ASRHelp).
type Summary struct {
	// From and To are the range asked for.
	From time.Time `json:"from"`
	To   time.Time `json:"to"`
	// Complete is false when the load stopped early (cancelled or failed);
	// the groups then cover only the rows that arrived. Set by the loader.
	Complete bool `json:"complete"`
	// Calls counts every row; Failed those with successfulCall=false. A
	// row without successfulCall is neither failed nor answered: it is in
	// Tally.NotReported.
	Calls  int `json:"calls"`
	Failed int `json:"failed"`
	// Tally buckets every row by outcome; ASR and NER are its ratios, over
	// Tally.ASRBase and Tally.NERBase (rows whose outcome was not reported
	// are on neither side).
	Tally sip.Tally `json:"tally"`
	ASR   float64   `json:"asr"`
	NER   float64   `json:"ner"`
	// SmallSample warns that Calls is under sip.SmallSampleThreshold.
	SmallSample bool `json:"smallSample"`
	// BucketStart and BucketSize place the Hourly slots (and every trunk's):
	// slot i covers [BucketStart+i·BucketSize, +BucketSize). JSON carries
	// the size as BucketSeconds, the unit in the name.
	BucketStart   time.Time     `json:"bucketStart"`
	BucketSize    time.Duration `json:"-"`
	BucketSeconds int64         `json:"bucketSeconds"`
	// Hourly counts failed calls per slot over all trunks.
	Hourly []int32 `json:"hourly"`
	// Codes are the failure groups, most frequent first.
	Codes []CodeGroup `json:"codes"`
	// Trunks are the trunks, most network/system failures (Tally.Failures)
	// first: a trunk that is down outranks one whose callees were busy.
	Trunks []TrunkGroup `json:"trunks"`
	// Locations are the signaling locations, most failed calls first.
	Locations []LocationGroup `json:"locations"`
}

// NamedCount is a name with how many rows it has.
type NamedCount struct {
	Name  string `json:"name"`
	Count int    `json:"count"`
}

// CodeGroup is the failed calls sharing a (finalSipCode, callEndSubReason)
// and, where Microsoft ties the cause to the phrase (the 504 family), the
// same phrase variant (sip.PhraseVariant): one pair may then appear as
// several groups with different diagnoses. Failed calls whose code or
// subcode Graph did not report form their own group (Unreported), never
// the group of 0.
type CodeGroup struct {
	// SIPCode and Subcode are the pair; each is 0 and written as null in
	// JSON when Unreported says Graph did not report it.
	SIPCode int `json:"sipCode"`
	Subcode int `json:"subcode"`
	// Unreported holds sip.UnreportedCode and/or sip.UnreportedSubcode.
	Unreported sip.Unreported `json:"-"`
	// PhraseVariant is sip.PhraseVariant of the group's rows; 0 when the
	// phrase does not change the diagnosis.
	PhraseVariant int `json:"-"`
	// Phrase is the first finalSipCodePhrase seen for the group.
	Phrase string `json:"phrase"`
	Count  int    `json:"count"`
	// Share is Count over the summary's Failed, in 0..1.
	Share float64   `json:"share"`
	First time.Time `json:"firstSeen"`
	Last  time.Time `json:"lastSeen"`
	// Trunks counts distinct trunks; TopTrunks names the busiest few.
	Trunks    int          `json:"trunks"`
	TopTrunks []NamedCount `json:"topTrunks"`
	// Outcome is the ASR/NER bucket of the pair (user busy, failure, …).
	Outcome sip.Outcome `json:"-"`
	// OutcomeName is Outcome in words, for JSON and tables.
	OutcomeName string `json:"outcome"`
	// Explanation is sip.ExplainPhrase for the pair and Phrase, with media
	// bypass taken as set when most of the group's rows had it.
	Explanation sip.Explanation `json:"-"`
	// The explanation's text, flattened for JSON. FinalResponseFrom says
	// whose service generated the final response by Microsoft's rules
	// (sip.FinalResponseFrom: who answered, not who is at fault), Kind
	// says whether the end is a normal end, a user outcome or a failure,
	// and LookAt is where to look first, empty unless Kind is a failure.
	Meaning           string `json:"meaning"`
	SubMeaning        string `json:"subcodeMeaning"`
	FinalResponseFrom string `json:"finalResponseFrom"`
	Kind              string `json:"kind"`
	LookAt            string `json:"lookAt"`
	Side              string `json:"side"`
	Diagnosis         string `json:"diagnosis"`
	NextStep          string `json:"nextStep"`
}

// TrunkGroup is one trunk FQDN ("" when the rows carry none).
type TrunkGroup struct {
	Trunk  string    `json:"trunk"`
	Tally  sip.Tally `json:"tally"`
	Failed int       `json:"failed"`
	ASR    float64   `json:"asr"`
	NER    float64   `json:"ner"`
	// SmallSample warns that the trunk has fewer than
	// sip.SmallSampleThreshold calls, so ASR and NER are noisy.
	SmallSample bool      `json:"smallSample"`
	First       time.Time `json:"firstSeen"`
	Last        time.Time `json:"lastSeen"`
	// Hourly counts failed calls per bucket (see Summary.BucketStart).
	Hourly []int32 `json:"hourly"`
}

// LocationGroup is one signaling location ("" when the rows carry none).
type LocationGroup struct {
	Location string    `json:"location"`
	Tally    sip.Tally `json:"tally"`
	Failed   int       `json:"failed"`
	// Share is Failed over the summary's Failed; FailRate is Failed over
	// the location's calls.
	Share       float64   `json:"share"`
	FailRate    float64   `json:"failRate"`
	NER         float64   `json:"ner"`
	SmallSample bool      `json:"smallSample"`
	First       time.Time `json:"firstSeen"`
	Last        time.Time `json:"lastSeen"`
}

// Summary builds the groups of everything added so far. It copies, so the
// Builder may keep accepting calls afterwards.
func (b *Builder) Summary() *Summary {
	s := &Summary{
		From: b.from, To: b.to,
		Calls: b.total.Attempts, Failed: b.failed, Tally: b.total,
		ASR: b.total.ASR(), NER: b.total.NER(),
		SmallSample: b.total.Attempts < sip.SmallSampleThreshold,
		BucketSize:  time.Duration(b.bk.size), BucketSeconds: b.bk.size / int64(time.Second),
		Hourly: slices.Clone(b.hourly),
	}
	if b.bk.n > 0 {
		s.BucketStart = nsTime(b.bk.start)
	}
	s.Codes = make([]CodeGroup, 0, len(b.codeList))
	for _, g := range b.codeList {
		s.Codes = append(s.Codes, b.codeGroup(g))
	}
	slices.SortFunc(s.Codes, func(x, y CodeGroup) int {
		return cmp.Or(cmp.Compare(y.Count, x.Count), cmp.Compare(x.SIPCode, y.SIPCode), cmp.Compare(x.Subcode, y.Subcode),
			cmp.Compare(x.PhraseVariant, y.PhraseVariant))
	})
	s.Trunks = make([]TrunkGroup, 0, len(b.trunkLst))
	for _, t := range b.trunkLst {
		s.Trunks = append(s.Trunks, TrunkGroup{
			Trunk: t.name, Tally: t.tally, Failed: t.failed, ASR: t.tally.ASR(), NER: t.tally.NER(),
			SmallSample: t.tally.Attempts < sip.SmallSampleThreshold,
			First:       nsTime(t.first), Last: nsTime(t.last), Hourly: slices.Clone(t.hourly),
		})
	}
	slices.SortFunc(s.Trunks, func(x, y TrunkGroup) int {
		return cmp.Or(cmp.Compare(y.Tally.Failures, x.Tally.Failures), cmp.Compare(y.Failed, x.Failed),
			cmp.Compare(y.Tally.Attempts, x.Tally.Attempts), cmp.Compare(x.Trunk, y.Trunk))
	})
	s.Locations = make([]LocationGroup, 0, len(b.locList))
	for _, l := range b.locList {
		s.Locations = append(s.Locations, LocationGroup{
			Location: l.name, Tally: l.tally, Failed: l.failed,
			Share: ratio(l.failed, b.failed), FailRate: ratio(l.failed, l.tally.Attempts), NER: l.tally.NER(),
			SmallSample: l.tally.Attempts < sip.SmallSampleThreshold,
			First:       nsTime(l.first), Last: nsTime(l.last),
		})
	}
	slices.SortFunc(s.Locations, func(x, y LocationGroup) int {
		return cmp.Or(cmp.Compare(y.Failed, x.Failed), cmp.Compare(y.Tally.Attempts, x.Tally.Attempts), cmp.Compare(x.Location, y.Location))
	})
	return s
}

// codeGroup finishes one failure group: top trunks and the explanation.
func (b *Builder) codeGroup(g *codeAcc) CodeGroup {
	out := CodeGroup{
		SIPCode: int(g.sip), Subcode: int(g.sub), Unreported: g.missing, PhraseVariant: int(g.variant), Phrase: g.phrase, Count: g.count,
		Share: ratio(g.count, b.failed), First: nsTime(g.first), Last: nsTime(g.last),
	}
	var top []NamedCount
	for i, n := range g.perTrunk {
		if n > 0 {
			out.Trunks++
			top = append(top, NamedCount{Name: b.trunkLst[i].name, Count: int(n)})
		}
	}
	slices.SortFunc(top, func(x, y NamedCount) int {
		return cmp.Or(cmp.Compare(y.Count, x.Count), cmp.Compare(x.Name, y.Name))
	})
	if len(top) > TopTrunksPerCode {
		top = top[:TopTrunksPerCode]
	}
	out.TopTrunks = top
	out.Outcome = sip.ClassifyReported(false, out.SIPCode, out.Subcode, g.missing)
	out.OutcomeName = out.Outcome.String()
	if g.missing&sip.UnreportedCode != 0 {
		// No code: no table to read, and 0 would explain a normal end.
		out.Meaning, out.SubMeaning = NotReportedText, NotReportedText
		out.Diagnosis = "Graph reported these calls as failed (successfulCall false) without a final SIP code, so callscope cannot say how they ended."
		out.NextStep = "Look the calls up by id or correlationId in the SBC logs or with Microsoft support; the row alone does not say more."
		return out
	}
	// Every row of the group shares the phrase variant, so the first phrase
	// gives the diagnosis of them all.
	e := sip.ExplainPhrase(out.SIPCode, out.Subcode, g.phrase, g.bypass*2 > g.count)
	out.Explanation = e
	out.Meaning = e.SIP.Meaning
	out.SubMeaning = e.Sub.Meaning
	if g.missing&sip.UnreportedSubcode != 0 {
		out.SubMeaning = NotReportedText
	}
	out.FinalResponseFrom = string(e.FinalResponse)
	out.Kind = string(e.Kind)
	out.LookAt = string(e.LookAt)
	out.Side = string(e.Sub.Side)
	out.Diagnosis = e.Diagnosis
	out.NextStep = e.NextStep
	return out
}

// NotReportedText is how a summary names a value Graph did not report.
const NotReportedText = "not reported"

// MarshalJSON writes a code group with null for a code or subcode that was
// not reported.
func (g CodeGroup) MarshalJSON() ([]byte, error) {
	type plain CodeGroup
	return json.Marshal(struct {
		plain
		SIPCode *int `json:"sipCode"`
		Subcode *int `json:"subcode"`
	}{plain(g), reportedInt(g.SIPCode, g.Unreported&sip.UnreportedCode == 0),
		reportedInt(g.Subcode, g.Unreported&sip.UnreportedSubcode == 0)})
}

// reportedInt is &v, or nil when v was not reported.
func reportedInt(v int, reported bool) *int {
	if !reported {
		return nil
	}
	return &v
}

// ratio is n/d, 0 when d is 0.
func ratio(n, d int) float64 {
	if d == 0 {
		return 0
	}
	return float64(n) / float64(d)
}
