package logs

import (
	"strings"
	"testing"
	"time"

	"github.com/callscope/callscope/model"
	"github.com/callscope/callscope/model/directive"
	"github.com/callscope/callscope/ui/common"
	"github.com/callscope/callscope/ui/rowstore"
	"github.com/callscope/callscope/ui/uitest"
)

// applyLine applies line to a log screen and settles what it starts.
func applyLine(t *testing.T, s *List, line string) (*List, error) {
	t.Helper()
	cmd, err := s.ApplyDirectives(parsed(t, line))
	if err != nil {
		return s, err
	}
	got, _ := settle(t, s, cmd)
	return got.(*List), nil
}

// shownDR are the Direct Routing rows a log screen shows, in order.
func shownDR(s *List) []model.DirectRoutingRow {
	out := make([]model.DirectRoutingRow, s.tbl.Len())
	for i := range out {
		out[i] = drStore(s.feed).Row(s.rowAt(i))
	}
	return out
}

// wantDR counts the loaded rows keep passes.
func wantDR(s *List, keep func(model.DirectRoutingRow) bool) int {
	n := 0
	for i := range s.feed.Len() {
		if keep(drStore(s.feed).Row(int32(i))) {
			n++
		}
	}
	return n
}

// A prompt line's range and filters on a Direct Routing list: the range
// reloads, and the rows that arrive after the filter was set are filtered
// too; esc clears every local filter and keeps the range. (The root's
// TestPromptLineFiltersDirectRouting runs the same line through the App.)
func TestPromptLineFiltersDirectRouting(t *testing.T) {
	from, to := threeDays()
	s := openLog(t, logCommon(t), newDirectRouting(), from, to)
	s, err := applyLine(t, s, "-24h failed sip 487")
	if err != nil {
		t.Fatal(err)
	}
	if !s.feed.from.Equal(uitest.Now.Add(-24*time.Hour)) || !s.feed.to.Equal(uitest.Now) {
		t.Fatalf("range %v – %v", s.feed.from, s.feed.to)
	}
	keep := func(row model.DirectRoutingRow) bool { return !row.SuccessfulCall && row.FinalSIPCode == 487 }
	if s.feed.Len() == 0 || s.tbl.Len() != wantDR(s, keep) || s.tbl.Len() == 0 {
		t.Fatalf("%d shown of %d loaded, want %d", s.tbl.Len(), s.feed.Len(), wantDR(s, keep))
	}
	for _, row := range shownDR(s) {
		if !keep(row) {
			t.Fatalf("row %s shown: code %d successful %v", row.ID, row.FinalSIPCode, row.SuccessfulCall)
		}
	}
	if f := s.Status().Filter; !strings.Contains(f, "failures only") || !strings.Contains(f, "SIP 487") {
		t.Fatalf("header filter does not say the filter: %s", f)
	}
	if !enabledIn(s.ShortHelp(), uitest.KeyEsc) || !strings.Contains(s.ShortHelp()[1].Help().Desc, "clear filter") {
		t.Errorf("help does not offer esc: %v", s.ShortHelp())
	}
	got, _ := press(t, s, uitest.KeyEsc)
	s = got.(*List)
	if s.tbl.Len() != s.feed.Len() || s.filter.clearable() || !s.feed.from.Equal(uitest.Now.Add(-24*time.Hour)) {
		t.Fatalf("after esc: %d of %d shown, filter %+v", s.tbl.Len(), s.feed.Len(), s.filter)
	}
	if strings.Contains(s.Status().Filter, "SIP 487") {
		t.Fatalf("header filter still shows the filter: %s", s.Status().Filter)
	}
}

