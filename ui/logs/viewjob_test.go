package logs

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/callscope/callscope/ui/common"
	"github.com/callscope/callscope/ui/rowstore"
	"github.com/callscope/callscope/ui/uitest"
	tea "github.com/charmbracelet/bubbletea"
)

// msgOf runs cmd (and a batch's commands) as the runtime would and
// returns the first message of type T it yields.
func msgOf[T any](t *testing.T, cmd tea.Cmd) T {
	t.Helper()
	var zero T
	if cmd == nil {
		t.Fatalf("no command, want a %T", zero)
	}
	switch msg := cmd().(type) {
	case T:
		return msg
	case tea.BatchMsg:
		for _, c := range msg {
			if c == nil {
				continue
			}
			if m, ok := c().(T); ok {
				return m
			}
		}
	}
	t.Fatalf("the command yields no %T", zero)
	return zero
}

// pickSort picks column name in the sort picker with bare Updates, so
// that nothing the pick starts runs; it returns the command.
func pickSort(t *testing.T, s *List, name string) tea.Cmd {
	t.Helper()
	s.Update(uitest.KeyRune('s'))
	for i := 0; i < len(s.cols)+1; i++ {
		if c := s.picker.cursor - 1; c >= 0 && s.cols[c].Name == name {
			_, cmd := s.Update(uitest.KeyEnter)
			return cmd
		}
		s.Update(uitest.KeyDown)
	}
	t.Fatalf("no column %q in the picker", name)
	return nil
}

// asyncLog is a Direct Routing list of the first page of three days of
// demo rows that builds every view off the loop.
func asyncLog(t *testing.T) *List {
	t.Helper()
	from, to := threeDays()
	s := openLog(t, logCommon(t), newDirectRouting(), from, to)
	s.asyncRows = 0
	if s.feed.Len() != 1000 || !s.feed.CanFetch() {
		t.Fatalf("want one page of 1000 rows and more to come, have %d", s.feed.Len())
	}
	return s
}

// A sort asked for while pages arrive is built off the loop over the rows
// there were, the old order shows and takes the new page meanwhile, and
// the view that lands holds every row in the new order with the cursor on
// the row it was moved to.
func TestLogSortOffTheLoopWhilePagesArrive(t *testing.T) {
	s := asyncLog(t)
	s.tbl.SetCursor(321)
	job := pickSort(t, s, "duration")
	if s.job == 0 || s.shown != loadOrder || !strings.Contains(s.Status().Note, "sorting 1,000 rows…") {
		t.Fatalf("job %d, shown %+v, note %q: want the old order shown and the sort in progress", s.job, s.shown, s.Status().Note)
	}
	// Keys keep working on the old order.
	s.Update(uitest.KeyDown)
	row := s.rowAt(s.tbl.Cursor())
	if row != 322 {
		t.Fatalf("down moved the cursor to row %d, want 322", row)
	}
	// A page lands before the sort does.
	s.Update(msgOf[pageMsg](t, s.feed.fetch(s.c)))
	if s.feed.Len() != 2000 || s.tbl.Len() != 2000 {
		t.Fatalf("after the second page: %d rows, %d shown", s.feed.Len(), s.tbl.Len())
	}
	s.Update(msgOf[viewBuiltMsg](t, job))
	want := rowstore.BuildView(s.feed.Len(), nil, drStore(s.feed).SortKey(rowstore.DRColDuration), true)
	if got := s.view.Rows(); !slices.Equal(got, want) {
		t.Fatalf("the view that landed has %d rows, not the %d rows sorted by duration", len(got), len(want))
	}
	if s.job != 0 || strings.Contains(s.Status().Note, "sorting") {
		t.Fatalf("job %d, note %q after the sort landed", s.job, s.Status().Note)
	}
	if got := s.rowAt(s.tbl.Cursor()); got != row {
		t.Fatalf("cursor on row %d after the sort landed, want %d", got, row)
	}
	// Later pages merge into the sorted view.
	s.Update(msgOf[pageMsg](t, s.feed.fetch(s.c)))
	want = rowstore.BuildView(s.feed.Len(), nil, drStore(s.feed).SortKey(rowstore.DRColDuration), true)
	if got := s.view.Rows(); !slices.Equal(got, want) || s.rowAt(s.tbl.Cursor()) != row {
		t.Fatal("a page merged into the sorted view is out of order or moved the cursor row")
	}
}

