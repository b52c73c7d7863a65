package fakegraph

import (
	"math"
	"math/rand/v2"
	"net/url"
	"slices"
	"sort"
	"time"

	"github.com/callscope/callscope/model"
)

// Sizes of the demo tenant.
const (
	demoRecordCount = 2000
	demoDRRows      = 20000
	demoPstnRows    = 5000
	// Records and rows start in [base-30d+1h, base-15m]: inside Graph's
	// retention for the whole hour DemoTenant(now) is deterministic for, and
	// never in the last quarter hour, which Graph has not processed yet.
	demoNewest = 15 * time.Minute
)

// recKind is the shape of a demo call.
type recKind uint8

const (
	recP2P     recKind = iota // two clients, VoIP
	recP2PPstn                // a user and a phone number over Direct Routing
	recMeeting                // groupCall: one session per participant with the meeting service
	recQueue                  // type unknown: a caller reaching an auto attendant/call queue
	recACS                    // type unknownFutureValue: an ACS user calling a Teams user
)

// demoRecord is one demo call record in compact form: list-level fields
// plus a seed. Sessions, segments and media are generated from the seed on
// each request (demo_sessions.go), so 2,000 records cost little memory.
type demoRecord struct {
	w          *demoWorld
	id         string
	seed       uint64
	kind       recKind
	start, end time.Time
	parts      []int32 // people indices; organizer first
	rejoins    int     // participants 1..rejoins have a second session
	inbound    bool    // PSTN leg direction for recP2PPstn
	forwarded  bool    // recP2PPstn inbound that the user forwarded to parts[2]
	outcome    int     // index into demoOutcomes of the PSTN leg (recP2PPstn)
	failure    int8    // 1+index into sessionFailures of a failed one-session call; 0 = none
	modalities []string
}

// DemoTenant builds the demo tenant: about 2,000 call records, plus one for
// each Direct Routing call of the last week (about 4,700: demo_backed.go),
// 20,000 direct-routing rows and 5,000 PSTN rows, dated inside the 30 days
// before now. It is deterministic for a given now truncated to the hour (fixed PCG
// seeds; only the dates move), and fast: record detail is generated on
// demand from a per-record seed. See doc.go for what is in it.
func DemoTenant(now time.Time) *Tenant {
	base := now.UTC().Truncate(time.Hour)
	w := newDemoWorld()
	r := rand.New(rand.NewPCG(0x7265636f, 0x72647321))
	clock := newDemoClock(base)
	recs := make([]*demoRecord, 0, demoRecordCount)
	for _, sp := range specialMeetings {
		recs = append(recs, w.specialMeeting(r, clock, sp))
	}
	for len(recs) < demoRecordCount {
		recs = append(recs, w.newRecord(r, clock))
	}
	// The log draws from its own stream, so the records' list-level fields
	// do not move when the log changes.
	dr, backed := w.directRouting(rand.New(rand.NewPCG(0x64697265, 0x63742072)), clock, recs)
	recs = append(recs, backed...)
	t := NewTenant()
	for _, i := range w.byKind[kindUser] {
		p := w.person(i)
		t.users = append(t.users, User{ID: p.id, DisplayName: p.name, UserPrincipalName: p.upn})
	}
	t.users = append(t.users, DemoDirectoryEdgeUsers()...) // addresses that break path keys (demo_directory.go)
	entries := make([]*recordEntry, len(recs))
	for i, rec := range recs {
		entries[i] = &recordEntry{head: rec.head(r), detail: rec}
		publishDemo(entries[i]) // publish.go
	}
	t.putRecords(entries)
	t.dr = dr
	sortByStart(t.dr, func(x model.DirectRoutingRow) (time.Time, string) { return x.StartDateTime.Time, x.ID })
	t.pstn = w.pstnRows(r, clock)
	sortByStart(t.pstn, func(x model.PstnRow) (time.Time, string) { return x.StartDateTime.Time, x.ID })
	return t
}

