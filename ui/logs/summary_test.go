package logs

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/callscope/callscope/graphclient"
	"github.com/callscope/callscope/graphclient/fakegraph"
	"github.com/callscope/callscope/model/triage"
	"github.com/callscope/callscope/ui/common"
	"github.com/callscope/callscope/ui/rowstore"
	"github.com/callscope/callscope/ui/uitest"
	tea "github.com/charmbracelet/bubbletea"
)

// openSummary presses a on s and returns the summary it pushes, sized.
func openSummary(t *testing.T, s *List) *summary {
	t.Helper()
	_, root := press(t, s, uitest.KeyRune('a'))
	if len(root) != 1 {
		t.Fatalf("a: root messages %v, want one push", root)
	}
	sum, ok := root[0].(common.PushMsg).Screen.(*summary)
	if !ok {
		t.Fatalf("a pushed %T", root[0].(common.PushMsg).Screen)
	}
	sum.Update(common.BodySizeMsg{Width: 120, Height: 25})
	return sum
}

// wantSummary groups rows the way the summary should.
func wantSummary(from, to time.Time) *triage.Summary {
	b := triage.NewBuilder(from, to)
	for _, r := range demoRowsIn(from, to) {
		b.Add(triage.CallFromRow(&r))
	}
	return b.Summary()
}

func TestSummaryLoadsTheWholeRange(t *testing.T) {
	from, to := threeDays()
	s := openLog(t, logCommon(t), newDirectRouting(), from, to)
	sum := openSummary(t, s)
	if sum.feed == s.feed {
		t.Fatal("the list has one page of three: the summary must load its own")
	}
	got, root := settle(t, sum, sum.Init())
	sum = got.(*summary)
	want := wantSummary(from, to)
	if sum.loading || sum.stopped || sum.feed.Len() != want.Calls {
		t.Fatalf("loading %v stopped %v rows %d, want %d", sum.loading, sum.stopped, sum.feed.Len(), want.Calls)
	}
	if drSum(sum).Calls != want.Calls || drSum(sum).Failed != want.Failed || len(drSum(sum).Codes) != len(want.Codes) {
		t.Fatalf("summary %d calls %d failed %d codes, want %d/%d/%d", drSum(sum).Calls, drSum(sum).Failed,
			len(drSum(sum).Codes), want.Calls, want.Failed, len(want.Codes))
	}
	for i := range want.Codes {
		g, w := drSum(sum).Codes[i], want.Codes[i]
		if g.SIPCode != w.SIPCode || g.Subcode != w.Subcode || g.Count != w.Count {
			t.Fatalf("code group %d: %d/%d ×%d, want %d/%d ×%d", i, g.SIPCode, g.Subcode, g.Count, w.SIPCode, w.Subcode, w.Count)
		}
	}
	v := sum.View()
	viewHas(t, v, "Whole range loaded", "Failures by SIP code + subcode", "SIP/sub", "sbc-branch.contoso", "Diagnosis")
	// The page count depends on how the loader split the range; the
	// golden skips that line.
	lines := strings.Split(v, "\n")
	uitest.Golden(t, "summary-direct-3days", strings.Join(append(lines[:1:1], lines[2:]...), "\n"))
	// The complete load goes back to the list, which then has every row.
	if len(root) != 1 {
		t.Fatalf("root messages %v, want the adopt message", root)
	}
	s.Update(root[0])
	if st := s.Status(); st.Loaded != want.Calls || st.More || s.feed != sum.feed {
		t.Fatalf("list after adopting: %+v", st)
	}
}

func TestSummaryUsesACompleteListAsIs(t *testing.T) {
	to := uitest.Now.Truncate(time.Hour)
	from := to.Add(-6 * time.Hour)
	s := openLog(t, logCommon(t), newDirectRouting(), from, to)
	if s.Status().More {
		t.Fatal("six hours should fit one page")
	}
	sum := openSummary(t, s)
	if cmd := sum.Init(); cmd != nil || sum.feed != s.feed || sum.loading {
		t.Fatal("a complete list must be summarised without loading again")
	}
	if drSum(sum).Calls != s.feed.Len() {
		t.Fatalf("summary has %d calls, list %d", drSum(sum).Calls, s.feed.Len())
	}
	viewHas(t, sum.View(), "already loaded")
}

