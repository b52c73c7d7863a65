package cli

import (
	"path/filepath"
	"strings"
	"testing"
)

// `record` and `streams` write the record they fetch to the store; with
// --offline they print the stored copy exactly as the online run printed
// Graph's, and send nothing to Graph. A record not stored says so.
func TestOfflineRecordAndStreamsMatchTheOnlineRun(t *testing.T) {
	f := qualityFake(t)
	refusing, requests := refusingGraph(t)
	path := filepath.Join(t.TempDir(), "store.db")
	for _, args := range [][]string{
		{"record", recordID(0)},
		{"streams", recordID(0), "--output", "jsonl"},
		{"streams", recordID(0), "--output", "csv"},
	} {
		args = append(args, "--no-config", "--store", path)
		online := runCLI(t, append(args, "--graph-url", f.root)...)
		if online.code != exitOK {
			t.Fatalf("%v online: exit %d, stderr %q", args, online.code, online.stderr)
		}
		offline := runCLI(t, append(args, "--graph-url", refusing, "--offline")...)
		if offline.code != exitOK {
			t.Fatalf("%v offline: exit %d, stderr %q", args, offline.code, offline.stderr)
		}
		if offline.stdout != online.stdout || len(online.stdout) < 100 {
			t.Errorf("%v: offline output differs from online\n got %q\nwant %q", args, offline.stdout, online.stdout)
		}
	}
	for _, cmd := range []string{"record", "streams"} {
		r := runCLI(t, cmd, recordID(1), "--no-config", "--store", path, "--offline", "--graph-url", refusing)
		if r.code != exitFail || !strings.Contains(r.stderr, "is not in the store; run callscope sync") {
			t.Errorf("%s of a record not stored: exit %d, stderr %q", cmd, r.code, r.stderr)
		}
		r = runCLI(t, cmd, recordID(0), "--no-config", "--no-store", "--offline")
		if r.code != exitUsage {
			t.Errorf("%s --offline --no-store: exit %d, stderr %q", cmd, r.code, r.stderr)
		}
	}
	if n := requests.Load(); n != 0 {
		t.Errorf("--offline sent %d requests to Graph, want none", n)
	}
}