// demoClock samples call start times weighted to business hours (UTC; the
// tenant spans the US and Europe) on weekdays.
type demoClock struct {
	base, oldest time.Time
	cum          []int // cumulative weight per hour slot from oldest
}

var hourWeights = [24]int{1, 1, 1, 1, 1, 2, 4, 8, 12, 14, 14, 13, 12, 14, 15, 15, 14, 12, 9, 6, 4, 3, 2, 1}

func newDemoClock(base time.Time) *demoClock {
	c := &demoClock{base: base, oldest: base.Add(-retention + time.Hour)}
	total := 0
	for h := c.oldest; h.Before(base); h = h.Add(time.Hour) {
		wgt := hourWeights[h.Hour()] * 20
		if d := h.Weekday(); d == time.Saturday || d == time.Sunday {
			wgt = wgt * 3 / 20
		}
		total += wgt
		c.cum = append(c.cum, total)
	}
	return c
}

// start draws a start time; the caller fits the call's end with fit.
func (c *demoClock) start(r *rand.Rand) time.Time {
	n := r.IntN(c.cum[len(c.cum)-1])
	slot := sort.SearchInts(c.cum, n+1)
	return c.oldest.Add(time.Duration(slot)*time.Hour + time.Duration(r.Int64N(int64(time.Hour))))
}

// fit moves a call earlier so it ends before base-15m, keeping its length.
func (c *demoClock) fit(start time.Time, d time.Duration) (time.Time, time.Time) {
	if limit := c.base.Add(-demoNewest); start.Add(d).After(limit) {
		start = limit.Add(-d)
	}
	if start.Before(c.oldest) {
		start = c.oldest
	}
	return start, start.Add(d)
}

// lognormalSeconds draws a call length around median seconds.
func lognormalSeconds(r *rand.Rand, median, sigma float64, lo, hi time.Duration) time.Duration {
	d := time.Duration(median * math.Exp(r.NormFloat64()*sigma) * float64(time.Second))
	return min(max(d, lo), hi).Truncate(time.Millisecond)
}

func (w *demoWorld) pickUser(r *rand.Rand) int32 { return pick(r, w.byKind[kindUser]) }

// newRecord draws one ordinary record.
func (w *demoWorld) newRecord(r *rand.Rand, clock *demoClock) *demoRecord {
	rec := &demoRecord{w: w, id: guid(r), seed: r.Uint64(), outcome: -1, modalities: []string{"audio"}}
	var d time.Duration
	switch n := r.IntN(1000); {
	case n < 250:
		rec.kind = recP2P
		a, b := w.pickUser(r), w.pickUser(r)
		for b == a {
			b = w.pickUser(r)
		}
		if r.IntN(10) == 0 { // federated or guest counterpart
			b = pick(r, w.byKind[pick(r, []personKind{kindExternal, kindGuest})])
		}
		rec.parts = []int32{a, b}
		rec.modalities = pickModalities(r, false)
		d = lognormalSeconds(r, 240, 0.9, 8*time.Second, 2*time.Hour)
	case n < 700:
		rec.kind = recP2PPstn
		u := pick(r, w.drUsers)
		ph := w.phoneNear(r, w.person(u).region)
		rec.inbound = r.IntN(100) < 48
		rec.outcome = pickOutcome(r, rec.inbound)
		rec.parts = []int32{u, ph}
		if rec.inbound {
			rec.parts = []int32{ph, u}
			if demoOutcomes[rec.outcome].Code == 0 && r.IntN(100) < 12 {
				rec.forwarded = true
				rec.parts = append(rec.parts, w.phoneNear(r, w.person(u).region))
			}
		}
		if demoOutcomes[rec.outcome].Code == 0 {
			d = lognormalSeconds(r, 270, 0.9, 6*time.Second, 90*time.Minute)
		} else {
			d = time.Duration(2+r.IntN(40)) * time.Second
		}
	case n < 980:
		rec.kind = recMeeting
		rec.parts = w.meetingCast(r, 2+int(math.Exp(r.Float64()*2.6)), r.IntN(100) < 60)
		rec.rejoins = r.IntN(1 + len(rec.parts)/4)
		rec.modalities = pickModalities(r, true)
		d = time.Duration(10+r.IntN(70)) * time.Minute
	case n < 996:
		rec.kind = recQueue
		ph := pick(r, w.byKind[kindPhone])
		rec.parts = []int32{ph, pick(r, w.byKind[kindAppInstance]), w.pickUser(r)}
		d = lognormalSeconds(r, 300, 0.7, 20*time.Second, time.Hour)
	default:
		rec.kind = recACS
		rec.parts = []int32{pick(r, w.byKind[kindACS]), w.pickUser(r)}
		rec.modalities = []string{"audio", "video"}
		d = lognormalSeconds(r, 600, 0.6, 30*time.Second, time.Hour)
	}
	if rec.kind == recP2P || rec.kind == recACS {
		d = rec.drawFailure(d)
	}
	rec.start, rec.end = clock.fit(clock.start(r), d)
	return rec
}

