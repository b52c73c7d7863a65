package uitest

import (
	"strconv"
	"time"

	"github.com/callscope/callscope/graphclient/fakegraph"
	"github.com/callscope/callscope/model"
)

// The ids of GroupCall: the record, its two sessions and their segments.
const (
	GroupCallID         = "3f2a9c1e-5b7d-4e21-9a0c-1d2e3f4a5b6c"
	GroupCallSession1ID = "a1b2c3d4-0000-4000-8000-000000000001"
	GroupCallSession2ID = "a1b2c3d4-0000-4000-8000-000000000002"
	GroupCallSegment1ID = "5e9f0a11-0000-4000-8000-0000000000a1"
	GroupCallSegment2ID = "5e9f0a11-0000-4000-8000-0000000000a2"
	anetteID            = "00005994-851d-4988-bbc3-413bbf089e13"
	daichiID            = "13fd6bf0-f646-4b82-b0ad-cd28ce10d6e3"
)

func ptr[T any](v T) *T { return &v }

func millis(ms float64) *model.Duration {
	return ptr(model.Duration(time.Duration(ms * float64(time.Millisecond))))
}

func userEndpoint(id, name, platform, family, ua string) *model.Endpoint {
	return &model.Endpoint{
		ODataType:          model.ParticipantEndpointType,
		AssociatedIdentity: &model.Identity{ID: id, DisplayName: name},
		UserAgent: &model.UserAgent{ODataType: model.ClientUserAgentType, Platform: platform,
			ProductFamily: family, HeaderValue: ua},
	}
}

