package summary

import (
	"slices"
	"testing"
	"time"

	"github.com/callscope/callscope/model"
	"github.com/callscope/callscope/model/quality"
)

var base = time.Date(2026, 11, 2, 10, 0, 0, 0, time.UTC)

func dur(ms int) *model.Duration {
	d := model.Duration(time.Duration(ms) * time.Millisecond)
	return &d
}
func num(v float64) *float64 { return &v }
func pkts(v int64) *int64    { return &v }

// Streams of each verdict, by Microsoft's rules as model/quality applies them.
func goodAudio(dir string) model.MediaStream {
	return model.MediaStream{StreamDirection: dir, PacketUtilization: pkts(1000), AverageJitter: dur(10)}
}
func poorAudio(dir string) model.MediaStream {
	return model.MediaStream{StreamDirection: dir, PacketUtilization: pkts(1000), AverageJitter: dur(45)}
}
func mutedAudio(dir string) model.MediaStream {
	return model.MediaStream{StreamDirection: dir, PacketUtilization: pkts(100)}
}
func goodVideo(dir string) model.MediaStream {
	return model.MediaStream{StreamDirection: dir, AverageVideoFrameLossPercentage: num(5)}
}
func poorVideo(dir string) model.MediaStream {
	return model.MediaStream{StreamDirection: dir, AverageVideoFrameLossPercentage: num(60)}
}

const (
	c2c = "callerToCallee"
	c2r = "calleeToCaller"
)

var (
	hotWifi = &model.NetworkInfo{Subnet: "10.41.17.0", ConnectionType: "wifi", WifiBand: "frequency24GHz", RelayIPAddress: "52.114.1.1"}
	wired   = &model.NetworkInfo{Subnet: "10.1.1.0", ConnectionType: "wired"}
	server  = &model.NetworkInfo{Subnet: "52.112.0.0", ConnectionType: "wired"}
)

func client(platform, version string) *model.Endpoint {
	return &model.Endpoint{ODataType: model.ParticipantEndpointType, UserAgent: &model.UserAgent{
		Platform: platform, ProductFamily: "teams", ApplicationVersion: version}}
}

var mcu = &model.Endpoint{ODataType: model.ServiceEndpointType, UserAgent: &model.UserAgent{
	Role: "skypeForBusinessAudioVideoMcu", ApplicationVersion: "2024.11.21.3"}}

func record(id string, start time.Time, caller, callee *model.Endpoint, media ...model.Media) model.CallRecord {
	t := model.NewTime(start)
	return model.CallRecord{ID: id, StartDateTime: t, Sessions: []model.Session{{Caller: caller, Callee: callee, StartDateTime: t,
		Segments: []model.Segment{{Caller: caller, Callee: callee, StartDateTime: t, Media: media}}}}}
}

// seeded is three calls whose figures are worked out by hand in the tests:
//
//	r1 10:00 windows 1.0 on the hot Wi-Fi → mac 2.0 wired; audio poor/good, video good/poor
//	r2 11:00 mac 2.0 wired → conference server; audio good/unclassified (muted)
//	r3 11:30 windows 1.0 → windows 1.0, both on the hot Wi-Fi; audio poor/poor, no devices
func seeded(o Options) *Summary {
	win, mac := client("windows", "1.0"), client("macOS", "2.0")
	devA := &model.DeviceInfo{CaptureDeviceName: "Mic A", RenderDeviceName: "Speaker A"}
	devB := &model.DeviceInfo{CaptureDeviceName: "Mic B", RenderDeviceName: "Speaker B"}
	recs := []model.CallRecord{
		record("r1", base, win, mac,
			model.Media{Label: "main-audio", CallerNetwork: hotWifi, CalleeNetwork: wired, CallerDevice: devA, CalleeDevice: devB,
				Streams: []model.MediaStream{poorAudio(c2c), goodAudio(c2r)}},
			model.Media{Label: "main-video", CallerNetwork: hotWifi, CalleeNetwork: wired,
				Streams: []model.MediaStream{goodVideo(c2c), poorVideo(c2r)}}),
		record("r2", base.Add(time.Hour), mac, mcu,
			model.Media{Label: "main-audio", CallerNetwork: wired, CalleeNetwork: server, CallerDevice: devB,
				Streams: []model.MediaStream{goodAudio(c2c), mutedAudio(c2r)}}),
		record("r3", base.Add(90*time.Minute), win, client("windows", "1.0"),
			model.Media{Label: "main-audio", CallerNetwork: hotWifi, CalleeNetwork: hotWifi,
				Streams: []model.MediaStream{poorAudio(c2c), poorAudio(c2r)}}),
	}
	s := New(o)
	for i := range recs {
		s.Add(&recs[i])
	}
	return s
}