func TestSummaryCancelKeepsRows(t *testing.T) {
	client, _ := logFake(t, uitest.DemoTenant, fakegraph.Options{Faults: fakegraph.Faults{Latency: 50 * time.Millisecond}})
	c := logCommonWith(client)
	to := uitest.Now.Truncate(time.Hour)
	from := to.Add(-29 * 24 * time.Hour)
	s := openLog(t, c, newDirectRouting(), from, to)
	sum := openSummary(t, s)
	cmd := sum.Init()
	if !sum.Capturing() {
		t.Fatal("a loading summary must capture esc")
	}
	// Read messages until a page is in; the range's windows load side by
	// side, so none is complete yet.
	for sum.prog.Pages == 0 {
		_, cmd = sum.Update(cmd())
	}
	viewHas(t, sum.View(), "Loading the whole range", "esc stops and keeps what arrived")
	_, stopCmd := sum.Update(uitest.KeyEsc)
	if stopCmd != nil || sum.loading || !sum.stopped || !sum.Capturing() {
		t.Fatalf("esc: loading %v stopped %v capturing %v", sum.loading, sum.stopped, sum.Capturing())
	}
	kept := sum.feed.Len()
	got, root := settle(t, sum, cmd) // the loader winds down; late windows are kept
	sum = got.(*summary)
	total := len(demoRowsIn(from, to))
	if sum.feed.Len() <= kept || sum.feed.Len() >= total || !sum.partial {
		t.Fatalf("after stopping: %d rows (had %d of %d), partial %v: the fetched pages must be kept",
			sum.feed.Len(), kept, total, sum.partial)
	}
	if drSum(sum).Calls != sum.feed.Len() || sum.feed.Err != nil {
		t.Fatalf("groups cover %d of %d rows kept; err %v", drSum(sum).Calls, sum.feed.Len(), sum.feed.Err)
	}
	if len(root) != 0 {
		t.Fatalf("a stopped load must not replace the list's rows: %v", root)
	}
	if sum.Capturing() {
		t.Fatal("the summary still captures keys after the loader ended")
	}
	if s.feed.Len() != 1000 {
		t.Fatalf("the list changed: %d rows", s.feed.Len())
	}
	viewHas(t, sum.View(), "Stopped after", "r loads again")
	if !strings.Contains(sum.Status().Note, "incomplete") {
		t.Fatalf("status note %q", sum.Status().Note)
	}
}

func TestSummaryGroupOpensFilteredList(t *testing.T) {
	from, to := threeDays()
	s := openLog(t, logCommon(t), newDirectRouting(), from, to)
	sum := openSummary(t, s)
	got, _ := settle(t, sum, sum.Init())
	sum = got.(*summary)
	top := drSum(sum).Codes[0]
	if it := sum.items[sum.cursor]; it.sec != secCodes || it.idx != 0 {
		t.Fatalf("the cursor starts on %+v, want the top code group", it)
	}
	_, root := press(t, sum, uitest.KeyEnter)
	v := root[0].(common.PushMsg).Screen.(*List)
	v.Update(common.BodySizeMsg{Width: 120, Height: 25})
	if !v.fixed || v.tbl.Len() != top.Count {
		t.Fatalf("group view shows %d rows, want %d", v.tbl.Len(), top.Count)
	}
	for pos := 0; pos < v.tbl.Len(); pos++ {
		p := drStore(v.feed).Rows.At(v.rowAt(pos))
		if int(p.SIPCode) != top.SIPCode || int(p.Subcode) != top.Subcode || p.Flags&rowstore.DRSuccess != 0 {
			t.Fatalf("row at %d is %d/%d", pos, p.SIPCode, p.Subcode)
		}
	}
	label := "SIP " + common.Itoa(int64(top.SIPCode)) + "/" + common.Itoa(int64(top.Subcode))
	if v.Title() != label || !strings.Contains(v.Status().Filter, label) {
		t.Fatalf("title %q filter %q, want %q", v.Title(), v.Status().Filter, label)
	}
	if cmd := v.Init(); cmd != nil {
		t.Fatal("a group view must not fetch")
	}
	// A trunk group: move down to the first trunk line.
	for sum.items[sum.cursor].sec != secTrunks {
		press(t, sum, uitest.KeyDown)
	}
	_, root = press(t, sum, uitest.KeyEnter)
	tv := root[0].(common.PushMsg).Screen.(*List)
	trunk := drSum(sum).Trunks[0]
	if tv.tbl.Len() != trunk.Tally.Attempts {
		t.Fatalf("trunk view has %d rows, want %d", tv.tbl.Len(), trunk.Tally.Attempts)
	}
	press(t, tv, uitest.KeyRune('f'))
	if tv.tbl.Len() != trunk.Failed {
		t.Fatalf("trunk view, failures only: %d rows, want %d", tv.tbl.Len(), trunk.Failed)
	}
}

