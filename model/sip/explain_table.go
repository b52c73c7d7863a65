package sip

import "slices"

// anySIP and anySub are wildcards in pattern keys.
const (
	anySIP = -1
	anySub = -1
)

// patternKey is a (finalSipCode, callEndSubReason) pair; either may be a wildcard.
type patternKey struct{ sip, sub int }

// pattern is one diagnosis from sip-triage.md §3.3, in our words.
type pattern struct {
	diagnosis, next string
	// bypassDiagnosis/bypassNext replace the above when the trunk has media
	// bypass enabled; empty when bypass makes no difference.
	bypassDiagnosis, bypassNext string
	// sources back the diagnosis (keys for LookupSource).
	sources []string
	// kind is the EndKind the text is written for; empty means EndFailure.
	kind EndKind
	// place is where to look first for a failure; empty means the place
	// for the subcode's Side (placeForSide).
	place Place
}

// endKind is the kind the pattern's text is written for.
func (p *pattern) endKind() EndKind {
	if p.kind == "" {
		return EndFailure
	}
	return p.kind
}

// patternRow attaches one pattern to the keys it answers for.
type patternRow struct {
	keys []patternKey
	pattern
}

// subs keys a pattern on subcodes, whatever the SIP code.
func subs(codes ...int) []patternKey {
	keys := make([]patternKey, len(codes))
	for i, c := range codes {
		keys[i] = patternKey{anySIP, c}
	}
	return keys
}

// sips keys a pattern on SIP codes, whatever the subcode.
func sips(codes ...int) []patternKey {
	keys := make([]patternKey, len(codes))
	for i, c := range codes {
		keys[i] = patternKey{c, anySub}
	}
	return keys
}

// patternIndex resolves keys to patterns; built once from patternRows.
var patternIndex = func() map[patternKey]*pattern {
	m := make(map[patternKey]*pattern)
	for i := range patternRows {
		for _, k := range patternRows[i].keys {
			if _, dup := m[k]; dup {
				panic("sip: pattern key listed twice")
			}
			m[k] = &patternRows[i].pattern
		}
	}
	return m
}()

// patternRows lists every pattern; the SBC-side and user-outcome rows live
// in explain_outcomes.go.
var patternRows = slices.Concat(configAndTransportRows, sbcAndUserRows)

