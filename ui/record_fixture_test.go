package ui

import (
	"flag"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/callscope/callscope/graphclient"
	"github.com/callscope/callscope/graphclient/fakegraph"
	"github.com/callscope/callscope/model"
)

// recordNow is the frozen clock of the record tests.
var recordNow = time.Date(2026, 11, 20, 15, 0, 0, 0, time.UTC)

const (
	fxRecID    = "3f2a9c1e-5b7d-4e21-9a0c-1d2e3f4a5b6c"
	fxSess1ID  = "a1b2c3d4-0000-4000-8000-000000000001"
	fxSess2ID  = "a1b2c3d4-0000-4000-8000-000000000002"
	fxSeg1ID   = "5e9f0a11-0000-4000-8000-0000000000a1"
	fxSeg2ID   = "5e9f0a11-0000-4000-8000-0000000000a2"
	fxAnetteID = "00005994-851d-4988-bbc3-413bbf089e13"
	fxDaichiID = "13fd6bf0-f646-4b82-b0ad-cd28ce10d6e3"
)

func recPtr[T any](v T) *T { return &v }

func recMs(ms float64) *model.Duration {
	return recPtr(model.Duration(time.Duration(ms * float64(time.Millisecond))))
}

func recUser(id, name, platform, family, ua string) *model.Endpoint {
	return &model.Endpoint{
		ODataType:          model.ParticipantEndpointType,
		AssociatedIdentity: &model.Identity{ID: id, DisplayName: name},
		UserAgent: &model.UserAgent{ODataType: model.ClientUserAgentType, Platform: platform,
			ProductFamily: family, HeaderValue: ua},
	}
}

// fxRecord is a group call with two sessions: Anette to Daichi with a poor
// audio stream (jitter 43 ms), and Anette to a phone number that failed in
// call setup.
func fxRecord() model.CallRecord {
	at := func(min, sec int) model.Time {
		return model.NewTime(recordNow.Add(-2*time.Hour + time.Duration(min)*time.Minute + time.Duration(sec)*time.Second))
	}
	anette := func() *model.Endpoint {
		return recUser(fxAnetteID, "Anette Thomsen", "windows", "teams",
			"Teams/24295.605.3225.8804 (Windows NT 10.0)")
	}
	daichi := recUser(fxDaichiID, "Daichi Maruyama", "macOS", "teams", "Teams/24295 (Mac OS X 14.4)")
	daichi.Feedback = &model.UserFeedback{Rating: "poor", Tokens: map[string]bool{"Noisy": true, "Echo": false}}
	phone := &model.Endpoint{
		ODataType: model.ServiceEndpointType,
		Identity:  &model.IdentitySet{Phone: &model.Identity{ID: "+15551234567"}},
		UserAgent: &model.UserAgent{ODataType: model.ServiceUserAgentType, Role: "mediationServer",
			HeaderValue: "sbc.contoso.com/1.0", ProductFamily: "unknownFutureValue"},
	}
	audio := model.Media{
		Label: "main-audio",
		CallerNetwork: &model.NetworkInfo{IPAddress: "10.150.0.2", Port: recPtr(int32(27288)), Subnet: "10.150.0.0",
			ConnectionType: "wifi", WifiBand: "frequency50GHz", WifiRadioType: "wifi80211ac", WifiChannel: recPtr(int32(36)),
			WifiSignalStrength: recPtr(int32(61)), ReflexiveIPAddress: "203.0.113.7", RelayIPAddress: "52.114.188.32",
			RelayPort: recPtr(int32(53889)), LinkSpeed: recPtr(int64(54000000)), ReceivedQualityEventRatio: recPtr(0.27)},
		CalleeNetwork: &model.NetworkInfo{IPAddress: "10.139.0.12", Subnet: "10.139.80.0", ConnectionType: "wired",
			LinkSpeed: recPtr(int64(1000000000))},
		CallerDevice: &model.DeviceInfo{CaptureDeviceName: "Microphone (Jabra Evolve2 65)",
			RenderDeviceName: "Speakers (Jabra Evolve2 65)", MicGlitchRate: recPtr(23.0), SpeakerGlitchRate: recPtr(3830.0)},
		CalleeDevice: &model.DeviceInfo{CaptureDeviceName: "MacBook Pro Microphone", RenderDeviceName: "MacBook Pro Speakers"},
		Streams: []model.MediaStream{
			{StreamID: "1504545584", StreamDirection: "callerToCallee", AudioCodec: "SILKWide",
				AverageAudioNetworkJitter: recMs(43), MaxAudioNetworkJitter: recMs(120), AveragePacketLossRate: recPtr(0.01381693),
				AverageRoundTripTime: recMs(61), AverageAudioDegradation: recPtr(0.83), AverageRatioOfConcealedSamples: recPtr(0.06233422)},
			{StreamID: "1785122252", StreamDirection: "calleeToCaller", AudioCodec: "SILKWide",
				AverageAudioNetworkJitter: recMs(12), AveragePacketLossRate: recPtr(0.0), AverageRoundTripTime: recMs(58),
				AverageAudioDegradation: recPtr(0.2), AverageRatioOfConcealedSamples: recPtr(0.01)},
		},
	}
	fail := &model.FailureInfo{Stage: model.FailureStageCallSetup, Reason: "SIP 408 Request Timeout from sbc.contoso.com"}
	return model.CallRecord{
		ID: fxRecID, Version: 3, Type: model.CallTypeGroupCall, Modalities: []string{"audio", "video"},
		StartDateTime: at(0, 0), EndDateTime: at(12, 5), LastModifiedDateTime: at(40, 0),
		JoinWebURL: "https://teams.microsoft.com/l/meetup-join/19%3ameeting_NmI4?context=%7b%22Tid%22%7d&x=1",
		OrganizerV2: &model.Participant{ID: fxAnetteID,
			Identity: &model.IdentitySet{User: &model.Identity{ID: fxAnetteID, DisplayName: "Anette Thomsen"}}},
		ParticipantsV2: []model.Participant{
			{ID: fxAnetteID, Identity: &model.IdentitySet{User: &model.Identity{ID: fxAnetteID, DisplayName: "Anette Thomsen"}}},
			{ID: fxDaichiID, Identity: &model.IdentitySet{User: &model.Identity{ID: fxDaichiID, DisplayName: "Daichi Maruyama"}}},
			{ID: "+15551234567", Identity: &model.IdentitySet{Phone: &model.Identity{ID: "+15551234567"}}},
		},
		Sessions: []model.Session{
			{ID: fxSess1ID, Caller: anette(), Callee: daichi, Modalities: []string{"audio"},
				StartDateTime: at(0, 0), EndDateTime: at(12, 5),
				Segments: []model.Segment{{ID: fxSeg1ID, Caller: anette(), Callee: daichi,
					StartDateTime: at(0, 0), EndDateTime: at(12, 5), Media: []model.Media{audio}}}},
			{ID: fxSess2ID, Caller: anette(), Callee: phone, Modalities: []string{"audio"}, FailureInfo: fail,
				StartDateTime: at(3, 0), EndDateTime: at(3, 32),
				Segments: []model.Segment{{ID: fxSeg2ID, Caller: anette(), Callee: phone, FailureInfo: fail,
					StartDateTime: at(3, 0), EndDateTime: at(3, 32)}}},
		},
	}
}

