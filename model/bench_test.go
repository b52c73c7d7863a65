package model

import (
	"encoding/json"
	"fmt"
	"testing"
	"time"
)

// directRoutingPage builds a 1000-row getDirectRoutingCalls page from the
// fixture's row, varying ids, numbers, timestamps (0 to 7 fractional digits)
// and outcomes so that every row decodes differently.
func directRoutingPage(tb testing.TB, rows int) []byte {
	tb.Helper()
	var fx struct {
		Context string           `json:"@odata.context"`
		Value   []map[string]any `json:"value"`
	}
	if err := json.Unmarshal(readFixture(tb, "direct-routing.json"), &fx); err != nil {
		tb.Fatal(err)
	}
	base := utc(2019, 11, 1, 0, 0, 0, 0)
	stamp := func(t time.Time, i int) string {
		// Cycle through Graph's precisions: whole seconds up to 7 digits.
		layouts := [...]string{
			"2006-01-02T15:04:05Z", "2006-01-02T15:04:05.000Z", "2006-01-02T15:04:05.0000000Z",
			"2006-01-02T15:04:05.00Z07:00", "2006-01-02T15:04:05.000000Z",
		}
		return t.UTC().Format(layouts[i%len(layouts)])
	}
	sips := [...]struct {
		code, sub int
		phrase    string
	}{{0, 540000, "BYE"}, {487, 540487, "Request Terminated"}, {404, 560404, "Not Found"}, {503, 560503, "Service Unavailable"}, {200, 540200, "OK"}}
	value := make([]map[string]any, rows)
	for i := range value {
		r := make(map[string]any, len(fx.Value[0]))
		for k, v := range fx.Value[0] {
			r[k] = v
		}
		invite := base.Add(time.Duration(i)*37*time.Second + time.Duration(i%1000)*time.Millisecond + time.Duration(i%7)*100*time.Nanosecond)
		start := invite.Add(time.Duration(i%9) * 789 * time.Millisecond)
		s := sips[i%len(sips)]
		ok := s.code == 0 || s.code == 200
		r["id"] = fmt.Sprintf("9e8bba57-dc14-533a-a7dd-%012x", i)
		r["correlationId"] = fmt.Sprintf("c98e1515-a937-4b81-b8a8-%012x", i*7919)
		r["userPrincipalName"] = fmt.Sprintf("user%04d@contoso.com", i%250)
		r["userDisplayName"] = fmt.Sprintf("User %d", i%250)
		r["inviteDateTime"] = stamp(invite, i)
		r["startDateTime"] = stamp(start, i+1)
		if ok {
			d := 5 + i%600
			r["duration"] = d
			r["endDateTime"] = stamp(start.Add(time.Duration(d)*time.Second), i+2)
			r["failureDateTime"] = "0001-01-01T00:00:00Z"
		} else {
			r["duration"] = 0
			r["endDateTime"] = nil
			r["failureDateTime"] = stamp(start, i+3)
		}
		r["successfulCall"] = ok
		r["finalSipCode"] = s.code
		r["callEndSubReason"] = s.sub
		r["finalSipCodePhrase"] = s.phrase
		r["callType"] = [...]string{"ByotIn", "ByotOut", "ByotInUcap", "ByotOutUcap"}[i%4]
		r["callerNumber"] = fmt.Sprintf("+1425555%04d", i)
		r["mediaBypassEnabled"] = i%3 == 0
		value[i] = r
	}
	b, err := json.Marshal(map[string]any{
		"@odata.context":  fx.Context,
		"@odata.count":    rows,
		"value":           value,
		"@odata.nextLink": "https://graph.microsoft.com/v1.0/communications/callRecords/getDirectRoutingCalls(fromDateTime=2019-11-01T00:00:00Z,toDateTime=2019-12-01T00:00:00Z)?$skip=1000",
	})
	if err != nil {
		tb.Fatal(err)
	}
	return b
}