// A newer sort or filter supersedes the build in flight: the older
// result, landing late, changes nothing.
func TestLogStaleSortResultIsDropped(t *testing.T) {
	s := asyncLog(t)
	s.tbl.SetCursor(100)
	row := s.rowAt(100)
	stale := msgOf[viewBuiltMsg](t, pickSort(t, s, "duration"))
	trunk := pickSort(t, s, "trunk")
	s.Update(stale)
	if s.shown != loadOrder || !s.identity || s.job == 0 {
		t.Fatalf("a superseded sort landed: shown %+v, identity %v, job %d", s.shown, s.identity, s.job)
	}
	// f while the trunk sort is in flight: the build is for both.
	_, filtered := s.Update(uitest.KeyRune('f'))
	if got := trunk(); got != nil {
		t.Fatalf("the superseded build still answered: %T", got)
	}
	s.Update(msgOf[viewBuiltMsg](t, filtered))
	match := s.feed.rep.matcher(filter{failuresOnly: true})
	want := rowstore.BuildView(s.feed.Len(), match, drStore(s.feed).SortKey(rowstore.DRColTrunk), false)
	if got := s.view.Rows(); !slices.Equal(got, want) || s.shown.col != rowstore.DRColTrunk {
		t.Fatal("the last build asked for did not land as failures only, sorted by trunk")
	}
	// The cursor row was OK, so failures only hides it: the cursor goes to
	// the first failed row after it in the old order.
	next := row + 1
	for !match(next) {
		next++
	}
	if match(row) || s.rowAt(s.tbl.Cursor()) != next {
		t.Fatalf("cursor on row %d, want %d, the next failed row after %d", s.rowAt(s.tbl.Cursor()), next, row)
	}
}

// The triage summary groups many rows off the loop: an empty summary and
// "Grouping … rows…" show meanwhile, a superseded grouping is dropped and
// the last one lands whole.
func TestSummaryGroupsOffTheLoop(t *testing.T) {
	store := benchStore(3000)
	f := newFeed(drOver(store), uitest.Now.Add(-30*24*time.Hour), uitest.Now)
	f.Started = true
	sum := newSummary(uitest.Common(uitest.Now), f, filter{})
	sum.Update(common.BodySizeMsg{Width: 120, Height: 30})
	if sum.feed != f || sum.grouping != 0 || drSum(sum).Calls != 3000 {
		t.Fatal("3000 rows should be grouped at once by default")
	}
	sum.asyncRows = 1000
	stale := msgOf[summaryGroupedMsg](t, sum.reset())
	last := sum.reset()
	if drSum(sum).Calls != 0 || !sum.Status().Loading || !strings.Contains(sum.View(), "Grouping 3,000 rows…") {
		t.Fatalf("while grouping: %d calls, loading %v, view lacks the progress", drSum(sum).Calls, sum.Status().Loading)
	}
	sum.Update(stale)
	if sum.grouping == 0 || drSum(sum).Calls != 0 {
		t.Fatal("a superseded grouping landed")
	}
	sum.Update(msgOf[summaryGroupedMsg](t, last))
	if sum.grouping != 0 || drSum(sum).Calls != 3000 || len(sum.items) == 0 {
		t.Fatalf("after the grouping landed: %d calls, %d items", drSum(sum).Calls, len(sum.items))
	}
}

