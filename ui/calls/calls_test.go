package calls

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/callscope/callscope/graphclient"
	"github.com/callscope/callscope/model"
	"github.com/callscope/callscope/model/export"
	"github.com/callscope/callscope/ui/common"
	"github.com/callscope/callscope/ui/uitest"
	tea "github.com/charmbracelet/bubbletea"
)

// pageOf is a page message answering the screen's request in flight.
func pageOf(s *Screen, recs []model.CallRecord, next string) pageMsg {
	return pageMsg{reqID: s.Pending, page: &model.Page[model.CallRecord]{Value: recs, NextLink: next}}
}

// sized makes a calls screen over a 120x21 body (20 table rows), with the
// first page requested.
func sized(c *common.Common, f Filter) *Screen {
	s := New(c, f)
	s.Init()
	s.Update(common.BodySizeMsg{Width: 120, Height: 21})
	return s
}

func update(s *Screen, msgs ...tea.Msg) tea.Cmd {
	var cmd tea.Cmd
	for _, m := range msgs {
		_, cmd = s.Update(m)
	}
	return cmd
}

func TestCallsPagingFiresWithinAScreenfulOnlyOnce(t *testing.T) {
	s := sized(uitest.Common(uitest.T0), Filter{})
	first := s.Pending
	if first == 0 || s.Link != "" {
		t.Fatal("Init must request the first page")
	}
	update(s, pageOf(s, uitest.MakeRecords(0, 60), "next-1"))
	if s.Pending != 0 || s.rows.Len() != 60 || s.tbl.PageSize() != 20 {
		t.Fatalf("after page 1: pending %d rows %d page %d", s.Pending, s.rows.Len(), s.tbl.PageSize())
	}
	// The last loaded row is 59: nothing is fetched until the cursor is
	// within 20 rows of it (row 39).
	for i := 1; i <= 38; i++ {
		if cmd := update(s, uitest.KeyDown); cmd != nil || s.Pending != 0 {
			t.Fatalf("cursor %d (%d from the end): fetched too early", s.tbl.Cursor(), 59-s.tbl.Cursor())
		}
	}
	if cmd := update(s, uitest.KeyDown); cmd == nil || s.Pending == 0 || s.Link != "next-1" {
		t.Fatalf("cursor %d: want the next page requested (link %q)", s.tbl.Cursor(), s.Link)
	}
	inFlight := s.Pending
	for _, k := range []tea.KeyMsg{uitest.KeyDown, uitest.KeyDown, uitest.KeyEnd, uitest.KeyPageDown} {
		if cmd := update(s, k); cmd != nil || s.Pending != inFlight {
			t.Fatal("a second request was sent while one is in flight")
		}
	}
	update(s, pageOf(s, uitest.MakeRecords(60, 60), ""))
	if s.rows.Len() != 120 || s.Pending != 0 || s.Status().More {
		t.Fatalf("after the last page: rows %d pending %d", s.rows.Len(), s.Pending)
	}
	if cmd := update(s, uitest.KeyEnd); cmd != nil {
		t.Fatal("nothing more to fetch after the last page")
	}
}

func TestCallsShortFirstPageKeepsFetching(t *testing.T) {
	s := sized(uitest.Common(uitest.T0), Filter{})
	// Graph may send an empty page with a next link; the list follows it.
	if cmd := update(s, pageOf(s, nil, "n1")); cmd == nil || s.Link != "n1" {
		t.Fatal("an empty page with a next link must be followed")
	}
	if !strings.Contains(s.View(), "Loading call records") {
		t.Fatalf("loading state not drawn:\n%s", s.View())
	}
	if cmd := update(s, pageOf(s, uitest.MakeRecords(0, 5), "n2")); cmd == nil || s.Link != "n2" {
		t.Fatal("5 rows do not fill the screen: the next page must be fetched")
	}
}

func TestCallsStalePageDroppedAfterReload(t *testing.T) {
	s := sized(uitest.Common(uitest.T0), Filter{})
	a := pageOf(s, uitest.MakeRecords(0, 60), "a-next")
	if cmd := update(s, uitest.KeyRune('r')); cmd == nil || s.Pending == a.reqID {
		t.Fatal("r must supersede the request in flight")
	}
	update(s, a)
	if s.rows.Len() != 0 || s.Pending == 0 {
		t.Fatalf("stale page taken: rows %d", s.rows.Len())
	}
	update(s, pageMsg{reqID: a.reqID, err: errors.New("late failure")})
	if s.Err != nil {
		t.Fatal("a stale error must be dropped too")
	}
	update(s, pageOf(s, uitest.MakeRecords(100, 3), ""))
	if s.rows.Len() != 3 || s.rows.ID(0) != uitest.ID(100) {
		t.Fatalf("current page not taken: %d rows", s.rows.Len())
	}
}

