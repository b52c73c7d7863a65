package record

import (
	"context"
	"errors"
	"net/http"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/callscope/callscope/graphclient"
	"github.com/callscope/callscope/graphclient/fakegraph"
	"github.com/callscope/callscope/model"
	"github.com/callscope/callscope/ui/common"
	"github.com/callscope/callscope/ui/uitest"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
)

// recOpen makes a record screen at 120x37 and runs its fetches to the end.
func recOpen(t *testing.T, c *common.Common, id string) *Screen {
	t.Helper()
	var s common.Screen = New(c, id)
	s, _ = s.Update(common.BodySizeMsg{Width: 120, Height: 37})
	s, _ = uitest.SettleScreen(t, s, s.Init())
	return s.(*Screen)
}

func TestRecordLoadShowsSummaryAndSessions(t *testing.T) {
	client, _ := recFakeGraph(t, uitest.GroupCallTenant(0), fakegraph.Options{})
	c, _ := recordCommon(client)
	s := recOpen(t, c, uitest.GroupCallID)
	if s.Title() != "Call 3f2a9c1e…" {
		t.Errorf("Title = %q", s.Title())
	}
	v := s.View()
	uitest.ViewHas(t, v, uitest.GroupCallID, "version 3", "type groupCall", "modalities audio, video",
		"Organizer     Anette Thomsen", "duration 12m05s", "last modified 2026-11-20 13:40:00",
		"https://teams.microsoft.com/l/meetup-join/19%3ameeting_NmI4?context=%7b%22Tid%22%7d&x=1",
		"3 participants: Anette Thomsen, Daichi Maruyama, +15551234567",
		"Sessions (2)", "Anette Thomsen (wind", "Daichi Maruyama (mac", "13:00:00", "12m05s",
		"FAILED callSetup: SI", "ok", "Quality", "unclassified",
		"Quality       unclassified: none of 2 streams has what Microsoft's rule needs",
		// the detail of the session under the cursor, user agent included
		"Session 1 · ok · id "+uitest.GroupCallSession1ID, "user agent Teams/24295.605.3225.8804 (Windows NT 10.0)", "rated poor: Noisy")
	s.Update(uitest.KeyDown)
	uitest.ViewHas(t, s.View(), "Session 2 · FAILED callSetup: SIP 408 Request Timeout from sbc.contoso.com · id "+uitest.GroupCallSession2ID,
		"Callee  +15551234567 · unknownFutureValue · user agent sbc.contoso.com/1.0")
	st := s.Status()
	if st.Loading || st.Err != nil || st.Loaded != 2 {
		t.Errorf("Status = %+v", st)
	}
}

func TestRecordParticipantsPaged(t *testing.T) {
	client, srv := recFakeGraph(t, uitest.GroupCallTenant(300), fakegraph.Options{})
	c, _ := recordCommon(client)
	var s common.Screen = New(c, uitest.GroupCallID)
	s, _ = s.Update(common.BodySizeMsg{Width: 120, Height: 37})
	s, cmd := s.Update(s.Init()())                    // the record
	s, cmd = s.Update(cmd())                          // participants page 1
	uitest.ViewHas(t, s.View(), "130 loaded · more:") // page 2 in flight
	if st := s.Status(); !st.Loading || st.Activity != "participants of 3f2a9c1e…" {
		t.Errorf("Status while paging = %+v", st)
	}
	s, _ = uitest.SettleScreen(t, s, cmd)
	uitest.ViewHas(t, s.View(), "303 participants: Anette Thomsen", "(303 in all)")
	var pages int
	for _, r := range srv.Requests() {
		if strings.Contains(r.Path, "/participants_v2") {
			pages++
		}
	}
	if pages != 3 {
		t.Errorf("participant requests = %d, want 3", pages)
	}
}

