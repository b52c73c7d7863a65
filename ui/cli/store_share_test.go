package cli

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/callscope/callscope/graphclient/fakegraph"
	"github.com/callscope/callscope/graphclient/store"
	"github.com/callscope/callscope/model"
)

// The tenant the two programs share: enough records for several batches
// of the sync's writes (recordBatch) and a few log rows.
const shareRecords, shareLogRows = 240, 12

// shareGuard bounds every wait of these tests: a guard against a hang on
// a loaded machine, never a check of speed.
const shareGuard = 2 * time.Minute

// explorerRecordID is the id of the explorer's own record i: never one of
// the tenant's, so that the store must end up holding both sets.
func explorerRecordID(i int) string { return fmt.Sprintf("e0000000-0000-4000-8000-%012d", i) }

// explorer writes and reads the store file as the explorer does (one
// store.Open with the default options, list rows and expanded records
// written in batches, pages of calls read back) in a loop, until stopped.
type explorer struct {
	store  *store.Store
	tenant []model.CallRecord // the tenant's calls, as Graph lists them

	// rounds counts the loop's finished write-and-read rounds; seen is the
	// highest count of tenant records a read found expanded.
	rounds, seen atomic.Int64
	// midway is closed once a read has found the sync part-way (some but
	// not all tenant records expanded) and a write has followed it.
	midway     chan struct{}
	midwayOnce sync.Once
	// done is closed when the loop ends, stopped or failed.
	done chan struct{}

	mu      sync.Mutex
	errs    []error
	written int // explorer records written
}

// newExplorer opens path as the explorer does.
func newExplorer(t *testing.T, path string, now time.Time) *explorer {
	t.Helper()
	s, err := store.Open(context.Background(), path, store.Options{})
	if err != nil {
		t.Fatalf("the explorer cannot open the store: %v", err)
	}
	t.Cleanup(func() { s.Close() })
	e := &explorer{store: s, midway: make(chan struct{}), done: make(chan struct{})}
	for i := range shareRecords {
		row := testRecord(i, now)
		row.Sessions = nil // a list row carries no sessions
		raw, err := json.Marshal(row)
		if err != nil {
			t.Fatal(err)
		}
		row.Raw = raw
		e.tenant = append(e.tenant, row)
	}
	return e
}

// run is the loop: each round stores ten of the tenant's list rows and
// two records of the explorer's own, then reads every stored call back.
func (e *explorer) run(ctx context.Context, now time.Time) {
	for round := 0; ctx.Err() == nil; round++ {
		rows := make([]model.CallRecord, 10)
		for i := range rows {
			rows[i] = e.tenant[(round*10+i)%len(e.tenant)]
		}
		var recs []store.Record
		for i := range 2 {
			rec := testRecord(round%60, now)
			rec.ID = explorerRecordID(round*2 + i)
			recs = append(recs, store.Record{Call: &rec, Verdict: store.Verdict{Result: "ok", Quality: "good"}})
		}
		if _, err := e.store.Write(ctx, store.Batch{Calls: rows, Records: recs}); err != nil {
			e.fail(fmt.Errorf("round %d: write: %w", round, err))
			return
		}
		e.mu.Lock()
		e.written = round*2 + 2
		e.mu.Unlock()
		if e.seen.Load() > 0 && e.seen.Load() < shareRecords {
			e.midwayOnce.Do(func() { close(e.midway) })
		}
		expanded, err := e.tenantExpanded(ctx)
		if err != nil {
			e.fail(fmt.Errorf("round %d: read: %w", round, err))
			return
		}
		e.seen.Store(int64(expanded))
		e.rounds.Add(1)
	}
}

// tenantExpanded reads every stored call, page by page, and counts the
// tenant's calls whose expanded record is in.
func (e *explorer) tenantExpanded(ctx context.Context) (int, error) {
	n := 0
	for r := (store.Range{Limit: 100}); ; {
		page, err := e.store.Calls(ctx, r)
		if err != nil {
			return 0, err
		}
		for _, row := range page.Rows {
			if row.Expanded && !strings.HasPrefix(row.Call.ID, "e0000000-") {
				n++
			}
		}
		if r.After = page.Next; r.After == "" {
			return n, nil
		}
	}
}

// failures are the loop's errors so far; the loop stops at the first.
func (e *explorer) failures() []error {
	e.mu.Lock()
	defer e.mu.Unlock()
	return slices.Clone(e.errs)
}

