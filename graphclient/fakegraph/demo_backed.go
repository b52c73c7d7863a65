package fakegraph

import (
	"math/rand/v2"
	"time"

	"github.com/callscope/callscope/model"
)

// demoLinkedWindow is how far back every Direct Routing row of a call that
// reached Teams has a call record: the last week, what a support engineer
// usually looks at. Older rows stand for calls whose records the demo does
// not keep, and their correlationIds give 404 (as the records of calls
// older than 30 days, or not generated yet, do on Graph).
const demoLinkedWindow = 7 * 24 * time.Hour

// logGen writes the Direct Routing rows of calls that are not part of the
// ordinary demo records, backing the recent ones with records of their own.
type logGen struct {
	w      *demoWorld
	r      *rand.Rand
	clock  *demoClock
	inc    incidents
	rows   []model.DirectRoutingRow
	backed []*demoRecord
}

// linked reports whether a call at this time gets a record: inside the
// window, and ended before the newest quarter hour (records appear after
// the call ends).
func (g *logGen) linked(at time.Time) bool {
	return !at.Before(g.clock.base.Add(-demoLinkedWindow)) && at.Before(g.clock.base.Add(-demoNewest))
}

// fill adds ordinary calls up to demoDRRows, then the sbc2 outage burst.
func (g *logGen) fill() {
	w, r := g.w, g.r
	apps := w.byKind[kindAppInstance]
	for len(g.rows) < demoDRRows {
		ui := pick(r, w.drUsers)
		u := w.person(ui)
		leg := drLeg{user: u, own: u.number, at: g.clock.start(r), corr: guid(r)}
		leg.trunk = trunkFor(r, u.region)
		reg := u.region % regionBranch
		if r.IntN(10) == 0 {
			reg = region(r.IntN(3)) // international
		}
		app := int32(-1)
		switch n := r.IntN(100); {
		case n < 44:
			leg.callType = "ByotIn"
		case n < 84:
			leg.callType = "ByotOut"
		case n < 92:
			app = pick(r, apps)
			leg.callType, leg.user, leg.own = "ByotInUcap", nil, w.person(app).number
		case n < 96:
			leg.callType = "ByotOutUserTransfer"
		default:
			leg.callType = "ByotOutUserForwarding"
		}
		if g.inc.down(leg.trunk, leg.at) {
			// The SBC cannot reach Teams either, so no inbound call arrives;
			// what remains are users' outbound attempts failing fast.
			leg.callType, leg.user, leg.own, app = "ByotOut", u, u.number, -1
			leg.outcome = incidentOutcome(r, leg.trunk)
		} else {
			leg.outcome = pickOutcome(r, leg.inbound())
		}
		leg.dur = lognormalSeconds(r, 240, 0.95, 3*time.Second, 2*time.Hour)
		g.add(leg, reg, ui, app)
	}
	us := w.usersOn(trunkSBC2)
	for range outageRetries {
		ui := pick(r, us)
		u := w.person(ui)
		at := g.inc.outageFrom.Add(time.Duration(r.Int64N(int64(g.inc.outageTo.Sub(g.inc.outageFrom)))))
		g.add(drLeg{user: u, own: u.number, callType: "ByotOut", at: at,
			outcome: incidentOutcome(r, trunkSBC2), trunk: trunkSBC2, corr: guid(r)}, regionUS, ui, -1)
	}
}

// add writes one row; a linked call's far end is one of the tenant's known
// numbers (it becomes a participant of the record), any other call's a
// fresh number in the region.
func (g *logGen) add(leg drLeg, reg region, user, app int32) {
	linked := g.linked(leg.at)
	phone := int32(-1)
	if linked {
		phone = g.w.phoneNear(g.r, reg)
		leg.phone = g.w.person(phone).number
	} else {
		leg.phone, _ = phoneNumber(g.r, reg)
	}
	row := g.w.drRow(g.r, leg)
	if linked {
		if rec := g.record(leg, &row, user, phone, app); rec != nil {
			g.backed = append(g.backed, rec)
		}
	}
	g.rows = append(g.rows, row)
}

// record makes the call record behind a row, and points the row at it. A
// call Microsoft refused before any Teams user or resource account took it
// (511404: no one has the number) has none, nor has a resource account call
// that failed (the demo's queue records are answered calls).
func (g *logGen) record(leg drLeg, row *model.DirectRoutingRow, user, phone, app int32) *demoRecord {
	end := row.EndDateTime.Time
	if !row.SuccessfulCall {
		end = row.FailureDateTime.Time
	}
	if row.CallEndSubReason == 511404 || leg.user == nil && !row.SuccessfulCall || !g.linked(end) {
		return nil
	}
	r := g.r
	rec := &demoRecord{w: g.w, id: guid(r), seed: r.Uint64(), outcome: leg.outcome, modalities: []string{"audio"},
		start: row.StartDateTime.Time, end: end}
	switch {
	case leg.user == nil:
		rec.kind, rec.outcome = recQueue, -1
		rec.parts = []int32{phone, app, g.w.pickUser(r)}
	case leg.inbound():
		rec.kind, rec.inbound = recP2PPstn, true
		rec.parts = []int32{phone, user}
	default:
		rec.kind = recP2PPstn
		rec.parts = []int32{user, phone}
	}
	row.CorrelationID = rec.id
	return rec
}
