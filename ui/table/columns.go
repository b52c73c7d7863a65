package table

// The column chooser's side of the table (ui/columns): a hidden column
// stays in Columns, at its index, and only the layout leaves it out. A
// screen's cell func and every width lookup (Widths()[col]) therefore keep
// the screen's own column indexes; nothing maps between a "visible index"
// and a column except DrawnColumns, for what is drawn left to right.

// hiddenMin and hiddenDrop mark a column the user hid. LayoutColumns
// drops the column with the highest Drop first while the Mins do not fit,
// and a Min of 16M cells never fits a terminal: so a hidden column is the
// first to go, before any column the screen drops for width, and takes no
// space. 16M keeps the sum of twenty such Mins inside a 32-bit int.
const (
	hiddenMin  = 1 << 24
	hiddenDrop = 1 << 24
)

// ChooseColumns returns a copy of all with the columns whose visible is
// false hidden; a column past the end of visible shows. When visible would
// hide every column the first one shows: a table always draws a column.
// all is the screen's full set, never a result of ChooseColumns, so that a
// column shown again gets its own widths back.
func ChooseColumns(all []Column, visible []bool) []Column {
	out := make([]Column, len(all))
	shown := 0
	for i, c := range all {
		if i < len(visible) && !visible[i] {
			c.Min, c.Drop = hiddenMin, hiddenDrop
		} else {
			shown++
		}
		out[i] = c
	}
	if shown == 0 && len(all) > 0 {
		out[0] = all[0]
	}
	return out
}

// ColumnHidden reports whether ChooseColumns hid c.
func ColumnHidden(c Column) bool { return c.Min == hiddenMin && c.Drop == hiddenDrop }

// VisibleColumns is which of cols the user left shown (ChooseColumns);
// a column the layout drops for width still counts as shown.
func VisibleColumns(cols []Column) []bool {
	out := make([]bool, len(cols))
	for i, c := range cols {
		out[i] = !ColumnHidden(c)
	}
	return out
}

// ColumnTitles are the titles of cols, in order: the chooser's lines.
func ColumnTitles(cols []Column) []string {
	out := make([]string, len(cols))
	for i, c := range cols {
		out[i] = c.Title
	}
	return out
}

// DrawnColumns maps what the table draws, left to right, to indexes of its
// Columns: DrawnColumns()[0] is the column drawn first. Columns hidden by
// the user or dropped for width are not in it.
func (t *Table) DrawnColumns() []int {
	out := make([]int, 0, len(t.widths))
	for i, w := range t.widths {
		if w > 0 {
			out = append(out, i)
		}
	}
	return out
}
