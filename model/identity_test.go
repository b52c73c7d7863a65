package model

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
)

// TestUnknownEnumMembersKept decodes enum strings the model has never heard
// of and checks they come back as sent, never mapped to a known member
// (graph-api.md §4.11: the Go SDK turns "unknown" modality into "audio").
func TestUnknownEnumMembersKept(t *testing.T) {
	const body = `{
		"id": "0b5a1b4c-0000-0000-0000-000000000001",
		"version": 7,
		"type": "someNewType",
		"modalities": ["unknown", "unknownFutureValue", "holographic"],
		"startDateTime": "2026-11-20T14:00:00Z",
		"sessions": [{
			"id": "s1",
			"modalities": ["unknownFutureValue"],
			"failureInfo": {"reason": "newReason", "stage": "unknownFutureValue"},
			"caller": {
				"@odata.type": "#microsoft.graph.callRecords.participantEndpoint",
				"userAgent": {
					"@odata.type": "#microsoft.graph.callRecords.clientUserAgent",
					"platform": "visionOS",
					"productFamily": "azureCommunicationServices",
					"communicationServiceId": "acs-1"
				},
				"feedback": {"rating": "unknownFutureValue", "tokens": {"BrandNewToken": true}}
			},
			"callee": {
				"@odata.type": "#microsoft.graph.callRecords.serviceEndpoint",
				"userAgent": {"@odata.type": "#microsoft.graph.callRecords.serviceUserAgent", "role": "quantumRelay"}
			},
			"segments": [{
				"id": "g1",
				"media": [{
					"label": "main-hologram",
					"callerNetwork": {"connectionType": "satellite", "wifiBand": "frequency7GHz", "wifiRadioType": "wifi80211be", "networkTransportProtocol": "quic"},
					"callerDevice": {"cpuInsufficentEventRatio": 0.25, "cpuInsufficientEventRatio": 0.75},
					"streams": [{"streamDirection": "sideways", "audioCodec": "lyra", "videoCodec": "vvc"}]
				}]
			}]
		}]
	}`
	var r CallRecord
	if err := json.Unmarshal([]byte(body), &r); err != nil {
		t.Fatal(err)
	}
	eq(t, "Type", r.Type, "someNewType")
	eqStrings(t, "Modalities", r.Modalities, []string{"unknown", "unknownFutureValue", "holographic"})
	s := r.Sessions[0]
	eqStrings(t, "session Modalities", s.Modalities, []string{"unknownFutureValue"})
	eq(t, "failure stage", s.FailureInfo.Stage, "unknownFutureValue")
	eq(t, "failure reason", s.FailureInfo.Reason, "newReason")
	eq(t, "platform", s.Caller.UserAgent.Platform, "visionOS")
	eq(t, "productFamily", s.Caller.UserAgent.ProductFamily, "azureCommunicationServices")
	eq(t, "rating", s.Caller.Feedback.Rating, "unknownFutureValue")
	eq(t, "new token", s.Caller.Feedback.Tokens["BrandNewToken"], true)
	eq(t, "service role", s.Callee.UserAgent.Role, "quantumRelay")
	eq(t, "callee IsService", s.Callee.IsService(), true)
	eq(t, "callee Text", s.Callee.Text(), "service: quantumRelay")
	m := s.Segments[0].Media[0]
	eq(t, "label", m.Label, "main-hologram")
	eq(t, "connectionType", m.CallerNetwork.ConnectionType, "satellite")
	eq(t, "wifiBand", m.CallerNetwork.WifiBand, "frequency7GHz")
	eq(t, "wifiRadioType", m.CallerNetwork.WifiRadioType, "wifi80211be")
	eq(t, "transport", m.CallerNetwork.NetworkTransportProtocol, "quic")
	eq(t, "streamDirection", m.Streams[0].StreamDirection, "sideways")
	eq(t, "audioCodec", m.Streams[0].AudioCodec, "lyra")
	eq(t, "videoCodec", m.Streams[0].VideoCodec, "vvc")
	// The schema's misspelling is the key that is read; the correct spelling is not.
	eqPtr(t, "CPUInsufficentEventRatio", m.CallerDevice.CPUInsufficentEventRatio, 0.25)

	// And they survive a round trip through the model's own encoding.
	out, err := json.Marshal(r)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`"type":"someNewType"`, `"unknownFutureValue"`, `"productFamily":"azureCommunicationServices"`, `"cpuInsufficentEventRatio":0.25`} {
		if !strings.Contains(string(out), want) {
			t.Errorf("re-marshalled record lacks %s:\n%s", want, out)
		}
	}
}

