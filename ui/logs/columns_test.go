package logs

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/callscope/callscope/graphclient/fakegraph"
	"github.com/callscope/callscope/model"
	"github.com/callscope/callscope/ui/common"
	"github.com/callscope/callscope/ui/uitest"
)

// headerOf is the list's column header: the titles drawn, one space apart.
func headerOf(s *List) string {
	line, _, _ := strings.Cut(s.View(), "\n")
	return strings.Join(strings.Fields(line), " ")
}

// lineOf is the list's line for table row n (0 is the first row).
func lineOf(s *List, n int) string { return strings.Split(s.View(), "\n")[1+n] }

// choose shows exactly the titled columns, as the chooser's apply does.
func choose(t *testing.T, s *List, titles ...string) {
	t.Helper()
	all := s.ColumnTitles()
	visible := make([]bool, len(all))
	for _, title := range titles {
		i := slices.Index(all, title)
		if i < 0 {
			t.Fatalf("no column %q in %v", title, all)
		}
		visible[i] = true
	}
	s.SetVisibleColumns(visible)
	if got := s.VisibleColumns(); !slices.Equal(got, visible) {
		t.Fatalf("visible %v, want %v", got, visible)
	}
}

// The Direct Routing list offers every field of its rows; the ones past
// the first ten start hidden, so the list opens as it always did.
func TestDirectListOffersEveryFieldHiddenByDefault(t *testing.T) {
	from, to := threeDays()
	s := openLog(t, logCommon(t), newDirectRouting(), from, to)
	s.Update(common.BodySizeMsg{Width: 200, Height: 20})
	if h := headerOf(s); h != "Start User Caller → Callee Type Result SIP Sub Trunk Dur Loc" {
		t.Fatalf("default header %q", h)
	}
	more := []string{"Invite", "Failure", "End", "Phrase", "Media path", "Bypass", "Caller", "Callee",
		"Display name", "UPN", "User id", "Correlation id", "Id"}
	titles := s.ColumnTitles()
	if !slices.Equal(titles[10:], more) || !slices.Equal(DirectColumnTitles(), titles) {
		t.Fatalf("titles %v", titles)
	}
	visible := s.VisibleColumns()
	if len(visible) != len(titles) || slices.Contains(visible[:10], false) || slices.Contains(visible[10:], true) {
		t.Fatalf("visible %v", visible)
	}
	// A choice shorter than the columns shows the report's own columns
	// past its end, as table.ChooseColumns does, and no more column.
	s.SetVisibleColumns([]bool{true, false, false, false, true})
	if h := headerOf(s); h != "Start Result SIP Sub Trunk Dur Loc" {
		t.Fatalf("short choice: header %q", h)
	}
}