// configAndTransportRows: SBC reachability, timeouts, media and tenant
// configuration.
var configAndTransportRows = []patternRow{
	// SIP 504 family. Microsoft gives different fixes for different phrases
	// under the same 549002/569002 (SIP response code 504, ms.date
	// 2024-11-22; ms-dr-504): this is the text when finalSipCodePhrase is
	// missing or matches none of them; see rules504 for the rest.
	{slices.Concat(subs(549002, 569002), sips(504)), pattern{
		diagnosis: "Microsoft could not deliver the request to the SBC (SIP 504). Microsoft's 504 page ties the " +
			"cause to finalSipCodePhrase: a connection or TLS transport failure means the SBC is unreachable; " +
			"CERT_E_WRONG_USAGE is a certificate problem; \"TLS decryption failed\" an expired TLS context; " +
			"\"Invalid Request/Response line\" malformed SIP.",
		next: "Read finalSipCodePhrase and follow the fix for that phrase; without one, start with the trunk's " +
			"TLS and SIP OPTIONS status in the Health Dashboard.",
		place:   PlaceHealthDashboard,
		sources: []string{"ms-dr-504", "ms-health"}}},
	// 569003/569008/569009 (SIP response code 504, ms.date 2024-11-22).
	{subs(569003, 569008, 569009), pattern{
		diagnosis: "SBC certificate problem: expired, not chained to a trusted public root, or presented " +
			"through the wrong TLS profile.",
		next: "Inspect the SBC certificate (expiry date, full chain to a public root CA, SBC FQDN in the " +
			"subject/SAN) and the TLS profile on the Teams-facing interface; after renewing, recycle the " +
			"existing TLS connections.",
		place:   PlaceSBCCertificate,
		sources: []string{"ms-dr-504", "ms-health"}}},
	{subs(569015, 569016), pattern{
		diagnosis: "SBC DNS problem: the trunk FQDN does not resolve, or has no A/AAAA record.",
		next: "Resolve the trunk FQDN through a public resolver and add an A (or AAAA) record for the SBC's " +
			"public IP; the TXT record used for domain verification is not enough.",
		place:   PlaceSBCDNS,
		sources: []string{"ms-dr-504"}}},
	{subs(549018, 569018), pattern{
		diagnosis: "The SBC sends malformed SIP: Microsoft rejected an invalid request/response line.",
		next: "Capture the SBC's outgoing SIP and check that the request line and Via headers carry SIP/2.0; " +
			"review the SBC's message manipulation rules and firmware.",
		place:   PlaceSBCConfig,
		sources: []string{"ms-dr-504", "ms-pr-1984"}}},

	// Timeouts (SIP 408).
	{subs(500001), pattern{
		diagnosis: "SBC not answering INVITEs: no response within the trunk's failover timer (10 s by " +
			"default), e.g. an overloaded or stuck SIP stack, or slow call setup on the PSTN side.",
		next: "In the SBC logs, check whether the INVITE arrived and when the SBC replied, and look at SBC " +
			"load; failure-minus-invite times clustering near 10 s confirm it. If only the PSTN side is slow, " +
			"raise the trunk's FailoverTimeSeconds to 20 s.",
		sources: []string{"ms-dr-codes", "ms-dr-408", "ms-failover"}}},
	{subs(1106), pattern{
		diagnosis: "No ACK from the SBC: the callee answered, but the SBC never acknowledged Microsoft's " +
			"200 OK, so the call drops a few seconds after answer.",
		next: "In the SBC logs, confirm the 200 OK arrived and whether an ACK was sent; check the TCP/TLS " +
			"path from the SBC to Microsoft's signaling FQDNs (firewall, NAT, TLS connection reuse).",
		place:   PlaceSBCLogs,
		sources: []string{"ms-dr-408", "ms-dr-inbound"}}},
	{[]patternKey{{408, 0}}, pattern{
		diagnosis: "Establishment timeout: media did not come up within 90 s; a Teams client or client " +
			"network problem, not the trunk.",
		next:    "Look at that user's client network to Teams (firewall, proxy, VPN) and the call's quality data.",
		place:   PlaceClient,
		sources: []string{"ms-dr-408"}}},
	// 408 with 560408 is ring-no-answer for NER (Classify), so it reads as a
	// user outcome; 560408 itself: Microsoft and SIP response codes (ms.date
	// 2024-11-22) and SIP response code 408.
	{subs(560408), pattern{
		diagnosis: "No answer: the SBC side reports that the callee did not respond before a timer ran out " +
			"downstream (ring no answer). If calls to one destination always stop after the same few " +
			"seconds, a downstream timer may be shorter than the ring time (inference).",
		next:    "Nothing to fix: ring no answer is a user outcome.",
		kind:    EndUserOutcome,
		sources: []string{"ms-dr-408", "ms-dr-codes"}}},
	{subs(10057), pattern{
		diagnosis: "The callee's Teams client dropped out during call setup (network lost or app closed).",
		next:      "Nothing to fix for a single call; if it repeats for one user, look at that user's device and network.",
		sources:   []string{"acs-callend"}}},

	// Media negotiation and media path.
	{slices.Concat([]patternKey{{488, 531000}}, subs(531000), sips(488, 606)), pattern{
		diagnosis: "Codec or SRTP mismatch: the SBC's SDP offered no codec Teams accepts, or did not offer SRTP.",
		next: "Check the SBC's offer on the Teams leg: it must offer SRTP and at least one codec Teams " +
			"supports; fix the coder list and media security settings of the SBC's Teams interface.",
		place:   PlaceSBCConfig,
		sources: []string{"ms-dr-488"}}},
	{[]patternKey{{410, 531000}}, pattern{
		diagnosis: "SDP parsing failure: Teams could not parse the SDP the SBC sent.",
		next:      "Capture the SBC's SDP for this call, check it is well-formed, and compare it with the vendor's Teams configuration guide.",
		place:     PlaceSBCConfig,
		sources:   []string{"ms-dr-410"}}},
	{subs(540415), pattern{
		diagnosis: "Codec/offer mismatch: the SBC's offer had no body or an unsupported content type.",
		next:      "Make the SBC send its offer as application/sdp and strip other bodies (such as application/pidf+xml) on the Teams leg.",
		sources:   []string{"ms-dr-415"}}},
	{subs(531027), pattern{
		diagnosis: "No ICE candidates in the SBC's SDP where Teams needed them for media bypass; this row " +
			"reports bypass as off, so the trunk's bypass setting and the SBC's ICE setting may disagree.",
		next: "Compare the trunk's MediaBypass setting with the SBC's ICE-Lite setting on the Teams " +
			"interface; they have to match.",
		bypassDiagnosis: "Media bypass without ICE-Lite: the trunk has bypass on, but the SBC's SDP carries " +
			"no ICE candidates.",
		bypassNext: "Enable ICE-Lite on the SBC's Teams-facing interface, or turn media bypass off for the " +
			"trunk until it is.",
		sources: []string{"ms-dr-488"}}},
	{subs(531052), pattern{
		diagnosis: "The SBC put 0.0.0.0 (blackhole) in its SDP, e.g. for hold, which Teams does not support.",
		next: "Configure the SBC to signal hold with a direction attribute (sendonly/inactive) and a real " +
			"connection address instead of 0.0.0.0 (inference).",
		sources: []string{"ms-dr-488", "ms-pr-1984"}}},
	{slices.Concat(subs(531004, 531005), sips(410)), pattern{
		diagnosis: "Media path blocked: ICE/media connectivity between the SBC and Microsoft's media " +
			"relays failed; typically answered calls go silent and drop after 10-20 s.",
		next: "Open the SBC firewall to Microsoft's media IP ranges and ports in both directions, and check " +
			"that the SBC advertises its public IP in SDP.",
		bypassDiagnosis: "Media path blocked: with bypass, media flows directly between Teams clients and " +
			"the SBC, and the ICE checks between them failed.",
		bypassNext: "Check that the SBC's public media IP and ports are reachable from the users' networks " +
			"(and from Microsoft's transport relays), that ICE-Lite is on, and that the SDP shows the public IP.",
		place:   PlaceMediaPath,
		sources: []string{"ms-dr-410", "ms-dr-inbound"}}},

	// Routing, numbers and tenant configuration.
	{subs(510559), pattern{
		diagnosis: "Number not routable: the dialled number matches no pattern in the user's voice routes, " +
			"so the call never left Microsoft.",
		next: "Compare calleeNumber with the voice routes and PSTN usages of the user's online voice routing " +
			"policy, and check the dial plan normalises it to E.164; if the block is intended, nothing to fix.",
		sources: []string{"ms-dr-403", "ms-dr-codes"}}},
	{slices.Concat(subs(560484, 560404), sips(484, 604)), pattern{
		diagnosis: "Number format invalid, or number unallocated downstream.",
		next: "Group these rows by callee prefix and country: a pattern calls for dial plan normalization " +
			"or SBC number manipulation, scattered single numbers are just misdials. On forwarded calls " +
			"(ByotOutUserForwarding) check the SBC's forwarding configuration.",
		place:   PlaceSBCConfig,
		sources: []string{"ms-dr-484", "acs-pstn"}}},
	{subs(511404, 510412), pattern{
		diagnosis: "Inbound number not assigned in Teams, or not sent in E.164.",
		next: "Check that the called number is assigned to a user or resource account, and that the " +
			"SBC/carrier sends it as +E.164 matching the assignment exactly.",
		place:   PlaceTeamsConfig,
		sources: []string{"ms-dr-404", "ms-dr-412"}}},
	{subs(510560, 510562, 510563), pattern{
		diagnosis: "User not licensed or enabled for PSTN calls (no Phone System licence, Enterprise Voice " +
			"off, or limited to domestic calls).",
		next: "Check the user's Teams Phone licence, Enterprise Voice enablement and the policy limiting " +
			"international dialling; many rows for one user point at that user's settings.",
		sources: []string{"ms-dr-403"}}},
	{subs(510532, 511532), pattern{
		diagnosis: "SBC FQDN not paired to the tenant: no trunk configuration matches the FQDN in the " +
			"SBC's Contact header.",
		next: "Check that a trunk exists with exactly the FQDN the SBC puts in its Contact header, and that " +
			"the SBC sends its FQDN rather than an IP address.",
		sources: []string{"ms-dr-403", "ms-sip"}}},
	{subs(510544), pattern{
		diagnosis: "No outbound trunk configuration, or no Direct Routing gateway for an emergency call.",
		next:      "Check the gateways listed on the user's voice routes and, for emergency calls, the emergency call routing policy.",
		sources:   []string{"ms-dr-500"}}},
	{subs(510482), pattern{
		diagnosis: "Call forwarding loop detected by Microsoft.",
		next:      "Follow the user's forwarding / simultaneous ring chain (and any PBX forwarding) and break the loop.",
		sources:   []string{"ms-dr-500"}}},
	{subs(510534), pattern{
		diagnosis: "Caller blocked by the tenant's inbound call blocking.",
		next:      "If the caller should get through, review the tenant's blocked number patterns and exemptions.",
		sources:   []string{"ms-dr-403"}}},
	// 510403 is not on the Teams page "SIP response code 403" (ms.date
	// 2024-11-22, ms-dr-403); only Azure Communication Services lists it:
	// "Call blocked: Alternate ID not supplied for the call. Phone number not
	// allowed by users Session Border Controller (SBC)." (Troubleshooting call
	// end response codes for PSTN calling, ms.date 2024-07-22, acs-pstn).
	// "Alternate ID" is an ACS calling-SDK notion, not a Teams setting.
	{subs(510403), pattern{
		diagnosis: "SIP 403, call blocked. Microsoft documents subcode 510403 only for Azure Communication " +
			"Services (\"Alternate ID not supplied\", or the number not allowed by the SBC); the Teams 403 page " +
			"does not list it, so its meaning on a Teams Direct Routing row is not documented.",
		next: "Read finalSipCodePhrase for the reason; if it recurs on Teams calls, open a Microsoft support " +
			"case with the correlation ID.",
		place:   PlaceMicrosoftSupport,
		sources: []string{"acs-pstn", "ms-dr-403"}}},
	{subs(510546, 10500), pattern{
		diagnosis: "Blocked by Location-Based Routing (toll bypass restriction or site state).",
		next: "Check the user's network site/subnet mapping, the trunk's LBR settings and PreventTollBypass " +
			"in the calling policy.",
		sources: []string{"ms-dr-403", "ms-pr-1984"}}},
	{subs(10199), pattern{
		diagnosis: "Private calling is disabled for the callee by policy.",
		next:      "Check the 'Make private calls' setting of the callee's calling policy.",
		sources:   []string{"ms-dr-403"}}},
	{subs(10553), pattern{
		diagnosis: "A required compliance recorder could not be invited, so the call leg was cancelled.",
		next:      "Check the compliance recording policy and whether the recorder bot is reachable.",
		sources:   []string{"ms-dr-403"}}},
	{subs(10191), pattern{
		diagnosis: "Voicemail routing is disabled by policy, so the unanswered call could not go to voicemail.",
		next:      "Check the callee's calling policy setting for routing inbound calls to voicemail.",
		sources:   []string{"ms-dr-480"}}},
	{subs(10140), pattern{
		diagnosis: "Bot refused the call because its user or app settings are null.",
		next:      "Check the bot's provisioning (its user and app settings).",
		sources:   []string{"ms-dr-480"}}},
}
