package calls

import (
	"github.com/callscope/callscope/ui/common"
	"github.com/callscope/callscope/ui/record"
	tea "github.com/charmbracelet/bubbletea"
)

// Click selects the row clicked (--mouse) and, on a double click, opens
// its record as enter does. The table is the body's first line when rows
// are shown; other states have nothing to click.
func (s *Screen) Click(line int, double bool) tea.Cmd {
	if s.form != nil || s.viewLen() == 0 {
		return nil
	}
	p, ok := s.tbl.RowAtLine(line)
	if !ok {
		return nil
	}
	s.tbl.SetCursor(p)
	if double {
		return common.Push(s, record.New(s.c, s.rows.ID(s.rowAt(p))))
	}
	return tea.Batch(s.maybeFetch(), s.pumpEnrichment())
}
