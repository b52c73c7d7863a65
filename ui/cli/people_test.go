package cli

import (
	"context"
	"encoding/json"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/callscope/callscope/graphclient"
	"github.com/callscope/callscope/graphclient/fakegraph"
	"github.com/callscope/callscope/model"
)

const (
	thomsenID = "11111111-1111-4111-8111-111111111111"
	larsenID  = "22222222-2222-4222-8222-222222222222"
)

// peopleTenant is testTenant's records, Anette Thomsen in the even ones,
// and a directory with two Anettes.
func peopleTenant(now time.Time) *fakegraph.Tenant {
	ten := fakegraph.NewTenant()
	for i := range 6 {
		r := testRecord(i, now)
		if i%2 == 0 {
			r.ParticipantsV2 = append(r.ParticipantsV2, model.Participant{ID: thomsenID,
				Identity: &model.IdentitySet{User: &model.Identity{ID: thomsenID, DisplayName: "Anette Thomsen"}}})
		}
		ten.AddRecord(r)
	}
	ten.AddUser(fakegraph.User{ID: thomsenID, DisplayName: "Anette Thomsen", UserPrincipalName: "anette.thomsen@contoso.com"})
	ten.AddUser(fakegraph.User{ID: larsenID, DisplayName: "Anette Larsen", UserPrincipalName: "anette.larsen@contoso.com"})
	return ten
}

// startPeopleFake is startFake with the /users permission knob.
func startPeopleFake(t *testing.T, deny bool) *fake {
	t.Helper()
	srv := fakegraph.New(peopleTenant(time.Now()), fakegraph.Options{Token: testToken, DenyUsers: deny})
	hs := httptest.NewServer(srv)
	t.Cleanup(hs.Close)
	t.Setenv(graphclient.AccessTokenEnv, testToken)
	return &fake{srv: srv, http: hs, root: hs.URL + "/v1.0"}
}

// recordIDs reads the ids of jsonl output.
func recordIDs(t *testing.T, out string) []string {
	t.Helper()
	var ids []string
	for _, l := range lines(out) {
		var r struct{ ID string }
		if err := json.Unmarshal([]byte(l), &r); err != nil {
			t.Fatalf("line %q: %v", l, err)
		}
		ids = append(ids, r.ID)
	}
	return ids
}

func TestCallsParticipantByUPN(t *testing.T) {
	f := startPeopleFake(t, false)
	for _, who := range []string{"Anette.Thomsen@contoso.com", "Anette T", thomsenID} {
		f.srv.ResetRequests()
		r := runCLI(t, "calls", "--participant", who, "--graph-url", f.root, "--output", "jsonl")
		ids := recordIDs(t, r.stdout)
		if r.code != exitOK || len(ids) != 3 || ids[0] != recordID(0) || ids[2] != recordID(4) {
			t.Fatalf("%s: exit %d, ids %v, stderr %q", who, r.code, ids, r.stderr)
		}
		reqs := f.srv.Requests()
		last := reqs[len(reqs)-1].Path
		if !strings.Contains(last, "participants_v2%2Fany%28p%3Ap%2Fid%20eq%20%27"+thomsenID+"%27%29") {
			t.Errorf("%s: listed with %s", who, last)
		}
		// calls may list the range in several windows; none of an object
		// id's requests is a lookup.
		for _, rq := range reqs {
			if who == thomsenID && strings.HasPrefix(rq.Path, "/v1.0/users") {
				t.Errorf("an object id needs no lookup: %s", rq.Path)
			}
		}
	}
}

func TestCallsParticipantSeveralIsAUsageError(t *testing.T) {
	f := startPeopleFake(t, false)
	r := runCLI(t, "calls", "--participant", "anette", "--graph-url", f.root, "--output", "jsonl")
	if r.code != exitUsage || r.stdout != "" {
		t.Fatalf("exit %d, stdout %q", r.code, r.stdout)
	}
	for _, want := range []string{`"anette" fits 2 people`, "Anette Larsen", "anette.larsen@contoso.com", larsenID, "Anette Thomsen", thomsenID, "usage:"} {
		if !strings.Contains(r.stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, r.stderr)
		}
	}
	for _, req := range f.srv.Requests() {
		if strings.Contains(req.Path, "callRecords") {
			t.Fatalf("listed before knowing who: %s", req.Path)
		}
	}
}

