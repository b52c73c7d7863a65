package sip

import "slices"

// sbcAndUserRows: responses from the SBC side, Microsoft service states and
// user outcomes (busy, no answer, cancel, decline, normal end).
var sbcAndUserRows = []patternRow{
	// The SBC (or what is behind it) refused or failed the call.
	{subs(560403), pattern{
		diagnosis: "The SBC or its carrier refused the call by policy (for example a blocked destination).",
		next: "In the SBC logs, see whether the SBC generated the 403 or relayed it from the carrier (Reason " +
			"header); group the rows by destination to find blocked prefixes.",
		sources: []string{"ms-dr-403", "ms-dr-outbound"}}},
	{subs(560503), pattern{
		diagnosis: "SBC capacity exhausted: concurrent sessions over its licence or limit, or no free " +
			"circuit/channel downstream.",
		next: "Plot concurrent calls on this trunk against MaxConcurrentSessions and the SBC licence, " +
			"especially at busy hours, and check the carrier route for the destination.",
		sources: []string{"ms-dr-503", "ms-health"}}},
	{subs(560420, 10202), pattern{
		diagnosis: "Transfer/forward handling on the SBC: it lacks a required extension (Replaces) or lost " +
			"the replacement call of a consultative transfer.",
		next: "Enable Replaces and REFER handling as the SBC vendor's Teams guide describes, and test " +
			"transfers and call-queue calls through this trunk.",
		sources: []string{"ms-dr-420", "ms-dr-404", "ms-dr-transfer"}}},
	{subs(560402), pattern{
		diagnosis: "The carrier refused the call for billing or credit reasons (Payment Required).",
		next:      "Group the rows by destination country and ask the carrier about credit or barring for those destinations.",
		sources:   []string{"ms-dr-402"}}},
	{subs(560500), pattern{
		diagnosis: "Internal error on the SBC side (the SBC or a service behind it).",
		next:      "Read the SBC logs for this call and raise recurring errors with the SBC vendor or carrier.",
		sources:   []string{"acs-pstn"}}},
	{subs(540400), pattern{
		diagnosis: "Malformed SIP from the SBC: Microsoft could not accept the message.",
		next: "Capture the message on the SBC and compare it with the Direct Routing SIP requirements " +
			"(FQDN in Contact, + in the Request-URI number, header syntax).",
		sources: []string{"ms-dr-400", "ms-sip"}}},
	{subs(540422), pattern{
		diagnosis: "Session timer too small in the SBC's request.",
		next: "Raise Session-Expires and Min-SE on the SBC's Teams interface and check that it refreshes " +
			"sessions with re-INVITEs as the RFC describes; calls ending at a fixed length point the same way.",
		sources: []string{"ms-dr-422", "ms-dr-inbound"}}},
	{sips(401, 407), pattern{
		diagnosis: "Something behind the SBC asked for credentials; Direct Routing itself uses TLS, not digest (inference).",
		next:      "Check the SBC logs for which PBX or carrier sent the challenge and the SBC's credentials for it.",
		sources:   []string{"RFC 3261 §21.4.2"}}},
	{sips(502), pattern{
		diagnosis: "Bad response on the SBC-to-carrier/PBX leg (inference).",
		next:      "Read the SBC logs for the downstream leg of this call.",
		sources:   []string{"RFC 3261 §21.5.3"}}},
	{sips(481, 491), pattern{
		diagnosis: "A signaling race (a request crossing a teardown, or colliding re-INVITEs); harmless " +
			"unless it clusters (inference).",
		next:    "If many rows on one trunk show it, compare hold/resume and media bypass re-INVITE handling on the SBC.",
		sources: []string{"RFC 3261 §21.4.19", "RFC 3261 §21.4.27"}}},

	// Microsoft service states and bots.
	{sips(503), pattern{
		diagnosis: "Service unavailable: an SBC out of capacity or channels, or an endpoint in maintenance.",
		next: "With no telling subcode, check the SBC logs and the trunk's concurrent calls at that hour " +
			"against MaxConcurrentSessions and the SBC licence.",
		sources: []string{"ms-dr-503", "ms-health"}}},
	{subs(540998), pattern{
		diagnosis: "Microsoft SIP endpoint draining for maintenance.",
		next: "Sporadic: nothing to fix. Frequent: make the SBC re-resolve Microsoft's SIP FQDNs at least " +
			"every 15 minutes so it stops using drained endpoints.",
		sources: []string{"ms-dr-503"}}},
	{subs(10320), pattern{
		diagnosis: "The bot could not be reached or did not answer in time.",
		next:      "Microsoft bot (e.g. recording): open a Microsoft support case; your own or a third-party bot: contact its provider.",
		sources:   []string{"ms-dr-503"}}},
	{subs(10321), pattern{
		diagnosis: "The bot was busy and refused the call.",
		next:      "Check the bot's capacity with whoever runs it.",
		sources:   []string{"ms-dr-486"}}},

	// User outcomes and normal ends.
	{[]patternKey{{0, 0}, {0, 540000}, {0, 560000}, {anySIP, 540000}, {anySIP, 560000}}, pattern{
		diagnosis: "Normal end of call; no SIP error.",
		next: "Nothing to fix. If calls keep ending at the same duration (e.g. about 30 min), check the " +
			"SBC's session-timer refreshes.",
		sources: []string{"graph-fn", "acs-pstn", "ms-dr-inbound"}}},
	{sips(200), pattern{
		diagnosis: "Answered.",
		next:      "Nothing to fix; for quality issues open the call record's sessions.",
		sources:   []string{"RFC 3261 §21.2.1"}}},
	{slices.Concat(subs(560486, 540486), sips(486, 600)), pattern{
		diagnosis: "Callee busy: a user outcome, counted as delivered for NER.",
		next: "Nothing to fix. If callers get repeated missed-call notices after busy, check how the carrier " +
			"treats Q.850 cause 34.",
		sources: []string{"ms-dr-486", "acs-pstn", "ms-dr-inbound"}}},
	{slices.Concat([]patternKey{{487, 0}}, subs(540487, 560487), sips(487)), pattern{
		diagnosis: "Cancelled by the caller before answer; not a fault.",
		next: "Nothing to fix, unless many calls are abandoned very quickly: then look at post-dial delay " +
			"and ringback (183 handling on the SBC).",
		sources: []string{"acs-pstn", "ms-dr-inbound"}}},
	{subs(10003), pattern{
		diagnosis: "Another endpoint of the same user answered; this leg was cancelled by normal forking.",
		next:      "Nothing to fix; the answered leg shares the correlation ID.",
		sources:   []string{"acs-callend"}}},
	{subs(10004), pattern{
		diagnosis: "No answer: nobody picked up before the ring timeout.",
		next:      "Nothing to fix unless widespread for one user (then check their forwarding and voicemail settings).",
		sources:   []string{"acs-callend"}}},
	{slices.Concat([]patternKey{{603, 0}}, subs(10024)), pattern{
		diagnosis: "Declined by the callee in Teams.",
		next:      "Nothing to fix; a user decision.",
		sources:   []string{"acs-callend"}}},
	{slices.Concat(subs(560603), sips(603)), pattern{
		diagnosis: "Declined by the callee, or by carrier fraud control.",
		next: "Nothing to fix for single calls; if one destination or caller is declined in bulk, ask the " +
			"carrier whether fraud control is blocking it.",
		sources: []string{"acs-pstn"}}},
	{sips(607, 608), pattern{
		diagnosis: "Rejected as unwanted/spam by the callee or an intermediary.",
		next:      "If legitimate calls are hit, check the caller ID presented and ask the carrier to review its call-blocking analytics.",
		sources:   []string{"RFC 8197", "RFC 8688"}}},
	{slices.Concat(subs(10037, 560480), sips(480)), pattern{
		diagnosis: "No answer, or callee not available (e.g. no Teams client signed in); not a fault on its own.",
		next: "Only act if widespread: for 10037 check whether the user is signed in to Teams (sign out and " +
			"in again), otherwise group by destination.",
		sources: []string{"ms-dr-480", "acs-pstn"}}},
	{subs(10076, 10077, 10078), pattern{
		diagnosis: "The callee's Teams client was offline or unreachable when the call came in.",
		next:      "Nothing to fix for single calls; for one user repeatedly, check their devices and sign-in.",
		sources:   []string{"acs-callend"}}},
}
