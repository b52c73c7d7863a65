package fakegraph

import (
	"fmt"
	"math"
	"math/rand/v2"
	"time"

	"github.com/callscope/callscope/model"
)

// conferenceBridge is the tenant's audio-conferencing number on Direct Routing.
const conferenceBridge = "+14255550100"

// outageRetries is how many extra attempts users make while sbc2 is down:
// failures come in bursts, not at the usual rate.
const outageRetries = 260

// directRouting writes the demo direct-routing log. Rows for calls that
// have a call record come first and share its id as correlationId and its
// times. Then the rest of the log (demo_backed.go): in the last week every
// call a Teams user or a resource account took part in gets a record of its
// own, returned here to be added to the tenant; older rows, and rows whose
// call never reached Teams, keep a correlationId that gives 404. Then the
// incidents: sbc2 down for two hours, and sbc-branch's certificate expired
// three days ago.
func (w *demoWorld) directRouting(r *rand.Rand, clock *demoClock, recs []*demoRecord) ([]model.DirectRoutingRow, []*demoRecord) {
	inc := newIncidents(clock.base)
	safe := func(t int, at time.Time) int {
		if inc.down(t, at) {
			return trunkSBC1 // a call that has a successful record did not use a dead trunk
		}
		return t
	}
	rows := make([]model.DirectRoutingRow, 0, demoDRRows+outageRetries)
	for _, rec := range recs {
		switch rec.kind {
		case recP2PPstn:
			user, phone, ct := w.person(rec.parts[0]), w.person(rec.parts[1]), "ByotOut"
			if rec.inbound {
				user, phone, ct = phone, user, "ByotIn"
			}
			trunk := safe(trunkFor(r, user.region), rec.start)
			rows = append(rows, w.drRow(r, drLeg{user: user, own: user.number, phone: phone.number, callType: ct,
				at: rec.start, dur: rec.end.Sub(rec.start), outcome: rec.outcome, trunk: trunk, corr: rec.id}))
			if rec.forwarded {
				at := rec.start.Add(rec.end.Sub(rec.start) / 3)
				ct := pick(r, []string{"ByotOutUserForwarding", "ByotOutUserTransfer"})
				rows = append(rows, w.drRow(r, drLeg{user: user, own: user.number, phone: w.person(rec.parts[2]).number,
					callType: ct, at: at, dur: rec.end.Sub(at), outcome: outcomeOKOut, trunk: trunk, corr: rec.id}))
			}
		case recMeeting:
			org := w.person(rec.parts[0])
			for i, pi := range rec.parts {
				p := w.person(pi)
				if p.kind != kindPhone {
					continue
				}
				join, leave := rec.window(i)
				leg := drLeg{phone: p.number, at: join, dur: leave.Sub(join), corr: rec.id}
				if r.IntN(3) == 0 { // the organizer dialled out to the number
					leg.user, leg.own, leg.callType, leg.outcome = org, org.number, "ByotOut", outcomeOKOut
					leg.trunk = safe(trunkFor(r, org.region), join)
				} else {
					leg.own, leg.callType, leg.outcome = conferenceBridge, "ByotInUcap", outcomeOKIn
					leg.trunk = safe(trunkFor(r, p.region), join)
				}
				rows = append(rows, w.drRow(r, leg))
			}
		case recQueue:
			phone, app := w.person(rec.parts[0]), w.person(rec.parts[1])
			rows = append(rows, w.drRow(r, drLeg{own: app.number, phone: phone.number, callType: "ByotInUcap",
				at: rec.start, dur: rec.end.Sub(rec.start), outcome: outcomeOKIn,
				trunk: safe(trunkFor(r, phone.region), rec.start), corr: rec.id}))
		}
	}
	lg := &logGen{w: w, r: r, clock: clock, inc: inc, rows: rows}
	lg.fill()
	return lg.rows, lg.backed
}

func incidentOutcome(r *rand.Rand, trunk int) int {
	if trunk == trunkBranch {
		return outcomeCertExpired
	}
	if r.IntN(10) < 7 {
		return outcomeConnectFail
	}
	return outcomeTLSDown
}

// usersOn lists the Direct Routing users whose calls can use the trunk.
func (w *demoWorld) usersOn(trunk int) []int32 {
	var out []int32
	for _, i := range w.drUsers {
		if demoTrunks[trunk].reg == w.person(i).region {
			out = append(out, i)
		}
	}
	return out
}

var (
	countryNames = map[string]string{"US": "United States", "GB": "United Kingdom", "DE": "Germany",
		"FR": "France", "AU": "Australia", "JP": "Japan", "SG": "Singapore"}
	currencies = map[string]string{"US": "USD", "GB": "GBP", "DE": "EUR", "FR": "EUR", "AU": "AUD", "JP": "JPY", "SG": "SGD"}
	carriers   = []string{"Colt Technology Services", "Orange Business", "NTT Communications"}
)

