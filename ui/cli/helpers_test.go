package cli

import (
	"bytes"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/callscope/callscope/graphclient"
	"github.com/callscope/callscope/graphclient/fakegraph"
	"github.com/callscope/callscope/model"
	"github.com/callscope/callscope/ui"
	"github.com/charmbracelet/bubbles/key"
)

// testToken is what the test fakes require; CALLSCOPE_ACCESS_TOKEN carries it.
const testToken = "test-token-not-a-secret"

// apostropheParticipant is a participant id with a quote in it: OData
// doubles it inside the filter literal, and the fake must see it intact.
const apostropheParticipant = "8:orgid:o'hara-0001"

// recordID is the id of test record i.
func recordID(i int) string { return fmt.Sprintf("00000000-0000-4000-8000-%012d", i) }

// testRecord builds record i, starting i+1 minutes before now, with one
// session of two segments; record 7 also has apostropheParticipant.
func testRecord(i int, now time.Time) model.CallRecord {
	start := now.Add(-time.Duration(i+1) * time.Minute).Truncate(time.Second)
	end := start.Add(30 * time.Second)
	org := model.Participant{ID: "user-ada", Identity: &model.IdentitySet{
		User: &model.Identity{ID: "user-ada", DisplayName: "Ada Lovelace"}}}
	parts := []model.Participant{org, {ID: fmt.Sprintf("user-%d", i), Identity: &model.IdentitySet{
		User: &model.Identity{ID: fmt.Sprintf("user-%d", i), DisplayName: fmt.Sprintf("User %d", i)}}}}
	if i == 7 {
		parts = append(parts, model.Participant{ID: apostropheParticipant, Identity: &model.IdentitySet{
			User: &model.Identity{ID: apostropheParticipant, DisplayName: "Síle O'Hara"}}})
	}
	seg := func(n int) model.Segment {
		s := start.Add(time.Duration(n) * 10 * time.Second)
		return model.Segment{ID: fmt.Sprintf("seg-%d-%d", i, n), StartDateTime: model.NewTime(s),
			EndDateTime: model.NewTime(s.Add(10 * time.Second))}
	}
	return model.CallRecord{
		ID: recordID(i), Version: 1, Type: model.CallTypePeerToPeer, Modalities: []string{"audio"},
		StartDateTime: model.NewTime(start), EndDateTime: model.NewTime(end),
		LastModifiedDateTime: model.NewTime(end.Add(time.Minute)),
		OrganizerV2:          &org, ParticipantsV2: parts,
		Sessions: []model.Session{{ID: fmt.Sprintf("sess-%d", i), Modalities: []string{"audio"},
			StartDateTime: model.NewTime(start), EndDateTime: model.NewTime(end),
			Segments: []model.Segment{seg(0), seg(1)}}},
	}
}

// testTenant holds n records, direct-routing rows (every third failed, half
// of them in the last 24 h) and PSTN rows.
func testTenant(n, logRows int, now time.Time) *fakegraph.Tenant {
	t := fakegraph.NewTenant()
	for i := 0; i < n; i++ {
		t.AddRecord(testRecord(i, now))
	}
	var dr []model.DirectRoutingRow
	var ps []model.PstnRow
	for i := 0; i < logRows; i++ {
		age := time.Duration(i+1) * time.Minute
		if i%2 == 1 {
			age = 3*24*time.Hour + time.Duration(i)*time.Minute // outside the default window
		}
		start := now.Add(-age).Truncate(time.Second)
		r := model.DirectRoutingRow{ID: fmt.Sprintf("dr-%05d", i), CorrelationID: recordID(i),
			UserDisplayName: "=HYPERLINK(\"x\")", CallerNumber: "+1555000****", CalleeNumber: "+1555111****",
			StartDateTime: model.NewTime(start), InviteDateTime: model.NewTime(start), CallType: "ByotIn",
			TrunkFullyQualifiedDomainName: "sbc.contoso.com", SuccessfulCall: i%3 != 0}
		if r.SuccessfulCall {
			r.EndDateTime, r.Duration, r.FinalSIPCode, r.FinalSIPCodePhrase = model.NewTime(start.Add(time.Minute)), 60, 0, "BYE"
		} else {
			r.FailureDateTime, r.FinalSIPCode, r.CallEndSubReason, r.FinalSIPCodePhrase = model.NewTime(start.Add(time.Second)), 503, 560503, "Service Unavailable"
		}
		dr = append(dr, r)
		charge := 0.25
		ps = append(ps, model.PstnRow{ID: fmt.Sprintf("pstn-%05d", i), CallID: fmt.Sprintf("call-%d@10.0.0.1", i),
			StartDateTime: model.NewTime(start), EndDateTime: model.NewTime(start.Add(time.Minute)),
			Duration: 60, Charge: &charge, Currency: "USD", CallType: "user_out", CalleeNumber: "+4420000****",
			CallDurationSource: "microsoft"})
	}
	t.AddDirectRoutingRows(dr...)
	t.AddPstnRows(ps...)
	return t
}