func TestPromptUserAndTrunkFilterLocally(t *testing.T) {
	from, to := threeDays()
	s := openLog(t, logCommon(t), newDirectRouting(), from, to)
	var sample model.DirectRoutingRow
	for i := range s.feed.Len() {
		if r := drStore(s.feed).Row(int32(i)); r.UserPrincipalName != "" && r.UserDisplayName != "" {
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
	s := openLog(t, logCommon(t), newDirectRouting(), from, to)
	var num string
	for i := range s.feed.Len() {
		if r := drStore(s.feed).Row(int32(i)); len(r.CalleeNumber) > 8 && strings.HasPrefix(r.CalleeNumber, "+") {
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
	s := openLog(t, logCommon(t), newPstn(), from, to)
	var upn string
	for i := range s.feed.Len() {
		if r := pstnStore(s.feed).Row(int32(i)); r.UserPrincipalName != "" {
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
		if r := pstnStore(s.feed).Row(s.rowAt(i)); !strings.EqualFold(r.UserPrincipalName, upn) &&
			!strings.Contains(strings.ToLower(r.UserPrincipalName), strings.ToLower(upn)) {
			t.Fatalf("row %s of %s shown", r.ID, r.UserPrincipalName)
		}
	}
	for _, line := range []string{"sip 403", "failed", "trunk x"} {
		if _, err := s.ApplyDirectives(parsed(t, line)); err == nil || !strings.Contains(err.Error(), "Direct Routing") {
			t.Errorf("%q on PSTN: %v", line, err)
		}
	}
}

func TestPromptRangeOnLogViews(t *testing.T) {
	from, to := threeDays()
	s := openLog(t, logCommon(t), newDirectRouting(), from, to)
	s, err := applyLine(t, s, "from -2h")
	if err != nil {
		t.Fatal(err)
	}
	if !s.feed.from.Equal(uitest.Now.Add(-2*time.Hour)) || !s.feed.to.Equal(uitest.Now) || s.feed.Len() == 0 {
		t.Fatalf("range %v – %v, %d rows", s.feed.from, s.feed.to, s.feed.Len())
	}
	if first := drStore(s.feed).Row(0); first.StartDateTime.Before(uitest.Now.Add(-2 * time.Hour)) {
		t.Fatalf("row 0 starts %v, before the new range", first.StartDateTime)
	}
	if _, err := s.ApplyDirectives(parsed(t, "from +1h")); err == nil || !strings.Contains(err.Error(), "must be before") {
		t.Fatalf("from after now: %v", err)
	}
	// to alone, before the start, takes the default length before it.
	s, _ = applyLine(t, s, "to -3h")
	if !s.feed.to.Equal(uitest.Now.Add(-3*time.Hour)) || !s.feed.from.Equal(uitest.Now.Add(-27*time.Hour)) {
		t.Fatalf("range %v – %v", s.feed.from, s.feed.to)
	}
	p := openLog(t, logCommon(t), newPstn(), from, to)
	if _, err := p.ApplyDirectives(parsed(t, "from -100d")); err == nil || !strings.Contains(err.Error(), "100 days") {
		t.Fatalf("PSTN over 90 days: %v", err)
	}
}

func TestPromptOnAGroupViewKeepsItsRange(t *testing.T) {
	from, to := threeDays()
	base := openLog(t, logCommon(t), newDirectRouting(), from, to)
	g := newList(base.c, base.feed, rowstore.LogGroup{Kind: rowstore.GroupTrunk, Name: drStore(base.feed).Row(0).TrunkFullyQualifiedDomainName})
	g.Update(common.BodySizeMsg{Width: 120, Height: 25})
	if _, err := g.ApplyDirectives(parsed(t, "from -1h")); err == nil || !strings.Contains(err.Error(), "fixed") {
		t.Fatalf("range on a group view: %v", err)
	}
	n := g.tbl.Len()
	if _, err := g.ApplyDirectives(parsed(t, "failed")); err != nil {
		t.Fatal(err)
	}
	for i := range g.tbl.Len() {
		if r := drStore(g.feed).Row(g.rowAt(i)); r.SuccessfulCall {
			t.Fatal("a successful call passes failed on a group view")
		}
	}
	if g.tbl.Len() >= n {
		t.Errorf("failed did not narrow the group: %d of %d", g.tbl.Len(), n)
	}
}

// A new range with a filter on a list already scrolled: the old cursor's
// row numbers belong to the old rows and must not be looked up in the new
// (still empty) store. This panicked once in the demo.
func TestPromptRangeAndFilterOnAScrolledList(t *testing.T) {
	from, to := threeDays()
	s := openLog(t, logCommon(t), newDirectRouting(), from, to)
	if s.tbl.Len() < 10 {
		t.Fatalf("want rows loaded, have %d", s.tbl.Len())
	}
	moved, _ := press(t, s, uitest.KeyDown, uitest.KeyDown, uitest.KeyDown, uitest.KeyDown, uitest.KeyDown)
	s2, err := applyLine(t, moved.(*List), "-7d failed sip 504")
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
	s := openLog(t, logCommon(t), newDirectRouting(), from, to)
	s, err := applyLine(t, s, "failed")
	if err != nil {
		t.Fatal(err)
	}
	if !s.filter.failuresOnly || s.tbl.Len() == s.feed.Len() {
		t.Fatalf("failed: %d of %d shown", s.tbl.Len(), s.feed.Len())
	}
	if !claimsBack(s) || !enabledIn(s.ShortHelp(), uitest.KeyEsc) {
		t.Fatal("esc is not offered to clear failed")
	}
	got, _ := press(t, s, uitest.KeyEsc)
	if s = got.(*List); s.filter.failuresOnly || s.tbl.Len() != s.feed.Len() {
		t.Fatalf("after esc: failures only %v, %d of %d shown", s.filter.failuresOnly, s.tbl.Len(), s.feed.Len())
	}
}
