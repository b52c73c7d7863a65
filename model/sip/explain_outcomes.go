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
	// 560420: "make sure that it's configured to support the required
	// headers, such as the Replaces header" (SIP response code 420, live
	// page, date not shown; ms-dr-420). 10202: SIP response code 404.
	{subs(560420, 10202), pattern{
		diagnosis: "Transfer/forward handling on the SBC: it lacks a required extension (Replaces) or lost " +
			"the replacement call of a consultative transfer.",
		next: "Enable Replaces and REFER handling as the SBC vendor's Teams guide describes, and test " +
			"transfers and call-queue calls through this trunk.",
		place:   PlaceSBCConfig,
		sources: []string{"ms-dr-420", "ms-dr-404", "ms-dr-transfer"}}},
	// 540420 "420 Bad Extension": "Check the SBC configuration to make sure
	// that it doesn't require an unsupported SIP protocol extension such as
	// REQUIRE : 100rel." (SIP response code 420, live page, date not shown;
	// the repository copy of ms.date 2024-11-22 lists only 560420; ms-dr-420).
	{subs(540420), pattern{
		diagnosis: "The SBC required a SIP extension that Microsoft does not support (for example " +
			"\"Require: 100rel\"), so Microsoft refused the request with 420 Bad Extension.",
		next: "Change the SBC's Teams-facing configuration so that it no longer requires the extension " +
			"(100rel, for one) in its requests to Microsoft.",
		place:   PlaceSBCConfig,
		sources: []string{"ms-dr-420"}}},
	{subs(560402), pattern{
		diagnosis: "The carrier refused the call for billing or credit reasons (Payment Required).",
		next:      "Group the rows by destination country and ask the carrier about credit or barring for those destinations.",
		place:     PlaceCarrier,
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
		place:     PlaceSBCLogs,
		sources:   []string{"RFC 3261 §21.4.2"}}},
	{sips(502), pattern{
		diagnosis: "Bad response on the SBC-to-carrier/PBX leg (inference).",
		next:      "Read the SBC logs for the downstream leg of this call.",
		place:     PlaceSBCLogs,
		sources:   []string{"RFC 3261 §21.5.3"}}},
	{sips(481, 491), pattern{
		diagnosis: "A signaling race (a request crossing a teardown, or colliding re-INVITEs); harmless " +
			"unless it clusters (inference).",
		next:    "If many rows on one trunk show it, compare hold/resume and media bypass re-INVITE handling on the SBC.",
		place:   PlaceSBCLogs,
		sources: []string{"RFC 3261 §21.4.19", "RFC 3261 §21.4.27"}}},

	// Microsoft service states and bots.
	{sips(503), pattern{
		diagnosis: "Service unavailable: an SBC out of capacity or channels, or an endpoint in maintenance.",
		next: "With no telling subcode, check the SBC logs and the trunk's concurrent calls at that hour " +
			"against MaxConcurrentSessions and the SBC licence.",
		place:   PlaceSBCLogs,
		sources: []string{"ms-dr-503", "ms-health"}}},
	{subs(540998), pattern{
		diagnosis: "Microsoft SIP endpoint draining for maintenance.",
		next: "Sporadic: nothing to fix. Frequent: make the SBC re-resolve Microsoft's SIP FQDNs at least " +
			"every 15 minutes so it stops using drained endpoints.",
		place:   PlaceSBCConfig,
		sources: []string{"ms-dr-503"}}},
	{subs(10320), pattern{
		diagnosis: "The bot could not be reached or did not answer in time.",
		next:      "Microsoft bot (e.g. recording): open a Microsoft support case; your own or a third-party bot: contact its provider.",
		sources:   []string{"ms-dr-503"}}},
	// 486 with 10321 counts as user busy (Classify); SIP response code 486
	// (ms.date 2023-10-30) lists 10321 as the bot being busy.
	{subs(10321), pattern{
		diagnosis: "A bot (for example a recording bot) answered busy; it counts as user busy, not as a " +
			"fault of the call path.",
		next:    "Nothing to fix: user busy is a user outcome, even when the busy party is a bot.",
		kind:    EndUserOutcome,
		sources: []string{"ms-dr-486"}}},

	// Normal ends: SIP 0 with 0, 540000 or 560000 (Graph's example row;
	// "Normal PSTN call end", Troubleshooting call end response codes for
	// PSTN calling, ms.date 2024-07-22), and 2xx.
	{[]patternKey{{0, 0}, {0, 540000}, {0, 560000}, {anySIP, 540000}, {anySIP, 560000}}, pattern{
		diagnosis: "Normal end of call; no SIP error.",
		next: "Nothing to fix. If calls keep ending at the same duration (e.g. about 30 min), the SBC's " +
			"session-timer refreshes are the question.",
		kind:    EndNormal,
		sources: []string{"graph-fn", "acs-pstn", "ms-dr-inbound"}}},
	{sips(200), pattern{
		diagnosis: "Answered.",
		next:      "Nothing to fix; for quality issues open the call record's sessions.",
		kind:      EndNormal,
		sources:   []string{"RFC 3261 §21.2.1"}}},

	// User outcomes. The Health Dashboard for Direct Routing (date not shown;
	// ms-health) counts "an answer message, a busy signal, or a ring with no
	// answer" and recipient rejects as delivered; the subcodes come from the
	// ACS table (ms.date 2024-07-22; acs-pstn): 560486/540486 "The called
	// number was busy", 540487/560487 "The caller terminated the call
	// request", 560480 "No answer from the called user", 560603 "Call
	// declined by the recipient". None of these is a fault, so none suggests
	// a place to look, whoever sent the final response.
	{slices.Concat(subs(560486, 540486), sips(486, 600)), pattern{
		diagnosis: "Callee busy (user busy in NER). Direct Routing maps 486 to Q.850 cause 34, which some " +
			"carriers retry, so a busy callee may see repeated missed-call notices.",
		next:    "Nothing to fix: user busy is a user outcome.",
		kind:    EndUserOutcome,
		sources: []string{"ms-dr-486", "acs-pstn", "ms-dr-inbound"}}},
	{slices.Concat([]patternKey{{487, 0}}, subs(540487, 560487), sips(487)), pattern{
		diagnosis: "The caller hung up before the call was answered (caller abandon); the 487 reports the " +
			"cancelled request, not a fault on either side.",
		next:    "Nothing to fix: a caller abandon is a user outcome.",
		kind:    EndUserOutcome,
		sources: []string{"acs-pstn", "ms-dr-inbound"}}},
	{subs(10003), pattern{
		diagnosis: "Another endpoint of the same user answered; this leg was cancelled by normal forking.",
		next:      "Nothing to fix; the answered leg shares the correlation ID.",
		kind:      EndUserOutcome,
		sources:   []string{"acs-callend"}}},
	{subs(10004), pattern{
		diagnosis: "No answer: nobody picked up before the ring timeout.",
		next:      "Nothing to fix: ring no answer is a user outcome.",
		kind:      EndUserOutcome,
		sources:   []string{"acs-callend"}}},
	{slices.Concat([]patternKey{{603, 0}}, subs(10024)), pattern{
		diagnosis: "Declined by the callee in Teams (terminal reject).",
		next:      "Nothing to fix: a decline is a user outcome.",
		kind:      EndUserOutcome,
		sources:   []string{"acs-callend"}}},
	{slices.Concat(subs(560603), sips(603)), pattern{
		diagnosis: "Declined by the callee (terminal reject). Azure Communication Services also lists the " +
			"carrier's fraud detection as a cause of 560603.",
		next:    "Nothing to fix: a decline is a user outcome.",
		kind:    EndUserOutcome,
		sources: []string{"acs-pstn"}}},
	{sips(607, 608), pattern{
		diagnosis: "Rejected as unwanted/spam by the callee or an intermediary.",
		next:      "If legitimate calls are hit, check the caller ID presented and ask the carrier to review its call-blocking analytics.",
		place:     PlaceCarrier,
		sources:   []string{"RFC 8197", "RFC 8688"}}},
	// 480: the Teams page (SIP response code 480, ms.date 2023-10-30) lists
	// 10037 (no signed-in endpoint), 10140 and 10191; 560480 is from ACS.
	{subs(10037, 560480), pattern{
		diagnosis: "No answer, or the callee was not available (for 10037: no Teams client signed in).",
		next:      "Nothing to fix: ring no answer is a user outcome.",
		kind:      EndUserOutcome,
		sources:   []string{"ms-dr-480", "acs-pstn"}}},
	{sips(480), pattern{
		diagnosis: "Temporarily unavailable with a subcode Microsoft does not document for 480, so callscope " +
			"cannot tell callee state from a policy or platform problem.",
		next:    "Read finalSipCodePhrase; if it repeats for one user, check that user's Teams sign-in and calling policy.",
		place:   PlaceClient,
		sources: []string{"ms-dr-480"}}},
	{subs(10076, 10077, 10078), pattern{
		diagnosis: "The callee's Teams client was offline or unreachable when the call came in.",
		next:      "Nothing to fix: the callee could not be reached, counted as ring no answer.",
		kind:      EndUserOutcome,
		sources:   []string{"acs-callend"}}},
}