func TestSummaryProgressShowsThrottleWait(t *testing.T) {
	from, to := threeDays()
	s := openLog(t, logCommon(t), newDirectRouting(), from, to)
	sum := openSummary(t, s)
	cmd := sum.Init()
	sum.Update(bulkProgressMsg{reqID: sum.pending, p: graphclient.LoadProgress{Pages: 3, Windows: 4, WindowsDone: 1,
		ThrottleWait: 7 * time.Second}})
	viewHas(t, sum.View(), "3 pages", "windows 1/4", "throttled by Graph, waiting 7s")
	// Another load's progress is ignored.
	sum.Update(bulkProgressMsg{reqID: sum.pending + 1000, p: graphclient.LoadProgress{Pages: 99}})
	if sum.prog.Pages != 3 {
		t.Fatal("a stale progress message was taken")
	}
	sum.stop()
	settle(t, sum, cmd)
}

func TestSummaryPstn(t *testing.T) {
	from, to := threeDays()
	s := openLog(t, logCommon(t), newPstn(), from, to)
	sum := openSummary(t, s)
	got, _ := settle(t, sum, sum.Init())
	sum = got.(*summary)
	var n int
	dests := map[string]int{}
	for _, r := range uitest.DemoTenant.PstnRows() {
		if !r.StartDateTime.Before(from) && r.StartDateTime.Before(to) {
			n++
			dests[r.DestinationName]++
		}
	}
	if pstnSum(sum).Calls != n || pstnSum(sum).Destinations[0].Calls != slices.Max(mapValues(dests)) {
		t.Fatalf("PSTN summary: %d calls (want %d), top destination %+v", pstnSum(sum).Calls, n, pstnSum(sum).Destinations[0])
	}
	viewHas(t, sum.View(), "Destinations", "Call types", "Calls per hour")
	_, root := press(t, sum, uitest.KeyEnter)
	v := root[0].(common.PushMsg).Screen.(*List)
	if v.tbl.Len() != pstnSum(sum).Destinations[0].Calls {
		t.Fatalf("destination view has %d rows, want %d", v.tbl.Len(), pstnSum(sum).Destinations[0].Calls)
	}
}

func mapValues(m map[string]int) []int {
	out := make([]int, 0, len(m))
	for _, v := range m {
		out = append(out, v)
	}
	return out
}

