package fakegraph

import (
	"encoding/json"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"
)

// fixtureDir holds the documented responses (the repository's testdata).
const fixtureDir = "../../testdata/graph"

// Keys a fixture has that the fake may omit, and why.
var allowMissing = map[string]string{
	"organizer":              "deprecated; Graph stopped filling it on June 30, 2026 (graph-api.md §4.13)",
	"participants":           "deprecated like organizer; participants_v2 replaces it",
	"identity":               "deprecated participantEndpoint.identity; associatedIdentity replaces it",
	"segments@odata.context": "only the older doc example annotates nested segments",
}

// Keys the fake may send that a fixture lacks, and why.
var allowExtra = map[string]string{
	"@odata.nextLink":                "sent whenever more pages exist; some examples show a single page",
	"joinWebUrl":                     "documented callRecord property (null for peer-to-peer); doc examples are shortened",
	"organizer_v2":                   "current shape; the older example predates it",
	"organizer_v2@odata.context":     "annotation of organizer_v2, as in the current examples",
	"participants_v2@odata.context":  "annotation sent on every Get, as in the current examples",
	"sessions@odata.context":         "in the older example; the current one is shortened",
	"failureInfo":                    "present only on failed sessions and segments",
	"isTest":                         "session property newer than the older example",
	"caller":                         "segment endpoints: in the older example, shortened out of the current one",
	"callee":                         "as caller",
	"azureCommunicationServicesUser": "identity member of ACS participants (communicationsIdentitySet)",
	"client-request-id":              "every Graph innerError carries it; the 429 sample is shortened",
}

// Fixtures that correspond to no endpoint of the fake, and why. They are
// left out of the shape comparison by name (a listed name that is no longer
// a fixture fails the test), so a run skips nothing.
var fixtureSkip = map[string]string{
	"sms-logs.json":            "beta getSmsLog; there is no v1.0 endpoint to fake",
	"change-notification.json": "a webhook payload Graph posts, not a response",
	"error-example-docs.json":  "generic errors-page example from another API (invalidRange)",
}

type shapeCase struct {
	path   string
	levels []string // dotted paths of objects whose key sets are compared; "" is the body
	faults Faults
	status int
}

// demoPicks are records of the demo tenant with particular shapes.
type demoPicks struct {
	mostSessions, mostParticipants, p2p, acs string
}

var (
	picksOnce sync.Once
	picks     demoPicks
)

func demoRecords() demoPicks {
	picksOnce.Do(func() {
		ns, np := 0, 0
		for _, h := range demo().Records() {
			full, _ := demo().Record(h.ID)
			if len(full.Sessions) > ns {
				ns, picks.mostSessions = len(full.Sessions), h.ID
			}
			if len(full.ParticipantsV2) > np {
				np, picks.mostParticipants = len(full.ParticipantsV2), h.ID
			}
			if picks.p2p == "" && h.Type == "peerToPeer" {
				picks.p2p = h.ID
			}
			if picks.acs == "" && h.Type == "unknownFutureValue" {
				picks.acs = h.ID
			}
		}
	})
	return picks
}

func shapeCases() map[string]shapeCase {
	p := demoRecords()
	rec := "/communications/callRecords/"
	day := testNow.Add(-48 * time.Hour).Truncate(24 * time.Hour)
	filter := url.QueryEscape("startDateTime ge " + day.Format(time.RFC3339) + " and startDateTime lt " + day.Add(6*time.Hour).Format(time.RFC3339))
	span := "(fromDateTime=" + testNow.Add(-30*24*time.Hour).Format(time.DateOnly) + ",toDateTime=" + testNow.Add(24*time.Hour).Format(time.DateOnly) + ")"
	top, errLevels := []string{"", "value"}, []string{"", "error", "error.innerError"}
	sess := []string{"", "sessions", "sessions.segments"}
	return map[string]shapeCase{
		"list-callrecords.json":                                  {path: "/communications/callRecords", levels: top},
		"list-callrecords-filtered.json":                         {path: "/communications/callRecords?$filter=" + filter, levels: top},
		"get-callrecord-basic.json":                              {path: rec + p.p2p, levels: []string{""}},
		"get-callrecord-expanded-sessions-segments.json":         {path: rec + p.mostSessions + "?$expand=sessions($expand=segments)", levels: sess},
		"get-callrecord-expanded-sessions-segments-current.json": {path: rec + p.mostSessions + "?$expand=sessions($expand=segments)", levels: sess},
		"get-callrecord-expanded-participants.json":              {path: rec + p.mostParticipants + "?$expand=participants_v2", levels: []string{"", "participants_v2"}},
		"list-sessions.json":                                     {path: rec + p.mostSessions + "/sessions", levels: top},
		"list-sessions-expanded-segments.json":                   {path: rec + p.mostSessions + "/sessions?$expand=segments", levels: []string{"", "value", "value.segments"}},
		"list-participants.json":                                 {path: rec + p.mostParticipants + "/participants_v2", levels: []string{"", "value", "value.identity"}},
		"direct-routing.json":                                    {path: rec + "getDirectRoutingCalls" + span, levels: top},
		"pstn-calls.json":                                        {path: rec + "getPstnCalls" + span, levels: top},
		"error-400-function-params-reconstructed.json":           {path: rec + "getDirectRoutingCalls(fromDateTime=,toDateTime=)", levels: errLevels, status: 400},
		"error-404-callrecord-not-found-reconstructed.json":      {path: rec + "00000000-0000-0000-0000-000000000000", levels: errLevels, status: 404},
		"error-429-throttled.json":                               {path: "/communications/callRecords", levels: errLevels, status: 429, faults: Faults{ThrottleEvery: 1}},
	}
}

