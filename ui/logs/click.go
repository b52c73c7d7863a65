package logs

import (
	"github.com/callscope/callscope/ui/common"
	tea "github.com/charmbracelet/bubbletea"
)

// Click selects the row clicked (--mouse) and, on a double click, opens
// its detail as enter does. The table is the body's first line when rows
// are shown; a form or the sort picker takes no clicks.
func (s *List) Click(line int, double bool) tea.Cmd {
	if s.form != nil || s.picker != nil || s.tbl.Len() == 0 {
		return nil
	}
	p, ok := s.tbl.RowAtLine(line)
	if !ok {
		return nil
	}
	s.tbl.SetCursor(p)
	if double {
		return common.Push(s, newDetail(s.c, s.row()))
	}
	return s.maybeFetch()
}
