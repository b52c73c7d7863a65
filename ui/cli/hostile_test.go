package cli

import (
	"encoding/json"
	"fmt"
	"net/http"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/callscope/callscope/graphclient/fakegraph"
	"github.com/callscope/callscope/model"
)

// The scripted half of issue 10's property (ui/hostile_test.go has the
// explorer's): whatever Graph, the config file or the environment holds,
// nothing callscope prints drives the terminal.

// hostileText smuggles every kind of terminal control into one field: OSC
// 52 (clipboard), OSC 0 (title), leaving the alternate screen, an OSC 8
// link, an 8-bit CSI, DEL, BEL, bidi override and isolate, invalid UTF-8.
const hostileText = "h\x1b]52;c;ZXZpbA==\x07\x1b]0;pwned\x07\x1b[?1049l\x1b]8;;http://evil\x1b\\x\x1b]8;;\x1b\\" +
	"\u009b31m\x7f\x07\u202e\u2066\xff\xfe"

// hostileMark is the OSC 52 payload, which survives sanitising: output
// holding it shows a hostile field rather than nothing.
const hostileMark = "ZXZpbA=="

// fillHostile sets every exported string reachable from ptr to hostile
// text (the first and one in 397 to 100 KB of it), allocating pointers and
// giving slices and string-keyed maps two elements, by reflection: a field
// added to a model type later is covered without anyone adding it here.
func fillHostile(ptr any) {
	n := 0
	var fill func(v reflect.Value)
	text := func() string {
		if n++; n%397 == 1 {
			return strings.Repeat(hostileText, 100<<10/len(hostileText)+1)
		}
		return hostileText
	}
	fill = func(v reflect.Value) {
		switch v.Kind() {
		case reflect.String:
			v.SetString(text())
		case reflect.Pointer:
			if v.IsNil() {
				v.Set(reflect.New(v.Type().Elem()))
			}
			fill(v.Elem())
		case reflect.Struct:
			for i := range v.NumField() {
				if v.Type().Field(i).IsExported() {
					fill(v.Field(i))
				}
			}
		case reflect.Slice:
			if v.Type().Elem().Kind() == reflect.Uint8 {
				return
			}
			v.Set(reflect.MakeSlice(v.Type(), 2, 2))
			for i := range 2 {
				fill(v.Index(i))
			}
		case reflect.Map:
			if v.Type().Key().Kind() != reflect.String {
				return
			}
			m := reflect.MakeMap(v.Type())
			for i := range 2 {
				e := reflect.New(v.Type().Elem()).Elem()
				switch {
				case v.Type().Elem() == reflect.TypeFor[json.RawMessage]():
					e.SetBytes(hostileRawJSON(text()))
				case e.Kind() == reflect.Bool:
					e.SetBool(true)
				default:
					fill(e)
				}
				m.SetMapIndex(reflect.ValueOf(text()+fmt.Sprint(i)).Convert(v.Type().Key()), e)
			}
			v.Set(m)
		}
	}
	fill(reflect.ValueOf(ptr).Elem())
}

// hostileRawJSON is s as a JSON string that also holds raw bytes that are
// not UTF-8, which encoding/json accepts in a json.RawMessage and passes on.
func hostileRawJSON(s string) json.RawMessage {
	b, _ := json.Marshal(s)
	return append(b[:len(b)-1], "\xff\x9b31m\""...)
}

