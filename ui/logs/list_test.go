package logs

import (
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/callscope/callscope/model"
	"github.com/callscope/callscope/ui/common"
	"github.com/callscope/callscope/ui/rowstore"
	"github.com/callscope/callscope/ui/uitest"
	tea "github.com/charmbracelet/bubbletea"
)

func TestLogPagingOverTheFake(t *testing.T) {
	from, to := threeDays()
	want := demoRowsIn(from, to)
	if len(want) <= 2000 || len(want) > 3000 {
		t.Fatalf("the demo has %d rows in three days; the test wants 2001..3000", len(want))
	}
	s := openLog(t, logCommon(t), newDirectRouting(), from, to)
	if st := s.Status(); st.Loaded != 1000 || !st.More || st.Loading {
		t.Fatalf("after the first page: %+v", st)
	}
	// Nothing is fetched until the cursor is within a screenful (24 rows)
	// of row 999.
	s.tbl.SetCursor(999 - 24 - 2)
	if _, cmd := s.Update(uitest.KeyDown); cmd != nil || s.Status().Loading {
		t.Fatalf("cursor %d, 25 rows from the end, fetched early", s.tbl.Cursor())
	}
	_, cmd := s.Update(uitest.KeyDown)
	if cmd == nil || !s.Status().Loading {
		t.Fatalf("cursor %d, 24 rows from the end, did not fetch", s.tbl.Cursor())
	}
	inflight := s.feed.Pending
	for _, k := range []tea.KeyMsg{uitest.KeyUp, uitest.KeyDown, uitest.KeyEnd} {
		if _, c := s.Update(k); c != nil || s.feed.Pending != inflight {
			t.Fatal("a second request went out while one is in flight")
		}
	}
	got, _ := settle(t, s, cmd)
	s = got.(*List)
	for s.Status().More {
		got, _ = press(t, s, uitest.KeyEnd)
		s = got.(*List)
	}
	if st := s.Status(); st.Loaded != len(want) || st.More {
		t.Fatalf("after paging: loaded %d of %d, more %v", st.Loaded, len(want), st.More)
	}
	for _, i := range []int{0, 999, 1000, len(want) - 1} {
		if got := drStore(s.feed).Row(int32(i)); got.ID != want[i].ID {
			t.Fatalf("row %d is %s, want %s (rows must stay in Graph's order)", i, got.ID, want[i].ID)
		}
	}
}

func TestLogStalePageIsDropped(t *testing.T) {
	from, to := threeDays()
	c := logCommon(t)
	s := NewDirect(c, from, to)
	s.Update(common.BodySizeMsg{Width: 120, Height: 25})
	first := s.Init()
	stale := first() // the answer to the first range
	// A new range before the answer lands: a new feed and request.
	reload := s.reload(from.Add(24*time.Hour), to)
	s.Update(stale)
	if s.feed.Len() != 0 || !s.Status().Loading {
		t.Fatalf("a stale page was taken: %d rows", s.feed.Len())
	}
	got, _ := settle(t, s, reload)
	s = got.(*List)
	if n := s.feed.Len(); n == 0 || n > 1000 {
		t.Fatalf("after the new range's page: %d rows", n)
	}
	if first := drStore(s.feed).Row(0); first.StartDateTime.Before(from.Add(24 * time.Hour)) {
		t.Fatalf("row 0 starts %v, before the new range", first.StartDateTime)
	}
}

