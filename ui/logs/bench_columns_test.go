package logs

import (
	"slices"
	"testing"

	"github.com/callscope/callscope/ui/common"
	"github.com/callscope/callscope/ui/uitest"
	tea "github.com/charmbracelet/bubbletea"
)

// BenchmarkLogKeystrokeEveryColumn is BenchmarkLogKeystroke at a million
// rows with all 23 Direct Routing columns shown on a 400-column terminal:
// the more columns decode from the stored row (ids formatted, times
// rebuilt) for the visible rows only.
//
//	go test ./ui/logs -run '^$' -bench 'LogKeystrokeEveryColumn' -benchmem
func BenchmarkLogKeystrokeEveryColumn(b *testing.B) {
	s := benchLogScreen(million())
	s.Update(common.BodySizeMsg{Width: 400, Height: 27})
	s.SetVisibleColumns(slices.Repeat([]bool{true}, len(s.ColumnTitles())))
	if n := len(s.tbl.DrawnColumns()); n != len(s.ColumnTitles()) {
		b.Fatalf("%d of %d columns drawn", n, len(s.ColumnTitles()))
	}
	s.tbl.SetCursor(s.tbl.Len() / 2)
	keys := []tea.KeyMsg{uitest.KeyDown, uitest.KeyUp}
	i := 0
	for b.Loop() {
		s.Update(keys[i&1])
		_ = s.View()
		i++
	}
}
