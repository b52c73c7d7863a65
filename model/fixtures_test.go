package model

import (
	"encoding/json"
	"strings"
	"testing"
	"time"
)

// Values shared by several documented examples.
const (
	fxRecordID = "e523d2ed-2966-4b6b-925b-754a88034cc5"
	fxAbbieID  = "821809f5-0000-0000-0000-3b5136c0e777"
	fxOwenID   = "f69e2c00-0000-0000-0000-185e5f5f5d8a"
	fxTenantID = "dc368399-474c-4d40-900c-6265431fd81f"
)

var (
	fxStart    = utc(2020, 2, 25, 18, 52, 21, 216988900) // .2169889: seven digits
	fxEnd      = utc(2020, 2, 25, 18, 52, 46, 764001300) // .7640013
	fxModified = utc(2020, 2, 25, 19, 0, 24, 582757000)  // .582757: six digits
)

// graphError is the error envelope (graph-api.md §2.18); the model has no
// type for it, graphclient does.
type graphError struct {
	Error struct {
		Code       string `json:"code"`
		Message    string `json:"message"`
		InnerError *struct {
			Code            string `json:"code"`
			Message         string `json:"message"`
			Status          string `json:"status"`
			Date            string `json:"date"`
			RequestID       string `json:"request-id"`
			ClientRequestID string `json:"client-request-id"`
		} `json:"innerError"`
	} `json:"error"`
}

// smsLogRow is the beta smsLogRow (§2.16); the model does not carry it.
type smsLogRow struct {
	ID                string  `json:"id"`
	SmsID             string  `json:"smsId"`
	UserPrincipalName string  `json:"userPrincipalName"`
	SourceNumber      string  `json:"sourceNumber"`
	DestinationNumber string  `json:"destinationNumber"`
	SentDateTime      Time    `json:"sentDateTime"`
	CallCharge        float64 `json:"callCharge"`
	Currency          string  `json:"currency"`
	SmsType           string  `json:"smsType"`
	SmsUnits          int32   `json:"smsUnits"`
}

// changeNotification is the webhook body for call records (§1.9).
type changeNotification struct {
	Value []struct {
		SubscriptionID                 string `json:"subscriptionId"`
		ClientState                    string `json:"clientState"`
		ChangeType                     string `json:"changeType"`
		Resource                       string `json:"resource"`
		SubscriptionExpirationDateTime Time   `json:"subscriptionExpirationDateTime"`
		TenantID                       string `json:"tenantId"`
		ResourceData                   struct {
			ODataType string `json:"@odata.type"`
			ODataID   string `json:"@odata.id"`
			ID        string `json:"id"`
		} `json:"resourceData"`
	} `json:"value"`
}

// decodeAs unmarshals a fixture into a fresh T, failing the test on error.
func decodeAs[T any](t *testing.T, b []byte) *T {
	t.Helper()
	v := new(T)
	if err := json.Unmarshal(b, v); err != nil {
		t.Fatalf("decode into %T: %v", v, err)
	}
	return v
}