func TestLogFailuresOnlyKeepsCursorRow(t *testing.T) {
	from, to := threeDays()
	s := openLog(t, logCommon(t), newDirectRouting(), from, to)
	// Put the cursor on a failed row, then one past it on a success.
	failedPos := -1
	for i := 10; i < s.tbl.Len(); i++ {
		if drStore(s.feed).Failed(int32(i)) && !drStore(s.feed).Failed(int32(i+1)) {
			failedPos = i
			break
		}
	}
	if failedPos < 0 {
		t.Fatal("no failed row followed by a success in the first page")
	}
	s.tbl.SetCursor(failedPos)
	press(t, s, uitest.KeyRune('f'))
	if !s.filter.failuresOnly || s.Status().Filter == "" || !strings.Contains(s.Status().Filter, "failures only") {
		t.Fatalf("f did not turn failures-only on: %+v", s.Status())
	}
	for pos := 0; pos < s.tbl.Len(); pos++ {
		if !drStore(s.feed).Failed(s.rowAt(pos)) {
			t.Fatalf("row %d shown with failures only is a success", s.rowAt(pos))
		}
	}
	if got := s.rowAt(s.tbl.Cursor()); got != int32(failedPos) {
		t.Fatalf("cursor on row %d, want %d", got, failedPos)
	}
	if !strings.Contains(s.View(), "FAILED") || strings.Contains(s.View(), " OK ") {
		t.Fatal("the view must show FAILED rows only")
	}
	// Off again, then on with the cursor on a success: the next failure.
	press(t, s, uitest.KeyRune('f'))
	if !s.identity || s.rowAt(s.tbl.Cursor()) != int32(failedPos) {
		t.Fatalf("f off: identity %v, cursor row %d", s.identity, s.rowAt(s.tbl.Cursor()))
	}
	s.tbl.SetCursor(failedPos + 1)
	press(t, s, uitest.KeyRune('f'))
	want := int32(failedPos + 2)
	for !drStore(s.feed).Failed(want) {
		want++
	}
	if got := s.rowAt(s.tbl.Cursor()); got != want {
		t.Fatalf("cursor on row %d, want the next failure %d", got, want)
	}
}

func TestLogFailuresOnlyIsDirectRoutingOnly(t *testing.T) {
	from, to := threeDays()
	s := openLog(t, logCommon(t), newPstn(), from, to)
	n := s.tbl.Len()
	press(t, s, uitest.KeyRune('f'))
	if s.filter.failuresOnly || s.tbl.Len() != n {
		t.Fatal("f changed the PSTN view, whose rows have no outcome")
	}
	for _, b := range s.ShortHelp() {
		if b.Help().Desc == "failures only" {
			t.Fatal("PSTN help offers failures only")
		}
	}
	dr := openLog(t, logCommon(t), newDirectRouting(), from, to)
	found := false
	for _, b := range dr.ShortHelp() {
		found = found || b.Help().Desc == "failures only"
	}
	if !found {
		t.Fatal("Direct Routing help lacks failures only")
	}
}

// sortBy opens the picker and picks the column named name.
func sortBy(t *testing.T, s *List, name string) {
	t.Helper()
	press(t, s, uitest.KeyRune('s'))
	if s.picker == nil || !s.Capturing() {
		t.Fatal("s did not open the sort picker")
	}
	for i := 0; i < len(s.cols)+1; i++ {
		if c := s.picker.cursor - 1; c >= 0 && s.cols[c].Name == name {
			press(t, s, uitest.KeyEnter)
			return
		}
		press(t, s, uitest.KeyDown)
	}
	t.Fatalf("no column %q in the picker", name)
}

func TestLogSortKeepsCursorRow(t *testing.T) {
	from, to := threeDays()
	s := openLog(t, logCommon(t), newDirectRouting(), from, to)
	s.tbl.SetCursor(321)
	row := s.rowAt(321)
	sortBy(t, s, "duration")
	if s.sort.col != rowstore.DRColDuration || !s.sort.desc || !strings.Contains(s.Status().Filter, "sorted by duration ↓") {
		t.Fatalf("sort = %d desc %v header %q", s.sort.col, s.sort.desc, s.Status().Filter)
	}
	if got := s.rowAt(s.tbl.Cursor()); got != row {
		t.Fatalf("cursor on row %d after sorting, want %d", got, row)
	}
	prev := int32(1 << 30)
	for pos := 0; pos < s.tbl.Len(); pos++ {
		d := drStore(s.feed).Rows.At(s.rowAt(pos)).Duration
		if d > prev {
			t.Fatalf("position %d: duration %d after %d, not descending", pos, d, prev)
		}
		prev = d
	}
	// Picking the same column reverses it; the cursor stays.
	sortBy(t, s, "duration")
	if s.sort.desc || s.rowAt(s.tbl.Cursor()) != row {
		t.Fatalf("reverse: desc %v, cursor row %d", s.sort.desc, s.rowAt(s.tbl.Cursor()))
	}
	// Sorted, failures only: new pages merge in order.
	sortBy(t, s, "trunk")
	press(t, s, uitest.KeyRune('f'))
	got, _ := press(t, s, uitest.KeyEnd)
	s = got.(*List)
	if s.feed.Len() <= 1000 {
		t.Fatal("End should have loaded the next page")
	}
	want := rowstore.BuildView(s.feed.Len(), s.match, drStore(s.feed).SortKey(rowstore.DRColTrunk), false)
	if !slices.Equal(s.view.Rows(), want) {
		t.Fatal("rows merged from a new page are out of order")
	}
}

