package record

import (
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/callscope/callscope/model"
	"github.com/callscope/callscope/model/quality"
	"github.com/callscope/callscope/ui/common"
	"github.com/charmbracelet/x/ansi"
)

// Text for the media of a segment: stream metrics, network and device
// details. Everything is plain text; enum values are shown as Graph sent
// them, so a member added later reads as itself.

// streamHeadline names a stream: "main-audio · callerToCallee · SILKWide".
func streamHeadline(label string, st *model.MediaStream) string {
	parts := []string{common.OrDash(label), common.OrDash(st.StreamDirection), codecText(st)}
	return strings.Join(parts, " · ")
}

// codecText is the audio or video codec, or "codec not reported".
func codecText(st *model.MediaStream) string {
	switch {
	case st.AudioCodec != "" && st.VideoCodec != "":
		return st.AudioCodec + "/" + st.VideoCodec
	case st.AudioCodec != "":
		return st.AudioCodec
	case st.VideoCodec != "":
		return st.VideoCodec
	}
	return "codec not reported"
}

// streamMaxItems lists the peaks and other stream facts that are in no
// rule of Microsoft's and not among quality.Stream's figures, skipping
// what was not reported.
func streamMaxItems(st *model.MediaStream) []string {
	var out []string
	add := func(s string) { out = append(out, s) }
	jit := st.MaxAudioNetworkJitter
	if jit == nil {
		jit = st.MaxJitter
	}
	if jit != nil {
		add("max jitter " + jit.Millis())
	}
	if st.MaxPacketLossRate != nil {
		add("max packet loss " + quality.FormatPercent(*st.MaxPacketLossRate))
	}
	if st.MaxRoundTripTime != nil {
		add("max round trip " + st.MaxRoundTripTime.Millis())
	}
	if st.MaxRatioOfConcealedSamples != nil {
		add("max concealed ratio " + quality.FormatDecimal(*st.MaxRatioOfConcealedSamples))
	}
	if st.AverageBandwidthEstimate != nil {
		add("bandwidth " + bitsText(*st.AverageBandwidthEstimate))
	}
	if st.IsAudioForwardErrorCorrectionUsed != nil {
		add("FEC " + common.YesNo(*st.IsAudioForwardErrorCorrectionUsed, "used", "not used"))
	}
	if st.WasMediaBypassed != nil {
		add("media " + common.YesNo(*st.WasMediaBypassed, "bypassed", "not bypassed"))
	}
	if st.LowFrameRateRatio != nil {
		add("low frame rate " + quality.FormatPercent(*st.LowFrameRateRatio) + " of the time")
	}
	if st.AverageFreezeDuration != nil {
		add("freeze avg " + st.AverageFreezeDuration.Millis())
	}
	return out
}

// networkItems describes one side's network: connection, addresses, link,
// Wi-Fi and the event ratios that explain bad audio.
func networkItems(n *model.NetworkInfo) []string {
	if n == nil {
		return nil
	}
	var out []string
	add := func(s string) {
		if s != "" {
			out = append(out, s)
		}
	}
	add(n.ConnectionType)
	add(n.NetworkTransportProtocol)
	if n.IPAddress != "" {
		add("IP " + hostPort(n.IPAddress, n.Port))
	}
	if n.Subnet != "" {
		add("subnet " + n.Subnet)
	}
	if n.ReflexiveIPAddress != "" {
		add("reflexive " + n.ReflexiveIPAddress)
	}
	if n.RelayIPAddress != "" {
		add("relay " + hostPort(n.RelayIPAddress, n.RelayPort))
	}
	if n.LinkSpeed != nil {
		add("link " + bitsText(*n.LinkSpeed))
	}
	if n.MacAddress != "" {
		add("MAC " + n.MacAddress)
	}
	if n.DNSSuffix != "" {
		add("DNS suffix " + n.DNSSuffix)
	}
	out = append(out, wifiItems(n)...)
	ratios := []struct {
		name string
		v    *float64
	}{
		{"received quality events", n.ReceivedQualityEventRatio},
		{"sent quality events", n.SentQualityEventRatio},
		{"delay events", n.DelayEventRatio},
		{"low bandwidth events", n.BandwidthLowEventRatio},
	}
	for _, r := range ratios {
		if r.v != nil {
			add(r.name + " " + quality.FormatPercent(*r.v))
		}
	}
	if len(n.TraceRouteHops) > 0 {
		add(common.Plural(len(n.TraceRouteHops), "trace-route hop", "trace-route hops"))
	}
	return out
}