// fixtureCases checks each documented fixture by name.
var fixtureCases = map[string]func(t *testing.T, b []byte){
	"list-callrecords.json":          checkListCallRecords,
	"list-callrecords-filtered.json": checkListCallRecordsFiltered,
	"get-callrecord-basic.json": func(t *testing.T, b []byte) {
		r := decodeAs[CallRecord](t, b)
		checkRecordHead(t, r)
		checkAbbieOrganizerV2(t, r)
		isNil(t, "Organizer", r.Organizer)
		eq(t, "len(ParticipantsV2)", len(r.ParticipantsV2), 0)
		eq(t, "len(Sessions)", len(r.Sessions), 0)
		eq(t, "SessionsNextLink", r.SessionsNextLink, "")
		eq(t, "OrganizerText", r.OrganizerText(), "Abbie Wilkins")
	},
	"get-callrecord-expanded-participants.json": func(t *testing.T, b []byte) {
		r := decodeAs[CallRecord](t, b)
		checkRecordHead(t, r)
		checkAbbieOrganizerV2(t, r)
		if len(r.ParticipantsV2) != 2 {
			t.Fatalf("len(ParticipantsV2) = %d, want 2", len(r.ParticipantsV2))
		}
		p0, p1 := r.ParticipantsV2[0], r.ParticipantsV2[1]
		// The doc example repeats the first id on the second participant.
		eq(t, "p0.ID", p0.ID, fxAbbieID)
		eq(t, "p1.ID", p1.ID, fxAbbieID)
		eq(t, "p0 UPN", p0.Identity.User.UserPrincipalName, "abbie.wilkins@contoso.com")
		eq(t, "p1 user id", p1.Identity.User.ID, fxOwenID)
		eq(t, "p1 UPN", p1.Identity.User.UserPrincipalName, "owen.franklin@contoso.com")
		eq(t, "p1.DisplayText", p1.DisplayText(), "Owen Franklin")
		eq(t, "ParticipantsV2NextLink", r.ParticipantsV2NextLink,
			"https://graph.microsoft.com/v1.0/$metadata#communications/callRecords('"+fxRecordID+"')/participants_v2?$skiptoken=abc")
	},
	"get-callrecord-expanded-sessions-segments.json": func(t *testing.T, b []byte) {
		r := decodeAs[CallRecord](t, b)
		checkRecordHead(t, r)
		isNil(t, "OrganizerV2", r.OrganizerV2)
		if r.Organizer == nil || r.Organizer.User == nil {
			t.Fatal("deprecated organizer missing")
		}
		eq(t, "Organizer.User.ID", r.Organizer.User.ID, fxAbbieID)
		eq(t, "OrganizerText (deprecated fallback)", r.OrganizerText(), "Abbie Wilkins")
		if len(r.Participants) != 2 {
			t.Fatalf("len(Participants) = %d, want 2", len(r.Participants))
		}
		txt, kind := r.Participants[1].DisplayText()
		eq(t, "Participants[1].DisplayText", txt, "Owen Franklin")
		eq(t, "Participants[1] kind", kind, KindUser)
		eq(t, "SessionsNextLink", r.SessionsNextLink,
			"https://graph.microsoft.com/v1.0/$metadata#communications/callRecords('"+fxRecordID+"')/sessions?$expand=segments&$skiptoken=abc")
		if len(r.Sessions) != 1 {
			t.Fatalf("len(Sessions) = %d, want 1", len(r.Sessions))
		}
		s := r.Sessions[0]
		checkSessionCommon(t, &s)
		isNil(t, "IsTest", s.IsTest)
		// The deprecated endpoint identity, with its identitySet @odata.type.
		eq(t, "caller identity user", s.Caller.Identity.User.DisplayName, "Abbie Wilkins")
		eq(t, "caller.Text", s.Caller.Text(), "Abbie Wilkins")
		eq(t, "callee.Text", s.Callee.Text(), "Owen Franklin")
		checkTokens(t, s.Callee.Feedback)
		if len(s.Segments) != 1 {
			t.Fatalf("len(Segments) = %d, want 1", len(s.Segments))
		}
		seg := s.Segments[0]
		eq(t, "segment caller name", seg.Caller.Name, "")
		checkFullMedia(t, seg.Media, false)
	},
	"get-callrecord-expanded-sessions-segments-current.json": func(t *testing.T, b []byte) {
		r := decodeAs[CallRecord](t, b)
		checkRecordHead(t, r)
		checkAbbieOrganizerV2(t, r)
		eq(t, "SessionsNextLink", r.SessionsNextLink,
			"https://graph.microsoft.com/v1.0/$metadata#communications/callRecords('"+fxRecordID+"')/sessions?$expand=segments&$skiptoken=abc")
		if len(r.Sessions) != 1 {
			t.Fatalf("len(Sessions) = %d, want 1", len(r.Sessions))
		}
		s := r.Sessions[0]
		checkSessionCommon(t, &s)
		eqPtr(t, "IsTest", s.IsTest, false)
		eq(t, "caller.Name", s.Caller.Name, "machineName_2")
		eq(t, "callee.Name", s.Callee.Name, "machineName_4")
		isNil(t, "caller.Identity (deprecated, absent)", s.Caller.Identity)
		eq(t, "caller associatedIdentity UPN", s.Caller.AssociatedIdentity.UserPrincipalName, "abbie.wilkins@contoso.com")
		eq(t, "callee associatedIdentity UPN", s.Callee.AssociatedIdentity.UserPrincipalName, "owen.franklin@contoso.com")
		eq(t, "callee associatedIdentity tenant", s.Callee.AssociatedIdentity.TenantID, fxTenantID)
		eq(t, "caller.Text", s.Caller.Text(), "Abbie Wilkins")
		eq(t, "callee.Text", s.Callee.Text(), "Owen Franklin")
		eq(t, "callee rating", s.Callee.Feedback.Rating, "poor")
		eq(t, "callee tokens", len(s.Callee.Feedback.Tokens), 0)
		seg := s.Segments[0]
		eq(t, "segment id", seg.ID, fxRecordID)
		eqTime(t, "segment start", seg.StartDateTime.Time, fxStart)
		m := seg.Media[0]
		eq(t, "label", m.Label, "main-audio")
		eqPtr(t, "callerNetwork.LinkSpeed", m.CallerNetwork.LinkSpeed, 54000000)
		eq(t, "callerNetwork.Subnet", m.CallerNetwork.Subnet, "10.150.0.0")
		isNil(t, "CalleeNetwork", m.CalleeNetwork)
		eqPtr(t, "callerDevice.ReceivedSignalLevel", m.CallerDevice.ReceivedSignalLevel, -10)
		eq(t, "len(streams)", len(m.Streams), 1)
		st := m.Streams[0]
		eq(t, "StreamID", st.StreamID, "1504545584")
		isNil(t, "AverageAudioDegradation (null)", st.AverageAudioDegradation)
		eqPtr(t, "AverageJitter", st.AverageJitter, Duration(16*time.Millisecond))
		isNil(t, "MaxJitter (absent)", st.MaxJitter)
		eq(t, "stream StartDateTime (absent)", st.StartDateTime.IsZero(), true)
	},
	"list-participants.json": func(t *testing.T, b []byte) {
		p := decodeAs[Page[Participant]](t, b)
		eq(t, "Context", p.Context, "https://graph.microsoft.com/$metadata#communications/callRecords('614e3ff0-4728-4394-8c03-52fb3b967fde')/participants_v2")
		eq(t, "NextLink", p.NextLink, "https://graph.microsoft.com/v1.0/communications/callRecords/614e3ff0-4728-4394-8c03-52fb3b967fde/participants_v2")
		isNil(t, "Count", p.Count)
		if len(p.Value) != 2 {
			t.Fatalf("len(Value) = %d, want 2", len(p.Value))
		}
		want := []struct{ id, name, upn string }{
			{"00005994-851d-4988-bbc3-413bbf089e13", "Anette Thomsen", "anette.thomsen@contoso.com"},
			{"13fd6bf0-f646-4b82-b0ad-cd28ce10d6e3", "Daichi Maruyama", "daichi.maruyama@contoso.com"},
		}
		for i, w := range want {
			v := p.Value[i]
			eq(t, "ID", v.ID, w.id)
			id := v.Identity
			// Eleven explicit nulls, four of them outside the schema.
			for name, m := range map[string]*Identity{
				"acsUser": id.AcsUser, "spoolUser": id.SpoolUser, "phone": id.Phone, "guest": id.Guest,
				"encrypted": id.Encrypted, "onPremises": id.OnPremises,
				"acsApplicationInstance": id.AcsApplicationInstance, "spoolApplicationInstance": id.SpoolApplicationInstance,
				"applicationInstance": id.ApplicationInstance, "application": id.Application, "device": id.Device,
			} {
				isNil(t, name, m)
			}
			eq(t, "len(Extra)", len(id.Extra), 0)
			eq(t, "user @odata.type", id.User.ODataType, "#microsoft.graph.userIdentity")
			eq(t, "user id", id.User.ID, w.id)
			eq(t, "user UPN", id.User.UserPrincipalName, w.upn)
			eq(t, "user tenant", id.User.TenantID, fxTenantID)
			txt, kind := id.DisplayText()
			eq(t, "DisplayText", txt, w.name)
			eq(t, "DisplayText kind", kind, KindUser)
		}
	},
	"list-sessions.json": func(t *testing.T, b []byte) {
		p := decodeAs[Page[Session]](t, b)
		eq(t, "NextLink", p.NextLink, "https://graph.microsoft.com/v1.0/$metadata#communications/callRecords('"+fxRecordID+"')/sessions?$skiptoken=abc")
		if len(p.Value) != 1 {
			t.Fatalf("len(Value) = %d, want 1", len(p.Value))
		}
		s := p.Value[0]
		checkSessionCommon(t, &s)
		eqPtr(t, "IsTest", s.IsTest, false)
		eq(t, "len(Segments)", len(s.Segments), 0)
		checkCPU(t, s.Caller, s.Callee, true)
		checkTokens(t, s.Callee.Feedback)
	},
	"list-sessions-expanded-segments.json": func(t *testing.T, b []byte) {
		p := decodeAs[Page[Session]](t, b)
		eq(t, "NextLink", p.NextLink, "https://graph.microsoft.com/v1.0/$metadata#communications/callRecords('"+fxRecordID+"')/sessions?$expand=segments&$skiptoken=abc")
		if len(p.Value) != 1 {
			t.Fatalf("len(Value) = %d, want 1", len(p.Value))
		}
		s := p.Value[0]
		checkSessionCommon(t, &s)
		checkCPU(t, s.Caller, s.Callee, true)
		checkTokens(t, s.Callee.Feedback)
		if len(s.Segments) != 1 {
			t.Fatalf("len(Segments) = %d, want 1", len(s.Segments))
		}
		seg := s.Segments[0]
		checkCPU(t, seg.Caller, seg.Callee, false)
		checkFullMedia(t, seg.Media, true)
	},
	"direct-routing.json": func(t *testing.T, b []byte) {
		p := decodeAs[Page[DirectRoutingRow]](t, b)
		eq(t, "Context", p.Context, "https://graph.microsoft.com/v1.0/$metadata#Collection(microsoft.graph.callRecords.directRoutingLogRow)")
		eqPtr(t, "Count", p.Count, 1000)
		eq(t, "NextLink", p.NextLink, "https://graph.microsoft.com/v1.0/communications/callRecords/getDirectRoutingCalls(fromDateTime=2019-11-01,toDateTime=2019-12-01)?$skip=1000")
		if len(p.Value) != 1 {
			t.Fatalf("len(Value) = %d, want 1", len(p.Value))
		}
		r := p.Value[0]
		eq(t, "ID", r.ID, "9e8bba57-dc14-533a-a7dd-f0da6575eed1")
		eq(t, "CorrelationID", r.CorrelationID, "c98e1515-a937-4b81-b8a8-3992afde64e0")
		eq(t, "UserID", r.UserID, "db03c14b-06eb-4189-939b-7cbf3a20ba27")
		eq(t, "UserPrincipalName", r.UserPrincipalName, "richard.malk@contoso.com")
		eq(t, "UserDisplayName", r.UserDisplayName, "Richard Malk")
		eqTime(t, "StartDateTime", r.StartDateTime.Time, utc(2019, 11, 1, 0, 0, 25, 105000000))
		eqTime(t, "InviteDateTime", r.InviteDateTime.Time, utc(2019, 11, 1, 0, 0, 21, 949000000))
		eqTime(t, "EndDateTime", r.EndDateTime.Time, utc(2019, 11, 1, 0, 0, 30, 105000000))
		eq(t, "FailureDateTime sentinel IsZero", r.FailureDateTime.IsZero(), true)
		eq(t, "FailureDateTime underlying IsZero", r.FailureDateTime.Time.IsZero(), true)
		if out, err := json.Marshal(r.FailureDateTime); err != nil || string(out) != "null" {
			t.Errorf("marshal sentinel failureDateTime = %s, %v; want null", out, err)
		}
		eq(t, "Duration", r.Duration, 5)
		eq(t, "CallType", r.CallType, "ByotIn")
		eq(t, "SuccessfulCall", r.SuccessfulCall, true)
		eq(t, "CallerNumber", r.CallerNumber, "+12345678***")
		eq(t, "CalleeNumber", r.CalleeNumber, "+01234567***")
		eq(t, "MediaPathLocation", r.MediaPathLocation, "USWE")
		eq(t, "SignalingLocation", r.SignalingLocation, "EUNO")
		eq(t, "FinalSIPCode", r.FinalSIPCode, 0)
		eq(t, "CallEndSubReason", r.CallEndSubReason, 540000)
		eq(t, "FinalSIPCodePhrase", r.FinalSIPCodePhrase, "BYE")
		eq(t, "Trunk", r.TrunkFullyQualifiedDomainName, "tll-audiocodes01.adatum.biz")
		eq(t, "MediaBypassEnabled", r.MediaBypassEnabled, false)
	},
	"pstn-calls.json": func(t *testing.T, b []byte) {
		p := decodeAs[Page[PstnRow]](t, b)
		eqPtr(t, "Count", p.Count, 1000)
		eq(t, "NextLink", p.NextLink, "https://graph.microsoft.com/v1.0/communications/callRecords/getPstnCalls(from=2019-11-01,to=2019-12-01)?$skip=1000")
		if len(p.Value) != 1 {
			t.Fatalf("len(Value) = %d, want 1", len(p.Value))
		}
		r := p.Value[0]
		eq(t, "ID", r.ID, "9c4984c7-6c3c-427d-a30c-bd0b2eacee90")
		eq(t, "CallID", r.CallID, "1835317186_112562680@61.221.3.176")
		eq(t, "UserPrincipalName", r.UserPrincipalName, "richard.malk@contoso.com")
		eqTime(t, "StartDateTime", r.StartDateTime.Time, utc(2019, 11, 1, 0, 0, 8, 258993500))
		eqTime(t, "EndDateTime", r.EndDateTime.Time, utc(2019, 11, 1, 0, 3, 47, 258993500))
		eq(t, "Duration", r.Duration, 219)
		eqPtr(t, "Charge (0.00)", r.Charge, 0)
		eqPtr(t, "ConnectionCharge (0.00)", r.ConnectionCharge, 0)
		eq(t, "Currency", r.Currency, "USD")
		eq(t, "CallType", r.CallType, "user_in")
		eq(t, "CalleeNumber", r.CalleeNumber, "+1234567890")
		eq(t, "CallerNumber", r.CallerNumber, "+0123456789")
		eq(t, "DestinationContext (null)", r.DestinationContext, "")
		eq(t, "DestinationName", r.DestinationName, "United States")
		eq(t, "ConferenceID (null)", r.ConferenceID, "")
		eq(t, "LicenseCapability", r.LicenseCapability, "MCOPSTNU")
		eq(t, "InventoryType", r.InventoryType, "Subscriber")
		eq(t, "Operator", r.Operator, "Microsoft")
		eq(t, "CallDurationSource", r.CallDurationSource, "microsoft")
		eq(t, "TenantCountryCode", r.TenantCountryCode, "US")
		eq(t, "UsageCountryCode", r.UsageCountryCode, "US")
	},
	"sms-logs.json": func(t *testing.T, b []byte) {
		p := decodeAs[Page[smsLogRow]](t, b)
		eqPtr(t, "Count", p.Count, 1000)
		eq(t, "NextLink", p.NextLink, "https://graph.microsoft.com/beta/communications/callRecords/getSmsLog(fromDateTime=2022-11-01,toDateTime=2022-12-01)?$skip=1000")
		if len(p.Value) != 1 {
			t.Fatalf("len(Value) = %d, want 1", len(p.Value))
		}
		r := p.Value[0]
		eq(t, "ID (absent in the example)", r.ID, "")
		eq(t, "SmsID", r.SmsID, "ef36b3e8-9922-4763-90e2-f4345c04a5d6")
		eq(t, "UserPrincipalName", r.UserPrincipalName, "ruwini.perera@contoso.com")
		eq(t, "SourceNumber", r.SourceNumber, "+12818602122")
		eq(t, "DestinationNumber", r.DestinationNumber, "+12673173004")
		eqTime(t, "SentDateTime", r.SentDateTime.Time, utc(2022, 10, 6, 11, 15, 48, 611355500))
		eq(t, "CallCharge", r.CallCharge, 0)
		eq(t, "Currency", r.Currency, "USD")
		eq(t, "SmsType", r.SmsType, "sms_in")
		eq(t, "SmsUnits", r.SmsUnits, 1)
	},
	"change-notification.json": func(t *testing.T, b []byte) {
		n := decodeAs[changeNotification](t, b)
		if len(n.Value) != 1 {
			t.Fatalf("len(Value) = %d, want 1", len(n.Value))
		}
		v := n.Value[0]
		eq(t, "SubscriptionID", v.SubscriptionID, "{Subscription id}")
		eq(t, "ClientState", v.ClientState, "{Secret client state}")
		eq(t, "ChangeType", v.ChangeType, "created")
		eq(t, "Resource", v.Resource, "communications/callRecords/{Call id}")
		eqTime(t, "SubscriptionExpirationDateTime", v.SubscriptionExpirationDateTime.Time, utc(2023, 2, 28, 0, 0, 0, 0))
		eq(t, "ResourceData @odata.type (odd casing kept)", v.ResourceData.ODataType, "#Microsoft.Graph.callrecord")
		eq(t, "ResourceData @odata.id", v.ResourceData.ODataID, "communications/callRecords/{Call id}")
		eq(t, "ResourceData id", v.ResourceData.ID, "{Call id}")
		eq(t, "TenantID", v.TenantID, "{Organization/Tenant id}")
		// The same body as a generic map, as a webhook handler might first read it.
		var m map[string][]map[string]any
		if err := json.Unmarshal(b, &m); err != nil {
			t.Fatal(err)
		}
		eq(t, "map changeType", m["value"][0]["changeType"], any("created"))
	},
	"error-400-function-params-reconstructed.json": func(t *testing.T, b []byte) {
		e := checkError(t, b, "BadRequest", "Expression expected at position 13 in 'fromDateTime=,toDateTime='.")
		eq(t, "request-id", e.Error.InnerError.RequestID, "b4923bb3-bfdf-437d-a5a5-e775ddc61eb9")
		eq(t, "client-request-id", e.Error.InnerError.ClientRequestID, "c2cedb47-8612-4259-8408-736a3cb0b0ee")
		checkInnerDate(t, e, utc(2023, 8, 3, 14, 17, 10, 0))
	},
	"error-404-callrecord-not-found-reconstructed.json": func(t *testing.T, b []byte) {
		e := checkError(t, b, "NotFound", "Could not find the requested call record. Records about calls or online meetings that started more than 30 days ago are not available.")
		eq(t, "request-id", e.Error.InnerError.RequestID, "00000000-0000-0000-0000-000000000000")
		checkInnerDate(t, e, utc(2021, 8, 30, 10, 0, 0, 0))
	},
	"error-429-throttled.json": func(t *testing.T, b []byte) {
		e := checkError(t, b, "TooManyRequests", "Please retry again later.")
		in := e.Error.InnerError
		eq(t, "inner code", in.Code, "429")
		eq(t, "inner status", in.Status, "429")
		eq(t, "inner message", in.Message, "Please retry after")
		eq(t, "request-id", in.RequestID, "94fb3b52-452a-4535-a601-69e0a90e3aa2")
		checkInnerDate(t, e, utc(2020, 8, 18, 12, 51, 51, 0))
	},
	"error-example-docs.json": func(t *testing.T, b []byte) {
		e := checkError(t, b, "invalidRange", "Uploaded fragment overlaps with existing data.")
		eq(t, "request-id", e.Error.InnerError.RequestID, "request-id")
		// A placeholder, not a timestamp: it must not parse.
		eq(t, "date", e.Error.InnerError.Date, "date-time")
		if _, err := ParseTime(e.Error.InnerError.Date); err == nil {
			t.Error(`ParseTime("date-time") succeeded`)
		}
	},
}

