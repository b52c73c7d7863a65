package logs

import (
	"errors"
	"fmt"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/callscope/callscope/graphclient/fakegraph"
	"github.com/callscope/callscope/model"
	"github.com/callscope/callscope/model/triage"
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

// drRow is a Direct Routing row of trunk that started at, failed or not.
func drRow(i int, at time.Time, trunk string, failed bool) model.DirectRoutingRow {
	r := model.DirectRoutingRow{ID: fmt.Sprintf("%08x-1111-4111-8111-%012x", 0xd0000000+i, i), StartDateTime: model.Time{Time: at},
		InviteDateTime: model.Time{Time: at}, EndDateTime: model.Time{Time: at.Add(time.Minute)}, SuccessfulCall: !failed,
		FinalSIPCode: 200, TrunkFullyQualifiedDomainName: trunk, CallType: "ByotIn", UserDisplayName: fmt.Sprintf("User %d", i)}
	if failed {
		r.FinalSIPCode, r.CallEndSubReason = 487, 560487
	}
	return r
}

// watchedList is a Direct Routing list over "-2h" of a tenant with three
// rows, served by a fake Graph whose clock is clock's.
func watchedList(t *testing.T, clock *watchClock) (*List, *fakegraph.Tenant) {
	t.Helper()
	tenant := fakegraph.NewTenant()
	now := clock.Now()
	for i := range 3 {
		tenant.AddDirectRoutingRows(drRow(i, now.Add(-time.Duration(30+i)*time.Minute), "sbc1.contoso.com", false))
	}
	client, _ := logFake(t, tenant, fakegraph.Options{Clock: clock.Now})
	c := logCommonWith(client)
	c.Now = clock.Now
	s := newReportList(c, newDirectRouting(), time.Time{}, time.Time{})
	s.rng = common.Range{From: "-2h", Loc: time.UTC}
	s.Update(common.BodySizeMsg{Width: 120, Height: 25})
	got, _ := settle(t, s, s.reread())
	return got.(*List), tenant
}

// settleWatch runs a poll's command as the root would: each WatchMsg's
// inner message goes to WatchResult until the poll is done; it returns
// whether it finished and the flashes said.
func settleWatch(t *testing.T, s *List, cmd tea.Cmd) (done bool, flashes []string) {
	t.Helper()
	uitest.Settle(t, cmd, func(m tea.Msg) tea.Cmd {
		switch m := m.(type) {
		case common.WatchMsg:
			if m.Screen != s {
				t.Fatalf("a poll's result names another screen")
			}
			next, over := s.WatchResult(m.Msg)
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

func TestWatchPollKeepsRowsUntilTheNewOnesAreInThenMarksThem(t *testing.T) {
	clock := newWatchClock(uitest.Now)
	s, tenant := watchedList(t, clock)
	if s.feed.Len() != 3 {
		t.Fatalf("loaded %d rows, want 3", s.feed.Len())
	}
	if err := s.CanWatch(); err != nil {
		t.Fatalf("-2h refused: %v", err)
	}
	clock.Add(time.Minute)
	tenant.AddDirectRoutingRows(drRow(10, clock.Now().Add(-20*time.Second), "sbc1.contoso.com", false),
		drRow(11, clock.Now().Add(-10*time.Second), "sbc1.contoso.com", false))

	cmd, cancel, err := s.Watch(7)
	if err != nil || cancel == nil {
		t.Fatalf("Watch: %v", err)
	}
	before := s.View()
	if s.feed.Len() != 3 || !strings.Contains(before, "User 0") || len(markedLines(before)) != 0 {
		t.Fatalf("the rows shown must stay while the poll loads:\n%s", before)
	}
	done, flashes := settleWatch(t, s, cmd)
	if !done || len(flashes) != 0 {
		t.Fatalf("poll done %v, flashes %q", done, flashes)
	}
	if s.feed.Len() != 5 {
		t.Fatalf("after the poll %d rows, want 5", s.feed.Len())
	}
	if got := s.feed.to; !got.Equal(clock.Now().Truncate(time.Second)) {
		t.Errorf("the range was not read again at now: ends %v", got)
	}
	marked := markedLines(s.View())
	if len(marked) != 2 || !strings.Contains(strings.Join(marked, "\n"), "User 10") || !strings.Contains(strings.Join(marked, "\n"), "User 11") {
		t.Fatalf("want the two new rows marked, got %q\n%s", marked, s.View())
	}

	// The next poll brings nothing new: no row is marked any more.
	clock.Add(time.Minute)
	cmd, _, _ = s.Watch(8)
	settleWatch(t, s, cmd)
	if m := markedLines(s.View()); len(m) != 0 {
		t.Errorf("rows seen at the last look are still marked: %q", m)
	}
	s.Unwatch()
}

func TestWatchRefusesAFixedRange(t *testing.T) {
	clock := newWatchClock(uitest.Now)
	s, _ := watchedList(t, clock)
	from, to := threeDays()
	s.rng = common.RangeOf(from, to)
	if err := s.CanWatch(); !errors.Is(err, common.ErrFixedRange) {
		t.Fatalf("a fixed range: CanWatch = %v, want ErrFixedRange", err)
	}
	if _, _, err := s.Watch(1); !errors.Is(err, common.ErrFixedRange) {
		t.Fatalf("a fixed range: Watch = %v", err)
	}
	for _, words := range []common.Range{{From: "-2h"}, {From: "-2h", To: "now"}, {}} {
		s.rng = words
		if err := s.CanWatch(); err != nil {
			t.Errorf("%+v refused: %v", words, err)
		}
	}
}

func TestWatchPollDroppedWhenTheUserReloadedMeanwhile(t *testing.T) {
	clock := newWatchClock(uitest.Now)
	s, tenant := watchedList(t, clock)
	cmd, _, _ := s.Watch(3)
	got, _ := settle(t, s, s.reread()) // r, while the poll is out
	s = got.(*List)
	tenant.AddDirectRoutingRows(drRow(20, clock.Now().Add(-time.Second), "sbc1.contoso.com", false))
	shown := s.feed
	if done, _ := settleWatch(t, s, cmd); !done {
		t.Fatal("a moot poll must end")
	}
	if s.feed != shown || len(markedLines(s.View())) != 0 {
		t.Fatal("a poll begun before r replaced the rows r loaded")
	}
}

func TestWatchPollFailureKeepsTheRows(t *testing.T) {
	clock := newWatchClock(uitest.Now)
	s, _ := watchedList(t, clock)
	// The poll's page answers with an error: the rows stay, the footer says why.
	p := &watchPoll{list: s, base: s.feed, next: s.feed.sibling(s.feed.from, s.feed.to), gen: 4}
	id, _ := p.next.Begin("")
	_, over := s.WatchResult(watchPageMsg{poll: p, page: pageMsg{reqID: id, err: errors.New("boom")}})
	if !over || s.feed.Len() != 3 {
		t.Fatalf("a failed poll: done %v, rows %d", over, s.feed.Len())
	}
}

func TestTrunkAlertsThresholdAndMinimum(t *testing.T) {
	now := uitest.Now
	rule := common.TrunkAlertRule{Rate: 0.30, MinCalls: 10, Window: 15 * time.Minute}
	type call struct {
		trunk  string
		ago    time.Duration
		failed bool
	}
	calls := func(trunk string, n, failed int, ago time.Duration) []call {
		var out []call
		for i := range n {
			out = append(out, call{trunk, ago, i < failed})
		}
		return out
	}
	run := func(cs []call) []common.TrunkAlert {
		return trunkAlerts(rule, now, func(yield func(triage.Call, bool) bool) {
			for _, c := range cs {
				if !yield(triage.Call{At: now.Add(-c.ago).UnixNano(), Trunk: c.trunk, Successful: !c.failed}, c.failed) {
					return
				}
			}
		})
	}
	cases := []struct {
		name  string
		calls []call
		want  []string
	}{
		{"past the rate over enough calls", calls("sbc1.contoso.com", 12, 5, time.Minute), []string{"⚠ sbc1.contoso.com 42 % failed (15 min)"}},
		{"too few calls", calls("sbc1.contoso.com", 9, 9, time.Minute), nil},
		{"at the rate, not past it", calls("sbc1.contoso.com", 10, 3, time.Minute), nil},
		{"failures older than the window", append(calls("sbc1.contoso.com", 10, 10, 20*time.Minute), calls("sbc1.contoso.com", 10, 0, time.Minute)...), nil},
		{"worst first", append(calls("sbc2.contoso.com", 10, 4, time.Minute), calls("sbc1.contoso.com", 10, 9, time.Minute)...),
			[]string{"⚠ sbc1.contoso.com 90 % failed (15 min)", "⚠ sbc2.contoso.com 40 % failed (15 min)"}},
	}
	for _, tc := range cases {
		var got []string
		for _, a := range run(tc.calls) {
			got = append(got, a.Words())
		}
		if strings.Join(got, "|") != strings.Join(tc.want, "|") {
			t.Errorf("%s: got %q, want %q", tc.name, got, tc.want)
		}
	}
}

func TestTrunkAlertsReadTheLoadedRows(t *testing.T) {
	clock := newWatchClock(uitest.Now)
	s, tenant := watchedList(t, clock)
	for i := range 10 {
		tenant.AddDirectRoutingRows(drRow(100+i, clock.Now().Add(-5*time.Minute), "sbc9.contoso.com", i < 6))
	}
	got, _ := settle(t, s, s.reread())
	s = got.(*List)
	alerts := s.TrunkAlerts(common.DefaultTrunkAlertRule, clock.Now())
	if len(alerts) != 1 || alerts[0].Words() != "⚠ sbc9.contoso.com 60 % failed (15 min)" {
		t.Fatalf("alerts %+v", alerts)
	}
	pstn := newReportList(s.c, newPstn(), time.Time{}, time.Time{})
	if a := pstn.TrunkAlerts(common.DefaultTrunkAlertRule, clock.Now()); a != nil {
		t.Errorf("PSTN rows have no outcome, yet alerts %+v", a)
	}
}
