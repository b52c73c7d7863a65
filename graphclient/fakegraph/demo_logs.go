package fakegraph

import (
	"math/rand/v2"
	"strings"
	"time"

	"github.com/callscope/callscope/model"
)

// SIPOutcome is one (finalSipCode, callEndSubReason, finalSipCodePhrase)
// triplet the demo direct-routing rows use, with its relative weight among
// ordinary calls. Weight 0 marks a pair that only the scripted incidents
// emit (a trunk outage, an expired certificate).
type SIPOutcome struct {
	Code    int
	Subcode int
	Phrase  string
	Weight  int
}

type direction uint8

const (
	dirIn direction = iota
	dirOut
	dirBoth
)

type demoOutcome struct {
	SIPOutcome
	dir direction
	// ttf is the typical time from INVITE to the failure, in seconds.
	ttf [2]float64
}

// Indices of fixed outcomes in demoOutcomes.
const (
	outcomeOKIn = iota
	outcomeOKOut
	outcomeTLSDown
	outcomeConnectFail
	outcomeCertExpired
)

// demoOutcomes is the realistic mix (sip-triage.md §1–§3): mostly normal
// clearing, then caller cancels, busy, no answer, and a tail of
// configuration, SBC and media failures. Phrases are the SIP reason phrases
// or the wording of Microsoft's per-code pages.
var demoOutcomes = []demoOutcome{
	{SIPOutcome{0, 540000, "BYE", 780}, dirIn, [2]float64{}},
	{SIPOutcome{0, 560000, "BYE", 760}, dirOut, [2]float64{}},
	{SIPOutcome{504, 549002, "Unable to deliver INVITE: TlsTransport is not connected, State=Disconnected", 0}, dirOut, [2]float64{0.05, 1}},
	{SIPOutcome{504, 569002, "Server Time-out; Unable to deliver INVITE: connection attempt timed out", 1}, dirOut, [2]float64{0.5, 2}},
	{SIPOutcome{504, 569008, "Server Time-out; Outgoing TLS negotiation failed: remote certificate expired", 0}, dirOut, [2]float64{0.05, 0.5}},
	{SIPOutcome{487, 540487, "Request Terminated", 70}, dirIn, [2]float64{4, 40}},
	{SIPOutcome{487, 560487, "Request Terminated", 55}, dirOut, [2]float64{3, 35}},
	{SIPOutcome{487, 10004, "Request Terminated", 6}, dirIn, [2]float64{110, 125}},
	{SIPOutcome{486, 540486, "Busy Here", 12}, dirIn, [2]float64{1, 6}},
	{SIPOutcome{486, 560486, "Busy Here", 35}, dirOut, [2]float64{1, 6}},
	{SIPOutcome{480, 10037, "Temporarily Unavailable", 18}, dirIn, [2]float64{0.3, 2}},
	{SIPOutcome{480, 560480, "Temporarily Unavailable", 14}, dirOut, [2]float64{15, 40}},
	{SIPOutcome{408, 500001, "Request Timeout", 8}, dirOut, [2]float64{10, 10.4}},
	{SIPOutcome{408, 560408, "Request Timeout", 5}, dirOut, [2]float64{30, 60}},
	{SIPOutcome{408, 1106, "Request Timeout", 2}, dirIn, [2]float64{4, 5}},
	{SIPOutcome{403, 510559, "Forbidden", 10}, dirOut, [2]float64{0.1, 0.6}},
	{SIPOutcome{403, 510560, "Forbidden", 5}, dirOut, [2]float64{0.1, 0.6}},
	{SIPOutcome{403, 510562, "Forbidden", 2}, dirOut, [2]float64{0.1, 0.6}},
	{SIPOutcome{403, 560403, "Forbidden; Call rejected", 8}, dirOut, [2]float64{0.3, 2}},
	{SIPOutcome{404, 511404, "Not Found", 10}, dirIn, [2]float64{0.1, 0.5}},
	{SIPOutcome{404, 560404, "Not Found", 4}, dirOut, [2]float64{0.5, 3}},
	{SIPOutcome{484, 560484, "Address Incomplete", 7}, dirOut, [2]float64{0.3, 2}},
	{SIPOutcome{488, 531000, "Not Acceptable Here", 4}, dirBoth, [2]float64{0.2, 1}},
	{SIPOutcome{410, 531004, "Gone", 3}, dirBoth, [2]float64{8, 20}},
	{SIPOutcome{503, 560503, "Service Unavailable", 4}, dirOut, [2]float64{0.2, 1.5}},
	{SIPOutcome{503, 540998, "Service Unavailable", 2}, dirIn, [2]float64{0.1, 0.5}},
	{SIPOutcome{603, 560603, "Decline", 5}, dirOut, [2]float64{2, 20}},
	{SIPOutcome{500, 510482, "Server Internal Error", 1}, dirIn, [2]float64{0.5, 2}},
}

