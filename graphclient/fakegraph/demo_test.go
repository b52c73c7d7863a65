package fakegraph

import (
	"encoding/json"
	"fmt"
	"os"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/callscope/callscope/model"
)

func mustJSON(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestDemoDeterministic(t *testing.T) {
	a, b := demo(), DemoTenant(testNow.Add(25*time.Minute)) // same hour
	if mustJSON(t, a.Records()) != mustJSON(t, b.Records()) ||
		mustJSON(t, a.DirectRoutingRows()) != mustJSON(t, b.DirectRoutingRows()) ||
		mustJSON(t, a.PstnRows()) != mustJSON(t, b.PstnRows()) || mustJSON(t, a.Users()) != mustJSON(t, b.Users()) {
		t.Fatal("DemoTenant differs within one hour")
	}
	for _, id := range []string{demoRecords().mostSessions, demoRecords().acs, a.Records()[0].ID} {
		ra, _ := a.Record(id)
		rb, _ := b.Record(id)
		if mustJSON(t, ra) != mustJSON(t, rb) {
			t.Fatalf("record %s detail differs between builds", id)
		}
		if again, _ := a.Record(id); mustJSON(t, again) != mustJSON(t, ra) {
			t.Fatalf("record %s detail differs between requests", id)
		}
	}
	c := DemoTenant(testNow.Add(time.Hour))
	if c.Records()[0].StartDateTime.Equal(a.Records()[0].StartDateTime.Time) {
		t.Error("a tenant built an hour later should be dated an hour later")
	}
}

func TestDemoRecords(t *testing.T) {
	ten := demo()
	recs := ten.Records()
	// About 2,000 ordinary records, plus one for each Direct Routing call of
	// the last week (demo_backed.go).
	if n := len(recs); n < 5000 || n > 8000 {
		t.Fatalf("%d records, want about 2,000 plus one per recent Direct Routing call", n)
	}
	oldest, newest := testNow.Add(-retention), testNow.Add(-demoNewest)
	types, mods, kinds := map[string]int{}, map[string]int{}, map[string]int{}
	var cjk, emoji, long, bigSessions, bigParts, failedSetup, failedMid int
	for _, h := range recs {
		if h.StartDateTime.Before(oldest) || h.EndDateTime.After(newest) || h.LastModifiedDateTime.Before(h.EndDateTime.Time) {
			t.Fatalf("record %s dated %s..%s outside the window", h.ID, h.StartDateTime, h.EndDateTime)
		}
		if h.Version < 1 || h.Version > 3 || (h.Type == "groupCall") != (h.JoinWebURL != "") {
			t.Fatalf("record %s: version %d, type %s, joinWebUrl %q", h.ID, h.Version, h.Type, h.JoinWebURL)
		}
		types[h.Type]++
		for _, m := range h.Modalities {
			mods[m]++
		}
		full, _ := ten.Record(h.ID)
		bigSessions += b2i(len(full.Sessions) > 60)
		bigParts += b2i(len(full.ParticipantsV2) > 130)
		for _, p := range full.ParticipantsV2 {
			_, k := p.Identity.DisplayText()
			kinds[string(k)]++
			name, _ := p.Identity.DisplayText()
			cjk += b2i(strings.ContainsAny(name, "山佐王陈김이中"))
			emoji += b2i(strings.ContainsAny(name, "🚀🎧☕🌸🩺🤖"))
			long += b2i(utf8.RuneCountInString(name) >= 30)
			if p.Identity.User != nil && (p.Identity.User.UserPrincipalName == "" && p.Identity.User.TenantID == DefaultTenantID || p.Identity.User.TenantID == "") {
				t.Fatalf("user participant %s lacks UPN or tenantId", p.ID)
			}
			if p.Identity.Phone != nil && (!strings.HasPrefix(p.ID, "+") || p.Identity.Phone.DisplayName != "") {
				t.Fatalf("phone participant %+v", p.Identity.Phone)
			}
		}
		for _, s := range full.Sessions {
			if s.FailureInfo != nil {
				failedSetup += b2i(s.FailureInfo.Stage == model.FailureStageCallSetup)
				failedMid += b2i(s.FailureInfo.Stage == model.FailureStageMidcall)
			}
		}
	}
	for _, ty := range []string{"groupCall", "peerToPeer", "unknown", "unknownFutureValue"} {
		if types[ty] == 0 {
			t.Errorf("no record of type %s", ty)
		}
	}
	if types["unknownFutureValue"] > 20 {
		t.Errorf("%d unknownFutureValue records; a few are enough", types["unknownFutureValue"])
	}
	for _, m := range []string{"audio", "video", "screenSharing", "videoBasedScreenSharing", "data", "unknown"} {
		if mods[m] == 0 {
			t.Errorf("no record with modality %s", m)
		}
	}
	for _, k := range []model.IdentityKind{model.KindUser, model.KindGuest, model.KindPhone, model.KindACSUser, model.KindAppInstance, model.KindApplication} {
		if kinds[string(k)] == 0 {
			t.Errorf("no participant of kind %s", k)
		}
	}
	if cjk == 0 || emoji == 0 || long == 0 || bigSessions < 2 || bigParts < 2 || failedSetup == 0 || failedMid == 0 {
		t.Errorf("cjk %d emoji %d long %d, >60 sessions %d, >130 participants %d, failures %d/%d",
			cjk, emoji, long, bigSessions, bigParts, failedSetup, failedMid)
	}
	if len(ten.Users()) < 300 || ten.Users()[0].UserPrincipalName == "" {
		t.Errorf("%d users", len(ten.Users()))
	}
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

func TestDemoDirectRouting(t *testing.T) {
	ten := demo()
	rows := ten.DirectRoutingRows()
	if n := len(rows); n < 19000 || n > 21000 {
		t.Fatalf("%d rows, want about 20,000", n)
	}
	byID := map[string]model.CallRecord{}
	for _, h := range ten.Records() {
		byID[h.ID] = h
	}
	mix := map[string]bool{}
	for _, o := range DemoSIPMix {
		mix[fmt.Sprintf("%d/%d/%s", o.Code, o.Subcode, o.Phrase)] = true
	}
	inc := newIncidents(testNow.Truncate(time.Hour))
	linked, outage, callTypes := 0, 0, map[string]int{}
	for _, r := range rows {
		callTypes[r.CallType]++
		if !mix[fmt.Sprintf("%d/%d/%s", r.FinalSIPCode, r.CallEndSubReason, r.FinalSIPCodePhrase)] {
			t.Fatalf("row %s outcome %d/%d %q is not in DemoSIPMix", r.ID, r.FinalSIPCode, r.CallEndSubReason, r.FinalSIPCodePhrase)
		}
		if r.SuccessfulCall != (r.FinalSIPCode == 0) || r.SuccessfulCall == r.EndDateTime.IsZero() || r.SuccessfulCall != r.FailureDateTime.IsZero() {
			t.Fatalf("row %s: success %v with end %v failure %v", r.ID, r.SuccessfulCall, r.EndDateTime, r.FailureDateTime)
		}
		if !strings.HasSuffix(r.CallerNumber, "***") || !strings.HasSuffix(r.CalleeNumber, "***") {
			t.Fatalf("row %s numbers not masked: %s %s", r.ID, r.CallerNumber, r.CalleeNumber)
		}
		if (r.UserID == "") != strings.HasSuffix(r.CallType, "Ucap") {
			t.Fatalf("row %s: %s with user %q", r.ID, r.CallType, r.UserID)
		}
		if rec, ok := byID[r.CorrelationID]; ok {
			linked++
			// A row and its record agree: the row starts inside the call.
			if r.StartDateTime.Before(rec.StartDateTime.Time) || r.StartDateTime.After(rec.EndDateTime.Time) {
				t.Fatalf("row %s starts %s outside record %s (%s..%s)", r.ID, r.StartDateTime, rec.ID, rec.StartDateTime, rec.EndDateTime)
			}
			if r.UserID != "" && !demoRecordHas(ten, rec.ID, r.UserID) {
				t.Fatalf("row %s user %s is not in record %s", r.ID, r.UserID, rec.ID)
			}
		}
		if r.TrunkFullyQualifiedDomainName == "sbc2.contoso.com" && inc.down(trunkSBC2, r.StartDateTime.Time) {
			outage++
			if r.FinalSIPCode != 504 {
				t.Fatalf("row %s during the sbc2 outage ended %d", r.ID, r.FinalSIPCode)
			}
		}
		if r.TrunkFullyQualifiedDomainName == "sbc-branch.contoso.com" && inc.down(trunkBranch, r.StartDateTime.Time) &&
			(r.CallEndSubReason != 569008 || r.CallType != "ByotOut") {
			t.Fatalf("row %s after the branch certificate expired: %s %d", r.ID, r.CallType, r.CallEndSubReason)
		}
	}
	// Every record-backed call has its row; the rest give 404 on purpose.
	if linked < len(rows)/20 || len(rows)-linked < len(rows)/2 {
		t.Errorf("%d of %d correlationIds resolve", linked, len(rows))
	}
	if outage < 150 {
		t.Errorf("only %d rows in the sbc2 outage burst", outage)
	}
	for _, ct := range []string{"ByotIn", "ByotOut", "ByotInUcap", "ByotOutUserTransfer", "ByotOutUserForwarding"} {
		if callTypes[ct] == 0 {
			t.Errorf("no %s row", ct)
		}
	}
}

func demoRecordHas(ten *Tenant, recID, participant string) bool {
	e, _ := ten.entry(recID)
	return e.detail.hasParticipant(participant)
}

// TestDemoSIPMixExplained checks each demo outcome against the shared SIP
// research: the code is a known SIP code and the subcode is documented as
// reported with it.
func TestDemoSIPMixExplained(t *testing.T) {
	read := func(name string) map[string]string {
		b, err := os.ReadFile("../../testdata/sip/" + name)
		if err != nil {
			t.Fatal(err)
		}
		m := map[string]string{}
		for _, line := range strings.Split(string(b), "\n")[1:] {
			if f := strings.Split(line, "\t"); len(f) > 1 {
				m[f[0]] = f[1]
			}
		}
		return m
	}
	codes, subs := read("sip-codes.tsv"), read("ms-subcodes.tsv")
	for _, o := range DemoSIPMix {
		if _, ok := codes[fmt.Sprint(o.Code)]; !ok {
			t.Errorf("SIP code %d is not in sip-codes.tsv", o.Code)
		}
		meaning, ok := subs[fmt.Sprint(o.Subcode)]
		if !ok || !strings.Contains(meaning, fmt.Sprintf("SIP %d:", o.Code)) {
			t.Errorf("subcode %d with SIP %d is not documented in ms-subcodes.tsv", o.Subcode, o.Code)
		}
		if o.Phrase == "" {
			t.Errorf("%d/%d has no phrase", o.Code, o.Subcode)
		}
	}
}

func TestDemoPstn(t *testing.T) {
	rows := demo().PstnRows()
	if len(rows) != demoPstnRows {
		t.Fatalf("%d PSTN rows", len(rows))
	}
	seen := map[string]bool{}
	for _, r := range rows {
		for _, v := range []string{r.CallType, r.LicenseCapability, r.Operator, r.CallDurationSource, r.Currency, r.UsageCountryCode, r.DestinationName} {
			seen[v] = true
		}
		if r.Charge == nil || r.ConnectionCharge == nil || r.EndDateTime.Sub(r.StartDateTime.Time) != time.Duration(r.Duration)*time.Second {
			t.Fatalf("row %s: charges or duration inconsistent", r.ID)
		}
	}
	for _, v := range []string{"user_in", "user_out", "ucap_in", "ucap_out", "conf_in", "MCOPSTN1", "MCOPSTNU",
		"Microsoft", "operator", "microsoft", "USD", "EUR", "GB", "United States"} {
		if !seen[v] {
			t.Errorf("no PSTN row with %s", v)
		}
	}
}

// BenchmarkDemoTenant measures building the demo tenant (target < 300 ms).
func BenchmarkDemoTenant(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		DemoTenant(testNow)
	}
}
