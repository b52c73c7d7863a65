package timeline

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/callscope/callscope/graphclient"
	"github.com/callscope/callscope/graphclient/fakegraph"
	"github.com/callscope/callscope/graphclient/store"
	"github.com/callscope/callscope/model"
	"github.com/callscope/callscope/ui/common"
	"github.com/callscope/callscope/ui/record"
	"github.com/callscope/callscope/ui/uitest"
	tea "github.com/charmbracelet/bubbletea"
)

// TestMain renders without colour, so views compare as plain text.
func TestMain(m *testing.M) { uitest.Main(m) }

const (
	anette = uitest.AnetteThomsenID
	larsen = uitest.AnetteLarsenID
	nobody = "44444444-4444-4444-8444-444444444444"
)

// at is T0 minus h hours.
func at(h float64) time.Time { return uitest.T0.Add(-time.Duration(h * float64(time.Hour))) }

// call is a record of the participants ids at start, organized by the
// first; failed gives its one session a setup failure.
func call(i int, start time.Time, failed bool, ids ...string) model.CallRecord {
	r := model.CallRecord{ID: uitest.ID(i), Type: model.CallTypePeerToPeer, Modalities: []string{"audio"},
		StartDateTime: model.NewTime(start), EndDateTime: model.NewTime(start.Add(5 * time.Minute)), Version: 1}
	for _, id := range ids {
		r.ParticipantsV2 = append(r.ParticipantsV2, model.Participant{ID: id,
			Identity: &model.IdentitySet{User: &model.Identity{ID: id, DisplayName: "User " + id[:4]}}})
	}
	r.OrganizerV2 = &r.ParticipantsV2[0]
	ss := model.Session{ID: "s" + uitest.ID(i), StartDateTime: r.StartDateTime, EndDateTime: r.EndDateTime,
		Caller: &model.Endpoint{AssociatedIdentity: &model.Identity{ID: ids[0], DisplayName: "User " + ids[0][:4]}},
		Callee: &model.Endpoint{AssociatedIdentity: &model.Identity{ID: ids[len(ids)-1], DisplayName: "User " + ids[len(ids)-1][:4]}}}
	if failed {
		ss.FailureInfo = &model.FailureInfo{Stage: "callSetup", Reason: "CallSetupTimeout"}
	}
	r.Sessions = []model.Session{ss}
	return r
}

// drRow is a Direct Routing row of user at start.
func drRow(id, user string, start time.Time, ok bool, sipCode int32) model.DirectRoutingRow {
	return model.DirectRoutingRow{ID: id, CorrelationID: "c-" + id, UserID: user, UserPrincipalName: user + "@contoso.com",
		StartDateTime: model.NewTime(start), EndDateTime: model.NewTime(start.Add(time.Minute)), CallType: "ByotIn",
		SuccessfulCall: ok, FinalSIPCode: sipCode, CallerNumber: "+4930123456", CalleeNumber: "+4940999999",
		TrunkFullyQualifiedDomainName: "sbc1.contoso.com"}
}

// pstnRow is a PSTN row of user at start.
func pstnRow(id, user string, start time.Time) model.PstnRow {
	return model.PstnRow{ID: id, CallID: "call-" + id, UserID: user, StartDateTime: model.NewTime(start),
		EndDateTime: model.NewTime(start.Add(2 * time.Minute)), Duration: 120, CallType: "user_out",
		CallerNumber: "+14255550100", CalleeNumber: "+4930555000"}
}

// timelineTenant holds Anette Thomsen's three calls (one failed), two
// Direct Routing rows and a PSTN row in the last day, and rows of
// Anette Larsen and of older days that are not hers or not in range.
func timelineTenant() *fakegraph.Tenant {
	ten := uitest.PeopleTenant()
	ten.AddRecord(call(100, at(1), false, anette, larsen))
	ten.AddRecord(call(101, at(5), true, larsen, anette))
	ten.AddRecord(call(102, at(20), false, anette, larsen))
	ten.AddRecord(call(103, at(2), false, larsen, uitest.SileOBrienID)) // not hers
	ten.AddRecord(call(104, at(30), false, anette, larsen))             // out of range
	ten.AddDirectRoutingRows(drRow("dr1", anette, at(3), true, 200), drRow("dr2", anette, at(6), false, 503),
		drRow("dr3", larsen, at(4), false, 403))
	ten.AddPstnRows(pstnRow("p1", anette, at(8)), pstnRow("p2", larsen, at(9)))
	return ten
}

