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

// quality is how bad a segment's streams are. The thresholds for "poor" are
// the ones the call-quality screens flag: jitter > 30 ms, packet loss > 10 %,
// round trip > 500 ms, degradation > 1.0, concealed ratio > 0.07.
type quality struct {
	poor   map[string]bool // metric → poor, for the affected direction
	dir    string          // streamDirection that is poor; "" = both
	bypass bool
}

var poorMetrics = []string{"jitter", "loss", "rtt", "degradation", "concealed"}

func drawQuality(r *rand.Rand) quality {
	q := quality{poor: map[string]bool{}}
	switch n := r.IntN(100); {
	case n < 76:
	case n < 94:
		q.poor[pick(r, poorMetrics)] = true
		q.dir = pick(r, []string{"callerToCallee", "calleeToCaller"})
	default:
		for _, m := range poorMetrics {
			q.poor[m] = r.IntN(3) > 0
		}
	}
	return q
}

// mediaFor builds a segment's media: one entry per modality with networks,
// devices on client sides, and a stream each way.
func mediaFor(r *rand.Rand, mods []string, caller, callee *model.Endpoint, serverLeg bool) []model.Media {
	q := drawQuality(r)
	q.bypass = serverLeg && r.IntN(2) == 0
	out := make([]model.Media, 0, len(mods))
	for _, m := range mods {
		label, ok := mediaLabels[m]
		if !ok {
			continue // the "unknown" modality carries no media
		}
		md := model.Media{Label: label, CallerNetwork: network(r, caller), CalleeNetwork: network(r, callee)}
		if m == "audio" {
			md.CallerDevice, md.CalleeDevice = device(r, caller), device(r, callee)
		}
		for _, dir := range []string{"callerToCallee", "calleeToCaller"} {
			md.Streams = append(md.Streams, stream(r, m, dir, q, serverLeg))
		}
		out = append(out, md)
	}
	return out
}

func isClient(e *model.Endpoint) bool {
	return e != nil && e.ODataType == model.ParticipantEndpointType
}

func network(r *rand.Rand, e *model.Endpoint) *model.NetworkInfo {
	if !isClient(e) {
		return &model.NetworkInfo{
			IPAddress: fmt.Sprintf("52.%d.%d.%d", 112+r.IntN(4), r.IntN(256), 1+r.IntN(254)), Subnet: "52.112.0.0",
			Port: i32(49152 + r.IntN(16000)), ConnectionType: "wired", NetworkTransportProtocol: "udp",
			LinkSpeed: i64(10_000_000_000),
		}
	}
	a, b := r.IntN(250), r.IntN(250)
	n := &model.NetworkInfo{
		IPAddress:          fmt.Sprintf("10.%d.%d.%d", a, b, 2+r.IntN(250)),
		Subnet:             fmt.Sprintf("10.%d.%d.0", a, b),
		ReflexiveIPAddress: fmt.Sprintf("203.0.113.%d", 1+r.IntN(254)),
		RelayIPAddress:     fmt.Sprintf("52.114.%d.%d", r.IntN(256), 1+r.IntN(254)),
		RelayPort:          i32(3478 + r.IntN(4)), Port: i32(50000 + r.IntN(15000)),
		MacAddress:               pick(r, []string{"00-00-00-00-00-00", "02:00:00:00:00:00", fmt.Sprintf("F4-26-79-%02X-%02X-%02X", r.IntN(256), r.IntN(256), r.IntN(256))}),
		DNSSuffix:                pick(r, []string{"corp.contoso.com", "", "home"}),
		NetworkTransportProtocol: pick(r, []string{"udp", "udp", "udp", "tcp"}),
		SentQualityEventRatio:    f64(r.Float64() * 0.1), ReceivedQualityEventRatio: f64(r.Float64() * 0.3),
		DelayEventRatio: f64(0), BandwidthLowEventRatio: f64(r.Float64() * 0.05),
	}
	switch x := r.IntN(100); {
	case x < 40:
		n.ConnectionType, n.LinkSpeed = "wired", i64(pick(r, []int64{100_000_000, 1_000_000_000, 4294967295}))
	case x < 88:
		n.ConnectionType, n.LinkSpeed = "wifi", i64(int64(54+r.IntN(1100))*1_000_000)
		n.WifiBand = pick(r, []string{"frequency24GHz", "frequency50GHz", "frequency50GHz", "frequency60GHz"})
		n.WifiRadioType = pick(r, []string{"wifi80211n", "wifi80211ac", "wifi80211ax"})
		n.WifiChannel, n.WifiSignalStrength = i32(pick(r, []int{1, 6, 11, 36, 44, 149})), i32(35+r.IntN(65))
		n.WifiBatteryCharge = i32(r.IntN(101))
		n.WifiMicrosoftDriver, n.WifiMicrosoftDriverVersion = "Microsoft: Wi-Fi Direct Virtual Adapter", "Microsoft:10.0.22621.1"
		n.WifiVendorDriver, n.WifiVendorDriverVersion = "Intel(R) Wi-Fi 6E AX211 160MHz", "Intel:23.60.0.10"
		n.BasicServiceSetIdentifier = fmt.Sprintf("00-1A-2B-%02X-%02X-%02X", r.IntN(256), r.IntN(256), r.IntN(256))
	case x < 96:
		n.ConnectionType, n.LinkSpeed = "mobile", i64(int64(5+r.IntN(200))*1_000_000)
	default:
		n.ConnectionType, n.LinkSpeed = "tunnel", i64(100_000_000)
	}
	return n
}

