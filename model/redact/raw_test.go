package redact

import (
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/callscope/callscope/model"
)

// TestRawCallRecordMasksPeopleAndKeepsEveryOtherByte masks a record as
// Graph sent it, with nulls, an empty string, an empty array, an unknown
// property, a service endpoint and a bot: only the personal strings change.
func TestRawCallRecordMasksPeopleAndKeepsEveryOtherByte(t *testing.T) {
	in := `{"id":"55555555-5555-5555-5555-555555555555","joinWebUrl":null,"type":"","modalities":[],"futureProperty":{"displayName":"Not A Person"},` +
		`"organizer_v2":{"id":"+4520123456","identity":{"phone":{"id":"+4520123456","displayName":null,"tenantId":null},"user":null,` +
		`"futureUser":{"id":"extra.user@contoso.com","nested":{"phoneNumber":"+4570707070"},"count":3}}},` +
		`"participants_v2":[{"id":"11111111-1111-1111-1111-111111111111","identity":{"USER":{"id":"11111111-1111-1111-1111-111111111111","displayName":"Anette Thomsen","userPrincipalName":"anette.thomsen@contoso.com"},` +
		`"applicationInstance":{"id":"44444444-4444-4444-4444-444444444444","displayName":"Main Auto Attendant"},"endpointType":"default"}}],` +
		"\n  \"sessions\": [ {\"id\":\"s1\",\"caller\":{\"@odata.type\":\"#microsoft.graph.callRecords.participantEndpoint\",\"name\":\"Anette's iPhone\"," +
		`"associatedIdentity":{"id":"11111111-1111-1111-1111-111111111111","displayName":"Anette Thomsen"}},` +
		`"callee":{"@odata.type":"#microsoft.graph.callRecords.serviceEndpoint","name":"Media Relay"},` +
		`"segments":[{"id":"g1","caller":{"name":"Guest \u00c6 Person","identity":{"guest":{"email":"guest.person@fabrikam.com"}}},"callee":null}]} ]}`
	want := `{"id":"55555555-5555-5555-5555-555555555555","joinWebUrl":null,"type":"","modalities":[],"futureProperty":{"displayName":"Not A Person"},` +
		`"organizer_v2":{"id":"+4520******","identity":{"phone":{"id":"+4520******","displayName":null,"tenantId":null},"user":null,` +
		`"futureUser":{"id":"e*********@contoso.com","nested":{"phoneNumber":"+4570******"},"count":3}}},` +
		`"participants_v2":[{"id":"11111111-1111-1111-1111-111111111111","identity":{"USER":{"id":"11111111-1111-1111-1111-111111111111","displayName":"A***** T******","userPrincipalName":"a*************@contoso.com"},` +
		`"applicationInstance":{"id":"44444444-4444-4444-4444-444444444444","displayName":"Main Auto Attendant"},"endpointType":"default"}}],` +
		"\n  \"sessions\": [ {\"id\":\"s1\",\"caller\":{\"@odata.type\":\"#microsoft.graph.callRecords.participantEndpoint\",\"name\":\"A*****'s i*****\"," +
		`"associatedIdentity":{"id":"11111111-1111-1111-1111-111111111111","displayName":"A***** T******"}},` +
		`"callee":{"@odata.type":"#microsoft.graph.callRecords.serviceEndpoint","name":"Media Relay"},` +
		`"segments":[{"id":"g1","caller":{"name":"G**** Æ P*****","identity":{"guest":{"email":"g***********@fabrikam.com"}}},"callee":null}]} ]}`
	got, err := RawCallRecord(json.RawMessage(in))
	if err != nil {
		t.Fatal(err)
	}
	if string(got) != want {
		t.Errorf("masked record\n got %s\nwant %s", got, want)
	}
	again, err := RawCallRecord(got)
	if err != nil || string(again) != string(got) {
		t.Errorf("a second pass changed the record (err %v):\n%s", err, again)
	}
}

func TestRawLogRowsMaskUserAndNumbers(t *testing.T) {
	in := `{"id":"dr1","userId":"11111111-1111-1111-1111-111111111111","userPrincipalName":"anette.thomsen@contoso.com",` +
		`"userDisplayName":"Anette Thomsen","callerNumber":"+4520123456","calleeNumber":"Anonymous","correlationId":null,"futureField":""}`
	want := `{"id":"dr1","userId":"11111111-1111-1111-1111-111111111111","userPrincipalName":"a*************@contoso.com",` +
		`"userDisplayName":"A***** T******","callerNumber":"+4520******","calleeNumber":"A********","correlationId":null,"futureField":""}`
	for name, f := range map[string]func(json.RawMessage) (json.RawMessage, error){"direct": RawDirectRoutingRow, "pstn": RawPstnRow} {
		got, err := f(json.RawMessage(in))
		if err != nil || string(got) != want {
			t.Errorf("%s row (err %v)\n got %s\nwant %s", name, err, got, want)
		}
	}
}