// TestRecordStaleResultDropped: a reload supersedes the fetch in flight, and
// the superseded result must not land.
func TestRecordStaleResultDropped(t *testing.T) {
	client, _ := recFakeGraph(t, uitest.GroupCallTenant(0), fakegraph.Options{})
	c, _ := recordCommon(client)
	var s common.Screen = New(c, uitest.GroupCallID)
	s, _ = s.Update(common.BodySizeMsg{Width: 120, Height: 37})
	first := s.Init()
	staleID := s.(*Screen).Pending
	s, second := s.Update(uitest.KeyRune('r'))
	// r cancelled the first request: its command ends at once, unanswered.
	if msg := first().(recordLoadedMsg); msg.reqID != staleID || !errors.Is(msg.err, context.Canceled) {
		t.Fatalf("superseded request: %+v, want its id %d and context.Canceled", msg, staleID)
	}
	current := second().(recordLoadedMsg)
	stale := recordLoadedMsg{reqID: staleID, rec: current.rec}
	s, cmd := s.Update(stale)
	if cmd != nil || s.(*Screen).record != nil {
		t.Fatal("stale result was taken")
	}
	if c.Records.Len() != 0 {
		t.Fatal("stale result was cached")
	}
	s, _ = s.Update(current)
	if s.(*Screen).record == nil {
		t.Fatal("current result was dropped")
	}

	// Loaded: a stale answer carrying another version changes nothing.
	other := *current.rec
	other.Version = 99
	s, _ = s.Update(recordLoadedMsg{reqID: staleID, rec: &other})
	if got := s.(*Screen).record.Version; got != 3 {
		t.Errorf("version after stale reply = %d, want 3", got)
	}
}

func TestRecordCacheHitIssuesNoRequest(t *testing.T) {
	client, srv := recFakeGraph(t, uitest.GroupCallTenant(0), fakegraph.Options{})
	c, _ := recordCommon(client)
	first := recOpen(t, c, uitest.GroupCallID)
	n := len(srv.Requests())
	if n != 2 { // the record, one participants page
		t.Fatalf("first open made %d requests, want 2", n)
	}
	again := New(c, uitest.GroupCallID)
	if cmd := again.Init(); cmd != nil {
		t.Fatal("a cached record issued a fetch")
	}
	again.Update(common.BodySizeMsg{Width: 120, Height: 37})
	if got := len(srv.Requests()); got != n {
		t.Errorf("requests = %d after reopening, want %d", got, n)
	}
	if again.View() != first.View() {
		t.Errorf("cached view differs:\n%s\n---\n%s", again.View(), first.View())
	}
}

func TestRecordCacheResumesParticipantPaging(t *testing.T) {
	client, srv := recFakeGraph(t, uitest.GroupCallTenant(300), fakegraph.Options{})
	c, _ := recordCommon(client)
	var s common.Screen = New(c, uitest.GroupCallID)
	s, cmd := s.Update(s.Init()())
	s.Update(cmd()) // page 1 in; the user leaves before page 2 lands
	srv.ResetRequests()
	again := New(c, uitest.GroupCallID)
	if len(again.participants) != 130 {
		t.Fatalf("cached participants = %d", len(again.participants))
	}
	uitest.SettleScreen(t, again, again.Init())
	reqs := srv.Requests()
	if len(reqs) != 2 || !strings.Contains(reqs[0].Path, "skiptoken") {
		t.Errorf("resume requests = %+v, want pages 2 and 3 only", reqs)
	}
	if len(again.participants) != 303 {
		t.Errorf("participants = %d", len(again.participants))
	}
}

