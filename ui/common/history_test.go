package common

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

func TestHistoryPathFollowsXDG(t *testing.T) {
	home := func() (string, error) { return "/home/ann", nil }
	env := func(v string) func(string) string {
		return func(k string) string {
			if k == "XDG_STATE_HOME" {
				return v
			}
			return ""
		}
	}
	cases := []struct {
		xdg  string
		home func() (string, error)
		want string
	}{
		{"/state", home, "/state/callscope/history"},
		{"", home, "/home/ann/.local/state/callscope/history"},
		{"relative/dir", home, "/home/ann/.local/state/callscope/history"}, // the spec ignores it
		{"", func() (string, error) { return "", errors.New("no home") }, ""},
	}
	for _, tc := range cases {
		if got := historyPath(env(tc.xdg), tc.home); got != filepath.FromSlash(tc.want) {
			t.Errorf("XDG_STATE_HOME=%q: %q, want %q", tc.xdg, got, tc.want)
		}
	}
}

func TestHistoryAddSkipsRepeatsAndIsBounded(t *testing.T) {
	var h History
	for _, l := range []string{"direct", " direct ", "", "pstn", "direct"} {
		h.Add(l)
	}
	if want := []string{"direct", "pstn", "direct"}; !slices.Equal(h.Lines, want) {
		t.Fatalf("lines %q, want %q", h.Lines, want)
	}
	for i := range historyMax + 10 {
		h.Add(fmt.Sprintf("from -%dh", i+1))
	}
	if len(h.Lines) != historyMax || h.Lines[len(h.Lines)-1] != fmt.Sprintf("from -%dh", historyMax+10) ||
		h.Lines[0] != "from -11h" {
		t.Fatalf("%d lines, first %q, last %q", len(h.Lines), h.Lines[0], h.Lines[len(h.Lines)-1])
	}
}

func TestHistoryMergeKeepsLinesTypedWhileLoading(t *testing.T) {
	h := History{Lines: []string{"pstn"}}
	h.Merge([]string{"calls", "direct"})
	if want := []string{"calls", "direct", "pstn"}; !slices.Equal(h.Lines, want) {
		t.Fatalf("lines %q, want %q", h.Lines, want)
	}
}

func TestHistoryFileRoundTripAndPermissions(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state", "callscope", "history")
	if msg := LoadHistory(path)().(HistoryLoadedMsg); msg.Err != nil || len(msg.Lines) != 0 {
		t.Fatalf("missing file: %+v", msg)
	}
	for _, l := range []string{"direct failed", `user "Anette Thom"`} {
		if msg := AppendHistory(path, l)().(HistorySavedMsg); msg.Err != nil {
			t.Fatal(msg.Err)
		}
	}
	msg := LoadHistory(path)().(HistoryLoadedMsg)
	if want := []string{"direct failed", `user "Anette Thom"`}; msg.Err != nil || !slices.Equal(msg.Lines, want) {
		t.Fatalf("loaded %q, %v; want %q", msg.Lines, msg.Err, want)
	}
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if m := fi.Mode().Perm(); m != 0o600 {
		t.Errorf("history file mode %o, want 600", m)
	}
	di, _ := os.Stat(filepath.Dir(path))
	if m := di.Mode().Perm(); m != 0o700 {
		t.Errorf("state directory mode %o, want 700", m)
	}
	if LoadHistory("") != nil || AppendHistory("", "x") != nil {
		t.Error("an empty path must keep history in memory only")
	}
}

func TestHistoryFileIsTrimmedOnLoad(t *testing.T) {
	path := filepath.Join(t.TempDir(), "history")
	var b strings.Builder
	for i := range historyMax + 50 {
		fmt.Fprintf(&b, "from -%dh\n\n", i)
	}
	if err := os.WriteFile(path, []byte(b.String()), 0o600); err != nil {
		t.Fatal(err)
	}
	msg := LoadHistory(path)().(HistoryLoadedMsg)
	if msg.Err != nil || len(msg.Lines) != historyMax || msg.Lines[0] != "from -50h" {
		t.Fatalf("loaded %d lines (first %q), %v", len(msg.Lines), msg.Lines[0], msg.Err)
	}
	again := LoadHistory(path)().(HistoryLoadedMsg)
	if !slices.Equal(again.Lines, msg.Lines) {
		t.Fatal("the trimmed file does not hold the lines loaded")
	}
	fi, _ := os.Stat(path)
	if m := fi.Mode().Perm(); m != 0o600 {
		t.Errorf("trimmed file mode %o, want 600", m)
	}
}

func TestHistoryFileErrorsAreReported(t *testing.T) {
	dir := t.TempDir()
	if msg := LoadHistory(dir)().(HistoryLoadedMsg); msg.Err == nil {
		t.Error("reading a directory as history did not fail")
	}
	blocker := filepath.Join(dir, "file")
	if err := os.WriteFile(blocker, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	if msg := AppendHistory(filepath.Join(blocker, "history"), "x")().(HistorySavedMsg); msg.Err == nil {
		t.Error("writing under a file did not fail")
	}
}
