package logs

import (
	"slices"

	"github.com/callscope/callscope/ui/common"
	"github.com/callscope/callscope/ui/table"
)

// The column chooser's side of the log lists (common.Columnar): the table
// keeps every column at its index and leaves the hidden ones out of the
// layout (table.ChooseColumns), so cell, its narrow forms and the sort
// picker, which read the report's columns by index, need no change.
//
// A row has about twenty fields and the list shows ten: the rest are more
// columns, after the report's own, hidden until chosen. They are not the
// report's columns (about.cols), so the sort picker and the search's row
// text, which read those, stay as they were: a search for "403" does not
// match the digits of every id. The table gets them when the chooser first
// shows or hides a column; until then it holds the report's own.

// drMore are the Direct Routing columns hidden until chosen, in the order
// of the rowstore.DRCol constants after DRColLocation.
var drMore = moreColumns([]column{
	{table.Column{Title: "Invite", Min: 19, Max: 19}, "invite time", false},
	{table.Column{Title: "Failure", Min: 19, Max: 19}, "failure time", false},
	{table.Column{Title: "End", Min: 19, Max: 19}, "end time", false},
	{table.Column{Title: "Phrase", Min: 10, Max: 30, Flex: 1}, "SIP phrase", false},
	{table.Column{Title: "Media path", Min: 10, Max: 12}, "media path location", false},
	{table.Column{Title: "Bypass", Min: 6, Max: 6}, "media bypass", false},
	{table.Column{Title: "Caller", Min: 12, Max: 18, Flex: 1}, "caller", false},
	{table.Column{Title: "Callee", Min: 12, Max: 18, Flex: 1}, "callee", false},
	{table.Column{Title: "Display name", Min: 12, Max: 28, Flex: 1}, "display name", false},
	{table.Column{Title: "UPN", Min: 12, Max: 32, Flex: 1}, "user principal name", false},
	{table.Column{Title: "User id", Min: 12, Max: 36, Flex: 1}, "user id", false},
	{table.Column{Title: "Correlation id", Min: 14, Max: 36, Flex: 1}, "correlation id", false},
	{table.Column{Title: "Id", Min: 12, Max: 36, Flex: 1}, "id", false},
})

// pstnMore are the PSTN columns hidden until chosen, in the order of the
// rowstore.PstnCol constants after PstnColLicense.
var pstnMore = moreColumns([]column{
	{table.Column{Title: "End", Min: 19, Max: 19}, "end time", false},
	{table.Column{Title: "Connection charge", Min: 17, Max: 17, Right: true}, "connection charge", true},
	{table.Column{Title: "Currency", Min: 8, Max: 8}, "currency", false},
	{table.Column{Title: "Destination context", Min: 19, Max: 20, Flex: 1}, "destination context", false},
	{table.Column{Title: "Conference id", Min: 13, Max: 36, Flex: 1}, "conference id", false},
	{table.Column{Title: "Inventory", Min: 9, Max: 20, Flex: 1}, "inventory type", false},
	{table.Column{Title: "Operator", Min: 8, Max: 24, Flex: 1}, "operator", false},
	{table.Column{Title: "Duration source", Min: 15, Max: 16}, "duration source", false},
	{table.Column{Title: "Tenant country", Min: 14, Max: 14}, "tenant country", false},
	{table.Column{Title: "Usage country", Min: 13, Max: 14}, "usage country", false},
	{table.Column{Title: "Caller", Min: 12, Max: 18, Flex: 1}, "caller", false},
	{table.Column{Title: "Callee", Min: 12, Max: 18, Flex: 1}, "callee", false},
	{table.Column{Title: "Display name", Min: 12, Max: 28, Flex: 1}, "display name", false},
	{table.Column{Title: "UPN", Min: 12, Max: 32, Flex: 1}, "user principal name", false},
	{table.Column{Title: "User id", Min: 12, Max: 36, Flex: 1}, "user id", false},
	{table.Column{Title: "Call id", Min: 12, Max: 36, Flex: 1}, "call id", false},
	{table.Column{Title: "Id", Min: 12, Max: 36, Flex: 1}, "id", false},
})

// moreColumns gives cols Drop 1, the lowest that may hide: a column the
// user chose by name stays while the report's own columns that may hide
// for width give way (all but the PSTN user, at Drop 1 too, which outlasts
// them: at an equal Drop the later column hides first, so chosen columns
// go right to left).
func moreColumns(cols []column) []column {
	for i := range cols {
		cols[i].Drop = 1
	}
	return cols
}

// moreColumner is a report whose rows have more fields than its columns
// show: the columns the chooser offers after them.
type moreColumner interface {
	moreColumns() []column
}

// DirectColumnTitles are the columns the Direct Routing list can show, for
// the config file's check of columns: direct.
func DirectColumnTitles() []string {
	return table.ColumnTitles(tableColumns(slices.Concat(drAbout.cols, drMore)))
}

// PstnColumnTitles are the columns the PSTN list can show (columns: pstn).
func PstnColumnTitles() []string {
	return table.ColumnTitles(tableColumns(slices.Concat(pstnAbout.cols, pstnMore)))
}

// ColumnsKind names the list in the config file's columns: section; a
// triage group's list shares its report's choice.
func (s *List) ColumnsKind() string {
	if s.feed.rep.fileName() == pstnAbout.file {
		return common.ColumnsPstn
	}
	return common.ColumnsDirect
}

// allColumns is every column the list can show: the report's own, then
// its more columns; a column shown again gets its own widths back from it.
func (s *List) allColumns() []table.Column {
	cols := tableColumns(s.cols)
	if m, ok := s.feed.rep.(moreColumner); ok {
		cols = append(cols, tableColumns(m.moreColumns())...)
	}
	return cols
}

// ColumnTitles are every column the list can show, in order.
func (s *List) ColumnTitles() []string { return table.ColumnTitles(s.allColumns()) }

// VisibleColumns is which columns the user left shown; a more column the
// table does not hold yet is hidden.
func (s *List) VisibleColumns() []bool {
	visible := make([]bool, len(s.allColumns()))
	copy(visible, table.VisibleColumns(s.tbl.Columns))
	return visible
}

// SetVisibleColumns shows the columns marked true, at least one; a column
// past the end of visible is hidden if it is a more column, so a choice
// made before the list had them keeps them hidden.
func (s *List) SetVisibleColumns(visible []bool) {
	all := s.allColumns()
	full := make([]bool, len(all))
	for i := range full {
		full[i] = i < len(visible) && visible[i] || i >= len(visible) && i < len(s.cols)
	}
	s.tbl.SetColumns(table.ChooseColumns(all, full))
}
