package calls

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/callscope/callscope/graphclient"
	"github.com/callscope/callscope/graphclient/fakegraph"
	"github.com/callscope/callscope/model"
	"github.com/callscope/callscope/model/directive"
	"github.com/callscope/callscope/ui/common"
	"github.com/callscope/callscope/ui/uitest"
	tea "github.com/charmbracelet/bubbletea"
)

// listRequests are the list requests among reqs: the record fetches of
// the Result and Quality columns left out.
func listRequests(reqs []fakegraph.RecordedRequest) []fakegraph.RecordedRequest {
	var out []fakegraph.RecordedRequest
	for _, r := range reqs {
		if !strings.Contains(r.Path, "/callRecords/") {
			out = append(out, r)
		}
	}
	return out
}

// enrichScreen is a calls screen with a client (whose commands these
// Update-level tests never run) and one page of n rows loaded, 20 rows
// on screen.
func enrichScreen(t *testing.T, n int) *Screen {
	t.Helper()
	return enrichScreenWith(t, uitest.Common(uitest.T0), n)
}

// enrichScreenWith is enrichScreen over c.
func enrichScreenWith(t *testing.T, c *common.Common, n int) *Screen {
	t.Helper()
	c.Client, _ = uitest.FakeGraph(t, fakegraph.NewTenant(), fakegraph.Options{Clock: func() time.Time { return uitest.T0 }}, graphclient.Options{})
	s := sized(c, Filter{})
	if cmd := update(s, pageOf(s, uitest.MakeRecords(0, n), "")); cmd == nil {
		t.Fatal("a page landed and no record was asked for")
	}
	return s
}

// poorRecord and failedRecord are expanded records with the verdicts their
// names say; good is a record with one good audio stream.
func sessionRecord(fail *model.FailureInfo, jitter time.Duration) *model.CallRecord {
	packets, j := int64(5120), model.Duration(jitter)
	return &model.CallRecord{Sessions: []model.Session{{FailureInfo: fail, Segments: []model.Segment{{Media: []model.Media{{
		Label: "main-audio", Streams: []model.MediaStream{{PacketUtilization: &packets, AverageJitter: &j}}}}}}}}}
}

var (
	goodRecord   = sessionRecord(nil, 10*time.Millisecond)
	poorRecord   = sessionRecord(nil, 45*time.Millisecond)
	failedRecord = sessionRecord(&model.FailureInfo{Stage: "callSetup", Reason: "CallSetupTimeout"}, 10*time.Millisecond)
)

// land delivers row's verdict from rec in the screen's current generation.
func land(s *Screen, row int, rec *model.CallRecord) tea.Cmd {
	return update(s, enrichedMsg{gen: s.enrich.gen, row: row, v: verdictOf(rec), rec: rec})
}

// landAll answers every row asked, poor for the rows in poor, good
// otherwise, until nothing more is asked.
func landAll(t *testing.T, s *Screen, recs func(row int) *model.CallRecord) {
	t.Helper()
	for range s.rows.Len() + 1 {
		if len(s.enrich.asked) == 0 {
			return
		}
		land(s, s.enrich.asked[0], recs(s.enrich.asked[0]))
	}
	t.Fatal("the fetch did not end")
}

// firstRows is rows 0 to n-1.
func firstRows(n int) []int {
	rows := make([]int, n)
	for i := range rows {
		rows[i] = i
	}
	return rows
}

