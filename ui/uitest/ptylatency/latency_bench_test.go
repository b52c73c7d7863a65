//go:build linux

package ptylatency

import (
	"fmt"
	"math/rand/v2"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/callscope/callscope/graphclient"
	"github.com/callscope/callscope/graphclient/fakegraph"
	"github.com/callscope/callscope/ui/table"
)

// Keystroke-to-frame latency in the real program (issue 13): the callscope
// binary in a 160x40 pseudo-terminal, on the Direct Routing view with a
// million rows loaded from a fake Graph in this process. Each key (j, then
// k, so the cursor stays in range) is one write; its latency runs from the
// write to the read that brings the frame with the cursor row redrawn.
// Keys go out at random moments (0–20 ms after the last frame), as a user's
// do, so they land anywhere in the frame interval (the explorer runs
// Bubble Tea at 120 fps: ui/cli/explorer.go).
// Targets: p99 ≤ 19 ms, max ≤ 25 ms. peak-RSS-MB is the program's VmHWM
// at the end: its peak over the load and the keys.
//
//	go test ./ui/uitest/ptylatency -run '^$' -bench Latency -benchtime 1x -count 5

const (
	termCols, termRows = 160, 40
	latencyRows        = 1_000_000
	// latencyKeys is how many keys one run times: enough for a p99 with
	// a few samples above it.
	latencyKeys = 500
	// mergedPages joins the fake's 1,000-row pages 25 at a time (merge_test.go).
	mergedPages = 25
	// waitLong bounds one expected screen, the million-row load included,
	// on a busy machine.
	waitLong = 5 * time.Minute
	// waitFrame bounds one key's frame: far past any target, so that a
	// lost key fails the run instead of hanging it.
	waitFrame = 10 * time.Second
	token     = "latency-test-token"
)

// loadedCount finds the footer's "N loaded" and "all N loaded".
var loadedCount = regexp.MustCompile(`(all )?([0-9][0-9,]*) loaded`)

func BenchmarkKeystrokeLatency(b *testing.B) {
	bin := buildBinary(b)
	args := serveRows(b, latencyRows)
	var all []time.Duration
	var peakRSS int64
	for b.Loop() {
		lat, rss := run(b, bin, args, latencyRows, latencyKeys)
		all = append(all, lat...)
		peakRSS = max(peakRSS, rss)
	}
	slices.Sort(all)
	ms := func(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }
	b.ReportMetric(ms(percentile(all, 50)), "p50-ms")
	b.ReportMetric(ms(percentile(all, 99)), "p99-ms")
	b.ReportMetric(ms(all[len(all)-1]), "max-ms")
	b.ReportMetric(float64(peakRSS)/(1<<20), "peak-RSS-MB")
	b.ReportMetric(0, "ns/op") // one op is a whole session: its time says nothing
}

// TestLatencyDriverTimesEveryKey runs the driver small (a few thousand rows,
// a few keys) so that CI keeps it working: every key's frame must arrive
// and the program's peak RSS must be read. It asserts no timing.
func TestLatencyDriverTimesEveryKey(t *testing.T) {
	const rows, keys = 3_000, 20
	lat, rss := run(t, buildBinary(t), serveRows(t, rows), rows, keys)
	if len(lat) != keys || rss <= 0 {
		t.Fatalf("%d latencies for %d keys, peak RSS %d bytes", len(lat), keys, rss)
	}
}

// serveRows serves n Direct Routing rows from a fake Graph on 127.0.0.1 and
// returns the explorer's arguments to open them.
func serveRows(tb testing.TB, n int) []string {
	now := time.Now().UTC().Truncate(time.Second)
	tenant := fakegraph.NewTenant()
	tenant.AddDirectRoutingRows(DirectRoutingRows(n, now)...)
	srv := httptest.NewServer(mergePages(fakegraph.New(tenant, fakegraph.Options{Token: token}), mergedPages))
	tb.Cleanup(srv.Close)
	from, to := RangeOf(now)
	return []string{"--graph-url", srv.URL + "/v1.0", "--view", "direct", "--utc",
		"--from", from.Format(time.RFC3339), "--to", to.Format(time.RFC3339)}
}

// percentile is the p-th percentile of sorted (nearest rank).
func percentile(sorted []time.Duration, p int) time.Duration {
	i := (len(sorted)*p + 99) / 100
	return sorted[max(i-1, 0)]
}

// binaryEnv, if set, names a callscope binary to time instead of building
// this tree: a build of another revision, for a before-and-after figure.
const binaryEnv = "CALLSCOPE_LATENCY_BIN"