// callRecordsPage builds a 60-record List callRecords page from the two
// records of list-callrecords.json (user and phone organizers), varying ids,
// versions and timestamps.
func callRecordsPage(tb testing.TB, records int) []byte {
	tb.Helper()
	var fx struct {
		Context string           `json:"@odata.context"`
		Value   []map[string]any `json:"value"`
	}
	if err := json.Unmarshal(readFixture(tb, "list-callrecords.json"), &fx); err != nil {
		tb.Fatal(err)
	}
	base := utc(2023, 9, 25, 0, 0, 0, 0)
	value := make([]map[string]any, records)
	for i := range value {
		src := fx.Value[i%len(fx.Value)]
		r := make(map[string]any, len(src))
		for k, v := range src {
			r[k] = v
		}
		start := base.Add(time.Duration(i)*13*time.Minute + time.Duration(i)*1234567*time.Nanosecond).Truncate(100 * time.Nanosecond)
		id := fmt.Sprintf("3cf3bbc8-b21d-4f2e-bfd0-%012x", i)
		r["id"] = id
		r["version"] = 1 + i%3
		r["startDateTime"] = start.Format("2006-01-02T15:04:05.9999999Z07:00")
		r["endDateTime"] = start.Add(time.Duration(3+i%3600) * time.Second).Format("2006-01-02T15:04:05.9999999Z07:00")
		r["lastModifiedDateTime"] = start.Add(time.Hour).Format(time.RFC3339)
		r["organizer_v2@odata.context"] = "https://graph.microsoft.com/v1.0/$metadata#communications/callRecords('" + id + "')/organizer_v2/$entity"
		if i%5 == 0 {
			r["modalities"] = []string{"audio", "video", "screenSharing"}
			r["type"] = "groupCall"
			r["joinWebUrl"] = "https://teams.microsoft.com/l/meetup-join/19%3ameeting_" + id
		}
		value[i] = r
	}
	b, err := json.Marshal(map[string]any{
		"@odata.context":  fx.Context,
		"value":           value,
		"@odata.nextLink": "https://graph.microsoft.com/v1.0/communications/callRecords?$skiptoken=abc",
	})
	if err != nil {
		tb.Fatal(err)
	}
	return b
}

// TestBenchmarkPagesDecode checks the synthetic pages are what the
// benchmarks claim, so a benchmark never times a failing decode.
func TestBenchmarkPagesDecode(t *testing.T) {
	var dr Page[DirectRoutingRow]
	if err := json.Unmarshal(directRoutingPage(t, 1000), &dr); err != nil {
		t.Fatal(err)
	}
	eq(t, "direct routing rows", len(dr.Value), 1000)
	eqPtr(t, "direct routing count", dr.Count, 1000)
	zeroFail, okCalls := 0, 0
	for _, r := range dr.Value {
		if r.FailureDateTime.IsZero() {
			zeroFail++
		}
		if r.SuccessfulCall {
			okCalls++
		}
		if r.InviteDateTime.IsZero() || r.StartDateTime.IsZero() {
			t.Fatalf("row %s lacks invite/start", r.ID)
		}
	}
	eq(t, "sentinel failure times", zeroFail, okCalls)

	var cr Page[CallRecord]
	if err := json.Unmarshal(callRecordsPage(t, 60), &cr); err != nil {
		t.Fatal(err)
	}
	eq(t, "call records", len(cr.Value), 60)
	eq(t, "record 1 organizer", cr.Value[1].OrganizerText(), "+5564981205182")
	eq(t, "record 2 organizer", cr.Value[2].OrganizerText(), "Abbie Wilkins")
}

// BenchmarkDecodeDirectRoutingPage decodes a full 1000-row direct routing page.
func BenchmarkDecodeDirectRoutingPage(b *testing.B) {
	data := directRoutingPage(b, 1000)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		var p Page[DirectRoutingRow]
		if err := json.Unmarshal(data, &p); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkDecodeCallRecordsPage decodes a 60-record List callRecords page.
func BenchmarkDecodeCallRecordsPage(b *testing.B) {
	data := callRecordsPage(b, 60)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		var p Page[CallRecord]
		if err := json.Unmarshal(data, &p); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkDecodeSessionsExpanded decodes the fullest sessions example.
func BenchmarkDecodeSessionsExpanded(b *testing.B) {
	data := readFixture(b, "list-sessions-expanded-segments.json")
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		var p Page[Session]
		if err := json.Unmarshal(data, &p); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkTimeUnmarshalJSON decodes one seven-digit Graph timestamp.
func BenchmarkTimeUnmarshalJSON(b *testing.B) {
	data := []byte(`"2020-02-25T18:52:21.2169889Z"`)
	b.ReportAllocs()
	for b.Loop() {
		var t Time
		if err := t.UnmarshalJSON(data); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkIdentitySetUnmarshal decodes list-participants' identity set with
// its eleven null siblings.
func BenchmarkIdentitySetUnmarshal(b *testing.B) {
	data := []byte(`{"acsUser":null,"spoolUser":null,"phone":null,"guest":null,"encrypted":null,"onPremises":null,"acsApplicationInstance":null,"spoolApplicationInstance":null,"applicationInstance":null,"application":null,"device":null,"user":{"@odata.type":"#microsoft.graph.userIdentity","id":"00005994-851d-4988-bbc3-413bbf089e13","displayName":"Anette Thomsen","tenantId":"dc368399-474c-4d40-900c-6265431fd81f","userPrincipalName":"anette.thomsen@contoso.com"}}`)
	b.ReportAllocs()
	for b.Loop() {
		var s IdentitySet
		if err := s.UnmarshalJSON(data); err != nil {
			b.Fatal(err)
		}
	}
}