func TestLogCellsShowOutcomeInText(t *testing.T) {
	from, to := threeDays()
	s := openLog(t, logCommon(t), newDirectRouting(), from, to)
	v := s.View()
	// At 120 columns sbc-branch.contoso.com does not fit the trunk column,
	// so every trunk drops the domain they share; wide enough, all show whole.
	viewHas(t, v, "Start", "Caller → Callee", "Result", "SIP", "Trunk", "OK", " sbc1 ", " sbc-branch ")
	s.Update(common.BodySizeMsg{Width: 200, Height: 25})
	viewHas(t, s.View(), "sbc1.contoso.com", "sbc-branch.contoso.com")
	if !strings.Contains(s.Status().Filter, "2026-11-17 14:00 → 2026-11-20 14:00") {
		t.Fatalf("header filter %q lacks the range", s.Status().Filter)
	}
}

// A page with no rows but a nextLink is not the end: the list keeps saying
// it loads, and fetches the next page, rather than claim the range is empty.
func TestLogEmptyPageWithNextLinkIsStillLoading(t *testing.T) {
	from, to := threeDays()
	s := NewDirect(logCommon(t), from, to)
	s.Update(common.BodySizeMsg{Width: 120, Height: 25})
	s.Init()
	_, cmd := s.Update(pageMsg{reqID: s.feed.Pending, page: &model.Page[model.DirectRoutingRow]{NextLink: "https://graph/next-1"}})
	if cmd == nil || s.feed.Pending == 0 {
		t.Fatal("an empty page with a nextLink must fetch the next one")
	}
	v := s.View()
	if strings.Contains(v, "No Direct Routing calls") || !strings.Contains(v, "Loading Direct Routing calls") {
		t.Fatalf("view while the next page loads:\n%s", v)
	}
	s.Update(pageMsg{reqID: s.feed.Pending, page: &model.Page[model.DirectRoutingRow]{}})
	viewHas(t, s.View(), "No Direct Routing calls between")
}

// A summary group's view neither pages nor reloads: when the summary's load
// failed, it must not offer r to retry, and in a SIP code group, whose rows
// all failed, f changes nothing and is not offered either.
func TestGroupViewOffersOnlyWhatItDoes(t *testing.T) {
	from, to := threeDays()
	f := newFeed(newDirectRouting(), from, to)
	f.Started = true
	for i, ok := range []bool{false, true, false} {
		drStore(f).Add(&model.DirectRoutingRow{ID: "row-" + common.Itoa(int64(i)), StartDateTime: model.NewTime(from.Add(time.Duration(i) * time.Hour)),
			SuccessfulCall: ok, FinalSIPCode: map[bool]int32{false: 503, true: 0}[ok], CallEndSubReason: map[bool]int32{false: 560503, true: 540000}[ok]})
	}
	f.Err = errors.New("load Direct Routing calls: connection reset")
	c := uitest.Common(uitest.Now)
	var v common.Screen = newList(c, f, rowstore.LogGroup{Kind: rowstore.GroupCode, Code: 503, Subcode: 560503})
	v, _ = v.Update(common.BodySizeMsg{Width: 120, Height: 25})
	s := v.(*List)
	if s.tbl.Len() != 2 {
		t.Fatalf("group view shows %d rows, want 2", s.tbl.Len())
	}
	if strings.Contains(s.View(), "to retry") || s.Status().Err != nil {
		t.Fatalf("a group view offers a retry r cannot do:\n%s\nstatus %+v", s.View(), s.Status())
	}
	viewHas(t, s.View(), "connection reset")
	if enabledIn(s.ShortHelp(), uitest.KeyRune('f')) {
		t.Fatal("f offered in a SIP code group, where every row failed")
	}
	s.Update(uitest.KeyRune('f'))
	if s.filter.failuresOnly || strings.Contains(s.Status().Filter, "failures only") {
		t.Fatalf("f in a SIP code group: header %q", s.Status().Filter)
	}
}
