package quality

import (
	"strings"
	"time"

	"github.com/callscope/callscope/model"
)

// Microsoft's rules, from "Stream Classification in Call Quality Dashboard
// (CQD)", learn.microsoft.com/en-us/microsoftteams/stream-classification-in-call-quality-dashboard.
// The live page shows no date; the versions read for issue 12 are the
// en-US repository copy (MicrosoftDocs/OfficeDocs-SkypeForBusiness @0cf71a8,
// no ms.date), its machine translations of 01/20/2021 and of 04/26/2022
// (ja-JP, it-IT) and 07/14/2022, and the live page's audio section. Every
// comparison on the page is strict: a value at the limit is not poor.

// Audio, live page and the 2022 versions: "If one or more of the following
// conditions are met and Packet Utilization is > 500 packets, an audio
// stream is marked as Poor": Round Trip > 500 (ms), Packet Loss Rate > 0.1,
// Jitter > 30 (ms). "Audio Degradation Avg > 1.0" and "Ratio Concealed
// Samples Avg > 0.07" were in the versions up to January 2021 and are no
// longer part of the rule. The page does not say what a stream of 500
// packets or fewer is; its "Unclassified Streams" section names "Low packet
// utilization" as a reason the metrics are missing, so such a stream is
// unclassified here (our reading).
const (
	audioMinPackets = 500                    // packetUtilization must be > 500
	audioRoundTrip  = 500 * time.Millisecond // averageRoundTripTime
	audioPacketLoss = 0.1                    // averagePacketLossRate, a fraction
	audioJitter     = 30 * time.Millisecond  // averageJitter
)

// Video, the same table in every version read: "A video stream is marked
// as Good or Poor based on the value of the first available metric in the
// following order": 1 Video Local Frame Loss Percentage Avg > 50%, 2 Video
// Frame Rate Avg < 7, 3 Video Post FECPLR > 0.15; unclassified when all
// three are unavailable. A later step runs only when the earlier metric is
// missing: 10 % frame loss at 3 fps is good.
//
// The scale of averageVideoFrameLossPercentage: Graph's "mediaStream
// resource type" page (no date shown) says "Average percentage of video
// frames lost as displayed to the user" and does not say whether 50 % is
// 50 or 0.5. We read it as percentage points (0–100): the property is named
// Percentage, and where Graph means a fraction it says Rate or Ratio
// (averagePacketLossRate, lowFrameRateRatio, both "0.1 = 10 %"). A Graph
// that sent 0.7 for 70 % would read as 0.7 %, and good: unconfirmed, see
// TestVideoFrameLossScale.
const (
	videoFrameLoss    = 50.0 // averageVideoFrameLossPercentage, percentage points
	videoFrameRate    = 7.0  // averageVideoFrameRate, frames per second
	videoPostFECLoss  = 0.15 // postForwardErrorCorrectionPacketLossRate, a fraction
	screenFrameRate   = 1.0  // averageVideoFrameRate for VBSS, frames per second
	screenFrameLoss   = 50.0 // as videoFrameLoss
	screenCodecNoLoss = "h264s"
)

// Video-based screen sharing: the versions disagree, and the newest one
// read is taken as current. Up to January 2021 VBSS used the video chain
// with "Video Frame Rate Avg < 2" (the "< 2 fps"). The versions of
// April and July 2022 (ja-JP/it-IT machine translations of the en-US page,
// ms.lasthandoff 04/26/2022 and 07/14/2022) replace it: step 1 Video Local
// Frame Loss Percentage Avg > 50 % "only used to classify inbound non-H264S
// streams", else unclassified; step 2 Video Frame Rate Avg < 1, which
// "applies to all outbound streams and to either StreamDirection for
// H264S", else unclassified; no post-FEC step. Graph merges both ends'
// reports into one stream and its frame loss and frame rate are the
// receiver's ("as displayed to the user", "received"), so every Graph
// stream is read as the inbound one (inference): h264s streams go by frame
// rate < 1 fps, others by frame loss > 50 %.