// TestFixtures decodes every documented fixture into its model type and
// checks concrete values. A fixture without a case fails the test.
func TestFixtures(t *testing.T) {
	names := fixtureNames(t)
	seen := map[string]bool{}
	for _, name := range names {
		seen[name] = true
		check, ok := fixtureCases[name]
		if !ok {
			t.Errorf("fixture %s has no case in fixtureCases: add one", name)
			continue
		}
		t.Run(strings.TrimSuffix(name, ".json"), func(t *testing.T) {
			check(t, readFixture(t, name))
		})
	}
	for name := range fixtureCases {
		if !seen[name] {
			t.Errorf("fixtureCases has %s, which is not in %s", name, fixturesDir)
		}
	}
}

// checkRecordHead checks the fields every e523d2ed example shares.
func checkRecordHead(t *testing.T, r *CallRecord) {
	t.Helper()
	eq(t, "ID", r.ID, fxRecordID)
	eq(t, "Version", r.Version, 1)
	eq(t, "Type", r.Type, CallTypePeerToPeer)
	eqStrings(t, "Modalities", r.Modalities, []string{"audio"})
	eqTime(t, "StartDateTime", r.StartDateTime.Time, fxStart)
	eqTime(t, "EndDateTime", r.EndDateTime.Time, fxEnd)
	eqTime(t, "LastModifiedDateTime", r.LastModifiedDateTime.Time, fxModified)
	if r.StartDateTime.Location() != time.UTC {
		t.Errorf("StartDateTime location = %v, want UTC", r.StartDateTime.Location())
	}
	eq(t, "JoinWebURL", r.JoinWebURL, "")
}

