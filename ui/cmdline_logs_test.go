package ui

import (
	"strings"
	"testing"
	"time"

	"github.com/callscope/callscope/graphclient/fakegraph"
	"github.com/callscope/callscope/model"
	"github.com/callscope/callscope/model/directive"
)

// parsed is line parsed at logNow; the test fails on a parse error.
func parsed(t *testing.T, line string) []directive.Directive {
	t.Helper()
	cmds, err := directive.Parse(line, logNow)
	if err != nil {
		t.Fatal(err)
	}
	return cmds
}

// applyLine applies line to a log screen and settles what it starts.
func applyLine(t *testing.T, s *logScreen, line string) (*logScreen, error) {
	t.Helper()
	cmd, err := s.applyCommands(parsed(t, line))
	if err != nil {
		return s, err
	}
	got, _ := settle(t, s, cmd)
	return got.(*logScreen), nil
}

// shownDR are the Direct Routing rows a log screen shows, in order.
func shownDR(s *logScreen) []model.DirectRoutingRow {
	out := make([]model.DirectRoutingRow, s.tbl.Len())
	for i := range out {
		out[i] = s.feed.dr.row(s.rowAt(i))
	}
	return out
}

// wantDR counts the loaded rows keep passes.
func wantDR(s *logScreen, keep func(model.DirectRoutingRow) bool) int {
	n := 0
	for i := range s.feed.Len() {
		if keep(s.feed.dr.row(int32(i))) {
			n++
		}
	}
	return n
}

func TestPromptLineFiltersDirectRouting(t *testing.T) {
	client, _ := logFake(t, demoTenant, fakegraph.Options{})
	a, r := cmdApp(t, client, "")
	r.run("direct -24h failed sip 487")
	s := a.top().(*logScreen)
	if a.view != ViewDirect || !s.feed.from.Equal(logNow.Add(-24*time.Hour)) || !s.feed.to.Equal(logNow) {
		t.Fatalf("view %d range %v – %v", a.view, s.feed.from, s.feed.to)
	}
	// The rows arrived after the filter was set: they are filtered too.
	keep := func(row model.DirectRoutingRow) bool { return !row.SuccessfulCall && row.FinalSIPCode == 487 }
	if s.feed.Len() == 0 || s.tbl.Len() != wantDR(s, keep) || s.tbl.Len() == 0 {
		t.Fatalf("%d shown of %d loaded, want %d", s.tbl.Len(), s.feed.Len(), wantDR(s, keep))
	}
	for _, row := range shownDR(s) {
		if !keep(row) {
			t.Fatalf("row %s shown: code %d successful %v", row.ID, row.FinalSIPCode, row.SuccessfulCall)
		}
	}
	h := a.headerView()
	if !strings.Contains(h, "failures only") || !strings.Contains(h, "SIP 487") {
		t.Fatalf("header does not say the filter: %s", h)
	}
	if !strings.Contains(a.footerView(), "esc clear filter") {
		t.Errorf("footer does not offer esc: %s", a.footerView())
	}
	// esc clears every local filter; the range stays.
	r.update(keyEsc)
	if s.tbl.Len() != s.feed.Len() || s.cmdf.active() || s.failuresOnly || !s.feed.from.Equal(logNow.Add(-24*time.Hour)) {
		t.Fatalf("after esc: %d of %d shown, filter %+v", s.tbl.Len(), s.feed.Len(), s.cmdf)
	}
	if strings.Contains(a.headerView(), "SIP 487") {
		t.Fatalf("header still shows the filter: %s", a.headerView())
	}
}

func TestPromptUserAndTrunkFilterLocally(t *testing.T) {
	from, to := threeDays()
	s := openLog(t, logCommon(t), logDirect, from, to)
	var sample model.DirectRoutingRow
	for i := range s.feed.Len() {
		if r := s.feed.dr.row(int32(i)); r.UserPrincipalName != "" && r.UserDisplayName != "" {
			sample = r
			break
		}
	}
	if sample.UserPrincipalName == "" {
		t.Fatal("no row with a user")
	}
	local := strings.ToUpper(strings.Split(sample.UserPrincipalName, "@")[0])
	s, err := applyLine(t, s, `user `+directive.Quote(local))
	if err != nil {
		t.Fatal(err)
	}
	byUPN := func(row model.DirectRoutingRow) bool {
		return strings.Contains(strings.ToLower(row.UserPrincipalName), strings.ToLower(local)) ||
			strings.Contains(strings.ToLower(row.UserDisplayName), strings.ToLower(local))
	}
	if n := wantDR(s, byUPN); s.tbl.Len() != n || n == 0 {
		t.Fatalf("user %s: %d shown, want %d", local, s.tbl.Len(), n)
	}
	// A display name, with a space, finds the same person.
	s, _ = applyLine(t, s, `user `+directive.Quote(sample.UserDisplayName))
	if s.tbl.Len() == 0 || !strings.EqualFold(shownDR(s)[0].UserDisplayName, sample.UserDisplayName) {
		t.Fatalf("by name %q: %d shown", sample.UserDisplayName, s.tbl.Len())
	}
	// The trunk narrows further: both filters hold.
	trunk := sample.TrunkFullyQualifiedDomainName
	part := strings.ToUpper(trunk[:len(trunk)/2])
	s, _ = applyLine(t, s, "trunk "+part)
	for _, row := range shownDR(s) {
		if !strings.EqualFold(row.UserDisplayName, sample.UserDisplayName) ||
			!strings.Contains(strings.ToLower(row.TrunkFullyQualifiedDomainName), strings.ToLower(part)) {
			t.Fatalf("row %s passes user %q and trunk %q", row.ID, sample.UserDisplayName, part)
		}
	}
	if !strings.Contains(s.Status().Filter, "trunk "+part) || !strings.Contains(s.Status().Filter, "user "+sample.UserDisplayName) {
		t.Fatalf("filter words %q", s.Status().Filter)
	}
}

