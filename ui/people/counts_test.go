package people

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/callscope/callscope/graphclient"
	"github.com/callscope/callscope/graphclient/fakegraph"
	"github.com/callscope/callscope/graphclient/store"
	"github.com/callscope/callscope/model"
	"github.com/callscope/callscope/ui/common"
	"github.com/callscope/callscope/ui/uitest"
)

// countTenant is the people directory with calls: Anette Thomsen in 3,
// Anette Larsen in 55 (more than a count goes to), in the last two days.
func countTenant() *fakegraph.Tenant {
	ten := uitest.PeopleTenant()
	add := func(i int, who string) {
		start := uitest.T0.Add(-time.Duration(i+1) * 30 * time.Minute)
		ten.AddRecord(model.CallRecord{ID: uitest.ID(1000 + i), Type: model.CallTypePeerToPeer, Version: 1,
			StartDateTime: model.NewTime(start), EndDateTime: model.NewTime(start.Add(time.Minute)),
			ParticipantsV2: []model.Participant{{ID: who}, {ID: uitest.SileOBrienID}}})
	}
	for i := range 3 {
		add(i, uitest.AnetteThomsenID)
	}
	for i := 3; i < 58; i++ {
		add(i, uitest.AnetteLarsenID)
	}
	return ten
}

// countFixture is a Common with a client for countTenant.
func countFixture(t *testing.T) (*common.Common, *fakegraph.Server) {
	t.Helper()
	client, fake := uitest.FakeGraph(t, countTenant(), fakegraph.Options{Clock: func() time.Time { return uitest.T0 }},
		graphclient.Options{})
	c := uitest.Common(uitest.T0)
	c.Client = client
	return c, fake
}

// counted opens a counting list of twoAnettes (Larsen first) and settles
// its counts.
func counted(t *testing.T, c *common.Common) *Picker {
	t.Helper()
	p := NewPicker(c, 42, twoAnettes).CountIn(uitest.T0.Add(-48*time.Hour), uitest.T0)
	p.Update(common.BodySizeMsg{Width: 120, Height: 10})
	uitest.SettleScreen(t, p, p.Init())
	return p
}

// TestPickerCountsCallsPerCandidate: each Anette's calls in the range,
// the busy one capped at "≥ 50", each counted in one request of ids.
func TestPickerCountsCallsPerCandidate(t *testing.T) {
	c, fake := countFixture(t)
	p := counted(t, c)
	if got := []string{p.countCell(0), p.countCell(1)}; got[0] != "≥ 50" || got[1] != "3" {
		t.Fatalf("counts %q, want Larsen ≥ 50 and Thomsen 3", got)
	}
	uitest.ViewHas(t, p.View(), "Calls", "≥ 50", "2 people match · calls 2026-11-18 15:00 – 2026-11-20 15:00")
	reqs := fake.Requests()
	if len(reqs) != 2 {
		t.Fatalf("%d requests, want one per candidate", len(reqs))
	}
	for _, r := range reqs {
		if !strings.Contains(r.Path, "participants_v2") || !strings.Contains(r.Path, "$select=id") {
			t.Errorf("count request %s", r.Path)
		}
	}
	if st := p.Status(); st.Loading {
		t.Fatalf("status %+v after every count landed", st)
	}
}

// TestPickerCountsNeverBlock: the list picks before any count lands, and
// a count of an earlier generation (after the list closed) is dropped.
func TestPickerCountsNeverBlock(t *testing.T) {
	c, _ := countFixture(t)
	p := NewPicker(c, 42, twoAnettes).CountIn(time.Time{}, time.Time{})
	p.Update(common.BodySizeMsg{Width: 120, Height: 10})
	cmd := p.Init()
	if cmd == nil || !p.Status().Loading || p.countCell(0) != "…" {
		t.Fatalf("counts not started: %+v", p.Status())
	}
	if !p.counting.from.Equal(uitest.T0.Add(-retentionWindow)) || !p.counting.to.Equal(uitest.T0) {
		t.Fatalf("open range %v – %v", p.counting.from, p.counting.to)
	}
	_, answer := p.Update(uitest.KeyEnter)
	if msgs := uitest.Messages(answer); len(msgs) != 2 || msgs[1].(ResolvedMsg).ID != uitest.AnetteLarsenID {
		t.Fatalf("enter before the counts: %#v", msgs)
	}
	gen := p.counting.gen
	p.Closed()
	p.Update(countedMsg{gen: gen + 1000, index: 0, n: 7})
	if p.countCell(0) != "…" {
		t.Fatal("a count of another generation landed")
	}
	// Without CountIn nothing is counted and no Calls column shows.
	plain := pickerOf(c, twoAnettes)
	if plain.Init() != nil || strings.Contains(plain.View(), "Calls") {
		t.Fatal("a plain list counts")
	}
}

// TestPickerCountsFromTheStore: offline, counts come from the stored
// records' participants with no request; a call the store cannot judge
// makes the count a floor.
func TestPickerCountsFromTheStore(t *testing.T) {
	c, fake := countFixture(t)
	st, err := store.Open(context.Background(), t.TempDir()+"/s.db", store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	ten := countTenant()
	var b store.Batch
	for _, r := range ten.Records() {
		full, _ := ten.Record(r.ID)
		b.Calls = append(b.Calls, r)
		b.Records = append(b.Records, store.Record{Call: &full, Verdict: common.StoreVerdict(&full)})
	}
	// A call whose record is not stored: nobody can say who took part.
	lone := model.CallRecord{ID: uitest.ID(5000), Version: 1, StartDateTime: model.NewTime(uitest.T0.Add(-time.Hour))}
	b.Calls = append(b.Calls, lone)
	if _, err := st.Write(context.Background(), b); err != nil {
		t.Fatal(err)
	}
	c.Store, c.Offline = st, true
	fake.ResetRequests()
	p := counted(t, c)
	if got := []string{p.countCell(0), p.countCell(1)}; got[0] != "≥ 55" || got[1] != "≥ 3" {
		t.Fatalf("offline counts %q", got)
	}
	if n := len(fake.Requests()); n != 0 {
		t.Fatalf("offline sent %d requests", n)
	}
}

// TestPickerCountFailureShowsQuestionMark: a count Graph refuses reads
// "?" and the list still picks.
func TestPickerCountFailureShowsQuestionMark(t *testing.T) {
	client, _ := uitest.FakeGraph(t, countTenant(), fakegraph.Options{DenyCallRecords: true}, graphclient.Options{MaxRetries: -1})
	c := uitest.Common(uitest.T0)
	c.Client = client
	p := counted(t, c)
	if p.countCell(0) != "?" || p.countCell(1) != "?" {
		t.Fatalf("cells %q %q", p.countCell(0), p.countCell(1))
	}
}
