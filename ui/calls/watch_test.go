package calls

import (
	"errors"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/callscope/callscope/graphclient"
	"github.com/callscope/callscope/graphclient/fakegraph"
	"github.com/callscope/callscope/model"
	"github.com/callscope/callscope/ui/common"
	"github.com/callscope/callscope/ui/uitest"
	tea "github.com/charmbracelet/bubbletea"
)

// watchClock is an injected clock the test moves on.
type watchClock struct{ ns atomic.Int64 }

func newWatchClock(t time.Time) *watchClock {
	c := &watchClock{}
	c.ns.Store(t.UnixNano())
	return c
}

func (c *watchClock) Now() time.Time      { return time.Unix(0, c.ns.Load()).UTC() }
func (c *watchClock) Add(d time.Duration) { c.ns.Add(int64(d)) }

// versioned is record i of MakeRecords at version v, its session good,
// or failed when failed is set.
func versioned(i int, v int64, failed bool) model.CallRecord {
	r := uitest.MakeRecords(i, 1)[0]
	r.Version = v
	r.LastModifiedDateTime = model.NewTime(r.EndDateTime.Add(time.Duration(v) * time.Minute))
	r.Sessions = goodRecord.Sessions
	if failed {
		r.Sessions = failedRecord.Sessions
	}
	return r
}

// newCall is call i at version 1 that started minutes before T0: newer
// than every call of MakeRecords.
func newCall(i int, minutes int) model.CallRecord {
	r := versioned(i, 1, false)
	start := uitest.T0.Add(-time.Duration(minutes) * time.Minute)
	r.StartDateTime, r.EndDateTime = model.NewTime(start), model.NewTime(start.Add(time.Minute))
	r.LastModifiedDateTime = model.NewTime(start.Add(2 * time.Minute))
	return r
}

// watchedCalls is a calls list over "-2h" of five calls whose verdicts
// all landed, served by a fake Graph on clock.
func watchedCalls(t *testing.T, clock *watchClock) (*Screen, *fakegraph.Tenant, *fakegraph.Server) {
	t.Helper()
	tenant := fakegraph.NewTenant()
	for i := range 5 {
		tenant.AddRecord(versioned(i, 1, false))
	}
	c := uitest.Common(uitest.T0)
	c.Now = clock.Now
	var fake *fakegraph.Server
	c.Client, fake = uitest.FakeGraph(t, tenant, fakegraph.Options{Clock: clock.Now}, graphclient.Options{Limits: fastLimits})
	s := New(c, Filter{Range: common.Range{From: "-2h", Loc: time.UTC}})
	s.Update(common.BodySizeMsg{Width: 120, Height: 21})
	uitest.SettleScreen(t, s, s.Init())
	if s.rows.Len() != 5 || s.enrich.known != 5 {
		t.Fatalf("loaded %d rows, %d verdicts; want 5 and 5", s.rows.Len(), s.enrich.known)
	}
	return s, tenant, fake
}

// recordFetches are the ids of the records fetched so far, in order.
func recordFetches(fake *fakegraph.Server) []string {
	var out []string
	for _, r := range fake.Requests() {
		if _, id, ok := strings.Cut(r.Path, "/callRecords/"); ok {
			out = append(out, strings.SplitN(id, "?", 2)[0])
		}
	}
	return out
}

// settleWatch runs a poll's command as the root would: each WatchMsg's
// inner message goes to WatchResult; at the swap, swapped sees the list
// before anything the swap started has run.
func settleWatch(t *testing.T, s *Screen, cmd tea.Cmd, swapped func()) (done bool, flashes []string) {
	t.Helper()
	uitest.Settle(t, cmd, func(m tea.Msg) tea.Cmd {
		switch m := m.(type) {
		case common.WatchMsg:
			if m.Screen != s {
				t.Fatal("a poll's result names another screen")
			}
			next, over := s.WatchResult(m.Msg)
			if over && !done && swapped != nil {
				swapped()
			}
			done = done || over
			return next
		case common.FlashMsg:
			flashes = append(flashes, m.Text)
			return nil
		}
		_, next := s.Update(m)
		return next
	})
	return done, flashes
}

// markedLines are the view's lines that carry the new-row mark.
func markedLines(view string) []string {
	var out []string
	for _, l := range strings.Split(view, "\n") {
		if strings.HasPrefix(l, freshMark) {
			out = append(out, l)
		}
	}
	return out
}

// shortOf is how the Id column shows record i.
func shortOf(i int) string { return uitest.ID(i)[:8] + "…" }