// fixture is a Common with a client for timelineTenant and the fake.
func fixture(t *testing.T) (*common.Common, *fakegraph.Server) {
	t.Helper()
	client, fake := uitest.FakeGraph(t, timelineTenant(), fakegraph.Options{Clock: func() time.Time { return uitest.T0 }}, uitest.Retries)
	c := uitest.Common(uitest.T0)
	c.Client = client
	return c, fake
}

// started opens the timeline at 120×30 and settles every load.
func started(t *testing.T, c *common.Common, s *Screen) (*Screen, []tea.Msg) {
	t.Helper()
	s.Update(common.BodySizeMsg{Width: 160, Height: 30})
	got, root := uitest.SettleScreen(t, s, s.Init())
	return got.(*Screen), root
}

// kinds lists the rows as "kind id" in screen order.
func kinds(s *Screen) []string {
	var out []string
	for _, e := range s.entries {
		out = append(out, e.kind.words()+" "+e.id)
	}
	return out
}

// TestTimelineMergesNewestFirst: the subject's calls, Direct Routing rows
// and PSTN rows of the range, and nobody else's, newest first.
func TestTimelineMergesNewestFirst(t *testing.T) {
	c, _ := fixture(t)
	s, _ := started(t, c, New(c, Person(anette, "Anette Thomsen"), at(24), uitest.T0))
	want := []string{"Call " + uitest.ID(100), "Direct Routing dr1", "Call " + uitest.ID(101), "Direct Routing dr2",
		"PSTN p1", "Call " + uitest.ID(102)}
	if got := kinds(s); !slices.Equal(got, want) {
		t.Fatalf("rows\n got %v\nwant %v", got, want)
	}
	v := s.View()
	uitest.ViewHas(t, v, "Anette Thomsen", "3 calls · 2 Direct Routing · 1 PSTN", "per day", "peak 5",
		"failed: setup, CallSetupTimeout", "failed: SIP 503", "ok", "lasted 2m", "+4930123456")
	if st := s.Status(); st.Loading || st.Err != nil || st.Loaded != 6 || st.Source != common.SourceGraph {
		t.Fatalf("status %+v", st)
	}
}

// TestTimelineMergeOrderWhateverLandsFirst: the log rows landing before
// the calls, or after, give the same order, and the cursor stays on its row.
func TestTimelineMergeOrderWhateverLandsFirst(t *testing.T) {
	c := uitest.Common(uitest.T0)
	s := New(c, Person(anette, "Anette Thomsen"), at(24), uitest.T0)
	s.Update(common.BodySizeMsg{Width: 120, Height: 30})
	s.reload()
	subj := s.subject
	dr := drRow("dr1", anette, at(3), true, 200)
	ps := pstnRow("p1", anette, at(8))
	c1, c2 := call(1, at(1), false, anette), call(2, at(10), false, anette)
	s.Update(loadedMsg{reqID: s.sources[kindPstn].flight.Pending, k: kindPstn, entries: []entry{pstnEntry(subj, &ps)}})
	s.Update(uitest.KeyDown) // stays on p1 as rows land above it
	s.Update(loadedMsg{reqID: s.sources[kindCall].flight.Pending, k: kindCall, entries: []entry{callEntry(subj, &c1), callEntry(subj, &c2)}})
	s.Update(loadedMsg{reqID: s.sources[kindDirect].flight.Pending, k: kindDirect, entries: []entry{directEntry(subj, &dr)}})
	want := []string{"Call " + uitest.ID(1), "Direct Routing dr1", "PSTN p1", "Call " + uitest.ID(2)}
	if got := kinds(s); !slices.Equal(got, want) {
		t.Fatalf("rows\n got %v\nwant %v", got, want)
	}
	if s.entries[s.tbl.Cursor()].id != "p1" {
		t.Fatalf("cursor on %s, want p1", s.entries[s.tbl.Cursor()].id)
	}
	// A stale answer (an earlier request's) changes nothing.
	if s.Update(loadedMsg{reqID: 1, k: kindDirect, entries: []entry{directEntry(subj, &dr)}}); len(s.entries) != 4 {
		t.Fatalf("a stale answer landed: %v", kinds(s))
	}
	// Nor does one that lands after the screen closed.
	s.reload()
	pending := s.sources[kindCall].flight.Pending
	s.Closed()
	if s.Update(loadedMsg{reqID: pending, k: kindCall, entries: []entry{callEntry(subj, &c1)}}); len(s.entries) != 0 || s.loading() {
		t.Fatalf("an answer landed on a closed screen: %v", kinds(s))
	}
}

