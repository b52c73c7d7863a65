package fakegraph

import (
	"fmt"
	"math"
	"math/rand/v2"
	"time"

	"github.com/callscope/callscope/model"
)

func f64(v float64) *float64 { v = math.Round(v*1e6) / 1e6; return &v }
func i32(v int) *int32       { x := int32(v); return &x }
func i64(v int64) *int64     { return &v }
func bptr(v bool) *bool      { return &v }

// ms is a duration in whole milliseconds, written like "PT0.016S".
func ms(v float64) *model.Duration {
	d := model.Duration(time.Duration(math.Round(v)) * time.Millisecond)
	return &d
}

func between(r *rand.Rand, lo, hi float64) float64 { return lo + r.Float64()*(hi-lo) }

// Media labels per modality as negotiated in SDP.
var mediaLabels = map[string]string{
	"audio": "main-audio", "video": "main-video", "screenSharing": "applicationsharing-video",
	"videoBasedScreenSharing": "videobasedscreensharing", "data": "data-channel",
}

// The demo's streams are drawn against Microsoft's classification, "Stream
// Classification in Call Quality Dashboard (CQD)" (learn.microsoft.com; live
// audio section as read for issue 12, matching the 04/2022 and 07/2022
// versions; video table the same in every version read):
//   - audio is Poor when round trip > 500 ms (averageRoundTripTime), packet
//     loss > 0.1 (averagePacketLossRate) or jitter > 30 ms (averageJitter;
//     averageAudioNetworkJitter agrees with it here), and only when it carried
//     more than 500 packets (packetUtilization): a muted attendee or a call
//     of a few seconds sends fewer and stays unclassified;
//   - video takes the first metric present: frame loss > 50 %
//     (averageVideoFrameLossPercentage, 0-100 here), else frame rate < 7 fps
//     (averageVideoFrameRate), else post-FEC loss > 0.15
//     (postForwardErrorCorrectionPacketLossRate); none present: unclassified;
//   - application sharing has no rule Graph's fields can feed: unclassified.
//
// Degradation and concealed ratio are no longer part of the audio rule; a few
// good streams carry high values of them so that a reader sees they do not
// make a stream poor.
const (
	goodJitterMax = 15.0 // ms; ×1.4 for averageAudioNetworkJitter stays ≤ 30
	audioPPS      = 50   // 20 ms packetisation
	// badVideoVersion is the Teams build whose video is poor: the pattern
	// the quality views should let a reader find (one client version).
	badVideoVersion = "25044.2208.3471.2155"
)

// quality is how bad a segment's streams are, for the affected direction.
type quality struct {
	poor   map[string]bool // "jitter", "loss", "rtt", "video" → poor
	dir    string          // streamDirection that is poor; "" = both
	bypass bool
}

var poorMetrics = []string{"jitter", "loss", "rtt"}

func drawQuality(r *rand.Rand) quality {
	q := quality{poor: map[string]bool{}}
	switch n := r.IntN(100); {
	case n < 91:
	case n < 97:
		q.poor[pick(r, poorMetrics)] = true
		q.dir = pick(r, []string{"callerToCallee", "calleeToCaller"})
	default:
		for _, m := range poorMetrics {
			q.poor[m] = r.IntN(3) > 0
		}
		q.poor["video"] = true
	}
	return q
}

// mediaSpec is what a segment's media depend on.
type mediaSpec struct {
	mods           []string
	caller, callee *model.Endpoint
	serverLeg      bool
	length         time.Duration
	muted          bool // the caller sent (almost) no audio: a muted attendee
}

// mediaFor builds a segment's media: one entry per modality with networks,
// devices on client sides, and a stream each way.
func mediaFor(r *rand.Rand, sp mediaSpec) []model.Media {
	q := drawQuality(r)
	q.bypass = sp.serverLeg && r.IntN(2) == 0
	out := make([]model.Media, 0, len(sp.mods))
	for _, m := range sp.mods {
		label, ok := mediaLabels[m]
		if !ok {
			continue // the "unknown" modality carries no media
		}
		md := model.Media{Label: label, CallerNetwork: network(r, sp.caller), CalleeNetwork: network(r, sp.callee)}
		mq := q
		switch m {
		case "audio":
			md.CallerDevice, md.CalleeDevice = device(r, sp.caller), device(r, sp.callee)
			if (onHotWifi(md.CallerNetwork) || onHotWifi(md.CalleeNetwork)) && r.IntN(10) < 8 {
				mq = quality{poor: map[string]bool{"jitter": true, "loss": r.IntN(2) == 0}, bypass: q.bypass}
			}
		case "video":
			if (version(sp.caller) == badVideoVersion || version(sp.callee) == badVideoVersion) && r.IntN(10) < 8 {
				mq = quality{poor: map[string]bool{"video": true}, bypass: q.bypass}
			}
		}
		for _, dir := range []string{"callerToCallee", "calleeToCaller"} {
			md.Streams = append(md.Streams, stream(r, m, dir, mq, sp))
		}
		out = append(out, md)
	}
	return out
}

func onHotWifi(n *model.NetworkInfo) bool {
	return n != nil && n.Subnet == hotSubnet && n.ConnectionType == "wifi"
}

func version(e *model.Endpoint) string {
	if e == nil || e.UserAgent == nil {
		return ""
	}
	return e.UserAgent.ApplicationVersion
}

