package redact

import (
	"encoding/json"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/callscope/callscope/model"
)

func TestMasksKeepShape(t *testing.T) {
	cases := []struct {
		f        func(string) string
		in, want string
	}{
		{Name, "Anette Thomsen", "A***** T******"},
		{Name, "Jean-Luc O'Neil", "J***-L** O'N***"},
		{Name, "Síle Ó Briain", "S*** Ó B*****"},
		{Name, "", ""},
		{Name, "alice@contoso.com", "a****@contoso.com"}, // a UPN shown as the name
		{Name, "+14255550123", "+1425*******"},           // a number shown as the name
		{UPN, "alice@contoso.com", "a****@contoso.com"},
		{UPN, "bob.smith@fabrikam.onmicrosoft.com", "b********@fabrikam.onmicrosoft.com"},
		{UPN, "Émile@contoso.com", "É****@contoso.com"},
		{UPN, "", ""},
		{Phone, "+14255550123", "+1425*******"},
		{Phone, "+1425555****", "+1425*******"}, // Graph's own masking
		{Phone, "+44 20 7946 0958", "+44 20 **** ****"},
		{Phone, "tel:+14255550123", "tel:+1425*******"},
		{Phone, "sip:+14255550123@sbc1.contoso.com;user=phone", "sip:+1425*******@sbc1.contoso.com;user=phone"},
		{Phone, "1234", "12**"},
		{Phone, "", ""},
		{ID, "821809f5-0000-0000-0000-3b5136c0e777", "821809f5-0000-0000-0000-3b5136c0e777"},
		{ID, "00000000-0000-4000-8000-000000000001", "00000000-0000-4000-8000-000000000001"},
		{ID, "+14255550123", "+1425*******"},
		{ID, "guest@fabrikam.com", "g****@fabrikam.com"},
	}
	for _, c := range cases {
		if got := c.f(c.in); got != c.want {
			t.Errorf("mask(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestSecretsStripsCredentialParameters(t *testing.T) {
	cases := map[string]string{
		"/v1.0/x?access_token=abc&$top=5":           "/v1.0/x?access_token=REDACTED&$top=5",
		"/cb?code=0.AAA&state=s":                    "/cb?code=REDACTED&state=s",
		"/x?a=1&CLIENT_SECRET=s3cr3t":               "/x?a=1&CLIENT_SECRET=REDACTED",
		"/blob?sv=2020&sig=AbC%2Bd&se=2026":         "/blob?sv=2020&sig=REDACTED&se=REDACTED",
		"/x?token=t1;y=2":                           "/x?token=REDACTED;y=2",
		`Get "https://h/v1.0/x?token=zz": dial tcp`: `Get "https://h/v1.0/x?token=REDACTED": dial tcp`,
		// Graph's paging token and look-alike names are not credentials.
		"/v1.0/communications/callRecords?$skiptoken=abc": "/v1.0/communications/callRecords?$skiptoken=abc",
		"/x?mytoken=1&codec=opus":                         "/x?mytoken=1&codec=opus",
		"/plain/path":                                     "/plain/path",
	}
	for in, want := range cases {
		if got := Secrets(in); got != want {
			t.Errorf("Secrets(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestTextMasksPeopleInRequestPaths(t *testing.T) {
	in := "/v1.0/users/alice@contoso.com?$filter=startswith(displayName,'Anette Th') " +
		"participants_v2/any(p:p/id eq '+14255550123') from 2026-11-20T14:00:00Z"
	got := Text(in)
	for _, secret := range []string{"alice@", "Anette", "5550123"} {
		if strings.Contains(got, secret) {
			t.Errorf("Text kept %q: %s", secret, got)
		}
	}
	for _, kept := range []string{"@contoso.com", "startswith(displayName,'A***** T*')", "+1425*******", "2026-11-20T14:00:00Z"} {
		if !strings.Contains(got, kept) {
			t.Errorf("Text lost %q: %s", kept, got)
		}
	}
}

// pii is every personal value fullRecord holds.
var pii = []string{"Anette Thomsen", "Anette", "Thomsen", "anette.thomsen", "Bo Jensen", "bo.jensen",
	"+4520123456", "20123456", "guest.person", "Gæst Person", "Anette's iPhone", "Legacy Organizer",
	"legacy.org", "Caller Name", "extra.user", "Extra Name", "+4570707070", "70707070"}

// clone copies an identity, so masking one place does not mask another.
func clone(i *model.Identity) *model.Identity { c := *i; return &c }

// fullRecord fills every place a call record names a person.
func fullRecord() model.CallRecord {
	anette := &model.Identity{ID: "11111111-1111-1111-1111-111111111111", DisplayName: "Anette Thomsen",
		UserPrincipalName: "anette.thomsen@contoso.com"}
	bo := model.Participant{ID: "22222222-2222-2222-2222-222222222222", Identity: &model.IdentitySet{
		User: &model.Identity{ID: "22222222-2222-2222-2222-222222222222", DisplayName: "Bo Jensen", UserPrincipalName: "bo.jensen@contoso.com"}}}
	phone := model.Participant{ID: "+4520123456", Identity: &model.IdentitySet{
		Phone: &model.Identity{ID: "+4520123456", DisplayName: "+4520123456"}}}
	guest := model.Participant{ID: "33333333-3333-3333-3333-333333333333", Identity: &model.IdentitySet{
		Guest: &model.Identity{ID: "33333333-3333-3333-3333-333333333333", DisplayName: "Gæst Person", Email: "guest.person@fabrikam.com"}}}
	bot := model.Participant{ID: "44444444-4444-4444-4444-444444444444", Identity: &model.IdentitySet{
		ApplicationInstance: &model.Identity{ID: "44444444-4444-4444-4444-444444444444", DisplayName: "Main Auto Attendant"}}}
	extra := &model.IdentitySet{Extra: map[string]json.RawMessage{
		"futureUser": json.RawMessage(`{"id":"extra.user@contoso.com","displayName":"Extra Name","nested":{"phoneNumber":"+4570707070"}}`)}}
	ep := func() *model.Endpoint {
		return &model.Endpoint{ODataType: model.ParticipantEndpointType, AssociatedIdentity: clone(anette),
			Name: "Anette's iPhone", Identity: &model.IdentitySet{User: &model.Identity{DisplayName: "Caller Name"}}}
	}
	return model.CallRecord{
		ID:             "55555555-5555-5555-5555-555555555555",
		Organizer:      &model.IdentitySet{User: &model.Identity{DisplayName: "Legacy Organizer", UserPrincipalName: "legacy.org@contoso.com"}},
		Participants:   []model.IdentitySet{*extra},
		OrganizerV2:    &model.Participant{ID: anette.ID, Identity: &model.IdentitySet{User: clone(anette)}},
		ParticipantsV2: []model.Participant{bo, phone, guest, bot},
		Sessions: []model.Session{{ID: "s1", Caller: ep(), Callee: &model.Endpoint{ODataType: model.ServiceEndpointType, Name: "Media Relay"},
			Segments: []model.Segment{{ID: "g1", Caller: ep(), Callee: ep()}}}},
	}
}

func TestCallRecordMasksEveryPerson(t *testing.T) {
	r := fullRecord()
	CallRecord(&r)
	b, err := json.Marshal(r)
	if err != nil {
		t.Fatal(err)
	}
	out := string(b)
	for _, p := range pii {
		if strings.Contains(out, p) {
			t.Errorf("masked record still holds %q:\n%s", p, out)
		}
	}
	for _, kept := range []string{"11111111-1111-1111-1111-111111111111", "@contoso.com", "Main Auto Attendant",
		"Media Relay", "A***** T******", "+4520******"} {
		if !strings.Contains(out, kept) {
			t.Errorf("masked record lost %q:\n%s", kept, out)
		}
	}
	// Masking again changes nothing.
	again := r
	CallRecord(&again)
	if b2, _ := json.Marshal(again); string(b2) != out {
		t.Errorf("a second pass changed the record:\n%s\n%s", out, b2)
	}
}

func TestLogRowsMaskUserAndNumbers(t *testing.T) {
	dr := model.DirectRoutingRow{ID: "dr1", UserID: "11111111-1111-1111-1111-111111111111", UserDisplayName: "Anette Thomsen",
		UserPrincipalName: "anette.thomsen@contoso.com", CallerNumber: "+4520123456", CalleeNumber: "Anonymous",
		TrunkFullyQualifiedDomainName: "sbc1.contoso.com"}
	DirectRoutingRow(&dr)
	want := model.DirectRoutingRow{ID: "dr1", UserID: "11111111-1111-1111-1111-111111111111", UserDisplayName: "A***** T******",
		UserPrincipalName: "a*************@contoso.com", CallerNumber: "+4520******", CalleeNumber: "A********",
		TrunkFullyQualifiedDomainName: "sbc1.contoso.com"}
	if dr != want {
		t.Errorf("direct routing row\n got %+v\nwant %+v", dr, want)
	}
	ps := model.PstnRow{ID: "p1", UserDisplayName: "Bo Jensen", UserPrincipalName: "bo@contoso.com",
		CallerNumber: "+4570707070", CalleeNumber: "+1425555****", DestinationName: "Denmark"}
	PstnRow(&ps)
	if ps.UserDisplayName != "B* J*****" || ps.UserPrincipalName != "b*@contoso.com" ||
		ps.CallerNumber != "+4570******" || ps.CalleeNumber != "+1425*******" || ps.DestinationName != "Denmark" {
		t.Errorf("pstn row %+v", ps)
	}
	DirectRoutingRow(nil)
	PstnRow(nil)
	CallRecord(nil)
}

func FuzzMasksAreIdempotentAndKeepLength(f *testing.F) {
	for _, s := range []string{"Anette Thomsen", "alice@contoso.com", "+14255550123", "1ab 2cd", "sip:+1@x", "", "***"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) {
			return
		}
		for name, m := range map[string]func(string) string{"Name": Name, "UPN": UPN, "Phone": Phone, "ID": ID, "Text": Text, "Secrets": Secrets} {
			once := m(s)
			if twice := m(once); twice != once {
				t.Fatalf("%s not idempotent: %q → %q → %q", name, s, once, twice)
			}
			if name != "Text" && name != "Secrets" && utf8.RuneCountInString(once) != utf8.RuneCountInString(s) {
				t.Fatalf("%s changed the length: %q → %q", name, s, once)
			}
		}
	})
}

// A guest's UPN carries #EXT#, and UPNs may hold $ ! ^ ~: the whole local
// part is masked, never only the tail after such a character.
func TestTextMasksUnusualUPNs(t *testing.T) {
	for _, upn := range []string{"jordan.guest_fabrikam.com#EXT#@contoso.onmicrosoft.com",
		"$servicedesk@contoso.com", "o'brien@contoso.com", "jordan.guest_fabrikam.com%23EXT%23@contoso.onmicrosoft.com"} {
		got := Text("/v1.0/users?$filter=userPrincipalName eq '" + upn + "'")
		for _, secret := range []string{"jordan", "fabrikam.com", "servicedesk", "brien"} {
			if strings.Contains(got, secret) {
				t.Errorf("Text(%q) kept %q: %s", upn, secret, got)
			}
		}
	}
}
