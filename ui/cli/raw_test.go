package cli

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/callscope/callscope/graphclient/fakegraph"
	"github.com/callscope/callscope/model"
)

// Scripted JSON writes each object as Graph sent it (issue 12, "Graph's own
// bytes"): the fake serves documents stored as JSON, and the output must
// hold them byte for byte, nulls, empty values and unknown properties
// included.

const rawRecordID = "7b2d0c00-0000-4000-8000-0000000000aa"

// stamp is t as Graph writes a time.
func stamp(t time.Time) string { return t.UTC().Format(time.RFC3339) }

// rawRecordHead is a record's own properties with an explicit null, an
// empty string, an empty array, a number written "1.50", a property no
// model type has, and a person: what the struct-based output lost.
func rawRecordHead(start time.Time) string {
	return `"version":1,"type":"","modalities":[],"lastModifiedDateTime":"` + stamp(start.Add(10*time.Minute)) + `",` +
		`"startDateTime":"` + stamp(start) + `","endDateTime":"` + stamp(start.Add(5*time.Minute)) + `",` +
		`"id":"` + rawRecordID + `","joinWebUrl":null,"futureProperty":{"list":[],"ratio":1.50},` +
		`"organizer_v2":{"id":"11111111-1111-1111-1111-111111111111","identity":{"user":{"id":"11111111-1111-1111-1111-111111111111",` +
		`"displayName":"Anette Thomsen","userPrincipalName":"anette.thomsen@contoso.com","tenantId":null},"acsUser":null}}`
}

// rawRecordSession is session i: nulls, an empty name, an unknown property
// and the caller's phone number.
func rawRecordSession(i int, start time.Time) string {
	return fmt.Sprintf(`{"id":"s%d","caller":{"@odata.type":"#microsoft.graph.callRecords.participantEndpoint","name":"",`+
		`"associatedIdentity":{"id":"+4520123456","displayName":"+4520123456"}},"callee":null,"failureInfo":null,`+
		`"modalities":[],"futureField":"x","startDateTime":"%s","endDateTime":null,"segments":[]}`, i, stamp(start))
}

// rawRecordDoc is the record as the fake's Get with
// sessions($expand=segments) writes it from root with n sessions, which is
// also what record --output json must print: the fake pages sessions past
// 60 through /sessions, and the client merges them back.
func rawRecordDoc(root string, n int, start time.Time) string {
	var s []string
	for i := range n {
		s = append(s, rawRecordSession(i, start))
	}
	return `{"@odata.context":"` + root + `/$metadata#communications/callRecords(sessions(segments()))/$entity",` +
		rawRecordHead(start) + `,"sessions@odata.context":"` + root + `/$metadata#communications/callRecords('` + rawRecordID +
		`')/sessions(segments())","sessions":[` + strings.Join(s, ",") + `]}`
}

// rawDirectRows are a failed and an answered Direct Routing row with
// nulls, an empty string, an unknown property and a person.
func rawDirectRows(start time.Time) []string {
	row := func(id string, ok bool, code int) string {
		return fmt.Sprintf(`{"id":"%s","correlationId":null,"userId":"11111111-1111-1111-1111-111111111111",`+
			`"userPrincipalName":"anette.thomsen@contoso.com","userDisplayName":"Anette Thomsen","startDateTime":"%s",`+
			`"inviteDateTime":"%s","failureDateTime":"0001-01-01T00:00:00Z","endDateTime":null,"duration":null,"callType":"",`+
			`"successfulCall":%t,"callerNumber":"+4520123456","calleeNumber":"+4570707070","mediaPathLocation":null,`+
			`"finalSipCode":%d,"callEndSubReason":null,"finalSipCodePhrase":"","trunkFullyQualifiedDomainName":"sbc1.contoso.com",`+
			`"mediaBypassEnabled":false,"futureColumn":[]}`, id, stamp(start), stamp(start), ok, code)
	}
	return []string{row("dr-raw-1", false, 503), row("dr-raw-2", true, 200)}
}

// rawPstnRow is a PSTN row with nulls, an empty string, an unknown
// property and a person.
func rawPstnRow(start time.Time) string {
	return `{"id":"pstn-raw-1","callId":"","userId":null,"userPrincipalName":"bo.jensen@contoso.com","userDisplayName":"Bo Jensen",` +
		`"startDateTime":"` + stamp(start) + `","endDateTime":null,"duration":null,"charge":null,"callType":"user_out",` +
		`"currency":null,"calleeNumber":"+4520123456","callerNumber":"+4570707070","futureColumn":{"a":1.50}}`
}