func TestRecordReloadKeepsNewerCachedVersion(t *testing.T) {
	tenant := uitest.GroupCallTenant(0)
	client, _ := recFakeGraph(t, tenant, fakegraph.Options{})
	c, _ := recordCommon(client)
	s := recOpen(t, c, uitest.GroupCallID)

	// Graph now serves version 2 (a lagging replica): keep 3 and say so.
	r := uitest.GroupCall()
	r.Version = 2
	tenant.AddRecord(r)
	_, root := uitest.SettleScreen(t, s, s.onKey(uitest.KeyRune('r')))
	if s.record.Version != 3 {
		t.Errorf("version = %d, want the cached 3", s.record.Version)
	}
	if len(root) != 1 || !strings.Contains(root[0].(common.FlashMsg).Text, "older than the version 3 shown") {
		t.Errorf("root messages = %+v", root)
	}

	// Version 3 again, with a new session: equal replaces.
	r = uitest.GroupCall()
	r.Sessions = r.Sessions[:1]
	tenant.AddRecord(r)
	uitest.SettleScreen(t, s, s.onKey(uitest.KeyRune('r')))
	if len(s.record.Sessions) != 1 {
		t.Errorf("equal version not taken: %d sessions", len(s.record.Sessions))
	}
	if e, _ := c.Records.Get(uitest.GroupCallID); len(e.Record.Sessions) != 1 {
		t.Error("cache not replaced")
	}
	if s.tbl.Len() != 1 {
		t.Errorf("table rows = %d", s.tbl.Len())
	}
}

func TestRecordNotFound(t *testing.T) {
	client, _ := recFakeGraph(t, uitest.GroupCallTenant(0), fakegraph.Options{})
	c, _ := recordCommon(client)
	const id = "0f0f0f0f-dead-4bee-8f00-000000000000"
	s := recOpen(t, c, id)
	want := "No Teams call record " + id + ": it may be older than 30 days or not generated yet (up to 60 minutes after the call)"
	// The explanation wraps at the width (120 here): compare the words.
	uitest.ViewHas(t, strings.Join(strings.Fields(s.View()), " "), want, "r to retry")
	if st := s.Status(); st.Err != nil || st.Loading {
		t.Errorf("Status = %+v", st)
	}
	// Nothing else breaks: keys that need a record do nothing.
	for _, k := range []tea.KeyMsg{uitest.KeyRune('v'), uitest.KeyEnter, uitest.KeyRune('e'), uitest.KeyDown, uitest.KeyEnd} {
		if cmd := s.onKey(k); cmd != nil {
			t.Errorf("key %v issued a command", k)
		}
	}
	if c.Records.Len() != 0 {
		t.Error("a 404 was cached")
	}
	// r retries.
	if cmd := s.onKey(uitest.KeyRune('r')); cmd == nil || s.Pending == 0 {
		t.Error("r did not retry")
	}
}

func TestRecordNotFoundPastRetention(t *testing.T) {
	// The fake's clock is 31 days on: the record is gone.
	client, _ := recFakeGraph(t, uitest.GroupCallTenant(0), fakegraph.Options{Clock: func() time.Time { return uitest.T0.AddDate(0, 0, 31) }})
	c, _ := recordCommon(client)
	s := recOpen(t, c, uitest.GroupCallID)
	uitest.ViewHas(t, s.View(), "No Teams call record "+uitest.GroupCallID+": it may be older than 30 days")
}

func TestRecordOtherErrorShowsCodeAndRequestID(t *testing.T) {
	client, _ := recFakeGraph(t, uitest.GroupCallTenant(0), fakegraph.Options{Token: "another-token"})
	c, _ := recordCommon(client)
	s := recOpen(t, c, uitest.GroupCallID)
	v := s.View()
	uitest.ViewHas(t, v, "Could not load call record "+uitest.GroupCallID+": Graph 401", "Graph code InvalidAuthenticationToken",
		"request-id ", "r to retry")
	if s.Status().Err == nil {
		t.Error("Status().Err is nil")
	}
}

func TestRecordErrorKeepsLoadedRecord(t *testing.T) {
	tenant := uitest.GroupCallTenant(0)
	client, srv := recFakeGraph(t, tenant, fakegraph.Options{})
	c, _ := recordCommon(client)
	s := recOpen(t, c, uitest.GroupCallID)
	srv.SetFaults(fakegraph.Faults{UnavailableEvery: 1})
	uitest.SettleScreen(t, s, s.onKey(uitest.KeyRune('r')))
	if s.record == nil || s.Status().Err == nil {
		t.Fatalf("rec = %v, err = %v", s.record, s.Status().Err)
	}
	uitest.ViewHas(t, s.View(), "Sessions (2)")
}