func TestRawWalkersRefuseInvalidJSON(t *testing.T) {
	for _, in := range []string{``, `{"userDisplayName":"Anette Thomsen"`, `{"a":1}{"b":2}`} {
		if got, err := RawCallRecord(json.RawMessage(in)); err == nil {
			t.Errorf("RawCallRecord(%q) = %s, want an error", in, got)
		}
		if got, err := RawDirectRoutingRow(json.RawMessage(in)); err == nil {
			t.Errorf("RawDirectRoutingRow(%q) = %s, want an error", in, got)
		}
	}
}

// TestRawWalkersAgreeWithStructWalkers masks the documented payloads and
// fullRecord both ways: the raw JSON masked, then decoded, must be the
// decoded record masked. A place the struct walker masks and the raw one
// does not (or the other way) fails here.
func TestRawWalkersAgreeWithStructWalkers(t *testing.T) {
	full, err := json.Marshal(fullRecord())
	if err != nil {
		t.Fatal(err)
	}
	records := []json.RawMessage{full}
	for _, name := range []string{"get-callrecord-basic.json", "get-callrecord-expanded-participants.json",
		"get-callrecord-expanded-sessions-segments-current.json", "get-callrecord-expanded-sessions-segments.json"} {
		records = append(records, readGraphFixture(t, name))
	}
	for _, name := range []string{"list-callrecords.json", "list-callrecords-filtered.json"} {
		records = append(records, fixtureValues(t, name)...)
	}
	for i, raw := range records {
		agree(t, "record", i, raw, RawCallRecord, CallRecord)
	}
	for i, raw := range fixtureValues(t, "direct-routing.json") {
		agree(t, "direct routing row", i, raw, RawDirectRoutingRow, DirectRoutingRow)
	}
	for i, raw := range fixtureValues(t, "pstn-calls.json") {
		agree(t, "pstn row", i, raw, RawPstnRow, PstnRow)
	}
}

// agree checks one value both ways (see TestRawWalkersAgreeWithStructWalkers).
func agree[T any](t *testing.T, what string, i int, raw json.RawMessage, maskRaw func(json.RawMessage) (json.RawMessage, error), mask func(*T)) {
	t.Helper()
	var viaStruct, viaRaw T
	if err := json.Unmarshal(raw, &viaStruct); err != nil {
		t.Fatalf("%s %d: %v", what, i, err)
	}
	mask(&viaStruct)
	masked, err := maskRaw(raw)
	if err != nil {
		t.Fatalf("%s %d: %v", what, i, err)
	}
	if err := json.Unmarshal(masked, &viaRaw); err != nil {
		t.Fatalf("%s %d masked: %v\n%s", what, i, err, masked)
	}
	if a, b := canonical(t, viaStruct), canonical(t, viaRaw); !reflect.DeepEqual(a, b) {
		ja, _ := json.Marshal(a)
		jb, _ := json.Marshal(b)
		t.Errorf("%s %d masked differently\nstruct %s\n   raw %s", what, i, ja, jb)
	}
}

// canonical is v encoded and decoded again, so that the unknown members
// kept as JSON text compare by value, not by key order.
func canonical(t *testing.T, v any) any {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	var out any
	if err := json.Unmarshal(b, &out); err != nil {
		t.Fatal(err)
	}
	return out
}

// readGraphFixture reads a documented payload from the repository's
// testdata; missing data fails the test.
func readGraphFixture(t *testing.T, name string) json.RawMessage {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "..", "testdata", "graph", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// fixtureValues is the value array of a documented collection payload.
func fixtureValues(t *testing.T, name string) []json.RawMessage {
	t.Helper()
	var page struct {
		Value []json.RawMessage `json:"value"`
	}
	if err := json.Unmarshal(readGraphFixture(t, name), &page); err != nil {
		t.Fatal(err)
	}
	if len(page.Value) == 0 {
		t.Fatalf("%s has no rows", name)
	}
	return page.Value
}

// TestRawCallRecordLeavesNoPersonOfFullRecord is TestCallRecordMasksEveryPerson
// for the raw walker.
func TestRawCallRecordLeavesNoPersonOfFullRecord(t *testing.T) {
	full, err := json.Marshal(fullRecord())
	if err != nil {
		t.Fatal(err)
	}
	got, err := RawCallRecord(full)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range pii {
		if strings.Contains(string(got), p) {
			t.Errorf("masked record still holds %q:\n%s", p, got)
		}
	}
	var rec model.CallRecord
	if err := json.Unmarshal(got, &rec); err != nil || rec.ParticipantsV2[3].Identity.ApplicationInstance.DisplayName != "Main Auto Attendant" {
		t.Errorf("the bot's name was masked or the record does not decode (err %v):\n%s", err, got)
	}
}
