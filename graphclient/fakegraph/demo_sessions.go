package fakegraph

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"time"

	"github.com/callscope/callscope/model"
)

// Seeds that separate the streams a record draws from, so that adding a
// field to one generator does not change the others' output.
const (
	seqSessions = 0x73657373
	seqWindow   = 0x77696e64
	seqLegs     = 0x6c656773
	seqFailure  = 0x6661696c
)

// participants lists organizer first, as the demo records were drawn.
func (rec *demoRecord) participants() []model.Participant {
	out := make([]model.Participant, len(rec.parts))
	for i, p := range rec.parts {
		out[i] = rec.w.person(p).participant(true)
	}
	return out
}

// window is when participant i was in the call. The direct-routing rows of
// meeting phone legs use it too, so a row and its record agree.
func (rec *demoRecord) window(i int) (time.Time, time.Time) {
	if i == 0 || rec.kind != recMeeting {
		return rec.start, rec.end
	}
	r := rand.New(rand.NewPCG(rec.seed^uint64(i), seqWindow))
	d := rec.end.Sub(rec.start)
	join := rec.start.Add(time.Duration(r.Float64() * 0.25 * float64(d)))
	leave := rec.end.Add(-time.Duration(r.Float64() * 0.25 * float64(d)))
	return join.Truncate(time.Millisecond), leave.Truncate(time.Millisecond)
}

// sessions generates the record's sessions with segments and media.
func (rec *demoRecord) sessions() []model.Session {
	r := rand.New(rand.NewPCG(rec.seed, seqSessions))
	g := &sessionGen{rec: rec, r: r}
	switch rec.kind {
	case recMeeting:
		g.meeting()
	case recP2PPstn:
		g.pstn()
	case recQueue:
		g.queue()
	default:
		a, b := rec.w.person(rec.parts[0]), rec.w.person(rec.parts[1])
		g.voip(voipLeg{caller: g.client(a), callee: g.client(b), start: rec.start, end: rec.end,
			mods: rec.modalities, failure: int(rec.failure)})
	}
	slices.SortStableFunc(g.out, func(a, b model.Session) int { return a.StartDateTime.Compare(b.StartDateTime.Time) })
	return g.out
}

type sessionGen struct {
	rec *demoRecord
	r   *rand.Rand
	out []model.Session
	n   int
}

func (g *sessionGen) nextID() string {
	g.n++
	return fmt.Sprintf("%s%04x", g.rec.id[:32], g.n) // stable per record and position
}

// Service roles used for the service side of sessions (serviceRole enum).
const (
	roleMCU       = "skypeForBusinessAudioVideoMcu"
	roleMediation = "mediationServer"
	roleGateway   = "gateway"
	roleBot       = "customBot"
	roleQueue     = "skypeForBusinessCallQueues"
	roleAA        = "skypeForBusinessAutoAttendant"
	roleConfAnn   = "conferencingAnnouncementService"
)

func serviceEndpoint(role, header string) *model.Endpoint {
	return &model.Endpoint{ODataType: model.ServiceEndpointType, UserAgent: &model.UserAgent{
		ODataType: model.ServiceUserAgentType, Role: role, HeaderValue: header,
		ApplicationVersion: "2024.11.21.3"}}
}

var sbcAgents = []string{"AudioCodes/7.40A.500.775", "Ribbon/SBC SWe Lite 11.1.1", "Oracle ESBC/9.0.0", "Cisco-SIPGateway/IOS-17.9"}

type clientKind struct {
	platform, family, header, version string
}