func TestPromptUserMatchesPhoneDigits(t *testing.T) {
	from, to := threeDays()
	s := openLog(t, logCommon(t), logDirect, from, to)
	var num string
	for i := range s.feed.Len() {
		if r := s.feed.dr.row(int32(i)); len(r.CalleeNumber) > 8 && strings.HasPrefix(r.CalleeNumber, "+") {
			num = r.CalleeNumber
			break
		}
	}
	if num == "" {
		t.Fatal("no callee number in the demo rows")
	}
	// The query is the known start of the number, written with spaces and
	// dashes, as a support ticket would have it.
	digits := strings.TrimRight(num, "*")[:8]
	query := digits[:2] + " " + digits[2:5] + "-" + digits[5:]
	s, err := applyLine(t, s, "user "+directive.Quote(query))
	if err != nil {
		t.Fatal(err)
	}
	keep := func(row model.DirectRoutingRow) bool {
		return model.PhoneMatches(row.CallerNumber, query) || model.PhoneMatches(row.CalleeNumber, query)
	}
	if n := wantDR(s, keep); s.tbl.Len() != n || n == 0 {
		t.Fatalf("user %q: %d shown, want %d", query, s.tbl.Len(), n)
	}
}

func TestPromptUserOnPstn(t *testing.T) {
	from, to := threeDays()
	s := openLog(t, logCommon(t), logPstn, from, to)
	var upn string
	for i := range s.feed.Len() {
		if r := s.feed.pstn.row(int32(i)); r.UserPrincipalName != "" {
			upn = r.UserPrincipalName
			break
		}
	}
	s, err := applyLine(t, s, "user "+upn)
	if err != nil {
		t.Fatal(err)
	}
	if s.tbl.Len() == 0 {
		t.Fatal("nothing shown")
	}
	for i := range s.tbl.Len() {
		if r := s.feed.pstn.row(s.rowAt(i)); !strings.EqualFold(r.UserPrincipalName, upn) &&
			!strings.Contains(strings.ToLower(r.UserPrincipalName), strings.ToLower(upn)) {
			t.Fatalf("row %s of %s shown", r.ID, r.UserPrincipalName)
		}
	}
	for _, line := range []string{"sip 403", "failed", "trunk x"} {
		if _, err := s.applyCommands(parsed(t, line)); err == nil || !strings.Contains(err.Error(), "Direct Routing") {
			t.Errorf("%q on PSTN: %v", line, err)
		}
	}
}

func TestPromptRangeOnLogViews(t *testing.T) {
	from, to := threeDays()
	s := openLog(t, logCommon(t), logDirect, from, to)
	s, err := applyLine(t, s, "from -2h")
	if err != nil {
		t.Fatal(err)
	}
	if !s.feed.from.Equal(logNow.Add(-2*time.Hour)) || !s.feed.to.Equal(logNow) || s.feed.Len() == 0 {
		t.Fatalf("range %v – %v, %d rows", s.feed.from, s.feed.to, s.feed.Len())
	}
	if first := s.feed.dr.row(0); first.StartDateTime.Before(logNow.Add(-2 * time.Hour)) {
		t.Fatalf("row 0 starts %v, before the new range", first.StartDateTime)
	}
	if _, err := s.applyCommands(parsed(t, "from +1h")); err == nil || !strings.Contains(err.Error(), "must be before") {
		t.Fatalf("from after now: %v", err)
	}
	// to alone, before the start, takes the default length before it.
	s, _ = applyLine(t, s, "to -3h")
	if !s.feed.to.Equal(logNow.Add(-3*time.Hour)) || !s.feed.from.Equal(logNow.Add(-27*time.Hour)) {
		t.Fatalf("range %v – %v", s.feed.from, s.feed.to)
	}
	p := openLog(t, logCommon(t), logPstn, from, to)
	if _, err := p.applyCommands(parsed(t, "from -100d")); err == nil || !strings.Contains(err.Error(), "100 days") {
		t.Fatalf("PSTN over 90 days: %v", err)
	}
}