func TestCallsWatchCarriesVerdictsAndFetchesOnlyNewOrChangedCalls(t *testing.T) {
	clock := newWatchClock(uitest.T0)
	s, tenant, fake := watchedCalls(t, clock)
	if err := s.CanWatch(); err != nil {
		t.Fatalf("-2h refused: %v", err)
	}
	update(s, uitest.KeyDown) // the cursor on call 1, which it must follow
	before := len(recordFetches(fake))

	// A minute on: two new calls, newer than the rest, and call 2 written
	// again (version 2), now failed.
	clock.Add(time.Minute)
	tenant.AddRecord(newCall(100, 20))
	tenant.AddRecord(newCall(101, 10))
	tenant.AddRecord(versioned(2, 2, true))

	cmd, cancel, err := s.Watch(7)
	if err != nil || cancel == nil {
		t.Fatalf("Watch: %v", err)
	}
	if s.rows.Len() != 5 || len(markedLines(s.View())) != 0 {
		t.Fatal("the rows shown must stay while the poll loads")
	}
	var atSwap []string
	done, flashes := settleWatch(t, s, cmd, func() {
		for p := range s.viewLen() {
			atSwap = append(atSwap, s.cell(p, colResult))
		}
	})
	if !done || len(flashes) != 0 {
		t.Fatalf("poll done %v, flashes %q", done, flashes)
	}
	// At the swap the known calls kept their verdicts; the new calls and
	// call 2 (changed) were asked again.
	if want := []string{"…", "…", "ok", "ok", "…", "ok", "ok"}; !slices.Equal(atSwap, want) {
		t.Fatalf("Result cells at the swap %q, want %q", atSwap, want)
	}
	got := recordFetches(fake)[before:]
	slices.Sort(got)
	want := []string{uitest.ID(100), uitest.ID(101), uitest.ID(2)}
	slices.Sort(want)
	if !slices.Equal(got, want) {
		t.Fatalf("the poll fetched records %q, want only the new and the changed calls %q", got, want)
	}
	if s.rows.Len() != 7 || s.enrich.known != 7 || s.rows.ID(s.rowAt(s.tbl.Cursor())) != uitest.ID(1) {
		t.Fatalf("after the poll: %d rows, %d verdicts, cursor on %s; want 7, 7, call 1", s.rows.Len(), s.enrich.known,
			s.rows.ID(s.rowAt(s.tbl.Cursor())))
	}
	if r := s.cell(4, colResult); !strings.HasPrefix(r, "failed") {
		t.Fatalf("changed call 2 reads %q, want its new verdict, failed", r)
	}
	marked := markedLines(s.View())
	if len(marked) != 2 || !strings.Contains(marked[0], shortOf(101)) || !strings.Contains(marked[1], shortOf(100)) {
		t.Fatalf("want the two new calls marked, got %q\n%s", marked, s.View())
	}
	if s.enrich.sum.Records() != 7 || len(s.enrich.rowOf) != 7 {
		t.Fatalf("the quality summary holds %d records (%d by id), want the 7 calls once each", s.enrich.sum.Records(), len(s.enrich.rowOf))
	}

	// The next poll brings nothing new: nothing is fetched, nothing marked.
	clock.Add(time.Minute)
	before = len(recordFetches(fake))
	cmd, _, _ = s.Watch(8)
	settleWatch(t, s, cmd, nil)
	if n := len(recordFetches(fake)) - before; n != 0 {
		t.Fatalf("a poll with nothing new fetched %d records", n)
	}
	if m := markedLines(s.View()); len(m) != 0 {
		t.Fatalf("calls seen at the last look are still marked: %q", m)
	}
	s.Unwatch()
}

func TestCallsWatchRefusesAFixedRangeAndDropsAMootPoll(t *testing.T) {
	clock := newWatchClock(uitest.T0)
	s, tenant, _ := watchedCalls(t, clock)
	cmd, _, err := s.Watch(1)
	if err != nil {
		t.Fatal(err)
	}
	// r reloads while the poll is out: the poll's rows must not replace
	// the new load's.
	tenant.AddRecord(newCall(100, 20))
	uitest.SettleScreen(t, s, update(s, uitest.KeyRune('r')))
	rows := s.rows
	done, _ := settleWatch(t, s, cmd, nil)
	if !done || s.rows != rows || len(markedLines(s.View())) != 0 {
		t.Fatalf("a poll outdated by r changed the list (done %v)", done)
	}

	fixed := New(s.c, Filter{From: uitest.T0.Add(-2 * time.Hour), To: uitest.T0.Add(-time.Hour)})
	if err := fixed.CanWatch(); !errors.Is(err, common.ErrFixedRange) {
		t.Fatalf("a fixed range: CanWatch = %v, want ErrFixedRange", err)
	}
	if _, _, err := fixed.Watch(2); !errors.Is(err, common.ErrFixedRange) {
		t.Fatalf("a fixed range: Watch = %v, want ErrFixedRange", err)
	}
}