// counts is a line's figures as the tests write them: good, poor, unclassified.
type counts struct{ good, poor, unclassified int }

func checkLines(t *testing.T, what string, got []Line, want map[string]counts) {
	t.Helper()
	have := map[string]counts{}
	for _, l := range got {
		have[l.Value] = counts{l.Good, l.Poor, l.Unclassified}
	}
	for v, c := range want {
		if have[v] != c {
			t.Errorf("%s %q: good/poor/unclassified %v, want %v", what, v, have[v], c)
		}
	}
	if len(have) != len(want) {
		t.Errorf("%s: lines %v, want %v", what, have, want)
	}
}

// TestSeededCounts checks every dimension against the figures worked out
// by hand for the seeded calls.
func TestSeededCounts(t *testing.T) {
	s := seeded(Options{})
	checkLines(t, "overall", s.Lines(Overall), map[string]counts{"all streams": {3, 4, 1}})
	checkLines(t, "media type", s.Lines(MediaType), map[string]counts{"audio": {2, 3, 1}, "video": {1, 1, 0}})
	checkLines(t, "connection", s.Lines(ConnectionType), map[string]counts{"wifi": {2, 4, 0}, "wired": {3, 2, 1}})
	checkLines(t, "wifi band", s.Lines(WifiBand), map[string]counts{"frequency24GHz": {2, 4, 0}, "no Wi-Fi band reported": {1, 0, 1}})
	checkLines(t, "subnet", s.Lines(Subnet), map[string]counts{"10.41.17.0": {2, 4, 0}, "10.1.1.0": {3, 2, 1}, "52.112.0.0": {1, 0, 1}})
	checkLines(t, "audio subnet × connection", s.LinesFor(SubnetConnection, quality.Audio), map[string]counts{
		"10.41.17.0 · wifi": {1, 3, 0}, "10.1.1.0 · wired": {2, 1, 1}, "52.112.0.0 · wired": {1, 0, 1}})
	checkLines(t, "relay", s.Lines(Relay), map[string]counts{"relay allocated": {2, 4, 0}, "no relay": {3, 2, 1}})
	checkLines(t, "relay address", s.Lines(RelayAddress), map[string]counts{"52.114.1.1": {2, 4, 0}, "no relay allocated": {1, 0, 1}})
	checkLines(t, "side", s.Lines(Side), map[string]counts{"caller → callee": {2, 2, 0}, "callee → caller": {1, 2, 1}})
	checkLines(t, "platform", s.Lines(Platform), map[string]counts{
		"windows · teams": {2, 4, 0}, "macOS · teams": {3, 2, 1}, "service · skypeForBusinessAudioVideoMcu": {1, 0, 1}})
	checkLines(t, "client version", s.Lines(ClientVersion), map[string]counts{"1.0": {2, 4, 0}, "2.0": {3, 2, 1}})
	checkLines(t, "video client version", s.LinesFor(ClientVersion, quality.Video), map[string]counts{"1.0": {1, 1, 0}, "2.0": {1, 1, 0}})
	checkLines(t, "audio capture device", s.LinesFor(CaptureDevice, quality.Audio), map[string]counts{
		"Mic A": {1, 1, 0}, "Mic B": {2, 1, 1}, "capture device not reported": {0, 2, 0}})
	checkLines(t, "audio render device", s.LinesFor(RenderDevice, quality.Audio), map[string]counts{
		"Speaker A": {1, 1, 0}, "Speaker B": {2, 1, 1}, "render device not reported": {0, 2, 0}})
	if s.Records() != 3 {
		t.Errorf("records %d, want 3", s.Records())
	}
}