// GroupCall is the record screens' fixture: a group call two hours before
// T0 with two sessions, Anette to Daichi with a poor audio stream (jitter
// 43 ms), and Anette to a phone number that failed in call setup.
func GroupCall() model.CallRecord {
	at := func(min, sec int) model.Time {
		return model.NewTime(T0.Add(-2*time.Hour + time.Duration(min)*time.Minute + time.Duration(sec)*time.Second))
	}
	anette := func() *model.Endpoint {
		return userEndpoint(anetteID, "Anette Thomsen", "windows", "teams",
			"Teams/24295.605.3225.8804 (Windows NT 10.0)")
	}
	daichi := userEndpoint(daichiID, "Daichi Maruyama", "macOS", "teams", "Teams/24295 (Mac OS X 14.4)")
	daichi.Feedback = &model.UserFeedback{Rating: "poor", Tokens: map[string]bool{"Noisy": true, "Echo": false}}
	phone := &model.Endpoint{
		ODataType: model.ServiceEndpointType,
		Identity:  &model.IdentitySet{Phone: &model.Identity{ID: "+15551234567"}},
		UserAgent: &model.UserAgent{ODataType: model.ServiceUserAgentType, Role: "mediationServer",
			HeaderValue: "sbc.contoso.com/1.0", ProductFamily: "unknownFutureValue"},
	}
	audio := model.Media{
		Label: "main-audio",
		CallerNetwork: &model.NetworkInfo{IPAddress: "10.150.0.2", Port: ptr(int32(27288)), Subnet: "10.150.0.0",
			ConnectionType: "wifi", WifiBand: "frequency50GHz", WifiRadioType: "wifi80211ac", WifiChannel: ptr(int32(36)),
			WifiSignalStrength: ptr(int32(61)), ReflexiveIPAddress: "203.0.113.7", RelayIPAddress: "52.114.188.32",
			RelayPort: ptr(int32(53889)), LinkSpeed: ptr(int64(54000000)), ReceivedQualityEventRatio: ptr(0.27)},
		CalleeNetwork: &model.NetworkInfo{IPAddress: "10.139.0.12", Subnet: "10.139.80.0", ConnectionType: "wired",
			LinkSpeed: ptr(int64(1000000000))},
		CallerDevice: &model.DeviceInfo{CaptureDeviceName: "Microphone (Jabra Evolve2 65)",
			RenderDeviceName: "Speakers (Jabra Evolve2 65)", MicGlitchRate: ptr(23.0), SpeakerGlitchRate: ptr(3830.0)},
		CalleeDevice: &model.DeviceInfo{CaptureDeviceName: "MacBook Pro Microphone", RenderDeviceName: "MacBook Pro Speakers"},
		Streams: []model.MediaStream{
			{StreamID: "1504545584", StreamDirection: "callerToCallee", AudioCodec: "SILKWide",
				AverageAudioNetworkJitter: millis(43), MaxAudioNetworkJitter: millis(120), AveragePacketLossRate: ptr(0.01381693),
				AverageRoundTripTime: millis(61), AverageAudioDegradation: ptr(0.83), AverageRatioOfConcealedSamples: ptr(0.06233422)},
			{StreamID: "1785122252", StreamDirection: "calleeToCaller", AudioCodec: "SILKWide",
				AverageAudioNetworkJitter: millis(12), AveragePacketLossRate: ptr(0.0), AverageRoundTripTime: millis(58),
				AverageAudioDegradation: ptr(0.2), AverageRatioOfConcealedSamples: ptr(0.01)},
		},
	}
	fail := &model.FailureInfo{Stage: model.FailureStageCallSetup, Reason: "SIP 408 Request Timeout from sbc.contoso.com"}
	return model.CallRecord{
		ID: GroupCallID, Version: 3, Type: model.CallTypeGroupCall, Modalities: []string{"audio", "video"},
		StartDateTime: at(0, 0), EndDateTime: at(12, 5), LastModifiedDateTime: at(40, 0),
		JoinWebURL: "https://teams.microsoft.com/l/meetup-join/19%3ameeting_NmI4?context=%7b%22Tid%22%7d&x=1",
		OrganizerV2: &model.Participant{ID: anetteID,
			Identity: &model.IdentitySet{User: &model.Identity{ID: anetteID, DisplayName: "Anette Thomsen"}}},
		ParticipantsV2: []model.Participant{
			{ID: anetteID, Identity: &model.IdentitySet{User: &model.Identity{ID: anetteID, DisplayName: "Anette Thomsen"}}},
			{ID: daichiID, Identity: &model.IdentitySet{User: &model.Identity{ID: daichiID, DisplayName: "Daichi Maruyama"}}},
			{ID: "+15551234567", Identity: &model.IdentitySet{Phone: &model.Identity{ID: "+15551234567"}}},
		},
		Sessions: []model.Session{
			{ID: GroupCallSession1ID, Caller: anette(), Callee: daichi, Modalities: []string{"audio"},
				StartDateTime: at(0, 0), EndDateTime: at(12, 5),
				Segments: []model.Segment{{ID: GroupCallSegment1ID, Caller: anette(), Callee: daichi,
					StartDateTime: at(0, 0), EndDateTime: at(12, 5), Media: []model.Media{audio}}}},
			{ID: GroupCallSession2ID, Caller: anette(), Callee: phone, Modalities: []string{"audio"}, FailureInfo: fail,
				StartDateTime: at(3, 0), EndDateTime: at(3, 32),
				Segments: []model.Segment{{ID: GroupCallSegment2ID, Caller: anette(), Callee: phone, FailureInfo: fail,
					StartDateTime: at(3, 0), EndDateTime: at(3, 32)}}},
		},
	}
}

// GroupCallTenant is a tenant holding GroupCall and, when extra > 0, that
// many more participants (guests), to page through.
func GroupCallTenant(extra int) *fakegraph.Tenant {
	t := fakegraph.NewTenant()
	r := GroupCall()
	for i := 0; i < extra; i++ {
		id := "guest-" + strconv.Itoa(i)
		r.ParticipantsV2 = append(r.ParticipantsV2, model.Participant{ID: id,
			Identity: &model.IdentitySet{Guest: &model.Identity{ID: id, DisplayName: "Guest " + strconv.Itoa(i)}}})
	}
	t.AddRecord(r)
	return t
}
