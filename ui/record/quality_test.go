package record

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/callscope/callscope/graphclient/fakegraph"
	"github.com/callscope/callscope/model"
	"github.com/callscope/callscope/model/quality"
	"github.com/callscope/callscope/ui/common"
	"github.com/callscope/callscope/ui/uitest"
)

// poorCall is GroupCall with streams Microsoft's rule has verdicts for:
// session 1's audio has jitter 110 ms, 28 % loss and 693 ms round trip
// over 5,120 packets (the session that read "ok"), beside a
// muted attendee's 120 packets, 70 % video frame loss at 3 fps and a
// screen-sharing stream with only 22 % loss and 687 ms round trip.
// Session 2 carries an empty failureInfo ({}) over a segment that failed.
func poorCall() model.CallRecord {
	r := uitest.GroupCall()
	ms := func(n int) *model.Duration { d := model.Duration(time.Duration(n) * time.Millisecond); return &d }
	f := func(v float64) *float64 { return &v }
	n := func(v int64) *int64 { return &v }
	seg := &r.Sessions[0].Segments[0]
	audio := &seg.Media[0]
	audio.Streams[0].AverageJitter, audio.Streams[0].AveragePacketLossRate = ms(110), f(0.28)
	audio.Streams[0].AverageRoundTripTime, audio.Streams[0].PacketUtilization = ms(693), n(5120)
	audio.Streams[1].AverageJitter, audio.Streams[1].PacketUtilization = ms(45), n(120)
	seg.Media = append(seg.Media,
		model.Media{Label: "main-video", Streams: []model.MediaStream{{StreamID: "77", StreamDirection: "calleeToCaller",
			VideoCodec: "h264", AverageVideoFrameLossPercentage: f(70), AverageVideoFrameRate: f(3)}}},
		model.Media{Label: "applicationsharing-video", Streams: []model.MediaStream{{StreamID: "78", StreamDirection: "callerToCallee",
			AveragePacketLossRate: f(0.22), AverageRoundTripTime: ms(687), PacketUtilization: n(9000)}}})
	r.Sessions[1].FailureInfo = &model.FailureInfo{}
	return r
}

func poorCallScreen(t *testing.T, width, height int) (*Screen, *common.Common) {
	t.Helper()
	tenant := fakegraph.NewTenant()
	tenant.AddRecord(poorCall())
	client, _ := recFakeGraph(t, tenant, fakegraph.Options{})
	c, _ := recordCommon(client)
	var s common.Screen = New(c, uitest.GroupCallID)
	s, _ = s.Update(common.BodySizeMsg{Width: width, Height: height})
	s, _ = uitest.SettleScreen(t, s, s.Init())
	return s.(*Screen), c
}

// TestVerdictsAtEveryLevel: the record, its sessions, a session's segments
// and streams each say Microsoft's verdict and why.
func TestVerdictsAtEveryLevel(t *testing.T) {
	s, c := poorCallScreen(t, 160, 40)
	const worst = "poor: audio round trip 693 ms > 500 ms, packet loss 28 % > 10 %, jitter 110 ms > 30 ms, 5,120 packets, caller → callee"
	uitest.ViewHas(t, s.View(), "Quality       "+worst+" (session 1,\n              segment 1) · 2 of 4 streams poor",
		"Quality "+worst+" (segment 1) · 2 of 4 streams poor")
	if got := s.sessionCell(0, sessionQualityColumn); got != "poor" {
		t.Errorf("session 1 quality cell %q", got)
	}
	if st, ok := s.sessionRowStyle(0); !ok || st.GetForeground() != c.Styles.Warn.GetForeground() {
		t.Error("session 1, with poor streams, is not marked")
	}

	ss := newSessionScreen(c, s.record, 0)
	ss.Update(common.BodySizeMsg{Width: 160, Height: 40})
	want := map[string]string{"1": "poor", "1.1": "poor", "1.2": "unclassified", "1.3": "poor", "1.4": "unclassified"}
	for i, r := range ss.rows {
		if got := ss.cell(i, segmentVerdictColumn); got != want[r.label] {
			t.Errorf("row %s verdict %q, want %q", r.label, got, want[r.label])
		}
	}
	uitest.ViewHas(t, ss.View(), "quality poor", "2 poor · 2 unclassified")
	for row, want := range map[int]string{
		1: "round trip 693 ms poor · packet loss 28 % poor · jitter 110 ms poor · packets 5,120",
		2: "round trip 58 ms · packet loss 0 % · jitter 45 ms · packets 120", // unclassified: nothing marked poor
		3: "frame loss 70 % poor · frame rate 3 fps · packet loss after FEC —",
	} {
		if got := ss.cell(row, segmentMetricsColumn); got != want {
			t.Errorf("row %d metrics %q, want %q", row, got, want)
		}
	}
	// The screen-sharing stream is not "good": Graph has none of its rule's metrics.
	ss.tbl.SetCursor(4)
	ss.layout()
	uitest.ViewHas(t, ss.View(), "Verdict         unclassified: video-based screen sharing frame loss not reported",
		"packet loss (averagePacketLossRate) 22 %", "round trip (averageRoundTripTime) 687 ms", "(not part of Microsoft's verdict)")
}