// A batch of rows too big to merge on the loop (a summary's window) is
// sorted in off the loop: the old view shows until the build lands.
func TestLogBigBatchSortsOffTheLoop(t *testing.T) {
	store := benchStore(60_000)
	big := benchStore(2000) // the first 2000 rows again, as the feed had them
	f := newFeed(drOver(big), uitest.Now.Add(-30*24*time.Hour), uitest.Now)
	f.Started = true
	s := newList(uitest.Common(uitest.Now), f, rowstore.LogGroup{})
	s.Update(common.BodySizeMsg{Width: 120, Height: 25})
	s.sort = sortOrder{col: rowstore.DRColTrunk}
	if s.rebuild() != nil || s.tbl.Len() != 2000 {
		t.Fatal("2000 rows should sort at once")
	}
	s.tbl.SetCursor(700)
	row := s.rowAt(700)
	for i := int32(2000); i < int32(store.Len()); i++ {
		r := store.Row(i)
		big.Add(&r)
	}
	_, cmd := s.Update(bulkChunkMsg{})
	if s.tbl.Len() != 2000 || s.job == 0 {
		t.Fatalf("%d shown, job %d: want the old view shown while 58,000 rows sort off the loop", s.tbl.Len(), s.job)
	}
	s.Update(msgOf[viewBuiltMsg](t, cmd))
	want := rowstore.BuildView(big.Len(), nil, big.SortKey(rowstore.DRColTrunk), false)
	if got := s.view.Rows(); !slices.Equal(got, want) || s.rowAt(s.tbl.Cursor()) != row {
		t.Fatal("the big batch did not land in trunk order with the cursor on its row")
	}
}

// A group view over many rows picks its rows out off the loop: it says so
// until they land, and Init brings them.
func TestLogGroupViewFiltersOffTheLoop(t *testing.T) {
	store := benchStore(60_000)
	f := newFeed(drOver(store), uitest.Now.Add(-30*24*time.Hour), uitest.Now)
	f.Started = true
	trunk := store.Row(0).TrunkFullyQualifiedDomainName
	s := newFilteredList(uitest.Common(uitest.Now), f, filter{group: rowstore.LogGroup{Kind: rowstore.GroupTrunk, Name: trunk}})
	s.Update(common.BodySizeMsg{Width: 120, Height: 25})
	if s.tbl.Len() != 0 || !strings.Contains(s.View(), "filtering 60,000 rows…") {
		t.Fatalf("%d rows shown before the build landed; view:\n%s", s.tbl.Len(), s.View())
	}
	s.Update(msgOf[viewBuiltMsg](t, s.Init()))
	want := rowstore.BuildView(store.Len(), store.Matcher(false, s.filter.group), nil, false)
	if got := s.view.Rows(); len(want) == 0 || !slices.Equal(got, want) {
		t.Fatalf("the group view shows %d rows, want the trunk's %d", len(got), len(want))
	}
}

// The build reads a snapshot while the loop stores new pages: run with
// -race, this shows the two share no memory they both write.
func TestLogBuildRunsBesidePagesArriving(t *testing.T) {
	s := asyncLog(t)
	s.Update(uitest.KeyRune('f'))
	job := pickSort(t, s, "trunk")
	done := make(chan tea.Msg)
	go func() { done <- job() }()
	for s.feed.CanFetch() {
		s.Update(msgOf[pageMsg](t, s.feed.fetch(s.c)))
	}
	built, ok := (<-done).(viewBuiltMsg)
	if !ok {
		t.Fatal("the build did not answer")
	}
	s.Update(built)
	match := s.feed.rep.matcher(filter{failuresOnly: true})
	want := rowstore.BuildView(s.feed.Len(), match, drStore(s.feed).SortKey(rowstore.DRColTrunk), false)
	if got := s.view.Rows(); built.n != 1000 || s.feed.Len() <= 1000 || !slices.Equal(got, want) {
		t.Fatalf("built over %d rows, %d loaded: the view is not every failed row in trunk order", built.n, s.feed.Len())
	}
}
