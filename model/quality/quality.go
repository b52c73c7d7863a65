// Package quality classifies a call's media streams against the Call
// Quality Dashboard limits for audio, and formats the measured values in
// words, so that a verdict never rests on colour. It is domain logic: plain
// types and functions over model.MediaStream, used by the record screen and
// by exports.
package quality

import (
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/callscope/callscope/model"
)

// Call Quality Dashboard limits for a poor audio stream: a stream is poor
// when any average is strictly above its limit, so a value exactly at the
// limit is not flagged.
const (
	cqdJitter      = 30 * time.Millisecond
	cqdPacketLoss  = 0.10
	cqdRoundTrip   = 500 * time.Millisecond
	cqdDegradation = 1.0
	cqdConcealed   = 0.07
)

// Item is one measured value of a stream, rendered in words so the
// verdict never rests on colour.
type Item struct {
	// Name is the metric in words: "jitter", "packet loss".
	Name string
	// Value is the value as text ("43 ms"), or "" when Graph did not report it.
	Value string
	// Short is Value for a table cell: whole milliseconds, one decimal of
	// percent, yet never rounded onto the limit when poor.
	Short string
	// Poor marks a value above its Call Quality Dashboard limit.
	Poor bool
	// Limit is the limit in words ("> 30 ms"); "" for metrics without one.
	Limit string
}

// String is "jitter 43 ms (poor: > 30 ms)", "jitter 12 ms" or "jitter not reported".
func (q Item) String() string {
	if q.Value == "" {
		return q.Name + " not reported"
	}
	if q.Poor {
		return q.Name + " " + q.Value + " (poor: " + q.Limit + ")"
	}
	return q.Name + " " + q.Value
}

// IsAudio decides whether the audio limits apply. A codec or an audio
// label says so; failing both, the audio-only metrics do.
func IsAudio(label string, st *model.MediaStream) bool {
	if st.AudioCodec != "" {
		return true
	}
	l := strings.ToLower(label)
	if strings.Contains(l, "audio") {
		return true
	}
	if st.VideoCodec != "" || strings.Contains(l, "video") || strings.Contains(l, "sharing") {
		return false
	}
	return st.AverageAudioDegradation != nil || st.AverageAudioNetworkJitter != nil
}

// Jitter prefers the audio network jitter, which is what the
// dashboard measures, and falls back to the generic average.
func Jitter(st *model.MediaStream) *model.Duration {
	if st.AverageAudioNetworkJitter != nil {
		return st.AverageAudioNetworkJitter
	}
	return st.AverageJitter
}

// Measure measures the five dashboard metrics of a stream (jitter, packet
// loss, round trip, degradation, concealed ratio, in that order), flagging
// them only for audio streams (the limits are audio limits).
func Measure(label string, st *model.MediaStream) []Item {
	audio := IsAudio(label, st)
	items := []Item{
		durationItem("jitter", Jitter(st), cqdJitter, audio),
		ratioItem("packet loss", st.AveragePacketLossRate, cqdPacketLoss, audio, true),
		durationItem("round trip", st.AverageRoundTripTime, cqdRoundTrip, audio),
		ratioItem("degradation", st.AverageAudioDegradation, cqdDegradation, audio, false),
		ratioItem("concealed ratio", st.AverageRatioOfConcealedSamples, cqdConcealed, audio, false),
	}
	return items
}

// PoorNames lists the metrics flagged poor, for the compact row verdict.
func PoorNames(items []Item) []string {
	var out []string
	for _, q := range items {
		if q.Poor {
			out = append(out, q.Name)
		}
	}
	return out
}

// Verdict is the row's quality column in words: "poor: jitter,
// packet loss", "good", or "not reported" when no metric came.
func Verdict(items []Item) string {
	if p := PoorNames(items); len(p) > 0 {
		return "poor: " + strings.Join(p, ", ")
	}
	for _, q := range items {
		if q.Value != "" {
			return "good"
		}
	}
	return "not reported"
}

func durationItem(name string, d *model.Duration, limit time.Duration, flag bool) Item {
	q := Item{Name: name, Limit: "> " + model.Duration(limit).Millis()}
	if d == nil {
		return q
	}
	q.Value = d.Millis()
	q.Poor = flag && d.D() > limit
	q.Short = q.Value
	switch ms := math.Round(float64(d.D()) / float64(time.Millisecond)); {
	case d.D() >= time.Second:
		q.Short = TrimFloat(d.D().Seconds(), 1) + " s"
	case !q.Poor || time.Duration(ms)*time.Millisecond > limit:
		q.Short = strconv.FormatFloat(ms, 'f', 0, 64) + " ms"
	}
	return q
}

func ratioItem(name string, v *float64, limit float64, flag, percent bool) Item {
	text := FormatDecimal
	if percent {
		text = FormatPercent
	}
	q := Item{Name: name, Limit: "> " + text(limit)}
	if v == nil {
		return q
	}
	q.Value = text(*v)
	q.Poor = flag && *v > limit
	q.Short = q.Value
	if percent {
		q.Short = TrimFloat(*v*100, 1) + " %"
	}
	if q.Poor && q.Short == text(limit) {
		q.Short = q.Value
	}
	if q.Poor && q.Value == text(limit) {
		// Rounding would print the limit itself; show every digit instead.
		if percent {
			q.Value = strconv.FormatFloat(*v*100, 'g', -1, 64) + " %"
		} else {
			q.Value = strconv.FormatFloat(*v, 'g', -1, 64)
		}
		q.Short = q.Value
	}
	return q
}

// FormatPercent shows a fraction as a percentage with at most two decimals:
// 0.01381693 → "1.38 %", 0.1 → "10 %".
func FormatPercent(f float64) string {
	return TrimFloat(f*100, 2) + " %"
}

// FormatDecimal shows a plain number with at most two decimals, keeping one
// so that 1 reads "1.0" like the dashboard's limit.
func FormatDecimal(f float64) string {
	s := TrimFloat(f, 2)
	if !strings.ContainsAny(s, ".eE") {
		s += ".0"
	}
	return s
}

// TrimFloat formats f with at most prec decimals, trailing zeros dropped.
// Values too small for prec decimals keep two significant digits, so a
// tiny but real value never reads as zero.
func TrimFloat(f float64, prec int) string {
	s := strconv.FormatFloat(f, 'f', prec, 64)
	if f != 0 && strings.Trim(s, "-0.") == "" {
		return strconv.FormatFloat(f, 'g', 2, 64)
	}
	if strings.Contains(s, ".") {
		s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	}
	return s
}
