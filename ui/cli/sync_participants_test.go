package cli

import (
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/callscope/callscope/graphclient/fakegraph"
	"github.com/callscope/callscope/model"
)

// A store filled by sync keeps each record's participants, every page of
// them, so calls --offline --participant judges every synced call and
// prints what the online command prints, without asking Graph: here for
// an object id (in capitals, as a script may give it) that one record
// lists after Graph's first page of 130, a phone number and an id with a
// quote.
func TestSyncedCallsAnswerOfflineParticipantLikeOnline(t *testing.T) {
	syncFast(t)
	now := time.Now().UTC()
	tenant := participantTenant(20, now)
	big := testRecord(25, now)
	for i := range 140 {
		id := fmt.Sprintf("crowd-%03d", i)
		big.ParticipantsV2 = append(big.ParticipantsV2, model.Participant{ID: id,
			Identity: &model.IdentitySet{User: &model.Identity{ID: id, DisplayName: "Crowd " + id}}})
	}
	big.ParticipantsV2 = append(big.ParticipantsV2, model.Participant{ID: guestGUID,
		Identity: &model.IdentitySet{User: &model.Identity{ID: guestGUID, DisplayName: "Guest Guid"}}})
	tenant.AddRecord(big)
	f := startFake(t, tenant, fakegraph.Faults{}, nil)
	refusing, requests := refusingGraph(t)
	path := filepath.Join(t.TempDir(), "store.db")
	if r := runCLI(t, "sync", "--no-config", "--graph-url", f.root, "--store", path, "--from", "-1d", "--what", "calls,records"); r.code != exitOK {
		t.Fatalf("sync: exit %d, stderr %q", r.code, r.stderr)
	}
	for _, who := range []struct {
		given string
		calls int
	}{{strings.ToUpper(guestGUID), 8}, {"+1 (425) 555-0100", 5}, {apostropheParticipant, 1}} {
		args := []string{"calls", "--no-config", "--store", path, "--from", "-1d", "--participant", who.given, "--output", "jsonl"}
		online := runCLI(t, append(args, "--graph-url", f.root)...)
		offline := runCLI(t, append(args, "--graph-url", refusing, "--offline")...)
		if online.code != exitOK || offline.code != exitOK {
			t.Fatalf("%s: exit online %d (%q), offline %d (%q)", who.given, online.code, online.stderr, offline.code, offline.stderr)
		}
		want, got := lines(online.stdout), lines(offline.stdout)
		if !slices.Equal(got, want) || len(want) != who.calls {
			t.Errorf("%s: offline differs from online or from %d calls\n got %q\nwant %q", who.given, who.calls, got, want)
		}
		if who.given == strings.ToUpper(guestGUID) && !strings.Contains(offline.stdout, big.ID) {
			t.Errorf("%s: offline misses %s, which lists the participant on its second page", who.given, big.ID)
		}
		if offline.stderr != "" {
			t.Errorf("%s: offline stderr %q, want nothing (every synced call judged)", who.given, offline.stderr)
		}
	}
	if n := requests.Load(); n != 0 {
		t.Errorf("--offline sent %d requests to Graph, want none", n)
	}
}