// buildBinary builds the callscope command into a temporary directory.
func buildBinary(b testing.TB) string {
	b.Helper()
	if bin := os.Getenv(binaryEnv); bin != "" {
		return bin
	}
	bin := filepath.Join(b.TempDir(), "callscope")
	out, err := exec.Command("go", "build", "-o", bin, "github.com/callscope/callscope").CombinedOutput()
	if err != nil {
		b.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// run starts the explorer, loads every row (rows of them), times keys keys
// and quits; it returns the latencies and the program's peak RSS in bytes.
func run(b testing.TB, bin string, args []string, rows, keys int) ([]time.Duration, int64) {
	home := b.TempDir()
	cmd := exec.Command(bin, args...)
	cmd.Env = []string{"HOME=" + home, "XDG_CONFIG_HOME=" + filepath.Join(home, "config"),
		"XDG_STATE_HOME=" + filepath.Join(home, "state"), "TERM=xterm-256color", "COLORTERM=truecolor",
		"PATH=" + os.Getenv("PATH"), graphclient.AccessTokenEnv + "=" + token}
	term := startTerminal(b, cmd, termCols, termRows)
	exited := make(chan struct{})
	var waitErr error
	go func() { waitErr = cmd.Wait(); close(exited) }()
	b.Cleanup(func() {
		select {
		case <-exited:
		default: // a failed run: stop the program this run started
			_ = cmd.Process.Kill()
			<-exited
		}
		term.close()
	})

	loadAll(b, term, rows)
	latencies := timeKeys(b, term, keys)
	rss := peakRSS(b, cmd.Process.Pid)

	if _, err := term.write("q"); err != nil {
		b.Fatalf("write q: %v", err)
	}
	select {
	case <-exited:
		if waitErr != nil {
			b.Fatalf("the explorer ended with %v", waitErr)
		}
	case <-time.After(waitLong):
		b.Fatal("the explorer did not quit on q")
	}
	return latencies, rss
}

// loadAll waits for the first page, then presses G (last row) until the
// footer says every row is loaded: each G at the end fetches the next page.
func loadAll(b testing.TB, term *terminal, rows int) {
	at, loaded := 0, 0
	for {
		var all bool
		text, next, _, err := term.waitFor(at, waitLong, func(s string) bool {
			n, done := lastLoaded(s)
			all = done
			return n > loaded || done
		})
		if err != nil {
			b.Fatalf("waiting for rows (%d loaded so far): %v; the output ends:\n%q", loaded, err, tail(text))
		}
		at = next
		loaded, _ = lastLoaded(text)
		if all {
			break
		}
		if _, err := term.write("G"); err != nil {
			b.Fatalf("write G: %v", err)
		}
	}
	if loaded != rows {
		b.Fatalf("the list says all %d loaded, want %d", loaded, rows)
	}
	// To the end (no frame if the cursor is there already) and back to the
	// top (a frame either way), and let that frame arrive before timing.
	for _, key := range []string{"G", "g"} {
		mark := term.mark()
		if _, err := term.write(key); err != nil {
			b.Fatalf("write %s: %v", key, err)
		}
		wait := waitLong
		if key == "G" {
			wait = time.Second
		}
		_, _, _, err := term.waitFor(mark, wait, func(s string) bool { return strings.Contains(s, table.CursorMark) })
		if err != nil && key == "g" {
			b.Fatalf("no frame after g: %v", err)
		}
	}
}

// lastLoaded is the last loaded count in s, and whether it was "all N".
func lastLoaded(s string) (int, bool) {
	m := loadedCount.FindAllStringSubmatch(s, -1)
	if m == nil {
		return 0, false
	}
	last := m[len(m)-1]
	n, _ := strconv.Atoi(strings.ReplaceAll(last[2], ",", ""))
	return n, last[1] != ""
}

// timeKeys writes j and k in turn, one key a write, and times each to the
// read that brings its frame: the one that draws the cursor mark.
func timeKeys(b testing.TB, term *terminal, keys int) []time.Duration {
	rng := rand.New(rand.NewPCG(13, 13))
	out := make([]time.Duration, 0, keys)
	for i := range keys {
		time.Sleep(time.Duration(rng.Int64N(int64(20 * time.Millisecond))))
		mark := term.mark() // the last frame's late reads are not this key's
		key := []string{"j", "k"}[i%2]
		sent, err := term.write(key)
		if err != nil {
			b.Fatalf("write %s: %v", key, err)
		}
		text, _, shown, err := term.waitFor(mark, waitFrame, func(s string) bool { return strings.Contains(s, table.CursorMark) })
		if err != nil {
			b.Fatalf("key %d (%s): no frame: %v; read %q", i, key, err, tail(text))
		}
		out = append(out, shown.Sub(sent))
	}
	return out
}

// peakRSS reads the program's peak resident set (VmHWM) in bytes.
func peakRSS(b testing.TB, pid int) int64 {
	status, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		b.Fatalf("read the program's status: %v", err)
	}
	for line := range strings.SplitSeq(string(status), "\n") {
		if rest, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			kb, err := strconv.ParseInt(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(rest), "kB")), 10, 64)
			if err != nil {
				b.Fatalf("VmHWM %q: %v", rest, err)
			}
			return kb << 10
		}
	}
	b.Fatal("no VmHWM in the program's status")
	return 0
}

// tail is the end of s, for failure messages.
func tail(s string) string { return s[max(len(s)-600, 0):] }
