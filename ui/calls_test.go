package ui

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/callscope/callscope/graphclient"
	"github.com/callscope/callscope/model"
	tea "github.com/charmbracelet/bubbletea"
)

// listServer serves recs as /communications/callRecords in pages, the way
// Graph does, and records each query.
type listServer struct {
	mu       sync.Mutex
	recs     []model.CallRecord
	pageSize int
	queries  []string
	srv      *httptest.Server
}

func newListServer(t *testing.T, recs []model.CallRecord, pageSize int) *listServer {
	ls := &listServer{recs: recs, pageSize: pageSize}
	ls.srv = httptest.NewServer(ls)
	t.Cleanup(ls.srv.Close)
	return ls
}

func (ls *listServer) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	ls.mu.Lock()
	defer ls.mu.Unlock()
	ls.queries = append(ls.queries, r.URL.RawQuery)
	off, _ := strconv.Atoi(r.URL.Query().Get("$skiptoken"))
	end := min(off+ls.pageSize, len(ls.recs))
	page := model.Page[model.CallRecord]{Value: ls.recs[off:end]}
	if end < len(ls.recs) {
		page.NextLink = fmt.Sprintf("%s/v1.0/communications/callRecords?$skiptoken=%d", ls.srv.URL, end)
	}
	w.Header().Set("Content-Type", "application/json")
	json.NewEncoder(w).Encode(page)
}

