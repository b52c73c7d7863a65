package fakegraph

import (
	"maps"
	"slices"
	"testing"
	"time"

	"github.com/callscope/callscope/model"
)

// cqdVerdict classifies a stream by "Stream Classification in Call Quality
// Dashboard (CQD)" as issue 12 states it, written out here rather than taken
// from model/quality so that the demo is checked against the page itself.
// It returns the verdict and the rule that decided it.
func cqdVerdict(label string, s model.MediaStream) (verdict, why string) {
	switch label {
	case "main-audio":
		// Poor if round trip > 500 ms, loss > 0.1 or jitter > 30 ms, and only
		// with more than 500 packets.
		if s.PacketUtilization == nil || *s.PacketUtilization <= 500 {
			return "unclassified", "audio ≤ 500 packets"
		}
		switch {
		case s.AverageRoundTripTime != nil && s.AverageRoundTripTime.D() > 500*time.Millisecond:
			return "poor", "audio round trip"
		case s.AveragePacketLossRate != nil && *s.AveragePacketLossRate > 0.1:
			return "poor", "audio loss"
		case s.AverageJitter != nil && s.AverageJitter.D() > 30*time.Millisecond:
			return "poor", "audio jitter"
		}
		return "good", "audio"
	case "main-video":
		// The first metric present decides: frame loss > 50 %, else frame
		// rate < 7 fps, else post-FEC loss > 0.15; none: unclassified.
		switch {
		case s.AverageVideoFrameLossPercentage != nil:
			return poorIf(*s.AverageVideoFrameLossPercentage > 50), "video frame loss"
		case s.AverageVideoFrameRate != nil:
			return poorIf(*s.AverageVideoFrameRate < 7), "video frame rate"
		case s.PostForwardErrorCorrectionPacketLossRate != nil:
			return poorIf(*s.PostForwardErrorCorrectionPacketLossRate > 0.15), "video post-FEC loss"
		}
		return "unclassified", "video without metrics"
	case "videobasedscreensharing":
		return "", "" // the page's versions disagree on VBSS; not part of the mix
	}
	return "unclassified", "no rule for " + label
}

// TestDemoQuality checks the demo's streams against Microsoft's current
// rules: most good, some poor, some unclassified, every rule exercised, and
// two patterns to find: poor audio concentrated on one subnet's Wi-Fi and
// poor video on one client version.
func TestDemoQuality(t *testing.T) {
	verdicts, whys := map[string]int{}, map[string]int{}
	poorAudioBySubnet, poorVideoByVersion, videoByVersion := map[string]int{}, map[string]int{}, map[string]int{}
	var poorAudio, poorVideo, videoStreams, mutedLong, extraOnly int
	walkDemo(t, func(rec model.CallRecord) {
		for _, s := range rec.Sessions {
			for _, seg := range s.Segments {
				length := seg.EndDateTime.Sub(seg.StartDateTime.Time)
				for _, m := range seg.Media {
					for _, st := range m.Streams {
						v, why := cqdVerdict(m.Label, st)
						if v == "" {
							continue
						}
						verdicts[v]++
						whys[v+": "+why]++
						if m.Label == "main-audio" && (st.AverageJitter.D() > 30*time.Millisecond) != (st.AverageAudioNetworkJitter.D() > 30*time.Millisecond) {
							t.Fatalf("record %s: averageJitter %s and averageAudioNetworkJitter %s disagree", rec.ID, st.AverageJitter.D(), st.AverageAudioNetworkJitter.D())
						}
						mutedLong += b2i(why == "audio ≤ 500 packets" && length > 2*time.Minute)
						extraOnly += b2i(v == "good" && m.Label == "main-audio" && (st.AverageAudioDegradation != nil && *st.AverageAudioDegradation > 1.0 ||
							*st.AverageRatioOfConcealedSamples > 0.07))
						switch {
						case v == "poor" && m.Label == "main-audio":
							poorAudio++
							for _, n := range []*model.NetworkInfo{m.CallerNetwork, m.CalleeNetwork} {
								if n != nil && n.ConnectionType == "wifi" {
									poorAudioBySubnet[n.Subnet]++
								}
							}
						case m.Label == "main-video":
							videoStreams++
							versions := map[string]bool{}
							for _, e := range []*model.Endpoint{seg.Caller, seg.Callee} {
								if isClientEndpoint(e) {
									versions[e.UserAgent.ApplicationVersion] = true
								}
							}
							for ver := range versions {
								videoByVersion[ver]++
								poorVideoByVersion[ver] += b2i(v == "poor")
							}
							poorVideo += b2i(v == "poor")
						}
					}
				}
			}
		}
	})
	total := verdicts["good"] + verdicts["poor"] + verdicts["unclassified"]
	t.Logf("%d streams: %v", total, verdicts)
	if verdicts["good"] < total*65/100 || verdicts["poor"] < total*3/100 || verdicts["poor"] > total*20/100 ||
		verdicts["unclassified"] < total*5/100 || verdicts["unclassified"] > total*25/100 {
		t.Errorf("mix %v of %d: want most good, 3-20 %% poor, 5-25 %% unclassified", verdicts, total)
	}
	for _, why := range []string{"poor: audio round trip", "poor: audio loss", "poor: audio jitter",
		"poor: video frame loss", "poor: video frame rate", "poor: video post-FEC loss",
		"good: video frame rate", "good: video post-FEC loss", "unclassified: audio ≤ 500 packets",
		"unclassified: video without metrics", "unclassified: no rule for applicationsharing-video"} {
		if whys[why] == 0 {
			t.Errorf("no stream for %q; have %v", why, slices.Sorted(maps.Keys(whys)))
		}
	}
	if mutedLong == 0 || extraOnly == 0 {
		t.Errorf("%d long muted streams, %d good streams with high degradation or concealment alone", mutedLong, extraOnly)
	}
	subnet, n := top(poorAudioBySubnet)
	if n*10 < poorAudio*3 {
		t.Errorf("poor audio is not concentrated: the top Wi-Fi subnet %s has %d of %d", subnet, n, poorAudio)
	}
	t.Logf("poor audio: %d, %d on Wi-Fi subnet %s", poorAudio, n, subnet)
	ver, n := top(poorVideoByVersion)
	t.Logf("poor video: %d, %d with version %s (in %d of %d video streams)", poorVideo, n, ver, videoByVersion[ver], videoStreams)
	if n*2 < poorVideo || videoByVersion[ver]*4 > videoStreams {
		t.Errorf("poor video is not concentrated: version %s has %d of %d poor and %d of %d video streams",
			ver, n, poorVideo, videoByVersion[ver], videoStreams)
	}
}