// TestCallsWatchWithAStoreRefillsTheSummaryFromIt: when a call in the
// quality summary changed, the summary starts again over the new range,
// the unchanged calls' records read back from the store, not Graph; Graph
// is asked for the new and the changed call only.
func TestCallsWatchWithAStoreRefillsTheSummaryFromIt(t *testing.T) {
	clock := newWatchClock(uitest.T0)
	tenant := fakegraph.NewTenant()
	for i := range 5 {
		tenant.AddRecord(versioned(i, 1, false))
	}
	st, _ := openStore(t)
	c := uitest.Common(uitest.T0)
	c.Now, c.Store = clock.Now, st
	var fake *fakegraph.Server
	c.Client, fake = uitest.FakeGraph(t, tenant, fakegraph.Options{Clock: clock.Now}, graphclient.Options{Limits: fastLimits})
	s := New(c, Filter{Range: common.Range{From: "-2h", Loc: time.UTC}})
	s.Update(common.BodySizeMsg{Width: 120, Height: 21})
	uitest.SettleScreen(t, s, s.Init())
	if s.enrich.added != 5 || recordRequests(fake) != 5 {
		t.Fatalf("first load: %d in the summary, %d record requests; want 5 and 5", s.enrich.added, recordRequests(fake))
	}
	sum := s.enrich.sum

	clock.Add(time.Minute)
	tenant.AddRecord(newCall(100, 20))
	tenant.AddRecord(versioned(2, 2, true))
	cmd, _, err := s.Watch(3)
	if err != nil {
		t.Fatal(err)
	}
	var atSwap string
	settleWatch(t, s, cmd, func() { atSwap = s.cell(s.viewLen()-1, colResult) })
	if atSwap != "ok" {
		t.Fatalf("a call read again from the store shows %q meanwhile, want its verdict", atSwap)
	}
	got := recordFetches(fake)[5:]
	slices.Sort(got)
	if want := []string{uitest.ID(2), uitest.ID(100)}; !slices.Equal(got, want) {
		t.Fatalf("the poll asked Graph for %q, want only %q", got, want)
	}
	if s.enrich.sum == sum || s.enrich.added != 6 || s.enrich.sum.Records() != 6 || s.enrich.known != 6 {
		t.Fatalf("summary new %v, %d added, %d records, %d verdicts; want a new summary of the 6 calls",
			s.enrich.sum != sum, s.enrich.added, s.enrich.sum.Records(), s.enrich.known)
	}
	if r := s.cell(3, colResult); !strings.HasPrefix(r, "failed") {
		t.Fatalf("changed call 2 reads %q, want failed", r)
	}
}

// TestCallsWatchSwapKeepsVerdictsInFlight: a record asked for before a
// swap lands on its call's new row, and one of a call the swap dropped is
// ignored.
func TestCallsWatchSwapKeepsVerdictsInFlight(t *testing.T) {
	s := enrichScreen(t, 30)
	if len(s.enrich.asked) != enrichInFlight {
		t.Fatalf("%d in flight, want %d", len(s.enrich.asked), enrichInFlight)
	}
	p := &watchPoll{screen: s, base: s.rows, rows: New(s.c, Filter{}).rows, filter: s.filter}
	top := newCall(100, 20)
	p.add(&top) // a new call on top; call 0 is dropped
	for _, r := range uitest.MakeRecords(1, 29) {
		p.add(&r)
	}
	layout := s.enrich.layout
	s.watchSwap(p)
	// The 23 carried, on their new rows, and the new call's, asked at the
	// swap.
	if len(s.enrich.asked) != enrichInFlight || s.enrich.verdicts[1].state != verdictAsked || !slices.Contains(s.enrich.asked, 0) {
		t.Fatalf("after the swap %v in flight (row 1 %v), want call 1's on its new row and the new call's", s.enrich.asked,
			s.enrich.verdicts[1].state)
	}
	update(s, enrichedMsg{gen: s.enrich.gen, layout: layout, row: 1, id: uitest.ID(1), v: verdictOf(poorRecord), rec: poorRecord})
	update(s, enrichedMsg{gen: s.enrich.gen, layout: layout, row: 0, id: uitest.ID(0), v: verdictOf(failedRecord), rec: failedRecord})
	if got := s.cell(1, colQuality); !strings.HasPrefix(got, "poor") {
		t.Fatalf("call 1's verdict asked before the swap reads %q on its new row, want poor", got)
	}
	if got := s.cell(0, colResult); got != unknownCell && got != "" {
		t.Fatalf("the dropped call's verdict landed on row 0: %q", got)
	}
	if s.enrich.known != 1 {
		t.Fatalf("%d verdicts known, want 1", s.enrich.known)
	}
}