// checkAbbieOrganizerV2 checks the organizer_v2 of the current examples.
func checkAbbieOrganizerV2(t *testing.T, r *CallRecord) {
	t.Helper()
	o := r.OrganizerV2
	if o == nil || o.Identity == nil || o.Identity.User == nil {
		t.Fatalf("organizer_v2 user missing: %+v", o)
	}
	eq(t, "OrganizerV2.ID", o.ID, fxAbbieID)
	eq(t, "OrganizerV2 user id", o.Identity.User.ID, fxAbbieID)
	eq(t, "OrganizerV2 user tenant", o.Identity.User.TenantID, fxTenantID)
	eq(t, "OrganizerV2.DisplayText", o.DisplayText(), "Abbie Wilkins")
	eq(t, "OrganizerText", r.OrganizerText(), "Abbie Wilkins")
}

// checkSessionCommon checks what every e523d2ed session shares.
func checkSessionCommon(t *testing.T, s *Session) {
	t.Helper()
	eq(t, "session ID", s.ID, fxRecordID)
	eqStrings(t, "session Modalities", s.Modalities, []string{"audio"})
	eqTime(t, "session start", s.StartDateTime.Time, fxStart)
	eqTime(t, "session end", s.EndDateTime.Time, fxEnd)
	isNil(t, "session FailureInfo", s.FailureInfo)
	if s.Caller == nil || s.Callee == nil {
		t.Fatal("caller or callee missing")
	}
	eq(t, "caller @odata.type", s.Caller.ODataType, ParticipantEndpointType)
	eq(t, "caller IsService", s.Caller.IsService(), false)
	ua := s.Caller.UserAgent
	eq(t, "caller UA @odata.type", ua.ODataType, ClientUserAgentType)
	eq(t, "caller UA platform", ua.Platform, "android")
	eq(t, "caller UA productFamily", ua.ProductFamily, "skypeForBusiness")
	eq(t, "caller UA header", ua.HeaderValue, "RTCC/7.0.0.0 UCWA/7.0.0.0 AndroidLync/6.25.0.27 (SM-G930U Android 8.0.0)")
	eq(t, "callee UA platform", s.Callee.UserAgent.Platform, "windows")
}