var clientKinds = []clientKind{
	{"windows", "teams", "Mozilla/5.0 (Windows NT 10.0; Win64; x64) Teams/24335.208.3315.1951/49", "24335.208.3315.1951"},
	{"windows", "teams", "Mozilla/5.0 (Windows NT 10.0; Win64; x64) Teams/25044.2208.3471.2155/49", "25044.2208.3471.2155"},
	{"macOS", "teams", "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_6) Teams/24335.208.3315.1951/49", "24335.208.3315.1951"},
	{"iOS", "teams", "TeamsMobile-iOS/6.24.1 (iPhone15,2; iOS 18.1)", "6.24.1"},
	{"android", "teams", "TeamsMobile-Android/1416/1.0.0.2024222702 (SM-S918B; Android 14)", "1416/1.0.0.2024222702"},
	{"web", "teams", "Mozilla/5.0 (X11; Linux x86_64) Chrome/131.0.0.0 Teams/web", "web"},
	{"roomSystem", "teams", "MicrosoftTeamsRoom/5.2.115.0 (Windows 10.0.19045; Logitech Rally Bar)", "5.2.115.0"},
	{"ipPhone", "teams", "TeamsIPPhone/1449/1.0.94.2024120401 (Poly CCX 600)", "1449/1.0.94.2024120401"},
	{"surfaceHub", "teams", "MicrosoftTeamsSurfaceHub/2024.11 (Surface Hub 3)", "2024.11"},
	{"android", "skypeForBusiness", "RTCC/7.0.0.0 UCWA/7.0.0.0 AndroidLync/6.25.0.27 (SM-G930U Android 8.0.0)", "6.25.0.27"},
	{"windows", "skypeForBusiness", "UCCAPI/16.0.12527.20122 OC/16.0.12527.20194 (Skype for Business)", "16.0.12527.20194"},
}

// acsClientKinds are the Azure Communication Services calling SDKs, each
// with the header its own platform sends.
var acsClientKinds = []clientKind{
	{"web", acsProductFamily, "azsdk-js-communication-calling/1.31.2 (Chrome 131; Windows 10)", "1.31.2"},
	{"iOS", acsProductFamily, "azsdk-ios-communication-calling/2.14.1 (iPhone15,2; iOS 18.1)", "2.14.1"},
	{"android", acsProductFamily, "azsdk-android-communication-calling/2.11.0 (SM-S918B; Android 14)", "2.11.0"},
}

// client is a person's participantEndpoint, device chosen per session.
func (g *sessionGen) client(p *person) *model.Endpoint {
	r := g.r
	if p.kind == kindBot {
		return serviceEndpoint(roleBot, "Microsoft.Graph.Communications.Calling/1.2.0 ("+p.name+")")
	}
	var ck clientKind
	switch {
	case p.kind == kindACS:
		ck = pick(r, acsClientKinds)
	case r.IntN(100) < 93:
		ck = clientKinds[r.IntN(9)]
	default:
		ck = pick(r, clientKinds[9:])
	}
	e := &model.Endpoint{
		ODataType: model.ParticipantEndpointType,
		UserAgent: &model.UserAgent{ODataType: model.ClientUserAgentType, HeaderValue: ck.header,
			ApplicationVersion: ck.version, Platform: ck.platform, ProductFamily: ck.family},
		AssociatedIdentity: p.associatedIdentity(),
		Name:               fmt.Sprintf("%s-%06X", strings.ToUpper(ck.platform[:3]), r.IntN(1<<24)),
	}
	if ck.platform == "windows" || ck.platform == "macOS" || ck.platform == "roomSystem" {
		// A Mac reports Apple silicon; Windows machines an Intel or AMD part.
		cpu := pick(r, []string{"Intel(R) Core(TM) i7-1365U", "AMD Ryzen 7 PRO 7840U w/ Radeon 780M Graphics", "Apple M3 Pro", "Intel(R) Core(TM) i5-1145G7 @ 2.60GHz"})
		switch apple := strings.HasPrefix(cpu, "Apple"); {
		case ck.platform == "macOS" && !apple:
			cpu = "Apple M2"
		case ck.platform != "macOS" && apple:
			cpu = "Intel(R) Core(TM) i7-1185G7 @ 3.00GHz"
		}
		cores, mhz := int32(4+2*r.IntN(6)), int32(1800+r.IntN(1800))
		e.CPUName, e.CPUCoresCount, e.CPUProcessorSpeed = cpu, &cores, &mhz
	}
	if r.IntN(100) < 12 {
		e.Feedback = feedback(r)
	}
	return e
}

func feedback(r *rand.Rand) *model.UserFeedback {
	fb := &model.UserFeedback{Rating: pick(r, []string{"excellent", "good", "good", "fair", "poor", "bad", "notRated"})}
	if fb.Rating == "poor" || fb.Rating == "bad" {
		fb.Tokens = map[string]bool{"NoSound": false, "OtherNoSound": false, "Echo": r.IntN(3) == 0,
			"Noisy": r.IntN(2) == 0, "LowVolume": false, "Stopped": false, "DistortedSound": r.IntN(2) == 0, "Interruptions": true}
		if r.IntN(3) == 0 {
			fb.Text = pick(r, []string{"Couldn't hear the other side for a minute.", "Robotic voice 🤖", "音声が途切れました"})
		}
	}
	return fb
}

