package quality

import (
	"strings"
	"testing"
	"time"

	"github.com/callscope/callscope/model"
)

func qDur(d time.Duration) *model.Duration { v := model.Duration(d); return &v }
func qF64(f float64) *float64              { return &f }
func qI64(n int64) *int64                  { return &n }

const ms = time.Millisecond

// audio is a main-audio stream of n packets with every rule metric well
// inside its limit; set changes one.
func audio(n int64, set func(*model.MediaStream)) model.MediaStream {
	st := model.MediaStream{AudioCodec: "OPUS", StreamDirection: "callerToCallee", PacketUtilization: qI64(n),
		AverageJitter: qDur(12 * ms), AveragePacketLossRate: qF64(0.01), AverageRoundTripTime: qDur(80 * ms)}
	if set != nil {
		set(&st)
	}
	return st
}

// TestAudioClassification is the audio table of "Stream Classification in
// Call Quality Dashboard (CQD)" with its boundary values: strict "greater
// than" everywhere, and the 500-packet gate.
func TestAudioClassification(t *testing.T) {
	cases := []struct {
		name   string
		st     model.MediaStream
		want   Verdict
		reason string // a substring of Summary
	}{
		{"all inside", audio(5120, nil), Good, "good: audio within Microsoft's limits"},
		{"jitter at 30 ms", audio(5120, func(s *model.MediaStream) { s.AverageJitter = qDur(30 * ms) }), Good, ""},
		{"jitter 31 ms", audio(5120, func(s *model.MediaStream) { s.AverageJitter = qDur(31 * ms) }), Poor, "jitter 31 ms > 30 ms"},
		{"jitter 30.5 ms", audio(5120, func(s *model.MediaStream) { s.AverageJitter = qDur(30*ms + 500*time.Microsecond) }), Poor, "jitter 30.5 ms > 30 ms"},
		{"jitter 45 ms, issue's example", audio(5120, func(s *model.MediaStream) { s.AverageJitter = qDur(45 * ms) }), Poor,
			"poor: audio jitter 45 ms > 30 ms, 5,120 packets, caller → callee"},
		{"loss at 10 %", audio(5120, func(s *model.MediaStream) { s.AveragePacketLossRate = qF64(0.1) }), Good, ""},
		{"loss a hair above 10 %", audio(5120, func(s *model.MediaStream) { s.AveragePacketLossRate = qF64(0.100001) }), Poor, "packet loss 10.0001 % > 10 %"},
		{"round trip at 500 ms", audio(5120, func(s *model.MediaStream) { s.AverageRoundTripTime = qDur(500 * ms) }), Good, ""},
		{"round trip 501 ms", audio(5120, func(s *model.MediaStream) { s.AverageRoundTripTime = qDur(501 * ms) }), Poor, "round trip 501 ms > 500 ms"},
		{"500 packets, poor metrics", audio(500, func(s *model.MediaStream) { s.AverageJitter = qDur(90 * ms) }), Unclassified, "(≤ 500), 500 packets"},
		{"501 packets, poor metrics", audio(501, func(s *model.MediaStream) { s.AverageJitter = qDur(90 * ms) }), Poor, "jitter 90 ms > 30 ms, 501 packets"},
		{"120 packets, muted attendee", audio(120, func(s *model.MediaStream) { s.AverageJitter = qDur(45 * ms) }), Unclassified, "too few packets"},
		{"packets not reported", audio(0, func(s *model.MediaStream) { s.PacketUtilization = nil }), Unclassified, "packetUtilization) not reported"},
		{"no metrics", audio(900, func(s *model.MediaStream) {
			s.AverageJitter, s.AveragePacketLossRate, s.AverageRoundTripTime = nil, nil, nil
		}),
			Unclassified, "round trip, packet loss and jitter not reported"},
		{"degradation 1.2 alone", audio(5120, func(s *model.MediaStream) { s.AverageAudioDegradation = qF64(1.2) }), Good, ""},
		{"concealed 0.2 alone", audio(5120, func(s *model.MediaStream) { s.AverageRatioOfConcealedSamples = qF64(0.2) }), Good, ""},
		{"network jitter is not the rule's jitter", audio(5120, func(s *model.MediaStream) { s.AverageAudioNetworkJitter = qDur(80 * ms) }), Good, ""},
		{"three at once", audio(5120, func(s *model.MediaStream) {
			s.AverageJitter, s.AveragePacketLossRate, s.AverageRoundTripTime = qDur(110*ms), qF64(0.28), qDur(693*ms)
		}), Poor, "round trip 693 ms > 500 ms, packet loss 28 % > 10 %, jitter 110 ms > 30 ms"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := Classify("main-audio", &c.st)
			if got.Kind != Audio || got.Verdict != c.want {
				t.Fatalf("kind %v verdict %q, want audio %q (%s)", got.Kind, got.Verdict, c.want, got.Summary())
			}
			if !strings.Contains(got.Summary(), c.reason) {
				t.Errorf("summary %q lacks %q", got.Summary(), c.reason)
			}
			if got.Verdict != Poor {
				for _, m := range got.Rule {
					if m.Poor {
						t.Errorf("%s marked poor on a %s stream", m.Name, got.Verdict)
					}
				}
			}
		})
	}
}