// Choosing more columns draws the row's values in them, read from the
// stored row; a field Graph did not send is "—".
func TestChosenDirectColumnsDrawTheirValues(t *testing.T) {
	start := uitest.Now.Add(-2 * time.Hour)
	tenant := fakegraph.NewTenant()
	tenant.AddDirectRoutingRows(
		model.DirectRoutingRow{ID: "3f2a0000-0000-4000-8000-0000000000aa", CorrelationID: "c0de0000-0000-4000-8000-0000000000aa",
			UserPrincipalName: "anette@contoso.com", UserDisplayName: "Anette Berg", StartDateTime: model.NewTime(start),
			InviteDateTime: model.NewTime(start.Add(time.Second)), FailureDateTime: model.NewTime(start.Add(3 * time.Second)),
			FinalSIPCode: 487, FinalSIPCodePhrase: "Request Terminated", MediaPathLocation: "EU", MediaBypassEnabled: true,
			TrunkFullyQualifiedDomainName: "sbc1.contoso.com"},
		model.DirectRoutingRow{ID: "3f2a0000-0000-4000-8000-0000000000bb", StartDateTime: model.NewTime(start.Add(time.Minute)),
			SuccessfulCall: true, TrunkFullyQualifiedDomainName: "sbc1.contoso.com", Unreported: model.LogMediaBypassEnabled},
	)
	client, _ := logFake(t, tenant, fakegraph.Options{Clock: func() time.Time { return uitest.Now }})
	c := logCommonWith(client)
	s := openLog(t, c, newDirectRouting(), uitest.Now.Add(-24*time.Hour), uitest.Now)
	s.Update(common.BodySizeMsg{Width: 200, Height: 20})
	choose(t, s, "Start", "Result", "Failure", "Phrase", "Media path", "Bypass", "Display name", "Correlation id")
	if h := headerOf(s); h != "Start Result Failure Phrase Media path Bypass Display name Correlation id" {
		t.Fatalf("header %q", h)
	}
	st := drStore(s.feed)
	rows := map[string]string{} // id -> line
	for n := range 2 {
		rows[st.ID(s.rowAt(n))] = lineOf(s, n)
	}
	fail := start.Add(3 * time.Second).In(c.Loc()).Format(common.StartLayout)
	uitest.ViewHas(t, rows["3f2a0000-0000-4000-8000-0000000000aa"], "FAILED", fail, "Request Terminated", " EU ", " yes ",
		"Anette Berg", "c0de0000-0000-4000-8000-0000000000aa")
	// No failure time, phrase, location, name or correlation id, and a
	// null bypass: a dash each (start, result and six dashes).
	other := rows["3f2a0000-0000-4000-8000-0000000000bb"]
	if f := strings.Fields(other); len(f) != 9 || f[2] != "OK" || strings.Count(other, "—") != 6 {
		t.Fatalf("a row without those fields: %q", other)
	}
	// Hiding them again gives the default columns back their widths.
	s.SetVisibleColumns(s.VisibleColumns()[:10])
	if h := headerOf(s); h != "Start Result" {
		t.Fatalf("header %q", h)
	}
}

// The PSTN list offers its rows' other fields the same way.
func TestChosenPstnColumnsDrawTheirValues(t *testing.T) {
	start := uitest.Now.Add(-2 * time.Hour)
	charge := 0.07
	tenant := fakegraph.NewTenant()
	tenant.AddPstnRows(model.PstnRow{ID: "3f2a0000-0000-4000-8000-0000000000cc", StartDateTime: model.NewTime(start),
		EndDateTime: model.NewTime(start.Add(time.Minute)), Duration: 60, ConnectionCharge: &charge, Currency: "EUR",
		Operator: "Contoso Telecom", UsageCountryCode: "DE", CallID: "1c0d0000-0000-4000-8000-0000000000cc"})
	client, _ := logFake(t, tenant, fakegraph.Options{Clock: func() time.Time { return uitest.Now }})
	s := openLog(t, logCommonWith(client), newPstn(), uitest.Now.Add(-24*time.Hour), uitest.Now)
	s.Update(common.BodySizeMsg{Width: 200, Height: 20})
	if h := headerOf(s); h != "Start User Caller → Callee Type Dur Charge Destination License" {
		t.Fatalf("default header %q", h)
	}
	if !slices.Equal(PstnColumnTitles(), s.ColumnTitles()) || len(s.ColumnTitles()) != 25 {
		t.Fatalf("titles %v", s.ColumnTitles())
	}
	choose(t, s, "Start", "Connection charge", "Operator", "Usage country", "Inventory", "Call id")
	if h := headerOf(s); h != "Start Connection charge Inventory Operator Usage country Call id" {
		t.Fatalf("header %q", h)
	}
	uitest.ViewHas(t, lineOf(s, 0), "0.07 EUR", "Contoso Telecom", " DE ", " — ", "1c0d0000-0000-4000-8000-0000000000cc")
}

// Each column has its own name in the config file's columns: section.
func TestLogColumnKeysAreDistinct(t *testing.T) {
	for kind, titles := range map[string][]string{"direct": DirectColumnTitles(), "pstn": PstnColumnTitles()} {
		seen := map[string]string{}
		for _, title := range titles {
			k := common.ColumnKey(title)
			if other, ok := seen[k]; ok {
				t.Errorf("%s: %q and %q are both %q", kind, other, title, k)
			}
			seen[k] = title
		}
	}
}