func TestCallsStalePageDroppedAfterNewFilter(t *testing.T) {
	s := sized(uitest.Common(uitest.T0), Filter{})
	update(s, pageOf(s, uitest.MakeRecords(0, 60), "a-next"))
	for range 40 {
		update(s, uitest.KeyDown)
	}
	a := pageOf(s, uitest.MakeRecords(60, 60), "")
	update(s, uitest.KeyRune('F'))
	if !s.Capturing() {
		t.Fatal("the filter form must capture the keyboard")
	}
	update(s, uitest.KeyTab, uitest.KeyTab)
	update(s, typeTextMsgs("8:orgid:821809f5")...)
	if cmd := update(s, uitest.KeyEnter); cmd == nil || s.Capturing() {
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
	for _, k := range uitest.TypeText(s) {
		out = append(out, k)
	}
	return out
}

func TestCallsFilterValidationIsInlineAndSendsNothing(t *testing.T) {
	s := sized(uitest.Common(uitest.T0), Filter{})
	update(s, pageOf(s, uitest.MakeRecords(0, 60), "more"))
	before := s.Pending
	update(s, uitest.KeyRune('F'))
	update(s, typeTextMsgs("2026-13-45")...)
	if cmd := update(s, uitest.KeyEnter); cmd != nil || s.Pending != before {
		t.Fatal("an invalid filter must send nothing")
	}
	v := s.View()
	if !s.Capturing() || !strings.Contains(v, `✗ "2026-13-45": not a date or time`) {
		t.Fatalf("inline error missing:\n%s", v)
	}
	// From after To is refused on the To field.
	update(s, tea.KeyMsg{Type: tea.KeyCtrlU})
	update(s, typeTextMsgs("-1h")...)
	update(s, uitest.KeyTab)
	update(s, typeTextMsgs("-2h")...)
	if cmd := update(s, uitest.KeyEnter); cmd != nil || !strings.Contains(s.View(), "must be before") {
		t.Fatalf("range error missing:\n%s", s.View())
	}
	if s.rows.Len() != 60 {
		t.Fatal("a refused filter must not touch the list")
	}
}

func TestCallsFilterWarnsPastRetention(t *testing.T) {
	s := sized(uitest.Common(uitest.T0), Filter{})
	update(s, uitest.KeyRune('F'))
	update(s, typeTextMsgs("-45d")...)
	if !strings.Contains(s.View(), "Graph keeps call records for 30 days") {
		t.Fatalf("retention warning missing:\n%s", s.View())
	}
	if cmd := update(s, uitest.KeyEnter); cmd == nil || s.Capturing() {
		t.Fatal("the warning must not block applying")
	}
	if want := uitest.T0.Add(-45 * 24 * time.Hour); !s.filter.From.Equal(want) {
		t.Fatalf("from %v, want %v", s.filter.From, want)
	}
}

func TestCallsEscLeavesListUntouched(t *testing.T) {
	f := Filter{From: uitest.T0.Add(-2 * time.Hour)}
	s := sized(uitest.Common(uitest.T0), f)
	f = s.filter // with its range in words, as New keeps it
	update(s, pageOf(s, uitest.MakeRecords(0, 60), "more"))
	update(s, uitest.KeyDown, uitest.KeyDown, uitest.KeyDown)
	update(s, uitest.KeyRune('F'))
	update(s, typeTextMsgs("-1h")...)
	if cmd := update(s, uitest.KeyEsc); cmd != nil {
		t.Fatal("esc must send nothing")
	}
	if s.Capturing() || s.filter != f || s.rows.Len() != 60 || s.tbl.Cursor() != 3 || s.Next != "more" {
		t.Fatalf("esc changed the list: filter %+v rows %d cursor %d", s.filter, s.rows.Len(), s.tbl.Cursor())
	}
}

func TestCallsEmptyState(t *testing.T) {
	f := Filter{From: uitest.T0.Add(-time.Hour), Participant: "+14255550100"}
	s := sized(uitest.Common(uitest.T0), f)
	update(s, pageOf(s, nil, ""))
	v := s.View()
	if !strings.Contains(v, "No call records between 2026-11-20 14:00 and now for participant +14255550100") {
		t.Fatalf("empty state:\n%s", v)
	}
	f.Participant = ""
	s = sized(uitest.Common(uitest.T0), Filter{To: uitest.T0.Add(-time.Hour)})
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
	s := sized(uitest.Common(uitest.T0), Filter{})
	update(s, pageOf(s, uitest.MakeRecords(0, 60), "page-2"))
	update(s, uitest.KeyEnd)
	if s.Link != "page-2" {
		t.Fatal("page 2 not requested")
	}
	update(s, pageMsg{reqID: s.Pending, err: graphErr()})
	if s.rows.Len() != 60 || s.tbl.Cursor() != 59 || s.Status().Err == nil || s.Status().Loading {
		t.Fatalf("rows %d cursor %d status %+v", s.rows.Len(), s.tbl.Cursor(), s.Status())
	}
	v := s.View()
	if !strings.Contains(v, "Graph 503 ServiceUnavailable: try later · request-id req-7731 · r to retry") {
		t.Fatalf("error line:\n%s", v)
	}
	if cmd := update(s, uitest.KeyUp); cmd != nil {
		t.Fatal("no automatic retry while an error waits for r")
	}
	if cmd := update(s, uitest.KeyRune('r')); cmd == nil || s.Link != "page-2" || s.rows.Len() != 60 || s.Err != nil {
		t.Fatalf("r must retry page 2 keeping rows: link %q rows %d", s.Link, s.rows.Len())
	}
	update(s, pageOf(s, uitest.MakeRecords(60, 10), ""))
	if s.rows.Len() != 70 {
		t.Fatalf("retried page not appended: %d", s.rows.Len())
	}
}

func TestCallsFirstPageErrorState(t *testing.T) {
	s := sized(uitest.Common(uitest.T0), Filter{})
	update(s, pageMsg{reqID: s.Pending, err: graphErr()})
	v := s.View()
	for _, want := range []string{"Could not load call records", "code ServiceUnavailable", "request-id req-7731", "r to retry"} {
		if !strings.Contains(v, want) {
			t.Fatalf("missing %q:\n%s", want, v)
		}
	}
	if cmd := update(s, uitest.KeyRune('r')); cmd == nil || s.Link != "" || s.Pending == 0 {
		t.Fatal("r must retry the first page")
	}
}

func TestCallsCopyAndExport(t *testing.T) {
	c := uitest.Common(uitest.T0)
	var copied string
	c.Copy = func(s string) error { copied = s; return nil }
	c.ExportDir = t.TempDir()
	s := sized(c, Filter{})
	if cmd := update(s, uitest.KeyRune('y')); cmd != nil {
		t.Fatal("nothing to copy in an empty list")
	}
	update(s, pageOf(s, uitest.MakeRecords(0, 60), ""))
	update(s, uitest.KeyDown)
	msg := update(s, uitest.KeyRune('y'))()
	if fm := msg.(common.FlashMsg); copied != uitest.ID(1) || fm.Text != "copied "+uitest.ID(1)+" to the clipboard" {
		t.Fatalf("copy: %q %#v", copied, msg)
	}
	fm := update(s, uitest.KeyRune('e'))().(common.FlashMsg)
	if fm.IsError || !strings.Contains(fm.Text, c.ExportDir) {
		t.Fatalf("export: %#v", fm)
	}
	matches, _ := filepath.Glob(filepath.Join(c.ExportDir, "callscope-calls-20261120-150000.*"))
	if len(matches) != 2 {
		t.Fatalf("export files: %v", matches)
	}
	raw, _ := os.ReadFile(filepath.Join(c.ExportDir, "callscope-calls-20261120-150000.csv"))
	lines := strings.Split(strings.TrimSpace(string(raw)), "\n")
	if len(lines) != 61 || lines[0] != strings.Join(export.CallColumns.Header, ",")+",result,quality,qualityReason" ||
		lines[1] != uitest.ID(0)+",,peerToPeer,audio,2026-11-20T14:00:00Z,,0,Adele Vance,,,,,," {
		t.Fatalf("csv:\n%s", strings.Join(lines[:2], "\n"))
	}
}

func TestCallsTimesFollowTheZonePreference(t *testing.T) {
	c := uitest.Common(uitest.T0)
	c.Prefs.Local = time.FixedZone("TST", 2*3600)
	s := sized(c, Filter{From: uitest.T0.Add(-time.Hour)})
	update(s, pageOf(s, uitest.MakeRecords(0, 1), ""))
	if !strings.Contains(s.View(), "2026-11-20 14:00:00") || s.Status().Filter != "from 2026-11-20 14:00 to now" {
		t.Fatalf("UTC:\n%s\n%s", s.View(), s.Status().Filter)
	}
	c.Prefs.UTC = false
	update(s, common.PrefsChangedMsg{})
	if !strings.Contains(s.View(), "2026-11-20 16:00:00") || s.Status().Filter != "from 2026-11-20 16:00 to now" {
		t.Fatalf("local:\n%s\n%s", s.View(), s.Status().Filter)
	}
}

func TestCallsTinyTerminalDoesNotPanic(t *testing.T) {
	s := sized(uitest.Common(uitest.T0), Filter{})
	update(s, pageOf(s, uitest.MakeRecords(0, 60), "x"))
	for _, size := range []common.BodySizeMsg{{Width: 20, Height: 5}, {Width: 20, Height: 1}, {Width: 1, Height: 1}, {Width: 0, Height: 0}, {Width: 20, Height: 3}} {
		update(s, size)
		update(s, uitest.KeyDown, uitest.KeyPageDown, uitest.KeyEnd, uitest.KeyHome)
		_ = s.View()
		update(s, uitest.KeyRune('F'))
		_ = s.View()
		update(s, uitest.KeyEsc)
		update(s, pageMsg{reqID: s.Pending, err: graphErr()})
		_ = s.View()
	}
}
