package logs

import (
	"testing"

	"github.com/callscope/callscope/ui/table"
	"github.com/callscope/callscope/ui/uitest"
	tea "github.com/charmbracelet/bubbletea"
)

// BenchmarkLogSearch is a keystroke of `/` at a million loaded Direct
// Routing rows: the last rune of the query typed, then taken back, each
// one key. ns/op is all of it: the key's Update, the match over every row
// off the loop (run here inline), the Update that lands the matches and
// the redraw; loop-ns/op is the event loop's share, which must stay small
// whatever the rows.
//
//	go test ./ui/logs -run '^$' -bench LogSearch -benchmem -count 5
func BenchmarkLogSearch(b *testing.B) {
	for _, bc := range []struct{ name, query string }{
		{"word", "hughes"},       // a word: cells are read until one has it
		{"every-row", "contoso"}, // a word every row has: a million matches
		{"field", "sip:487"},     // a field term: no cell is formatted
		{"fields", "result:failed !trunk:eu"},
	} {
		b.Run(bc.name, func(b *testing.B) {
			s := benchLogScreen(million())
			s.tbl.SetCursor(500_000)
			s.Update(uitest.KeyRune('/'))
			head, last := bc.query[:len(bc.query)-1], rune(bc.query[len(bc.query)-1])
			for _, k := range uitest.TypeText(head) {
				_, cmd := s.Update(k)
				runSearchJob(s, cmd) // the earlier keys' jobs, off the clock
			}
			keys := []tea.KeyMsg{uitest.KeyRune(last), {Type: tea.KeyBackspace}}
			var loop loopClock
			i := 0
			for b.Loop() {
				k := keys[i&1]
				cmd := loop.do(func() tea.Cmd { _, cmd := s.Update(k); return cmd })
				loop.update(s, cmd)
				_ = s.View()
				i++
			}
			loop.report(b)
			if s.tbl.Search().Busy() {
				b.Fatal("the search never landed")
			}
		})
	}
}

// runSearchJob runs cmd, a search job, and lands what it brings.
func runSearchJob(s *List, cmd tea.Cmd) {
	if cmd == nil {
		return
	}
	if msg, ok := cmd().(table.SearchDoneMsg); ok {
		s.Update(msg)
	}
}
