package fakegraph

import (
	"fmt"
	"math/rand/v2"

	"github.com/callscope/callscope/model"
)

// Platform families of a client endpoint, which decide what its network
// and devices can report.
const (
	platWindows = iota // Windows, Teams Rooms and Surface Hub: Windows drivers
	platMac
	platMobile // iOS and Android: no Windows drivers, never wired
	platOther  // web, IP phones: the browser or phone reports no drivers
)

func isClient(e *model.Endpoint) bool {
	return e != nil && e.ODataType == model.ParticipantEndpointType
}

func platformFamily(e *model.Endpoint) int {
	if e == nil || e.UserAgent == nil {
		return platOther
	}
	switch e.UserAgent.Platform {
	case "windows", "roomSystem", "surfaceHub":
		return platWindows
	case "macOS":
		return platMac
	case "iOS", "android":
		return platMobile
	}
	return platOther
}

// hotSubnet is the office Wi-Fi where audio goes bad: one access point on a
// crowded 2.4 GHz channel, which the quality views should let a reader find.
const hotSubnet = "10.41.17.0"

// network is one side's networkInfo. Only Windows-based clients name Wi-Fi
// drivers (an iPhone reports no Intel driver); phones are never wired.
func network(r *rand.Rand, e *model.Endpoint) *model.NetworkInfo {
	if !isClient(e) {
		return &model.NetworkInfo{
			IPAddress: fmt.Sprintf("52.%d.%d.%d", 112+r.IntN(4), r.IntN(256), 1+r.IntN(254)), Subnet: "52.112.0.0",
			Port: i32(49152 + r.IntN(16000)), ConnectionType: "wired", NetworkTransportProtocol: "udp",
			LinkSpeed: i64(10_000_000_000),
		}
	}
	plat := platformFamily(e)
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
	x := r.IntN(100)
	if plat == platMobile && x < 40 {
		x = 88 + x%8 // a phone on a wire is a cellular phone
	}
	switch {
	case x < 40:
		n.ConnectionType, n.LinkSpeed = "wired", i64(pick(r, []int64{100_000_000, 1_000_000_000, 4294967295}))
	case x < 88:
		wifi(r, n, plat)
	case x < 96:
		n.ConnectionType, n.LinkSpeed = "mobile", i64(int64(5+r.IntN(200))*1_000_000)
	default:
		n.ConnectionType, n.LinkSpeed = "tunnel", i64(100_000_000)
	}
	return n
}

func wifi(r *rand.Rand, n *model.NetworkInfo, plat int) {
	n.ConnectionType, n.LinkSpeed = "wifi", i64(int64(54+r.IntN(1100))*1_000_000)
	n.WifiBand = pick(r, []string{"frequency24GHz", "frequency50GHz", "frequency50GHz", "frequency60GHz"})
	n.WifiRadioType = pick(r, []string{"wifi80211n", "wifi80211ac", "wifi80211ax"})
	n.WifiChannel, n.WifiSignalStrength = i32(pick(r, []int{1, 6, 11, 36, 44, 149})), i32(35+r.IntN(65))
	n.WifiBatteryCharge = i32(r.IntN(101))
	n.BasicServiceSetIdentifier = fmt.Sprintf("00-1A-2B-%02X-%02X-%02X", r.IntN(256), r.IntN(256), r.IntN(256))
	if r.IntN(100) < 12 {
		n.IPAddress, n.Subnet = fmt.Sprintf("10.41.17.%d", 2+r.IntN(250)), hotSubnet
		n.WifiBand, n.WifiChannel, n.WifiSignalStrength = "frequency24GHz", i32(6), i32(30+r.IntN(15))
		n.BasicServiceSetIdentifier = "00-1A-2B-41-17-06"
	}
	if plat == platWindows {
		n.WifiMicrosoftDriver, n.WifiMicrosoftDriverVersion = "Microsoft: Wi-Fi Direct Virtual Adapter", "Microsoft:10.0.22621.1"
		n.WifiVendorDriver, n.WifiVendorDriverVersion = "Intel(R) Wi-Fi 6E AX211 160MHz", "Intel:23.60.0.10"
	}
}

// Audio devices per platform family: capture and render names in pairs.
var (
	captureDevices = [...][]string{
		platWindows: {"Microphone (Jabra Evolve2 65)", "Headset Microphone (Poly Voyager Focus 2)",
			"Microphone Array (Realtek(R) Audio)", "Echo Cancelling Speakerphone (Jabra Speak2 75)"},
		platMac:    {"MacBook Pro Microphone", "Jabra Evolve2 65", "AirPods Pro"},
		platMobile: {"Built-in Microphone", "AirPods Pro", "Bluetooth headset"},
		platOther:  {"Default input device", "Handset"},
	}
	renderDevices = [...][]string{
		platWindows: {"Speakers (Jabra Evolve2 65)", "Headphones (Poly Voyager Focus 2)",
			"Speakers (Realtek(R) Audio)", "Echo Cancelling Speakerphone (Jabra Speak2 75)"},
		platMac:    {"MacBook Pro Speakers", "Jabra Evolve2 65", "AirPods Pro"},
		platMobile: {"Receiver", "AirPods Pro", "Bluetooth headset"},
		platOther:  {"Default output device", "Handset"},
	}
)

// device is a client's deviceInfo; only Windows reports its audio drivers
// as "Microsoft: <version>".
func device(r *rand.Rand, e *model.Endpoint) *model.DeviceInfo {
	if !isClient(e) {
		return nil
	}
	plat := platformFamily(e)
	i := r.IntN(len(captureDevices[plat]))
	d := &model.DeviceInfo{
		CaptureDeviceName: captureDevices[plat][i], RenderDeviceName: renderDevices[plat][i],
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
	if plat == platWindows {
		d.CaptureDeviceDriver, d.RenderDeviceDriver = "Microsoft: 10.0.22621.1", "Microsoft: 10.0.22621.1"
	}
	if r.IntN(40) == 0 {
		d.HowlingEventCount, d.RenderMuteEventRatio = i32(1+r.IntN(4)), f64(1)
	}
	return d
}