func wifiItems(n *model.NetworkInfo) []string {
	var out []string
	if n.WifiBand != "" {
		out = append(out, "wifi band "+n.WifiBand)
	}
	if n.WifiRadioType != "" {
		out = append(out, "radio "+n.WifiRadioType)
	}
	if n.WifiChannel != nil {
		out = append(out, "channel "+strconv.Itoa(int(*n.WifiChannel)))
	}
	if n.WifiSignalStrength != nil {
		out = append(out, "signal "+strconv.Itoa(int(*n.WifiSignalStrength))+" %")
	}
	if n.WifiBatteryCharge != nil {
		out = append(out, "battery "+strconv.Itoa(int(*n.WifiBatteryCharge))+" %")
	}
	if n.BasicServiceSetIdentifier != "" {
		out = append(out, "BSSID "+n.BasicServiceSetIdentifier)
	}
	if d := strings.TrimSpace(n.WifiVendorDriver + " " + n.WifiVendorDriverVersion); d != "" {
		out = append(out, "wifi driver "+d)
	} else if d := strings.TrimSpace(n.WifiMicrosoftDriver + " " + n.WifiMicrosoftDriverVersion); d != "" {
		out = append(out, "wifi driver "+d)
	}
	return out
}

// deviceItems describes one side's audio devices and their event ratios.
func deviceItems(d *model.DeviceInfo) []string {
	if d == nil {
		return nil
	}
	var out []string
	if d.CaptureDeviceName != "" {
		out = append(out, fmt.Sprintf("capture %q", d.CaptureDeviceName))
	}
	if d.RenderDeviceName != "" {
		out = append(out, fmt.Sprintf("render %q", d.RenderDeviceName))
	}
	if d.MicGlitchRate != nil {
		out = append(out, "mic glitches "+quality.TrimFloat(*d.MicGlitchRate, 1)+" per 5 min")
	}
	if d.SpeakerGlitchRate != nil {
		out = append(out, "speaker glitches "+quality.TrimFloat(*d.SpeakerGlitchRate, 1)+" per 5 min")
	}
	if d.HowlingEventCount != nil {
		out = append(out, "howling events "+strconv.Itoa(int(*d.HowlingEventCount)))
	}
	ratios := []struct {
		name string
		v    *float64
	}{
		{"capture not functioning", d.CaptureNotFunctioningEventRatio},
		{"render not functioning", d.RenderNotFunctioningEventRatio},
		{"CPU insufficient", d.CPUInsufficentEventRatio},
		{"clipping", d.DeviceClippingEventRatio},
		{"device glitches", d.DeviceGlitchEventRatio},
		{"low speech level", d.LowSpeechLevelEventRatio},
		{"low speech to noise", d.LowSpeechToNoiseEventRatio},
		{"render muted", d.RenderMuteEventRatio},
		{"render zero volume", d.RenderZeroVolumeEventRatio},
	}
	for _, r := range ratios {
		if r.v != nil && *r.v != 0 {
			out = append(out, r.name+" "+quality.FormatPercent(*r.v)+" of the time")
		}
	}
	if d.CaptureDeviceDriver != "" {
		out = append(out, "capture driver "+d.CaptureDeviceDriver)
	}
	if d.RenderDeviceDriver != "" {
		out = append(out, "render driver "+d.RenderDeviceDriver)
	}
	return out
}

// endpointItems describes a caller or callee: identity, platform, product
// family, application version, user agent header and the star rating.
func endpointItems(e *model.Endpoint) []string {
	if e == nil {
		return []string{"not reported"}
	}
	out := []string{common.OrDash(e.Text())}
	if ua := e.UserAgent; ua != nil {
		for _, s := range []string{ua.Platform, ua.ProductFamily} {
			if s != "" {
				out = append(out, s)
			}
		}
		if ua.ApplicationVersion != "" {
			out = append(out, "version "+ua.ApplicationVersion)
		}
		if ua.HeaderValue != "" {
			out = append(out, "user agent "+ua.HeaderValue)
		}
	}
	if e.Name != "" && e.Name != e.Text() {
		out = append(out, "device "+e.Name)
	}
	if f := e.Feedback; f != nil && f.Rating != "" {
		out = append(out, feedbackText(f))
	}
	return out
}

