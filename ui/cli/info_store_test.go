package cli

import (
	"path/filepath"
	"strings"
	"testing"
)

// info says where the local store is: the default file under
// $XDG_DATA_HOME, a config file's choice, or the demo's temporary one.
func TestInfoNamesTheStore(t *testing.T) {
	data := t.TempDir()
	t.Setenv("XDG_DATA_HOME", data)
	writeConfig(t, "")
	r := runCLI(t, "info")
	if want := "store     " + filepath.Join(data, "callscope", "default.db"); r.code != exitOK || !strings.Contains(r.stdout, want) {
		t.Errorf("exit %d, want %q in:\n%s", r.code, want, r.stdout)
	}
	writeConfig(t, "store: false\n")
	if r := runCLI(t, "info"); !strings.Contains(r.stdout, "store     none (--no-store or store: false") {
		t.Errorf("store: false not said:\n%s", r.stdout)
	}
	writeConfig(t, "")
	if r := runCLI(t, "info", "--demo"); !strings.Contains(r.stdout, "store     a temporary store of the demo's own") {
		t.Errorf("--demo's store not said:\n%s", r.stdout)
	}
}
