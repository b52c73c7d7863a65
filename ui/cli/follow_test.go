package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/callscope/callscope/graphclient"
	"github.com/callscope/callscope/graphclient/fakegraph"
	"github.com/callscope/callscope/graphclient/store"
	"github.com/callscope/callscope/model"
)

func TestFollowFlagsThatContradictItAreUsageErrors(t *testing.T) {
	now := time.Date(2026, 12, 6, 12, 0, 0, 0, time.UTC)
	for _, args := range [][]string{
		{"direct", "--follow", "--summary"},
		{"direct", "--follow", "--limit", "5"},
		{"direct", "--follow", "--to", "-1h"},
		{"direct", "--follow", "--output", "csv"},
		{"pstn", "--follow", "--output", "json"},
		{"direct", "--follow", "--offline"},
		{"direct", "--follow", "--interval", "5s"},
		{"direct", "--follow", "--lookback", "0s"},
		{"direct", "--interval", "60s"},
	} {
		err := parseErr(append(args, "--no-config"), now)
		var ue *usageError
		if !errors.As(err, &ue) {
			t.Errorf("%q: err = %v, want a usage error", args, err)
		}
	}
	o := parseAs[*directOptions](t, []string{"direct", "--follow", "--no-config"}, now)
	if o.output != "jsonl" || !o.from.Equal(now) || !o.to.IsZero() {
		t.Fatalf("--follow alone: output %q from %v to %v; want jsonl from now, open end", o.output, o.from, o.to)
	}
}

// scriptedLog is a log function whose rows change between polls: each call
// of its first page advances to the next poll's rows, served two per page.
type scriptedLog struct {
	polls  [][]model.DirectRoutingRow // what Graph holds at each poll
	errs   map[int]error              // a poll that fails instead
	at     int
	ranges [][2]time.Time
}

func (s *scriptedLog) page(_ context.Context, from, to time.Time, next string) (*model.Page[model.DirectRoutingRow], error) {
	if next == "" {
		s.at++
		s.ranges = append(s.ranges, [2]time.Time{from, to})
		if err := s.errs[s.at]; err != nil {
			return nil, err
		}
	}
	rows := s.polls[min(s.at, len(s.polls))-1]
	var inRange []model.DirectRoutingRow
	for _, r := range rows {
		if !r.StartDateTime.Before(from) && r.StartDateTime.Before(to) {
			inRange = append(inRange, r)
		}
	}
	skip := 0
	if next != "" {
		fmt.Sscan(next, &skip)
	}
	end := min(skip+2, len(inRange))
	p := &model.Page[model.DirectRoutingRow]{Value: inRange[skip:end]}
	for i := range p.Value {
		p.RawValue = append(p.RawValue, json.RawMessage(`{"id":"`+p.Value[i].ID+`"}`))
	}
	if end < len(inRange) {
		p.NextLink = fmt.Sprint(end)
	}
	return p, nil
}

func drRow(id string, start time.Time) model.DirectRoutingRow {
	return model.DirectRoutingRow{ID: id, StartDateTime: model.NewTime(start)}
}

// A follow prints each row once, oldest first per poll, including a row
// that arrives late with a start inside the lookback; it polls again after
// throttling and a dead network, and stops on a refusal.
func TestFollowerPrintsEachRowOnceAndReadsATrailingWindow(t *testing.T) {
	t0 := time.Date(2026, 12, 6, 12, 0, 0, 0, time.UTC)
	now := t0
	a, b, c := drRow("a", t0.Add(-50*time.Minute)), drRow("b", t0.Add(-10*time.Minute)), drRow("c", t0.Add(-5*time.Minute))
	late := drRow("late", t0.Add(-20*time.Minute)) // arrives at poll 3 with an old start
	d := drRow("d", t0.Add(90*time.Second))
	log := &scriptedLog{
		polls: [][]model.DirectRoutingRow{
			{c, a, b},
			{c, a, b},
			{c, a, b, late},
			{c, a, b, late},
			{c, a, b, late, d},
		},
		errs: map[int]error{
			4: &graphclient.Error{Status: http.StatusTooManyRequests, Code: "TooManyRequests"},
			6: &graphclient.Error{Status: http.StatusForbidden, Code: "Forbidden"},
		},
	}
	var stderr bytes.Buffer
	f := &follower[model.DirectRoutingRow]{fetch: log.page, key: store.DirectKey, from: t0.Add(-time.Hour),
		interval: time.Millisecond, lookback: 30 * time.Minute, stderr: &stderr,
		now: func() time.Time { now = now.Add(time.Minute); return now }}
	var got []string
	var err error
	for {
		var p *model.Page[model.DirectRoutingRow]
		if p, err = f.page(context.Background(), time.Time{}, time.Time{}, ""); err != nil {
			break
		}
		var ids []string
		for _, r := range p.Value {
			ids = append(ids, r.ID)
		}
		if len(p.RawValue) != len(p.Value) {
			t.Fatalf("page of %d rows carries %d raw rows", len(p.Value), len(p.RawValue))
		}
		got = append(got, strings.Join(ids, ","))
	}
	if want := []string{"a,b,c", "late", "d"}; strings.Join(got, " | ") != strings.Join(want, " | ") {
		t.Fatalf("pages %q, want %q", got, want)
	}
	var ge *graphclient.Error
	if !errors.As(err, &ge) || ge.Status != http.StatusForbidden {
		t.Fatalf("the follow ended with %v, want the 403", err)
	}
	if !strings.Contains(stderr.String(), "polling again") {
		t.Fatalf("the 429 was not said: %q", stderr.String())
	}
	// The first poll reads from --from; later ones from the last poll's
	// end less the lookback, never before --from.
	if r := log.ranges[0]; !r[0].Equal(t0.Add(-time.Hour)) {
		t.Fatalf("first poll from %v", r[0])
	}
	if r := log.ranges[2]; !r[0].Equal(log.ranges[1][1].Add(-30 * time.Minute)) {
		t.Fatalf("third poll from %v, want the second's end less 30m (%v)", r[0], log.ranges[1][1])
	}
}

