package sip

// subcodeRowsPSTN: the SBC-facing families of the PSTN hub: signaling
// (540xxx), transport (549xxx), the SBC's own final responses (560xxx) and
// failed connections to the SBC (569xxx).
var subcodeRowsPSTN = []SubcodeInfo{
	{Subcode: 540000, SIPCodes: []int{0}, Side: SideNormal,
		Meaning: "Normal end of call. Graph's own example is a successful ByotIn call with the phrase 'BYE'; " +
			"ACS describes it as a normal PSTN end (the user or the media agent hung up).",
		Sources: []string{"graph-fn", "acs-pstn"}},
	// 540200 was asked about; no public meaning was found. The source below
	// only backs the 5<X><Y><ZZZ> layout used to describe it.
	{Subcode: 540200, Side: SideUnknown,
		Meaning: "No public meaning found. Going by the 5<X><Y><ZZZ> layout it would be the PSTN hub's " +
			"signaling module (X=4, Y=0) with ZZZ=200; treat it as unknown.",
		Sources: []string{"ms-dr-codes"}},
	{Subcode: 540400, SIPCodes: []int{400}, Side: SideMicrosoftRejectsSBC,
		Meaning: "Bad Request: the SBC sent Microsoft a SIP message that is invalid or in a format Microsoft " +
			"does not support.",
		Sources: []string{"ms-dr-400"}},
	{Subcode: 540415, SIPCodes: []int{415}, Side: SideMicrosoftRejectsSBC,
		Meaning: "Unsupported Media Type: the SBC's offer has no body or a content type Microsoft does not " +
			"take (Content-Type application/pidf+xml, for example).",
		Sources: []string{"ms-dr-415"}},
	// 540420 is on the live "SIP response code 420" page (date not shown;
	// the repository copy of ms.date 2024-11-22 lists only 560420), not in
	// ms-subcodes.tsv: "Check the SBC configuration to make sure that it
	// doesn't require an unsupported SIP protocol extension such as
	// REQUIRE : 100rel."
	{Subcode: 540420, SIPCodes: []int{420}, Side: SideMicrosoftRejectsSBC,
		Meaning: "Bad Extension: the SBC's request requires a SIP extension Microsoft does not support " +
			"(Require: 100rel, for example), so Microsoft refused it.",
		Sources: []string{"ms-dr-420"}},
	{Subcode: 540422, SIPCodes: []int{422}, Side: SideMicrosoftRejectsSBC,
		Meaning: "Session Interval Too Small: the SBC has to send its refresh re-INVITEs as the RFC says; " +
			"consider raising its Session Timer and Minimum Session Timer.",
		Sources: []string{"ms-dr-422"}},
	{Subcode: 540486, SIPCodes: []int{486}, Side: SideUser,
		Meaning: "The called number was busy (inbound leg).",
		Sources: []string{"acs-pstn"}},
	{Subcode: 540487, SIPCodes: []int{487}, Side: SideUser,
		Meaning: "The caller withdrew the request, i.e. hung up on an inbound call before it was answered; " +
			"ACS counts this as a success.",
		Sources: []string{"acs-pstn", "acs-callend"}},
	{Subcode: 540998, SIPCodes: []int{503}, Side: SideMicrosoftService,
		Meaning: "Service Unavailable with service state Inactive/DrainingTransactions: the Microsoft SIP " +
			"endpoint was in maintenance. If it happens often, the SBC is not re-resolving Microsoft's FQDNs " +
			"often enough (ideally every 15 min or less).",
		Sources: []string{"ms-dr-503", "ms-pr-1984"}},
	{Subcode: 549002, SIPCodes: []int{504}, Side: SideSBCTransport,
		Meaning: "Microsoft could not deliver the INVITE: 'TlsTransport is not connected, State=Disconnected' " +
			"(SBC down or unreachable, firewall), or 'Invalid Request/Response line' (SIP/2.0 missing from the " +
			"request line or Via).",
		Sources: []string{"ms-dr-504"}},
	{Subcode: 549018, SIPCodes: []int{504}, Side: SideSBC,
		Meaning: "INVITE not delivered because of an 'Invalid Request/Response line': the SIP the SBC sends " +
			"is invalid or in an unsupported format.",
		Sources: []string{"ms-dr-504", "ms-pr-1984"}},
	{Subcode: 560000, SIPCodes: []int{0}, Side: SideNormal,
		Meaning: "Normal end of a PSTN call by the remote PSTN participant (the user or the media agent hung up).",
		Sources: []string{"acs-pstn", "acs-callend"}},
	{Subcode: 560402, SIPCodes: []int{402}, Side: SideSBC,
		Meaning: "Payment Required, returned by the SBC or the carrier behind it; look for trends in the " +
			"called numbers and destination countries.",
		Sources: []string{"ms-dr-402"}},
	{Subcode: 560403, SIPCodes: []int{403}, Side: SideSBC,
		Meaning: "'Forbidden; Call rejected': the SBC, or the carrier behind it, answered Microsoft's INVITE " +
			"with 403; read the SBC logs.",
		Sources: []string{"ms-dr-codes", "ms-dr-403"}},
	{Subcode: 560404, SIPCodes: []int{404}, Side: SideSBC,
		Meaning: "The SBC reports the phone number as not found, not assigned or not permitted.",
		Sources: []string{"acs-pstn"}},
	{Subcode: 560408, SIPCodes: []int{408}, Side: SideSBC,
		Meaning: "The SBC reports that the user did not respond (request timeout): a timer ran out downstream " +
			"of the SBC; look at called-number and destination trends.",
		Sources: []string{"ms-dr-codes", "ms-dr-408"}},
	{Subcode: 560420, SIPCodes: []int{420}, Side: SideSBC,
		Meaning: "Bad Extension: the SBC does not support an extension or header that is required (Replaces, " +
			"for example).",
		Sources: []string{"ms-dr-420"}},
	{Subcode: 560480, SIPCodes: []int{480}, Side: SideUser,
		Meaning: "Downstream, the called user did not answer or was temporarily unavailable.",
		Sources: []string{"acs-pstn"}},
	{Subcode: 560484, SIPCodes: []int{484}, Side: SideSBC,
		Meaning: "Invalid number format: the SBC refused the call because of the number in the To header; " +
			"check normalization rules, misdials and forwarding configuration (ByotOutUserForwarding).",
		Sources: []string{"ms-dr-codes", "ms-dr-484", "acs-pstn"}},
	{Subcode: 560486, SIPCodes: []int{486}, Side: SideUser,
		Meaning: "The called PSTN number was busy.",
		Sources: []string{"acs-pstn", "acs-callend"}},
	{Subcode: 560487, SIPCodes: []int{487}, Side: SideUser,
		Meaning: "The caller ended the request, i.e. terminated with normal call clearing (the ACS table " +
			"prints the SIP code as 497, apparently a typo for 487).",
		Sources: []string{"acs-pstn"}},
	{Subcode: 560500, SIPCodes: []int{500}, Side: SideSBC,
		Meaning: "Internal server error in one of the services involved; by the 560 rule, on the SBC side.",
		Sources: []string{"acs-pstn"}},
	{Subcode: 560503, SIPCodes: []int{503}, Side: SideSBC,
		Meaning: "Service unavailable: the SBC is in maintenance or temporarily overloaded (concurrent " +
			"sessions above its licence or capacity, or no free circuit/channel); check the destination route.",
		Sources: []string{"ms-dr-codes", "ms-dr-503", "acs-pstn"}},
	{Subcode: 560603, SIPCodes: []int{603}, Side: SideUser,
		Meaning: "The recipient declined the call, or fraud detection declined it.",
		Sources: []string{"acs-pstn"}},
	{Subcode: 569002, SIPCodes: []int{504}, Side: SideSBCTransport,
		Meaning: "Microsoft could not deliver the INVITE/ACK to the SBC: the connection attempt timed out, the " +
			"SBC actively refused it, outgoing TLS negotiation failed (HRESULT=0x80096004, or wrong target " +
			"principal name 0x80090322 CERT_E_WRONG_USAGE), or TLS decryption failed (HRESULT=590615, TLS " +
			"context expired).",
		Sources: []string{"ms-dr-504"}},
	{Subcode: 569003, SIPCodes: []int{504}, Side: SideSBCTransport,
		Meaning: "Outgoing TLS negotiation failed with HRESULT=0x80090326: the SBC certificate has to come " +
			"from a trusted CA and must not be expired.",
		Sources: []string{"ms-dr-504"}},
	{Subcode: 569008, SIPCodes: []int{504}, Side: SideSBCTransport,
		Meaning: "Outgoing TLS negotiation failed because the SBC's certificate has expired (0x80090328 " +
			"SEC_E_CERT_EXPIRED); renew it and recycle the old TLS connections.",
		Sources: []string{"ms-dr-504"}},
	{Subcode: 569009, SIPCodes: []int{504}, Side: SideSBCTransport,
		Meaning: "Outgoing TLS negotiation failed with 0x80090325 SEC_E_UNTRUSTED_ROOT: the SBC certificate " +
			"does not chain to a trusted public root, or the wrong TLS profile is in use.",
		Sources: []string{"ms-dr-codes", "ms-dr-504"}},
	{Subcode: 569015, SIPCodes: []int{504}, Side: SideSBCTransport,
		Meaning: "INVITE not delivered, 'No such host is known': the SBC FQDN does not resolve in DNS.",
		Sources: []string{"ms-dr-504", "ms-pr-1984"}},
	{Subcode: 569016, SIPCodes: []int{504}, Side: SideSBCTransport,
		Meaning: "INVITE/ACK not delivered: the name is valid but has no data of the requested type, i.e. no " +
			"A/AAAA record (only the TXT record used for domain verification, for example).",
		Sources: []string{"ms-dr-504", "ms-pr-1984"}},
	{Subcode: 569018, SIPCodes: []int{504}, Side: SideSBC,
		Meaning: "INVITE not delivered because of an 'Invalid Request/Response line': the SIP the SBC sends " +
			"is invalid or in an unsupported format.",
		Sources: []string{"ms-dr-504", "ms-pr-1984"}},
}
