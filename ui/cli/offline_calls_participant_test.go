package cli

import (
	"context"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/callscope/callscope/graphclient/fakegraph"
	"github.com/callscope/callscope/graphclient/store"
	"github.com/callscope/callscope/model"
	"github.com/callscope/callscope/ui/common"
)

// Participant ids of the forms a script gives without a directory: an
// Entra object id (given in capitals: Graph's form is lower case) and a
// phone number with spaces and parentheses (Graph's form is E.164).
const (
	guestGUID = "3f2a0c1e-0000-4000-8000-00000000abcd"
	guestTel  = "+14255550100"
)

// participantTenant is testTenant's n records, a third of them with
// guestGUID, a quarter with guestTel; record 7 has apostropheParticipant.
func participantTenant(n int, now time.Time) *fakegraph.Tenant {
	t := fakegraph.NewTenant()
	for i := range n {
		r := testRecord(i, now)
		if i%3 == 0 {
			r.ParticipantsV2 = append(r.ParticipantsV2, model.Participant{ID: guestGUID,
				Identity: &model.IdentitySet{User: &model.Identity{ID: guestGUID, DisplayName: "Guest Guid"}}})
		}
		if i%4 == 0 {
			r.ParticipantsV2 = append(r.ParticipantsV2, model.Participant{ID: guestTel,
				Identity: &model.IdentitySet{Phone: &model.Identity{ID: guestTel}}})
		}
		t.AddRecord(r)
	}
	return t
}

// storeWithParticipants writes every record of tenant, with its
// participants_v2, into the store at path, as a sync that asks Graph for
// participants would keep them (today's sync stores records with their
// sessions only: Get callRecord cannot expand both, graph-api.md §1.2).
func storeWithParticipants(t *testing.T, tenant *fakegraph.Tenant, path string) {
	t.Helper()
	s, err := store.Open(context.Background(), path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	var recs []store.Record
	for _, head := range tenant.Records() {
		rec, _ := tenant.Record(head.ID)
		recs = append(recs, store.Record{Call: &rec, Verdict: common.StoreVerdict(&rec)})
	}
	if _, err := s.Write(context.Background(), store.Batch{Records: recs}); err != nil {
		t.Fatal(err)
	}
}

// calls --offline --participant prints what the online command prints
// for the same participant, as Graph filters (participants_v2/any(p:p/id
// eq '…')), with --quality too, for hard ids: an object id in capitals,
// a phone number with separators, an id with a quote; and sends nothing.
func TestOfflineCallsParticipantMatchesOnline(t *testing.T) {
	now := time.Now().UTC()
	tenant := participantTenant(20, now)
	f := startFake(t, tenant, fakegraph.Faults{}, nil)
	refusing, requests := refusingGraph(t)
	path := filepath.Join(t.TempDir(), "store.db")
	from, to := now.Add(-time.Hour).Format(time.RFC3339), now.Add(time.Minute).Format(time.RFC3339)
	span := []string{"--no-config", "--store", path, "--from", from, "--to", to}
	if r := runCLI(t, append([]string{"calls", "--graph-url", f.root, "--output", "jsonl"}, span...)...); r.code != exitOK {
		t.Fatalf("filling the list: exit %d, stderr %q", r.code, r.stderr)
	}
	storeWithParticipants(t, tenant, path)
	for _, who := range []struct {
		given string
		calls int
	}{{strings.ToUpper(guestGUID), 7}, {"+1 (425) 555-0100", 5}, {apostropheParticipant, 1}} {
		for _, extra := range [][]string{{"--output", "jsonl"}, {"--output", "csv"}, {"--output", "jsonl", "--quality"}, {"--output", "json", "--limit", "2"}} {
			args := append(append([]string{"calls", "--participant", who.given}, span...), extra...)
			online := runCLI(t, append(args, "--graph-url", f.root)...)
			offline := runCLI(t, append(args, "--graph-url", refusing, "--offline")...)
			if online.code != exitOK || offline.code != exitOK {
				t.Fatalf("%s %v: exit online %d (%q), offline %d (%q)", who.given, extra, online.code, online.stderr, offline.code, offline.stderr)
			}
			want, got := lines(online.stdout), lines(offline.stdout)
			if !slices.Equal(got, want) || len(want) == 0 {
				t.Errorf("%s %v: offline differs from online\n got %q\nwant %q", who.given, extra, got, want)
			}
			if extra[1] == "jsonl" && len(want) != who.calls {
				t.Errorf("%s %v: %d calls, want %d", who.given, extra, len(want), who.calls)
			}
			if offline.stderr != "" {
				t.Errorf("%s %v: offline stderr %q, want nothing (every call judged)", who.given, extra, offline.stderr)
			}
		}
	}
	if n := requests.Load(); n != 0 {
		t.Errorf("--offline sent %d requests to Graph, want none", n)
	}
}

// A store filled by `calls --quality` keeps records with their sessions,
// not their participants (only sync asks for those): --offline
// --participant cannot judge those calls and says so, once, with the
// count; a listed call with no stored record is counted apart, with the
// command that stores it. Neither is guessed at.
func TestOfflineCallsParticipantSaysWhatItCannotJudge(t *testing.T) {
	syncFast(t)
	now := time.Now().UTC()
	tenant := participantTenant(6, now)
	f := startFake(t, tenant, fakegraph.Faults{}, nil)
	refusing, requests := refusingGraph(t)
	path := filepath.Join(t.TempDir(), "store.db")
	if r := runCLI(t, "calls", "--no-config", "--graph-url", f.root, "--store", path, "--from", "-1d", "--quality", "--output", "jsonl"); r.code != exitOK {
		t.Fatalf("calls --quality: exit %d, stderr %q", r.code, r.stderr)
	}
	tenant.AddRecord(testRecord(30, now)) // listed below, never synced
	if r := runCLI(t, "calls", "--no-config", "--graph-url", f.root, "--store", path, "--from", "-1d"); r.code != exitOK {
		t.Fatalf("calls: exit %d, stderr %q", r.code, r.stderr)
	}
	r := runCLI(t, "calls", "--no-config", "--offline", "--graph-url", refusing, "--store", path, "--from", "-1d",
		"--participant", guestGUID, "--output", "jsonl")
	if r.code != exitOK || r.stdout != "" {
		t.Fatalf("exit %d, stdout %q, stderr %q", r.code, r.stdout, r.stderr)
	}
	for _, want := range []string{
		"callscope calls: 6 calls in range have a stored record that does not list its participants (participants_v2), so whether " + guestGUID + " took part is not known; left out\n",
		"callscope calls: 1 call in range has no stored record; run callscope sync --what records\n",
	} {
		if strings.Count(r.stderr, want) != 1 {
			t.Errorf("stderr %q\nwant once %q", r.stderr, want)
		}
	}
	if n := requests.Load(); n != 0 {
		t.Errorf("--offline sent %d requests to Graph, want none", n)
	}
}

// --offline has no directory: a name or an address is a usage error that
// says what works, before the store is opened.
func TestOfflineCallsParticipantNeedsAnID(t *testing.T) {
	path := filepath.Join(t.TempDir(), "store.db")
	for _, who := range []string{"Ada Lovelace", "ada@contoso.com"} {
		r := runCLI(t, "calls", "--no-config", "--offline", "--store", path, "--participant", who)
		if r.code != exitUsage || !strings.Contains(r.stderr, "--offline cannot look up names or addresses") {
			t.Errorf("%q: exit %d, stderr %q", who, r.code, r.stderr)
		}
	}
}