func TestPromptOnAGroupViewKeepsItsRange(t *testing.T) {
	from, to := threeDays()
	base := openLog(t, logCommon(t), logDirect, from, to)
	g := newLogScreenOn(base.c, base.feed, logGroup{kind: groupTrunk, name: base.feed.dr.row(0).TrunkFullyQualifiedDomainName})
	g.Update(bodySizeMsg{Width: 120, Height: 25})
	if _, err := g.applyCommands(parsed(t, "from -1h")); err == nil || !strings.Contains(err.Error(), "fixed") {
		t.Fatalf("range on a group view: %v", err)
	}
	n := g.tbl.Len()
	if _, err := g.applyCommands(parsed(t, "failed")); err != nil {
		t.Fatal(err)
	}
	for i := range g.tbl.Len() {
		if r := g.feed.dr.row(g.rowAt(i)); r.SuccessfulCall {
			t.Fatal("a successful call passes failed on a group view")
		}
	}
	if g.tbl.Len() >= n {
		t.Errorf("failed did not narrow the group: %d of %d", g.tbl.Len(), n)
	}
}

func TestPromptStalePersonAnswerIsDropped(t *testing.T) {
	c := testCommon(logNow)
	s := newCallsScreen(c, CallFilter{})
	s.Update(bodySizeMsg{Width: 120, Height: 21})
	if _, err := s.applyCommands(parsed(t, "from -1h user anette")); err != nil {
		t.Fatal(err)
	}
	first := s.cmd.waiting
	if _, err := s.applyCommands(parsed(t, "user sile")); err != nil {
		t.Fatal(err)
	}
	s.Update(personResolvedMsg{reqID: first, ID: "11111111-1111-4111-8111-111111111111", Display: "Anette Thomsen"})
	if s.filter.Participant != "" {
		t.Fatalf("a superseded lookup set the filter: %+v", s.filter)
	}
	if !s.Status().Loading || !strings.Contains(s.Status().Activity, "sile") {
		t.Errorf("status while looking up: %+v", s.Status())
	}
	s.Update(personResolvedMsg{reqID: s.cmd.waiting, ID: "33333333-3333-4333-8333-333333333333", Display: "Síle O'Brien"})
	if s.filter.Participant != "33333333-3333-4333-8333-333333333333" || !s.filter.From.IsZero() {
		t.Fatalf("filter %+v (the second line had no from)", s.filter)
	}
	if !strings.Contains(s.Status().Filter, "participant Síle O'Brien") {
		t.Fatalf("filter words %q", s.Status().Filter)
	}
}

// A new range with a filter on a list already scrolled: the old cursor's
// row numbers belong to the old rows and must not be looked up in the new
// (still empty) store. This panicked once in the demo.
func TestPromptRangeAndFilterOnAScrolledList(t *testing.T) {
	from, to := threeDays()
	s := openLog(t, logCommon(t), logDirect, from, to)
	if s.tbl.Len() < 10 {
		t.Fatalf("want rows loaded, have %d", s.tbl.Len())
	}
	moved, _ := press(t, s, keyDown, keyDown, keyDown, keyDown, keyDown)
	s2, err := applyLine(t, moved.(*logScreen), "-7d failed sip 504")
	if err != nil {
		t.Fatal(err)
	}
	for _, row := range shownDR(s2) {
		if row.SuccessfulCall || row.FinalSIPCode != 504 {
			t.Fatalf("row %s shown: code %d", row.ID, row.FinalSIPCode)
		}
	}
}

// ":failed" alone is a filter the README says esc clears, as it clears
// user, sip and trunk; the help offers it.
func TestEscClearsFailedAlone(t *testing.T) {
	from, to := threeDays()
	s := openLog(t, logCommon(t), logDirect, from, to)
	s, err := applyLine(t, s, "failed")
	if err != nil {
		t.Fatal(err)
	}
	if !s.failuresOnly || s.tbl.Len() == s.feed.Len() {
		t.Fatalf("failed: %d of %d shown", s.tbl.Len(), s.feed.Len())
	}
	if !claimsBack(s) || !enabledIn(s.ShortHelp(), keyEsc) {
		t.Fatal("esc is not offered to clear failed")
	}
	got, _ := press(t, s, keyEsc)
	if s = got.(*logScreen); s.failuresOnly || s.tbl.Len() != s.feed.Len() {
		t.Fatalf("after esc: failures only %v, %d of %d shown", s.failuresOnly, s.tbl.Len(), s.feed.Len())
	}
}
