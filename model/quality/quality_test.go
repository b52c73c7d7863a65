package quality

import (
	"strings"
	"testing"
	"time"

	"github.com/callscope/callscope/model"
)

func qDur(d time.Duration) *model.Duration { v := model.Duration(d); return &v }
func qF64(f float64) *float64              { return &f }

// TestStreamQualityBoundaries checks each Call Quality Dashboard limit at,
// just above and just below its value: the limit itself is not poor.
func TestStreamQualityBoundaries(t *testing.T) {
	type tc struct {
		name   string
		set    func(*model.MediaStream)
		metric int
		want   string
	}
	ms := time.Millisecond
	cases := []tc{
		{"jitter at limit", func(s *model.MediaStream) { s.AverageAudioNetworkJitter = qDur(30 * ms) }, 0, "jitter 30 ms"},
		{"jitter above", func(s *model.MediaStream) { s.AverageAudioNetworkJitter = qDur(31 * ms) }, 0, "jitter 31 ms (poor: > 30 ms)"},
		{"jitter example", func(s *model.MediaStream) { s.AverageAudioNetworkJitter = qDur(43 * ms) }, 0, "jitter 43 ms (poor: > 30 ms)"},
		{"jitter fallback", func(s *model.MediaStream) { s.AverageJitter = qDur(31 * ms) }, 0, "jitter 31 ms (poor: > 30 ms)"},
		{"jitter just above", func(s *model.MediaStream) { s.AverageAudioNetworkJitter = qDur(30*ms + 500*time.Microsecond) }, 0, "jitter 30.5 ms (poor: > 30 ms)"},
		{"loss at limit", func(s *model.MediaStream) { s.AveragePacketLossRate = qF64(0.10) }, 1, "packet loss 10 %"},
		{"loss above", func(s *model.MediaStream) { s.AveragePacketLossRate = qF64(0.11) }, 1, "packet loss 11 % (poor: > 10 %)"},
		{"loss hair above", func(s *model.MediaStream) { s.AveragePacketLossRate = qF64(0.100001) }, 1, "packet loss 10.0001 % (poor: > 10 %)"},
		{"loss below", func(s *model.MediaStream) { s.AveragePacketLossRate = qF64(0.01381693) }, 1, "packet loss 1.38 %"},
		{"rtt at limit", func(s *model.MediaStream) { s.AverageRoundTripTime = qDur(500 * ms) }, 2, "round trip 500 ms"},
		{"rtt above", func(s *model.MediaStream) { s.AverageRoundTripTime = qDur(501 * ms) }, 2, "round trip 501 ms (poor: > 500 ms)"},
		{"degradation at limit", func(s *model.MediaStream) { s.AverageAudioDegradation = qF64(1.0) }, 3, "degradation 1.0"},
		{"degradation above", func(s *model.MediaStream) { s.AverageAudioDegradation = qF64(1.01) }, 3, "degradation 1.01 (poor: > 1.0)"},
		{"degradation hair above", func(s *model.MediaStream) { s.AverageAudioDegradation = qF64(1.001) }, 3, "degradation 1.001 (poor: > 1.0)"},
		{"concealed at limit", func(s *model.MediaStream) { s.AverageRatioOfConcealedSamples = qF64(0.07) }, 4, "concealed ratio 0.07"},
		{"concealed above", func(s *model.MediaStream) { s.AverageRatioOfConcealedSamples = qF64(0.08) }, 4, "concealed ratio 0.08 (poor: > 0.07)"},
		{"concealed below", func(s *model.MediaStream) { s.AverageRatioOfConcealedSamples = qF64(0.06233422) }, 4, "concealed ratio 0.06"},
		{"not reported", func(s *model.MediaStream) {}, 2, "round trip not reported"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			st := model.MediaStream{AudioCodec: "SILKWide"}
			c.set(&st)
			q := Measure("main-audio", &st)
			if got := q[c.metric].String(); got != c.want {
				t.Errorf("got %q, want %q", got, c.want)
			}
			poor := strings.Contains(c.want, "poor")
			if q[c.metric].Poor != poor {
				t.Errorf("Poor = %v, want %v", q[c.metric].Poor, poor)
			}
		})
	}
}

// TestStreamQualityVideoNotFlagged: the limits are audio limits.
func TestStreamQualityVideoNotFlagged(t *testing.T) {
	st := model.MediaStream{VideoCodec: "h264", AverageJitter: qDur(80 * time.Millisecond), AveragePacketLossRate: qF64(0.5)}
	q := Measure("main-video", &st)
	if p := PoorNames(q); len(p) != 0 {
		t.Fatalf("video stream flagged %v", p)
	}
	if q[0].String() != "jitter 80 ms" || q[1].String() != "packet loss 50 %" {
		t.Errorf("values: %q, %q", q[0], q[1])
	}
	if got := Verdict(q); got != "good" {
		t.Errorf("verdict %q", got)
	}
}

func TestQualityVerdict(t *testing.T) {
	st := model.MediaStream{AudioCodec: "OPUS", AverageAudioNetworkJitter: qDur(43 * time.Millisecond), AveragePacketLossRate: qF64(0.2)}
	if got := Verdict(Measure("main-audio", &st)); got != "poor: jitter, packet loss" {
		t.Errorf("verdict %q", got)
	}
	if got := Verdict(Measure("main-audio", &model.MediaStream{})); got != "not reported" {
		t.Errorf("empty verdict %q", got)
	}
}

func TestIsAudioStream(t *testing.T) {
	cases := []struct {
		label string
		st    model.MediaStream
		want  bool
	}{
		{"main-audio", model.MediaStream{}, true},
		{"", model.MediaStream{AudioCodec: "unknownFutureValue"}, true},
		{"main-video", model.MediaStream{}, false},
		{"applicationsharing-video", model.MediaStream{}, false},
		{"", model.MediaStream{AverageAudioDegradation: qF64(0.1)}, true},
		{"", model.MediaStream{}, false},
	}
	for _, c := range cases {
		if got := IsAudio(c.label, &c.st); got != c.want {
			t.Errorf("IsAudio(%q, %+v) = %v", c.label, c.st, got)
		}
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

// TestQualityShort: table cells round, but never onto the limit of a poor value.
func TestQualityShort(t *testing.T) {
	ms := time.Millisecond
	cases := []struct {
		st   model.MediaStream
		i    int
		want string
	}{
		{model.MediaStream{AverageAudioNetworkJitter: qDur(30*ms + 400*time.Microsecond)}, 0, "30.4 ms"},
		{model.MediaStream{AverageAudioNetworkJitter: qDur(30*ms + 600*time.Microsecond)}, 0, "31 ms"},
		{model.MediaStream{AverageAudioNetworkJitter: qDur(12*ms + 400*time.Microsecond)}, 0, "12 ms"},
		{model.MediaStream{AverageRoundTripTime: qDur(1500 * ms)}, 2, "1.5 s"},
		{model.MediaStream{AveragePacketLossRate: qF64(0.1004)}, 1, "10.04 %"},
		{model.MediaStream{AveragePacketLossRate: qF64(0.123)}, 1, "12.3 %"},
	}
	for _, c := range cases {
		c.st.AudioCodec = "OPUS"
		if got := Measure("main-audio", &c.st)[c.i].Short; got != c.want {
			t.Errorf("Short = %q, want %q", got, c.want)
		}
	}
}
