package ui

import (
	"errors"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/callscope/callscope/graphclient"
	"github.com/callscope/callscope/graphclient/fakegraph"
	"github.com/callscope/callscope/model"
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
)

// logFake serves tenant over real HTTP and returns a client for it and
// the server, whose Requests count what the screens asked for.
func logFake(t *testing.T, tenant *fakegraph.Tenant, opts fakegraph.Options) (*graphclient.Client, *fakegraph.Server) {
	t.Helper()
	if opts.Clock == nil {
		opts.Clock = func() time.Time { return logNow }
	}
	fs := fakegraph.New(tenant, opts)
	hs := httptest.NewServer(fs)
	t.Cleanup(hs.Close)
	c, err := graphclient.New(graphclient.Options{ServiceRoot: hs.URL + "/v1.0",
		Credential: graphclient.StaticToken("test-token"), MaxRetries: 1, MaxRetryDelay: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	return c, fs
}

// logCommon is testCommon at logNow with a client for the demo tenant,
// OpenRecord bound (testKeys may predate it) and a recording clipboard.
func logCommon(t *testing.T) *Common {
	t.Helper()
	client, _ := logFake(t, demoTenant, fakegraph.Options{})
	return logCommonWith(client)
}

func logCommonWith(client *graphclient.Client) *Common {
	c := testCommon(logNow)
	c.Client = client
	c.Records = NewRecordCache(4)
	c.Copy = func(string) error { return nil }
	if len(c.Keys.OpenRecord.Keys()) == 0 {
		c.Keys.OpenRecord = key.NewBinding(key.WithKeys("o"), key.WithHelp("o", "open call record"))
	}
	return c
}

// viewHas fails unless every part is in view.
func viewHas(t *testing.T, view string, parts ...string) {
	t.Helper()
	for _, p := range parts {
		if !strings.Contains(view, p) {
			t.Errorf("view lacks %q:\n%s", p, view)
		}
	}
}

// settle runs cmd and feeds what it yields back into s, the way the
// runtime would, until nothing is left; messages for the root are returned.
func settle(t *testing.T, s screen, cmd tea.Cmd) (screen, []tea.Msg) {
	t.Helper()
	var root []tea.Msg
	queue := []tea.Cmd{cmd}
	for steps := 0; len(queue) > 0; steps++ {
		if steps > 5000 {
			t.Fatal("commands did not settle")
		}
		c := queue[0]
		queue = queue[1:]
		if c == nil {
			continue
		}
		switch m := c().(type) {
		case nil:
		case tea.BatchMsg:
			queue = append(queue, m...)
		case pushMsg, flashMsg, popMsg, logFeedAdoptMsg:
			root = append(root, m)
		default:
			var next tea.Cmd
			s, next = s.Update(m)
			queue = append(queue, next)
		}
	}
	return s, root
}

// press sends keys to s and settles what they start.
func press(t *testing.T, s screen, keys ...tea.KeyMsg) (screen, []tea.Msg) {
	t.Helper()
	var root []tea.Msg
	for _, k := range keys {
		var cmd tea.Cmd
		var r []tea.Msg
		s, cmd = s.Update(k)
		s, r = settle(t, s, cmd)
		root = append(root, r...)
	}
	return s, root
}

// threeDays is a range with a little over two pages of demo rows.
func threeDays() (time.Time, time.Time) {
	to := logNow.Truncate(time.Hour)
	return to.Add(-72 * time.Hour), to
}

// demoRowsIn are the demo's Direct Routing rows starting in [from, to).
func demoRowsIn(from, to time.Time) []model.DirectRoutingRow {
	var out []model.DirectRoutingRow
	for _, r := range demoTenant.DirectRoutingRows() {
		if !r.StartDateTime.Before(from) && r.StartDateTime.Before(to) {
			out = append(out, r)
		}
	}
	return out
}

// openLog makes a sized log screen (120x25 body: 24 table rows) and
// settles its first page.
func openLog(t *testing.T, c *Common, k logKind, from, to time.Time) *logScreen {
	t.Helper()
	s := newLogScreen(c, k, from, to)
	s.Update(bodySizeMsg{Width: 120, Height: 25})
	got, _ := settle(t, s, s.Init())
	return got.(*logScreen)
}

func TestLogPagingOverTheFake(t *testing.T) {
	from, to := threeDays()
	want := demoRowsIn(from, to)
	if len(want) <= 2000 || len(want) > 3000 {
		t.Fatalf("the demo has %d rows in three days; the test wants 2001..3000", len(want))
	}
	s := openLog(t, logCommon(t), logDirect, from, to)
	if st := s.Status(); st.Loaded != 1000 || !st.More || st.Loading {
		t.Fatalf("after the first page: %+v", st)
	}
	// Nothing is fetched until the cursor is within a screenful (24 rows)
	// of row 999.
	s.tbl.SetCursor(999 - 24 - 2)
	if _, cmd := s.Update(keyDown); cmd != nil || s.Status().Loading {
		t.Fatalf("cursor %d, 25 rows from the end, fetched early", s.tbl.Cursor())
	}
	_, cmd := s.Update(keyDown)
	if cmd == nil || !s.Status().Loading {
		t.Fatalf("cursor %d, 24 rows from the end, did not fetch", s.tbl.Cursor())
	}
	inflight := s.feed.pending
	for _, k := range []tea.KeyMsg{keyUp, keyDown, keyEnd} {
		if _, c := s.Update(k); c != nil || s.feed.pending != inflight {
			t.Fatal("a second request went out while one is in flight")
		}
	}
	got, _ := settle(t, s, cmd)
	s = got.(*logScreen)
	for s.Status().More {
		got, _ = press(t, s, keyEnd)
		s = got.(*logScreen)
	}
	if st := s.Status(); st.Loaded != len(want) || st.More {
		t.Fatalf("after paging: loaded %d of %d, more %v", st.Loaded, len(want), st.More)
	}
	for _, i := range []int{0, 999, 1000, len(want) - 1} {
		if got := s.feed.dr.row(int32(i)); got.ID != want[i].ID {
			t.Fatalf("row %d is %s, want %s (rows must stay in Graph's order)", i, got.ID, want[i].ID)
		}
	}
}

func TestLogStalePageIsDropped(t *testing.T) {
	from, to := threeDays()
	c := logCommon(t)
	s := newLogScreen(c, logDirect, from, to)
	s.Update(bodySizeMsg{Width: 120, Height: 25})
	first := s.Init()
	stale := first() // the answer to the first range
	// A new range before the answer lands: a new feed and request.
	reload := s.reload(from.Add(24*time.Hour), to)
	s.Update(stale)
	if s.feed.Len() != 0 || !s.Status().Loading {
		t.Fatalf("a stale page was taken: %d rows", s.feed.Len())
	}
	got, _ := settle(t, s, reload)
	s = got.(*logScreen)
	if n := s.feed.Len(); n == 0 || n > 1000 {
		t.Fatalf("after the new range's page: %d rows", n)
	}
	if first := s.feed.dr.row(0); first.StartDateTime.Before(from.Add(24 * time.Hour)) {
		t.Fatalf("row 0 starts %v, before the new range", first.StartDateTime)
	}
}

func TestLogFailuresOnlyKeepsCursorRow(t *testing.T) {
	from, to := threeDays()
	s := openLog(t, logCommon(t), logDirect, from, to)
	// Put the cursor on a failed row, then one past it on a success.
	failedPos := -1
	for i := 10; i < s.tbl.Len(); i++ {
		if s.feed.dr.failed(int32(i)) && !s.feed.dr.failed(int32(i+1)) {
			failedPos = i
			break
		}
	}
	if failedPos < 0 {
		t.Fatal("no failed row followed by a success in the first page")
	}
	s.tbl.SetCursor(failedPos)
	press(t, s, keyRune('f'))
	if !s.failuresOnly || s.Status().Filter == "" || !strings.Contains(s.Status().Filter, "failures only") {
		t.Fatalf("f did not turn failures-only on: %+v", s.Status())
	}
	for pos := 0; pos < s.tbl.Len(); pos++ {
		if !s.feed.dr.failed(s.rowAt(pos)) {
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
	press(t, s, keyRune('f'))
	if !s.identity || s.rowAt(s.tbl.Cursor()) != int32(failedPos) {
		t.Fatalf("f off: identity %v, cursor row %d", s.identity, s.rowAt(s.tbl.Cursor()))
	}
	s.tbl.SetCursor(failedPos + 1)
	press(t, s, keyRune('f'))
	want := int32(failedPos + 2)
	for !s.feed.dr.failed(want) {
		want++
	}
	if got := s.rowAt(s.tbl.Cursor()); got != want {
		t.Fatalf("cursor on row %d, want the next failure %d", got, want)
	}
}

func TestLogFailuresOnlyIsDirectRoutingOnly(t *testing.T) {
	from, to := threeDays()
	s := openLog(t, logCommon(t), logPstn, from, to)
	n := s.tbl.Len()
	press(t, s, keyRune('f'))
	if s.failuresOnly || s.tbl.Len() != n {
		t.Fatal("f changed the PSTN view, whose rows have no outcome")
	}
	for _, b := range s.ShortHelp() {
		if b.Help().Desc == "failures only" {
			t.Fatal("PSTN help offers failures only")
		}
	}
	dr := openLog(t, logCommon(t), logDirect, from, to)
	found := false
	for _, b := range dr.ShortHelp() {
		found = found || b.Help().Desc == "failures only"
	}
	if !found {
		t.Fatal("Direct Routing help lacks failures only")
	}
}

// sortBy opens the picker and picks the column named name.
func sortBy(t *testing.T, s *logScreen, name string) {
	t.Helper()
	press(t, s, keyRune('s'))
	if s.picker == nil || !s.Capturing() {
		t.Fatal("s did not open the sort picker")
	}
	for i := 0; i < len(s.cols)+1; i++ {
		if c := s.picker.cursor - 1; c >= 0 && s.cols[c].Name == name {
			press(t, s, keyEnter)
			return
		}
		press(t, s, keyDown)
	}
	t.Fatalf("no column %q in the picker", name)
}

func TestLogSortKeepsCursorRow(t *testing.T) {
	from, to := threeDays()
	s := openLog(t, logCommon(t), logDirect, from, to)
	s.tbl.SetCursor(321)
	row := s.rowAt(321)
	sortBy(t, s, "duration")
	if s.sortCol != drColDuration || !s.sortDesc || !strings.Contains(s.Status().Filter, "sorted by duration ↓") {
		t.Fatalf("sort = %d desc %v header %q", s.sortCol, s.sortDesc, s.Status().Filter)
	}
	if got := s.rowAt(s.tbl.Cursor()); got != row {
		t.Fatalf("cursor on row %d after sorting, want %d", got, row)
	}
	prev := int32(1 << 30)
	for pos := 0; pos < s.tbl.Len(); pos++ {
		d := s.feed.dr.rows.at(s.rowAt(pos)).duration
		if d > prev {
			t.Fatalf("position %d: duration %d after %d, not descending", pos, d, prev)
		}
		prev = d
	}
	// Picking the same column reverses it; the cursor stays.
	sortBy(t, s, "duration")
	if s.sortDesc || s.rowAt(s.tbl.Cursor()) != row {
		t.Fatalf("reverse: desc %v, cursor row %d", s.sortDesc, s.rowAt(s.tbl.Cursor()))
	}
	// Sorted, failures only: new pages merge in order.
	sortBy(t, s, "trunk")
	press(t, s, keyRune('f'))
	got, _ := press(t, s, keyEnd)
	s = got.(*logScreen)
	if s.feed.Len() <= 1000 {
		t.Fatal("End should have loaded the next page")
	}
	want := buildView(s.feed.Len(), s.match, s.feed.dr.sortKey(drColTrunk), false)
	if !slices.Equal(s.view, want) {
		t.Fatal("rows merged from a new page are out of order")
	}
}

func TestLogCellsShowOutcomeInText(t *testing.T) {
	from, to := threeDays()
	s := openLog(t, logCommon(t), logDirect, from, to)
	v := s.View()
	viewHas(t, v, "Start", "Caller → Callee", "Result", "SIP", "Trunk", "OK", "sbc1.contoso.com")
	if !strings.Contains(s.Status().Filter, "2026-11-17 14:00 → 2026-11-20 14:00") {
		t.Fatalf("header filter %q lacks the range", s.Status().Filter)
	}
}

// A page with no rows but a nextLink is not the end: the list keeps saying
// it loads, and fetches the next page, rather than claim the range is empty.
func TestLogEmptyPageWithNextLinkIsStillLoading(t *testing.T) {
	from, to := threeDays()
	s := newLogScreen(testCommon(logNow), logDirect, from, to)
	s.Update(bodySizeMsg{Width: 120, Height: 25})
	s.Init()
	_, cmd := s.Update(logPageMsg{reqID: s.feed.pending, dr: &model.Page[model.DirectRoutingRow]{NextLink: "https://graph/next-1"}})
	if cmd == nil || s.feed.pending == 0 {
		t.Fatal("an empty page with a nextLink must fetch the next one")
	}
	v := s.View()
	if strings.Contains(v, "No Direct Routing calls") || !strings.Contains(v, "Loading Direct Routing calls") {
		t.Fatalf("view while the next page loads:\n%s", v)
	}
	s.Update(logPageMsg{reqID: s.feed.pending, dr: &model.Page[model.DirectRoutingRow]{}})
	viewHas(t, s.View(), "No Direct Routing calls between")
}

// A summary group's view neither pages nor reloads: when the summary's load
// failed, it must not offer r to retry, and in a SIP code group, whose rows
// all failed, f changes nothing and is not offered either.
func TestGroupViewOffersOnlyWhatItDoes(t *testing.T) {
	from, to := threeDays()
	f := newLogFeed(logDirect, from, to)
	f.started = true
	for i, ok := range []bool{false, true, false} {
		f.dr.add(&model.DirectRoutingRow{ID: "row-" + itoa(int64(i)), StartDateTime: model.NewTime(from.Add(time.Duration(i) * time.Hour)),
			SuccessfulCall: ok, FinalSIPCode: map[bool]int32{false: 503, true: 0}[ok], CallEndSubReason: map[bool]int32{false: 560503, true: 540000}[ok]})
	}
	f.err = errors.New("load Direct Routing calls: connection reset")
	c := testCommon(logNow)
	var v screen = newLogScreenOn(c, f, logGroup{kind: groupCode, sip: 503, sub: 560503})
	v, _ = v.Update(bodySizeMsg{Width: 120, Height: 25})
	s := v.(*logScreen)
	if s.tbl.Len() != 2 {
		t.Fatalf("group view shows %d rows, want 2", s.tbl.Len())
	}
	if strings.Contains(s.View(), "to retry") || s.Status().Err != nil {
		t.Fatalf("a group view offers a retry r cannot do:\n%s\nstatus %+v", s.View(), s.Status())
	}
	viewHas(t, s.View(), "connection reset")
	if enabledIn(s.ShortHelp(), keyRune('f')) {
		t.Fatal("f offered in a SIP code group, where every row failed")
	}
	s.Update(keyRune('f'))
	if s.failuresOnly || strings.Contains(s.Status().Filter, "failures only") {
		t.Fatalf("f in a SIP code group: header %q", s.Status().Filter)
	}
}