// rawFake serves a tenant holding the raw record (with n sessions), the
// raw log rows and nothing else, and returns it with its documents.
func rawFake(t *testing.T, sessions int) (f *fake, record string, direct []string, pstn string) {
	t.Helper()
	start := time.Now().Add(-2 * time.Hour).Truncate(time.Second)
	tenant := fakegraph.NewTenant()
	f = startFake(t, tenant, fakegraph.Faults{}, nil)
	record, direct, pstn = rawRecordDoc(f.root, sessions, start), rawDirectRows(start), rawPstnRow(start)
	if err := tenant.AddRawRecord(json.RawMessage(record)); err != nil {
		t.Fatal(err)
	}
	for _, d := range direct {
		if err := tenant.AddRawDirectRoutingRows(json.RawMessage(d)); err != nil {
			t.Fatal(err)
		}
	}
	if err := tenant.AddRawPstnRows(json.RawMessage(pstn)); err != nil {
		t.Fatal(err)
	}
	return f, record, direct, pstn
}

func TestRecordJSONIsGraphsBytes(t *testing.T) {
	for _, n := range []int{1, 130} { // 130: 60 inline, the rest in pages of /sessions
		t.Run(fmt.Sprintf("%d sessions", n), func(t *testing.T) {
			f, doc, _, _ := rawFake(t, n)
			r := runCLI(t, "record", rawRecordID, "--output", "json", "--graph-url", f.root)
			if r.code != exitOK {
				t.Fatalf("exit %d, stderr %q", r.code, r.stderr)
			}
			if r.stdout != doc+"\n" {
				t.Errorf("record --output json\n got %s\nwant %s", r.stdout, doc)
			}
		})
	}
}

func TestRowJSONIsGraphsBytes(t *testing.T) {
	f, doc, direct, pstn := rawFake(t, 1)
	head := doc[:strings.Index(doc, `,"sessions@odata.context"`)]
	head = "{" + head[strings.Index(head, `"version"`):] + "}" // List: the record's own properties
	cases := []struct {
		args []string
		want string
	}{
		{[]string{"direct", "--output", "jsonl"}, direct[0] + "\n" + direct[1] + "\n"},
		{[]string{"direct", "--output", "json"}, "[\n" + direct[0] + ",\n" + direct[1] + "\n]\n"},
		{[]string{"direct", "--output", "jsonl", "--failed"}, direct[0] + "\n"}, // filtered on the decoded row
		{[]string{"pstn", "--output", "json"}, "[\n" + pstn + "\n]\n"},
		{[]string{"pstn", "--output", "jsonl"}, pstn + "\n"},
		{[]string{"calls", "--output", "jsonl"}, head + "\n"},
	}
	for _, c := range cases {
		r := runCLI(t, append(c.args, "--graph-url", f.root)...)
		if r.code != exitOK || r.stdout != c.want {
			t.Errorf("%v: exit %d, stderr %q\n got %s\nwant %s", c.args, r.code, r.stderr, r.stdout, c.want)
		}
	}
	// CSV stays the decoded columns.
	r := runCLI(t, "direct", "--output", "csv", "--graph-url", f.root)
	if rows := lines(r.stdout); r.code != exitOK || len(rows) != 3 || !strings.HasPrefix(rows[1], "dr-raw-1,,11111111-") ||
		strings.Contains(r.stdout, "futureColumn") {
		t.Errorf("direct --output csv: exit %d\n%s", r.code, r.stdout)
	}
}

