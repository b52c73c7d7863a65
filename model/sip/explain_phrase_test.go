package sip

import (
	"cmp"
	"slices"
	"strings"
	"testing"
)

// Phrases as Microsoft's 504 page prints them (SIP response code 504,
// ms.date 2024-11-22).
const (
	phraseFormat   = "Unable to deliver INVITE: Invalid Request/Response line"
	phraseCert     = "Unable to deliver INVITE: outgoing TLS negotiation failed; Wrong target principal name configured. HRESULT=0x80090322 CERT_E_WRONG_USAGE"
	phraseContext  = "Unable to deliver INVITE: TLS decryption failed; HRESULT=590615"
	phraseNotConn  = "Unable to deliver INVITE: TlsTransport is not connected, State=Disconnected"
	phraseTimeout  = "Unable to deliver INVITE: A connection attempt failed because the connected party did not properly respond after a period of time, or established connection failed because connected host has failed to respond"
	phraseRefused  = "Unable to deliver ACK: No connection could be made because the target machine actively refused it"
	phraseTLSTrust = "Unable to deliver INVITE: outgoing TLS negotiation failed; HRESULT=0x80096004"
)

// distinct counts the different values in list.
func distinct[T cmp.Ordered](list []T) int {
	return len(slices.Compact(slices.Sorted(slices.Values(list))))
}

func TestExplainPhrase504Causes(t *testing.T) {
	tests := []struct {
		sub    int
		phrase string
		place  Place
		want   string // substring of Diagnosis
	}{
		{549002, phraseFormat, PlaceSBCConfig, "Malformed SIP"},
		{569002, phraseCert, PlaceSBCCertificate, "CERT_E_WRONG_USAGE"},
		{569002, phraseContext, PlaceSBCVendor, "TLS context"},
		{549002, phraseNotConn, PlaceSBCReachability, "SBC unreachable"},
		{569002, phraseTimeout, PlaceSBCReachability, "SBC unreachable"},
		{569002, phraseRefused, PlaceSBCReachability, "SBC unreachable"},
		{569002, phraseTLSTrust, PlaceSBCReachability, "SBC unreachable"},
		// Case and surrounding text do not matter; Microsoft warns the phrase may vary.
		{569002, "504 tls DECRYPTION failed (hresult=590615)", PlaceSBCVendor, "TLS context"},
		{569002, strings.ToLower(phraseCert), PlaceSBCCertificate, "CERT_E_WRONG_USAGE"},
		// SIP 504 with an undocumented subcode still reads the phrase.
		{569123, phraseContext, PlaceSBCVendor, "TLS context"},
		// No phrase, or one that names no cause: no guess at the cause.
		{569002, "", PlaceHealthDashboard, "ties the cause to finalSipCodePhrase"},
		{569002, "Server Time-out", PlaceHealthDashboard, "ties the cause to finalSipCodePhrase"},
		// A subcode with its own pattern keeps it whatever the phrase says.
		{569008, phraseContext, PlaceSBCCertificate, "certificate"},
		{569018, phraseFormat, PlaceSBCConfig, "malformed SIP"},
	}
	for _, tt := range tests {
		e := ExplainPhrase(504, tt.sub, tt.phrase, false)
		if e.LookAt != tt.place || !strings.Contains(e.Diagnosis, tt.want) || e.Kind != EndFailure {
			t.Errorf("ExplainPhrase(504, %d, %q): look at %q, diagnosis %q; want %q and %q",
				tt.sub, tt.phrase, e.LookAt, e.Diagnosis, tt.place, tt.want)
		}
	}
}

// TestThree504PhrasesThreeCauses is the case: the same 504 family,
// three phrases, three different diagnoses, fixes and places, none of them
// "check the firewall".
func TestThree504PhrasesThreeCauses(t *testing.T) {
	var diagnoses, steps []string
	var places []Place
	for _, p := range []string{phraseFormat, phraseCert, phraseContext} {
		e := ExplainPhrase(504, 569002, p, false)
		diagnoses, steps, places = append(diagnoses, e.Diagnosis), append(steps, e.NextStep), append(places, e.LookAt)
		if e.LookAt == PlaceSBCReachability || strings.Contains(strings.ToLower(e.NextStep), "firewall") {
			t.Errorf("%q: reads as a reachability problem: %q", p, e.NextStep)
		}
	}
	for _, list := range [][]string{diagnoses, steps} {
		if distinct(list) != 3 {
			t.Errorf("not three different texts: %q", list)
		}
	}
	if places[0] == places[1] || places[1] == places[2] || places[0] == places[2] {
		t.Errorf("not three different places: %q", places)
	}
	if !strings.Contains(steps[0], "SIP/2.0") || !strings.Contains(steps[1], "public root") ||
		!strings.Contains(steps[2], "SBC vendor") {
		t.Errorf("next steps do not follow Microsoft's 504 page: %q", steps)
	}
	// Explain is ExplainPhrase without a phrase.
	if x, y := Explain(504, 569002, false), ExplainPhrase(504, 569002, "", false); x.Diagnosis != y.Diagnosis ||
		x.NextStep != y.NextStep || x.LookAt != y.LookAt {
		t.Error("Explain differs from ExplainPhrase with no phrase")
	}
}

