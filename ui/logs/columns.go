package logs

import (
	"github.com/callscope/callscope/ui/common"
	"github.com/callscope/callscope/ui/table"
)

// The column chooser's side of the log lists (common.Columnar): the table
// keeps every column at its index and leaves the hidden ones out of the
// layout (table.ChooseColumns), so cell, its narrow forms and the sort
// picker, which read the report's columns by index, need no change.

// DirectColumnTitles are the columns the Direct Routing list can show, for
// the config file's check of columns: direct.
func DirectColumnTitles() []string { return table.ColumnTitles(tableColumns(drAbout.cols)) }

// PstnColumnTitles are the columns the PSTN list can show (columns: pstn).
func PstnColumnTitles() []string { return table.ColumnTitles(tableColumns(pstnAbout.cols)) }

// ColumnsKind names the list in the config file's columns: section; a
// triage group's list shares its report's choice.
func (s *List) ColumnsKind() string {
	if s.feed.rep.fileName() == pstnAbout.file {
		return common.ColumnsPstn
	}
	return common.ColumnsDirect
}

// ColumnTitles are every column the list can show, in order.
func (s *List) ColumnTitles() []string { return table.ColumnTitles(tableColumns(s.cols)) }

// VisibleColumns is which columns the user left shown.
func (s *List) VisibleColumns() []bool { return table.VisibleColumns(s.tbl.Columns) }

// SetVisibleColumns shows the columns marked true, at least one.
func (s *List) SetVisibleColumns(visible []bool) {
	s.tbl.SetColumns(table.ChooseColumns(tableColumns(s.cols), visible))
}
