package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/callscope/callscope/graphclient/fakegraph"
	"github.com/callscope/callscope/model"
)

// piiPeople are the personal values piiTenant holds: none may appear in
// --redact output, in any format.
var piiPeople = []string{"Anette Thomsen", "Anette", "Thomsen", "anette.thomsen", "Bo Jensen", "bo.jensen",
	"+4520123456", "20123456", "+4570707070", "70707070", "Gæst Person", "guest.person", "Anette's iPhone"}

// piiRecordID is the id of piiTenant's record.
const piiRecordID = "2f1a1100-b174-40a0-aba7-0b405e01ed92"

// piiTenant has one call record, one Direct Routing row and one PSTN row,
// each naming Anette Thomsen and Bo Jensen by name, UPN and number.
func piiTenant(now time.Time) *fakegraph.Tenant {
	start := now.Add(-2 * time.Hour).Truncate(time.Second)
	anette := func() *model.Identity {
		return &model.Identity{ID: "11111111-1111-1111-1111-111111111111", DisplayName: "Anette Thomsen",
			UserPrincipalName: "anette.thomsen@contoso.com"}
	}
	org := model.Participant{ID: anette().ID, Identity: &model.IdentitySet{User: anette()}}
	bo := model.Participant{ID: "22222222-2222-2222-2222-222222222222", Identity: &model.IdentitySet{User: &model.Identity{
		ID: "22222222-2222-2222-2222-222222222222", DisplayName: "Bo Jensen", UserPrincipalName: "bo.jensen@contoso.com"}}}
	phone := model.Participant{ID: "+4520123456", Identity: &model.IdentitySet{Phone: &model.Identity{ID: "+4520123456"}}}
	guest := model.Participant{ID: "33333333-3333-3333-3333-333333333333", Identity: &model.IdentitySet{Guest: &model.Identity{
		ID: "33333333-3333-3333-3333-333333333333", DisplayName: "Gæst Person", Email: "guest.person@fabrikam.com"}}}
	ep := func() *model.Endpoint {
		return &model.Endpoint{ODataType: model.ParticipantEndpointType, AssociatedIdentity: anette(), Name: "Anette's iPhone",
			UserAgent: &model.UserAgent{ODataType: model.ClientUserAgentType, Platform: "iOS"}}
	}
	callee := &model.Endpoint{ODataType: model.ParticipantEndpointType, AssociatedIdentity: &model.Identity{
		ID: "+4570707070", DisplayName: "+4570707070"}}
	t := fakegraph.NewTenant()
	t.AddRecord(model.CallRecord{ID: piiRecordID, Version: 1, Type: model.CallTypePeerToPeer, Modalities: []string{"audio"},
		StartDateTime: model.NewTime(start), EndDateTime: model.NewTime(start.Add(time.Minute)),
		LastModifiedDateTime: model.NewTime(start.Add(2 * time.Minute)),
		OrganizerV2:          &org, ParticipantsV2: []model.Participant{org, bo, phone, guest},
		Sessions: []model.Session{{ID: "sess-1", Caller: ep(), Callee: callee, Modalities: []string{"audio"},
			StartDateTime: model.NewTime(start), EndDateTime: model.NewTime(start.Add(time.Minute)),
			Segments: []model.Segment{{ID: "seg-1", Caller: ep(), Callee: callee,
				StartDateTime: model.NewTime(start), EndDateTime: model.NewTime(start.Add(time.Minute))}}}},
	})
	t.AddDirectRoutingRows(model.DirectRoutingRow{ID: "dr-1", CorrelationID: piiRecordID, UserID: anette().ID,
		UserPrincipalName: "anette.thomsen@contoso.com", UserDisplayName: "Anette Thomsen", CallerNumber: "+4520123456",
		CalleeNumber: "+4570707070", StartDateTime: model.NewTime(start), InviteDateTime: model.NewTime(start),
		FailureDateTime: model.NewTime(start.Add(time.Second)), CallType: "ByotOut", FinalSIPCode: 403,
		CallEndSubReason: 560403, FinalSIPCodePhrase: "Forbidden", TrunkFullyQualifiedDomainName: "sbc1.contoso.com"})
	charge := 0.12
	t.AddPstnRows(model.PstnRow{ID: "pstn-1", CallID: "call-1", UserID: "22222222-2222-2222-2222-222222222222",
		UserPrincipalName: "bo.jensen@contoso.com", UserDisplayName: "Bo Jensen", CallerNumber: "+4570707070",
		CalleeNumber: "+4520123456", StartDateTime: model.NewTime(start), EndDateTime: model.NewTime(start.Add(time.Minute)),
		Duration: 60, Charge: &charge, Currency: "DKK", CallType: "user_out", DestinationName: "Denmark"})
	return t
}

