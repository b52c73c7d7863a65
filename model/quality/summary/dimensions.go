package summary

import (
	"github.com/callscope/callscope/model"
	"github.com/callscope/callscope/model/quality"
)

// Dimension is what the streams of a summary are grouped by.
//
// The names follow Microsoft's "Dimensions and measurements - Call Quality
// Dashboard (CQD)" (learn.microsoft.com/en-us/microsoftteams/dimensions-and-measures-available-in-call-quality-dashboard;
// the page shows no ms.date; read from MicrosoftDocs/OfficeDocs-SkypeForBusiness
// @007ff4e, Teams/dimensions-and-measures-available-in-call-quality-dashboard.md).
// CQD names most of them twice, "First …" and "Second …", one per
// endpoint of the stream; Graph's callRecords name the two ends caller and
// callee instead. A stream therefore counts once on each distinct value its
// two ends report (a Wi-Fi client talking to a wired conference server
// counts under "wifi" and under "wired"), so the lines of one dimension may
// add up to more than the streams classified; Overall, Side and MediaType
// have one value per stream. A stream whose ends report no value counts on
// the dimension's "not reported" line.
type Dimension int

// The dimensions, in the order a screen lists them.
const (
	// Overall is every stream on one line.
	Overall Dimension = iota
	// ConnectionType is networkInfo.connectionType (wired, wifi, mobile,
	// tunnel); CQD "First/Second Network Connection Detail" ("Wired, WiFi,
	// MobileBB, Tunnel, Other").
	ConnectionType
	// WifiBand is networkInfo.wifiBand of a side on Wi-Fi; CQD
	// "First/Second Wi-Fi Band" ("5.0 Ghz").
	WifiBand
	// Subnet is networkInfo.subnet; CQD "First/Second Subnet".
	Subnet
	// SubnetConnection is the subnet with the connection type of the same
	// side ("10.41.17.0 · wifi"): CQD "Subnet" crossed with "Network
	// Connection Detail", the line that finds one office's Wi-Fi.
	SubnetConnection
	// Relay tells whether a side allocated a media relay
	// (networkInfo.relayIPAddress present). CQD "First/Second Connectivity
	// Ice" says whether the relay carried the media (RELAY); Graph carries
	// only the allocated relay ("IP address of the media relay server
	// allocated by the media endpoint", mediaStream/networkInfo resource
	// page), so this line reads "relay allocated", not "relayed".
	Relay
	// RelayAddress is which relay: networkInfo.relayIPAddress; CQD
	// "First/Second Relay IP".
	RelayAddress
	// Side is who sent the stream (streamDirection): "caller → callee" is
	// the caller's stream. CQD "First Is Caller" with "Stream Direction".
	Side
	// Platform is userAgent.platform with productFamily ("windows ·
	// teams"), or the service role of a service endpoint; CQD
	// "First/Second User Agent Category" is the nearest.
	Platform
	// ClientVersion is a client's userAgent.applicationVersion; CQD
	// "First/Second Client App Version". Service endpoints have no client
	// version and give none.
	ClientVersion
	// CaptureDevice is deviceInfo.captureDeviceName; CQD "First/Second
	// Capture Dev".
	CaptureDevice
	// RenderDevice is deviceInfo.renderDeviceName; CQD "First/Second
	// Render Dev".
	RenderDevice
	// MediaType is the stream's classifier (quality.KindOf); CQD "Media
	// Type" ("video, audio, app sharing, or video based screen sharing").
	MediaType

	dimensionCount // keep last
)

// Dimensions lists every dimension in order.
func Dimensions() []Dimension {
	out := make([]Dimension, dimensionCount)
	for i := range out {
		out[i] = Dimension(i)
	}
	return out
}

var dimensionText = [dimensionCount]struct{ name, cqd, none string }{
	Overall:          {"all streams", "", ""},
	ConnectionType:   {"network connection type", "Network Connection Detail", "connection type not reported"},
	WifiBand:         {"Wi-Fi band", "Wi-Fi Band", "no Wi-Fi band reported"},
	Subnet:           {"subnet", "Subnet", "subnet not reported"},
	SubnetConnection: {"subnet and connection type", "Subnet × Network Connection Detail", "subnet not reported"},
	Relay:            {"relay", "Connectivity Ice (from Relay IP)", "network not reported"},
	RelayAddress:     {"relay address", "Relay IP", "no relay allocated"},
	Side:             {"sending side", "First Is Caller × Stream Direction", "direction not reported"},
	Platform:         {"platform and product", "User Agent Category", "platform not reported"},
	ClientVersion:    {"client version", "Client App Version", "no client version reported"},
	CaptureDevice:    {"capture device", "Capture Dev", "capture device not reported"},
	RenderDevice:     {"render device", "Render Dev", "render device not reported"},
	MediaType:        {"media type", "Media Type", ""},
}

