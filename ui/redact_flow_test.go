package ui

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/callscope/callscope/graphclient"
	"github.com/callscope/callscope/graphclient/fakegraph"
	"github.com/callscope/callscope/model"
	"github.com/callscope/callscope/ui/common"
	"github.com/callscope/callscope/ui/uitest"
	tea "github.com/charmbracelet/bubbletea"
)

// privacyPeople are the personal values privacyTenant holds.
var privacyPeople = []string{"Anette Thomsen", "Anette", "Thomsen", "anette.thomsen", "Bo Jensen", "bo.jensen",
	"+4520123456", "20123456", "+4570707070", "70707070", "Anette's iPhone"}

// privacyTenant holds one call record, one Direct Routing row and one PSTN
// row, all naming Anette Thomsen and Bo Jensen, within the last day of uitest.T0.
func privacyTenant() *fakegraph.Tenant {
	start := uitest.T0.Add(-2 * time.Hour)
	anette := func() *model.Identity {
		return &model.Identity{ID: "11111111-1111-1111-1111-111111111111", DisplayName: "Anette Thomsen",
			UserPrincipalName: "anette.thomsen@contoso.com"}
	}
	org := model.Participant{ID: anette().ID, Identity: &model.IdentitySet{User: anette()}}
	bo := model.Participant{ID: "22222222-2222-2222-2222-222222222222", Identity: &model.IdentitySet{User: &model.Identity{
		ID: "22222222-2222-2222-2222-222222222222", DisplayName: "Bo Jensen", UserPrincipalName: "bo.jensen@contoso.com"}}}
	phone := model.Participant{ID: "+4520123456", Identity: &model.IdentitySet{Phone: &model.Identity{ID: "+4520123456"}}}
	caller := func() *model.Endpoint {
		return &model.Endpoint{ODataType: model.ParticipantEndpointType, AssociatedIdentity: anette(), Name: "Anette's iPhone",
			UserAgent: &model.UserAgent{ODataType: model.ClientUserAgentType, Platform: "iOS"}}
	}
	callee := func() *model.Endpoint {
		return &model.Endpoint{ODataType: model.ParticipantEndpointType, AssociatedIdentity: &model.Identity{ID: "+4570707070"}}
	}
	t := fakegraph.NewTenant()
	t.AddRecord(model.CallRecord{ID: "2f1a1100-b174-40a0-aba7-0b405e01ed92", Version: 1, Type: model.CallTypePeerToPeer,
		Modalities: []string{"audio"}, StartDateTime: model.NewTime(start), EndDateTime: model.NewTime(start.Add(time.Minute)),
		LastModifiedDateTime: model.NewTime(start.Add(2 * time.Minute)), OrganizerV2: &org,
		ParticipantsV2: []model.Participant{org, bo, phone},
		Sessions: []model.Session{{ID: "sess-1", Caller: caller(), Callee: callee(), Modalities: []string{"audio"},
			StartDateTime: model.NewTime(start), EndDateTime: model.NewTime(start.Add(time.Minute)),
			Segments: []model.Segment{{ID: "seg-1", Caller: caller(), Callee: callee(),
				StartDateTime: model.NewTime(start), EndDateTime: model.NewTime(start.Add(time.Minute))}}}},
	})
	t.AddDirectRoutingRows(model.DirectRoutingRow{ID: "dr-1", CorrelationID: "2f1a1100-b174-40a0-aba7-0b405e01ed92",
		UserPrincipalName: "anette.thomsen@contoso.com", UserDisplayName: "Anette Thomsen", CallerNumber: "+4520123456",
		CalleeNumber: "+4570707070", StartDateTime: model.NewTime(start), InviteDateTime: model.NewTime(start),
		FailureDateTime: model.NewTime(start.Add(time.Second)), CallType: "ByotOut", FinalSIPCode: 403,
		CallEndSubReason: 560403, FinalSIPCodePhrase: "Forbidden", TrunkFullyQualifiedDomainName: "sbc1.contoso.com"})
	charge := 0.12
	t.AddPstnRows(model.PstnRow{ID: "pstn-1", CallID: "call-1", UserPrincipalName: "bo.jensen@contoso.com",
		UserDisplayName: "Bo Jensen", CallerNumber: "+4570707070", CalleeNumber: "+4520123456",
		StartDateTime: model.NewTime(start), EndDateTime: model.NewTime(start.Add(time.Minute)), Duration: 60,
		Charge: &charge, Currency: "DKK", CallType: "user_out", DestinationName: "Denmark"})
	return t
}