// fake is a test Graph service: the fake behind an optional wrapper.
type fake struct {
	srv  *fakegraph.Server
	http *httptest.Server
	root string // service root for --graph-url
}

// startFake serves tenant over loopback HTTP and sets CALLSCOPE_ACCESS_TOKEN
// (so tests using it cannot run in parallel). wrap, if non-nil, sees every
// request before the fake.
func startFake(t *testing.T, tenant *fakegraph.Tenant, f fakegraph.Faults, wrap func(http.Handler) http.Handler) *fake {
	t.Helper()
	srv := fakegraph.New(tenant, fakegraph.Options{Token: testToken, Faults: f})
	var h http.Handler = srv
	if wrap != nil {
		h = wrap(srv)
	}
	hs := httptest.NewServer(h)
	t.Cleanup(hs.Close)
	t.Setenv(graphclient.AccessTokenEnv, testToken)
	return &fake{srv: srv, http: hs, root: hs.URL + "/v1.0"}
}

// result is one in-process run of the CLI.
type result struct {
	code           int
	stdout, stderr string
}

// runCLI runs the command line in-process, with testKeys and no terminal.
func runCLI(t *testing.T, args ...string) result {
	t.Helper()
	var out, errb bytes.Buffer
	code := runWith(args, &out, &errb)
	return result{code: code, stdout: out.String(), stderr: errb.String()}
}

// runWith runs the command line in-process on the given output streams.
func runWith(args []string, stdout, stderr io.Writer) int {
	return Main(args, testKeys(), strings.NewReader(""), stdout, stderr)
}

// parseAs parses args as at now, wants no error, and returns the options,
// which must be a T.
func parseAs[T options](t *testing.T, args []string, now time.Time) T {
	t.Helper()
	_, o, err := parse(args, now)
	if err != nil {
		t.Fatalf("%q: %v", args, err)
	}
	opts, ok := o.(T)
	if !ok {
		t.Fatalf("%q: options %T", args, o)
	}
	return opts
}

// parseErr is the error parsing args as at now gives.
func parseErr(args []string, now time.Time) error {
	_, _, err := parse(args, now)
	return err
}

// testKeys is a key map for tests: every binding set, with the keys a
// user knows (ui/cli may not import package main's keymap.go).
func testKeys() ui.KeyMap {
	b := func(help string, keys ...string) key.Binding {
		return key.NewBinding(key.WithKeys(keys...), key.WithHelp(keys[0], help))
	}
	return ui.KeyMap{
		Up: b("up", "up", "k"), Down: b("down", "down", "j"), PageUp: b("page up", "pgup"), PageDown: b("page down", "pgdown"),
		Home: b("first", "home", "g"), End: b("last", "end", "G"), Open: b("open", "enter"), Back: b("back", "esc"),
		Filter: b("range/filter", "F"), Search: b("search", "/"), NextView: b("next view", "tab"), ViewCalls: b("calls", "1"), ViewDirect: b("direct routing", "2"),
		ViewPstn: b("pstn", "3"), Reload: b("reload", "r"), CopyID: b("copy id", "y"), Export: b("export", "e"),
		ToggleUTC: b("utc/local", "t"), RawJSON: b("raw json", "v"), FailuresOnly: b("failures only", "f"), Sort: b("sort", "s"),
		Summary: b("triage summary", "a"), Dismiss: b("dismiss", "x"), Help: b("help", "?"), Quit: b("quit", "q"),
		ForceQuit: b("quit", "ctrl+c"), NextField: b("next field", "tab", "down"), PrevField: b("previous field", "shift+tab", "up"),
		Apply: b("apply", "enter"), OpenRecord: b("open call record", "o"), Command: b("command", ":"), RequestLog: b("request log", "L"),
	}
}

// lines splits output into non-empty lines.
func lines(s string) []string {
	var out []string
	for _, l := range strings.Split(s, "\n") {
		if l != "" {
			out = append(out, l)
		}
	}
	return out
}

// countingWriter counts newlines written, safely across goroutines, so a
// server handler can ask how much output existed when a request arrived.
type countingWriter struct {
	mu    sync.Mutex
	lines int
	buf   bytes.Buffer
}

func (w *countingWriter) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.lines += bytes.Count(p, []byte("\n"))
	return w.buf.Write(p)
}

func (w *countingWriter) Lines() int {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.lines
}
