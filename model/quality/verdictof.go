package quality

import (
	"strings"
	"time"

	"github.com/callscope/callscope/model"
)

// VerdictOf is Classify's kind and verdict without the words: the same
// rules and thresholds (rules.go), no text built. Summaries over many
// thousands of streams use it; TestVerdictOfAgreesWithClassify holds the
// two to the same answer for every combination of reported values around
// each limit.
func VerdictOf(label string, st *model.MediaStream) (Kind, Verdict) {
	k := KindOf(label, st)
	switch k {
	case Audio:
		return k, audioVerdict(st)
	case Video:
		return k, firstAvailableVerdict(
			reportedAbove(st.AverageVideoFrameLossPercentage, videoFrameLoss),
			reportedBelow(st.AverageVideoFrameRate, videoFrameRate),
			reportedAbove(st.PostForwardErrorCorrectionPacketLossRate, videoPostFECLoss))
	case ScreenSharing:
		if strings.EqualFold(st.VideoCodec, screenCodecNoLoss) {
			return k, firstAvailableVerdict(reportedBelow(st.AverageVideoFrameRate, screenFrameRate))
		}
		return k, firstAvailableVerdict(reportedAbove(st.AverageVideoFrameLossPercentage, screenFrameLoss))
	}
	return k, Unclassified
}

// check is one metric of a rule: whether Graph reported it, and whether
// its condition holds.
type check struct{ reported, poor bool }

func reportedAbove(v *float64, limit float64) check {
	return check{v != nil, v != nil && *v > limit}
}

func reportedBelow(v *float64, limit float64) check {
	return check{v != nil, v != nil && *v < limit}
}

func durationAbove(d *model.Duration, limit time.Duration) check {
	return check{d != nil, d != nil && d.D() > limit}
}

// audioVerdict is classifyAudio's decision: more than 500 packets, then
// poor when any reported metric is over its limit.
func audioVerdict(st *model.MediaStream) Verdict {
	if st.PacketUtilization == nil || *st.PacketUtilization <= audioMinPackets {
		return Unclassified
	}
	reported, poor := false, false
	for _, c := range []check{
		durationAbove(st.AverageRoundTripTime, audioRoundTrip),
		reportedAbove(st.AveragePacketLossRate, audioPacketLoss),
		durationAbove(st.AverageJitter, audioJitter),
	} {
		reported = reported || c.reported
		poor = poor || c.poor
	}
	switch {
	case poor:
		return Poor
	case reported:
		return Good
	}
	return Unclassified
}

// firstAvailableVerdict is firstAvailable's decision: the first reported
// metric alone decides.
func firstAvailableVerdict(checks ...check) Verdict {
	for _, c := range checks {
		if !c.reported {
			continue
		}
		if c.poor {
			return Poor
		}
		return Good
	}
	return Unclassified
}