// TestEmptyFailureInfoIsNoFailure: session 2's failureInfo is {}; the
// segment's real failure shows, in words and colour.
func TestEmptyFailureInfoIsNoFailure(t *testing.T) {
	s, c := poorCallScreen(t, 160, 40)
	if got := s.sessionCell(1, sessionResultColumn); got != "FAILED callSetup: SIP 408 Request Timeout from sbc.contoso.com" {
		t.Errorf("session 2 result %q", got)
	}
	if st, ok := s.sessionRowStyle(1); !ok || st.GetForeground() != c.Styles.Danger.GetForeground() {
		t.Error("session 2 not marked failed")
	}
	ss := &model.Session{FailureInfo: &model.FailureInfo{}}
	if got := sessionResult(ss); got != "ok" {
		t.Errorf("empty failureInfo reads %q", got)
	}
	if _, ok := s.sessionRowStyle(0); ok && quality.SessionFailure(&s.record.Sessions[0]) != nil {
		t.Error("session 1 failed")
	}
}

// TestStreamDetailScrollsAt80x24: the stream detail is cut under the table
// at 80×24; it says so, and enter shows all of it, scrolled by the
// movement keys.
func TestStreamDetailScrollsAt80x24(t *testing.T) {
	s, c := poorCallScreen(t, 80, 24)
	ss := newSessionScreen(c, s.record, 0)
	ss.Update(common.BodySizeMsg{Width: 80, Height: 24})
	ss.Update(uitest.KeyDown)
	v := ss.View()
	uitest.ViewHas(t, v, "more lines: enter shows the whole detail")
	if strings.Contains(v, "Callee device") {
		t.Fatal("the detail fits: the test shows nothing")
	}
	ss.Update(uitest.KeyEnter)
	if !ss.ClaimsBack() {
		t.Error("esc would leave the screen, not the detail")
	}
	uitest.ViewHas(t, ss.View(), "Detail · lines 1–", "Stream 1.1", "Callee device")
	ss.Update(common.BodySizeMsg{Width: 80, Height: 12})
	uitest.ViewHas(t, ss.View(), "Detail · lines 1–11 of")
	ss.Update(uitest.KeyEnd)
	uitest.ViewHas(t, ss.View(), "Callee device")
	if strings.Contains(ss.View(), "Stream 1.1 ·") {
		t.Error("End did not scroll")
	}
	if n := strings.Count(ss.View(), "\n") + 1; n > 12 {
		t.Errorf("%d lines in a body of 12", n)
	}
	ss.Update(uitest.KeyHome)
	uitest.ViewHas(t, ss.View(), "Stream 1.1 ·")
	ss.Update(uitest.KeyEsc)
	uitest.ViewHas(t, ss.View(), "Segment / stream")
}

// TestRecordVShowsGraphBytes: v on a record shows Graph's bytes, nulls and
// unknown properties kept, & unescaped, titled as Graph's JSON.
func TestRecordVShowsGraphBytes(t *testing.T) {
	c := uitest.Common(uitest.T0)
	c.Records = common.NewRecordCache(4)
	rec := poorCall()
	rec.Raw = json.RawMessage(`{"id":"` + rec.ID + `","joinWebUrl":"https://x/?a=1&b=2","organizer":null,"futureProperty":[]}`)
	c.Records.PutRecord(&rec)
	s := New(c, rec.ID)
	s.Update(common.BodySizeMsg{Width: 120, Height: 37})
	s.onKey(uitest.KeyRune('v'))
	uitest.ViewHas(t, s.View(), "Graph's JSON, as sent · record 3f2a9c1e…", `"organizer": null`, `"futureProperty": []`, `"https://x/?a=1&b=2"`)
	if strings.Contains(s.View(), `"sessions"`) {
		t.Error("the decoded record is shown, not Graph's bytes")
	}
	rec.Raw = nil // a client that kept no bytes: the decoded record, titled so
	s2 := New(c, rec.ID)
	s2.Update(common.BodySizeMsg{Width: 120, Height: 37})
	s2.onKey(uitest.KeyRune('v'))
	uitest.ViewHas(t, s2.View(), "Decoded JSON · record 3f2a9c1e… · not Graph's bytes")
}