// TestVideoClassification: the first available metric decides, in the
// page's order (frame loss, frame rate, post-FEC loss).
func TestVideoClassification(t *testing.T) {
	cases := []struct {
		name              string
		loss, fps, postFE *float64
		preFEC            *float64
		want              Verdict
		reason            string
	}{
		{"70 % frame loss at 3 fps, issue's example", qF64(70), qF64(3), nil, nil, Poor, "frame loss 70 % > 50 %"},
		{"frame loss at 50 %", qF64(50), nil, nil, nil, Good, "frame loss 50 % ≤ 50 %"},
		{"frame loss 50.01 %", qF64(50.01), nil, nil, nil, Poor, "frame loss 50.01 % > 50 %"},
		{"frame loss decides over frame rate", qF64(10), qF64(3), nil, nil, Good, "frame loss 10 % ≤ 50 %"},
		{"7 fps", nil, qF64(7), nil, nil, Good, "frame rate 7 fps ≥ 7 fps"},
		{"6.9 fps", nil, qF64(6.9), nil, nil, Poor, "frame rate 6.9 fps < 7 fps"},
		{"6.99 fps", nil, qF64(6.99), nil, nil, Poor, "frame rate 6.99 fps < 7 fps"},
		{"post-FEC at 15 %", nil, nil, qF64(0.15), nil, Good, "packet loss after FEC 15 % ≤ 15 %"},
		{"post-FEC 16 %", nil, nil, qF64(0.16), nil, Poor, "packet loss after FEC 16 % > 15 %"},
		{"pre-FEC loss is not the rule's", nil, nil, nil, qF64(0.9), Unclassified, "not reported"},
		{"nothing", nil, nil, nil, nil, Unclassified, "frame loss, frame rate and packet loss after FEC not reported"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			st := model.MediaStream{VideoCodec: "h264", AverageVideoFrameLossPercentage: c.loss, AverageVideoFrameRate: c.fps,
				PostForwardErrorCorrectionPacketLossRate: c.postFE, AverageVideoPacketLossRate: c.preFEC}
			got := Classify("main-video", &st)
			if got.Kind != Video || got.Verdict != c.want {
				t.Fatalf("kind %v verdict %q, want video %q (%s)", got.Kind, got.Verdict, c.want, got.Summary())
			}
			if !strings.Contains(got.Summary(), c.reason) {
				t.Errorf("summary %q lacks %q", got.Summary(), c.reason)
			}
		})
	}
}