var (
	captureDevices = []string{"Microphone (Jabra Evolve2 65)", "Headset Microphone (Poly Voyager Focus 2)",
		"MacBook Pro Microphone", "Microphone Array (Realtek(R) Audio)", "Default input device", "Echo Cancelling Speakerphone (Jabra Speak2 75)"}
	renderDevices = []string{"Speakers (Jabra Evolve2 65)", "Headphones (Poly Voyager Focus 2)",
		"MacBook Pro Speakers", "Speakers (Realtek(R) Audio)", "Default output device", "Echo Cancelling Speakerphone (Jabra Speak2 75)"}
)

func device(r *rand.Rand, e *model.Endpoint) *model.DeviceInfo {
	if !isClient(e) {
		return nil
	}
	i := r.IntN(len(captureDevices))
	d := &model.DeviceInfo{
		CaptureDeviceName: captureDevices[i], RenderDeviceName: renderDevices[i],
		CaptureDeviceDriver: "Microsoft: 10.0.22621.1", RenderDeviceDriver: "Microsoft: 10.0.22621.1",
		CaptureNotFunctioningEventRatio: f64(0), RenderNotFunctioningEventRatio: f64(0),
		CPUInsufficentEventRatio: f64(r.Float64() * 0.02), DeviceClippingEventRatio: f64(r.Float64() * 0.01),
		DeviceGlitchEventRatio: f64(r.Float64() * 0.02), LowSpeechLevelEventRatio: f64(r.Float64() * 0.05),
		LowSpeechToNoiseEventRatio: f64(r.Float64() * 0.05), RenderMuteEventRatio: f64(0),
		RenderZeroVolumeEventRatio: f64(0), MicGlitchRate: f64(float64(r.IntN(60))),
		SpeakerGlitchRate: f64(float64(r.IntN(400))), HowlingEventCount: i32(0),
		InitialSignalLevelRootMeanSquare: f64(between(r, 40, 160)),
		ReceivedSignalLevel:              i32(-8 - r.IntN(20)), ReceivedNoiseLevel: i32(-60 - r.IntN(30)),
		SentSignalLevel: i32(-10 - r.IntN(20)), SentNoiseLevel: i32(-62 - r.IntN(30)),
	}
	if r.IntN(40) == 0 {
		d.HowlingEventCount, d.RenderMuteEventRatio = i32(1+r.IntN(4)), f64(1)
	}
	return d
}

// stream fills the quality fields for one direction. Fields Graph leaves
// empty by design (degradation for some streams, freeze values on audio)
// stay nil.
func stream(r *rand.Rand, modality, dir string, q quality, serverLeg bool) model.MediaStream {
	bad := func(m string) bool { return q.poor[m] && (q.dir == "" || q.dir == dir) }
	s := model.MediaStream{StreamID: fmt.Sprint(1_000_000_000 + r.Int64N(3_000_000_000)), StreamDirection: dir,
		PacketUtilization: i64(int64(200 + r.IntN(90000))), AverageBandwidthEstimate: i64(int64(500_000 + r.IntN(20_000_000))),
		WasMediaBypassed: bptr(q.bypass)}
	jit := between(r, 2, 15)
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
		s.AudioCodec = pick(r, []string{"satin", "opus", "opus", "silkWide", "satinFullband"})
		if serverLeg {
			s.AudioCodec = pick(r, []string{"g722", "pcmu", "pcma", "silkWide"})
		}
		s.AverageAudioNetworkJitter, s.MaxAudioNetworkJitter = ms(jit*1.4), ms(jit*3)
		if r.IntN(10) > 0 {
			deg := between(r, 0.05, 0.6)
			if bad("degradation") {
				deg = between(r, 1.1, 2.6)
			}
			s.AverageAudioDegradation = f64(deg)
		}
		conc := between(r, 0.001, 0.04)
		if bad("concealed") {
			conc = between(r, 0.08, 0.25)
		}
		s.AverageRatioOfConcealedSamples, s.MaxRatioOfConcealedSamples = f64(conc), f64(math.Min(1, conc*between(r, 1.1, 3)))
		s.IsAudioForwardErrorCorrectionUsed = bptr(r.IntN(3) == 0)
	case "video", "screenSharing", "videoBasedScreenSharing":
		s.VideoCodec = pick(r, []string{"h264", "h264", "av1", "h264uc"})
		if modality != "video" {
			s.VideoCodec = pick(r, []string{"rtVideo", "h264s", "h264"})
		}
		fps := between(r, 20, 30)
		if bad("loss") {
			fps = between(r, 4, 12)
		}
		s.AverageVideoFrameRate, s.AverageReceivedFrameRate = f64(fps), f64(fps*between(r, 0.9, 1))
		s.LowFrameRateRatio, s.LowVideoProcessingCapabilityRatio = f64(math.Max(0, (15-fps)/15)), f64(r.Float64()*0.05)
		s.AverageVideoPacketLossRate, s.PostForwardErrorCorrectionPacketLossRate = f64(loss), f64(loss/3)
		s.AverageVideoFrameLossPercentage = f64(loss * 100 * between(r, 0.5, 1.5))
		s.AverageFreezeDuration, s.RmsFreezeDuration = ms(between(r, 0, 400)), ms(between(r, 0, 600))
	}
	return s
}