// TestIdentitySetExtra checks that keys outside the schema are kept verbatim
// and written back, and that known keys, in any case, are not duplicated.
func TestIdentitySetExtra(t *testing.T) {
	const body = `{
		"user": {"id": "u1", "displayName": "Ann"},
		"acsUser": null,
		"spoolUser": null,
		"teamsBot": {"id": "b1", "displayName": "Bot", "nested": [1, 2, {"x": null}]},
		"futureFlag": true,
		"@odata.type": "#microsoft.graph.communicationsIdentitySet"
	}`
	var s IdentitySet
	if err := json.Unmarshal([]byte(body), &s); err != nil {
		t.Fatal(err)
	}
	eq(t, "User.ID", s.User.ID, "u1")
	isNil(t, "AcsUser", s.AcsUser)
	isNil(t, "SpoolUser", s.SpoolUser)
	eq(t, "len(Extra)", len(s.Extra), 3)
	eq(t, "Extra[teamsBot]", compact(t, s.Extra["teamsBot"]), `{"id":"b1","displayName":"Bot","nested":[1,2,{"x":null}]}`)
	eq(t, "Extra[futureFlag]", string(s.Extra["futureFlag"]), "true")
	eq(t, "Extra[@odata.type]", string(s.Extra["@odata.type"]), `"#microsoft.graph.communicationsIdentitySet"`)
	if _, ok := s.Extra["acsUser"]; ok {
		t.Error("known key acsUser landed in Extra")
	}

	out, err := json.Marshal(s)
	if err != nil {
		t.Fatal(err)
	}
	var back map[string]json.RawMessage
	if err := json.Unmarshal(out, &back); err != nil {
		t.Fatal(err)
	}
	eq(t, "re-marshalled teamsBot", compact(t, back["teamsBot"]), `{"id":"b1","displayName":"Bot","nested":[1,2,{"x":null}]}`)
	eq(t, "re-marshalled futureFlag", string(back["futureFlag"]), "true")
	eq(t, "re-marshalled @odata.type", string(back["@odata.type"]), `"#microsoft.graph.communicationsIdentitySet"`)
	eq(t, "re-marshalled user", compact(t, back["user"]), `{"id":"u1","displayName":"Ann"}`)

	// Decoding the output again gives the same set.
	var again IdentitySet
	if err := json.Unmarshal(out, &again); err != nil {
		t.Fatal(err)
	}
	eq(t, "again len(Extra)", len(again.Extra), 3)
	eq(t, "again User.DisplayName", again.User.DisplayName, "Ann")

	// encoding/json matches field names case-insensitively: "User" fills User,
	// so it must not also be kept (and written twice) as an unknown key.
	var folded IdentitySet
	if err := json.Unmarshal([]byte(`{"User": {"id": "u2"}, "PHONE": {"id": "+1"}, "other": 1}`), &folded); err != nil {
		t.Fatal(err)
	}
	eq(t, "folded User.ID", folded.User.ID, "u2")
	eq(t, "folded Phone.ID", folded.Phone.ID, "+1")
	eq(t, "folded len(Extra)", len(folded.Extra), 1)

	// An Extra key that collides with a known field does not override it.
	s2 := IdentitySet{User: &Identity{ID: "real"}, Extra: map[string]json.RawMessage{"user": json.RawMessage(`{"id":"fake"}`)}}
	out2, err := json.Marshal(s2)
	if err != nil {
		t.Fatal(err)
	}
	eq(t, "collision", string(out2), `{"user":{"id":"real"}}`)

	// No Extra, no unknown keys: plain struct encoding.
	out3, err := json.Marshal(IdentitySet{Phone: &Identity{ID: "+1"}})
	if err != nil {
		t.Fatal(err)
	}
	eq(t, "plain", string(out3), `{"phone":{"id":"+1"}}`)
}