// hostileTenant holds records recID and failID, Direct Routing and PSTN
// rows, every string hostile but the ids and times the fake keys and
// filters on.
func hostileTenant(now time.Time, recID, failID string) *fakegraph.Tenant {
	t := fakegraph.NewTenant()
	for i, id := range []string{recID, failID} {
		var r model.CallRecord
		fillHostile(&r)
		start := now.Add(-time.Duration(i+1) * time.Hour).Truncate(time.Second)
		r.ID, r.SessionsNextLink, r.ParticipantsV2NextLink = id, "", ""
		r.StartDateTime, r.EndDateTime = model.NewTime(start), model.NewTime(start.Add(time.Minute))
		t.AddRecord(r)
	}
	for i := range 2 {
		start := now.Add(-time.Duration(i+1) * time.Hour).Truncate(time.Second)
		var dr model.DirectRoutingRow
		fillHostile(&dr)
		dr.ID += fmt.Sprint(i)
		dr.StartDateTime, dr.InviteDateTime = model.NewTime(start), model.NewTime(start)
		dr.FinalSIPCode, dr.CallEndSubReason = 487, 540487
		var ps model.PstnRow
		fillHostile(&ps)
		ps.ID += fmt.Sprint(i)
		ps.StartDateTime, ps.EndDateTime = model.NewTime(start), model.NewTime(start.Add(time.Minute))
		charge := 1.5
		ps.Charge = &charge
		t.AddDirectRoutingRows(dr)
		t.AddPstnRows(ps)
	}
	return t
}

// terminalHazard is model.FindTerminalHazard: the one definition of what
// must never reach a terminal.
var terminalHazard = model.FindTerminalHazard

// checkOutput fails if out holds a terminal hazard or lacks a want.
func checkOutput(t *testing.T, what, out string, want ...string) {
	t.Helper()
	if i, desc := terminalHazard(out); i >= 0 {
		t.Errorf("%s: %s at byte %d: %q", what, desc, i, out[max(i-40, 0):min(i+40, len(out))])
	}
	for _, w := range want {
		if !strings.Contains(out, w) {
			t.Errorf("%s lacks %q:\n%.2000s", what, w, out)
		}
	}
}

// hostileError answers record failID with a Graph error whose code and
// request-id are hostile and whose message is 10 KB of it.
func hostileError(failID string) func(http.Handler) http.Handler {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if !strings.HasSuffix(r.URL.Path, "/callRecords/"+failID) {
				next.ServeHTTP(w, r)
				return
			}
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(http.StatusForbidden)
			json.NewEncoder(w).Encode(map[string]any{"error": map[string]any{
				"code": hostileText, "message": strings.Repeat(hostileText, 10<<10/len(hostileText)+1),
				"innerError": map[string]string{"request-id": hostileText, "date": hostileText}}})
		})
	}
}

// foreignLink gives the first Direct Routing page a nextLink off the
// service root through a path with escapes in it, which the refusal must
// not quote raw.
func foreignLink(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !strings.Contains(r.URL.Path, "getDirectRoutingCalls(") || strings.Contains(r.URL.RawQuery, "skiptoken") {
			next.ServeHTTP(w, r)
			return
		}
		rec := &bufferedResponse{header: http.Header{}}
		next.ServeHTTP(rec, r)
		var page map[string]any
		if json.Unmarshal([]byte(rec.body.String()), &page) != nil {
			w.WriteHeader(rec.status)
			w.Write([]byte(rec.body.String()))
			return
		}
		page["@odata.nextLink"] = "http://" + r.Host + "/elsewhere%1B]0;pwned%07"
		w.Header().Set("Content-Type", "application/json")
		json.NewEncoder(w).Encode(page)
	})
}

// bufferedResponse keeps a handler's answer for rewriting.
type bufferedResponse struct {
	header http.Header
	status int
	body   strings.Builder
}

func (b *bufferedResponse) Header() http.Header         { return b.header }
func (b *bufferedResponse) WriteHeader(status int)      { b.status = status }
func (b *bufferedResponse) Write(p []byte) (int, error) { return b.body.Write(p) }

