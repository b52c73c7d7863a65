package sip

// EndKind says whether a call's end is something to fix. A user outcome
// (busy, no answer, declined, the caller hung up) is never a fault, whoever
// sent the final response.
type EndKind string

// EndKind values; the strings are labels for a column or an export.
const (
	// EndNormal: the call was cleared normally (see FinalResponseFrom).
	EndNormal EndKind = "normal end"
	// EndUserOutcome: busy, ring no answer, terminal reject or caller
	// abandon: the Outcome buckets other than Answered and Failure.
	EndUserOutcome EndKind = "user outcome"
	// EndFailure: a network, system or configuration failure with something
	// to fix; only these get a place to look (Explanation.LookAt).
	EndFailure EndKind = "failure"
)

// KindOfEnd classifies a (finalSipCode, callEndSubReason) pair. It agrees
// with Classify, so a pair that NER counts as a user outcome never reads as
// a failure: 486/600 busy, 480 with a user or client-state subcode, 487
// with 0, 540487, 560487, 10003, 10004 or 10024, 603 declined, 408 with
// 560408. SIP 0 with subcode 0, 540000 or 560000 and every 2xx are normal
// ends. It does not allocate.
func KindOfEnd(sipCode, subcode int) EndKind {
	if isNormalClearing(sipCode, subcode) {
		return EndNormal
	}
	if Classify(false, sipCode, subcode) != Failure {
		return EndUserOutcome
	}
	return EndFailure
}

// Place is where a support engineer should look first for a failure. It is
// empty for normal ends and user outcomes: there is nothing to fix.
type Place string

// Place values: short noun phrases for a "Look at" field.
const (
	// PlaceSBCLogs: the SBC's own logs for the call (by time and numbers).
	PlaceSBCLogs Place = "SBC logs"
	// PlaceSBCConfig: the configuration of the SBC's Teams-facing interface.
	PlaceSBCConfig Place = "SBC configuration"
	// PlaceSBCCertificate: the SBC's TLS certificate and TLS profile.
	PlaceSBCCertificate Place = "SBC certificate"
	// PlaceSBCReachability: whether the SBC is up and reachable from
	// Microsoft's signaling ranges on its IP and port (firewall, ACL).
	PlaceSBCReachability Place = "SBC reachability and firewall"
	// PlaceSBCDNS: the DNS records of the SBC's FQDN.
	PlaceSBCDNS Place = "SBC DNS records"
	// PlaceSBCVendor: a question for the SBC vendor.
	PlaceSBCVendor Place = "SBC vendor"
	// PlaceHealthDashboard: the trunk's TLS and SIP OPTIONS status in the
	// Direct Routing Health Dashboard, when the cause is not yet known.
	PlaceHealthDashboard Place = "Health Dashboard (trunk TLS and OPTIONS status)"
	// PlaceCarrier: the carrier or PBX behind the SBC.
	PlaceCarrier Place = "carrier"
	// PlaceTeamsConfig: Microsoft-side tenant configuration: voice routing,
	// licences, calling policies, number assignment, trunk pairing.
	PlaceTeamsConfig Place = "Teams voice configuration"
	// PlaceMediaPath: the media path between the SBC (or the clients) and
	// Microsoft's media ranges.
	PlaceMediaPath Place = "media path and its firewall"
	// PlaceClient: the Teams client of the user, its sign-in and network.
	PlaceClient Place = "Teams client and its network"
	// PlaceMicrosoftSupport: a Microsoft service or an undocumented code:
	// a support case with the correlation ID if it recurs.
	PlaceMicrosoftSupport Place = "Microsoft support"
)

// placeForSide is the first place to look when no pattern names one.
func placeForSide(s Side) Place {
	switch s {
	case SideSBCTransport:
		return PlaceSBCReachability
	case SideMicrosoftConfig:
		return PlaceTeamsConfig
	case SideMicrosoftRejectsSBC:
		return PlaceSBCConfig
	case SideMicrosoftService:
		return PlaceMicrosoftSupport
	case SideMediaNetwork:
		return PlaceMediaPath
	case SideClient:
		return PlaceClient
	}
	return PlaceSBCLogs
}