// TestVideoFrameLossScale pins the reading of averageVideoFrameLossPercentage
// as percentage points (0–100), which Graph does not state.
func TestVideoFrameLossScale(t *testing.T) {
	st := model.MediaStream{AverageVideoFrameLossPercentage: qF64(0.7)}
	got := Classify("main-video", &st)
	if got.Verdict != Good || !strings.Contains(got.Summary(), "frame loss 0.7 % ≤ 50 %") {
		t.Errorf("0.7 read as %q: %s", got.Verdict, got.Summary())
	}
}

// TestScreenSharingClassification: the 2022 VBSS rule: h264s by frame
// rate < 1 fps, other codecs by frame loss > 50 %; no post-FEC step.
func TestScreenSharingClassification(t *testing.T) {
	cases := []struct {
		name  string
		label string
		st    model.MediaStream
		want  Verdict
	}{
		{"h264s 0.9 fps", "applicationsharing-video", model.MediaStream{VideoCodec: "h264s", AverageVideoFrameRate: qF64(0.9)}, Poor},
		{"h264s at 1 fps", "applicationsharing-video", model.MediaStream{VideoCodec: "h264s", AverageVideoFrameRate: qF64(1)}, Good},
		{"h264s 1.5 fps (poor under the 2021 rule of < 2)", "applicationsharing-video", model.MediaStream{VideoCodec: "h264s", AverageVideoFrameRate: qF64(1.5)}, Good},
		{"h264s frame loss does not count", "videobasedscreensharing", model.MediaStream{VideoCodec: "h264s", AverageVideoFrameLossPercentage: qF64(90)}, Unclassified},
		{"h264 frame loss 60 %", "videobasedscreensharing", model.MediaStream{VideoCodec: "h264", AverageVideoFrameLossPercentage: qF64(60), AverageVideoFrameRate: qF64(30)}, Poor},
		{"h264 frame loss at 50 %", "videobasedscreensharing", model.MediaStream{VideoCodec: "h264", AverageVideoFrameLossPercentage: qF64(50)}, Good},
		{"post-FEC loss is no VBSS step", "videobasedscreensharing", model.MediaStream{VideoCodec: "h264", PostForwardErrorCorrectionPacketLossRate: qF64(0.5)}, Unclassified},
		{"22 % loss and 687 ms round trip, issue's example", "applicationsharing-video",
			model.MediaStream{AveragePacketLossRate: qF64(0.22), AverageRoundTripTime: qDur(687 * ms), PacketUtilization: qI64(9000)}, Unclassified},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := Classify(c.label, &c.st)
			if got.Kind != ScreenSharing || got.Verdict != c.want {
				t.Fatalf("kind %v verdict %q, want screen sharing %q (%s)", got.Kind, got.Verdict, c.want, got.Summary())
			}
		})
	}
}

// TestAppSharingAndOtherAreNeverGood: Graph carries no metric of the
// application sharing rule; a data channel has no rule at all.
func TestAppSharingAndOtherAreNeverGood(t *testing.T) {
	st := model.MediaStream{AveragePacketLossRate: qF64(0.22), AverageRoundTripTime: qDur(687 * ms), PacketUtilization: qI64(9000)}
	for _, label := range []string{"applicationsharing", "data-channel", "main-hologram"} {
		got := Classify(label, &st)
		if got.Verdict != Unclassified {
			t.Errorf("%s: %q", label, got.Summary())
		}
		if len(got.Extra) == 0 || got.Extra[0].Poor || got.Extra[0].Limit != "" {
			t.Errorf("%s: the figures shown beside the verdict: %+v", label, got.Extra)
		}
	}
	if k := KindOf("applicationsharing", &st); k != AppSharing {
		t.Errorf("applicationsharing is %v", k)
	}
}

