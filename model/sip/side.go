package sip

// Side says where the fix for a subcode most likely lies. It is not the same
// as who sent the final SIP response (see WhoEnded): Microsoft may generate a
// response because of something the SBC sent, and then the fix is still on
// the SBC.
type Side string

// The Side vocabulary, shared with the side column of ms-subcodes.tsv.
const (
	// SideNormal marks a normal end of call; nothing to fix.
	SideNormal Side = "normal"
	// SideUser marks user behaviour: busy, no answer, declined, caller hung up.
	SideUser Side = "user"
	// SideSBC marks the SBC, or the PBX/carrier behind it.
	SideSBC Side = "sbc"
	// SideSBCTransport marks reachability of the SBC: TCP/TLS, certificate,
	// DNS or firewall between Microsoft and the SBC.
	SideSBCTransport Side = "sbc-transport"
	// SideMicrosoftConfig marks tenant configuration: voice routing, licences,
	// calling policy, number assignment, trunk pairing.
	SideMicrosoftConfig Side = "microsoft-config"
	// SideMicrosoftRejectsSBC marks Microsoft refusing what the SBC sent
	// (malformed SIP, SDP, codecs, SRTP, ICE, session timers); fix on the SBC.
	SideMicrosoftRejectsSBC Side = "microsoft-rejects-sbc"
	// SideMicrosoftService marks a Microsoft service state (draining
	// endpoints, bots).
	SideMicrosoftService Side = "microsoft-service"
	// SideMediaNetwork marks the media path: blocked media ports/IPs, ICE.
	SideMediaNetwork Side = "media-network"
	// SideClient marks the Teams client or its network.
	SideClient Side = "client"
	// SideMixed marks a subcode whose meaning depends on the SIP code it comes
	// with, a family whose members point at different sides, or a documented
	// meaning that itself names two sides (510403).
	SideMixed Side = "mixed"
	// SideUnknown marks a subcode with no documented or inferable meaning.
	SideUnknown Side = "unknown"
)