// TestRecordParticipantsErrorKeepsRowsAndResumes: a failed page keeps what
// was paged in, and r asks only for the pages still missing.
func TestRecordParticipantsErrorKeepsRowsAndResumes(t *testing.T) {
	client, srv := recFakeGraph(t, uitest.GroupCallTenant(300), fakegraph.Options{})
	c, _ := recordCommon(client)
	var s common.Screen = New(c, uitest.GroupCallID)
	s, _ = s.Update(common.BodySizeMsg{Width: 120, Height: 37})
	s, cmd := s.Update(s.Init()())
	s, cmd = s.Update(cmd()) // page 1
	srv.SetFaults(fakegraph.Faults{UnavailableEvery: 1})
	s, _ = s.Update(cmd()) // page 2 fails
	rs := s.(*Screen)
	uitest.ViewHas(t, rs.View(), "130 loaded · Graph 503", "r to retry", "Sessions (2)")
	if rs.Status().Err == nil || len(rs.participants) != 130 {
		t.Fatalf("err %v, %d participants", rs.Status().Err, len(rs.participants))
	}
	srv.SetFaults(fakegraph.Faults{})
	srv.ResetRequests()
	uitest.SettleScreen(t, rs, rs.onKey(uitest.KeyRune('r')))
	for _, r := range srv.Requests() {
		if !strings.Contains(r.Path, "participants_v2") || !strings.Contains(r.Path, "skiptoken") {
			t.Errorf("retry requested %s, want only the remaining participant pages", r.Path)
		}
	}
	if len(rs.participants) != 303 || rs.Status().Err != nil {
		t.Errorf("%d participants, err %v", len(rs.participants), rs.Status().Err)
	}
}

// TestRecordReloadKeepsParticipantsUntilComplete: r reads participants
// again, and the list shown does not shrink while the new pages come in.
func TestRecordReloadKeepsParticipantsUntilComplete(t *testing.T) {
	tenant := uitest.GroupCallTenant(300)
	client, _ := recFakeGraph(t, tenant, fakegraph.Options{})
	c, _ := recordCommon(client)
	s := recOpen(t, c, uitest.GroupCallID)
	r := uitest.GroupCall()
	r.Version = 4
	for i := 0; i < 197; i++ { // 200 in all: two pages
		id := "new-" + strconv.Itoa(i)
		r.ParticipantsV2 = append(r.ParticipantsV2, model.Participant{ID: id,
			Identity: &model.IdentitySet{Guest: &model.Identity{ID: id, DisplayName: id}}})
	}
	tenant.AddRecord(r)

	cmd := s.onKey(uitest.KeyRune('r'))
	_, cmd = s.Update(cmd()) // the record; participants are asked for again
	if s.record.Version != 4 || len(s.participants) != 303 {
		t.Fatalf("version %d, %d participants shown", s.record.Version, len(s.participants))
	}
	_, cmd = s.Update(cmd()) // page 1 of 2
	if len(s.participants) != 303 {
		t.Errorf("list changed mid-reload: %d participants", len(s.participants))
	}
	uitest.ViewHas(t, s.View(), "303 participants")
	_, cmd = s.Update(cmd())
	if cmd != nil || len(s.participants) != 200 {
		t.Errorf("after reload: %d participants", len(s.participants))
	}
	uitest.ViewHas(t, s.View(), "200 participants: Anette Thomsen, Daichi Maruyama")
	if e, _ := c.Records.Get(uitest.GroupCallID); len(e.Participants) != 200 || e.Record.Version != 4 {
		t.Errorf("cache: %d participants, version %d", len(e.Participants), e.Record.Version)
	}
}