// DemoSIPMix lists every SIP outcome the demo tenant's direct-routing rows
// can carry, so other packages' tests can check each has an explanation.
var DemoSIPMix = func() []SIPOutcome {
	out := make([]SIPOutcome, len(demoOutcomes))
	for i, o := range demoOutcomes {
		out[i] = o.SIPOutcome
	}
	return out
}()

// pickOutcome draws an outcome for an ordinary call in the given direction.
func pickOutcome(r *rand.Rand, inbound bool) int {
	want := dirOut
	if inbound {
		want = dirIn
	}
	total := 0
	for _, o := range demoOutcomes {
		if o.dir == want || o.dir == dirBoth {
			total += o.Weight
		}
	}
	n := r.IntN(total)
	for i, o := range demoOutcomes {
		if o.dir == want || o.dir == dirBoth {
			if n -= o.Weight; n < 0 {
				return i
			}
		}
	}
	return outcomeOKOut
}

// demoTrunk is one SBC paired with the tenant.
type demoTrunk struct {
	fqdn               string
	signaling, media   []string
	bypass             bool
	reg                region
	outageStart        time.Duration // offset from the outage day; 0 = no outage
	certExpiredDaysAgo int
}

var demoTrunks = []demoTrunk{
	{fqdn: "sbc1.contoso.com", signaling: []string{"USWE", "USEA"}, media: []string{"USWE", "USEA"}, bypass: true, reg: regionUS},
	{fqdn: "sbc2.contoso.com", signaling: []string{"USEA", "USWE"}, media: []string{"USEA"}, reg: regionUS, outageStart: 14 * time.Hour},
	{fqdn: "sbc-eu.contoso.com", signaling: []string{"EUNO", "EUWE"}, media: []string{"EUWE", "EUNO"}, bypass: true, reg: regionEU},
	{fqdn: "sbc-apac.contoso.com", signaling: []string{"APSE", "APEA"}, media: []string{"APSE"}, reg: regionAPAC},
	{fqdn: "sbc-branch.contoso.com", signaling: []string{"USEA"}, media: []string{"USEA"}, reg: regionBranch, certExpiredDaysAgo: 3},
}

const (
	trunkSBC1   = 0
	trunkSBC2   = 1
	trunkBranch = 4
)

// incidents holds the scripted failure windows, dated from the base hour.
type incidents struct {
	outageFrom, outageTo time.Time // sbc2 down: 504/549002 and 504/569002 bursts
	certExpired          time.Time // sbc-branch: every outbound call 504/569008, no inbound
}

func newIncidents(base time.Time) incidents {
	day := base.Add(-6 * 24 * time.Hour).Truncate(24 * time.Hour)
	for day.Weekday() == time.Saturday || day.Weekday() == time.Sunday {
		day = day.Add(-24 * time.Hour)
	}
	from := day.Add(demoTrunks[trunkSBC2].outageStart)
	exp := base.Add(-time.Duration(demoTrunks[trunkBranch].certExpiredDaysAgo) * 24 * time.Hour).Truncate(24 * time.Hour)
	return incidents{outageFrom: from, outageTo: from.Add(2 * time.Hour), certExpired: exp}
}

func (in incidents) down(trunk int, at time.Time) bool {
	switch trunk {
	case trunkSBC2:
		return !at.Before(in.outageFrom) && at.Before(in.outageTo)
	case trunkBranch:
		return !at.Before(in.certExpired)
	}
	return false
}

