package uitest

import (
	"testing"

	"github.com/charmbracelet/x/exp/golden"
)

// Golden compares out with testdata/<test name>.golden, or with
// testdata/<test name>/<name>.golden when a test checks several frames
// (each in a subtest named name). go test -update rewrites the files,
// which are reviewed like code.
func Golden(t *testing.T, name, out string) {
	t.Helper()
	if name == "" {
		golden.RequireEqual(t, out)
		return
	}
	t.Run(name, func(t *testing.T) {
		t.Helper()
		golden.RequireEqual(t, out)
	})
}
