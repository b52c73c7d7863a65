package sip

import "slices"

// codeTable holds one row per SIP code in shared/sip-codes.tsv. The 4xx rows
// live in codes_table_4xx.go.
var codeTable = slices.Concat(codeRowsLow, codeRows4xx, codeRowsHigh)

// codeRowsLow: the 0 pseudo-code, 1xx, 2xx and 3xx.
var codeRowsLow = []CodeInfo{
	{Code: 0, Phrase: "",
		Meaning: "Not a SIP status at all: call rows carry 0 when the call was cleared normally " +
			"(typically with subcode 540000 or 560000 and the phrase BYE).",
		TeamsHint: "On a successful row this is a clean hang-up. On an attempt row read the subcode and phrase " +
			"instead; note that subcode 0 next to a real SIP code (such as 408 with subcode 0) is a different case.",
		Sources: []string{"graph-fn", "acs-pstn"}},
	{Code: 100, Phrase: "Trying",
		Meaning: "Provisional: the next hop has the request and is working on it. It stops INVITE " +
			"retransmissions and a stateful proxy never passes it upstream.",
		TeamsHint: "Never final. Microsoft's SIP proxy replies 100 to an SBC's INVITE straight away. Outbound " +
			"failover to the next SBC is only possible while the SBC has sent nothing provisional beyond 100.",
		Sources: []string{"RFC 3261 §21.1.1", "ms-sip", "ms-failover"}},
	{Code: 180, Phrase: "Ringing",
		Meaning:   "Provisional: the callee's device is alerting; the caller may play local ringback.",
		TeamsHint: "Not final. Teams sends a 180 for the progress of each forked endpoint, each with its own To tag.",
		Sources:   []string{"RFC 3261 §21.1.2", "ms-sip"}},
	{Code: 181, Phrase: "Call Is Being Forwarded",
		Meaning:   "Provisional: the call is being passed on to other destinations.",
		TeamsHint: "Not final; purely informational.",
		Sources:   []string{"RFC 3261 §21.1.3"}},
	{Code: 182, Phrase: "Queued",
		Meaning:   "Provisional: the callee cannot take the call yet, so it waits in a queue instead of being refused.",
		TeamsHint: "Not final; purely informational.",
		Sources:   []string{"RFC 3261 §21.1.4"}},
	{Code: 183, Phrase: "Session Progress",
		Meaning: "Provisional: progress information that has no more specific code; often carries SDP " +
			"for early media.",
		TeamsHint: "Not final. Teams turns a 180 that carries SDP into a 183. Carriers that silence local " +
			"ringback on 183 cause 'no ringback' tickets: let the SBC pass on only the first 18x, or rewrite " +
			"183 as a 180 without SDP.",
		Sources: []string{"RFC 3261 §21.1.5", "ms-dr-inbound"}},
	{Code: 199, Phrase: "Early Dialog Terminated",
		Meaning:   "Provisional: an early dialog ended before any final response was sent.",
		TeamsHint: "Not final; seldom seen in Direct Routing data.",
		Sources:   []string{"RFC 6228"}},
	{Code: 200, Phrase: "OK",
		Meaning: "Success: the request worked; for an INVITE, the callee answered.",
		TeamsHint: "Answered. On outbound calls the report's start time is when the proxy got the SBC's 200 OK. " +
			"On inbound calls the SBC has to ACK Microsoft's 200 OK, otherwise the call fails as 408 with subcode 1106.",
		Sources: []string{"RFC 3261 §21.2.1", "ms-pstn-report", "ms-dr-408"}},
	{Code: 202, Phrase: "Accepted",
		Meaning: "Success: accepted for processing later (the usual answer to a REFER).",
		TeamsHint: "Transfers: the SBC must answer Microsoft's REFER with 202 and follow up with NOTIFYs; " +
			"without them the transfer times out and the call drops.",
		Sources: []string{"RFC 3515", "ms-dr-transfer"}},
	{Code: 300, Phrase: "Multiple Choices",
		Meaning: "Redirect: the callee could be reached at several locations.",
		TeamsHint: "Unusual as a final code on Direct Routing rows; if present, something downstream " +
			"redirected and nobody acted on it (inference).",
		Sources: []string{"RFC 3261 §21.3.1"}},
	{Code: 301, Phrase: "Moved Permanently",
		Meaning:   "Redirect: the user has left this address for good; retry at the Contact address.",
		TeamsHint: "Read it like 300 (inference).",
		Sources:   []string{"RFC 3261 §21.3.2"}},
	{Code: 302, Phrase: "Moved Temporarily",
		Meaning: "Redirect: for now, try the address(es) given in Contact.",
		TeamsHint: "Some PBXs and carriers forward calls with a 302; as a final code it points at the SBC's " +
			"redirect handling (inference).",
		Sources: []string{"RFC 3261 §21.3.3"}},
	{Code: 305, Phrase: "Use Proxy",
		Meaning:   "Redirect: the request has to go through the proxy named in Contact.",
		TeamsHint: "Rarely seen (inference).",
		Sources:   []string{"RFC 3261 §21.3.4"}},
	{Code: 380, Phrase: "Alternative Service",
		Meaning:   "Redirect: the call did not succeed, but other services could be tried.",
		TeamsHint: "Rarely seen (inference).",
		Sources:   []string{"RFC 3261 §21.3.5"}},
}