func TestRedactMasksPeopleInGraphsBytes(t *testing.T) {
	f, _, _, _ := rawFake(t, 61)
	people := []string{"Anette", "Thomsen", "anette.thomsen", "Bo Jensen", "bo.jensen", "20123456", "70707070"}
	record := []string{`"joinWebUrl":null`, `"type":""`, `"modalities":[]`, `"futureProperty":{"list":[],"ratio":1.50}`,
		`"displayName":"A***** T******"`, `"userPrincipalName":"a*************@contoso.com"`, `"acsUser":null`}
	direct := []string{`"correlationId":null`, `"callType":""`, `"futureColumn":[]`, `"userDisplayName":"A***** T******"`,
		`"callerNumber":"+4520******"`, `"userId":"11111111-1111-1111-1111-111111111111"`}
	pstn := []string{`"callId":""`, `"charge":null`, `"futureColumn":{"a":1.50}`, `"userDisplayName":"B* J*****"`,
		`"calleeNumber":"+4520******"`, `"callerNumber":"+4570******"`}
	for _, c := range []struct {
		args []string
		kept []string // masked people, and everything Graph sent that names no one
	}{
		{[]string{"record", rawRecordID}, append(record, `"futureField":"x"`, `"id":"+4520******","displayName":"+4520******"`)},
		{[]string{"calls", "--output", "jsonl"}, record[:4]},
		{[]string{"direct", "--output", "jsonl"}, direct},
		{[]string{"direct", "--output", "json"}, direct},
		{[]string{"pstn", "--output", "json"}, pstn},
		{[]string{"pstn", "--output", "jsonl"}, pstn},
	} {
		r := runCLI(t, append(c.args, "--graph-url", f.root, "--redact")...)
		if r.code != exitOK {
			t.Errorf("%v: exit %d, stderr %q", c.args, r.code, r.stderr)
			continue
		}
		for _, p := range people {
			if strings.Contains(r.stdout, p) {
				t.Errorf("%v --redact still holds %q:\n%.1500s", c.args, p, r.stdout)
			}
		}
		for _, k := range c.kept {
			if !strings.Contains(r.stdout, k) {
				t.Errorf("%v --redact lacks %s:\n%.1500s", c.args, k, r.stdout)
			}
		}
	}
}

func TestGraphsBytesReachNoTerminalRaw(t *testing.T) {
	start := time.Now().Add(-2 * time.Hour).Truncate(time.Second)
	tenant := fakegraph.NewTenant()
	f := startFake(t, tenant, fakegraph.Faults{}, nil)
	// Graph may send C1 controls and bidi overrides raw (valid JSON) and
	// ESC as an escape; the fake passes them through as stored.
	evil := `h\u001b]0;pwned\u0007` + "\u009b31m\u202e\u2066" + hostileMark
	record := `{"id":"` + rawRecordID + `","startDateTime":"` + stamp(start) + `","endDateTime":"` + stamp(start.Add(time.Minute)) +
		`","joinWebUrl":"` + evil + `","futureProperty":"` + evil + `","sessions":[{"id":"s1","caller":{"name":"` + evil + `"}}]}`
	dr := `{"id":"dr-evil","startDateTime":"` + stamp(start) + `","userDisplayName":"` + evil + `","futureColumn":"` + evil + `"}`
	ps := `{"id":"pstn-evil","startDateTime":"` + stamp(start) + `","destinationName":"` + evil + `","futureColumn":"` + evil + `"}`
	if err := tenant.AddRawRecord(json.RawMessage(record)); err != nil {
		t.Fatal(err)
	}
	if err := tenant.AddRawDirectRoutingRows(json.RawMessage(dr)); err != nil {
		t.Fatal(err)
	}
	if err := tenant.AddRawPstnRows(json.RawMessage(ps)); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{
		{"record", rawRecordID}, {"record", rawRecordID, "--redact"}, {"calls", "--output", "json"},
		{"direct", "--output", "jsonl"}, {"direct", "--output", "json", "--redact"}, {"pstn", "--output", "jsonl"},
	} {
		r := runCLI(t, append(args, "--graph-url", f.root)...)
		if r.code != exitOK {
			t.Errorf("%v: exit %d, stderr %q", args, r.code, r.stderr)
			continue
		}
		// The same value, written so that a terminal prints it.
		checkOutput(t, strings.Join(args, " "), r.stdout, `\u001b]0;pwned\u0007\u009b31m\u202e\u2066`)
		if args[0] == "record" {
			var rec model.CallRecord
			if err := json.Unmarshal([]byte(r.stdout), &rec); err != nil || !strings.HasPrefix(rec.JoinWebURL, "h\x1b]0;pwned\a\u009b31m") {
				t.Errorf("%v: the value changed (err %v): %q", args, err, rec.JoinWebURL)
			}
		}
	}
}