// TestTimelineVerdictsOnlyForVisibleRows: the records read are those of
// calls that were on screen; the others show "…" until scrolled to.
func TestTimelineVerdictsOnlyForVisibleRows(t *testing.T) {
	c, fake := fixture(t)
	s := New(c, Person(anette, "Anette Thomsen"), at(24), uitest.T0)
	s.Update(common.BodySizeMsg{Width: 120, Height: headLines + 3}) // a header and two rows
	uitest.SettleScreen(t, s, s.Init())
	asked := func(id string) bool {
		return slices.ContainsFunc(fake.Requests(), func(r fakegraph.RecordedRequest) bool {
			return strings.Contains(r.Path, "/communications/callRecords/"+id)
		})
	}
	last := len(s.entries) - 1
	if e := s.entries[last]; e.id != uitest.ID(102) || e.result != "" || s.cell(last, colResult) != unknownCell || asked(e.id) {
		t.Fatalf("an off-screen call has a verdict: %+v", e)
	}
	if e := s.entries[0]; e.result != "ok" || !asked(e.id) {
		t.Fatalf("the call on screen has none: %+v", e)
	}
	// Moving down brings it on screen and asks for it.
	uitest.Press(t, s, uitest.KeyEnd)
	if e := s.entries[last]; e.result != "ok" || !asked(e.id) {
		t.Fatalf("verdict after scrolling: %+v", e)
	}
}

// TestTimelineEnterOpensRecordAndLogDetail: enter on a call opens its
// record (from the cache the verdict filled); on a log row the opener.
func TestTimelineEnterOpensRecordAndLogDetail(t *testing.T) {
	c, _ := fixture(t)
	var opened []string
	s := New(c, Person(anette, "Anette Thomsen"), at(24), uitest.T0).WithOpeners(Openers{
		Direct: func(_ *common.Common, r model.DirectRoutingRow) common.Screen {
			opened = append(opened, r.ID)
			return nil
		},
	})
	s, _ = started(t, c, s)
	_, cmd := s.Update(uitest.KeyEnter)
	push, ok := uitest.Messages(cmd)[0].(common.PushMsg)
	if !ok {
		t.Fatalf("enter: %#v", uitest.Messages(cmd))
	}
	if rs, ok := push.Screen.(*record.Screen); !ok || rs.ID() != uitest.ID(100) {
		t.Fatalf("pushed %#v", push.Screen)
	}
	if _, ok := c.Records.Get(uitest.ID(100)); !ok {
		t.Fatal("the record read for the verdict is not cached for enter")
	}
	s.Update(uitest.KeyDown)
	_, cmd = s.Update(uitest.KeyEnter)
	uitest.Messages(cmd)
	if !slices.Equal(opened, []string{"dr1"}) {
		t.Fatalf("opened %v", opened)
	}
	// A PSTN row without an opener has no record to open: said, not pushed.
	for range 3 {
		s.Update(uitest.KeyDown)
	}
	_, cmd = s.Update(uitest.KeyEnter)
	if f, ok := uitest.Messages(cmd)[0].(common.FlashMsg); !ok || !strings.Contains(f.Text, "no detail") {
		t.Fatalf("PSTN enter: %#v", uitest.Messages(cmd))
	}
}

// TestTimelineOfANumber follows a number: its calls by the E.164
// participant id, log rows by caller or callee digits in any format.
func TestTimelineOfANumber(t *testing.T) {
	c, _ := fixture(t)
	s, _ := started(t, c, New(c, Number("0049 30 123456"), at(24), uitest.T0))
	if got, want := kinds(s), []string{"Direct Routing dr1", "Direct Routing dr3", "Direct Routing dr2"}; !slices.Equal(got, want) {
		t.Fatalf("rows %v, want %v", got, want)
	}
	if s.subject.participant() != "+4930123456" {
		t.Fatalf("participant %q", s.subject.participant())
	}
	if other := s.cell(0, colWith); other != anette+"@contoso.com" {
		t.Fatalf("with %q: a number's other party is the Teams user", other)
	}
}

