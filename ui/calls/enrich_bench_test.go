package calls

import (
	"testing"

	"github.com/callscope/callscope/graphclient"
	"github.com/callscope/callscope/graphclient/fakegraph"
	"github.com/callscope/callscope/model"
	"github.com/callscope/callscope/ui/common"
	"github.com/callscope/callscope/ui/uitest"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"
)

// BenchmarkKeystrokeWhileEnriching is a key on the calls list (200 rows,
// 160x40 in TrueColor) while the quality fetch runs: each iteration a
// verdict lands (and the next record is asked for), then j or k, then
// View. In load order and sorted by quality (a landing re-sorts). The
// whole-app figure is ui's BenchmarkKeystrokeCalls; target ≤ 120 µs.
//
//	go test ./ui/calls -run '^$' -bench WhileEnriching -benchmem -count 5
func BenchmarkKeystrokeWhileEnriching(b *testing.B) {
	lipgloss.SetHasDarkBackground(true)
	lipgloss.SetColorProfile(termenv.TrueColor)
	b.Cleanup(func() { lipgloss.SetColorProfile(termenv.Ascii) })
	for _, sorted := range []bool{false, true} {
		name := "load order"
		if sorted {
			name = "sorted by quality"
		}
		b.Run(name, func(b *testing.B) {
			c := uitest.Common(uitest.T0)
			c.Client, _ = uitest.FakeGraph(b, fakegraph.NewTenant(), fakegraph.Options{}, graphclient.Options{})
			s := New(c, Filter{})
			s.Init()
			s.Update(common.BodySizeMsg{Width: 160, Height: 38})
			update(s, pageOf(s, uitest.MakeRecords(0, 200), ""))
			if sorted {
				update(s, uitest.KeyRune('s'))
			}
			verdicts := []rowVerdict{verdictOf(goodRecord), verdictOf(poorRecord), verdictOf(failedRecord)}
			records := []*model.CallRecord{goodRecord, poorRecord, failedRecord} // each lands in the summary too
			keys := []tea.KeyMsg{uitest.KeyRune('j'), uitest.KeyRune('k')}
			b.ReportAllocs()
			i := 0
			for b.Loop() {
				if len(s.enrich.asked) == 0 { // all known: start over, so it keeps running
					q := s.query()
					s.enrich.restart(q.From, q.To)
					s.enrich.verdicts = nil
					s.pumpEnrichment()
				}
				row := s.enrich.asked[0]
				s.Update(enrichedMsg{gen: s.enrich.gen, row: row, v: verdicts[row%3], rec: records[row%3]})
				s.Update(keys[i&1])
				_ = s.View()
				i++
			}
		})
	}
}
