package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/callscope/callscope/graphclient/fakegraph"
)

// infoJSON runs `store info --output json` on path.
func infoJSON(t *testing.T, path string) storeInfoJSON {
	t.Helper()
	r := runCLI(t, "store", "info", "--no-config", "--store", path, "--output", "json")
	if r.code != exitOK {
		t.Fatalf("store info: exit %d, stderr %q", r.code, r.stderr)
	}
	var info storeInfoJSON
	if err := json.Unmarshal([]byte(r.stdout), &info); err != nil {
		t.Fatalf("store info json: %v: %q", err, r.stdout)
	}
	return info
}

// counts is a store's count per kind.
func counts(info storeInfoJSON) map[string]int64 {
	m := map[string]int64{}
	for _, k := range info.Kinds {
		m[k.Kind] = k.Count
	}
	return m
}

func TestStoreInfoEmptyThenFilled(t *testing.T) {
	syncFast(t)
	path := filepath.Join(t.TempDir(), "s.db")
	empty := infoJSON(t, path)
	if empty.Path != path || empty.Schema < 1 || len(empty.Kinds) != 4 {
		t.Fatalf("empty store info %+v", empty)
	}
	for _, k := range empty.Kinds {
		if k.Count != 0 || k.Oldest != nil || k.Newest != nil {
			t.Errorf("empty store: %+v", k)
		}
	}
	r := runCLI(t, "store", "info", "--no-config", "--store", path)
	if r.code != exitOK || !strings.Contains(r.stdout, "store   "+path) || !regexpLine(r.stdout, `calls\s+0\s+-\s+-`) {
		t.Errorf("text info: exit %d\n%s", r.code, r.stdout)
	}

	now := time.Now()
	f := startFake(t, testTenant(4, 6, now), fakegraph.Faults{}, nil)
	if r := runCLI(t, "sync", "--no-config", "--graph-url", f.root, "--store", path); r.code != exitOK {
		t.Fatalf("sync: exit %d, stderr %q", r.code, r.stderr)
	}
	filled := infoJSON(t, path)
	want := map[string]int64{"calls": 4, "records": 4, "direct": 6, "pstn": 6}
	if got := counts(filled); !maps.Equal(got, want) {
		t.Errorf("counts %v, want %v", got, want)
	}
	if filled.Bytes <= 0 {
		t.Errorf("size %d", filled.Bytes)
	}
	for _, k := range filled.Kinds {
		if k.Oldest == nil || k.Newest == nil || k.Newest.Before(*k.Oldest) || k.Newest.After(now) {
			t.Errorf("%s: oldest %v newest %v", k.Kind, k.Oldest, k.Newest)
		}
	}
	// The oldest Direct Routing row is log row 5, 3 days and 5 minutes old.
	oldest := now.Add(-3*24*time.Hour - 5*time.Minute).Truncate(time.Second)
	if got := filled.Kinds[2].Oldest; !got.Equal(oldest) {
		t.Errorf("direct oldest %v, want %v", got, oldest)
	}
}

// forget --before deletes only what started before T, says how much, and
// leaves the rest readable.
func TestStoreForgetBefore(t *testing.T) {
	syncFast(t)
	path := filepath.Join(t.TempDir(), "s.db")
	f := startFake(t, testTenant(4, 6, time.Now()), fakegraph.Faults{}, nil)
	if r := runCLI(t, "sync", "--no-config", "--graph-url", f.root, "--store", path); r.code != exitOK {
		t.Fatalf("sync: exit %d, stderr %q", r.code, r.stderr)
	}
	r := runCLI(t, "store", "forget", "--no-config", "--store", path, "--before", "-2d")
	if r.code != exitOK || !strings.Contains(r.stdout, "0 calls, 0 records, 3 Direct Routing rows, 3 PSTN rows") {
		t.Fatalf("forget: exit %d, stdout %q, stderr %q", r.code, r.stdout, r.stderr)
	}
	want := map[string]int64{"calls": 4, "records": 4, "direct": 3, "pstn": 3}
	if got := counts(infoJSON(t, path)); !maps.Equal(got, want) {
		t.Errorf("after forget --before: %v, want %v", got, want)
	}
	r = runCLI(t, "store", "forget", "--no-config", "--store", path)
	if r.code != exitOK || !strings.Contains(r.stdout, "forgot everything: 4 calls, 4 records, 3 Direct Routing rows, 3 PSTN rows") {
		t.Fatalf("forget all: exit %d, stdout %q", r.code, r.stdout)
	}
	if got := counts(infoJSON(t, path)); got["calls"]+got["records"]+got["direct"]+got["pstn"] != 0 {
		t.Errorf("after forget: %v", got)
	}
}

