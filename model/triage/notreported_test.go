package triage

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/callscope/callscope/model"
	"github.com/callscope/callscope/model/sip"
)

// Rows Graph sent with null outcome fields go through triage as "not
// reported": never answered, never a normal end, out of ASR and NER.
func TestNullRowsThroughTriage(t *testing.T) {
	docs := []string{
		// Everything null: not reported, not failed.
		`{"id":"a","inviteDateTime":"2026-11-20T10:05:00Z","successfulCall":null,"finalSipCode":null,"callEndSubReason":null,"duration":null,"trunkFullyQualifiedDomainName":"a.example"}`,
		// Failed without a code: failed, in a group of its own, not the 0 group.
		`{"id":"b","inviteDateTime":"2026-11-20T10:06:00Z","successfulCall":false,"finalSipCode":null,"callEndSubReason":null,"trunkFullyQualifiedDomainName":"a.example"}`,
		// A real normal-clearing answered call and a real failure.
		`{"id":"c","inviteDateTime":"2026-11-20T10:07:00Z","successfulCall":true,"finalSipCode":0,"callEndSubReason":540000,"duration":60,"trunkFullyQualifiedDomainName":"a.example"}`,
		`{"id":"d","inviteDateTime":"2026-11-20T10:08:00Z","successfulCall":false,"finalSipCode":503,"callEndSubReason":560503,"trunkFullyQualifiedDomainName":"a.example"}`,
	}
	b := NewBuilder(tFrom, tTo)
	for _, d := range docs {
		var r model.DirectRoutingRow
		if err := json.Unmarshal([]byte(d), &r); err != nil {
			t.Fatal(err)
		}
		b.Add(CallFromRow(&r))
	}
	s := b.Summary()
	want := sip.Tally{Attempts: 4, Answered: 1, Delivered: 1, Failures: 1, NotReported: 2}
	if s.Tally != want {
		t.Fatalf("tally = %+v, want %+v", s.Tally, want)
	}
	if s.Calls != 4 || s.Failed != 2 {
		t.Errorf("calls %d failed %d, want 4 and 2 (successfulCall false only)", s.Calls, s.Failed)
	}
	if s.ASR != 0.5 || s.NER != 0.5 {
		t.Errorf("ASR %v NER %v, want 1/2 each: unreported rows on neither side", s.ASR, s.NER)
	}
	if len(s.Codes) != 2 {
		t.Fatalf("codes = %+v, want the 503 group and the unreported group", s.Codes)
	}
	var none CodeGroup
	for _, g := range s.Codes {
		if g.Unreported != 0 {
			none = g
		}
	}
	if none.Unreported != sip.UnreportedCode|sip.UnreportedSubcode || none.Outcome != sip.NotReported ||
		none.Meaning != NotReportedText || none.Kind != "" || none.FinalResponseFrom != "" {
		t.Errorf("unreported group = %+v", none)
	}
	out, err := json.Marshal(none)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(out), `"sipCode":null`) || !strings.Contains(string(out), `"subcode":null`) ||
		!strings.Contains(string(out), `"outcome":"not reported"`) {
		t.Errorf("group JSON = %s, want null codes and outcome \"not reported\"", out)
	}
}

// Summary JSON: camelCase keys, the bucket size in seconds, no blame.
func TestSummaryJSONKeys(t *testing.T) {
	b, err := json.Marshal(build(handSet()))
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]json.RawMessage
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	if string(m["bucketSeconds"]) != "3600" {
		t.Errorf("bucketSeconds = %s, want 3600", m["bucketSeconds"])
	}
	if _, ok := m["bucketSize"]; ok {
		t.Error("bucketSize (nanoseconds) still written")
	}
	for _, k := range []string{`"Attempts"`, `"endedBy"`, `"EndedBy"`} {
		if strings.Contains(string(b), k) {
			t.Errorf("summary JSON has key %s", k)
		}
	}
	if !strings.Contains(string(m["tally"]), `"attempts":8`) {
		t.Errorf("tally = %s, want camelCase attempts", m["tally"])
	}
	ps := NewPstnBuilder(tFrom, tTo)
	var r model.PstnRow
	if err := json.Unmarshal([]byte(`{"id":"p","startDateTime":"2026-11-20T10:00:00Z","duration":null}`), &r); err != nil {
		t.Fatal(err)
	}
	ps.Add(PstnCallFromRow(&r))
	pj, _ := json.Marshal(ps.Summary())
	if !strings.Contains(string(pj), `"bucketSeconds":3600`) || !strings.Contains(string(pj), `"durationNotReported":1`) {
		t.Errorf("PSTN summary JSON = %s", pj)
	}
}
