package cli

import (
	"context"
	"flag"
	"runtime"
	"runtime/debug"
	"time"
)

// versionOptions are `callscope version` (and `callscope --version`): no
// flags, nothing read but the build.
type versionOptions struct{}

func (o *versionOptions) flags(*flag.FlagSet) {}

func (o *versionOptions) resolve(cmd string, _ map[string]bool, pos []string, _ time.Time) error {
	if len(pos) > 0 {
		return usagef(cmd, "unexpected argument %q", pos[0])
	}
	return nil
}

func (o *versionOptions) run(_ context.Context, e *env) error {
	return writeOutput(e.stdout, versionLine(debug.ReadBuildInfo())+"\n")
}

// versionLine is the build as one line: the module version ("(devel)"
// for a build from a clone), the VCS revision and whether the tree had
// changes, the Go version and the platform:
// "callscope (devel) rev 411d0ef (modified) go1.26.8 linux/amd64".
func versionLine(bi *debug.BuildInfo, ok bool) string {
	version, rev := "(devel)", ""
	if ok {
		if bi.Main.Version != "" {
			version = bi.Main.Version
		}
		modified := false
		for _, s := range bi.Settings {
			switch s.Key {
			case "vcs.revision":
				rev = s.Value[:min(len(s.Value), 7)]
			case "vcs.modified":
				modified = s.Value == "true"
			}
		}
		if rev != "" {
			rev = " rev " + rev
			if modified {
				rev += " (modified)"
			}
		}
	}
	return "callscope " + version + rev + " " + runtime.Version() + " " + runtime.GOOS + "/" + runtime.GOARCH
}