// checkCPU checks the cpu fields of list-sessions examples; the segment's
// callee lacks cpuProcessorSpeedInMhz.
func checkCPU(t *testing.T, caller, callee *Endpoint, calleeSpeed bool) {
	t.Helper()
	eq(t, "caller.Name", caller.Name, "machineName_1")
	eq(t, "caller.CPUName", caller.CPUName, "AMD EPYC 7452 32-Core Processor")
	eqPtr(t, "caller.CPUCoresCount", caller.CPUCoresCount, 8)
	eqPtr(t, "caller.CPUProcessorSpeed", caller.CPUProcessorSpeed, 2346)
	eq(t, "callee.Name", callee.Name, "machineName_2")
	eq(t, "callee.CPUName", callee.CPUName, "Intel(R) Xeon(R) Platinum 8272CL CPU @ 2.60GHz")
	eqPtr(t, "callee.CPUCoresCount", callee.CPUCoresCount, 2)
	if calleeSpeed {
		eqPtr(t, "callee.CPUProcessorSpeed", callee.CPUProcessorSpeed, 2594)
	} else {
		isNil(t, "callee.CPUProcessorSpeed", callee.CPUProcessorSpeed)
	}
	eq(t, "caller.Text", caller.Text(), "Abbie Wilkins")
}