func TestScriptedOutputOfHostileGraphTextIsSafe(t *testing.T) {
	now := time.Now()
	recID, failID := recordID(1), recordID(2)
	tenant := hostileTenant(now, recID, failID)
	f := startFake(t, tenant, fakegraph.Faults{}, hostileError(failID))
	for _, args := range [][]string{
		{"calls", "--output", "csv"}, {"calls", "--output", "json"}, {"calls", "--output", "jsonl"},
		{"direct", "--output", "csv"}, {"direct", "--output", "json"}, {"direct", "--summary"},
		{"direct", "--summary", "--output", "json"},
		{"pstn", "--output", "csv"}, {"pstn", "--output", "json"}, {"pstn", "--output", "jsonl"},
		{"pstn", "--summary"}, {"pstn", "--summary", "--output", "json"},
	} {
		r := runCLI(t, append(args, "--graph-url", f.root)...)
		if r.code != exitOK {
			t.Errorf("%v: exit %d, stderr %q", args, r.code, r.stderr)
		}
		checkOutput(t, strings.Join(args, " "), r.stdout, hostileMark)
		checkOutput(t, strings.Join(args, " ")+" stderr", r.stderr)
	}

	// A link off the service root is refused, on stderr, after the rows.
	off := startFake(t, tenant, fakegraph.Faults{}, foreignLink)
	r := runCLI(t, "direct", "--output", "csv", "--graph-url", off.root)
	if r.code != exitFail {
		t.Errorf("foreign link: exit %d, want %d; stderr %q", r.code, exitFail, r.stderr)
	}
	checkOutput(t, "direct rows before a foreign link", r.stdout, hostileMark)
	checkOutput(t, "foreign link on stderr", r.stderr, "refused a nextLink")

	// record: JSON, where an escape Graph sent and the record keeps as sent
	// (IdentitySet.Extra) is written \u001b, never as the raw byte.
	r = runCLI(t, "record", recID, "--graph-url", f.root)
	var rec model.CallRecord
	if r.code != exitOK || json.Unmarshal([]byte(r.stdout), &rec) != nil {
		t.Fatalf("record: exit %d, stderr %q", r.code, r.stderr)
	}
	checkOutput(t, "record --output json", r.stdout, hostileMark, `\u001b]0;pwned`)
	if !strings.Contains(rec.OrganizerText(), hostileMark) {
		t.Errorf("record: organizer %q is not the hostile one", rec.OrganizerText())
	}

	// A Graph error: code, message and request-id safe, 10 KB cut down.
	r = runCLI(t, "record", failID, "--graph-url", f.root)
	if r.code != exitFail {
		t.Errorf("record %s: exit %d, want %d", failID, r.code, exitFail)
	}
	checkOutput(t, "Graph error on stderr", r.stderr, "Graph 403", "pwned")
	if len(r.stderr) > 1024 {
		t.Errorf("a 10 KB Graph message gave %d bytes on stderr:\n%s", len(r.stderr), r.stderr)
	}
}

// hostileConfig holds escapes YAML writes as "\e", "\x9b" and "\u202e", in
// a profile name, ids, a view, a colour and a key.
const hostileConfig = `default_profile: "evil\e]0;pwned\a"
profiles:
  "evil\e]0;pwned\a":
    tenant_id: "\e]52;c;ZXZpbA==\a"
    client_id: "client\x9b31m\u202e"
    certificate: "/tmp/cert\e[?1049l.pem"
defaults:
  range: -6h
`

func TestInfoEchoesConfigAndEnvironmentSafely(t *testing.T) {
	clearSignInEnv(t)
	writeConfig(t, hostileConfig)
	r := runCLI(t, "info")
	if r.code != exitOK {
		t.Fatalf("exit %d, stderr %q", r.code, r.stderr)
	}
	checkOutput(t, "info", r.stdout, "pwned", hostileMark, "client", "cert")

	// The environment and a flag never crossed a boundary on the way in.
	t.Setenv("AZURE_TENANT_ID", "tenant\x1b]0;env\x07")
	t.Setenv("AZURE_CLIENT_CERTIFICATE_PATH", "/tmp/\u009b31m.pem")
	t.Setenv("AZURE_CLIENT_ID", "client")
	r = runCLI(t, "info", "--no-config", "--graph-url", "https://graph.microsoft.com/v1.0/\u202eevil")
	checkOutput(t, "info --no-config", r.stdout+r.stderr, "tenant")

	// A setting that is not known is named back in the error.
	writeConfig(t, "keys:\n  \"quit\\e]0;pwned\\a\": [q]\n")
	r = runCLI(t, "info")
	if r.code != exitUsage {
		t.Errorf("unknown binding: exit %d, want %d", r.code, exitUsage)
	}
	checkOutput(t, "config error", r.stdout+r.stderr, "pwned", "unknown binding")
}