// drawFailure decides, from the record's own seed, whether its one session
// fails (2.5 %), and cuts the call to fit: a call that failed in setup lasts
// seconds, one that dropped lasts minutes, so a record's length and its
// session's failure agree.
func (rec *demoRecord) drawFailure(d time.Duration) time.Duration {
	// A hash of the seed, not a generator: this runs for every record
	// while the tenant is built, and must not allocate.
	h := rec.seed ^ seqFailure
	h = (h ^ h>>30) * 0xbf58476d1ce4e5b9
	h = (h ^ h>>27) * 0x94d049bb133111eb
	h ^= h >> 31
	if h%1000 >= 25 {
		return d
	}
	i := int(h / 1000 % uint64(len(sessionFailures)))
	rec.failure = int8(1 + i)
	if sessionFailures[i].Stage == model.FailureStageCallSetup {
		return time.Duration(3+h/7919%25) * time.Second
	}
	return min(d, time.Duration(20+h/104729%220)*time.Second)
}

// phoneNear picks an external number, usually in the user's own region.
func (w *demoWorld) phoneNear(r *rand.Rand, reg region) int32 {
	phones := w.byKind[kindPhone]
	if reg == regionBranch {
		reg = regionUS
	}
	for range 8 {
		if p := pick(r, phones); w.person(p).region == reg || r.IntN(6) == 0 {
			return p
		}
	}
	return pick(r, phones)
}

// meetingCast is an organizer plus n-1 others: mostly colleagues, with
// guests, federated users, ACS users, bots and (if phones) dial-in numbers.
func (w *demoWorld) meetingCast(r *rand.Rand, n int, phones bool) []int32 {
	org := w.pickUser(r)
	parts := []int32{org}
	seen := map[int32]bool{org: true}
	for len(parts) < n {
		kind := kindUser
		switch x := r.IntN(100); {
		case x < 6:
			kind = kindGuest
		case x < 10:
			kind = kindExternal
		case x < 12:
			kind = kindACS
		case x < 13:
			kind = kindBot
		case x < 25 && phones:
			kind = kindPhone
		}
		p := pick(r, w.byKind[kind])
		if kind == kindPhone {
			p = w.phoneNear(r, w.person(org).region)
		}
		if !seen[p] {
			seen[p] = true
			parts = append(parts, p)
		}
	}
	return parts
}

// pickModalities covers every modality enum member, mostly audio.
func pickModalities(r *rand.Rand, meeting bool) []string {
	n := r.IntN(100)
	if meeting {
		switch {
		case n < 30:
			return []string{"audio", "video", "screenSharing"}
		case n < 55:
			return []string{"audio", "video"}
		case n < 70:
			return []string{"audio", "screenSharing"}
		case n < 78:
			return []string{"audio", "video", "videoBasedScreenSharing"}
		case n < 84:
			return []string{"audio", "video", "screenSharing", "data"}
		case n < 85:
			return []string{"audio", "unknown"}
		}
		return []string{"audio"}
	}
	switch {
	case n < 72:
		return []string{"audio"}
	case n < 88:
		return []string{"audio", "video"}
	case n < 94:
		return []string{"audio", "screenSharing"}
	case n < 96:
		return []string{"audio", "videoBasedScreenSharing"}
	case n < 98:
		return []string{"audio", "data"}
	}
	return []string{"unknown"}
}