// TestRedactAndSecretsFlow drives the explorer with --redact against the
// fake, which wants a recognisable token and throttles now and then: it
// exports every view and the record, opens the request log and an entry,
// then greps every frame drawn, the final view and every exported file
// for the people, the token and a client secret from the environment.
func TestRedactAndSecretsFlow(t *testing.T) {
	const token = "tok-UI-NEVER-SHOW-5e4d3c2b1a"
	const secret = "azsec-UI-NEVER-SHOW-9f8e7d"
	t.Setenv("AZURE_CLIENT_SECRET", secret)
	ev := common.NewEvents()
	client, _ := uitest.FakeGraph(t, privacyTenant(), fakegraph.Options{Token: token, Clock: func() time.Time { return uitest.T0 },
		Faults: fakegraph.Faults{ThrottleEvery: 4, RetryAfter: "0.01"}}, graphclient.Options{Credential: graphclient.StaticToken(token), Observer: ev})
	dir := t.TempDir()
	var copied []string
	app := New(Options{Client: client, Keys: uitest.Keys(), Styles: common.DefaultStyles(), UTC: true, Events: ev, Redact: true,
		Now: func() time.Time { return uitest.T0 }, ExportDir: dir, Copy: func(s string) error { copied = append(copied, s); return nil }})
	tm := uitest.NewFlow(t, app, 140, 35)

	var views []string
	see := func(want ...string) { views = append(views, tm.WaitLoaded(t, want...)) }
	press := func(r rune) { tm.Send(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{r}}) }

	see("all 1 loaded", "A***** T******")
	press('e')
	see("exported 1 row")
	tm.Send(tea.KeyMsg{Type: tea.KeyEnter})
	see("Call 2f1a")
	press('e')
	see("exported")
	tm.Send(tea.KeyMsg{Type: tea.KeyEsc})
	press('2')
	see("all 1 loaded", "+4520******", "sbc1.contoso.com")
	press('e')
	see("exported 1 row")
	press('3')
	see("all 1 loaded", "+4570******", "Denmark")
	press('e')
	see("exported 1 row")
	press('L')
	see("Requests", "/v1.0/communications/callRecords")
	tm.Send(tea.KeyMsg{Type: tea.KeyEnter})
	see("Graph request", "Request-id")

	final := tm.Quit(t).(*App)
	frames := tm.Output(t)
	texts := map[string]string{"frames": string(frames), "final view": final.View(), "views": strings.Join(views, "\n")}
	files, _ := filepath.Glob(filepath.Join(dir, "*"))
	if len(files) != 8 {
		t.Errorf("%d export files, want CSV and JSON of calls, the record, direct and pstn: %v", len(files), files)
	}
	masked := false
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		texts[filepath.Base(f)] = string(b)
		masked = masked || strings.Contains(string(b), "A***** T******")
	}
	if !masked {
		t.Error("no export holds the masked name")
	}
	for where, text := range texts {
		for _, p := range privacyPeople {
			if strings.Contains(text, p) {
				t.Errorf("%s holds %q", where, p)
			}
		}
		for _, s := range []string{token, token[:14], secret, secret[:14]} {
			if strings.Contains(text, s) {
				t.Errorf("%s holds the secret %q", where, s)
			}
		}
	}
	entries, _ := ev.Since(0)
	throttled := false
	for _, e := range entries {
		throttled = throttled || e.Throttle
	}
	if !throttled {
		t.Error("the fake throttled but the request log has no wait")
	}
}