// TestIdentitySetUnmarshalEdges covers null, non-objects and odd key spellings.
func TestIdentitySetUnmarshalEdges(t *testing.T) {
	var s IdentitySet
	if err := json.Unmarshal([]byte(`null`), &s); err != nil {
		t.Errorf("null: %v", err)
	}
	for _, bad := range []string{`"x"`, `[1]`, `3`, `{"user": 5}`, `{"user": {"id": 1}}`} {
		var s IdentitySet
		if err := json.Unmarshal([]byte(bad), &s); err == nil {
			t.Errorf("%s: decoded without error", bad)
		}
	}
	// An escaped key is still the known key.
	var e IdentitySet
	if err := json.Unmarshal([]byte(`{"\u0075ser": {"id": "u"}, "x\"y": 1}`), &e); err != nil {
		t.Fatal(err)
	}
	eq(t, "escaped user", e.User.ID, "u")
	eq(t, "len(Extra)", len(e.Extra), 1)
	eq(t, `Extra["x\"y"]`, string(e.Extra[`x"y`]), "1")
	// Identity sets nested in a slice, with a null element.
	var r CallRecord
	if err := json.Unmarshal([]byte(`{"participants":[null,{"guest":{"id":"g","email":"g@x"}}]}`), &r); err != nil {
		t.Fatal(err)
	}
	eq(t, "len(Participants)", len(r.Participants), 2)
	txt, kind := r.Participants[1].DisplayText()
	eq(t, "guest text", txt, "g@x")
	eq(t, "guest kind", kind, KindGuest)
	txt, kind = r.Participants[0].DisplayText()
	eq(t, "null participant text", txt, "")
	eq(t, "null participant kind", kind, KindNone)
}