func TestEnrichAsksTheVisibleRowsFirst(t *testing.T) {
	s := enrichScreen(t, 100)
	// The rows on screen, then the next ones in list order, up to
	// enrichInFlight.
	if want := firstRows(enrichInFlight); !slices.Equal(s.enrich.asked, want) {
		t.Fatalf("asked %v, want %v", s.enrich.asked, want)
	}
	if cmd := update(s, uitest.KeyEnd); len(s.enrich.asked) != enrichInFlight {
		t.Fatalf("with %d in flight a key asked for more: %v (cmd %v)", enrichInFlight, s.enrich.asked, cmd != nil)
	}
	top := s.tbl.Offset()
	if top < 50 {
		t.Fatalf("End left the table at offset %d", top)
	}
	land(s, 0, goodRecord)
	if got := s.enrich.asked[enrichInFlight-1]; got < top || got >= top+s.tbl.PageSize() {
		t.Fatalf("after a verdict the next asked is row %d, not one on screen (%d..%d)", got, top, top+s.tbl.PageSize()-1)
	}
	if s.cell(5, colResult) != "…" || s.cell(top+10, colQuality) != "…" || s.cell(0, colResult) != "ok" {
		t.Fatal("a row not known yet must read …")
	}
	if st := s.Status(); !strings.Contains(st.Note, "quality 1 of 100") {
		t.Fatalf("footer note %q lacks the progress", st.Note)
	}
}

func TestEnrichEscPausesAndReloadKeyResumes(t *testing.T) {
	s := enrichScreen(t, 30)
	gen, asked := s.enrich.gen, slices.Clone(s.enrich.asked)
	if !s.ClaimsBack() {
		t.Fatal("esc must be the screen's while the fetch runs")
	}
	if cmd := update(s, uitest.KeyEsc); cmd != nil || len(s.enrich.asked) != 0 || !s.enrich.paused {
		t.Fatalf("esc: asked %v, paused %v", s.enrich.asked, s.enrich.paused)
	}
	// A fetch that was in flight lands after esc: dropped, no new ask.
	if cmd := update(s, enrichedMsg{gen: gen, row: asked[0], v: verdictOf(poorRecord)}); cmd != nil || s.cell(asked[0], colQuality) != "…" {
		t.Fatal("a result of the paused fetch was taken")
	}
	if cmd := update(s, uitest.KeyDown); cmd != nil {
		t.Fatal("a key asked for records while paused")
	}
	if st := s.Status(); !strings.Contains(st.Note, "quality paused at 0 of 30, r resumes") {
		t.Fatalf("footer note %q", st.Note)
	}
	if cmd := update(s, uitest.KeyRune('r')); cmd == nil || s.enrich.paused || len(s.enrich.asked) != enrichInFlight || s.rows.Len() != 30 {
		t.Fatalf("r did not resume without reloading: paused %v asked %v rows %d", s.enrich.paused, s.enrich.asked, s.rows.Len())
	}
	landAll(t, s, func(int) *model.CallRecord { return goodRecord })
	if st := s.Status(); st.Note != "quality of 30 calls" || s.ClaimsBack() {
		t.Fatalf("after the last verdict: note %q, claims esc %v", st.Note, s.ClaimsBack())
	}
}

func TestEnrichDropsAResultFromBeforeAReload(t *testing.T) {
	s := enrichScreen(t, 10)
	old := s.enrich.gen
	update(s, uitest.KeyRune('r'))
	update(s, pageOf(s, uitest.MakeRecords(0, 10), ""))
	if cmd := update(s, enrichedMsg{gen: old, row: 0, v: verdictOf(failedRecord)}); cmd != nil || s.cell(0, colResult) != "…" {
		t.Fatal("a verdict of the list before the reload was shown")
	}
	land(s, 0, failedRecord)
	if got := s.cell(0, colResult); got != "failed: setup, CallSetupTimeout" {
		t.Fatalf("result cell %q", got)
	}
}

