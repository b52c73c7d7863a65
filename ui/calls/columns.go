package calls

import (
	"github.com/callscope/callscope/ui/common"
	"github.com/callscope/callscope/ui/table"
)

// The column chooser's side of the calls list (common.Columnar): the
// table keeps every column at its index and leaves the hidden ones out of
// the layout (table.ChooseColumns), so cell needs no change.

// ColumnTitles are the columns the calls list can show, for the config
// file's check of columns: calls.
func ColumnTitles() []string { return table.ColumnTitles(columns) }

// ColumnsKind names the list in the config file's columns: section.
func (s *Screen) ColumnsKind() string { return common.ColumnsCalls }

// ColumnTitles are every column the list can show, in order.
func (s *Screen) ColumnTitles() []string { return ColumnTitles() }

// VisibleColumns is which columns the user left shown.
func (s *Screen) VisibleColumns() []bool { return table.VisibleColumns(s.tbl.Columns) }

// SetVisibleColumns shows the columns marked true, at least one.
func (s *Screen) SetVisibleColumns(visible []bool) {
	s.tbl.SetColumns(table.ChooseColumns(columns, visible))
}