// redactRuns are the scripted commands and formats --redact must mask.
var redactRuns = [][]string{
	{"calls", "--output", "jsonl"}, {"calls", "--output", "csv"}, {"calls", "--output", "json"},
	{"record", piiRecordID}, {"direct", "--output", "csv"}, {"direct", "--output", "jsonl"},
	{"pstn", "--output", "csv"}, {"pstn", "--output", "json"},
}

func TestRedactMasksPeopleInEveryOutput(t *testing.T) {
	f := startFake(t, piiTenant(time.Now()), fakegraph.Faults{}, nil)
	for _, args := range redactRuns {
		t.Run(strings.Join(args, " "), func(t *testing.T) {
			plain := runCLI(t, append(args, "--graph-url", f.root)...)
			if plain.code != exitOK || (!strings.Contains(plain.stdout, "Thomsen") && !strings.Contains(plain.stdout, "Jensen")) {
				t.Fatalf("without --redact: exit %d, want the names in the output (stderr %q):\n%s", plain.code, plain.stderr, plain.stdout)
			}
			r := runCLI(t, append(args, "--graph-url", f.root, "--redact")...)
			if r.code != exitOK {
				t.Fatalf("exit %d, stderr %q", r.code, r.stderr)
			}
			for _, p := range piiPeople {
				if strings.Contains(r.stdout, p) {
					t.Errorf("--redact output holds %q:\n%s", p, r.stdout)
				}
			}
			if !strings.Contains(r.stdout, "A***** T******") && !strings.Contains(r.stdout, "B* J*****") {
				t.Errorf("no masked name in the output:\n%s", r.stdout)
			}
		})
	}
}

func TestRedactMasksPeopleInTheLogFile(t *testing.T) {
	f := startFake(t, piiTenant(time.Now()), fakegraph.Faults{}, nil)
	log := filepath.Join(t.TempDir(), "requests.jsonl")
	r := runCLI(t, "calls", "--graph-url", f.root, "--participant", "+4520123456", "--redact", "--log-file", log)
	if r.code != exitOK {
		t.Fatalf("exit %d, stderr %q", r.code, r.stderr)
	}
	b, err := os.ReadFile(log)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(b), "20123456") || !strings.Contains(string(b), "+4520******") {
		t.Errorf("the participant filter is not masked in the log file:\n%s", b)
	}
}

// TestRedactCSVKeepsColumnsAndIDs: masks keep the columns, ids and trunks a
// ticket needs.
func TestRedactCSVKeepsColumnsAndIDs(t *testing.T) {
	f := startFake(t, piiTenant(time.Now()), fakegraph.Faults{}, nil)
	r := runCLI(t, "direct", "--graph-url", f.root, "--redact", "--output", "csv")
	rows := lines(r.stdout)
	if r.code != exitOK || len(rows) != 2 {
		t.Fatalf("exit %d, %d lines: %q", r.code, len(rows), r.stdout)
	}
	for _, want := range []string{"dr-1", piiRecordID, "11111111-1111-1111-1111-111111111111", "a*************@contoso.com",
		"A***** T******", "+4520******", "+4570******", "sbc1.contoso.com", "403"} {
		if !strings.Contains(rows[1], want) {
			t.Errorf("row %q lacks %q", rows[1], want)
		}
	}
}