// extract returns the objects at a dotted path, flattening arrays.
func extract(doc any, path string) []map[string]any {
	nodes := []any{doc}
	if path != "" {
		for _, seg := range strings.Split(path, ".") {
			var next []any
			for _, n := range nodes {
				m, _ := n.(map[string]any)
				switch v := m[seg].(type) {
				case []any:
					next = append(next, v...)
				case map[string]any:
					next = append(next, v)
				}
			}
			nodes = next
		}
	}
	var out []map[string]any
	for _, n := range nodes {
		if m, ok := n.(map[string]any); ok {
			out = append(out, m)
		}
	}
	return out
}

// TestFixtureShapes holds the fake to the documented responses: every key of
// a fixture's first item appears somewhere in the fake's items, and every key
// the fake sends appears in the fixture, unless an allowlist says why not.
func TestFixtureShapes(t *testing.T) {
	files, err := filepath.Glob(filepath.Join(fixtureDir, "*.json"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no fixtures in %s: %v", fixtureDir, err)
	}
	cases := shapeCases()
	for name := range fixtureSkip {
		if _, err := os.Stat(filepath.Join(fixtureDir, name)); err != nil {
			t.Errorf("fixtureSkip lists %s, which is not a fixture: %v", name, err)
		}
	}
	for _, f := range files {
		name := filepath.Base(f)
		if _, noEndpoint := fixtureSkip[name]; noEndpoint {
			continue
		}
		t.Run(name, func(t *testing.T) {
			c, ok := cases[name]
			if !ok {
				t.Fatalf("fixture %s maps to no endpoint: add a case or a skip reason", name)
			}
			raw, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			var want any
			if err := json.Unmarshal(raw, &want); err != nil {
				t.Fatal(err)
			}
			_, ts := serve(t, demo(), Options{Faults: c.faults})
			status := c.status
			if status == 0 {
				status = 200
			}
			res := get(t, ts, c.path).want(t, status)
			got := res.object(t)
			for _, level := range c.levels {
				compareKeys(t, level, extract(want, level), extract(got, level))
			}
			if status != 200 {
				we, ge := want.(map[string]any)["error"].(map[string]any), got["error"].(map[string]any)
				if we["code"] != ge["code"] || (status != 429 && we["message"] != ge["message"]) {
					t.Errorf("error %v %q, want %v %q", ge["code"], ge["message"], we["code"], we["message"])
				}
			}
		})
	}
}

func compareKeys(t *testing.T, level string, want, got []map[string]any) {
	t.Helper()
	if len(want) == 0 {
		t.Fatalf("%q: fixture has nothing there", level)
	}
	if len(got) == 0 {
		t.Fatalf("%q: the fake sent nothing there", level)
	}
	gotKeys, wantAll := map[string]bool{}, map[string]bool{}
	for _, m := range got {
		for k := range m {
			gotKeys[k] = true
		}
	}
	for _, m := range want {
		for k := range m {
			wantAll[k] = true
		}
	}
	for _, k := range keys(want[0]) {
		if !gotKeys[k] && allowMissing[k] == "" {
			t.Errorf("%q: fixture key %q missing from the fake's response", level, k)
		}
	}
	var extra []string
	for k := range gotKeys {
		if !wantAll[k] && allowExtra[k] == "" {
			extra = append(extra, k)
		}
	}
	slices.Sort(extra)
	if len(extra) > 0 {
		t.Errorf("%q: the fake sends keys the fixture lacks: %v", level, extra)
	}
}