// --demo keeps its store in a temporary folder it removes, never under
// $XDG_DATA_HOME; --no-store keeps nothing anywhere.
func TestDemoAndNoStoreLeaveTheUsersStoreAlone(t *testing.T) {
	syncFast(t)
	dataHome, tmp := t.TempDir(), t.TempDir()
	t.Setenv("XDG_DATA_HOME", dataHome)
	t.Setenv("TMPDIR", tmp)
	r := runCLI(t, "sync", "--demo", "--no-config", "--from", "-2h", "--what", "direct,pstn")
	if r.code != exitOK || !strings.Contains(r.stdout, "sync: stored") {
		t.Fatalf("sync --demo: exit %d, stdout %q, stderr %q", r.code, r.stdout, r.stderr)
	}
	if r := runCLI(t, "store", "info", "--demo", "--no-config"); r.code != exitOK || !strings.Contains(r.stdout, "callscope-demo-store-") {
		t.Fatalf("store info --demo: exit %d, stdout %q", r.code, r.stdout)
	}
	f := startFake(t, testTenant(2, 2, time.Now()), fakegraph.Faults{}, nil)
	if r := runCLI(t, "calls", "--no-config", "--graph-url", f.root, "--no-store", "--output", "jsonl"); r.code != exitOK {
		t.Fatalf("calls --no-store: exit %d, stderr %q", r.code, r.stderr)
	}
	var b base
	b.store.off = true
	if s, _ := b.openStoreOrWarn(context.Background(), &bytes.Buffer{}); s != nil {
		t.Error("--no-store opened a store")
	}
	for _, dir := range []string{dataHome, tmp} {
		if entries, _ := os.ReadDir(dir); len(entries) != 0 {
			t.Errorf("%s holds %d entries after demo and --no-store runs, want none", dir, len(entries))
		}
	}
}

// A damaged store costs one line on stderr and the command goes on
// without it; the file is left exactly as it was. The commands that need
// the store fail with the same clear message.
func TestCorruptStoreWarnsAndLeavesTheFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "s.db")
	junk := bytes.Repeat([]byte("not a database "), 100)
	if err := os.WriteFile(path, junk, 0o600); err != nil {
		t.Fatal(err)
	}
	b := base{store: storeOptions{path: path}}
	var errb bytes.Buffer
	s, closeStore := b.openStoreOrWarn(context.Background(), &errb)
	closeStore()
	if s != nil || len(lines(errb.String())) != 1 ||
		!strings.Contains(errb.String(), "is not a callscope store") || !strings.Contains(errb.String(), "going on without the store") {
		t.Errorf("store %v, stderr %q; want one warning line", s, errb.String())
	}
	r := runCLI(t, "store", "info", "--no-config", "--store", path)
	if r.code != exitFail || !strings.Contains(r.stderr, "is not a callscope store") {
		t.Errorf("store info: exit %d, stderr %q", r.code, r.stderr)
	}
	f := startFake(t, testTenant(1, 0, time.Now()), fakegraph.Faults{}, nil)
	r = runCLI(t, "sync", "--no-config", "--graph-url", f.root, "--store", path)
	if r.code != exitFail || !strings.Contains(r.stderr, "is not a callscope store") {
		t.Errorf("sync: exit %d, stderr %q", r.code, r.stderr)
	}
	if got, _ := os.ReadFile(path); !bytes.Equal(got, junk) {
		t.Error("the damaged file was changed")
	}
}

// config.yaml's store: false keeps nothing, a path names the file, and
// anything else is refused with its line; the flags win over it.
func TestConfigStoreSetting(t *testing.T) {
	t.Setenv("XDG_DATA_HOME", t.TempDir())
	now := time.Now()
	writeConfig(t, "store: false\n")
	o := parseAs[*storeCmdOptions](t, []string{"store", "info"}, now)
	if _, _, err := o.storePath(); err != errNoStore {
		t.Errorf("store: false: %v, want errNoStore", err)
	}
	if r := runCLI(t, "store", "info"); r.code != exitFail || !strings.Contains(r.stderr, "store: false") {
		t.Errorf("store info with store: false: exit %d, stderr %q", r.code, r.stderr)
	}
	o = parseAs[*storeCmdOptions](t, []string{"store", "info", "--store", "/tmp/x.db"}, now)
	if p, _, err := o.storePath(); err != nil || p != "/tmp/x.db" {
		t.Errorf("--store over store: false: %q, %v", p, err)
	}
	writeConfig(t, "store: /srv/callscope/tenant.db\n")
	o = parseAs[*storeCmdOptions](t, []string{"store", "info"}, now)
	if p, _, err := o.storePath(); err != nil || p != "/srv/callscope/tenant.db" {
		t.Errorf("store: PATH: %q, %v", p, err)
	}
	writeConfig(t, "store: relative.db\n")
	if r := runCLI(t, "store", "info"); r.code != exitUsage || !strings.Contains(r.stderr, ":1: store: want false") {
		t.Errorf("relative store path: exit %d, stderr %q", r.code, r.stderr)
	}
}

// store refuses a missing or unknown action and flags of the other action.
func TestStoreUsageErrors(t *testing.T) {
	for _, args := range [][]string{
		{"store"}, {"store", "wipe"}, {"store", "info", "--before", "-1d"},
		{"store", "forget", "--output", "json"}, {"store", "info", "--output", "csv"},
		{"store", "forget", "--before", "soon"}, {"store", "info", "--no-store"},
	} {
		if r := runCLI(t, append(args, "--no-config")...); r.code != exitUsage {
			t.Errorf("%q: exit %d, want %d (stderr %q)", args, r.code, exitUsage, r.stderr)
		}
	}
}

// regexpLine reports a line of s matching pattern.
func regexpLine(s, pattern string) bool {
	for _, l := range strings.Split(s, "\n") {
		if ok, _ := regexp.MatchString(pattern, l); ok {
			return true
		}
	}
	return false
}