func TestPhraseVariant(t *testing.T) {
	v := func(sip, sub int, phrase string) int { return PhraseVariant(sip, sub, phrase) }
	reach := v(504, 569002, phraseRefused)
	if reach == 0 || v(504, 549002, phraseNotConn) != reach || v(504, 569002, phraseTimeout) != reach {
		t.Errorf("reachability phrases: %d %d %d", reach, v(504, 549002, phraseNotConn), v(504, 569002, phraseTimeout))
	}
	causes := []int{v(504, 549002, phraseFormat), v(504, 569002, phraseCert), v(504, 569002, phraseContext), reach}
	if slices.Contains(causes, 0) || distinct(causes) != 4 {
		t.Errorf("variants %v, want four distinct non-zero", causes)
	}
	// Every phrase key: the two subcodes with any SIP code, and SIP 504 with
	// a subcode that has no pattern of its own.
	if ctx := v(504, 569002, phraseContext); v(0, 569002, phraseContext) != ctx || v(504, 569123, phraseContext) != ctx ||
		v(504, 0, phraseContext) != ctx {
		t.Errorf("phrase keys: %d %d %d %d", ctx, v(0, 569002, phraseContext), v(504, 569123, phraseContext), v(504, 0, phraseContext))
	}
	for _, tt := range []struct {
		sip, sub int
		phrase   string
	}{
		{504, 569002, ""}, {504, 569002, "Server Time-out"}, {504, 569008, phraseContext},
		{403, 560403, phraseContext}, {0, 0, "BYE"},
	} {
		if got := v(tt.sip, tt.sub, tt.phrase); got != 0 {
			t.Errorf("PhraseVariant(%d, %d, %q) = %d, want 0", tt.sip, tt.sub, tt.phrase, got)
		}
	}
	// Equal variants mean equal diagnoses.
	a, b := ExplainPhrase(504, 569002, phraseRefused, false), ExplainPhrase(504, 569002, phraseTimeout, false)
	if a.Diagnosis != b.Diagnosis {
		t.Errorf("same variant, different diagnoses: %q / %q", a.Diagnosis, b.Diagnosis)
	}
}

func TestSubcode540420(t *testing.T) {
	s := LookupSubcode(540420)
	if s.InferredFromPrefix || s.Side != SideMicrosoftRejectsSBC || !slices.Equal(s.SIPCodes, []int{420}) ||
		!strings.Contains(s.Meaning, "100rel") {
		t.Errorf("LookupSubcode(540420) = %+v", s)
	}
	e := Explain(420, 540420, false)
	if !strings.Contains(e.Diagnosis, "Require: 100rel") || e.LookAt != PlaceSBCConfig || e.Kind != EndFailure {
		t.Errorf("Explain(420, 540420) = %+v", e)
	}
	if other := Explain(420, 560420, false); other.Diagnosis == e.Diagnosis {
		t.Error("540420 and 560420 share a diagnosis; they are opposite directions")
	}
	hint, _ := LookupCode(420)
	if !strings.Contains(hint.TeamsHint, "540420") || !strings.Contains(hint.TeamsHint, "560420") {
		t.Errorf("420 hint covers one direction only: %q", hint.TeamsHint)
	}
}

// TestSubcode510403IsDocumentedOnlyByACS: the Teams 403 page does not list
// 510403; its hint must say so and not give ACS advice as Teams advice.
func TestSubcode510403IsDocumentedOnlyByACS(t *testing.T) {
	e := Explain(403, 510403, false)
	for _, text := range []string{e.Diagnosis, e.Sub.Meaning} {
		if !strings.Contains(text, "Azure Communication Services") {
			t.Errorf("510403 text does not name its only source: %q", text)
		}
	}
	if strings.Contains(strings.ToLower(e.NextStep), "alternate") {
		t.Errorf("510403 gives the ACS Alternate ID advice as a Teams step: %q", e.NextStep)
	}
	if !slices.Contains(e.Sub.Sources, "acs-pstn") || slices.Contains(e.Sub.Sources, "ms-dr-403") {
		t.Errorf("510403 subcode sources = %q", e.Sub.Sources)
	}
}