// pstnRows writes the Calling Plan / Operator Connect log. Its ids are not
// call record ids (graph-api.md §4.9), so nothing links them to records.
func (w *demoWorld) pstnRows(r *rand.Rand, clock *demoClock) []model.PstnRow {
	rows := make([]model.PstnRow, 0, demoPstnRows)
	apps := w.byKind[kindAppInstance]
	for len(rows) < demoPstnRows {
		u := w.person(pick(r, w.planUsers))
		at := clock.start(r)
		dur := lognormalSeconds(r, 220, 0.9, 2*time.Second, 2*time.Hour).Truncate(time.Second)
		row := model.PstnRow{ID: guid(r), StartDateTime: model.NewTime(at), EndDateTime: model.NewTime(at.Add(dur)),
			Duration: int32(dur / time.Second), TenantCountryCode: "US", InventoryType: "Subscriber",
			Operator: "Microsoft", CallDurationSource: "microsoft"}
		row.CallID = fmt.Sprintf("%d_%d@%d.%d.%d.%d", 1_000_000_000+r.Int64N(3_000_000_000), 100_000_000+r.IntN(900_000_000),
			52+r.IntN(10), r.IntN(256), r.IntN(256), 1+r.IntN(254))
		own, country := u.number, u.country
		withUser := true
		switch n := r.IntN(100); {
		case n < 38:
			row.CallType = "user_in"
		case n < 78:
			row.CallType = "user_out"
		case n < 81:
			row.CallType = "user_out_transfer"
		case n < 83:
			row.CallType = "user_out_forwarding"
		case n < 91:
			row.CallType, row.InventoryType, withUser = "conf_in", pick(r, []string{"Service", "Toll-free"}), false
			row.ConferenceID, row.LicenseCapability = fmt.Sprintf("%09d", r.IntN(1e9)), "MCOMEETADV"
			own, country = conferenceBridge, "US"
		case n < 95:
			row.CallType, row.InventoryType = "conf_out", "Service"
			row.ConferenceID, row.LicenseCapability = fmt.Sprintf("%09d", r.IntN(1e9)), "MCOMEETADV"
		case n < 98:
			app := w.person(pick(r, apps))
			row.CallType, row.InventoryType, withUser = "ucap_in", "Service", false
			row.LicenseCapability, own, country = "MCOEV_VIRTUALUSER", app.number, app.country
		default:
			app := w.person(pick(r, apps))
			row.CallType, row.InventoryType, withUser = "ucap_out", "Service", false
			row.LicenseCapability, own, country = "MCOEV_VIRTUALUSER", app.number, app.country
		}
		if withUser {
			row.UserID, row.UserPrincipalName, row.UserDisplayName = u.id, u.upn, u.name
			if row.LicenseCapability == "" {
				row.LicenseCapability = pick(r, []string{"MCOPSTN1", "MCOPSTN1", "MCOPSTNU", "MCOPSTN2"})
			}
			if u.voice == voiceOperatorConnect {
				row.Operator, row.CallDurationSource = pick(r, carriers), "operator"
			}
		}
		row.UsageCountryCode, row.Currency = country, currencies[country]
		otherCountry := country
		if r.IntN(100) < 12 {
			otherCountry = pick(r, []string{"US", "GB", "DE", "FR", "AU", "JP", "SG"})
		}
		// The number is drawn in the country the row names, so destinationName
		// and destinationContext agree with calleeNumber.
		other := phoneIn(r, otherCountry)
		zero := 0.0
		row.Charge, row.ConnectionCharge = &zero, &zero
		if row.CallType == "user_in" || row.CallType == "conf_in" || row.CallType == "ucap_in" {
			row.CallerNumber, row.CalleeNumber = other, own
			row.DestinationName = countryNames[country]
			if row.InventoryType == "Toll-free" {
				row.Charge = money(math.Ceil(dur.Minutes()) * 0.018)
			}
		} else {
			row.CallerNumber, row.CalleeNumber = own, other
			row.DestinationName = countryNames[otherCountry]
			row.DestinationContext = "Domestic"
			if otherCountry != country {
				row.DestinationContext = "International"
				row.Charge = money(math.Ceil(dur.Minutes()) * between(r, 0.02, 0.35))
				if r.IntN(3) == 0 {
					row.ConnectionCharge = money(between(r, 0.01, 0.1))
				}
			}
		}
		rows = append(rows, row)
	}
	return rows
}

// money rounds to cents, as charges are billed.
func money(v float64) *float64 { return f64(math.Round(v*100) / 100) }