// packets is a stream's packetUtilization: about 50 a second for audio
// (fewer for a muted sender), 30-150 for video.
func packets(r *rand.Rand, modality, dir string, sp mediaSpec) int64 {
	secs := sp.length.Seconds()
	switch {
	case modality == "audio" && sp.muted && dir == "callerToCallee":
		return int64(20 + r.IntN(460))
	case modality == "audio":
		return int64(secs * audioPPS * between(r, 0.92, 1))
	}
	return int64(secs * between(r, 30, 150))
}

// stream fills the quality fields for one direction. Fields Graph leaves
// empty by design (degradation for some streams, freeze values on audio)
// stay nil.
func stream(r *rand.Rand, modality, dir string, q quality, sp mediaSpec) model.MediaStream {
	bad := func(m string) bool { return q.poor[m] && (q.dir == "" || q.dir == dir) }
	s := model.MediaStream{StreamID: fmt.Sprint(1_000_000_000 + r.Int64N(3_000_000_000)), StreamDirection: dir,
		PacketUtilization: i64(packets(r, modality, dir, sp)), AverageBandwidthEstimate: i64(int64(500_000 + r.IntN(20_000_000))),
		WasMediaBypassed: bptr(q.bypass)}
	jit := between(r, 2, goodJitterMax)
	if bad("jitter") {
		jit = between(r, 35, 95)
	}
	rtt := between(r, 20, 150)
	if bad("rtt") {
		rtt = between(r, 520, 950)
	}
	loss := between(r, 0, 0.02)
	if r.IntN(4) == 0 {
		loss = 0
	}
	if bad("loss") {
		loss = between(r, 0.11, 0.3)
	}
	s.AverageJitter, s.MaxJitter = ms(jit), ms(jit*between(r, 1.2, 3))
	s.AverageRoundTripTime, s.MaxRoundTripTime = ms(rtt), ms(rtt*between(r, 1.1, 2.5))
	s.AveragePacketLossRate, s.MaxPacketLossRate = f64(loss), f64(math.Min(1, loss*between(r, 1.5, 4)))
	switch modality {
	case "audio":
		audioFigures(r, &s, jit, bad("jitter") || bad("loss") || bad("rtt"), sp.serverLeg)
	case "video", "screenSharing", "videoBasedScreenSharing":
		videoFigures(r, &s, modality, loss, bad("video"))
	}
	return s
}

// audioFigures adds the audio-only fields; poor streams degrade these too,
// and one good stream in twelve carries a degradation or concealed ratio
// over the thresholds CQD no longer uses.
func audioFigures(r *rand.Rand, s *model.MediaStream, jit float64, poor, serverLeg bool) {
	s.AudioCodec = pick(r, []string{"satin", "opus", "opus", "silkWide", "satinFullband"})
	if serverLeg {
		s.AudioCodec = pick(r, []string{"g722", "pcmu", "pcma", "silkWide"})
	}
	s.AverageAudioNetworkJitter, s.MaxAudioNetworkJitter = ms(jit*1.4), ms(jit*3)
	extra := !poor && r.IntN(12) == 0
	if r.IntN(10) > 0 {
		deg := between(r, 0.05, 0.6)
		if poor || extra {
			deg = between(r, 1.1, 2.6)
		}
		s.AverageAudioDegradation = f64(deg)
	}
	conc := between(r, 0.001, 0.04)
	if poor || extra && r.IntN(2) == 0 {
		conc = between(r, 0.08, 0.25)
	}
	s.AverageRatioOfConcealedSamples, s.MaxRatioOfConcealedSamples = f64(conc), f64(math.Min(1, conc*between(r, 1.1, 3)))
	s.IsAudioForwardErrorCorrectionUsed = bptr(r.IntN(3) == 0)
}

// videoFigures adds the video fields. Graph often leaves the frame loss
// out, so some streams are judged on frame rate or post-FEC loss instead,
// and a few carry none of the three (unclassified).
func videoFigures(r *rand.Rand, s *model.MediaStream, modality string, loss float64, poor bool) {
	s.VideoCodec = pick(r, []string{"h264", "h264", "av1", "h264uc"})
	if modality != "video" {
		s.VideoCodec = pick(r, []string{"rtVideo", "h264s", "h264"})
	}
	fps, frameLoss, postFEC := between(r, 18, 30), between(r, 0, 6), loss/3
	if poor {
		fps, frameLoss, postFEC = between(r, 2.5, 6.5), between(r, 55, 85), between(r, 0.16, 0.3)
	}
	s.AverageReceivedFrameRate = f64(fps * between(r, 0.9, 1))
	s.LowFrameRateRatio, s.LowVideoProcessingCapabilityRatio = f64(math.Max(0, (15-fps)/15)), f64(r.Float64()*0.05)
	s.AverageVideoPacketLossRate = f64(loss)
	s.AverageFreezeDuration, s.RmsFreezeDuration = ms(between(r, 0, 400)), ms(between(r, 0, 600))
	switch n := r.IntN(100); {
	case n < 78:
		s.AverageVideoFrameLossPercentage, s.AverageVideoFrameRate = f64(frameLoss), f64(fps)
		s.PostForwardErrorCorrectionPacketLossRate = f64(postFEC)
	case n < 92: // no frame loss: judged on frame rate
		s.AverageVideoFrameRate, s.PostForwardErrorCorrectionPacketLossRate = f64(fps), f64(postFEC)
	case n < 97: // only post-FEC loss
		s.PostForwardErrorCorrectionPacketLossRate = f64(postFEC)
	}
}