func TestRecordHelpIsHonest(t *testing.T) {
	c, _ := recordCommon(nil)
	s := New(c, uitest.GroupCallID)
	for _, b := range s.ShortHelp() {
		if h := b.Help().Key; b.Enabled() && (h == "enter" || h == "/" || h == "v" || h == "o" || h == "e") {
			t.Errorf("%s offered before the record is in", h)
		}
	}
	rec := uitest.GroupCall()
	s.onRecord(recordLoadedMsg{reqID: s.Pending, rec: &rec})
	var on []string
	for _, b := range s.ShortHelp() {
		if b.Enabled() {
			on = append(on, b.Help().Key)
		}
	}
	if got := strings.Join(on, " "); got != "enter / v o y e r esc" {
		t.Errorf("help = %q", got)
	}
}

// A Graph that cannot be reached (the connection is refused) shows what
// failed and how to retry, in place of the record.
func TestRecordGraphUnreachable(t *testing.T) {
	client, srv := uitest.Serve(t, http.NotFoundHandler(), graphclient.Options{MaxRetries: -1})
	srv.Close()
	c, _ := recordCommon(client)
	s := recOpen(t, c, uitest.GroupCallID)
	uitest.ViewHas(t, s.View(), "Could not load call record "+uitest.GroupCallID, "connect", "r to retry")
	if s.Status().Err == nil {
		t.Error("Status carries no error")
	}
}

// What a record screen says before a record is in is read whole: a 404's
// explanation and a long Graph error wrap at the body's width instead of
// running off the edge, where the frame cuts them.
func TestRecordStateTextWrapsToTheWidth(t *testing.T) {
	c := uitest.Common(uitest.Now)
	id := "3f2a9c1e-0000-4000-8000-000000000001"
	for _, err := range []error{
		&graphclient.Error{Status: 404, Code: "NotFound", Message: "not found"},
		&graphclient.Error{Status: 500, Code: "InternalServerError", RequestID: "9c370f86-0ac3-4a2b-a5a3-0a518e62ab20",
			Message: "The service failed to process the request because one of the backend dependencies did not answer in time"},
	} {
		var s common.Screen = New(c, id)
		s, _ = s.Update(common.BodySizeMsg{Width: 60, Height: 20})
		s.Init()
		s, _ = s.Update(recordLoadedMsg{reqID: s.(*Screen).Pending, err: err})
		v := s.View()
		for _, l := range strings.Split(v, "\n") {
			if w := lipgloss.Width(l); w > 60 {
				t.Errorf("line %d cells wide in a 60-cell body: %q", w, l)
			}
		}
		want := "up to 60 minutes after the call"
		if !graphclient.IsNotFound(err) {
			want = "did not answer in time"
		}
		if flat := strings.Join(strings.Fields(v), " "); !strings.Contains(flat, want) {
			t.Errorf("%q cut off:\n%s", want, v)
		}
	}
}

// e on a record without sessions says there is nothing to export, as the
// session screen does for a session without segments, rather than write
// two empty files; the help does not offer it.
func TestRecordWithoutSessionsHasNothingToExport(t *testing.T) {
	c := uitest.Common(uitest.Now)
	c.ExportDir = t.TempDir()
	id := "3f2a9c1e-0000-4000-8000-000000000001"
	var s common.Screen = New(c, id)
	s, _ = s.Update(common.BodySizeMsg{Width: 120, Height: 30})
	s.Init()
	s, _ = s.Update(recordLoadedMsg{reqID: s.(*Screen).Pending, rec: &model.CallRecord{ID: id, Version: 1}})
	_, cmd := s.Update(uitest.KeyRune('e'))
	msgs := uitest.Messages(cmd)
	if len(msgs) != 1 || !msgs[0].(common.FlashMsg).IsError || !strings.Contains(msgs[0].(common.FlashMsg).Text, "nothing to export") {
		t.Fatalf("e on a record without sessions: %#v", msgs)
	}
	if files, _ := os.ReadDir(c.ExportDir); len(files) != 0 {
		t.Fatalf("files written: %v", files)
	}
	if uitest.Offers(s.ShortHelp(), uitest.KeyRune('e')) {
		t.Fatal("help offers e with no session to export")
	}
}