// Application sharing: Spoiled Tile Percent Total > 36, RDP Tile
// Processing Latency Average > 400, Relative OneWay Average > 1.75 (every
// version). Graph's mediaStream carries none of them: unclassified.

func classifyAudio(s *Stream, st *model.MediaStream) {
	rtt := durationMetric("round trip", "averageRoundTripTime", st.AverageRoundTripTime, audioRoundTrip, true)
	loss := percentMetric("packet loss", "averagePacketLossRate", st.AveragePacketLossRate, audioPacketLoss, true)
	jit := durationMetric("jitter", "averageJitter", st.AverageJitter, audioJitter, true)
	packets := Metric{Name: "packets", Property: "packetUtilization", Limit: "> 500 for a verdict"}
	if st.PacketUtilization != nil {
		packets.Value = groupThousands(*st.PacketUtilization)
		packets.Short = packets.Value
	}
	s.Rule = []Metric{rtt, loss, jit, packets}
	switch {
	case st.PacketUtilization == nil:
		s.Verdict = Unclassified
		s.Reasons = []string{"packet count (packetUtilization) not reported: Microsoft's rule needs > 500 packets"}
		clearPoor(s.Rule)
		return
	case *st.PacketUtilization <= audioMinPackets:
		s.Verdict = Unclassified
		s.Reasons = []string{"too few packets for Microsoft's rule (≤ 500)"}
		clearPoor(s.Rule)
		return
	}
	var reported int
	for _, m := range s.Rule[:3] {
		if !m.Reported() {
			continue
		}
		reported++
		if m.Poor {
			s.Reasons = append(s.Reasons, m.Name+" "+m.Value+" "+m.Limit)
		}
	}
	switch {
	case len(s.Reasons) > 0:
		s.Verdict = Poor
	case reported == 0:
		s.Verdict = Unclassified
		s.Reasons = []string{"round trip, packet loss and jitter not reported"}
	default:
		s.Verdict = Good
		s.Reasons = []string{"within Microsoft's limits (round trip ≤ 500 ms, packet loss ≤ 10 %, jitter ≤ 30 ms)"}
	}
}

// clearPoor drops the poor marks of a stream that gets no verdict, so that
// no cell reads "poor" under an unclassified stream.
func clearPoor(ms []Metric) {
	for i := range ms {
		ms[i].Poor = false
	}
}

func classifyVideo(s *Stream, st *model.MediaStream) {
	loss := frameLossMetric(st.AverageVideoFrameLossPercentage, videoFrameLoss)
	rate := frameRateMetric(st.AverageVideoFrameRate, videoFrameRate)
	fec := percentMetric("packet loss after FEC", "postForwardErrorCorrectionPacketLossRate",
		st.PostForwardErrorCorrectionPacketLossRate, videoPostFECLoss, true)
	s.Rule = []Metric{loss, rate, fec}
	firstAvailable(s, "frame loss, frame rate and packet loss after FEC not reported")
}

func classifyScreenSharing(s *Stream, st *model.MediaStream) {
	if strings.EqualFold(st.VideoCodec, screenCodecNoLoss) {
		s.Rule = []Metric{frameRateMetric(st.AverageVideoFrameRate, screenFrameRate)}
		firstAvailable(s, "frame rate not reported (an h264s screen-sharing stream goes by frame rate)")
		return
	}
	s.Rule = []Metric{frameLossMetric(st.AverageVideoFrameLossPercentage, screenFrameLoss)}
	firstAvailable(s, "frame loss not reported (a screen-sharing stream not in h264s goes by frame loss)")
}

// firstAvailable applies "the first available metric" of s.Rule: it alone
// decides; later metrics are not read. The metrics after the deciding one
// lose their poor mark, since they did not count.
func firstAvailable(s *Stream, none string) {
	for i, m := range s.Rule {
		if !m.Reported() {
			continue
		}
		clearPoor(s.Rule[i+1:])
		limit := m.Limit
		if m.Poor {
			s.Verdict = Poor
		} else {
			s.Verdict = Good
			limit = negate(limit)
		}
		s.Reasons = []string{m.Name + " " + m.Value + " " + limit}
		return
	}
	s.Verdict = Unclassified
	s.Reasons = []string{none}
}

