package store

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// killChildEnv names the store a re-executed test binary writes to until
// it is killed (TestKilledWriterLosesOnlyItsBatch).
const killChildEnv = "CALLSCOPE_STORE_KILL_CHILD"

// killBatches and killBatchRows are what the child commits before its
// big batch.
const killBatches, killBatchRows = 3, 500

// runKillChild commits killBatches batches, says so on stdout, then
// writes one batch too big to finish before the parent kills it.
func runKillChild(path string) int {
	ctx := context.Background()
	s, err := Open(ctx, path, Options{})
	if err != nil {
		fmt.Println("open:", err)
		return 1
	}
	t := &testing.B{} // for the row helpers; they fail only on a missing fixture
	for i := range killBatches {
		if _, err := s.Write(ctx, Batch{Direct: directRows(t, fmt.Sprintf("b%d", i), killBatchRows, base)}); err != nil {
			fmt.Println("write:", err)
			return 1
		}
	}
	big := directRows(t, "big", 100_000, base)
	fmt.Println("committed")
	s.Write(ctx, Batch{Direct: big})
	fmt.Println("finished") // reached only if the parent was too slow
	return 0
}

func TestKilledWriterLosesOnlyItsBatch(t *testing.T) {
	path := filepath.Join(t.TempDir(), "k.db")
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), killChildEnv+"="+path)
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	line, _ := bufio.NewReader(out).ReadString('\n')
	if strings.TrimSpace(line) != "committed" {
		cmd.Process.Kill()
		t.Fatalf("child said %q", line)
	}
	// Kill once the big batch is spilling into the WAL: mid-transaction.
	deadline := time.Now().Add(2 * time.Minute) // a guard against a hang, not a speed check
	for {
		fi, err := os.Stat(path + "-wal")
		if err == nil && fi.Size() > 8<<20 {
			break
		}
		if time.Now().After(deadline) {
			cmd.Process.Kill()
			t.Fatal("the big batch never reached the WAL")
		}
		time.Sleep(5 * time.Millisecond)
	}
	cmd.Process.Signal(os.Kill)
	cmd.Wait()

	s, err := Open(context.Background(), path, Options{})
	if err != nil {
		t.Fatalf("reopen after kill: %v", err)
	}
	defer s.Close()
	var check string
	s.db.QueryRow("PRAGMA integrity_check").Scan(&check)
	if n := count(t, s, "direct_routing"); n != killBatches*killBatchRows || check != "ok" {
		t.Fatalf("%d rows after the kill, want %d; integrity %q", n, killBatches*killBatchRows, check)
	}
}

func TestTwoWritersShareTheFile(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "w.db")
	var stores [2]*Store
	for i := range stores {
		s, err := Open(ctx, path, Options{BusyTimeout: 30 * time.Second})
		if err != nil {
			t.Fatal(err)
		}
		defer s.Close()
		stores[i] = s
	}
	var wg sync.WaitGroup
	errs := make(chan error, 2)
	for i, s := range stores {
		rows := make([][]DirectRow, 10)
		for b := range rows {
			rows[b] = directRows(t, fmt.Sprintf("w%d-%d", i, b), 100, base)
		}
		wg.Go(func() {
			for _, batch := range rows {
				if _, err := s.Write(ctx, Batch{Direct: batch}); err != nil {
					errs <- err
					return
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
	if n := count(t, stores[0], "direct_routing"); n != 2000 {
		t.Fatalf("%d rows, want 2000", n)
	}
}

func TestBusyWriterGivesUpClearly(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "b.db")
	holder, _ := Open(ctx, path, Options{})
	defer holder.Close()
	waiter, err := Open(ctx, path, Options{BusyTimeout: 50 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	defer waiter.Close()
	tx, err := holder.db.BeginTx(ctx, nil) // immediate: holds the write lock
	if err != nil {
		t.Fatal(err)
	}
	tx.Exec("INSERT INTO pstn (id, start, raw) VALUES ('held', 1, '{}')")
	// WAL: the explorer reads while a sync holds the write lock.
	if page, err := waiter.DirectRouting(ctx, Range{}); err != nil || len(page.Rows) != 0 {
		t.Fatalf("read during a write: %d rows, %v", len(page.Rows), err)
	}
	_, err = waiter.Write(ctx, Batch{Direct: directRows(t, "w", 10, base)})
	var busy *BusyError
	if !errors.As(err, &busy) || !strings.Contains(err.Error(), "busy") {
		t.Fatalf("err %v, want BusyError", err)
	}
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
	if _, err := waiter.Write(ctx, Batch{Direct: directRows(t, "w", 10, base)}); err != nil {
		t.Fatalf("after the lock was released: %v", err)
	}
	if count(t, waiter, "pstn") != 1 || count(t, waiter, "direct_routing") != 10 {
		t.Fatal("rows lost")
	}
}

func TestFullDiskKeepsEarlierBatches(t *testing.T) {
	ctx := context.Background()
	s := openTemp(t)
	s.db.SetMaxOpenConns(1) // max_page_count is a setting of one connection
	if _, err := s.Write(ctx, Batch{Direct: directRows(t, "early", 100, base)}); err != nil {
		t.Fatal(err)
	}
	var pages int
	s.db.QueryRow("PRAGMA page_count").Scan(&pages)
	// SQLite answers SQLITE_FULL past max_page_count, as on a full disk.
	if _, err := s.db.Exec(fmt.Sprintf("PRAGMA max_page_count = %d", pages+2)); err != nil {
		t.Fatal(err)
	}
	_, err := s.Write(ctx, Batch{Direct: directRows(t, "late", 5000, base.Add(time.Hour))})
	var full *DiskFullError
	if !errors.As(err, &full) || !strings.Contains(err.Error(), "disk is full") {
		t.Fatalf("err %v, want DiskFullError", err)
	}
	if n := count(t, s, "direct_routing"); n != 100 {
		t.Fatalf("%d rows after the full disk, want the 100 stored before", n)
	}
}
