package quality

import (
	"strings"
	"testing"
	"time"

	"github.com/callscope/callscope/model"
)

func failedSession(stage, reason string) model.Session {
	return model.Session{FailureInfo: &model.FailureInfo{Stage: stage, Reason: reason}}
}

// TestCallResult: ok, a failure with where and why, a failure reported on
// a segment only, a user outcome (busy) that is no failure, and an empty
// failureInfo that is none.
func TestCallResult(t *testing.T) {
	segFail := model.Session{Segments: []model.Segment{{}, {FailureInfo: &model.FailureInfo{Stage: "midcall", Reason: "NetworkConnectionLost"}}}}
	cases := []struct {
		name    string
		rec     model.CallRecord
		outcome Outcome
		short   string
		text    string
	}{
		{"no sessions", model.CallRecord{}, OK, "ok", "ok"},
		{"empty failureInfo", model.CallRecord{Sessions: []model.Session{{FailureInfo: &model.FailureInfo{}}}}, OK, "ok", "ok"},
		{"setup failure", model.CallRecord{Sessions: []model.Session{{}, failedSession("callSetup", "CallSetupTimeout")}},
			Failed, "failed: setup, CallSetupTimeout", "failed: setup, CallSetupTimeout (session 2 of 2)"},
		{"segment only", model.CallRecord{Sessions: []model.Session{segFail}}, Failed, "failed: mid-call, NetworkConnectionLost", "failed: mid-call, NetworkConnectionLost"},
		{"busy is a user outcome", model.CallRecord{Sessions: []model.Session{failedSession("callSetup", "486 Busy Here")}},
			UserOutcome, "ended: setup, 486 Busy Here", "ended: setup, 486 Busy Here"},
		{"a failure beats a user outcome", model.CallRecord{Sessions: []model.Session{
			failedSession("callSetup", "486 Busy Here"), failedSession("callSetup", "SIP 503 Service Unavailable"), segFail}},
			Failed, "failed: setup, SIP 503 Service Unavailable", "failed: setup, SIP 503 Service Unavailable (session 2 of 3; 2 sessions failed)"},
		{"unknown stage", model.CallRecord{Sessions: []model.Session{failedSession("unknown", "Unknown")}}, Failed, "failed: Unknown", "failed: Unknown"},
	}
	for _, c := range cases {
		r := CallResult(&c.rec)
		if r.Outcome != c.outcome || r.Short() != c.short || r.Text() != c.text {
			t.Errorf("%s: got %q %q %q, want %q %q %q", c.name, r.Outcome, r.Short(), r.Text(), c.outcome, c.short, c.text)
		}
	}
}

// TestReasonEndKind: only a reason that starts with a SIP code is read as one.
func TestReasonEndKind(t *testing.T) {
	for reason, failure := range map[string]bool{
		"486 Busy Here": false, "SIP 603 Decline": false, "503 Service Unavailable": true,
		"4860 things": true, "CallSetupTimeout": true, "": true, "200": false,
	} {
		if got := reasonEndKind(reason) == "failure"; got != failure {
			t.Errorf("%q: failure %v, want %v", reason, got, failure)
		}
	}
}

// TestCallQuality: the record's rollup named by the worst stream's kind
// and first poor metric.
func TestCallQuality(t *testing.T) {
	good := audio(5120, nil)
	muted := audio(120, nil)
	poorAudio := audio(5120, func(s *model.MediaStream) { s.AverageJitter = qDur(45 * time.Millisecond) })
	poorVideo := model.MediaStream{StreamDirection: "callerToCallee", AverageVideoFrameRate: qF64(3)}
	poorShare := model.MediaStream{VideoCodec: "h264", AverageVideoFrameLossPercentage: qF64(61)}
	media := func(label string, st ...model.MediaStream) model.Session {
		return model.Session{Segments: []model.Segment{{Media: []model.Media{{Label: label, Streams: st}}}}}
	}
	cases := []struct {
		name    string
		rec     model.CallRecord
		verdict Verdict
		short   string
	}{
		{"no streams", model.CallRecord{}, Unclassified, "unclassified"},
		{"muted only", model.CallRecord{Sessions: []model.Session{media("main-audio", muted)}}, Unclassified, "unclassified"},
		{"good", model.CallRecord{Sessions: []model.Session{media("main-audio", good, muted)}}, Good, "good"},
		{"poor audio", model.CallRecord{Sessions: []model.Session{media("main-audio", good), media("main-audio", poorAudio)}}, Poor, "poor audio: jitter 45 ms"},
		{"poor video", model.CallRecord{Sessions: []model.Session{media("main-video", poorVideo)}}, Poor, "poor video: frame rate 3 fps"},
		{"poor sharing", model.CallRecord{Sessions: []model.Session{media("applicationsharing-video", poorShare)}}, Poor, "poor sharing: frame loss 61 %"},
	}
	for _, c := range cases {
		v := CallQuality(&c.rec)
		if v.Verdict != c.verdict || v.Short() != c.short {
			t.Errorf("%s: got %q %q, want %q %q", c.name, v.Verdict, v.Short(), c.verdict, c.short)
		}
		if label, _, _ := strings.Cut(c.short, ":"); v.Label() != label {
			t.Errorf("%s: label %q, want %q", c.name, v.Label(), label)
		}
		if v.Reason() != ClassifyRecord(&c.rec).Summary() {
			t.Errorf("%s: reason %q is not the rollup's", c.name, v.Reason())
		}
	}
}
