package sip

import (
	"strings"
	"testing"
)

func TestFinalResponseFrom(t *testing.T) {
	tests := []struct {
		sip, sub int
		want     Responder
	}{
		{403, 560403, ResponderSBC},
		{486, 560486, ResponderSBC},
		{487, 560487, ResponderSBC},
		{499, 560499, ResponderSBC}, // undocumented, still the 560 rule
		{487, 540487, ResponderDisputed},
		{486, 540486, ResponderDisputed},
		{420, 540420, ResponderDisputed},
		{503, 540998, ResponderDisputed},
		{504, 569002, ResponderMicrosoft}, // 569 is neither 560 nor 540
		{403, 510559, ResponderMicrosoft},
		{480, 10037, ResponderMicrosoft},
		{408, 0, ResponderMicrosoft},
		{487, 0, ResponderMicrosoft},
		{0, 0, ResponderNone},
		{0, 540000, ResponderNone},
		{0, 560000, ResponderNone},
		{200, 0, ResponderNone},
		{0, 10003, ResponderMicrosoft},
	}
	for _, tt := range tests {
		if got := FinalResponseFrom(tt.sip, tt.sub); got != tt.want {
			t.Errorf("FinalResponseFrom(%d, %d) = %q, want %q", tt.sip, tt.sub, got, tt.want)
		}
	}
}

func TestResponderText(t *testing.T) {
	for _, r := range []Responder{ResponderSBC, ResponderMicrosoft, ResponderDisputed, ResponderNone} {
		text := r.Text()
		if !strings.HasPrefix(text, strings.Fields(string(r))[0]) {
			t.Errorf("%q: text %q does not start with the label", r, text)
		}
		// Who answered is not who is at fault: no text sends anyone to logs.
		if strings.Contains(strings.ToLower(text), "logs") {
			t.Errorf("%q: text %q suggests a place to look", r, text)
		}
	}
	d := ResponderDisputed.Text()
	for _, want := range []string{"540xxx", "Teams", "560xxx", "Azure Communication Services", "inbound"} {
		if !strings.Contains(d, want) {
			t.Errorf("disputed text %q lacks %q", d, want)
		}
	}
}

// userAndNormalEnds are the ends that must never read as faults: busy, no
// answer, caller hung up, declined, and normal ends.
var userAndNormalEnds = []struct {
	sip, sub int
	kind     EndKind
}{
	{486, 560486, EndUserOutcome},
	{486, 540486, EndUserOutcome},
	{486, 0, EndUserOutcome},
	{486, 10321, EndUserOutcome},
	{600, 0, EndUserOutcome},
	{480, 560480, EndUserOutcome},
	{480, 10037, EndUserOutcome},
	{480, 10076, EndUserOutcome},
	{408, 560408, EndUserOutcome},
	{487, 560487, EndUserOutcome},
	{487, 540487, EndUserOutcome},
	{487, 0, EndUserOutcome},
	{487, 10003, EndUserOutcome},
	{487, 10004, EndUserOutcome},
	{487, 10024, EndUserOutcome},
	{603, 560603, EndUserOutcome},
	{603, 0, EndUserOutcome},
	{0, 0, EndNormal},
	{0, 540000, EndNormal},
	{0, 560000, EndNormal},
	{200, 0, EndNormal},
}

func TestUserOutcomesSuggestNoPlace(t *testing.T) {
	for _, tt := range userAndNormalEnds {
		for _, phrase := range []string{"", "Request Terminated", "Busy Here"} {
			for _, bypass := range []bool{false, true} {
				e := ExplainPhrase(tt.sip, tt.sub, phrase, bypass)
				if e.Kind != tt.kind || KindOfEnd(tt.sip, tt.sub) != tt.kind {
					t.Errorf("(%d, %d): kind %q, want %q", tt.sip, tt.sub, e.Kind, tt.kind)
				}
				if e.LookAt != "" {
					t.Errorf("(%d, %d, %q): a %s suggests looking at %q", tt.sip, tt.sub, phrase, e.Kind, e.LookAt)
				}
				if !strings.HasPrefix(e.NextStep, "Nothing to fix") {
					t.Errorf("(%d, %d, %q): next step %q", tt.sip, tt.sub, phrase, e.NextStep)
				}
				text := strings.ToLower(e.Diagnosis + " " + e.NextStep)
				for _, blame := range []string{"sbc logs", "firewall", "certificate", "licen", "voice rout", "support case"} {
					if strings.Contains(text, blame) {
						t.Errorf("(%d, %d): user outcome text mentions %q: %q", tt.sip, tt.sub, blame, text)
					}
				}
			}
		}
	}
}

