package directive

import (
	"testing"
	"time"
)

// FuzzParse checks that Parse never panics, that an error never comes with
// commands, and that a line it accepts, rendered back with String, parses
// to the same commands.
func FuzzParse(f *testing.F) {
	for _, s := range []string{"direct -24h failed sip 403", "from -2h to now user alice@contoso.com",
		`:user "Anette Thom" utc`, `user 'a"b' export`, `user "x\\\"y"`, "from 2026-11-20 14:00 to now",
		"view pstn log quit", "trunk sbc1.contoso.com calls", "open +49 (0)30 1234-567", "open \"Anette Thom\" x", "fialed", `"`, "sip 0", "+1d12h", ": :"} {
		f.Add(s)
	}
	now := time.Date(2026, 11, 20, 15, 30, 0, 0, time.UTC)
	f.Fuzz(func(t *testing.T, line string) {
		cmds, err := Parse(line, now)
		if err != nil {
			if cmds != nil {
				t.Fatalf("Parse(%q) returned commands and %v", line, err)
			}
			return
		}
		again := Join(cmds)
		back, err := Parse(again, now)
		if err != nil {
			t.Fatalf("Parse(%q) ok, but its rendering %q: %v", line, again, err)
		}
		if !same(cmds, back) {
			t.Fatalf("Parse(%q) = %+v, but its rendering %q = %+v", line, cmds, again, back)
		}
		for _, i := range []int{0, len(line) / 2, len(line)} {
			Complete(line, i)
		}
	})
}