// checkTokens checks the open feedbackTokenSet of the examples.
func checkTokens(t *testing.T, f *UserFeedback) {
	t.Helper()
	if f == nil {
		t.Fatal("feedback missing")
	}
	eq(t, "rating", f.Rating, "poor")
	eq(t, "len(tokens)", len(f.Tokens), 8)
	for _, k := range []string{"NoSound", "OtherNoSound", "Echo", "LowVolume", "Stopped", "DistortedSound", "Interruptions"} {
		v, ok := f.Tokens[k]
		if !ok || v {
			t.Errorf("token %s = %v (present %v), want false", k, v, ok)
		}
	}
	eq(t, "token Noisy", f.Tokens["Noisy"], true)
}

// checkFullMedia checks the fullest media example; withFreeze says whether
// rmsFreezeDuration, averageFreezeDuration and FEC flags were sent.
func checkFullMedia(t *testing.T, media []Media, withFreeze bool) {
	t.Helper()
	if len(media) != 1 {
		t.Fatalf("len(media) = %d, want 1", len(media))
	}
	m := media[0]
	eq(t, "label", m.Label, "main-audio")

	cn := m.CallerNetwork
	eq(t, "callerNetwork.IPAddress", cn.IPAddress, "10.150.0.2")
	eqPtr(t, "callerNetwork.LinkSpeed", cn.LinkSpeed, 54000000)
	eq(t, "callerNetwork.ConnectionType", cn.ConnectionType, "wifi")
	eqPtr(t, "callerNetwork.Port", cn.Port, 27288)
	eqPtr(t, "callerNetwork.RelayPort", cn.RelayPort, 53889)
	eq(t, "callerNetwork.ReflexiveIPAddress", cn.ReflexiveIPAddress, "127.0.0.2")
	eq(t, "callerNetwork.RelayIPAddress", cn.RelayIPAddress, "52.114.188.32")
	eq(t, "callerNetwork.MacAddress", cn.MacAddress, "00-00-00-00-00-00")
	eq(t, "callerNetwork.DNSSuffix (null)", cn.DNSSuffix, "")
	eqPtr(t, "callerNetwork.SentQualityEventRatio (0)", cn.SentQualityEventRatio, 0)
	eqPtr(t, "callerNetwork.ReceivedQualityEventRatio", cn.ReceivedQualityEventRatio, 0.27)
	eqPtr(t, "callerNetwork.DelayEventRatio", cn.DelayEventRatio, 0)
	eqPtr(t, "callerNetwork.BandwidthLowEventRatio", cn.BandwidthLowEventRatio, 0)
	eq(t, "callerNetwork.TraceRouteHops", len(cn.TraceRouteHops), 0)

	ce := m.CalleeNetwork
	eqPtr(t, "calleeNetwork.LinkSpeed (past int32)", ce.LinkSpeed, int64(4294967295))
	eq(t, "calleeNetwork.ConnectionType", ce.ConnectionType, "wired")
	eq(t, "calleeNetwork.MacAddress", ce.MacAddress, "00-00-00-00-00-00-00-00")
	eqPtr(t, "calleeNetwork.SentQualityEventRatio", ce.SentQualityEventRatio, 0.31)

	cd := m.CallerDevice
	eq(t, "callerDevice.CaptureDeviceName", cd.CaptureDeviceName, "Default input device")
	eqPtr(t, "callerDevice.ReceivedSignalLevel", cd.ReceivedSignalLevel, -10)
	eqPtr(t, "callerDevice.ReceivedNoiseLevel", cd.ReceivedNoiseLevel, -68)
	eqPtr(t, "callerDevice.InitialSignalLevelRootMeanSquare", cd.InitialSignalLevelRootMeanSquare, 60.25816)
	eqPtr(t, "callerDevice.RenderZeroVolumeEventRatio (integer 1)", cd.RenderZeroVolumeEventRatio, 1)
	eqPtr(t, "callerDevice.RenderMuteEventRatio (integer 1)", cd.RenderMuteEventRatio, 1)
	eqPtr(t, "callerDevice.MicGlitchRate (integer 23)", cd.MicGlitchRate, 23)
	eqPtr(t, "callerDevice.SpeakerGlitchRate (integer 3830)", cd.SpeakerGlitchRate, 3830)
	isNil(t, "callerDevice.CPUInsufficentEventRatio (not sent)", cd.CPUInsufficentEventRatio)
	isNil(t, "callerDevice.HowlingEventCount (not sent)", cd.HowlingEventCount)

	dd := m.CalleeDevice
	eq(t, "calleeDevice.CaptureDeviceDriver", dd.CaptureDeviceDriver, "Microsoft: 5.0.8638.1100")
	eq(t, "calleeDevice.RenderDeviceName", dd.RenderDeviceName, "Speakers (Microsoft Virtual Audio Device (Simple) (WDM))")
	eqPtr(t, "calleeDevice.InitialSignalLevelRootMeanSquare", dd.InitialSignalLevelRootMeanSquare, 146.7885)
	eqPtr(t, "calleeDevice.MicGlitchRate", dd.MicGlitchRate, 143)
	eqPtr(t, "calleeDevice.ReceivedNoiseLevel", dd.ReceivedNoiseLevel, -86)

	if len(m.Streams) != 2 {
		t.Fatalf("len(streams) = %d, want 2", len(m.Streams))
	}
	ms := time.Millisecond
	s0, s1 := m.Streams[0], m.Streams[1]
	eq(t, "s0.StreamID", s0.StreamID, "1504545584")
	eq(t, "s0.StreamDirection", s0.StreamDirection, "callerToCallee")
	isNil(t, "s0.AverageAudioDegradation (null)", s0.AverageAudioDegradation)
	eqPtr(t, "s0.AverageJitter PT0.016S", s0.AverageJitter, Duration(16*ms))
	eqPtr(t, "s0.MaxJitter", s0.MaxJitter, Duration(21*ms))
	eqPtr(t, "s0.AverageRoundTripTime", s0.AverageRoundTripTime, Duration(61*ms))
	eqPtr(t, "s0.MaxRoundTripTime", s0.MaxRoundTripTime, Duration(79*ms))
	eqPtr(t, "s0.AverageAudioNetworkJitter", s0.AverageAudioNetworkJitter, Duration(43*ms))
	eqPtr(t, "s0.MaxAudioNetworkJitter", s0.MaxAudioNetworkJitter, Duration(46*ms))
	eqPtr(t, "s0.AveragePacketLossRate (0)", s0.AveragePacketLossRate, 0)
	eqPtr(t, "s0.MaxPacketLossRate (0)", s0.MaxPacketLossRate, 0)
	isNil(t, "s0.AverageRatioOfConcealedSamples (null)", s0.AverageRatioOfConcealedSamples)
	eqPtr(t, "s0.PacketUtilization", s0.PacketUtilization, 67)
	eqPtr(t, "s0.AverageBandwidthEstimate", s0.AverageBandwidthEstimate, 9965083)
	eqPtr(t, "s0.WasMediaBypassed", s0.WasMediaBypassed, false)
	eq(t, "s0.AverageJitter.Millis", s0.AverageJitter.Millis(), "16 ms")
	eq(t, "s0 StartDateTime (not sent)", s0.StartDateTime.IsZero(), true)
	isNil(t, "s0.RmsFreezeDuration (null or absent)", s0.RmsFreezeDuration)
	isNil(t, "s0.AverageFreezeDuration (null or absent)", s0.AverageFreezeDuration)

	eqPtr(t, "s1.AverageAudioDegradation", s1.AverageAudioDegradation, 1.160898)
	eqPtr(t, "s1.AverageJitter", s1.AverageJitter, Duration(7*ms))
	eqPtr(t, "s1.MaxRoundTripTime", s1.MaxRoundTripTime, Duration(106*ms))
	eqPtr(t, "s1.AveragePacketLossRate", s1.AveragePacketLossRate, 0.01381693)
	eqPtr(t, "s1.MaxPacketLossRate", s1.MaxPacketLossRate, 0.03738318)
	eqPtr(t, "s1.AverageRatioOfConcealedSamples", s1.AverageRatioOfConcealedSamples, 0.06233422)
	eqPtr(t, "s1.MaxRatioOfConcealedSamples", s1.MaxRatioOfConcealedSamples, 0.07192807)
	eqPtr(t, "s1.PacketUtilization", s1.PacketUtilization, 709)
	eqPtr(t, "s1.AverageBandwidthEstimate", s1.AverageBandwidthEstimate, 15644878)
	eqPtr(t, "s1.AverageAudioNetworkJitter", s1.AverageAudioNetworkJitter, Duration(266*ms))
	eqPtr(t, "s1.MaxAudioNetworkJitter", s1.MaxAudioNetworkJitter, Duration(474*ms))

	if withFreeze {
		eqPtr(t, "s0.IsAudioForwardErrorCorrectionUsed", s0.IsAudioForwardErrorCorrectionUsed, true)
		eqPtr(t, "s1.IsAudioForwardErrorCorrectionUsed", s1.IsAudioForwardErrorCorrectionUsed, false)
	} else {
		isNil(t, "s0.IsAudioForwardErrorCorrectionUsed", s0.IsAudioForwardErrorCorrectionUsed)
	}
}