// Reasons for sessions that fail on their own (failureInfo.reason is free text).
var sessionFailures = []model.FailureInfo{
	{Stage: model.FailureStageCallSetup, Reason: "CallSetupTimeout"},
	{Stage: model.FailureStageCallSetup, Reason: "MediaConnectivityFailure: ICE connectivity checks failed"},
	{Stage: model.FailureStageMidcall, Reason: "NetworkConnectionLost"},
	{Stage: model.FailureStageMidcall, Reason: "Unexpected client error"},
	{Stage: "unknown", Reason: "Unknown"},
}

// voipLeg is one client-to-client (or client-to-service) session to add.
type voipLeg struct {
	caller, callee *model.Endpoint
	start, end     time.Time
	mods           []string
	muted          bool // the caller stayed muted (a meeting attendee)
	// failure decides the session's failureInfo: failDraw lets the session
	// fail on its own now and then, failNone never, and 1+i fails it with
	// sessionFailures[i] (a one-session call whose record was cut to fit).
	failure int
}

const (
	failNone = 0
	failDraw = -1
)

// voip adds one session with one segment. A session that fails in call
// setup carries no media and lasts seconds; for a one-session call the
// record was already drawn that short (demoRecord.drawFailure).
func (g *sessionGen) voip(l voipLeg) {
	s := model.Session{ID: g.nextID(), Caller: l.caller, Callee: l.callee, Modalities: l.mods,
		StartDateTime: model.NewTime(l.start), EndDateTime: model.NewTime(l.end)}
	if g.r.IntN(500) == 0 {
		t := true
		s.IsTest = &t
	} else {
		f := false
		s.IsTest = &f
	}
	seg := model.Segment{ID: s.ID, Caller: l.caller, Callee: l.callee, StartDateTime: s.StartDateTime, EndDateTime: s.EndDateTime}
	var fi *model.FailureInfo
	switch {
	case l.failure > 0:
		fi = &sessionFailures[l.failure-1]
	case l.failure == failDraw && g.r.IntN(1000) < 25:
		fi = &sessionFailures[g.r.IntN(len(sessionFailures))]
		if fi.Stage == model.FailureStageCallSetup {
			s.EndDateTime = model.NewTime(l.start.Add(time.Duration(3+g.r.IntN(25)) * time.Second))
			seg.EndDateTime = s.EndDateTime
		}
	}
	if fi != nil {
		c := *fi
		s.FailureInfo, seg.FailureInfo = &c, &c
		if c.Stage == model.FailureStageCallSetup {
			s.Segments = []model.Segment{seg}
			g.out = append(g.out, s)
			return
		}
	}
	seg.Media = mediaFor(g.r, mediaSpec{mods: l.mods, caller: l.caller, callee: l.callee,
		length: s.EndDateTime.Sub(s.StartDateTime.Time), muted: l.muted})
	s.Segments = []model.Segment{seg}
	g.out = append(g.out, s)
}

// meeting adds one session per participant with the meeting service, two for
// the first rec.rejoins participants after the organizer (they dropped and
// came back), which is how big meetings pass 60 sessions.
func (g *sessionGen) meeting() {
	mcu := serviceEndpoint(roleMCU, "Microsoft.Teams.MediaController/2024.11")
	for i, pi := range g.rec.parts {
		p := g.rec.w.person(pi)
		join, leave := g.rec.window(i)
		mods := g.rec.modalities
		var caller *model.Endpoint
		switch p.kind {
		case kindPhone:
			caller, mods = serviceEndpoint(roleConfAnn, "Microsoft.PSTNHub.SIPProxy/2024.11 ("+p.number+")"), []string{"audio"}
		case kindBot:
			caller = g.client(p)
		default:
			caller = g.client(p)
			if i > 0 && g.r.IntN(3) == 0 {
				mods = []string{"audio"}
			}
		}
		// Most attendees stay muted; the organizer (whose session spans the
		// meeting, so a meeting never has every session failed) talks.
		l := voipLeg{caller: caller, callee: mcu, start: join, end: leave, mods: mods,
			muted: i > 0 && p.kind != kindBot && g.r.IntN(100) < 45, failure: failDraw}
		if i == 0 {
			l.failure = failNone
		}
		if i >= 1 && i <= g.rec.rejoins {
			gap := leave.Sub(join) / 10
			mid := join.Add(leave.Sub(join) / 2)
			l.end = mid.Add(-gap)
			g.voip(l)
			l.caller, l.start, l.end = g.client(p), mid.Add(gap), leave
			g.voip(l)
			continue
		}
		g.voip(l)
	}
}