func TestCallsParticipantNobody(t *testing.T) {
	f := startPeopleFake(t, false)
	r := runCLI(t, "calls", "--participant", "nobody@contoso.com", "--graph-url", f.root)
	if r.code != exitFail || !strings.Contains(r.stderr, "no such user: nobody@contoso.com") {
		t.Fatalf("exit %d, stderr %q", r.code, r.stderr)
	}
	r = runCLI(t, "calls", "--participant", "Zed", "--graph-url", f.root)
	if r.code != exitFail || !strings.Contains(r.stderr, `no user's display name or UPN starts with "Zed"`) {
		t.Fatalf("exit %d, stderr %q", r.code, r.stderr)
	}
}

func TestCallsParticipantForbidden(t *testing.T) {
	f := startPeopleFake(t, true)
	r := runCLI(t, "calls", "--participant", "anette.thomsen@contoso.com", "--graph-url", f.root)
	if r.code != exitFail || !strings.Contains(r.stderr, "User.Read.All") || !strings.Contains(r.stderr, "object id still works") {
		t.Fatalf("exit %d, stderr %q", r.code, r.stderr)
	}
	// The object id does.
	r = runCLI(t, "calls", "--participant", thomsenID, "--graph-url", f.root, "--output", "jsonl")
	if r.code != exitOK || len(lines(r.stdout)) != 3 {
		t.Fatalf("exit %d, stdout %q, stderr %q", r.code, r.stdout, r.stderr)
	}
}

// TestExplorerStartParticipantResolves: the explorer's start filter gets
// the id and the person's name, a phone number is put in Graph's form
// without a lookup, and a name that fits several people opens the explorer
// unfiltered with them to pick from.
func TestExplorerStartParticipantResolves(t *testing.T) {
	f := startPeopleFake(t, false)
	c, err := graphclient.New(graphclient.Options{ServiceRoot: f.root, Credential: graphclient.StaticToken(testToken)})
	if err != nil {
		t.Fatal(err)
	}
	start := func(participant string) (*explorerOptions, error) {
		o := &explorerOptions{}
		o.participant = participant
		return o, o.lookup(context.Background(), c, false)
	}
	o, err := start("anette.thomsen@contoso.com")
	if err != nil || o.participant != thomsenID {
		t.Fatalf("%v, participant %q", err, o.participant)
	}
	if got := o.uiOptions(testKeys(), nil).Calls; got.Participant != thomsenID || got.ParticipantName != "Anette Thomsen" {
		t.Fatalf("start filter %+v", got)
	}
	f.srv.ResetRequests()
	o, err = start("+1 425 555 0100")
	if err != nil || o.participant != "+14255550100" || len(f.srv.Requests()) != 0 {
		t.Fatalf("%v, participant %q", err, o.participant)
	}
	if got := o.uiOptions(testKeys(), nil); got.Calls.ParticipantName != "" || got.PickParticipant != nil {
		t.Fatalf("a phone number has no name to show: %+v", got.Calls)
	}
	o, err = start("anette")
	if err != nil {
		t.Fatalf("several people are for the explorer to pick from: %v", err)
	}
	got := o.uiOptions(testKeys(), nil)
	if got.Calls.Participant != "" || len(got.PickParticipant) != 2 ||
		got.PickParticipant[0].ID != larsenID || got.PickParticipant[1].ID != thomsenID {
		t.Fatalf("start filter %+v, pick list %+v", got.Calls, got.PickParticipant)
	}
}

// TestCallsParticipantRedacted: --redact masks the names and UPNs of the
// people a name fits; their ids stay, so one can still be given.
func TestCallsParticipantRedacted(t *testing.T) {
	f := startPeopleFake(t, false)
	r := runCLI(t, "calls", "--redact", "--no-config", "--participant", "anette", "--graph-url", f.root)
	if r.code != exitUsage || !strings.Contains(r.stderr, larsenID) || !strings.Contains(r.stderr, "fits 2 people") {
		t.Fatalf("exit %d, stderr %q", r.code, r.stderr)
	}
	for _, leak := range []string{"Larsen", "Thomsen", "anette"} {
		if strings.Contains(r.stderr, leak) {
			t.Errorf("stderr shows %q:\n%s", leak, r.stderr)
		}
	}
	r = runCLI(t, "calls", "--redact", "--no-config", "--participant", "zed.unknown@contoso.com", "--graph-url", f.root)
	if r.code != exitFail || strings.Contains(r.stderr, "zed.unknown") || !strings.Contains(r.stderr, "no such user") {
		t.Fatalf("exit %d, stderr %q", r.code, r.stderr)
	}
}
