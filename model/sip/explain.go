package sip

import (
	"strconv"
	"strings"
)

// Explanation is the triage view of one (finalSipCode, callEndSubReason) pair.
type Explanation struct {
	// SIP describes the SIP code (a class-level description if unlisted).
	SIP CodeInfo
	// Sub describes the subcode (possibly inferred from its prefix).
	Sub SubcodeInfo
	// EndedBy says who sent the final response (WhoEnded). Kept for older
	// callers; FinalResponse states the same rule without blame.
	EndedBy EndedBy
	// FinalResponse says whose service generated the final response
	// (FinalResponseFrom); its Text is the line for the screen.
	FinalResponse Responder
	// Kind says whether the end is a normal end, a user outcome or a
	// failure with something to fix (KindOfEnd).
	Kind EndKind
	// LookAt is where to look first; set only when Kind is EndFailure.
	LookAt Place
	// Diagnosis names the likely problem in one or two sentences.
	Diagnosis string
	// NextStep says what to check next. Never empty; for a normal end or a
	// user outcome it starts with "Nothing to fix".
	NextStep string
}

// Explain diagnoses a call row from its SIP code, subcode and the trunk's
// mediaBypassEnabled flag. It is ExplainPhrase without a phrase.
func Explain(sipCode, subcode int, mediaBypass bool) Explanation {
	return ExplainPhrase(sipCode, subcode, "", mediaBypass)
}

// ExplainPhrase diagnoses a call row from its SIP code, subcode,
// finalSipCodePhrase and the trunk's mediaBypassEnabled flag, using the
// pattern table of sip-triage.md §3.3 checked against Microsoft's pages.
// Lookup order: the exact pair, then the subcode with any SIP code, then the
// SIP code with any subcode; where that key has phrase rules (504, 549002,
// 569002: SIP response code 504, ms.date 2024-11-22), the first rule whose
// text occurs in phrase (ignoring case) wins. A pattern written for another
// EndKind than KindOfEnd gives is skipped, so a user outcome never gets a
// failure's advice. Then a generic explanation from the subcode's Side or
// the SIP class. Diagnosis and NextStep are never empty; LookAt is set for
// failures only.
func ExplainPhrase(sipCode, subcode int, phrase string, mediaBypass bool) Explanation {
	e := Explanation{
		Sub:           LookupSubcode(subcode),
		EndedBy:       WhoEnded(sipCode, subcode),
		FinalResponse: FinalResponseFrom(sipCode, subcode),
		Kind:          KindOfEnd(sipCode, subcode),
	}
	e.SIP, _ = LookupCode(sipCode)
	p := findPattern(sipCode, subcode, phrase)
	switch {
	case p != nil && p.endKind() == e.Kind:
		e.Diagnosis, e.NextStep, e.LookAt = p.diagnosis, p.next, p.place
		if mediaBypass && p.bypassDiagnosis != "" {
			e.Diagnosis, e.NextStep = p.bypassDiagnosis, p.bypassNext
		}
	case e.Kind == EndFailure:
		e.Diagnosis, e.NextStep = genericExplanation(e.SIP, e.Sub)
	default:
		e.Diagnosis, e.NextStep = outcomeExplanation(e.Kind, e.SIP, Classify(false, sipCode, subcode))
	}
	switch {
	case e.Kind != EndFailure:
		e.LookAt = ""
	case e.LookAt == "":
		e.LookAt = placeForSide(e.Sub.Side)
	}
	return e
}

// findPattern returns the most specific pattern for the pair, or nil. When
// the most specific key has phrase rules and one matches, that rule's
// pattern replaces the key's own.
func findPattern(sipCode, subcode int, phrase string) *pattern {
	for _, k := range [...]patternKey{{sipCode, subcode}, {anySIP, subcode}, {sipCode, anySub}} {
		p, ok := patternIndex[k]
		if !ok {
			continue
		}
		if phrase != "" {
			if rp := matchPhrase(k, phrase); rp != nil {
				return rp
			}
		}
		return p
	}
	return nil
}

// outcomeExplanation covers a normal end or a user outcome that no pattern
// of the same kind describes. It names the outcome and suggests no place.
func outcomeExplanation(kind EndKind, sip CodeInfo, o Outcome) (diagnosis, next string) {
	what := codeLabel(sip)
	if kind == EndNormal {
		return "Normal end of call (" + what + ").",
			"Nothing to fix: the call was cleared without a SIP error."
	}
	return "User outcome (" + o.String() + ", " + what + "), not a fault.",
		"Nothing to fix: " + o.String() + " is a user outcome (see NERHelp for how it counts)."
}