// negate turns a condition into its opposite: "> 50 %" → "≤ 50 %".
func negate(limit string) string {
	switch {
	case strings.HasPrefix(limit, "> "):
		return "≤ " + limit[2:]
	case strings.HasPrefix(limit, "< "):
		return "≥ " + limit[2:]
	}
	return limit
}

func frameLossMetric(v *float64, limit float64) Metric {
	m := Metric{Name: "frame loss", Property: "averageVideoFrameLossPercentage", Limit: "> " + TrimFloat(limit, 2) + " %"}
	if v != nil {
		m.Value = TrimFloat(*v, 2) + " %"
		m.Short = TrimFloat(*v, 1) + " %"
		m.Poor = *v > limit
		if m.Poor && (m.Value == TrimFloat(limit, 2)+" %" || m.Short == TrimFloat(limit, 2)+" %") {
			m.Value = exactFloat(*v) + " %"
			m.Short = m.Value
		}
	}
	return m
}

func frameRateMetric(v *float64, limit float64) Metric {
	m := Metric{Name: "frame rate", Property: "averageVideoFrameRate", Limit: "< " + TrimFloat(limit, 1) + " fps"}
	if v != nil {
		m.Value = TrimFloat(*v, 1) + " fps"
		m.Short = m.Value
		m.Poor = *v < limit
		if m.Poor && m.Value == TrimFloat(limit, 1)+" fps" {
			m.Value = exactFloat(*v) + " fps"
			m.Short = m.Value
		}
	}
	return m
}

// extraMetrics are the figures shown beside the verdict that are not part
// of it: the audio rule's old metrics, the other jitter, the pre-FEC video
// loss and, for streams without an audio rule, the network figures Graph
// sends for every stream.
func extraMetrics(k Kind, st *model.MediaStream) []Metric {
	var out []Metric
	add := func(m Metric) {
		if m.Reported() {
			out = append(out, m)
		}
	}
	// averageAudioNetworkJitter has the same Graph description as
	// averageJitter ("computed as specified in RFC 3550"); CQD's "Network
	// Jitter Avg" (over 20 second windows) is its likely counterpart, not
	// the classifier's "Jitter" (inference from naming).
	add(durationMetric("network jitter", "averageAudioNetworkJitter", st.AverageAudioNetworkJitter, 0, false))
	add(ratioMetric("degradation", "averageAudioDegradation", st.AverageAudioDegradation))
	add(ratioMetric("concealed ratio", "averageRatioOfConcealedSamples", st.AverageRatioOfConcealedSamples))
	if k != Audio {
		add(durationMetric("jitter", "averageJitter", st.AverageJitter, 0, false))
		add(percentMetric("packet loss", "averagePacketLossRate", st.AveragePacketLossRate, 0, false))
		add(durationMetric("round trip", "averageRoundTripTime", st.AverageRoundTripTime, 0, false))
	}
	if k == Video || k == ScreenSharing {
		// The pre-FEC loss: not the classifier's post-FEC metric.
		add(percentMetric("video packet loss before FEC", "averageVideoPacketLossRate", st.AverageVideoPacketLossRate, 0, false))
	}
	if k == ScreenSharing {
		if strings.EqualFold(st.VideoCodec, screenCodecNoLoss) {
			add(frameLossMetric(st.AverageVideoFrameLossPercentage, screenFrameLoss))
		} else {
			add(frameRateMetric(st.AverageVideoFrameRate, screenFrameRate))
		}
		add(percentMetric("packet loss after FEC", "postForwardErrorCorrectionPacketLossRate", st.PostForwardErrorCorrectionPacketLossRate, 0, false))
	}
	for i := range out { // none of these has a limit in Microsoft's rule
		out[i].Limit, out[i].Poor = "", false
	}
	return out
}
