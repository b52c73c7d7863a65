package sip

// subcodeRowsPlatform: subcode 0, the Teams calling-platform codes (4-digit
// and 10xxx), and the PSTN hub's core, routing and media families (500xxx,
// 510/511xxx, 531xxx). Rows marked "ACS" in the notes come from the Azure
// Communication Services tables, which share the PSTN hub and numbering.
var subcodeRowsPlatform = []SubcodeInfo{
	{Subcode: 0, SIPCodes: []int{0, 408, 487, 603}, Side: SideMixed,
		Meaning: "Read it with the SIP code. With 0 the call ended normally (a local participant hung up). " +
			"With 408 it is 'Establishment timeout' (ConversationEndReasonNoModalityConnected): media did not " +
			"come up within 90 s, a client-side problem, so look at the client's network to Teams. With 487 " +
			"the caller cancelled; with 603 the callee declined.",
		Sources: []string{"ms-dr-408", "ms-dr-codes", "acs-callend"}},
	{Subcode: 1106, SIPCodes: []int{408}, Side: SideSBC,
		Meaning: "The callee answered, but the SBC did not acknowledge Microsoft's 200 OK within the allowed " +
			"time; look at the SBC's SIP stack and its TCP/TLS path to Microsoft's signaling FQDNs.",
		Sources: []string{"ms-dr-408"}},
	{Subcode: 10003, SIPCodes: []int{487}, Side: SideNormal,
		Meaning: "This endpoint's leg was cancelled because another endpoint of the same user took the call " +
			"(ordinary forking).",
		Sources: []string{"acs-callend"}},
	{Subcode: 10004, SIPCodes: []int{487}, Side: SideUser,
		Meaning: "Cancelled on timeout: no callee endpoint accepted or refused the call in time (typically " +
			"about two minutes).",
		Sources: []string{"acs-callend"}},
	{Subcode: 10024, SIPCodes: []int{487}, Side: SideUser,
		Meaning: "Every endpoint of the callee declined the call.",
		Sources: []string{"acs-callend"}},
	{Subcode: 10037, SIPCodes: []int{480}, Side: SideUser,
		Meaning: "No callee endpoints were found. Expected when the Teams user has not signed in for a long " +
			"time; if they are signed in, have them sign out and back in, and failing that open a Microsoft " +
			"support case.",
		Sources: []string{"ms-dr-480", "acs-callend"}},
	{Subcode: 10057, SIPCodes: []int{408}, Side: SideClient,
		Meaning: "The callee never completed call setup (it lost its network or the app was closed).",
		Sources: []string{"acs-callend"}},
	{Subcode: 10076, SIPCodes: []int{480}, Side: SideClient,
		Meaning: "The target user is registered but was not online when the call came in.",
		Sources: []string{"acs-callend"}},
	{Subcode: 10077, SIPCodes: []int{480}, Side: SideClient,
		Meaning: "The target user is registered (possibly only for push notifications) but was not online " +
			"when the call came in.",
		Sources: []string{"acs-callend"}},
	{Subcode: 10078, SIPCodes: []int{480}, Side: SideClient,
		Meaning: "The remote client endpoint is either not registered or cannot be reached.",
		Sources: []string{"acs-callend"}},
	{Subcode: 10140, SIPCodes: []int{480}, Side: SideMicrosoftConfig,
		Meaning: "A call to a bot was refused because the bot's user settings or app settings are null; " +
			"check how the bot is provisioned.",
		Sources: []string{"ms-dr-480"}},
	{Subcode: 10191, SIPCodes: []int{480}, Side: SideMicrosoftConfig,
		Meaning: "Sending the call to voicemail is switched off by policy (the calling policy setting that " +
			"makes voicemail available for routing inbound calls).",
		Sources: []string{"ms-dr-480"}},
	{Subcode: 10199, SIPCodes: []int{403}, Side: SideMicrosoftConfig,
		Meaning: "Refused because private calling is turned off for the callee (calling policy 'Make " +
			"private calls').",
		Sources: []string{"ms-dr-403"}},
	{Subcode: 10202, SIPCodes: []int{404}, Side: SideSBC,
		Meaning: "The replacement call of a call merge or consultative transfer could not be found; the SBC " +
			"retried a replacement call after the first attempt failed.",
		Sources: []string{"ms-dr-404"}},
	{Subcode: 10320, SIPCodes: []int{503}, Side: SideMicrosoftService,
		Meaning: "The bot could not be reached or did not answer before the timeout. For a Microsoft bot " +
			"(recording, for example) go to Microsoft support; for your own or a third-party bot, its provider.",
		Sources: []string{"ms-dr-503"}},
	{Subcode: 10321, SIPCodes: []int{486}, Side: SideMicrosoftService,
		Meaning: "The bot turned the incoming call away because it was busy.",
		Sources: []string{"ms-dr-486"}},
	{Subcode: 10500, SIPCodes: []int{403}, Side: SideMicrosoftConfig,
		Meaning: "The call site's current state does not allow forking the call to this entity: a " +
			"Location-Based Routing configuration matter.",
		Sources: []string{"ms-dr-403"}},
	{Subcode: 10553, SIPCodes: []int{403}, Side: SideMicrosoftConfig,
		Meaning: "The participant's leg was cancelled because inviting a required (compliance) recorder failed.",
		Sources: []string{"ms-dr-403"}},
	{Subcode: 500001, SIPCodes: []int{408}, Side: SideSBC,
		Meaning: "Gateway failover timer expired: the SBC did not answer Microsoft's INVITE within " +
			"FailoverTimeSeconds (10 s by default). Raised by Microsoft; where PSTN call setup is slow, " +
			"consider 20 s.",
		Sources: []string{"ms-dr-codes", "ms-dr-408"}},
	// 510403 is not on the Teams page "SIP response code 403" (ms.date
	// 2024-11-22). Only Azure Communication Services documents it: "Call
	// blocked: Alternate ID not supplied for the call. Phone number not
	// allowed by users Session Border Controller (SBC)." (Troubleshooting
	// call end response codes for PSTN calling, ms.date 2024-07-22); the ACS
	// call-end table adds "Call ended, previously marked as a spam and now
	// blocked" with the advice to pass AlternateId (Troubleshooting Calling
	// End codes and subcodes, ms.date 2024-10-10). That text points at ACS
	// configuration and at the SBC, so the side is mixed, not the notes'
	// microsoft-config.
	{Subcode: 510403, SIPCodes: []int{403}, Side: SideMixed,
		Meaning: "Call blocked. Documented only by Azure Communication Services, not on the Teams 403 page: " +
			"there it means no Alternate ID (the ACS calling SDK's caller ID) was supplied, or the SBC does " +
			"not allow the phone number; ACS also words it as flagged as spam and blocked.",
		Sources: []string{"acs-pstn", "acs-callend"}},
	{Subcode: 510412, SIPCodes: []int{412}, Side: SideMicrosoftRejectsSBC,
		Meaning: "'Get Flighting - wrong callee MRI': the callee number of an inbound call is malformed, so " +
			"Microsoft cannot build the callee's MRI.",
		Sources: []string{"ms-dr-412"}},
	{Subcode: 510482, SIPCodes: []int{500}, Side: SideMicrosoftConfig,
		Meaning: "Loop detected: call forwarding that goes round forever.",
		Sources: []string{"ms-dr-500"}},
	{Subcode: 510532, SIPCodes: []int{403}, Side: SideMicrosoftConfig,
		Meaning: "The inbound Direct Routing lookup found no trunk configuration for the tenant ('No trunk " +
			"config was found'): the SBC FQDN in the Contact header is not registered/paired in this tenant.",
		Sources: []string{"ms-dr-403"}},
	{Subcode: 510534, SIPCodes: []int{403}, Side: SideMicrosoftConfig,
		Meaning: "Inbound call whose calling number is blocked by the tenant's inbound call blocking.",
		Sources: []string{"ms-dr-403"}},
	{Subcode: 510544, SIPCodes: []int{500}, Side: SideMicrosoftConfig,
		Meaning: "The outbound Direct Routing lookup found no trunk configuration, or could not get Direct " +
			"Routing gateways for an emergency user (emergency call routing policy).",
		Sources: []string{"ms-dr-500"}},
	{Subcode: 510546, SIPCodes: []int{403}, Side: SideMicrosoftConfig,
		Meaning: "Outbound call for which no trunk meets the Location-Based Routing criteria: toll bypass is " +
			"restricted at the location, or PreventTollBypass=True in the calling policy.",
		Sources: []string{"ms-dr-403", "ms-pr-1984"}},
	{Subcode: 510559, SIPCodes: []int{403}, Side: SideMicrosoftConfig,
		Meaning: "'No viable path': the dialled number matches no pattern in the user's voice routes, so the " +
			"SBC never receives an INVITE (a misdial, or a deliberate restriction).",
		Sources: []string{"ms-dr-codes", "ms-dr-403"}},
	{Subcode: 510560, SIPCodes: []int{403}, Side: SideMicrosoftConfig,
		Meaning: "The user is not enabled for Enterprise Voice (also worded as not allowed to make user-based " +
			"dial-out): Phone System licence or EV enablement.",
		Sources: []string{"ms-dr-403"}},
	{Subcode: 510562, SIPCodes: []int{403}, Side: SideMicrosoftConfig,
		Meaning: "The user is not allowed to place outbound PSTN calls: licensing or Direct Routing enablement.",
		Sources: []string{"ms-dr-403"}},
	{Subcode: 510563, SIPCodes: []int{403}, Side: SideMicrosoftConfig,
		Meaning: "The user may only make domestic calls and this call is international.",
		Sources: []string{"ms-dr-403"}},
	{Subcode: 511404, SIPCodes: []int{404}, Side: SideMicrosoftConfig,
		Meaning: "Reverse number lookup (user by number, through RuntimeAPI) failed: no user or resource " +
			"account has the number. The callee number sent by the SBC or carrier has to match the assigned " +
			"number, in E.164.",
		Sources: []string{"ms-dr-404", "acs-pstn"}},
	{Subcode: 511532, SIPCodes: []int{403}, Side: SideMicrosoftConfig,
		Meaning: "No resource SIP trunk configuration was found (ACS Direct Routing).",
		Sources: []string{"acs-pstn"}},
	{Subcode: 531000, SIPCodes: []int{410, 488}, Side: SideMicrosoftRejectsSBC,
		Meaning: "With 410: SdpParsingFailure, the SDP offer or answer is malformed or unsupported. With 488: " +
			"InternalDiagCode CannotSupportAnyMedia (nothing acceptable in the offer, i.e. unsupported codecs) " +
			"or SrtpEncryptionRequired (the remote side did not offer the SRTP Teams requires).",
		Sources: []string{"ms-dr-410", "ms-dr-488"}},
	{Subcode: 531004, SIPCodes: []int{410}, Side: SideMediaNetwork,
		Meaning: "IceConnectivityChecksFailed: no media path could be set up, usually because media IPs or " +
			"ports are blocked.",
		Sources: []string{"ms-dr-410", "acs-pstn"}},
	{Subcode: 531005, SIPCodes: []int{410}, Side: SideMediaNetwork,
		Meaning: "MediaConnectivityFailure: the media path broke, usually a network configuration problem.",
		Sources: []string{"ms-dr-410"}},
	{Subcode: 531027, SIPCodes: []int{488}, Side: SideMicrosoftRejectsSBC,
		Meaning: "The SDP carries no ICE candidates, and an endpoint without ICE cannot use media bypass; turn " +
			"on ICE-Lite on the SBC for bypass.",
		Sources: []string{"ms-dr-488"}},
	{Subcode: 531052, SIPCodes: []int{488}, Side: SideMicrosoftRejectsSBC,
		Meaning: "A new modality cannot be negotiated over blackhole media: the SBC's SDP used connection " +
			"address 0.0.0.0, which is not supported.",
		Sources: []string{"ms-dr-488", "ms-pr-1984"}},
}