// fxTenant holds fxRecord and, when extra > 0, that many more participants.
func fxTenant(extra int) *fakegraph.Tenant {
	t := fakegraph.NewTenant()
	r := fxRecord()
	for i := 0; i < extra; i++ {
		id := "guest-" + strconv.Itoa(i)
		r.ParticipantsV2 = append(r.ParticipantsV2, model.Participant{ID: id,
			Identity: &model.IdentitySet{Guest: &model.Identity{ID: id, DisplayName: "Guest " + strconv.Itoa(i)}}})
	}
	t.AddRecord(r)
	return t
}

// fakeGraph serves tenant over real HTTP and returns a client for it and the
// server, whose Requests count what the screen asked for.
func recFakeGraph(t *testing.T, tenant *fakegraph.Tenant, opts fakegraph.Options) (*graphclient.Client, *fakegraph.Server) {
	t.Helper()
	if opts.Clock == nil {
		opts.Clock = func() time.Time { return recordNow }
	}
	fs := fakegraph.New(tenant, opts)
	hs := httptest.NewServer(fs)
	t.Cleanup(hs.Close)
	c, err := graphclient.New(graphclient.Options{ServiceRoot: hs.URL + "/v1.0",
		Credential: graphclient.StaticToken("test-token"), MaxRetries: 1, MaxRetryDelay: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	return c, fs
}

// recordCommon is testCommon with a record cache, a client and a recording
// clipboard.
func recordCommon(client *graphclient.Client) (*Common, *[]string) {
	c := testCommon(recordNow)
	c.Client = client
	c.Records = NewRecordCache(4)
	var copied []string
	c.Copy = func(s string) error { copied = append(copied, s); return nil }
	return c, &copied
}

// goldenUpdate reports -update, the flag the golden package (pulled in by
// teatest) registers; defining our own would clash with it.
func recGoldenUpdate() bool {
	f := flag.Lookup("update")
	return f != nil && f.Value.String() == "true"
}

// checkGolden compares got with testdata/record/<name>.golden.
func recGolden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", "record", name+".golden")
	if recGoldenUpdate() {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./ui -run %s -update)", err, t.Name())
	}
	if string(want) != got {
		t.Errorf("%s differs from %s:\n--- want\n%s\n--- got\n%s", name, path, want, got)
	}
}

// mustContain fails unless every part is in view.
func recContains(t *testing.T, view string, parts ...string) {
	t.Helper()
	for _, p := range parts {
		if !strings.Contains(view, p) {
			t.Errorf("view lacks %q:\n%s", p, view)
		}
	}
}
