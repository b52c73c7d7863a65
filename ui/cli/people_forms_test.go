package cli

import (
	"context"
	"fmt"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/callscope/callscope/graphclient"
	"github.com/callscope/callscope/graphclient/fakegraph"
)

// startEdgeFake is startPeopleFake's tenant plus the demo's users whose
// UPNs break a path lookup (an apostrophe, a leading '$', a B2B guest) and
// 26 people named Quinn, one more than a pick list holds.
func startEdgeFake(t *testing.T) *fake {
	t.Helper()
	ten := peopleTenant(time.Now())
	for _, u := range fakegraph.DemoDirectoryEdgeUsers() {
		ten.AddUser(u)
	}
	for i := range graphclient.MaxUserMatches + 1 {
		ten.AddUser(fakegraph.User{ID: fmt.Sprintf("aaaaaaaa-0000-4000-8000-%012d", i), DisplayName: fmt.Sprintf("Quinn %02d", i),
			UserPrincipalName: fmt.Sprintf("quinn%02d@contoso.com", i)})
	}
	srv := fakegraph.New(ten, fakegraph.Options{Token: testToken})
	hs := httptest.NewServer(srv)
	t.Cleanup(hs.Close)
	t.Setenv(graphclient.AccessTokenEnv, testToken)
	return &fake{srv: srv, http: hs, root: hs.URL + "/v1.0"}
}

// TestCallsParticipantHardAddresses: --participant with an apostrophe, a
// leading '$' or a guest's home address lists the calls of that person's
// id, after a lookup that never puts the address in the path.
func TestCallsParticipantHardAddresses(t *testing.T) {
	f := startEdgeFake(t)
	for who, id := range map[string]string{
		"o'brien@contoso.com":       "0b7e4f3a-1c2d-4e5f-8a9b-0c1d2e3f4a51",
		"$servicedesk@contoso.com":  "0b7e4f3a-1c2d-4e5f-8a9b-0c1d2e3f4a52",
		"jordan.guest@fabrikam.com": "0b7e4f3a-1c2d-4e5f-8a9b-0c1d2e3f4a53",
	} {
		f.srv.ResetRequests()
		r := runCLI(t, "calls", "--participant", who, "--graph-url", f.root, "--output", "jsonl")
		if r.code != exitOK {
			t.Errorf("%s: exit %d, stderr %q", who, r.code, r.stderr)
			continue
		}
		// Lookups first, all by $filter; then every list (calls may walk
		// the range in several windows) filters on the person's id.
		lookups, lists := 0, 0
		for _, rq := range f.srv.Requests() {
			switch {
			case strings.HasPrefix(rq.Path, "/v1.0/users?$filter=") && lists == 0:
				lookups++
			case strings.HasPrefix(rq.Path, "/v1.0/communications/callRecords?") &&
				strings.Contains(rq.Path, "participants_v2%2Fany%28p%3Ap%2Fid%20eq%20%27"+id+"%27%29"):
				lists++
			default:
				t.Errorf("%s: unexpected request %s", who, rq.Path)
			}
		}
		if lookups == 0 || lists == 0 {
			t.Errorf("%s: %d lookups, %d lists", who, lookups, lists)
		}
	}
}

// TestCallsParticipantMoreThan25: a name 26 people fit is a usage error
// that says to type more of it, listing nobody; the explorer's start
// lookup says the same, and 10 of them are a list to choose from.
func TestCallsParticipantMoreThan25(t *testing.T) {
	f := startEdgeFake(t)
	r := runCLI(t, "calls", "--participant", "quinn", "--graph-url", f.root)
	if r.code != exitUsage || !strings.Contains(r.stderr, `--participant "quinn": more than 25 match; type more of the name`) ||
		strings.Contains(r.stderr, "Quinn 0") || r.stdout != "" {
		t.Fatalf("exit %d, stdout %q, stderr %q", r.code, r.stdout, r.stderr)
	}
	r = runCLI(t, "calls", "--participant", "quinn 1", "--graph-url", f.root)
	if r.code != exitUsage || !strings.Contains(r.stderr, `"quinn 1" fits 10 people`) || strings.Contains(r.stderr, "or more") {
		t.Fatalf("exit %d, stderr %q", r.code, r.stderr)
	}
	c, err := graphclient.New(graphclient.Options{ServiceRoot: f.root, Credential: graphclient.StaticToken(testToken)})
	if err != nil {
		t.Fatal(err)
	}
	o := &explorerOptions{}
	o.participant = "Quinn"
	err = o.lookup(context.Background(), c, false)
	if !graphclient.IsTooManyUsers(err) || !strings.Contains(err.Error(), "type more of the name") || o.pick != nil {
		t.Fatalf("%v, pick %d", err, len(o.pick))
	}
}