func (e *explorer) fail(err error) {
	if errorsIsCancel(err) {
		return
	}
	e.mu.Lock()
	e.errs = append(e.errs, err)
	e.mu.Unlock()
}

// errorsIsCancel is the loop's own stop, not a failure.
func errorsIsCancel(err error) bool {
	return err != nil && strings.Contains(err.Error(), context.Canceled.Error())
}

// start runs the loop in the background; stop ends it and reports what
// went wrong, and how many explorer records it wrote.
func (e *explorer) start(now time.Time) (stop func() (written int, errs []error)) {
	ctx, cancel := context.WithCancel(context.Background())
	go func() { defer close(e.done); e.run(ctx, now) }()
	return func() (int, []error) {
		cancel()
		<-e.done
		e.mu.Lock()
		defer e.mu.Unlock()
		return e.written, e.errs
	}
}

// awaitRounds waits until the loop has finished n more rounds than at
// the call, or fails the test.
func (e *explorer) awaitRounds(t *testing.T, n int64) {
	t.Helper()
	want := e.rounds.Load() + n
	deadline := time.Now().Add(shareGuard)
	for e.rounds.Load() < want {
		if errs := e.failures(); len(errs) > 0 {
			t.Fatalf("the explorer stopped: %v", errs)
		}
		if time.Now().After(deadline) {
			t.Fatalf("the explorer finished no round for %v", shareGuard)
		}
		time.Sleep(time.Millisecond)
	}
}

// syncArgs is the sync both tests run: the last week, every kind.
func syncArgs(root, path string) []string {
	return []string{"sync", "--no-config", "--graph-url", root, "--store", path, "--from", "-7d"}
}

// checkShared checks the store after both programs: the tenant's part is
// what one uninterrupted sync stores (whole), every explorer record is
// in, each call once, each log row once, and SQLite finds the file sound.
func checkShared(t *testing.T, path, whole string, explorerRecords int) {
	t.Helper()
	got := storeContents(t, path)
	var tenant, own []string
	for _, e := range got {
		if strings.HasPrefix(e, "call e0000000-") {
			own = append(own, e)
		} else {
			tenant = append(tenant, e)
		}
	}
	if want := storeContents(t, whole); !slices.Equal(tenant, want) {
		t.Errorf("the tenant's part of the shared store is\n%q\nwant (one whole sync)\n%q", tenant, want)
	}
	if len(own) != explorerRecords {
		t.Errorf("%d of the explorer's records are stored, want the %d it wrote", len(own), explorerRecords)
	}
	for i, e := range own {
		if want := "call " + explorerRecordID(i) + " expanded=y current=y ok/good"; e != want {
			t.Errorf("explorer record %d is %q, want %q", i, e, want)
			break
		}
	}
	if dup := slices.Compact(slices.Clone(got)); len(dup) != len(got) {
		t.Errorf("the store lists %d entries twice", len(got)-len(dup))
	}

	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var check string
	if err := db.QueryRow("PRAGMA integrity_check").Scan(&check); err != nil || check != "ok" {
		t.Errorf("integrity_check: %q, %v", check, err)
	}
	for _, table := range []string{"direct_routing", "pstn"} {
		var rows, ids int
		if err := db.QueryRow("SELECT count(*), count(DISTINCT id) FROM "+table).Scan(&rows, &ids); err != nil {
			t.Fatal(err)
		}
		if rows != shareLogRows || ids != shareLogRows {
			t.Errorf("%s holds %d rows of %d ids, want %d once each", table, rows, ids, shareLogRows)
		}
	}
}

// wholeSync is one uninterrupted in-process sync of the tenant into a
// file of its own: what the shared store's tenant part must equal.
func wholeSync(t *testing.T, root string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "whole.db")
	if r := runCLI(t, syncArgs(root, path)...); r.code != exitOK {
		t.Fatalf("whole sync: exit %d, stderr %q", r.code, r.stderr)
	}
	return path
}

// shareFailures fails the test on any error of the explorer's loop, and
// names a busy or locked store when that is what it was.
func shareFailures(t *testing.T, errs []error) {
	t.Helper()
	for _, err := range errs {
		msg := err.Error()
		if strings.Contains(msg, "busy") || strings.Contains(msg, "locked") {
			t.Errorf("the explorer met the other writer's lock: %v", err)
			continue
		}
		t.Errorf("the explorer failed: %v", err)
	}
}