func (ls *listServer) client(t *testing.T) *graphclient.Client {
	c, err := graphclient.New(graphclient.Options{ServiceRoot: ls.srv.URL + "/v1.0", MaxRetries: -1})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func (ls *listServer) requests() []string {
	ls.mu.Lock()
	defer ls.mu.Unlock()
	return append([]string(nil), ls.queries...)
}

// pageOf is a page message answering the screen's request in flight.
func pageOf(s *callsScreen, recs []model.CallRecord, next string) callsPageMsg {
	return callsPageMsg{reqID: s.pending, page: &model.Page[model.CallRecord]{Value: recs, NextLink: next}}
}

// sized makes a calls screen over a 120x21 body (20 table rows), with the
// first page requested.
func sized(c *Common, f CallFilter) *callsScreen {
	s := newCallsScreen(c, f)
	s.Init()
	s.Update(bodySizeMsg{Width: 120, Height: 21})
	return s
}

func update(s *callsScreen, msgs ...tea.Msg) tea.Cmd {
	var cmd tea.Cmd
	for _, m := range msgs {
		_, cmd = s.Update(m)
	}
	return cmd
}

func TestCallsPagingFiresWithinAScreenfulOnlyOnce(t *testing.T) {
	s := sized(testCommon(testT0), CallFilter{})
	first := s.pending
	if first == 0 || s.link != "" {
		t.Fatal("Init must request the first page")
	}
	update(s, pageOf(s, makeRecords(0, 60), "next-1"))
	if s.pending != 0 || s.rows.Len() != 60 || s.tbl.PageSize() != 20 {
		t.Fatalf("after page 1: pending %d rows %d page %d", s.pending, s.rows.Len(), s.tbl.PageSize())
	}
	// The last loaded row is 59: nothing is fetched until the cursor is
	// within 20 rows of it (row 39).
	for i := 1; i <= 38; i++ {
		if cmd := update(s, keyDown); cmd != nil || s.pending != 0 {
			t.Fatalf("cursor %d (%d from the end): fetched too early", s.tbl.Cursor(), 59-s.tbl.Cursor())
		}
	}
	if cmd := update(s, keyDown); cmd == nil || s.pending == 0 || s.link != "next-1" {
		t.Fatalf("cursor %d: want the next page requested (link %q)", s.tbl.Cursor(), s.link)
	}
	inFlight := s.pending
	for _, k := range []tea.KeyMsg{keyDown, keyDown, keyEnd, keyPgDn} {
		if cmd := update(s, k); cmd != nil || s.pending != inFlight {
			t.Fatal("a second request was sent while one is in flight")
		}
	}
	update(s, pageOf(s, makeRecords(60, 60), ""))
	if s.rows.Len() != 120 || s.pending != 0 || s.Status().More {
		t.Fatalf("after the last page: rows %d pending %d", s.rows.Len(), s.pending)
	}
	if cmd := update(s, keyEnd); cmd != nil {
		t.Fatal("nothing more to fetch after the last page")
	}
}

func TestCallsShortFirstPageKeepsFetching(t *testing.T) {
	s := sized(testCommon(testT0), CallFilter{})
	// Graph may send an empty page with a next link; the list follows it.
	if cmd := update(s, pageOf(s, nil, "n1")); cmd == nil || s.link != "n1" {
		t.Fatal("an empty page with a next link must be followed")
	}
	if !strings.Contains(s.View(), "Loading call records") {
		t.Fatalf("loading state not drawn:\n%s", s.View())
	}
	if cmd := update(s, pageOf(s, makeRecords(0, 5), "n2")); cmd == nil || s.link != "n2" {
		t.Fatal("5 rows do not fill the screen: the next page must be fetched")
	}
}

func TestCallsStalePageDroppedAfterReload(t *testing.T) {
	s := sized(testCommon(testT0), CallFilter{})
	a := pageOf(s, makeRecords(0, 60), "a-next")
	if cmd := update(s, keyRune('r')); cmd == nil || s.pending == a.reqID {
		t.Fatal("r must supersede the request in flight")
	}
	update(s, a)
	if s.rows.Len() != 0 || s.pending == 0 {
		t.Fatalf("stale page taken: rows %d", s.rows.Len())
	}
	update(s, callsPageMsg{reqID: a.reqID, err: errors.New("late failure")})
	if s.err != nil {
		t.Fatal("a stale error must be dropped too")
	}
	update(s, pageOf(s, makeRecords(100, 3), ""))
	if s.rows.Len() != 3 || s.rows.ID(0) != testID(100) {
		t.Fatalf("current page not taken: %d rows", s.rows.Len())
	}
}

func TestCallsStalePageDroppedAfterNewFilter(t *testing.T) {
	s := sized(testCommon(testT0), CallFilter{})
	update(s, pageOf(s, makeRecords(0, 60), "a-next"))
	for range 40 {
		update(s, keyDown)
	}
	a := pageOf(s, makeRecords(60, 60), "")
	update(s, keyRune('/'))
	if !s.Capturing() {
		t.Fatal("the filter form must capture the keyboard")
	}
	update(s, keyTab, keyTab)
	update(s, typeTextMsgs("8:orgid:821809f5")...)
	if cmd := update(s, keyEnter); cmd == nil || s.Capturing() {
		t.Fatal("enter must apply the filter and fetch")
	}
	if s.filter.Participant != "8:orgid:821809f5" || s.rows.Len() != 0 || s.tbl.Cursor() != 0 {
		t.Fatalf("new filter: %+v, rows %d", s.filter, s.rows.Len())
	}
	update(s, a)
	if s.rows.Len() != 0 {
		t.Fatal("the old filter's page was taken")
	}
	if got := s.Status().Filter; got != "last 30 days · participant 8:orgid:…" {
		t.Fatalf("filter words %q", got)
	}
}

func typeTextMsgs(s string) []tea.Msg {
	var out []tea.Msg
	for _, k := range typeText(s) {
		out = append(out, k)
	}
	return out
}

func TestCallsFilterValidationIsInlineAndSendsNothing(t *testing.T) {
	s := sized(testCommon(testT0), CallFilter{})
	update(s, pageOf(s, makeRecords(0, 60), "more"))
	before := s.pending
	update(s, keyRune('/'))
	update(s, typeTextMsgs("2026-13-45")...)
	if cmd := update(s, keyEnter); cmd != nil || s.pending != before {
		t.Fatal("an invalid filter must send nothing")
	}
	v := s.View()
	if !s.Capturing() || !strings.Contains(v, `✗ "2026-13-45": not a date or time`) {
		t.Fatalf("inline error missing:\n%s", v)
	}
	// From after To is refused on the To field.
	update(s, tea.KeyMsg{Type: tea.KeyCtrlU})
	update(s, typeTextMsgs("-1h")...)
	update(s, keyTab)
	update(s, typeTextMsgs("-2h")...)
	if cmd := update(s, keyEnter); cmd != nil || !strings.Contains(s.View(), "must be before") {
		t.Fatalf("range error missing:\n%s", s.View())
	}
	if s.rows.Len() != 60 {
		t.Fatal("a refused filter must not touch the list")
	}
}

func TestCallsFilterWarnsPastRetention(t *testing.T) {
	s := sized(testCommon(testT0), CallFilter{})
	update(s, keyRune('/'))
	update(s, typeTextMsgs("-45d")...)
	if !strings.Contains(s.View(), "Graph keeps call records for 30 days") {
		t.Fatalf("retention warning missing:\n%s", s.View())
	}
	if cmd := update(s, keyEnter); cmd == nil || s.Capturing() {
		t.Fatal("the warning must not block applying")
	}
	if want := testT0.Add(-45 * 24 * time.Hour); !s.filter.From.Equal(want) {
		t.Fatalf("from %v, want %v", s.filter.From, want)
	}
}

func TestCallsEscLeavesListUntouched(t *testing.T) {
	f := CallFilter{From: testT0.Add(-2 * time.Hour)}
	s := sized(testCommon(testT0), f)
	update(s, pageOf(s, makeRecords(0, 60), "more"))
	update(s, keyDown, keyDown, keyDown)
	update(s, keyRune('/'))
	update(s, typeTextMsgs("-1h")...)
	if cmd := update(s, keyEsc); cmd != nil {
		t.Fatal("esc must send nothing")
	}
	if s.Capturing() || s.filter != f || s.rows.Len() != 60 || s.tbl.Cursor() != 3 || s.next != "more" {
		t.Fatalf("esc changed the list: filter %+v rows %d cursor %d", s.filter, s.rows.Len(), s.tbl.Cursor())
	}
}

func TestCallsEmptyState(t *testing.T) {
	f := CallFilter{From: testT0.Add(-time.Hour), Participant: "+14255550100"}
	s := sized(testCommon(testT0), f)
	update(s, pageOf(s, nil, ""))
	v := s.View()
	if !strings.Contains(v, "No call records between 2026-11-20 14:00 and now for participant +14255550100") {
		t.Fatalf("empty state:\n%s", v)
	}
	f.Participant = ""
	s = sized(testCommon(testT0), CallFilter{To: testT0.Add(-time.Hour)})
	update(s, pageOf(s, nil, ""))
	if v := s.View(); !strings.Contains(v, "No call records between 30 days ago and 2026-11-20 14:00") {
		t.Fatalf("empty state:\n%s", v)
	}
}

func graphErr() error {
	return fmt.Errorf("list call records: %w", &graphclient.Error{Status: 503, Code: "ServiceUnavailable",
		Message: "try later", RequestID: "req-7731"})
}

func TestCallsErrorKeepsRowsAndRRetriesThePage(t *testing.T) {
	s := sized(testCommon(testT0), CallFilter{})
	update(s, pageOf(s, makeRecords(0, 60), "page-2"))
	update(s, keyEnd)
	if s.link != "page-2" {
		t.Fatal("page 2 not requested")
	}
	update(s, callsPageMsg{reqID: s.pending, err: graphErr()})
	if s.rows.Len() != 60 || s.tbl.Cursor() != 59 || s.Status().Err == nil || s.Status().Loading {
		t.Fatalf("rows %d cursor %d status %+v", s.rows.Len(), s.tbl.Cursor(), s.Status())
	}
	v := s.View()
	if !strings.Contains(v, "Graph 503 ServiceUnavailable: try later · request-id req-7731 · r to retry") {
		t.Fatalf("error line:\n%s", v)
	}
	if cmd := update(s, keyUp); cmd != nil {
		t.Fatal("no automatic retry while an error waits for r")
	}
	if cmd := update(s, keyRune('r')); cmd == nil || s.link != "page-2" || s.rows.Len() != 60 || s.err != nil {
		t.Fatalf("r must retry page 2 keeping rows: link %q rows %d", s.link, s.rows.Len())
	}
	update(s, pageOf(s, makeRecords(60, 10), ""))
	if s.rows.Len() != 70 {
		t.Fatalf("retried page not appended: %d", s.rows.Len())
	}
}

func TestCallsFirstPageErrorState(t *testing.T) {
	s := sized(testCommon(testT0), CallFilter{})
	update(s, callsPageMsg{reqID: s.pending, err: graphErr()})
	v := s.View()
	for _, want := range []string{"Could not load call records", "code ServiceUnavailable", "request-id req-7731", "r to retry"} {
		if !strings.Contains(v, want) {
			t.Fatalf("missing %q:\n%s", want, v)
		}
	}
	if cmd := update(s, keyRune('r')); cmd == nil || s.link != "" || s.pending == 0 {
		t.Fatal("r must retry the first page")
	}
}

func TestCallsBackKeepsSelection(t *testing.T) {
	c := testCommon(testT0)
	a := New(Options{Keys: c.Keys, Styles: c.Styles, Now: c.Now, UTC: true})
	a.Init()
	a.Update(tea.WindowSizeMsg{Width: 120, Height: 30})
	s := a.top().(*callsScreen)
	a.Update(pageOf(s, makeRecords(0, 60), ""))
	for range 5 {
		a.Update(keyDown)
	}
	_, cmd := a.Update(keyEnter)
	if cmd == nil {
		t.Fatal("enter must open the record")
	}
	push, ok := cmd().(pushMsg)
	if !ok {
		t.Fatalf("enter gave %T, want pushMsg", cmd())
	}
	a.Update(push)
	if len(a.stacks[ViewCalls]) != 2 || a.top().Title() == "Calls" {
		t.Fatal("record screen not pushed")
	}
	a.Update(keyEsc) // the root pops at once: the next key reaches the list
	if a.top() != s || s.tbl.Cursor() != 5 {
		t.Fatalf("back: cursor %d, want 5", s.tbl.Cursor())
	}
}

func TestCallsCopyAndExport(t *testing.T) {
	c := testCommon(testT0)
	var copied string
	c.Copy = func(s string) error { copied = s; return nil }
	c.ExportDir = t.TempDir()
	s := sized(c, CallFilter{})
	if cmd := update(s, keyRune('y')); cmd != nil {
		t.Fatal("nothing to copy in an empty list")
	}
	update(s, pageOf(s, makeRecords(0, 60), ""))
	update(s, keyDown)
	msg := update(s, keyRune('y'))()
	if fm := msg.(flashMsg); copied != testID(1) || fm.text != "copied "+testID(1)+" to the clipboard" {
		t.Fatalf("copy: %q %#v", copied, msg)
	}
	fm := update(s, keyRune('e'))().(flashMsg)
	if fm.isErr || !strings.Contains(fm.text, c.ExportDir) {
		t.Fatalf("export: %#v", fm)
	}
	matches, _ := filepath.Glob(filepath.Join(c.ExportDir, "callscope-calls-20261120-150000.*"))
	if len(matches) != 2 {
		t.Fatalf("export files: %v", matches)
	}
	raw, _ := os.ReadFile(filepath.Join(c.ExportDir, "callscope-calls-20261120-150000.csv"))
	lines := strings.Split(strings.TrimSpace(string(raw)), "\n")
	if len(lines) != 61 || !strings.HasPrefix(lines[1], testID(0)+",2026-11-20T14:00:00Z,0,peerToPeer,audio,Adele Vance") {
		t.Fatalf("csv:\n%s", strings.Join(lines[:2], "\n"))
	}
}

func TestCallsTimesFollowTheZonePreference(t *testing.T) {
	c := testCommon(testT0)
	c.Prefs.Local = time.FixedZone("TST", 2*3600)
	s := sized(c, CallFilter{From: testT0.Add(-time.Hour)})
	update(s, pageOf(s, makeRecords(0, 1), ""))
	if !strings.Contains(s.View(), "2026-11-20 14:00:00") || s.Status().Filter != "from 2026-11-20 14:00 to now" {
		t.Fatalf("UTC:\n%s\n%s", s.View(), s.Status().Filter)
	}
	c.Prefs.UTC = false
	update(s, prefsChangedMsg{})
	if !strings.Contains(s.View(), "2026-11-20 16:00:00") || s.Status().Filter != "from 2026-11-20 16:00 to now" {
		t.Fatalf("local:\n%s\n%s", s.View(), s.Status().Filter)
	}
}

func TestCallsTinyTerminalDoesNotPanic(t *testing.T) {
	s := sized(testCommon(testT0), CallFilter{})
	update(s, pageOf(s, makeRecords(0, 60), "x"))
	for _, size := range []bodySizeMsg{{20, 5}, {20, 1}, {1, 1}, {0, 0}, {20, 3}} {
		update(s, size)
		update(s, keyDown, keyPgDn, keyEnd, keyHome)
		_ = s.View()
		update(s, keyRune('/'))
		_ = s.View()
		update(s, keyEsc)
		update(s, callsPageMsg{reqID: s.pending, err: graphErr()})
		_ = s.View()
	}
	a := New(Options{Keys: testKeys(), Styles: DefaultStyles(), Now: func() time.Time { return testT0 }})
	a.Init()
	a.Update(tea.WindowSizeMsg{Width: 20, Height: 10})
	a.Update(keyDown)
	if v := a.View(); !strings.Contains(v, "too small") {
		t.Fatalf("20 columns:\n%s", v)
	}
}

func TestCallsQueryCarriesTheStartFilter(t *testing.T) {
	ls := newListServer(t, makeRecords(0, 130), 60)
	c := testCommon(testT0)
	c.Client = ls.client(t)
	f := CallFilter{From: testT0.Add(-2 * time.Hour), To: testT0, Participant: "821809f5"}
	s := newCallsScreen(c, f)
	msg := s.Init()()
	s.Update(bodySizeMsg{Width: 120, Height: 30})
	update(s, msg)
	if s.rows.Len() != 60 {
		t.Fatalf("rows %d", s.rows.Len())
	}
	q := ls.requests()[0]
	for _, want := range []string{"startDateTime%20ge%202026-11-20T13%3A00%3A00Z", "startDateTime%20lt%202026-11-20T15%3A00%3A00Z",
		"participants_v2%2Fany%28p%3Ap%2Fid%20eq%20%27821809f5%27%29", "$select=id%2Ctype"} {
		if !strings.Contains(q, want) {
			t.Errorf("query %q lacks %q", q, want)
		}
	}
	// Paging to the end follows Graph's links verbatim.
	for s.next != "" {
		cmd := update(s, keyEnd)
		if cmd == nil {
			t.Fatal("no fetch at the end of the loaded rows")
		}
		update(s, cmd())
	}
	if s.rows.Len() != 130 || s.rows.ID(129) != testID(129) {
		t.Fatalf("rows %d", s.rows.Len())
	}
	if n := len(ls.requests()); n != 3 {
		t.Fatalf("%d requests, want 3", n)
	}
}
