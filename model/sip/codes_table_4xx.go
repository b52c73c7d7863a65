package sip

// codeRows4xx: request failures, the class most Direct Routing triage is about.
var codeRows4xx = []CodeInfo{
	{Code: 400, Phrase: "Bad Request",
		Meaning: "The request's syntax was malformed, so it could not be understood.",
		TeamsHint: "With subcode 540400 Microsoft refused a SIP message from the SBC that was invalid or in a form " +
			"it does not support; correct the SBC's SIP formatting.",
		Sources: []string{"RFC 3261 §21.4.1", "ms-dr-400"}},
	{Code: 401, Phrase: "Unauthorized",
		Meaning: "The user agent server or registrar wants the user to authenticate.",
		TeamsHint: "Direct Routing trunks authenticate with mutual TLS, never digest, so a final 401 suggests a " +
			"PBX or carrier behind the SBC asking for credentials (inference).",
		Sources: []string{"RFC 3261 §21.4.2"}},
	{Code: 402, Phrase: "Payment Required",
		Meaning: "Reserved by RFC 3261; carriers use it to refuse a call for billing or credit reasons.",
		TeamsHint: "Subcode 560402: the SBC or its carrier returned it; group the rows by destination " +
			"country/region to find a carrier problem.",
		Sources: []string{"RFC 3261 §21.4.3", "ms-dr-402"}},
	{Code: 403, Phrase: "Forbidden",
		Meaning: "The server understood the request and will not carry it out; authorizing will not help " +
			"and it should not be retried.",
		TeamsHint: "The most overloaded code, so the subcode decides whose side it is. 560403: the SBC or its " +
			"carrier refused (read the SBC logs). Microsoft-side subcodes: 510559 no matching voice route; " +
			"510560/510562 user not enabled for Enterprise Voice or PSTN calling (licensing); 510563 user limited " +
			"to domestic calls; 510532 no trunk configuration (SBC FQDN not paired); 510534 caller blocked; " +
			"510546 Location-Based Routing / toll-bypass restriction; 10199 private calling off; 10500 LBR site " +
			"state; 10553 compliance recorder. Microsoft also answers 403 when the Contact header carries an IP " +
			"address instead of the paired FQDN.",
		Sources: []string{"RFC 3261 §21.4.4", "ms-dr-403", "ms-sip", "ms-dr-outbound"}},
	{Code: 404, Phrase: "Not Found",
		Meaning: "The user is unknown at this domain, or the domain is not served here.",
		TeamsHint: "511404: the inbound reverse number lookup found no user or resource account (number not " +
			"assigned, or not in E.164); 560404: the SBC or carrier could not find the number; 10202: the " +
			"replacement call of a merge or consultative transfer was missing. Carriers often answer outbound " +
			"calls with 403/404.",
		Sources: []string{"RFC 3261 §21.4.5", "ms-dr-404", "acs-pstn", "ms-dr-outbound"}},
	{Code: 405, Phrase: "Method Not Allowed",
		Meaning: "The method is known but not permitted for this target; the Allow header lists what is.",
		TeamsHint: "Points at a capability gap between the SBC and its peer, such as REFER or UPDATE being " +
			"refused (inference).",
		Sources: []string{"RFC 3261 §21.4.6"}},
	{Code: 406, Phrase: "Not Acceptable",
		Meaning:   "The only responses available would not satisfy the request's Accept header.",
		TeamsHint: "Rarely seen (inference).",
		Sources:   []string{"RFC 3261 §21.4.7"}},
	{Code: 407, Phrase: "Proxy Authentication Required",
		Meaning:   "The client has to authenticate with the proxy before it can go further.",
		TeamsHint: "Read it like 401: a proxy or carrier downstream wants digest credentials (inference).",
		Sources:   []string{"RFC 3261 §21.4.8"}},
	{Code: 408, Phrase: "Request Timeout",
		Meaning: "No response could be produced in time, for example because the user could not be located soon enough.",
		TeamsHint: "500001: Microsoft gave up after FailoverTimeSeconds (10 s by default) without an answer from " +
			"the SBC to its INVITE; raised by Microsoft, caused on the SBC side. 560408: the SBC or a hop behind " +
			"it timed out waiting for the callee. 1106: the callee answered but the SBC never ACKed the 200 OK. " +
			"Subcode 0: 'Establishment timeout', media not up within 90 s (client network). 408 is one of the " +
			"default outbound failover codes.",
		Sources: []string{"RFC 3261 §21.4.9", "ms-dr-codes", "ms-dr-408", "ms-failover"}},
	{Code: 410, Phrase: "Gone",
		Meaning: "The resource is permanently unavailable and no forwarding address is known.",
		TeamsHint: "Teams reports media failures as 410: 531000 SDP parsing failure, 531004 ICE connectivity " +
			"checks failed, 531005 media connectivity failure. Check firewall rules, media ports and the SBC's " +
			"SDP; the typical symptom is answered calls going silent and dropping after 10-20 s.",
		Sources: []string{"RFC 3261 §21.4.10", "ms-dr-410", "ms-dr-inbound"}},
	{Code: 412, Phrase: "Conditional Request Failed",
		Meaning: "A precondition carried by the request (the SIP PUBLISH entity tag) did not hold.",
		TeamsHint: "510412 ('wrong callee MRI'): the callee number of an inbound call was malformed; fix the " +
			"number format on the SBC or at the carrier.",
		Sources: []string{"RFC 3903", "ms-dr-412"}},
	{Code: 413, Phrase: "Request Entity Too Large",
		Meaning:   "The body is larger than the server is willing to process.",
		TeamsHint: "Rare; oversized SDP or headers from the SBC (inference).",
		Sources:   []string{"RFC 3261 §21.4.11"}},
	{Code: 414, Phrase: "Request-URI Too Long",
		Meaning:   "The Request-URI is longer than the server is willing to interpret.",
		TeamsHint: "Rarely seen (inference).",
		Sources:   []string{"RFC 3261 §21.4.12"}},
	{Code: 415, Phrase: "Unsupported Media Type",
		Meaning: "The format of the message body is not supported for this method.",
		TeamsHint: "540415: the SBC's offer had no body or used a content type Microsoft does not take " +
			"(for example application/pidf+xml); fix the SBC configuration.",
		Sources: []string{"RFC 3261 §21.4.13", "ms-dr-415"}},
	{Code: 416, Phrase: "Unsupported URI Scheme",
		Meaning: "The server does not know the scheme of the Request-URI.",
		TeamsHint: "Direct Routing does not accept SIPS URIs, so make sure the SBC sends sip: URIs (tying 416 to " +
			"this is our inference).",
		Sources: []string{"RFC 3261 §21.4.14", "ms-sip"}},
	{Code: 417, Phrase: "Unknown Resource-Priority",
		Meaning:   "The Resource-Priority namespace in the request was not understood.",
		TeamsHint: "Rarely seen.",
		Sources:   []string{"RFC 4412"}},
	{Code: 420, Phrase: "Bad Extension",
		Meaning: "An extension listed in Require or Proxy-Require is not understood.",
		TeamsHint: "Two directions (SIP response code 420, live page): 560420, the SBC lacks an extension " +
			"Microsoft needs (for example the Replaces header used by transfers and call queues); 540420, the " +
			"SBC requires an extension Microsoft does not support (for example Require: 100rel). Either way " +
			"the fix is in the SBC configuration.",
		Sources: []string{"RFC 3261 §21.4.15", "ms-dr-420"}},
	{Code: 421, Phrase: "Extension Required",
		Meaning: "The server needs an extension (such as 100rel/PRACK from RFC 3262, or timer) that the " +
			"request did not list in Supported.",
		TeamsHint: "One side insists on an extension the other did not advertise; compare Supported/Require on " +
			"both legs (inference).",
		Sources: []string{"RFC 3261 §21.4.16"}},
	{Code: 422, Phrase: "Session Interval Too Small",
		Meaning: "The Session-Expires value is below the server's minimum (Min-SE).",
		TeamsHint: "540422: raise the SBC's Session-Expires and/or Min-SE and make sure its refresh re-INVITEs " +
			"follow the RFC. Related symptom: calls dropping after a fixed number of minutes.",
		Sources: []string{"RFC 4028", "ms-dr-422", "ms-dr-inbound"}},
	{Code: 423, Phrase: "Interval Too Brief",
		Meaning:   "The expiry asked for in a registration or refresh is too short.",
		TeamsHint: "Registration-related; not expected on Direct Routing trunks (inference).",
		Sources:   []string{"RFC 3261 §21.4.17"}},
	{Code: 480, Phrase: "Temporarily Unavailable",
		Meaning: "The callee's system was reached, but the callee cannot take calls right now (not signed in, " +
			"do-not-disturb and the like).",
		TeamsHint: "Mostly user state rather than a fault: 10037 no signed-in Teams endpoints; 10191 voicemail " +
			"routing turned off in the calling policy; 10140 bot with null settings; 560480 no answer or " +
			"unavailable downstream. Counts as delivered (ring-no-answer) for NER.",
		Sources: []string{"RFC 3261 §21.4.18", "ms-dr-480", "acs-pstn"}},
	{Code: 481, Phrase: "Call/Transaction Does Not Exist",
		Meaning: "The request matches no existing dialog or transaction.",
		TeamsHint: "Usually a BYE or CANCEL that crossed a teardown; harmless on its own, worth a look when it " +
			"clusters on one trunk (inference).",
		Sources: []string{"RFC 3261 §21.4.19"}},
	{Code: 482, Phrase: "Loop Detected",
		Meaning:   "A proxy saw the request come back around to itself.",
		TeamsHint: "Microsoft's own loop detection shows up as subcode 510482 with SIP 500: endless call forwarding.",
		Sources:   []string{"RFC 3261 §21.4.20", "ms-dr-500"}},
	{Code: 483, Phrase: "Too Many Hops",
		Meaning:   "Max-Forwards reached zero before the request arrived.",
		TeamsHint: "A forwarding loop between PBX, SBC and carrier (inference).",
		Sources:   []string{"RFC 3261 §21.4.21"}},
	{Code: 484, Phrase: "Address Incomplete",
		Meaning: "The Request-URI is incomplete (overlap dialling).",
		TeamsHint: "560484: the SBC refused the format of the called number; look at called-number and country " +
			"trends, add normalization rules or coach users. On ByotOutUserForwarding rows it may be the SBC's " +
			"forwarding configuration.",
		Sources: []string{"RFC 3261 §21.4.22", "ms-dr-484", "acs-pstn"}},
	{Code: 485, Phrase: "Ambiguous",
		Meaning:   "The Request-URI is ambiguous; the response may offer candidate addresses.",
		TeamsHint: "Rarely seen.",
		Sources:   []string{"RFC 3261 §21.4.23"}},
	{Code: 486, Phrase: "Busy Here",
		Meaning: "The callee was reached but cannot or will not take another call on this end system.",
		TeamsHint: "A user outcome: 560486/540486 callee busy, 10321 bot busy; counts as delivered for NER. " +
			"Direct Routing maps 486 to Q.850 cause 34 (NICC ND1017) rather than 17 (RFC 4497), so some " +
			"carriers retry and the user sees duplicate missed-call notices.",
		Sources: []string{"RFC 3261 §21.4.24", "ms-dr-486", "acs-pstn", "ms-dr-inbound"}},
	{Code: 487, Phrase: "Request Terminated",
		Meaning: "The request was ended by a BYE or CANCEL (it is never the answer to the CANCEL itself).",
		TeamsHint: "The caller gave up before answer: 540487 (inbound), 560487 (outbound) or subcode 0. " +
			"Teams-side variants: 10003 taken on another endpoint, 10004 ring timeout, 10024 declined on every " +
			"endpoint. Normally not a fault.",
		Sources: []string{"RFC 3261 §21.4.25", "acs-pstn", "acs-callend"}},
	{Code: 488, Phrase: "Not Acceptable Here",
		Meaning: "The session description cannot be accepted at this resource, though it might be elsewhere.",
		TeamsHint: "Codec/SRTP/ICE mismatch: 531000 'CannotSupportAnyMedia' (no usable codec) or " +
			"'SrtpEncryptionRequired' (the SBC offered no SRTP); 531027 no ICE candidates, so media bypass " +
			"cannot work (turn on ICE-Lite); 531052 SDP with address 0.0.0.0 (blackhole) is not supported.",
		Sources: []string{"RFC 3261 §21.4.26", "ms-dr-488"}},
	{Code: 489, Phrase: "Bad Event",
		Meaning:   "The event package named in SUBSCRIBE/NOTIFY is not understood.",
		TeamsHint: "Rarely seen on call rows.",
		Sources:   []string{"RFC 6665"}},
	{Code: 491, Phrase: "Request Pending",
		Meaning: "Glare: another request is still pending in the same dialog.",
		TeamsHint: "Colliding re-INVITEs, for example around hold/resume or media bypass / local media " +
			"optimization re-INVITE sequences (inference).",
		Sources: []string{"RFC 3261 §21.4.27", "ms-dr-inbound"}},
	{Code: 493, Phrase: "Undecipherable",
		Meaning:   "An encrypted MIME body could not be decrypted.",
		TeamsHint: "Rarely seen.",
		Sources:   []string{"RFC 3261 §21.4.28"}},
}