// feedbackText is "rated poor: Noisy, Echo" (the tokens set to true, sorted).
func feedbackText(f *model.UserFeedback) string {
	s := "rated " + f.Rating
	var on []string
	for k, v := range f.Tokens {
		if v {
			on = append(on, k)
		}
	}
	sort.Strings(on)
	if len(on) > 0 {
		s += ": " + strings.Join(on, ", ")
	}
	if f.Text != "" {
		s += fmt.Sprintf(" %q", f.Text)
	}
	return s
}

// endpointShort is the table cell for an endpoint: identity, then platform
// and product family in brackets when known.
func endpointShort(e *model.Endpoint) string {
	if e == nil {
		return "—"
	}
	s := common.OrDash(e.Text())
	if ua := e.UserAgent; ua != nil {
		var p []string
		for _, v := range []string{ua.Platform, ua.ProductFamily} {
			if v != "" {
				p = append(p, v)
			}
		}
		if len(p) > 0 {
			s += " (" + strings.Join(p, ", ") + ")"
		}
	}
	return s
}

// failureText is the outcome in words, never by colour alone:
// "FAILED callSetup: <reason>" or "ok".
func failureText(f *model.FailureInfo) string {
	if !f.Failed() {
		return "ok"
	}
	s := "FAILED"
	if f.Stage != "" {
		s += " " + f.Stage
	}
	if f.Reason != "" {
		s += ": " + f.Reason
	}
	return s
}

func hostPort(ip string, port *int32) string {
	if port == nil {
		return ip
	}
	if strings.Contains(ip, ":") {
		return "[" + ip + "]:" + strconv.Itoa(int(*port))
	}
	return ip + ":" + strconv.Itoa(int(*port))
}

// bitsText shows bits per second in the largest fitting unit: "54 Mbit/s".
func bitsText(b int64) string {
	units := []string{"bit/s", "kbit/s", "Mbit/s", "Gbit/s"}
	f := float64(b)
	i := 0
	for f >= 1000 && i < len(units)-1 {
		f /= 1000
		i++
	}
	return quality.TrimFloat(f, 1) + " " + units[i]
}

// modalitiesText joins modalities as sent: "audio, video".
func modalitiesText(m []string) string {
	if len(m) == 0 {
		return "—"
	}
	return strings.Join(m, ", ")
}

// wrapItems packs items, joined by " · ", into lines of at most width cells,
// the first starting with label and the rest indented under it. An item
// longer than a line is cut with "…" rather than spilling.
func wrapItems(label string, items []string, width int) []string {
	return wrapJoined(label, ansi.StringWidth(label), items, " · ", width)
}

// wrapSentence wraps a long sentence (a verdict with its reasons) under
// label at its commas and " · ", so that no part of it is cut off.
func wrapSentence(label, text string, width int) []string {
	parts := strings.SplitAfter(text, ", ")
	for i := range parts {
		parts[i] = strings.TrimSuffix(parts[i], " ")
	}
	return wrapJoined(label, ansi.StringWidth(label), parts, " ", width)
}

// wrapJoined is wrapItems with another separator (", " for name lists)
// and continuation lines indented by indent cells.
func wrapJoined(label string, indent int, items []string, sep string, width int) []string {
	pad := strings.Repeat(" ", indent)
	sepW := ansi.StringWidth(sep)
	var lines []string
	var cur strings.Builder
	cur.WriteString(label)
	curW, empty := ansi.StringWidth(label), true
	for _, it := range items {
		w := ansi.StringWidth(it)
		switch {
		case empty:
		case curW+sepW+w > width:
			lines = append(lines, cur.String())
			cur.Reset()
			cur.WriteString(pad)
			curW = indent
		default:
			cur.WriteString(sep)
			curW += sepW
		}
		cur.WriteString(it)
		curW += w
		empty = false
	}
	lines = append(lines, cur.String())
	for i := range lines {
		lines[i] = common.Truncate(lines[i], width)
	}
	return lines
}