func top(counts map[string]int) (string, int) {
	best, n := "", 0
	for k, v := range counts {
		if v > n || v == n && k < best {
			best, n = k, v
		}
	}
	return best, n
}

func poorIf(b bool) string {
	if b {
		return "poor"
	}
	return "good"
}

// TestCQDVerdictBoundaries pins the rules the demo is checked with at the
// page's boundaries: every comparison is strict, and video takes the first
// metric present (10 % frame loss at 3 fps is good).
func TestCQDVerdictBoundaries(t *testing.T) {
	dur := ms
	fl := func(v float64) *float64 { return &v }
	pk := func(v int64) *int64 { return &v }
	for _, c := range []struct {
		label string
		s     model.MediaStream
		want  string
	}{
		{"main-audio", model.MediaStream{PacketUtilization: pk(500), AverageJitter: dur(95)}, "unclassified"},
		{"main-audio", model.MediaStream{PacketUtilization: pk(501), AverageJitter: dur(30)}, "good"},
		{"main-audio", model.MediaStream{PacketUtilization: pk(501), AverageJitter: dur(31)}, "poor"},
		{"main-audio", model.MediaStream{PacketUtilization: pk(501), AverageRoundTripTime: dur(500)}, "good"},
		{"main-audio", model.MediaStream{PacketUtilization: pk(501), AverageRoundTripTime: dur(501)}, "poor"},
		{"main-audio", model.MediaStream{PacketUtilization: pk(501), AveragePacketLossRate: fl(0.1)}, "good"},
		{"main-audio", model.MediaStream{PacketUtilization: pk(501), AveragePacketLossRate: fl(0.11)}, "poor"},
		{"main-audio", model.MediaStream{PacketUtilization: pk(5000), AverageAudioDegradation: fl(1.2)}, "good"},
		{"main-video", model.MediaStream{AverageVideoFrameLossPercentage: fl(10), AverageVideoFrameRate: fl(3)}, "good"},
		{"main-video", model.MediaStream{AverageVideoFrameLossPercentage: fl(50.5)}, "poor"},
		{"main-video", model.MediaStream{AverageVideoFrameRate: fl(7)}, "good"},
		{"main-video", model.MediaStream{AverageVideoFrameRate: fl(6.9)}, "poor"},
		{"main-video", model.MediaStream{PostForwardErrorCorrectionPacketLossRate: fl(0.15)}, "good"},
		{"main-video", model.MediaStream{PostForwardErrorCorrectionPacketLossRate: fl(0.16)}, "poor"},
		{"main-video", model.MediaStream{}, "unclassified"},
		{"applicationsharing-video", model.MediaStream{AveragePacketLossRate: fl(0.22), AverageRoundTripTime: dur(687)}, "unclassified"},
	} {
		if got, why := cqdVerdict(c.label, c.s); got != c.want {
			t.Errorf("%s %+v: %s (%s), want %s", c.label, c.s, got, why, c.want)
		}
	}
}