func TestEnrichSortsByQualityAndFiltersPoorAndFailed(t *testing.T) {
	s := enrichScreen(t, 30)
	recs := func(row int) *model.CallRecord {
		switch row {
		case 7, 20:
			return poorRecord
		case 11:
			return failedRecord
		}
		return goodRecord
	}
	landAll(t, s, recs)
	update(s, uitest.KeyRune('s'))
	if s.sort != byQuality || s.rowAt(0) != 7 || s.rowAt(1) != 20 || s.rowAt(2) != 0 {
		t.Fatalf("sorted by quality: rows %d %d %d", s.rowAt(0), s.rowAt(1), s.rowAt(2))
	}
	if got := s.cell(0, colQuality); got != "poor audio: jitter 45 ms" {
		t.Fatalf("quality cell %q", got)
	}
	update(s, uitest.KeyRune('s'))
	if s.sort != byResult || s.rowAt(0) != 11 {
		t.Fatalf("sorted by result: first row %d", s.rowAt(0))
	}
	update(s, uitest.KeyRune('s'))
	if s.sort != byLoad || s.view != nil {
		t.Fatal("a third s must bring back the load order")
	}
	if _, err := s.ApplyDirectives([]directive.Directive{{Name: directive.Poor}}); err != nil {
		t.Fatal(err)
	}
	if s.viewLen() != 2 || s.rowAt(1) != 20 || !strings.Contains(s.Status().Filter, "poor only") || s.rows.Len() != 30 {
		t.Fatalf(":poor shows %d rows (filter %q)", s.viewLen(), s.Status().Filter)
	}
	if _, err := s.ApplyDirectives([]directive.Directive{{Name: directive.Failed}}); err != nil {
		t.Fatal(err)
	}
	if s.viewLen() != 0 {
		t.Fatalf(":poor then :failed shows %d rows, want none (no call is both)", s.viewLen())
	}
	update(s, uitest.KeyEsc)
	if s.viewLen() != 30 || s.failedOnly || s.poorOnly {
		t.Fatal("esc must clear :failed and :poor")
	}
}

// TestEnrichAgainstTheFake: every loaded row gets its verdict from the
// fake's expanded record, and the table shows them.
func TestEnrichAgainstTheFake(t *testing.T) {
	tenant := fakegraph.NewTenant()
	for _, r := range uitest.MakeRecords(0, 3) {
		switch r.ID {
		case uitest.ID(1):
			r.Sessions = poorRecord.Sessions
		case uitest.ID(2):
			r.Sessions = failedRecord.Sessions
		default:
			r.Sessions = goodRecord.Sessions
		}
		tenant.AddRecord(r)
	}
	c := uitest.Common(uitest.T0)
	c.Client, _ = uitest.FakeGraph(t, tenant, fakegraph.Options{Clock: func() time.Time { return uitest.T0 }}, graphclient.Options{Limits: fastLimits})
	s := New(c, Filter{})
	s.Update(common.BodySizeMsg{Width: 160, Height: 21})
	settle(t, s, s.Init())
	uitest.ViewHas(t, s.View(), "poor audio: jitter 45 ms", "failed: setup, CallSetup", "good")
	if st := s.Status(); st.Note != "quality of 3 calls" {
		t.Fatalf("footer note %q", st.Note)
	}
}

// TestEnrichEscDuringAPageLoad: esc stops the page and pauses the fetch;
// r then reloads (as after any stopped load), and the footer does not
// promise a resume.
func TestEnrichEscDuringAPageLoad(t *testing.T) {
	c := uitest.Common(uitest.T0)
	c.Client, _ = uitest.FakeGraph(t, fakegraph.NewTenant(), fakegraph.Options{Clock: func() time.Time { return uitest.T0 }}, graphclient.Options{})
	s := sized(c, Filter{})
	update(s, pageOf(s, uitest.MakeRecords(0, 30), "next-1"))
	update(s, uitest.KeyEnd)
	if s.Pending == 0 || len(s.enrich.asked) == 0 {
		t.Fatal("want a page and records in flight")
	}
	update(s, uitest.KeyEsc)
	if !s.Stopped || !s.enrich.paused || len(s.enrich.asked) != 0 {
		t.Fatalf("esc: stopped %v paused %v asked %v", s.Stopped, s.enrich.paused, s.enrich.asked)
	}
	if note := s.Status().Note; !strings.Contains(note, "quality paused at 0 of 30") || strings.Contains(note, "resumes") {
		t.Fatalf("footer note %q", note)
	}
	update(s, uitest.KeyRune('r'))
	if s.rows.Len() != 0 || s.Pending == 0 || s.enrich.paused {
		t.Fatalf("r after a stopped load must reload: rows %d pending %d paused %v", s.rows.Len(), s.Pending, s.enrich.paused)
	}
}