// TestDisplayText checks DisplayText's precedence and per-kind text.
func TestDisplayText(t *testing.T) {
	yes := true
	tests := []struct {
		name     string
		set      *IdentitySet
		wantText string
		wantKind IdentityKind
	}{
		{"nil set", nil, "", KindNone},
		{"empty set", &IdentitySet{}, "", KindNone},
		{"all members present but empty", &IdentitySet{User: &Identity{}, Phone: &Identity{}, Guest: &Identity{}}, "", KindNone},
		{"only unknown keys", &IdentitySet{Extra: map[string]json.RawMessage{"x": json.RawMessage(`{"displayName":"X"}`)}}, "", KindNone},
		{"user name", &IdentitySet{User: &Identity{ID: "u", DisplayName: "Abbie Wilkins", UserPrincipalName: "abbie@contoso.com"}}, "Abbie Wilkins", KindUser},
		{"user name is trimmed", &IdentitySet{User: &Identity{ID: "u", DisplayName: "  Abbie  "}}, "Abbie", KindUser},
		{"user without name shows UPN", &IdentitySet{User: &Identity{ID: "u", DisplayName: "  ", UserPrincipalName: "abbie@contoso.com"}}, "abbie@contoso.com", KindUser},
		{"user with only id", &IdentitySet{User: &Identity{ID: "821809f5"}}, "821809f5", KindUser},
		{"user beats phone", &IdentitySet{User: &Identity{DisplayName: "Ann"}, Phone: &Identity{ID: "+1555"}}, "Ann", KindUser},
		{"empty user falls through to phone", &IdentitySet{User: &Identity{}, Phone: &Identity{ID: "+1555"}}, "+1555", KindPhone},
		{"guest name", &IdentitySet{Guest: &Identity{ID: "c6f4f18f", DisplayName: "Visitor", Email: "v@fabrikam.com"}}, "Visitor", KindGuest},
		{"guest e-mail", &IdentitySet{Guest: &Identity{ID: "c6f4f18f", Email: "v@fabrikam.com"}}, "v@fabrikam.com", KindGuest},
		{"guest beats phone", &IdentitySet{Guest: &Identity{DisplayName: "G"}, Phone: &Identity{ID: "+1"}}, "G", KindGuest},
		{"phone without name", &IdentitySet{Phone: &Identity{ID: "+5564981205182"}}, "+5564981205182", KindPhone},
		{"phone with name", &IdentitySet{Phone: &Identity{ID: "+14255550100", DisplayName: "Front Desk"}}, "Front Desk +14255550100", KindPhone},
		{"phone whose name is its number", &IdentitySet{Phone: &Identity{ID: "+14255550100", DisplayName: "+14255550100"}}, "+14255550100", KindPhone},
		{"phone with name only", &IdentitySet{Phone: &Identity{DisplayName: "Anonymous"}}, "Anonymous", KindPhone},
		{"phone beats onPremises", &IdentitySet{Phone: &Identity{ID: "+1"}, OnPremises: &Identity{DisplayName: "Legacy"}}, "+1", KindPhone},
		{"onPremises", &IdentitySet{OnPremises: &Identity{DisplayName: "Legacy User"}}, "Legacy User", KindOnPremises},
		{"applicationInstance bot", &IdentitySet{ApplicationInstance: &Identity{ID: "a1", DisplayName: "Reception Auto Attendant", Hidden: &yes}}, "Reception Auto Attendant", KindAppInstance},
		{"applicationInstance beats application", &IdentitySet{ApplicationInstance: &Identity{DisplayName: "AA"}, Application: &Identity{DisplayName: "App"}}, "AA", KindAppInstance},
		{"application", &IdentitySet{Application: &Identity{ID: "app1", DisplayName: "Recording Bot", ApplicationType: "bot"}}, "Recording Bot", KindApplication},
		{"ACS user", &IdentitySet{AzureCommunicationServicesUser: &Identity{ID: "8:acs:1234", AzureCommunicationServicesResourceID: "res"}}, "8:acs:1234", KindACSUser},
		{"ACS user beats encrypted", &IdentitySet{AzureCommunicationServicesUser: &Identity{DisplayName: "ACS"}, Encrypted: &Identity{ID: "enc"}}, "ACS", KindACSUser},
		{"encrypted", &IdentitySet{Encrypted: &Identity{ID: "EncryptedId=="}}, "EncryptedId==", KindEncrypted},
		{"encrypted beats acsUser", &IdentitySet{Encrypted: &Identity{ID: "enc"}, AcsUser: &Identity{ID: "acs"}}, "enc", KindEncrypted},
		{"undocumented acsUser", &IdentitySet{AcsUser: &Identity{ID: "8:acs:9"}}, "8:acs:9", KindACSUser},
		{"undocumented spoolUser", &IdentitySet{SpoolUser: &Identity{DisplayName: "Spool"}}, "Spool", KindUser},
		{"undocumented acsApplicationInstance", &IdentitySet{AcsApplicationInstance: &Identity{DisplayName: "ACS bot"}}, "ACS bot", KindAppInstance},
		{"device", &IdentitySet{Device: &Identity{ID: "dev1", DisplayName: "Room Panel"}}, "Room Panel", KindDevice},
		{"device beats assertedIdentity", &IdentitySet{Device: &Identity{ID: "dev1"}, AssertedIdentity: &Identity{ID: "+1"}}, "dev1", KindDevice},
		{"assertedIdentity last", &IdentitySet{AssertedIdentity: &Identity{ID: "+14255550199"}}, "+14255550199", KindAsserted},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			text, kind := tt.set.DisplayText()
			if text != tt.wantText || kind != tt.wantKind {
				t.Errorf("DisplayText() = %q, %q; want %q, %q", text, kind, tt.wantText, tt.wantKind)
			}
			p := &Participant{ID: "pid", Identity: tt.set}
			want := tt.wantText
			if want == "" {
				want = "pid"
			}
			eq(t, "Participant.DisplayText", p.DisplayText(), want)
		})
	}
	var np *Participant
	eq(t, "nil participant", np.DisplayText(), "")
	var ni *Identity
	eq(t, "nil identity", ni.Text(KindUser), "")
	var nr CallRecord
	eq(t, "record without organizer", nr.OrganizerText(), "")
}

// TestEndpointText covers the endpoint fallbacks.
func TestEndpointText(t *testing.T) {
	var ne *Endpoint
	eq(t, "nil", ne.Text(), "")
	eq(t, "nil IsService", ne.IsService(), false)
	eq(t, "associated beats identity", (&Endpoint{
		AssociatedIdentity: &Identity{UserPrincipalName: "a@x"},
		Identity:           &IdentitySet{User: &Identity{DisplayName: "Old"}},
	}).Text(), "a@x")
	eq(t, "deprecated identity", (&Endpoint{Identity: &IdentitySet{Phone: &Identity{ID: "+1"}}}).Text(), "+1")
	eq(t, "service without role", (&Endpoint{ODataType: ServiceEndpointType}).Text(), "service")
	eq(t, "device name last", (&Endpoint{ODataType: ParticipantEndpointType, Name: "machineName_1"}).Text(), "machineName_1")
}

// compact re-encodes raw JSON without insignificant space, keeping key order.
func compact(t *testing.T, raw json.RawMessage) string {
	t.Helper()
	var b bytes.Buffer
	if err := json.Compact(&b, raw); err != nil {
		t.Fatalf("compact %s: %v", raw, err)
	}
	return b.String()
}
