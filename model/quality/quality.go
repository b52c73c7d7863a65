// Package quality classifies a call's media streams the way Microsoft's
// Call Quality Dashboard does today (good, poor or unclassified), maps
// every metric of the rules to the Graph mediaStream property that carries
// it, and rolls the verdicts up to segment, session and record. It is
// domain logic over model types, used by the record screen and by the
// streams command, so that screens and scripts say the same thing.
package quality

import (
	"strings"

	"github.com/callscope/callscope/model"
)

// Verdict is Microsoft's classification of a stream.
type Verdict string

// The three verdicts of "Stream Classification in Call Quality Dashboard
// (CQD)" (learn.microsoft.com/en-us/microsoftteams/stream-classification-in-call-quality-dashboard):
// "Streams in CQD are classified as Good, Poor, or Unclassified".
const (
	Good         Verdict = "good"
	Poor         Verdict = "poor"
	Unclassified Verdict = "unclassified"
)

// Kind is which of Microsoft's classifiers a stream falls under.
type Kind int

// The classifiers. Other is media Microsoft's page has no rule for (a data
// channel, a label Graph may add later).
const (
	Other Kind = iota
	Audio
	Video
	ScreenSharing // video-based screen sharing (VBSS)
	AppSharing    // RDP-based application sharing
)

// String names the kind in words: "audio", "video-based screen sharing".
func (k Kind) String() string {
	switch k {
	case Audio:
		return "audio"
	case Video:
		return "video"
	case ScreenSharing:
		return "video-based screen sharing"
	case AppSharing:
		return "application sharing"
	}
	return "other media"
}

// Token names the kind for scripts: "audio", "video",
// "videoBasedScreenSharing", "applicationSharing", "other".
func (k Kind) Token() string {
	switch k {
	case Audio:
		return "audio"
	case Video:
		return "video"
	case ScreenSharing:
		return "videoBasedScreenSharing"
	case AppSharing:
		return "applicationSharing"
	}
	return "other"
}

// KindOf tells which classifier applies to a stream of the media labelled
// label. Graph's media labels ("main-audio", "main-video",
// "applicationsharing-video") are not an enum; the codec decides when the
// label does not. The Graph calls API pairs "mediaType":
// "videoBasedScreenSharing" with "label": "applicationsharing-video", so
// that label is read as VBSS (inference: callRecords does not document its
// labels). No source names the label of RDP application sharing; a
// sharing label without "video" is taken for it.
func KindOf(label string, st *model.MediaStream) Kind {
	l := strings.ToLower(label)
	switch {
	case strings.Contains(l, "audio"):
		return Audio
	case strings.Contains(l, "videobasedscreensharing"), strings.Contains(l, "vbss"),
		strings.Contains(l, "sharing") && strings.Contains(l, "video"):
		return ScreenSharing
	case strings.Contains(l, "sharing"):
		return AppSharing
	case strings.Contains(l, "video"):
		return Video
	case l != "":
		if st.AudioCodec != "" {
			return Audio
		}
		return Other
	case st.AudioCodec != "":
		return Audio
	case st.VideoCodec != "":
		return Video
	}
	return Other
}

// Metric is one measured value of a stream, named by the Graph property
// that carries it, in words so that nothing rests on colour.
type Metric struct {
	// Name is the metric in words: "jitter", "frame rate".
	Name string
	// Property is the Graph mediaStream property: "averageJitter".
	Property string
	// Value is the value as text ("43 ms"), or "" when Graph did not report it.
	Value string
	// Short is Value for a table cell: rounded, yet never onto the limit
	// when the condition holds.
	Short string
	// Limit is the rule's condition in words ("> 30 ms"); "" for a figure
	// that is no part of Microsoft's verdict.
	Limit string
	// Poor marks a value whose condition holds (a poor value).
	Poor bool
}

// Reported tells whether Graph sent the value.
func (m Metric) Reported() bool { return m.Value != "" }

// String is "jitter (averageJitter) 43 ms > 30 ms", "… 12 ms" or "… not reported".
func (m Metric) String() string {
	head := m.Name + " (" + m.Property + ")"
	switch {
	case m.Value == "":
		return head + " not reported"
	case m.Poor:
		return head + " " + m.Value + " " + m.Limit
	}
	return head + " " + m.Value
}

// Stream is the classification of one stream: Microsoft's verdict, why,
// the metrics its rule reads and the figures that are no part of it.
type Stream struct {
	Kind    Kind
	Verdict Verdict
	// Reasons says why, one clause each: "jitter 45 ms > 30 ms",
	// "120 packets ≤ 500: too few for Microsoft's rule".
	Reasons []string
	// Rule holds the metrics Microsoft's rule reads, in the rule's order.
	Rule []Metric
	// Extra holds figures shown beside the verdict that are not part of
	// it (degradation, concealed ratio, network jitter, ...).
	Extra []Metric
	// Packets is the packet count (packetUtilization), "" when not reported.
	Packets string
	// Direction is the stream's direction in words: "caller → callee".
	Direction string
}

// Summary is the verdict with its reasons, the packet count and the
// direction: "poor: audio jitter 45 ms > 30 ms, 5,120 packets, caller → callee".
func (s Stream) Summary() string {
	parts := make([]string, 0, len(s.Reasons)+2)
	for i, r := range s.Reasons {
		if i == 0 {
			r = s.Kind.String() + " " + r
		}
		parts = append(parts, r)
	}
	if len(parts) == 0 {
		parts = append(parts, s.Kind.String())
	}
	if s.Packets != "" {
		parts = append(parts, s.Packets+" packets")
	}
	if s.Direction != "" {
		parts = append(parts, s.Direction)
	}
	return string(s.Verdict) + ": " + strings.Join(parts, ", ")
}

// Classify classifies one stream of the media labelled label.
func Classify(label string, st *model.MediaStream) Stream {
	s := Stream{Kind: KindOf(label, st), Direction: DirectionText(st.StreamDirection)}
	if st.PacketUtilization != nil {
		s.Packets = groupThousands(*st.PacketUtilization)
	}
	switch s.Kind {
	case Audio:
		classifyAudio(&s, st)
	case Video:
		classifyVideo(&s, st)
	case ScreenSharing:
		classifyScreenSharing(&s, st)
	case AppSharing:
		s.Verdict = Unclassified
		s.Reasons = []string{"Graph carries none of the metrics of Microsoft's application sharing rule (spoiled tiles, RDP tile latency, relative one-way delay)"}
	default:
		s.Verdict = Unclassified
		s.Reasons = []string{"Microsoft's stream classification has no rule for this media"}
	}
	s.Extra = extraMetrics(s.Kind, st)
	return s
}

// DirectionText is Graph's streamDirection in words: "caller → callee";
// a value Graph adds later reads as sent.
func DirectionText(d string) string {
	switch d {
	case "callerToCallee":
		return "caller → callee"
	case "calleeToCaller":
		return "callee → caller"
	}
	return d
}

// groupThousands writes n with thousands separators: 5120 → "5,120".
func groupThousands(n int64) string {
	s := strconvItoa(n)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	var b strings.Builder
	for i, r := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	if neg {
		return "-" + b.String()
	}
	return b.String()
}