// TestTimelineLogErrorKeepsTheRest: log functions that fail (the app
// lacks CallRecords.Read.PstnCalls) say so under the calls found.
func TestTimelineLogErrorKeepsTheRest(t *testing.T) {
	client, _ := uitest.FakeGraph(t, timelineTenant(), fakegraph.Options{Clock: func() time.Time { return uitest.T0 },
		DenyPstnLogs: true}, graphclient.Options{MaxRetries: -1})
	c := uitest.Common(uitest.T0)
	c.Client = client
	s, _ := started(t, c, New(c, Person(anette, "Anette Thomsen"), at(24), uitest.T0))
	if len(s.entries) != 3 || s.Status().Err == nil {
		t.Fatalf("rows %v, status %+v", kinds(s), s.Status())
	}
	uitest.ViewHas(t, s.View(), "Direct Routing rows could not be loaded", "r retries")
}

// openStore is an empty store in the test's folder.
func openStore(t *testing.T) *store.Store {
	t.Helper()
	st, err := store.Open(context.Background(), t.TempDir()+"/s.db", store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

// fillStore writes the tenant's records (expanded, with participants and
// verdicts) and log rows to st, marking the logs' range covered.
func fillStore(t *testing.T, st *store.Store, ten *fakegraph.Tenant, from, to time.Time) {
	t.Helper()
	var b store.Batch
	for _, r := range ten.Records() {
		full, _ := ten.Record(r.ID)
		b.Calls = append(b.Calls, r)
		b.Records = append(b.Records, store.Record{Call: &full, Verdict: common.StoreVerdict(&full)})
	}
	for _, r := range ten.DirectRoutingRows() {
		b.Direct = append(b.Direct, store.DirectRow{Row: r})
	}
	for _, r := range ten.PstnRows() {
		b.Pstn = append(b.Pstn, store.PstnRow{Row: r})
	}
	b.Covered = []store.Span{{Kind: store.KindDirect, From: from, To: to}, {Kind: store.KindPstn, From: from, To: to}}
	if _, err := st.Write(context.Background(), b); err != nil {
		t.Fatal(err)
	}
}

// TestTimelineReadsTheStore: offline, every row comes from the store,
// across several store pages, with the stored verdicts, and Graph is
// never asked; online, the logs of a covered range come from the store.
func TestTimelineReadsTheStore(t *testing.T) {
	c, fake := fixture(t)
	st := openStore(t)
	fillStore(t, st, timelineTenant(), at(24), uitest.T0)
	c.Store, c.Offline = st, true
	s := New(c, Person(anette, "Anette Thomsen"), at(24), uitest.T0)
	s.storeLimit = 2
	fake.ResetRequests()
	s, _ = started(t, c, s)
	want := []string{"Call " + uitest.ID(100), "Direct Routing dr1", "Call " + uitest.ID(101), "Direct Routing dr2",
		"PSTN p1", "Call " + uitest.ID(102)}
	if got := kinds(s); !slices.Equal(got, want) {
		t.Fatalf("offline rows\n got %v\nwant %v", got, want)
	}
	if n := len(fake.Requests()); n != 0 {
		t.Fatalf("offline sent %d requests", n)
	}
	if e := s.entries[2]; !strings.HasPrefix(e.result, "failed") {
		t.Fatalf("stored verdict not shown: %+v", e)
	}
	if src := s.Status().Source; src != "offline · store" {
		t.Fatalf("source %q", src)
	}

	// Online: the covered logs come from the store, the calls from Graph.
	c.Offline = false
	s, _ = started(t, c, New(c, Person(anette, "Anette Thomsen"), at(24), uitest.T0))
	for _, r := range fake.Requests() {
		if strings.Contains(r.Path, "getDirectRoutingCalls") || strings.Contains(r.Path, "getPstnCalls") {
			t.Fatalf("a covered range went to Graph: %s", r.Path)
		}
	}
	if got := kinds(s); !slices.Equal(got, want) || s.Status().Source != "Graph and store" {
		t.Fatalf("online rows %v, source %q", got, s.Status().Source)
	}
}

// TestTimelineEmptyAndDefaults: a subject with no rows says so; a zero
// range is the day before now.
func TestTimelineEmptyAndDefaults(t *testing.T) {
	c, _ := fixture(t)
	s, _ := started(t, c, New(c, Person(nobody, "Nobody Here"), time.Time{}, time.Time{}))
	if !s.from.Equal(at(24)) || !s.to.Equal(uitest.T0) {
		t.Fatalf("range %v – %v", s.from, s.to)
	}
	uitest.ViewHas(t, s.View(), "No calls of Nobody Here")
	if s.Title() != "Timeline Nobody Here" || s.Capturing() {
		t.Fatal(s.Title())
	}
	if uitest.Offers(s.ShortHelp(), uitest.KeyEnter) {
		t.Fatal("help offers enter with no rows")
	}
}