// TestSeededRatesAndOrder: the poor rate leaves unclassified streams out,
// and the most telling line comes first.
func TestSeededRatesAndOrder(t *testing.T) {
	s := seeded(Options{})
	if o := s.Overall(); o.PoorRate() != 4.0/7 || o.Classified() != 7 || !o.LowSample() {
		t.Errorf("overall rate %v of %d classified (low sample %v), want 4/7 of 7, low", o.PoorRate(), o.Classified(), o.LowSample())
	}
	audio := s.LinesFor(SubnetConnection, quality.Audio)
	if audio[0].Value != "10.41.17.0 · wifi" || audio[0].PoorRate() != 0.75 {
		t.Errorf("top audio subnet line %q at %v, want the hot Wi-Fi at 0.75", audio[0].Value, audio[0].PoorRate())
	}
	if got := audio[1]; got.Value != "10.1.1.0 · wired" || got.PoorRate() != 1.0/3 {
		t.Errorf("second audio subnet line %q at %v, want the wired subnet at 1/3", got.Value, got.PoorRate())
	}
	if l := (Line{Good: 60, Poor: 40}); l.LowSample() {
		t.Error("100 classified streams flagged as a low sample")
	}
	if l := (Line{Good: 59, Poor: 40, Unclassified: 500}); !l.LowSample() {
		t.Error("99 classified streams (and 500 unclassified) not flagged as a low sample")
	}
	big := Line{Value: "big", Good: 600, Poor: 300}
	tiny := Line{Value: "tiny", Poor: 1}
	if Compare(big, tiny) >= 0 {
		t.Error("a line of one poor stream sorts before 300 poor of 900")
	}
}

// TestSeededCallsAndSeries: the calls behind a line, capped with a count,
// and the poor streams per hour.
func TestSeededCallsAndSeries(t *testing.T) {
	s := seeded(Options{From: base.Add(5 * time.Minute), To: base.Add(2 * time.Hour)})
	o := s.Overall()
	if o.Calls != 3 || o.PoorCalls != 2 || !slices.Equal(o.CallIDs, []string{"r1", "r2", "r3"}) || !slices.Equal(o.PoorCallIDs, []string{"r1", "r3"}) {
		t.Errorf("overall calls %d %v, poor %d %v; want 3 [r1 r2 r3], 2 [r1 r3]", o.Calls, o.CallIDs, o.PoorCalls, o.PoorCallIDs)
	}
	if !slices.Equal(o.PoorByHour, []int{2, 2}) {
		t.Errorf("poor by hour %v, want [2 2]", o.PoorByHour)
	}
	wifi := s.LinesFor(SubnetConnection, quality.Audio)[0]
	if wifi.Calls != 2 || !slices.Equal(wifi.PoorCallIDs, []string{"r1", "r3"}) || !slices.Equal(wifi.PoorByHour, []int{1, 2}) {
		t.Errorf("hot Wi-Fi audio: %d calls, poor %v, by hour %v; want 2, [r1 r3], [1 2]", wifi.Calls, wifi.PoorCallIDs, wifi.PoorByHour)
	}
	capped := seeded(Options{MaxCallIDs: 1}).Overall()
	if capped.Calls != 3 || !slices.Equal(capped.CallIDs, []string{"r1"}) || capped.PoorCalls != 2 || !slices.Equal(capped.PoorCallIDs, []string{"r1"}) {
		t.Errorf("capped at 1: calls %d %v, poor %d %v", capped.Calls, capped.CallIDs, capped.PoorCalls, capped.PoorCallIDs)
	}
	if capped.PoorByHour != nil {
		t.Errorf("a summary without a range has a series: %v", capped.PoorByHour)
	}
}

// TestNotReported: a stream whose media names no network, device or
// endpoint counts on each dimension's "not reported" line, once.
func TestNotReported(t *testing.T) {
	rec := record("bare", base, nil, nil, model.Media{Label: "main-audio", Streams: []model.MediaStream{poorAudio("")}})
	s := New(Options{})
	s.Add(&rec)
	s.Add(&model.CallRecord{ID: "list row"}) // no sessions: nothing to count
	for _, d := range Dimensions() {
		ls := s.Lines(d)
		if len(ls) != 1 || ls[0].Poor != 1 || ls[0].Value == "" {
			t.Errorf("%s: %+v, want one line with the poor stream", d, ls)
		}
	}
	if s.Records() != 2 || s.Overall().Calls != 1 {
		t.Errorf("records %d, calls %d; want 2 records, 1 call with streams", s.Records(), s.Overall().Calls)
	}
}

// TestDimensionNames: every dimension has words and, but for Overall, the
// CQD dimension it follows.
func TestDimensionNames(t *testing.T) {
	for _, d := range Dimensions() {
		if d.String() == "unknown dimension" || d != Overall && d.CQD() == "" {
			t.Errorf("dimension %d: %q, CQD %q", d, d.String(), d.CQD())
		}
	}
	if Dimension(99).String() != "unknown dimension" {
		t.Error("an unknown dimension has a name")
	}
}
