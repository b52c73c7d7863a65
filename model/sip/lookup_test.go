package sip

import (
	"slices"
	"strings"
	"testing"
)

func TestLookupCodeClassFallback(t *testing.T) {
	info, ok := LookupCode(403)
	if !ok || info.Phrase != "Forbidden" {
		t.Errorf("LookupCode(403) = %+v, %v", info, ok)
	}
	info, ok = LookupCode(499)
	if ok || info.Code != 499 || !strings.Contains(info.Phrase, "4xx") || info.Meaning == "" {
		t.Errorf("LookupCode(499) = %+v, %v; want 4xx class description, ok=false", info, ok)
	}
	for _, c := range []int{-1, 42, 99, 700, 1000} {
		info, ok := LookupCode(c)
		if ok || info.Code != c || info.Meaning != "" {
			t.Errorf("LookupCode(%d) = %+v, %v; want bare miss", c, info, ok)
		}
	}
}

func TestLookupSubcodeInference(t *testing.T) {
	tests := []struct {
		sub      int
		side     Side
		inferred bool
		codes    []int
	}{
		{560403, SideSBC, false, []int{403}},
		{560499, SideSBC, true, []int{499}},
		{560480, SideUser, false, []int{480}},
		{560600, SideUser, true, []int{600}},
		{560001, SideSBC, true, nil},
		{540481, SideMicrosoftRejectsSBC, true, []int{481}},
		{540999, SideUnknown, true, nil},
		{531999, SideMicrosoftRejectsSBC, true, []int{410, 488}},
		{510999, SideMicrosoftConfig, true, nil},
		{511000, SideMicrosoftConfig, true, nil},
		{500002, SideSBC, true, nil},
		{549123, SideSBCTransport, true, []int{504}},
		{569777, SideSBCTransport, true, []int{504}},
		{520000, SideUnknown, true, nil},
		{1234, SideMixed, true, nil},
		{10999, SideMixed, true, nil},
		{12345, SideUnknown, false, nil},
		{123, SideUnknown, false, nil},
		{-5, SideUnknown, false, nil},
		{600000, SideUnknown, false, nil},
	}
	for _, tt := range tests {
		got := LookupSubcode(tt.sub)
		if got.Subcode != tt.sub || got.Side != tt.side || got.InferredFromPrefix != tt.inferred ||
			!slices.Equal(got.SIPCodes, tt.codes) {
			t.Errorf("LookupSubcode(%d) = %+v; want side %q inferred %v codes %v",
				tt.sub, got, tt.side, tt.inferred, tt.codes)
		}
		if strings.Contains(got.Meaning, "(inferred from prefix)") != tt.inferred {
			t.Errorf("LookupSubcode(%d).Meaning = %q; inferred marker mismatch", tt.sub, got.Meaning)
		}
		if got.Meaning == "" {
			t.Errorf("LookupSubcode(%d): empty meaning", tt.sub)
		}
	}
}

func TestWhoEnded(t *testing.T) {
	tests := []struct {
		sip, sub int
		want     EndedBy
	}{
		{403, 560403, EndedBySBC},
		{503, 560503, EndedBySBC},
		{487, 560487, EndedBySBC},
		{499, 560499, EndedBySBC}, // undocumented, still the 560 rule
		{403, 510559, EndedByMicrosoft},
		{0, 540000, EndedNormally},
		{0, 560000, EndedNormally},
		{0, 0, EndedNormally},
		{408, 0, EndedByMicrosoft},
		{408, 500001, EndedByMicrosoft},
		// 569xxx: X=6, but the rule is "starts with 560": Microsoft could not
		// reach the SBC and reported 504 itself.
		{504, 569002, EndedByMicrosoft},
		{487, 540487, EndedByMicrosoft},
	}
	for _, tt := range tests {
		if got := WhoEnded(tt.sip, tt.sub); got != tt.want {
			t.Errorf("WhoEnded(%d, %d) = %q, want %q", tt.sip, tt.sub, got, tt.want)
		}
	}
	if side := LookupSubcode(569002).Side; side != SideSBCTransport {
		t.Errorf("569002 side = %q, want sbc-transport", side)
	}
}

// TestEverySourceResolves checks every citation in every table against the
// sources table, so a typo in a key cannot slip in.
func TestEverySourceResolves(t *testing.T) {
	check := func(where string, refs []string) {
		t.Helper()
		if len(refs) == 0 {
			t.Errorf("%s: no sources", where)
		}
		for _, ref := range refs {
			s, ok := LookupSource(ref)
			if !ok || s.Title == "" || (s.URL == "" && s.Repo == "" && s.Key != "nationmaster" &&
				s.Key != "zxc-ner" && s.Key != "community script") {
				t.Errorf("%s: source %q does not resolve to a located entry (%+v)", where, ref, s)
			}
		}
	}
	for _, c := range codeTable {
		check("code "+c.Phrase, c.Sources)
	}
	for _, c := range classInfo[1:] {
		check("class "+c.Phrase, c.Sources)
	}
	for _, s := range subcodeTable {
		check("subcode "+s.Meaning, s.Sources)
	}
	for _, sub := range []int{1000, 500002, 510999, 531999, 540000, 540480, 540481, 540999, 549000,
		560000, 560480, 560499, 560999, 569000, 599999} {
		if s := inferSubcode(sub); s.InferredFromPrefix {
			check("family of "+s.Meaning, s.Sources)
		}
	}
	for _, p := range patternRows {
		check("pattern "+p.diagnosis, p.sources)
	}
	for _, r := range rules504 {
		check("phrase rule "+r.diagnosis, r.sources)
	}
	for key, date := range pageDates {
		if s, ok := LookupSource(key); !ok || s.Date != date {
			t.Errorf("page date of %q not applied: %+v", key, s)
		}
	}
	if s, ok := LookupSource("RFC 3261 §21.4.4"); !ok || s.Key != "rfc3261" {
		t.Errorf("LookupSource(RFC 3261 §21.4.4) = %+v, %v", s, ok)
	}
	if _, ok := LookupSource("no-such-source"); ok {
		t.Error("LookupSource accepted an unknown key")
	}
}

// TestPatternKeysAreDocumented guards the pattern table against typos: every
// concrete code or subcode it names must have a documented row.
func TestPatternKeysAreDocumented(t *testing.T) {
	for _, p := range patternRows {
		for _, k := range p.keys {
			if k.sip != anySIP {
				if _, ok := LookupCode(k.sip); !ok {
					t.Errorf("pattern %q: SIP code %d has no row", p.diagnosis, k.sip)
				}
			}
			if k.sub != anySub {
				if _, ok := subcodeIndex[k.sub]; !ok {
					t.Errorf("pattern %q: subcode %d has no row", p.diagnosis, k.sub)
				}
			}
		}
	}
}