// r while a stopped load still hands over its last windows must wait:
// a new load would leave the old loader blocked on a channel nobody reads.
func TestSummaryReloadWaitsForTheStoppedLoad(t *testing.T) {
	client, _ := logFake(t, uitest.DemoTenant, fakegraph.Options{Faults: fakegraph.Faults{Latency: 50 * time.Millisecond}})
	to := uitest.Now.Truncate(time.Hour)
	s := openLog(t, logCommonWith(client), newDirectRouting(), to.Add(-29*24*time.Hour), to)
	sum := openSummary(t, s)
	cmd := sum.Init()
	for sum.prog.Pages == 0 {
		_, cmd = sum.Update(cmd())
	}
	sum.Update(uitest.KeyEsc)
	first := sum.pending
	if _, again := sum.Update(uitest.KeyRune('r')); again != nil || sum.pending != first {
		t.Fatal("r started a new load while the stopped one was still handing over its windows")
	}
	if h := sum.ShortHelp(); enabledIn(h, uitest.KeyRune('r')) || enabledIn(h, uitest.KeyEsc) {
		t.Fatal("help offers r or esc while the stopped load winds down; neither does anything yet")
	}
	if _, quit := sum.Update(uitest.KeyRune('q')); quit == nil || !isQuit(quit) {
		t.Fatal("q must still quit while the stopped load winds down")
	}
	got, _ := settle(t, sum, cmd) // the old loader ends
	sum = got.(*summary)
	_, again := sum.Update(uitest.KeyRune('r'))
	if again == nil || sum.pending == first || !enabledIn(sum.ShortHelp(), uitest.KeyEsc) {
		t.Fatal("once the stopped load ended, r must load again")
	}
	sum.stop()
	settle(t, sum, again)
}

// End on a summary without a single group (an empty range) leaves nothing
// selected, so enter is not offered.
func TestSummaryEndWithoutGroupsSelectsNothing(t *testing.T) {
	from, to := threeDays()
	f := newFeed(newPstn(), from, to)
	f.Started = true // complete and empty
	var sum common.Screen = newSummary(uitest.Common(uitest.Now), f, filter{})
	sum, _ = sum.Update(common.BodySizeMsg{Width: 120, Height: 25})
	for _, k := range []tea.KeyMsg{uitest.KeyEnd, uitest.KeyDown, uitest.KeyHome, uitest.KeyUp, uitest.KeyPageDown} {
		sum, _ = sum.Update(k)
		if c := sum.(*summary).cursor; c != -1 {
			t.Fatalf("%s: cursor %d on a summary without groups", k, c)
		}
		if enabledIn(sum.ShortHelp(), uitest.KeyEnter) {
			t.Fatalf("%s: help offers enter with no group to open", k)
		}
	}
}

// drSum and pstnSum are the summary a test's summary screen shows.
func drSum(s *summary) *triage.Summary       { return s.groups.(*drGroups).sum }
func pstnSum(s *summary) *triage.PstnSummary { return s.groups.(*pstnGroups).sum }

// Update starts no I/O: opening the summary and starting its load only
// make the command, and Graph hears nothing until the command runs; the
// same holds for the list's first page.
func TestLoadsStartInTheirCommands(t *testing.T) {
	client, fake := logFake(t, uitest.DemoTenant, fakegraph.Options{})
	from, to := threeDays()
	s := NewDirect(logCommonWith(client), from, to)
	s.Update(common.BodySizeMsg{Width: 120, Height: 25})
	first := s.Init()
	if first == nil || len(fake.Requests()) != 0 {
		t.Fatalf("Init asked Graph before its command ran (%d requests)", len(fake.Requests()))
	}
	got, _ := settle(t, s, first)
	s = got.(*List)
	if len(fake.Requests()) != 1 || s.feed.Len() == 0 {
		t.Fatalf("the first page's command: %d requests, %d rows", len(fake.Requests()), s.feed.Len())
	}
	sum := openSummary(t, s)
	fake.ResetRequests()
	load := sum.Init()
	if load == nil || !sum.loading || len(fake.Requests()) != 0 {
		t.Fatalf("the summary's load started before its command ran (%d requests)", len(fake.Requests()))
	}
	got, _ = settle(t, sum, load)
	if sum = got.(*summary); len(fake.Requests()) == 0 || sum.feed.Len() == 0 {
		t.Fatalf("the load's command: %d requests, %d rows", len(fake.Requests()), sum.feed.Len())
	}
}