// specialMeetings are the large records that exercise paging: over 60
// sessions (sessions@odata.nextLink) and over 130 participants.
var specialMeetings = []struct {
	daysAgo, participants, rejoins int
}{
	{2, 75, 4},   // 79 sessions: two pages of sessions
	{5, 110, 20}, // 130 sessions
	{9, 152, 18}, // 170 sessions, two pages of participants
	{12, 61, 0},  // exactly one session over a page
	{14, 130, 0}, // exactly one page of participants
	{20, 131, 0}, // one participant over
	{26, 60, 0},  // exactly one full page of sessions, no nextLink
}

func (w *demoWorld) specialMeeting(r *rand.Rand, clock *demoClock, sp struct{ daysAgo, participants, rejoins int }) *demoRecord {
	rec := &demoRecord{w: w, id: guid(r), seed: r.Uint64(), kind: recMeeting, outcome: -1,
		modalities: []string{"audio", "video", "screenSharing"}}
	rec.parts = w.meetingCast(r, sp.participants, true)
	rec.rejoins = min(sp.rejoins, len(rec.parts)-1)
	day := clock.base.Add(-time.Duration(sp.daysAgo) * 24 * time.Hour).Truncate(24 * time.Hour)
	rec.start, rec.end = clock.fit(day.Add(15*time.Hour+time.Duration(r.IntN(3600))*time.Second), 75*time.Minute)
	return rec
}

// head is the list-level callRecord.
func (rec *demoRecord) head(r *rand.Rand) model.CallRecord {
	org := rec.w.person(rec.parts[0])
	h := model.CallRecord{
		ID: rec.id, Version: 1, Modalities: rec.modalities,
		StartDateTime: model.NewTime(rec.start), EndDateTime: model.NewTime(rec.end),
	}
	orgP := org.participant(false)
	h.OrganizerV2 = &orgP
	switch rec.kind {
	case recP2P, recP2PPstn:
		h.Type = model.CallTypePeerToPeer
	case recMeeting:
		h.Type = model.CallTypeGroupCall
		h.JoinWebURL = joinURL(rec.id, org.id)
	case recQueue:
		h.Type = model.CallTypeUnknown
	case recACS:
		h.Type = "unknownFutureValue"
	}
	// Later versions arrive as late telemetry does (graph-api.md §4.3).
	mod := rec.end.Add(time.Duration(5+r.IntN(50)) * time.Minute)
	switch n := r.IntN(10); {
	case n < 3:
		h.Version, mod = 2, mod.Add(time.Duration(1+r.IntN(6))*time.Hour)
	case n < 4:
		h.Version, mod = 3, mod.Add(time.Duration(6+r.IntN(30))*time.Hour)
	}
	if h.Version == 1 {
		mod = time.Time{} // publishDemo writes version 1 and any second one
	}
	h.LastModifiedDateTime = model.NewTime(mod)
	return h
}

func joinURL(recID, orgID string) string {
	ctx := url.QueryEscape(`{"Tid":"` + DefaultTenantID + `","Oid":"` + orgID + `"}`)
	return "https://teams.microsoft.com/l/meetup-join/19%3ameeting_" + recID[:8] + recID[24:] + "%40thread.v2/0?context=" + ctx
}

// hasParticipant reports whether id is among the record's participants,
// without generating its detail (the $filter on participants uses it).
func (rec *demoRecord) hasParticipant(id string) bool {
	i, ok := rec.w.index[id]
	return ok && slices.Contains(rec.parts, i)
}
