package cli

import (
	"runtime"
	"runtime/debug"
	"strings"
	"testing"
)

func TestVersionLine(t *testing.T) {
	platform := " " + runtime.Version() + " " + runtime.GOOS + "/" + runtime.GOARCH
	vcs := func(rev, modified string) []debug.BuildSetting {
		return []debug.BuildSetting{{Key: "vcs", Value: "git"}, {Key: "vcs.revision", Value: rev}, {Key: "vcs.modified", Value: modified}}
	}
	cases := []struct {
		name string
		bi   *debug.BuildInfo
		ok   bool
		want string
	}{
		{"a clone with changes", &debug.BuildInfo{Main: debug.Module{Version: "(devel)"},
			Settings: vcs("411d0ef5a7b2c3d4e5f60718293a4b5c6d7e8f90", "true")}, true,
			"callscope (devel) rev 411d0ef (modified)" + platform},
		{"a tagged install", &debug.BuildInfo{Main: debug.Module{Version: "v1.2.3"},
			Settings: vcs("411d0ef5a7b2c3d4e5f60718293a4b5c6d7e8f90", "false")}, true,
			"callscope v1.2.3 rev 411d0ef" + platform},
		{"no VCS stamp", &debug.BuildInfo{Main: debug.Module{Version: "(devel)"}}, true, "callscope (devel)" + platform},
		{"no module version", &debug.BuildInfo{}, true, "callscope (devel)" + platform},
		{"no build info", nil, false, "callscope (devel)" + platform},
	}
	for _, tc := range cases {
		if got := versionLine(tc.bi, tc.ok); got != tc.want {
			t.Errorf("%s: %q, want %q", tc.name, got, tc.want)
		}
	}
}

// `callscope version` and `callscope --version` print the version line,
// even beside a config file that would stop every other command.
func TestVersionCommandAndFlag(t *testing.T) {
	writeConfig(t, "keys:\n  quit: q\n") // malformed
	want := versionLine(debug.ReadBuildInfo()) + "\n"
	for _, args := range [][]string{{"version"}, {"--version"}, {"-version"}, {"--demo", "--version"}} {
		r := runCLI(t, args...)
		if r.code != exitOK || r.stdout != want || r.stderr != "" {
			t.Errorf("%q: exit %d, stdout %q, stderr %q; want %q", args, r.code, r.stdout, r.stderr, want)
		}
	}
	r := runCLI(t, "version", "--demo")
	if r.code != exitUsage || !strings.Contains(r.stderr, "unknown flag --demo") || !strings.Contains(r.stderr, "usage: callscope version") {
		t.Errorf("version --demo: exit %d, stderr %q", r.code, r.stderr)
	}
	r = runCLI(t, "version", "now")
	if r.code != exitUsage || !strings.Contains(r.stderr, `unexpected argument "now"`) {
		t.Errorf("version now: exit %d, stderr %q", r.code, r.stderr)
	}
}