// checkListCallRecords checks the two-record list, with its phone organizer.
func checkListCallRecords(t *testing.T, b []byte) {
	p := decodeAs[Page[CallRecord]](t, b)
	eq(t, "Context", p.Context, "https://graph.microsoft.com/v1.0/$metadata#communications/callRecords")
	eq(t, "NextLink", p.NextLink, "")
	isNil(t, "Count", p.Count)
	if len(p.Value) != 2 {
		t.Fatalf("len(Value) = %d, want 2", len(p.Value))
	}
	checkFirstListed(t, &p.Value[0])

	r := p.Value[1]
	eq(t, "ID", r.ID, "c3ad8c4b-4a87-4ab1-bef0-284d2f40ed9f")
	eq(t, "Version", r.Version, 2)
	eq(t, "Type", r.Type, CallTypeUnknown)
	eqTime(t, "LastModifiedDateTime", r.LastModifiedDateTime.Time, utc(2023, 9, 25, 14, 18, 13, 0))
	eqTime(t, "StartDateTime", r.StartDateTime.Time, utc(2023, 9, 25, 14, 3, 36, 0))
	eqTime(t, "EndDateTime", r.EndDateTime.Time, utc(2023, 9, 25, 14, 3, 40, 0))
	o := r.OrganizerV2
	if o == nil || o.Identity == nil {
		t.Fatal("organizer_v2 identity missing")
	}
	eq(t, "OrganizerV2.ID", o.ID, "+5564981205182")
	isNil(t, "identity.user (null)", o.Identity.User)
	isNil(t, "identity.acsUser (null)", o.Identity.AcsUser)
	isNil(t, "identity.spoolUser (null)", o.Identity.SpoolUser)
	eq(t, "len(identity.Extra)", len(o.Identity.Extra), 0)
	ph := o.Identity.Phone
	if ph == nil {
		t.Fatal("identity.phone missing")
	}
	eq(t, "phone.ID", ph.ID, "+5564981205182")
	eq(t, "phone.DisplayName (null)", ph.DisplayName, "")
	eq(t, "phone.TenantID (null)", ph.TenantID, "")
	txt, kind := o.Identity.DisplayText()
	eq(t, "identity.DisplayText", txt, "+5564981205182")
	eq(t, "identity.DisplayText kind", kind, KindPhone)
	eq(t, "OrganizerV2.DisplayText", o.DisplayText(), "+5564981205182")
	// organizer_v2 wins over the deprecated organizer (Abbie) on the same record.
	eq(t, "OrganizerText", r.OrganizerText(), "+5564981205182")
	eq(t, "deprecated organizer", r.Organizer.User.DisplayName, "Abbie Wilkins")
}