// String names the dimension in words: "subnet", "client version".
func (d Dimension) String() string {
	if d < 0 || d >= dimensionCount {
		return "unknown dimension"
	}
	return dimensionText[d].name
}

// CQD is the name of the Call Quality Dashboard dimension it follows,
// without "First"/"Second": "Network Connection Detail"; "" for Overall.
func (d Dimension) CQD() string {
	if d < 0 || d >= dimensionCount {
		return ""
	}
	return dimensionText[d].cqd
}

// value is a line's identity within a dimension: one or two parts (the
// subnet and its connection type), kept apart so that counting a stream
// builds no string.
type value struct{ a, b string }

// text is the value as a line shows it.
func (v value) text(d Dimension) string {
	switch {
	case v.a == "" && v.b == "":
		return dimensionText[d].none
	case v.b == "":
		return v.a
	}
	return v.a + " · " + v.b
}

// stream is what one stream's values are read from.
type stream struct {
	kind           quality.Kind
	direction      string
	caller, callee *model.Endpoint
	media          *model.Media
}

// values appends the stream's distinct values of d to out (at most two:
// one per side), or the empty value when neither side reports one.
func (s *stream) values(d Dimension, out []value) []value {
	start := len(out)
	m := s.media
	switch d {
	case Overall:
		return append(out, value{a: "all streams"})
	case MediaType:
		return append(out, value{a: s.kind.String()})
	case Side:
		return append(out, value{a: quality.DirectionText(s.direction)})
	case ConnectionType, WifiBand, Subnet, SubnetConnection, Relay, RelayAddress:
		out = addValue(out, start, networkValue(d, m.CallerNetwork))
		out = addValue(out, start, networkValue(d, m.CalleeNetwork))
	case CaptureDevice, RenderDevice:
		out = addValue(out, start, deviceValue(d, m.CallerDevice))
		out = addValue(out, start, deviceValue(d, m.CalleeDevice))
	case Platform, ClientVersion:
		out = addValue(out, start, endpointValue(d, s.caller))
		out = addValue(out, start, endpointValue(d, s.callee))
	}
	if len(out) == start {
		out = append(out, value{})
	}
	return out
}

// addValue appends v to out unless it is empty or already among out[start:].
func addValue(out []value, start int, v value) []value {
	if v == (value{}) {
		return out
	}
	for _, have := range out[start:] {
		if have == v {
			return out
		}
	}
	return append(out, v)
}

func networkValue(d Dimension, n *model.NetworkInfo) value {
	if n == nil {
		return value{}
	}
	switch d {
	case ConnectionType:
		return value{a: n.ConnectionType}
	case WifiBand:
		if n.ConnectionType != "wifi" && n.WifiBand == "" {
			return value{}
		}
		return value{a: n.WifiBand}
	case Subnet:
		return value{a: n.Subnet}
	case SubnetConnection:
		if n.Subnet == "" {
			return value{}
		}
		return value{a: n.Subnet, b: n.ConnectionType}
	case Relay:
		if n.RelayIPAddress != "" {
			return value{a: "relay allocated"}
		}
		return value{a: "no relay"}
	case RelayAddress:
		return value{a: n.RelayIPAddress}
	}
	return value{}
}

func deviceValue(d Dimension, dev *model.DeviceInfo) value {
	switch {
	case dev == nil:
		return value{}
	case d == CaptureDevice:
		return value{a: dev.CaptureDeviceName}
	}
	return value{a: dev.RenderDeviceName}
}

func endpointValue(d Dimension, e *model.Endpoint) value {
	if e == nil || e.UserAgent == nil {
		return value{}
	}
	ua := e.UserAgent
	if d == ClientVersion {
		if e.IsService() {
			return value{}
		}
		return value{a: ua.ApplicationVersion}
	}
	if e.IsService() {
		return value{a: "service", b: ua.Role}
	}
	return value{a: ua.Platform, b: ua.ProductFamily}
}
