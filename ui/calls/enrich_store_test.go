package calls

import (
	"context"
	"database/sql"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/callscope/callscope/graphclient"
	"github.com/callscope/callscope/graphclient/fakegraph"
	"github.com/callscope/callscope/graphclient/store"
	"github.com/callscope/callscope/model"
	"github.com/callscope/callscope/ui/common"
	"github.com/callscope/callscope/ui/uitest"
	tea "github.com/charmbracelet/bubbletea"
)

// verdictRecords are n listed calls, each with the sessions of a good,
// poor or failed record in turn (row 0 good, 1 poor, 2 failed, ...).
func verdictRecords(n int) []model.CallRecord {
	recs := uitest.MakeRecords(0, n)
	for i := range recs {
		recs[i].Sessions = []*model.CallRecord{goodRecord, poorRecord, failedRecord}[i%3].Sessions
		recs[i].Version = 1
	}
	return recs
}

// openStore opens a new store in the test's temporary folder.
func openStore(t *testing.T) (*store.Store, string) {
	t.Helper()
	return openStoreB(t)
}

// openStoreB is openStore for a test or a benchmark.
func openStoreB(t testing.TB) (*store.Store, string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "s.db")
	st, err := store.Open(context.Background(), path, store.Options{BusyTimeout: 200 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st, path
}

// keep writes recs to st as expanded records, with their list rows.
func keep(t *testing.T, st *store.Store, recs ...model.CallRecord) {
	t.Helper()
	b := store.Batch{Calls: recs}
	for i := range recs {
		b.Records = append(b.Records, store.Record{Call: &recs[i], Verdict: common.StoreVerdict(&recs[i])})
	}
	if _, err := st.Write(context.Background(), b); err != nil {
		t.Fatal(err)
	}
}

// recordRequests are the record fetches among a fake's requests.
func recordRequests(fs *fakegraph.Server) int {
	n := 0
	for _, r := range fs.Requests() {
		if strings.Contains(r.Path, "/callRecords/") {
			n++
		}
	}
	return n
}

// storeScreen is a calls screen over the fake serving tenant's records,
// keeping what it fetches in st, 20 rows on screen.
func storeScreen(t *testing.T, recs []model.CallRecord, st *store.Store) (*Screen, *fakegraph.Server) {
	t.Helper()
	tenant := fakegraph.NewTenant()
	for _, r := range recs {
		tenant.AddRecord(r)
	}
	c := uitest.Common(uitest.T0)
	c.Store = st
	var fs *fakegraph.Server
	c.Client, fs = uitest.FakeGraph(t, tenant, fakegraph.Options{Clock: func() time.Time { return uitest.T0 }},
		graphclient.Options{Limits: fastLimits})
	s := New(c, Filter{})
	s.Update(common.BodySizeMsg{Width: 160, Height: 21})
	return s, fs
}

// TestEnrichServesStoredRecordsWithoutGraph: with every record stored and
// current, each row gets its verdict and the quality summary its record,
// and Graph is asked for no record.
func TestEnrichServesStoredRecordsWithoutGraph(t *testing.T) {
	recs := verdictRecords(90) // more than one store batch
	st, _ := openStore(t)
	keep(t, st, recs...)
	s, fs := storeScreen(t, recs, st)
	settle(t, s, s.Init())
	if n := recordRequests(fs); n != 0 {
		t.Fatalf("%d record requests to Graph, want none: every record is stored", n)
	}
	if s.rows.Len() != 90 || s.Status().Note != "quality of 90 calls" {
		t.Fatalf("rows %d, footer note %q", s.rows.Len(), s.Status().Note)
	}
	uitest.ViewHas(t, s.View(), "poor audio: jitter 45 ms", "failed: setup, CallSetup", "good")
	if s.enrich.added != 90 {
		t.Fatalf("the summary holds %d records, want 90", s.enrich.added)
	}
}

// TestEnrichFetchesAStaleStoredRecordAgain: a stored record older than the
// newest list row stored for it is fetched from Graph, shown, and the
// store then holds Graph's newer version.
func TestEnrichFetchesAStaleStoredRecordAgain(t *testing.T) {
	recs := verdictRecords(2)
	recs[1].Version = 2 // Graph's record 1 changed to poor after it was stored
	st, _ := openStore(t)
	old := recs[1]
	old.Version, old.Sessions = 1, goodRecord.Sessions
	keep(t, st, recs[0], old)
	// The list row of version 2 was stored by an earlier listing or a sync.
	if _, err := st.Write(context.Background(), store.Batch{Calls: []model.CallRecord{{ID: recs[1].ID, Version: 2,
		StartDateTime: recs[1].StartDateTime}}}); err != nil {
		t.Fatal(err)
	}
	s, fs := storeScreen(t, recs, st)
	settle(t, s, s.Init())
	if n := recordRequests(fs); n != 1 {
		t.Fatalf("%d record requests, want 1: only the stale record", n)
	}
	if got := s.enrich.verdictAt(rowOfID(t, s, recs[1].ID)).quality; got != "poor audio: jitter 45 ms" {
		t.Fatalf("the stale row reads %q, want Graph's newer verdict", got)
	}
	rec, v, err := st.Record(context.Background(), recs[1].ID)
	if err != nil {
		t.Fatal(err)
	}
	if rec.Version != 2 || v.Quality != "poor audio" || len(rec.Raw) == 0 {
		t.Fatalf("the store holds version %d (%q), want Graph's version 2", rec.Version, v.Quality)
	}
}

// rowOfID is the row index of call id.
func rowOfID(t *testing.T, s *Screen, id string) int {
	t.Helper()
	for r := range s.rows.Len() {
		if s.rows.ID(r) == id {
			return r
		}
	}
	t.Fatalf("call %s is not listed", id)
	return -1
}

// TestEnrichWritesFetchedRecordsToTheStore: a record fetched from Graph is
// in the store, with Graph's bytes and the verdict `calls --quality`
// prints, once its verdict has landed; under --redact the store still
// holds the names as Graph sent them.
func TestEnrichWritesFetchedRecordsToTheStore(t *testing.T) {
	recs := verdictRecords(3)
	st, _ := openStore(t)
	s, fs := storeScreen(t, recs, st)
	s.c.Redact = true
	settle(t, s, s.Init())
	if n := recordRequests(fs); n != 3 {
		t.Fatalf("%d record requests, want 3", n)
	}
	for i := range recs {
		rec, v, err := st.Record(context.Background(), recs[i].ID)
		if err != nil {
			t.Fatalf("record %d not kept: %v", i, err)
		}
		if want := common.StoreVerdict(&recs[i]); v != want {
			t.Errorf("record %d verdict %+v, want %+v", i, v, want)
		}
		if rec.OrganizerText() != recs[i].OrganizerText() {
			t.Errorf("record %d organizer %q stored, want Graph's %q (masked after the write)", i, rec.OrganizerText(), recs[i].OrganizerText())
		}
	}
}

// TestEnrichReadsTheStoreVisibleRowsFirst: a store read takes the rows on
// screen before the rest, and Graph is asked for a row only once the
// store has answered for it.
func TestEnrichReadsTheStoreVisibleRowsFirst(t *testing.T) {
	st, _ := openStore(t)
	s, _ := storeScreen(t, uitest.MakeRecords(0, 300), st)
	s.Init()
	update(s, pageOf(s, uitest.MakeRecords(0, 300), ""))
	first := readingRows(s)
	if len(first) != storeBatch || first[0] != 0 || first[storeBatch-1] != storeBatch-1 || len(s.enrich.asked) != 0 {
		t.Fatalf("first read %v, Graph asked %v: want rows 0..63 from the store, nothing from Graph", first, s.enrich.asked)
	}
	update(s, uitest.KeyEnd)
	top := s.tbl.Offset()
	if top < 250 {
		t.Fatalf("End left the table at offset %d", top)
	}
	// The store holds none of the first rows: Graph's turn for them.
	update(s, enrichedMsg{gen: s.enrich.gen, batch: &storedBatch{rows: first, v: make([]rowVerdict, len(first)),
		recs: make([]*model.CallRecord, len(first))}})
	next := readingRows(s)
	for p := top; p < top+s.tbl.PageSize(); p++ {
		if s.enrich.verdictAt(s.rowAt(p)).state != verdictReading {
			t.Fatalf("row %d on screen is not in the second read %v", s.rowAt(p), next)
		}
	}
	// In row order: the rows after the first read, then those on screen.
	if rest := storeBatch - s.tbl.PageSize(); len(next) != storeBatch || next[0] != storeBatch || next[rest-1] != storeBatch+rest-1 {
		t.Fatalf("second read %v: want the %d rows on screen and the next in list order from row %d", next, s.tbl.PageSize(), storeBatch)
	}
	if want := firstRows(enrichInFlight); fmt.Sprint(s.enrich.asked) != fmt.Sprint(want) {
		t.Fatalf("Graph asked %v, want %v: rows the store answered for, while the rows on screen are read", s.enrich.asked, want)
	}
}

// readingRows are the rows of the store read in flight, in row order.
func readingRows(s *Screen) []int {
	var rows []int
	for r := range s.enrich.verdicts {
		if s.enrich.verdicts[r].state == verdictReading {
			rows = append(rows, r)
		}
	}
	return rows
}

// TestEnrichStoreReadDroppedAfterPause: esc during a store read puts its
// rows back; its answer, of the old generation, is dropped, and r reads
// them again.
func TestEnrichStoreReadDroppedAfterPause(t *testing.T) {
	st, _ := openStore(t)
	s, _ := storeScreen(t, nil, st)
	s.Init()
	update(s, pageOf(s, uitest.MakeRecords(0, 30), ""))
	gen, rows := s.enrich.gen, readingRows(s)
	update(s, uitest.KeyEsc)
	if s.enrich.reading != 0 || len(readingRows(s)) != 0 || !s.enrich.paused {
		t.Fatalf("esc left %d rows reading", len(readingRows(s)))
	}
	stored := &storedBatch{rows: rows, v: make([]rowVerdict, len(rows)), recs: make([]*model.CallRecord, len(rows))}
	stored.recs[0], stored.v[0] = goodRecord, verdictOf(goodRecord)
	if cmd := update(s, enrichedMsg{gen: gen, batch: stored}); cmd != nil || s.cell(0, colQuality) != unknownCell {
		t.Fatal("a store read from before esc was taken")
	}
	if cmd := update(s, uitest.KeyRune('r')); cmd == nil || len(readingRows(s)) != 30 {
		t.Fatalf("r resumed with %d rows read", len(readingRows(s)))
	}
}

// TestEnrichStoreWriteFailureKeepsVerdicts: a store that refuses writes
// (one of a newer callscope) costs no verdict; it is said once.
func TestEnrichStoreWriteFailureKeepsVerdicts(t *testing.T) {
	_, path := openStore(t)
	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec(fmt.Sprintf("PRAGMA user_version = %d", store.SchemaVersion+1)); err != nil {
		t.Fatal(err)
	}
	db.Close()
	st, err := store.Open(context.Background(), path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	recs := verdictRecords(9)
	s, fs := storeScreen(t, recs, st)
	_, root := uitest.SettleScreen(t, s, s.Init())
	if n := recordRequests(fs); n != 9 || s.Status().Note != "quality of 9 calls" {
		t.Fatalf("%d record requests, note %q: want every verdict from Graph", n, s.Status().Note)
	}
	uitest.ViewHas(t, s.View(), "poor audio: jitter 45 ms", "failed: setup, CallSetup", "good")
	if said := flashes(root, "no longer kept in the store"); said != 1 {
		t.Fatalf("the write failure was said %d times, want once (%v)", said, root)
	}
}

// TestEnrichStoreReadFailureAsksGraph: a store that cannot be read (closed
// under the screen) leaves every row to Graph, said once.
func TestEnrichStoreReadFailureAsksGraph(t *testing.T) {
	st, _ := openStore(t)
	recs := verdictRecords(5)
	s, fs := storeScreen(t, recs, st)
	s.Init()
	st.Close()
	_, root := uitest.SettleScreen(t, s, update(s, pageOf(s, recs, "")))
	rows := readingRows(s)
	if len(rows) != 0 || recordRequests(fs) != 5 || s.Status().Note != "quality of 5 calls" {
		t.Fatalf("reading %v, %d record requests, note %q: want every row from Graph", rows, recordRequests(fs), s.Status().Note)
	}
	if said := flashes(root, "the store could not be read, asking Graph"); said != 1 {
		t.Fatalf("the read failure was said %d times, want once (%v)", said, root)
	}
}

// flashes counts the flash messages among msgs that contain words.
func flashes(msgs []tea.Msg, words string) int {
	n := 0
	for _, m := range msgs {
		if f, ok := m.(common.FlashMsg); ok && strings.Contains(f.Text, words) {
			n++
		}
	}
	return n
}

// TestEnrichOfflineReadsOnlyTheStore: offline, a stored record gives its
// row a verdict (even one older than its list row: nothing newer can be
// had), a row without one reads "not stored", and Graph is sent nothing.
func TestEnrichOfflineReadsOnlyTheStore(t *testing.T) {
	recs := verdictRecords(5)
	st, _ := openStore(t)
	keep(t, st, recs[0], recs[1], recs[3])
	if _, err := st.Write(context.Background(), store.Batch{Calls: []model.CallRecord{recs[2], recs[4],
		{ID: recs[3].ID, Version: 2, StartDateTime: recs[3].StartDateTime}}}); err != nil {
		t.Fatal(err)
	}
	s, fs := storeScreen(t, recs, st)
	s.c.Offline = true // the fake's client stays, to count what would be sent
	settle(t, s, s.Init())
	if n := len(fs.Requests()); n != 0 {
		t.Fatalf("%d requests to Graph offline, want none", n)
	}
	if s.rows.Len() != 5 || s.Status().Note != "quality of 5 calls · 2 not stored" {
		t.Fatalf("rows %d, footer note %q", s.rows.Len(), s.Status().Note)
	}
	for i, want := range []string{"good", "poor audio: jitter 45 ms", "not stored", "good", "not stored"} {
		r := rowOfID(t, s, recs[i].ID)
		if v := s.enrich.verdictAt(r); v.quality != want || v.lost {
			t.Errorf("row of call %d reads %q (lost %v), want %q", i, v.quality, v.lost, want)
		}
	}
	if s.enrich.added != 3 {
		t.Fatalf("the summary holds %d records, want the 3 stored", s.enrich.added)
	}
}