// trunkFor routes a user's region to its SBC; US users split over two.
func trunkFor(r *rand.Rand, reg region) int {
	switch reg {
	case regionEU:
		return 2
	case regionAPAC:
		return 3
	case regionBranch:
		return trunkBranch
	}
	if r.IntN(100) < 58 {
		return trunkSBC1
	}
	return trunkSBC2
}

// drLeg is one Direct Routing call to write as a row.
type drLeg struct {
	user     *person // nil for resource-account (Ucap) calls
	own      string  // the Teams side's number
	phone    string  // the PSTN side's number
	callType string
	at       time.Time // connect time (success) or INVITE time (attempt)
	dur      time.Duration
	outcome  int
	trunk    int
	corr     string
}

func (l drLeg) inbound() bool { return strings.HasPrefix(l.callType, "ByotIn") }

// mask hides the last three digits, as the service does for privacy.
func mask(num string) string {
	if len(num) < 6 {
		return num
	}
	return num[:len(num)-3] + "***"
}

// neverReachedSBC are the subcodes with which Microsoft refuses an outbound
// call before choosing a trunk, so the row names no SBC: "SIP response code
// 403" (learn.microsoft.com, ms.date 11/22/2024) gives 510559 "No viable
// path" ("the SBC never receives an INVITE"), 510560/510562 (user not
// enabled for Enterprise Voice or PSTN calls), 510563 (domestic calls only)
// and 510546 (no trunk meets the Location-Based Routing criteria); "SIP
// response code 500" (no date in the stored copy) gives 510544 (no outbound trunk
// configuration found). 549xxx/569xxx are different: Microsoft chose the
// trunk and failed to reach it, so those rows keep their FQDN.
var neverReachedSBC = map[int]bool{510559: true, 510560: true, 510562: true, 510563: true, 510546: true, 510544: true}

func (w *demoWorld) drRow(r *rand.Rand, l drLeg) model.DirectRoutingRow {
	tr := demoTrunks[l.trunk]
	oc := demoOutcomes[l.outcome]
	row := model.DirectRoutingRow{
		ID: guid(r), CorrelationID: l.corr, CallType: l.callType,
		SignalingLocation: pick(r, tr.signaling), TrunkFullyQualifiedDomainName: tr.fqdn,
		MediaBypassEnabled: tr.bypass, FinalSIPCode: int32(oc.Code), CallEndSubReason: int32(oc.Subcode),
		FinalSIPCodePhrase: oc.Phrase,
	}
	if r.IntN(40) == 0 { // a datacenter in another geography now and then
		row.SignalingLocation = pick(r, []string{"EUNO", "USWE", "APSE"})
	}
	if !tr.bypass {
		row.MediaPathLocation = pick(r, tr.media)
	}
	if neverReachedSBC[oc.Subcode] {
		// No trunk was chosen, so none is named and no media path set up.
		row.TrunkFullyQualifiedDomainName, row.MediaBypassEnabled, row.MediaPathLocation = "", false, ""
	}
	if l.user != nil {
		row.UserID, row.UserPrincipalName, row.UserDisplayName = l.user.id, l.user.upn, l.user.name
	}
	row.CallerNumber, row.CalleeNumber = mask(l.own), mask(l.phone)
	if l.inbound() {
		row.CallerNumber, row.CalleeNumber = mask(l.phone), mask(l.own)
	}
	secs := func(s float64) time.Duration {
		return time.Duration(s * float64(time.Second)).Truncate(time.Millisecond)
	}
	if oc.Code == 0 {
		setup := secs(between(r, 0.2, 1.5))
		if !l.inbound() {
			setup = secs(between(r, 3, 20)) // ringing until the far end answers
		}
		row.SuccessfulCall = true
		row.StartDateTime = model.NewTime(l.at)
		row.InviteDateTime = model.NewTime(l.at.Add(-setup))
		row.EndDateTime = model.NewTime(l.at.Add(l.dur))
		row.Duration = int32(l.dur / time.Second)
		return row
	}
	row.InviteDateTime = model.NewTime(l.at)
	row.StartDateTime = row.InviteDateTime
	row.FailureDateTime = model.NewTime(l.at.Add(secs(between(r, oc.ttf[0], oc.ttf[1]))))
	return row
}
