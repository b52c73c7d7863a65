package sip

import "strings"

// phraseRule is a diagnosis chosen by the text of finalSipCodePhrase, for
// pairs whose code and subcode are shared by causes with different fixes.
type phraseRule struct {
	// needles select the rule when any of them occurs in the phrase,
	// ignoring case. Microsoft warns that the same error "might be
	// represented by a slightly different phrase" (SIP response code 504,
	// ms.date 2024-11-22), so rules match substrings, not whole phrases.
	needles []string
	pattern
}

// phraseKeys are the pattern keys whose diagnosis depends on the phrase:
// 549002 and 569002 with any SIP code, and SIP 504 with a subcode that has
// no pattern of its own. A subcode with its own pattern (569008 expired
// certificate, 569015 DNS, ...) keeps it whatever the phrase says.
var phraseKeys = [...]patternKey{{anySIP, 549002}, {anySIP, 569002}, {504, anySub}}

// rules504 are the phrase-specific causes of "SIP response code 504"
// (Microsoft Learn, Direct Routing troubleshooting, ms.date 2024-11-22;
// ms-dr-504). Order matters only if a phrase matched two rules.
var rules504 = []phraseRule{
	// "549002 504 Unable to deliver INVITE: Invalid Request/Response line":
	// "Make sure that requests and responses include SIP version "SIP/2.0"
	// in the Request-URI, Via header, and other relevant headers."
	{[]string{"invalid request/response line"}, pattern{
		diagnosis: "Malformed SIP from the SBC: Microsoft could not read the request or response line " +
			"(\"Invalid Request/Response line\").",
		next: "Make sure the SBC's requests and responses carry the SIP version \"SIP/2.0\" in the request " +
			"line, the Via header and the other headers that need it; review its message manipulation rules.",
		place:   PlaceSBCConfig,
		sources: []string{"ms-dr-504", "ms-sip"}}},
	// "569002 504 Unable to deliver INVITE (or ACK): outgoing TLS negotiation
	// failed; Wrong target principal name configured. HRESULT=0x80090322
	// CERT_E_WRONG_USAGE": "Request a certificate that's signed by one of the
	// public root certification authorities".
	{[]string{"cert_e_wrong_usage", "0x80090322", "wrong target principal name"}, pattern{
		diagnosis: "TLS negotiation with the SBC failed on its certificate: wrong target principal name " +
			"(CERT_E_WRONG_USAGE).",
		next: "Give the SBC a certificate signed by one of the public root certification authorities that " +
			"Direct Routing trusts; check that it names the SBC's FQDN (that last part is our inference).",
		place:   PlaceSBCCertificate,
		sources: []string{"ms-dr-504"}}},
	// "569002 504 Unable to deliver INVITE: TLS decryption failed;
	// HRESULT=590615": "the TLS context is expired and can no longer be used
	// for secure communication. Work with the SBC vendor".
	{[]string{"tls decryption failed", "590615"}, pattern{
		diagnosis: "The TLS context with the SBC had expired and could no longer be used (\"TLS decryption " +
			"failed; HRESULT=590615\"): the connection was up, but its encryption state was stale.",
		next:    "Work with the SBC vendor on why the SBC's TLS context expires.",
		place:   PlaceSBCVendor,
		sources: []string{"ms-dr-504"}}},
	// 549002 "TlsTransport is not connected, State=Disconnected"; 569002 "A
	// connection attempt failed because the connected party did not properly
	// respond ...", "No connection could be made because the target machine
	// actively refused it", "outgoing TLS negotiation failed;
	// HRESULT=0x80096004": "Check whether the SBC is functional. Check
	// whether the SBC is reachable through the specific IP and port. Also,
	// check your firewall settings".
	{[]string{"tlstransport is not connected", "did not properly respond", "failed to respond",
		"actively refused", "0x80096004"}, pattern{
		diagnosis: "SBC unreachable: Microsoft could not open or keep a connection to the SBC (TLS transport " +
			"not connected, connection timed out or refused, or TLS negotiation failed with 0x80096004). A " +
			"burst of these on one trunk means outbound calls on it are all failing.",
		next: "Check that the SBC is up and listening on its IP and TLS port, and that its firewall admits " +
			"Microsoft's signaling ranges; compare failures per signalingLocation to find a datacenter " +
			"missing from the ACL.",
		place:   PlaceSBCReachability,
		sources: []string{"ms-dr-504", "ms-failover", "ms-health"}}},
}

// isPhraseKey reports whether a found pattern key has phrase rules.
func isPhraseKey(k patternKey) bool {
	for _, p := range phraseKeys {
		if k == p {
			return true
		}
	}
	return false
}

// phraseRuleIndex is the index in rules504 of the rule matching phrase, or
// -1. It does not allocate.
func phraseRuleIndex(phrase string) int {
	for i := range rules504 {
		for _, n := range rules504[i].needles {
			if containsFold(phrase, n) {
				return i
			}
		}
	}
	return -1
}

// matchPhrase is the phrase rule for a found pattern key, or nil.
func matchPhrase(k patternKey, phrase string) *pattern {
	if !isPhraseKey(k) {
		return nil
	}
	if i := phraseRuleIndex(phrase); i >= 0 {
		return &rules504[i].pattern
	}
	return nil
}

// PhraseVariant tells rows that share a SIP code and subcode but need
// different diagnoses apart by their finalSipCodePhrase: 0 when the phrase
// does not change the diagnosis, otherwise a small positive number naming
// which of Microsoft's phrase-specific causes matched. Rows with the same
// (code, subcode, variant) get the same ExplainPhrase diagnosis, so a
// summary can group by the triple. It does not allocate.
func PhraseVariant(sipCode, subcode int, phrase string) int {
	// Only phraseKeys have phrase rules: skip the map for every other row.
	if phrase == "" || (sipCode != 504 && subcode != 549002 && subcode != 569002) {
		return 0
	}
	for _, k := range [...]patternKey{{sipCode, subcode}, {anySIP, subcode}, {sipCode, anySub}} {
		if _, ok := patternIndex[k]; !ok {
			continue
		}
		if !isPhraseKey(k) {
			return 0
		}
		return phraseRuleIndex(phrase) + 1
	}
	return 0
}

// containsFold reports whether sub occurs in s, ignoring case, without
// allocating.
func containsFold(s, sub string) bool {
	n := len(sub)
	for i := 0; i+n <= len(s); i++ {
		if strings.EqualFold(s[i:i+n], sub) {
			return true
		}
	}
	return false
}