// pstn adds a Direct Routing session: the Teams client to the PSTN hub, then
// the hub to the SBC, as two segments (server-to-server legs).
func (g *sessionGen) pstn() {
	rec := g.rec
	user, phone := rec.w.person(rec.parts[0]), rec.w.person(rec.parts[1])
	if rec.inbound {
		user, phone = phone, user
	}
	oc := demoOutcomes[rec.outcome]
	g.pstnSession(user, phone, rec.inbound, oc, rec.start, rec.end)
	if rec.forwarded {
		fwd := rec.w.person(rec.parts[2])
		at := rec.start.Add(rec.end.Sub(rec.start) / 3)
		g.pstnSession(user, fwd, false, demoOutcomes[outcomeOKOut], at, rec.end)
	}
}

func (g *sessionGen) pstnSession(user, phone *person, inbound bool, oc demoOutcome, start, end time.Time) {
	cl := g.client(user)
	hub := serviceEndpoint(roleMediation, "Microsoft.PSTNHub.SIPProxy/2024.11")
	sbc := serviceEndpoint(roleGateway, pick(g.r, sbcAgents)+" ("+phone.number+")")
	caller, callee := cl, sbc
	if inbound {
		caller, callee = sbc, cl
	}
	s := model.Session{ID: g.nextID(), Caller: caller, Callee: callee, Modalities: []string{"audio"},
		StartDateTime: model.NewTime(start), EndDateTime: model.NewTime(end)}
	f := false
	s.IsTest = &f
	mid := start.Add(time.Duration(200+g.r.IntN(900)) * time.Millisecond)
	seg1 := model.Segment{ID: g.nextID(), Caller: cl, Callee: hub, StartDateTime: s.StartDateTime, EndDateTime: s.EndDateTime}
	seg2 := model.Segment{ID: g.nextID(), Caller: hub, Callee: sbc, StartDateTime: model.NewTime(mid), EndDateTime: s.EndDateTime}
	if inbound {
		seg1.Caller, seg1.Callee = hub, cl
		seg2.Caller, seg2.Callee = sbc, hub
	}
	if oc.Code != 0 {
		fi := &model.FailureInfo{Stage: model.FailureStageCallSetup, Reason: fmt.Sprintf("%d %s", oc.Code, oc.Phrase)}
		s.FailureInfo, seg2.FailureInfo = fi, fi
	} else {
		seg1.Media = mediaFor(g.r, mediaSpec{mods: s.Modalities, caller: seg1.Caller, callee: seg1.Callee, length: end.Sub(start)})
		seg2.Media = mediaFor(g.r, mediaSpec{mods: s.Modalities, caller: seg2.Caller, callee: seg2.Callee,
			serverLeg: true, length: end.Sub(mid)})
	}
	s.Segments = []model.Segment{seg1, seg2}
	g.out = append(g.out, s)
}

// queue adds a caller reaching an auto attendant, then being transferred to
// an agent.
func (g *sessionGen) queue() {
	rec := g.rec
	phone, app, agent := rec.w.person(rec.parts[0]), rec.w.person(rec.parts[1]), rec.w.person(rec.parts[2])
	role := roleAA
	if strings.Contains(app.name, "(CQ)") {
		role = roleQueue
	}
	sbc := serviceEndpoint(roleGateway, pick(g.r, sbcAgents)+" ("+phone.number+")")
	svc := serviceEndpoint(role, "Microsoft.Teams.VoiceApps/2024.11 ("+app.name+")")
	split := rec.start.Add(time.Duration(15+g.r.IntN(60)) * time.Second)
	if split.After(rec.end) {
		split = rec.end
	}
	// The Direct Routing row of this call reports success, so neither leg fails.
	g.voip(voipLeg{caller: sbc, callee: svc, start: rec.start, end: split, mods: []string{"audio"}})
	g.voip(voipLeg{caller: svc, callee: g.client(agent), start: split, end: rec.end, mods: []string{"audio"}})
}