// checkListCallRecordsFiltered checks the filtered list (one record).
func checkListCallRecordsFiltered(t *testing.T, b []byte) {
	p := decodeAs[Page[CallRecord]](t, b)
	if len(p.Value) != 1 {
		t.Fatalf("len(Value) = %d, want 1", len(p.Value))
	}
	checkFirstListed(t, &p.Value[0])
}

// checkFirstListed checks record 3cf3bbc8, the first of both lists.
func checkFirstListed(t *testing.T, r *CallRecord) {
	t.Helper()
	eq(t, "ID", r.ID, "3cf3bbc8-b21d-4f2e-bfd0-b13603ae6c65")
	eq(t, "Version", r.Version, 2)
	eq(t, "Type", r.Type, "unknown")
	eqStrings(t, "Modalities", r.Modalities, []string{"audio"})
	eqTime(t, "LastModifiedDateTime", r.LastModifiedDateTime.Time, utc(2023, 9, 25, 10, 36, 40, 0))
	eqTime(t, "StartDateTime", r.StartDateTime.Time, utc(2023, 9, 25, 9, 28, 38, 0))
	eqTime(t, "EndDateTime", r.EndDateTime.Time, utc(2023, 9, 25, 9, 28, 41, 0))
	eq(t, "Organizer user", r.Organizer.User.ID, fxAbbieID)
	eq(t, "OrganizerV2.ID", r.OrganizerV2.ID, fxAbbieID)
	eq(t, "OrganizerText", r.OrganizerText(), "Abbie Wilkins")
}

// checkError decodes an error body and checks code and message.
func checkError(t *testing.T, b []byte, code, msg string) *graphError {
	t.Helper()
	e := decodeAs[graphError](t, b)
	eq(t, "code", e.Error.Code, code)
	eq(t, "message", e.Error.Message, msg)
	if e.Error.InnerError == nil {
		t.Fatal("innerError missing")
	}
	return e
}

// checkInnerDate checks that innerError.date, which has no zone, reads as UTC.
func checkInnerDate(t *testing.T, e *graphError, want time.Time) {
	t.Helper()
	got, err := ParseTime(e.Error.InnerError.Date)
	if err != nil {
		t.Fatalf("ParseTime(innerError.date): %v", err)
	}
	eqTime(t, "innerError.date", got, want)
	var mt Time
	if err := json.Unmarshal([]byte(`"`+e.Error.InnerError.Date+`"`), &mt); err != nil {
		t.Fatalf("Time.UnmarshalJSON(innerError.date): %v", err)
	}
	eqTime(t, "innerError.date as model.Time", mt.Time, want)
}