// genericExplanation covers pairs the pattern table does not name: first by
// the subcode's Side, then by the SIP code's class.
func genericExplanation(sip CodeInfo, sub SubcodeInfo) (diagnosis, next string) {
	what := codeLabel(sip)
	switch sub.Side {
	case SideNormal, SideUser:
		// Only reached for a failure: the subcode names a normal or user
		// end, but the SIP code does not fit it (e.g. 403 with 560486).
		return "The subcode reads as a " + string(sub.Side) + " end, but " + what + " does not fit it.",
			"Read finalSipCodePhrase and the SBC logs for this call to see which response ended it."
	case SideSBC:
		return "The SBC, or the PBX/carrier behind it, failed the call with " + what + ".",
			"Open the SBC logs for this call (by time and numbers) and see which hop produced the response; " +
				"its Reason header carries the downstream cause."
	case SideSBCTransport:
		return "Microsoft could not reach the SBC (" + what + "): TCP, TLS, certificate or DNS.",
			"Check the trunk's TLS and SIP OPTIONS status in the Health Dashboard, the SBC certificate, " +
				"its DNS record and the firewall rules for Microsoft's signaling IPs."
	case SideMicrosoftConfig:
		return "Microsoft refused the call because of tenant configuration (" + what + ").",
			"Review the user's voice routing policy, licences, calling policy and number assignment, " +
				"and the trunk configuration in the Teams admin center."
	case SideMicrosoftRejectsSBC:
		return "Microsoft refused what the SBC sent (" + what + ").",
			"Capture the SBC's SIP/SDP for this call and compare it with the Direct Routing SIP " +
				"requirements and the SBC vendor's Teams configuration guide."
	case SideMicrosoftService:
		return "A Microsoft service was unavailable (" + what + ").",
			"Sporadic failures need no action; if frequent, open a Microsoft support case with the correlation ID."
	case SideMediaNetwork:
		return "The media path could not be set up (" + what + ").",
			"Check the firewall between the SBC and Microsoft's media ranges and the SBC's public media address."
	case SideClient:
		return "The Teams client, or its network, did not complete the call (" + what + ").",
			"Check the callee's client: sign-in state, app version and network."
	}
	return classExplanation(sip, sub)
}

// classExplanation is the last resort: only the SIP class is known.
func classExplanation(sip CodeInfo, sub SubcodeInfo) (diagnosis, next string) {
	what := codeLabel(sip)
	suffix := " No Microsoft subcode narrows it down."
	if sub.Subcode != 0 {
		suffix = " Subcode " + strconv.Itoa(sub.Subcode) + ": " + strings.TrimSuffix(sub.Meaning, ".") + "."
	}
	switch {
	case sip.Code == 0:
		return "No SIP error code and no specific explanation for the subcode." + suffix,
			"Read finalSipCodePhrase and, for an attempt row, look for other rows sharing the correlation ID."
	case sip.Code >= 100 && sip.Code < 300:
		return "The call ended with a non-error response (" + what + ")." + suffix,
			"Read finalSipCodePhrase and compare with the other legs of the same correlation ID."
	case sip.Code >= 300 && sip.Code < 400:
		return "A redirect (" + what + ") ended the call; nothing followed it." + suffix,
			"Check how the SBC and the PBX/carrier behind it handle redirects."
	case sip.Code >= 400 && sip.Code < 700:
		return "Call failed with " + what + "." + suffix,
			"Check the SBC logs for this call to see which side generated the response, and group similar " +
				"rows by trunk, destination and user to find the common factor."
	}
	return "Unrecognised SIP code " + strconv.Itoa(sip.Code) + "." + suffix,
		"Check the raw row (finalSipCodePhrase) and the SBC logs for this call."
}

// codeLabel renders "SIP 403 Forbidden", or "SIP 499" without a phrase.
func codeLabel(c CodeInfo) string {
	if c.Phrase == "" {
		return "SIP " + strconv.Itoa(c.Code)
	}
	return "SIP " + strconv.Itoa(c.Code) + " " + c.Phrase
}