func TestKindOf(t *testing.T) {
	cases := []struct {
		label string
		st    model.MediaStream
		want  Kind
	}{
		{"main-audio", model.MediaStream{}, Audio},
		{"", model.MediaStream{AudioCodec: "unknownFutureValue"}, Audio},
		{"main-video", model.MediaStream{}, Video},
		{"", model.MediaStream{VideoCodec: "h264"}, Video},
		{"applicationsharing-video", model.MediaStream{}, ScreenSharing},
		{"videobasedscreensharing", model.MediaStream{}, ScreenSharing},
		{"data-channel", model.MediaStream{}, Other},
		{"", model.MediaStream{}, Other},
	}
	for _, c := range cases {
		if got := KindOf(c.label, &c.st); got != c.want {
			t.Errorf("KindOf(%q, %+v) = %v, want %v", c.label, c.st, got, c.want)
		}
	}
}

// TestMetricsNameTheirGraphProperty: the rule's jitter is averageJitter;
// averageAudioNetworkJitter, degradation and concealed ratio are extra
// figures, never poor.
func TestMetricsNameTheirGraphProperty(t *testing.T) {
	st := audio(5120, func(s *model.MediaStream) {
		s.AverageAudioNetworkJitter, s.AverageAudioDegradation, s.AverageRatioOfConcealedSamples = qDur(43*ms), qF64(1.2), qF64(0.08)
	})
	got := Classify("main-audio", &st)
	var props []string
	for _, m := range got.Rule {
		props = append(props, m.Property)
	}
	if strings.Join(props, ",") != "averageRoundTripTime,averagePacketLossRate,averageJitter,packetUtilization" {
		t.Errorf("rule properties %v", props)
	}
	want := []string{"network jitter (averageAudioNetworkJitter) 43 ms", "degradation (averageAudioDegradation) 1.2",
		"concealed ratio (averageRatioOfConcealedSamples) 0.08"}
	if len(got.Extra) != len(want) {
		t.Fatalf("extra %+v", got.Extra)
	}
	for i, w := range want {
		if got.Extra[i].String() != w || got.Extra[i].Poor {
			t.Errorf("extra %d = %q (poor %v), want %q", i, got.Extra[i], got.Extra[i].Poor, w)
		}
	}
	jit := audio(5120, func(s *model.MediaStream) { s.AverageJitter = qDur(45 * ms) })
	if m := Classify("main-audio", &jit).Rule[2]; m.String() != "jitter (averageJitter) 45 ms > 30 ms" {
		t.Errorf("jitter metric %q", m)
	}
}

func TestTrimFloat(t *testing.T) {
	cases := map[float64]string{0: "0", 1.5: "1.5", 0.126: "0.13", 2: "2", 0.0004: "0.0004", -0.5: "-0.5"}
	for in, want := range cases {
		if got := TrimFloat(in, 2); got != want {
			t.Errorf("TrimFloat(%v) = %q, want %q", in, got, want)
		}
	}
}

// TestMetricShort: table cells round, but never onto the limit of a poor value.
func TestMetricShort(t *testing.T) {
	cases := []struct {
		st   model.MediaStream
		i    int
		want string
	}{
		{audio(900, func(s *model.MediaStream) { s.AverageJitter = qDur(30*ms + 400*time.Microsecond) }), 2, "30.4 ms"},
		{audio(900, func(s *model.MediaStream) { s.AverageJitter = qDur(30*ms + 600*time.Microsecond) }), 2, "31 ms"},
		{audio(900, func(s *model.MediaStream) { s.AverageJitter = qDur(12*ms + 400*time.Microsecond) }), 2, "12 ms"},
		{audio(900, func(s *model.MediaStream) { s.AverageRoundTripTime = qDur(1500 * ms) }), 0, "1.5 s"},
		{audio(900, func(s *model.MediaStream) { s.AveragePacketLossRate = qF64(0.1004) }), 1, "10.04 %"},
		{audio(900, func(s *model.MediaStream) { s.AveragePacketLossRate = qF64(0.123) }), 1, "12.3 %"},
	}
	for _, c := range cases {
		if got := Classify("main-audio", &c.st).Rule[c.i].Short; got != c.want {
			t.Errorf("Short = %q, want %q", got, c.want)
		}
	}
}
