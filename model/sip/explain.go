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
	// EndedBy says who sent the final response (WhoEnded).
	EndedBy EndedBy
	// Diagnosis names the likely problem in one or two sentences.
	Diagnosis string
	// NextStep says what to check next. Never empty.
	NextStep string
}

// Explain diagnoses a call row from its SIP code, subcode and the trunk's
// mediaBypassEnabled flag, using the pattern table of sip-triage.md §3.3.
// Lookup order: the exact pair, then the subcode with any SIP code, then the
// SIP code with any subcode, then a generic explanation from the subcode's
// Side or the SIP class. Diagnosis and NextStep are never empty.
func Explain(sipCode, subcode int, mediaBypass bool) Explanation {
	e := Explanation{
		Sub:     LookupSubcode(subcode),
		EndedBy: WhoEnded(sipCode, subcode),
	}
	e.SIP, _ = LookupCode(sipCode)
	p := findPattern(sipCode, subcode)
	if p == nil {
		e.Diagnosis, e.NextStep = genericExplanation(e.SIP, e.Sub)
		return e
	}
	e.Diagnosis, e.NextStep = p.diagnosis, p.next
	if mediaBypass && p.bypassDiagnosis != "" {
		e.Diagnosis, e.NextStep = p.bypassDiagnosis, p.bypassNext
	}
	return e
}

// findPattern returns the most specific pattern for the pair, or nil.
func findPattern(sipCode, subcode int) *pattern {
	for _, k := range [...]patternKey{{sipCode, subcode}, {anySIP, subcode}, {sipCode, anySub}} {
		if p, ok := patternIndex[k]; ok {
			return p
		}
	}
	return nil
}

// genericExplanation covers pairs the pattern table does not name: first by
// the subcode's Side, then by the SIP code's class.
func genericExplanation(sip CodeInfo, sub SubcodeInfo) (diagnosis, next string) {
	what := codeLabel(sip)
	switch sub.Side {
	case SideNormal:
		return "Normal end of call (" + what + ").",
			"Nothing to fix; if this is an attempt row, read finalSipCodePhrase to see how far the call got."
	case SideUser:
		return "User outcome (" + what + "): busy, no answer, cancel or decline rather than a fault.",
			"Only worth chasing when it is widespread for one user, trunk or destination."
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
