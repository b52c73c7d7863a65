package sip

import (
	"strings"
	"testing"
)

// TestExplainNeverEmpty covers every documented (SIP, subcode) pair, every
// SIP code with subcode 0, and a few undocumented pairs, with and without
// media bypass.
func TestExplainNeverEmpty(t *testing.T) {
	type pair struct{ sip, sub int }
	var pairs []pair
	for _, s := range subcodeTable {
		if len(s.SIPCodes) == 0 {
			pairs = append(pairs, pair{0, s.Subcode})
		}
		for _, c := range s.SIPCodes {
			pairs = append(pairs, pair{c, s.Subcode})
		}
	}
	for _, c := range codeTable {
		pairs = append(pairs, pair{c.Code, 0})
	}
	pairs = append(pairs, pair{499, 560499}, pair{403, 531999}, pair{0, 123}, pair{999, -1}, pair{302, 0})
	for _, p := range pairs {
		for _, bypass := range []bool{false, true} {
			e := Explain(p.sip, p.sub, bypass)
			if strings.TrimSpace(e.Diagnosis) == "" || strings.TrimSpace(e.NextStep) == "" {
				t.Errorf("Explain(%d, %d, %v): empty diagnosis or next step: %+v", p.sip, p.sub, bypass, e)
			}
			if e.SIP.Code != p.sip || e.Sub.Subcode != p.sub || e.EndedBy != WhoEnded(p.sip, p.sub) ||
				e.FinalResponse != FinalResponseFrom(p.sip, p.sub) || e.Kind != KindOfEnd(p.sip, p.sub) {
				t.Errorf("Explain(%d, %d, %v): inconsistent lookups: %+v", p.sip, p.sub, bypass, e)
			}
			// A place to look for failures only; "Nothing to fix" for the rest.
			if failure := e.Kind == EndFailure; failure != (e.LookAt != "") {
				t.Errorf("Explain(%d, %d, %v): kind %q with place %q", p.sip, p.sub, bypass, e.Kind, e.LookAt)
			}
			if e.Kind != EndFailure && !strings.HasPrefix(e.NextStep, "Nothing to fix") {
				t.Errorf("Explain(%d, %d, %v): %s, but next step %q", p.sip, p.sub, bypass, e.Kind, e.NextStep)
			}
		}
	}
}

func TestExplainPatterns(t *testing.T) {
	tests := []struct {
		sip, sub int
		bypass   bool
		want     string // substring of Diagnosis
	}{
		// Without a phrase, the 504 family names every cause Microsoft's 504
		// page gives rather than one ("trunk down"); see explain_phrase_test.go.
		{504, 569002, false, "ties the cause to finalSipCodePhrase"},
		{504, 549002, false, "ties the cause to finalSipCodePhrase"},
		{504, 569123, false, "ties the cause to finalSipCodePhrase"}, // undocumented, SIP-level pattern
		{504, 569008, false, "certificate"},
		{504, 569016, false, "DNS"},
		{408, 500001, false, "not answering INVITEs"},
		{408, 1106, false, "No ACK"},
		{408, 0, false, "Establishment timeout"},
		{488, 531000, false, "Codec or SRTP mismatch"},
		{606, 0, false, "Codec or SRTP mismatch"},
		{410, 531000, false, "SDP parsing"},
		{488, 531027, true, "without ICE-Lite"},
		{488, 531027, false, "bypass as off"},
		{410, 531004, false, "Media path blocked"},
		{410, 531005, true, "directly between Teams clients and the SBC"},
		{403, 510559, false, "not routable"},
		{484, 560484, false, "Number format"},
		{404, 511404, false, "not assigned"},
		{403, 510560, false, "not licensed"},
		{403, 510532, false, "not paired"},
		{480, 10037, false, "No answer"},
		{486, 560486, false, "busy"},
		{487, 540487, false, "The caller hung up before the call was answered"},
		{603, 560603, false, "Declined"},
		{503, 560503, false, "capacity"},
		{503, 540998, false, "draining"},
		{403, 560403, false, "refused the call by policy"},
		{420, 560420, false, "Transfer"},
		{420, 540420, false, "Require: 100rel"},
		{0, 540000, false, "Normal end"},
		{403, 560499, false, "The SBC"},                    // inferred family, side fallback
		{499, 123, false, "SIP 499 Request Failure (4xx)"}, // class fallback
	}
	for _, tt := range tests {
		e := Explain(tt.sip, tt.sub, tt.bypass)
		if !strings.Contains(e.Diagnosis, tt.want) {
			t.Errorf("Explain(%d, %d, %v).Diagnosis = %q, want it to contain %q",
				tt.sip, tt.sub, tt.bypass, e.Diagnosis, tt.want)
		}
	}
}