// epipeAfter is stdout that closes like `| head` once it has seen want.
type epipeAfter struct {
	mu   sync.Mutex
	buf  bytes.Buffer
	want string
	seen chan struct{}
	once sync.Once
}

func (w *epipeAfter) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if strings.Contains(w.buf.String(), w.want) {
		return 0, syscall.EPIPE
	}
	w.buf.Write(p)
	if strings.Contains(w.buf.String(), w.want) {
		w.once.Do(func() { close(w.seen) })
	}
	return len(p), nil
}

// waitFor waits until text was written.
func (w *epipeAfter) waitFor(t *testing.T, text string) {
	t.Helper()
	for deadline := time.Now().Add(20 * time.Second); time.Now().Before(deadline); time.Sleep(5 * time.Millisecond) {
		w.mu.Lock()
		ok := strings.Contains(w.buf.String(), text)
		w.mu.Unlock()
		if ok {
			return
		}
	}
	t.Fatalf("%s was never written", text)
}

func (w *epipeAfter) ids(t *testing.T) []string {
	w.mu.Lock()
	defer w.mu.Unlock()
	var ids []string
	for _, line := range lines(w.buf.String()) {
		var row struct{ ID string }
		if err := json.Unmarshal([]byte(line), &row); err != nil {
			t.Fatalf("not a JSON line: %q", line)
		}
		ids = append(ids, row.ID)
	}
	return ids
}

// runFollow runs `direct --follow` against f until it has printed stopAt,
// then ends it as `| head` would (a closed pipe), adding rows to the
// tenant as the follow polls.
func runFollow(t *testing.T, f *fake, tenant *fakegraph.Tenant, path, from, stopAt string, more func(*epipeAfter)) []string {
	t.Helper()
	out := &epipeAfter{want: `"` + stopAt + `"`, seen: make(chan struct{})}
	var errb bytes.Buffer
	args := []string{"direct", "--follow", "--no-config", "--graph-url", f.root, "--store", path, "--interval", "40ms", "--lookback", "1h"}
	if from != "" {
		args = append(args, "--from", from)
	}
	done := make(chan int, 1)
	go func() { done <- runWith(args, out, &errb) }()
	if more != nil {
		more(out)
	}
	// A row after stopAt makes the next write fail, as a closed pipe does.
	<-out.seen
	tenant.AddDirectRoutingRows(drRow("zz-"+stopAt, time.Now().Add(-time.Second)))
	select {
	case code := <-done:
		if code != exitOK {
			t.Fatalf("follow exit %d, stderr %q", code, errb.String())
		}
	case <-time.After(20 * time.Second):
		t.Fatal("the follow did not end after its reader went away")
	}
	return out.ids(t)
}

// Against the fake Graph: rows added while the follow runs are printed
// once; stopped and started again without --from, it resumes from the
// store and prints only the rows that arrived meanwhile.
func TestDirectFollowStreamsNewRowsAndResumesFromTheStore(t *testing.T) {
	minFollowInterval = time.Millisecond
	t.Cleanup(func() { minFollowInterval = 30 * time.Second })
	now := time.Now().UTC()
	tenant := fakegraph.NewTenant()
	tenant.AddDirectRoutingRows(drRow("old", now.Add(-3*time.Hour)), drRow("r1", now.Add(-40*time.Minute)), drRow("r2", now.Add(-30*time.Minute)))
	f := startFake(t, tenant, fakegraph.Faults{}, nil)
	path := filepath.Join(t.TempDir(), "s.db")

	first := runFollow(t, f, tenant, path, "-2h", "r3", func(out *epipeAfter) {
		out.waitFor(t, `"r2"`)                                             // the first poll is printed
		tenant.AddDirectRoutingRows(drRow("r3", now.Add(-45*time.Minute))) // late: older than r2
	})
	if got := strings.Join(first, ","); got != "r1,r2,r3" {
		t.Fatalf("first follow printed %s, want r1,r2,r3", got)
	}
	tenant.AddDirectRoutingRows(drRow("r4", now.Add(-20*time.Minute))) // while no follow runs
	second := runFollow(t, f, tenant, path, "", "r4", nil)
	if got := strings.Join(second, ","); got != "r4" {
		t.Fatalf("resumed follow printed %s, want only r4", got)
	}
	s, err := store.Open(context.Background(), path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	page, err := s.DirectRouting(context.Background(), store.Range{})
	if err != nil {
		t.Fatal(err)
	}
	var stored []string
	for _, r := range page.Rows {
		stored = append(stored, r.Row.ID)
	}
	if got := strings.Join(stored, ","); !strings.Contains(got, "r4") || !strings.Contains(got, "r1") || strings.Contains(got, "old") {
		t.Fatalf("store holds %s", got)
	}
}