// TestSyncProcessAndExplorerShareTheStore: `callscope sync` in a process
// of its own fills the store while this process, as the explorer, writes
// and reads the same file. The sync is held at its 120th record until the
// explorer has read it part-way and written after that, so the two truly
// overlap. Neither meets a busy or locked store; afterwards the store
// holds the sync's set as one sync alone stores it and every explorer
// record, each once, and SQLite's integrity check passes.
func TestSyncProcessAndExplorerShareTheStore(t *testing.T) {
	syncFast(t)
	now := time.Now()
	var rc requestCounter
	f := startFake(t, testTenant(shareRecords, shareLogRows, now), fakegraph.Faults{}, rc.wrap)
	whole := wholeSync(t, f.root)
	path := filepath.Join(t.TempDir(), "shared.db")
	e := newExplorer(t, path, now)

	hold := func(n int64) {
		if n == 120 {
			select {
			case <-e.midway:
			case <-e.done: // failed: the checks below say why
			case <-time.After(shareGuard):
			}
		}
	}
	rc.records.Store(0)
	rc.onRecord.Store(&hold)
	defer rc.onRecord.Store(nil)

	stop := e.start(now)
	e.awaitRounds(t, 1)
	child := startSyncProcess(t, syncArgs(f.root, path))
	code, stderr := child.wait(t)
	e.awaitRounds(t, 2) // reads and writes go on after the sync
	written, errs := stop()
	shareFailures(t, errs)
	if code != exitOK || strings.Contains(stderr, "busy") || strings.Contains(stderr, "locked") {
		t.Fatalf("the sync process: exit %d, stderr %q", code, stderr)
	}
	select {
	case <-e.midway:
	default:
		t.Fatal("the explorer never read the store while the sync was part-way")
	}
	checkShared(t, path, whole, written)
}

// TestSyncProcessKilledWhileExplorerWrites: the sync process is killed
// (SIGKILL) part-way through the records while the explorer writes and
// reads the file; the explorer carries on, and a second sync fetches only
// the records the first did not store and completes the range: no gap,
// no duplicate.
func TestSyncProcessKilledWhileExplorerWrites(t *testing.T) {
	syncFast(t)
	now := time.Now()
	var rc requestCounter
	f := startFake(t, testTenant(shareRecords, shareLogRows, now), fakegraph.Faults{}, rc.wrap)
	whole := wholeSync(t, f.root)
	path := filepath.Join(t.TempDir(), "shared.db")
	e := newExplorer(t, path, now)

	// Record GETs past the 120th wait until the kill: the first sync can
	// store some records but never all of them.
	release := make(chan struct{})
	gate := func(n int64) {
		if n > 120 {
			<-release
		}
	}
	rc.records.Store(0)
	rc.onRecord.Store(&gate)
	stop := e.start(now)
	defer func() {
		if stop != nil {
			stop()
		}
	}()
	child := startSyncProcess(t, syncArgs(f.root, path))
	deadline := time.Now().Add(shareGuard)
	for e.seen.Load() < recordBatch {
		if errs := e.failures(); len(errs) > 0 || time.Now().After(deadline) {
			child.kill()
			close(release)
			shareFailures(t, errs)
			t.Fatalf("the first sync stored %d records before the explorer stopped or %v passed", e.seen.Load(), shareGuard)
		}
		time.Sleep(time.Millisecond)
	}
	child.kill()
	code, _ := child.wait(t)
	rc.onRecord.Store(nil)
	close(release)
	if code != -1 || child.signal() != syscall.SIGKILL {
		t.Fatalf("the first sync ended with exit %d, not by the kill", code)
	}

	e.awaitRounds(t, 3) // the kill costs the explorer nothing
	stored, err := e.tenantExpanded(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if stored == 0 || stored == shareRecords {
		t.Fatalf("the killed sync stored %d of %d records: not part-way", stored, shareRecords)
	}

	rc.records.Store(0)
	second := startSyncProcess(t, syncArgs(f.root, path))
	code, stderr := second.wait(t)
	e.awaitRounds(t, 2)
	written, errs := stop()
	stop = nil
	shareFailures(t, errs)
	if code != exitOK {
		t.Fatalf("the second sync: exit %d, stderr %q", code, stderr)
	}
	if got, want := rc.records.Load(), int64(shareRecords-stored); got != want {
		t.Errorf("the second sync sent %d record GETs, want %d (only those the killed one did not store)", got, want)
	}
	checkShared(t, path, whole, written)
}
