package ui

import (
	"testing"

	"github.com/callscope/callscope/model/directive"
)

// BenchmarkPromptFilter applies a prompt line to a Direct Routing view of a
// million rows: the view index is rebuilt under the line's filters (user
// and phone lookups are memoised per interned id, so a row costs a slice
// read).
//
//	go test ./ui -run '^$' -bench PromptFilter -benchmem
func BenchmarkPromptFilter(b *testing.B) {
	for _, line := range []string{"failed sip 487", "user anette", `user "+1 425 555"`, "trunk sbc1 failed"} {
		b.Run(line, func(b *testing.B) {
			cmds, err := directive.Parse(line, logNow)
			if err != nil {
				b.Fatal(err)
			}
			s := benchLogScreen(million())
			s.tbl.SetCursor(500_000)
			for b.Loop() {
				s.cmdf = logCmdFilter{}
				if _, err := s.applyCommands(cmds); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