// codeRowsHigh: 5xx and 6xx.
var codeRowsHigh = []CodeInfo{
	{Code: 500, Phrase: "Server Internal Error",
		Meaning: "Something unexpected stopped the server from completing the request.",
		TeamsHint: "Microsoft uses 500 for configuration faults: 510544 no outbound trunk configuration, or no " +
			"Direct Routing gateways for an emergency user; 510482 loop detected. 560500 is an internal error " +
			"on the SBC side.",
		Sources: []string{"RFC 3261 §21.5.1", "ms-dr-500", "acs-pstn"}},
	{Code: 501, Phrase: "Not Implemented",
		Meaning:   "The server lacks what it needs (usually the method) to fulfil the request.",
		TeamsHint: "A capability gap between the SBC and its peer (inference).",
		Sources:   []string{"RFC 3261 §21.5.2"}},
	{Code: 502, Phrase: "Bad Gateway",
		Meaning:   "A gateway or proxy got an invalid response from further downstream.",
		TeamsHint: "Trouble on the SBC-to-carrier/PBX leg; read the SBC logs (inference).",
		Sources:   []string{"RFC 3261 §21.5.3"}},
	{Code: 503, Phrase: "Service Unavailable",
		Meaning: "Temporary overload or maintenance; the client should try another server.",
		TeamsHint: "560503: the SBC is above its licensed or concurrent capacity, or has no free circuit/channel; " +
			"check MaxConcurrentSessions, the SBC licence and the destination route. 540998: a Microsoft SIP " +
			"endpoint was draining; if that is frequent the SBC is not re-resolving DNS often enough (every " +
			"15 min or less). 10320: bot unreachable. One of the default outbound failover codes.",
		Sources: []string{"RFC 3261 §21.5.4", "ms-dr-503", "ms-failover", "ms-health"}},
	{Code: 504, Phrase: "Server Time-out",
		Meaning: "A server this one depended on did not answer in time.",
		TeamsHint: "Microsoft could not deliver a request to the SBC. For 549002/569002 the phrase decides the " +
			"fix (SIP response code 504, 2024-11-22): not connected, timed out, refused or 0x80096004 mean the " +
			"SBC is down or unreachable; CERT_E_WRONG_USAGE a certificate not from a public root CA; \"TLS " +
			"decryption failed\" an expired TLS context (SBC vendor); \"Invalid Request/Response line\" SIP " +
			"without SIP/2.0. 569003/569008/569009 certificate untrusted or expired; 569015/569016 SBC DNS; " +
			"549018/569018 malformed SIP. Lowers NER (the Health Dashboard's own example). One of the default " +
			"outbound failover codes.",
		Sources: []string{"RFC 3261 §21.5.5", "ms-dr-504", "ms-health", "ms-failover"}},
	{Code: 505, Phrase: "Version Not Supported",
		Meaning: "The server does not support the SIP protocol version used.",
		TeamsHint: "Verify SIP/2.0 in the request line and Via headers (compare 549002 'Invalid " +
			"Request/Response line') (inference).",
		Sources: []string{"RFC 3261 §21.5.6", "ms-dr-504"}},
	{Code: 513, Phrase: "Message Too Large",
		Meaning:   "The message is longer than the server can process.",
		TeamsHint: "Rarely seen.",
		Sources:   []string{"RFC 3261 §21.5.7"}},
	{Code: 580, Phrase: "Precondition Failure",
		Meaning:   "Quality-of-service or security preconditions could not be satisfied.",
		TeamsHint: "Rarely seen.",
		Sources:   []string{"RFC 3312"}},
	{Code: 600, Phrase: "Busy Everywhere",
		Meaning:   "The callee is busy and no other endpoint will accept the call.",
		TeamsHint: "A user outcome; counts as user busy for NER.",
		Sources:   []string{"RFC 3261 §21.6.1"}},
	{Code: 603, Phrase: "Decline",
		Meaning: "The callee explicitly will not, or cannot, take part in the call.",
		TeamsHint: "560603: declined by the recipient or by carrier fraud detection; 603 with subcode 0: rejected " +
			"in Teams or an SDK client. A user outcome (terminal reject) unless fraud control fired.",
		Sources: []string{"RFC 3261 §21.6.2", "acs-pstn", "acs-callend"}},
	{Code: 604, Phrase: "Does Not Exist Anywhere",
		Meaning:   "The user named in the Request-URI exists nowhere.",
		TeamsHint: "An unallocated number downstream; handle like the 404/484 number problems.",
		Sources:   []string{"RFC 3261 §21.6.3"}},
	{Code: 606, Phrase: "Not Acceptable",
		Meaning:   "The session description is not acceptable anywhere.",
		TeamsHint: "A global media/codec mismatch; handle like 488.",
		Sources:   []string{"RFC 3261 §21.6.4"}},
	{Code: 607, Phrase: "Unwanted",
		Meaning:   "The called party marked the call as unwanted (spam).",
		TeamsHint: "Spam rejection by the callee or the carrier.",
		Sources:   []string{"RFC 8197"}},
	{Code: 608, Phrase: "Rejected",
		Meaning:   "An intermediary refused the call, for example call analytics or robocall blocking.",
		TeamsHint: "Rejected on the carrier side.",
		Sources:   []string{"RFC 8688"}},
}