// TestSBCUserOutcomesAreNotSBCFaults: 560486/560487/560480/560603 come from
// the SBC, but are user outcomes, not SBC faults.
func TestSBCUserOutcomesAreNotSBCFaults(t *testing.T) {
	for _, p := range [][2]int{{486, 560486}, {487, 560487}, {480, 560480}, {603, 560603}} {
		e := Explain(p[0], p[1], false)
		if e.FinalResponse != ResponderSBC || e.Kind != EndUserOutcome || e.LookAt != "" {
			t.Errorf("%v: final response %q, kind %q, look at %q", p, e.FinalResponse, e.Kind, e.LookAt)
		}
		if strings.Contains(e.Diagnosis, "SBC") {
			t.Errorf("%v: diagnosis %q names the SBC", p, e.Diagnosis)
		}
	}
}

// TestCallerHangUpIsNotMicrosoftsFault: 487/540487 is the PSTN caller
// hanging up; it must not read as Microsoft's doing.
func TestCallerHangUpIsNotMicrosoftsFault(t *testing.T) {
	e := Explain(487, 540487, false)
	if e.FinalResponse != ResponderDisputed || e.Kind != EndUserOutcome || e.LookAt != "" {
		t.Fatalf("540487: final response %q, kind %q, look at %q", e.FinalResponse, e.Kind, e.LookAt)
	}
	if strings.Contains(e.Diagnosis+e.NextStep, "Microsoft") || !strings.Contains(e.Diagnosis, "caller hung up") {
		t.Errorf("540487 reads %q / %q", e.Diagnosis, e.NextStep)
	}
}

// TestKindAgreesWithClassify: a pair NER counts as a user outcome never
// reads as a failure, and the other way round.
func TestKindAgreesWithClassify(t *testing.T) {
	for _, s := range subcodeTable {
		for _, c := range s.SIPCodes {
			o := Classify(false, c, s.Subcode)
			k := KindOfEnd(c, s.Subcode)
			switch {
			case k == EndNormal:
			case (o == Failure) != (k == EndFailure):
				t.Errorf("(%d, %d): outcome %v but kind %q", c, s.Subcode, o, k)
			}
		}
	}
}

func TestFailuresGetAPlace(t *testing.T) {
	tests := []struct {
		sip, sub int
		want     Place
	}{
		{503, 560503, PlaceSBCLogs},
		{402, 560402, PlaceCarrier},
		{403, 510559, PlaceTeamsConfig},
		{504, 569008, PlaceSBCCertificate},
		{504, 569016, PlaceSBCDNS},
		{410, 531004, PlaceMediaPath},
		{488, 531000, PlaceSBCConfig},
		{408, 0, PlaceClient},
		{503, 10320, PlaceMicrosoftSupport},
		{420, 540420, PlaceSBCConfig},
		{499, 560499, PlaceSBCLogs}, // inferred family
		{480, 10191, PlaceTeamsConfig},
		{487, 123456, PlaceSBCLogs}, // 487 with a subcode callscope cannot read
	}
	for _, tt := range tests {
		e := Explain(tt.sip, tt.sub, false)
		if e.Kind != EndFailure || e.LookAt != tt.want {
			t.Errorf("Explain(%d, %d): kind %q, look at %q, want failure at %q", tt.sip, tt.sub, e.Kind, e.LookAt, tt.want)
		}
	}
}
