package table

import (
	"strings"

	"github.com/callscope/callscope/ui/common"
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"
)

// Column is one column of a table. Widths are in terminal cells.
type Column struct {
	Title string
	// Min is the column's width while the terminal has room for every
	// shown column's Min; Max caps growth (0: no cap).
	Min, Max int
	// Flex is the column's share of the width left after every Min; 0 keeps
	// the column at Min.
	Flex int
	// Right aligns the cells right (numbers, durations).
	Right bool
	// Drop orders hiding when even the Min widths do not fit: the column
	// with the highest Drop hides first; 0 never hides.
	Drop int
}

// Table layout constants: a two-cell gutter carries the cursor marker, so
// the selection shows without colour (NO_COLOR), and two spaces part columns.
const (
	Gutter     = 2
	columnGap  = 2
	CursorMark = "› "
)

// Table is a virtual table: it holds no rows, only their count and a cell
// func, and renders just the visible window, so a keystroke costs the same
// with a thousand rows loaded as with a million. Any row store fits behind
// the cell func. The zero value is not usable; build one with newTable.
//
// Typical use by a screen:
//
//	s.tbl = newTable(c, cols, s.cell)      // once
//	s.tbl.SetSize(msg.Width, msg.Height)   // on bodySizeMsg; the header takes one line
//	s.tbl.SetLen(s.rows.Len())             // after rows are added or cleared
//	if s.tbl.Update(msg) { … }             // in Update, for key messages
//	s.tbl.View()                           // in View
//
// The cell func must be cheap and must not block: it is called only for
// visible cells, from View. It may return styled text (wide runes and ANSI
// sequences are measured correctly), but should not contain newlines.
type Table struct {
	c        *common.Common
	Columns  []Column
	cell     func(row, col int) string
	rowStyle func(row int) (lipgloss.Style, bool)

	n, cursor, offset int
	width, height     int
	widths            []int
	header            string // rendered header line, rebuilt on size and column change
	plainRow          bool   // Styles.Row draws nothing, so rows skip lipgloss
	search            Search // `/` over the rows (search.go)
}

// NewTable builds a table over cols whose cells come from cell.
func NewTable(c *common.Common, cols []Column, cell func(row, col int) string) Table {
	t := Table{c: c, Columns: cols, cell: cell, search: newSearch(c)}
	t.plainRow = c.Styles.Row.Render("x") == "x"
	t.relayout()
	return t
}

// SetColumns replaces the columns (a view that changes what it shows).
func (t *Table) SetColumns(cols []Column) {
	t.Columns = cols
	t.relayout()
}

// SetRowStyle sets a per-row style (e.g. failed rows); ok=false uses the
// default row style. Selection still wins over it. Each styled row costs a
// lipgloss Render (a few µs), so return ok=false for ordinary rows.
func (t *Table) SetRowStyle(f func(row int) (st lipgloss.Style, ok bool)) { t.rowStyle = f }

// SetSize sets the space the table draws in; the header takes one line of
// height. The cursor row stays selected and on screen.
func (t *Table) SetSize(width, height int) {
	width, height = max(width, 0), max(height, 0)
	if width != t.width {
		t.width = width
		t.relayout()
	}
	t.height = height
	t.clamp()
}

// SetLen tells the table how many rows the store has now; the cursor stays
// on its row unless the rows went away.
func (t *Table) SetLen(n int) {
	t.n = max(n, 0)
	t.clamp()
}

// Len is the number of rows.
func (t *Table) Len() int { return t.n }

// Cursor is the selected row (0 when the table is empty).
func (t *Table) Cursor() int { return t.cursor }

// SetCursor selects row i (clamped) and scrolls it into view.
func (t *Table) SetCursor(i int) {
	t.cursor = i
	t.clamp()
}

// PageSize is the number of data rows visible at once.
func (t *Table) PageSize() int { return max(t.height-1, 1) }

// Offset is the first visible row.
func (t *Table) Offset() int { return t.offset }

// Widths are the current column widths; 0 marks a hidden column.
func (t *Table) Widths() []int { return t.widths }

// Update moves the cursor for the movement keys (Up, Down, PageUp, PageDown,
// Home, End) and reports whether msg was one of them.
func (t *Table) Update(msg tea.Msg) bool {
	km, ok := msg.(tea.KeyMsg)
	if !ok {
		return false
	}
	k := &t.c.Keys
	switch {
	case key.Matches(km, k.Up):
		t.cursor--
	case key.Matches(km, k.Down):
		t.cursor++
	case key.Matches(km, k.PageUp):
		t.cursor -= t.PageSize()
		t.offset -= t.PageSize()
	case key.Matches(km, k.PageDown):
		t.cursor += t.PageSize()
		t.offset += t.PageSize()
	case key.Matches(km, k.Home):
		t.cursor = 0
	case key.Matches(km, k.End):
		t.cursor = t.n - 1
	default:
		return false
	}
	t.clamp()
	return true
}

// clamp keeps cursor within the rows and offset such that the cursor is
// visible and no space is wasted below the last row.
func (t *Table) clamp() {
	page := t.PageSize()
	t.cursor = min(max(t.cursor, 0), max(t.n-1, 0))
	t.offset = min(t.offset, max(t.n-page, 0))
	if t.cursor < t.offset {
		t.offset = t.cursor
	}
	if t.cursor >= t.offset+page {
		t.offset = t.cursor - page + 1
	}
	t.offset = max(t.offset, 0)
}

// relayout computes column widths for the current width and the header.
func (t *Table) relayout() {
	t.widths = LayoutColumns(t.Columns, t.width-Gutter, t.widths)
	var b strings.Builder
	b.WriteString(strings.Repeat(" ", Gutter))
	t.appendCells(&b, -1)
	t.header = t.c.Styles.TableHeader.Render(b.String())
}

// LayoutColumns gives each column a width within avail cells: every shown
// column its Min, then the spare shared by Flex up to Max. When the Mins do
// not fit, columns hide by Drop; if one still does not fit it is cut.
func LayoutColumns(cols []Column, avail int, w []int) []int {
	w = append(w[:0], make([]int, len(cols))...)
	shown := make([]bool, len(cols))
	for i := range cols {
		shown[i] = true
	}
	need := func() int {
		sum, n := 0, 0
		for i, c := range cols {
			if shown[i] {
				sum += max(c.Min, 1)
				n++
			}
		}
		return sum + columnGap*max(n-1, 0)
	}
	for need() > avail {
		drop := -1
		for i, c := range cols {
			if shown[i] && c.Drop > 0 && (drop < 0 || c.Drop >= cols[drop].Drop) {
				drop = i
			}
		}
		if drop < 0 {
			break
		}
		shown[drop] = false
	}
	left := avail
	for i, c := range cols {
		if !shown[i] {
			continue
		}
		if left < 1 {
			break
		}
		w[i] = min(max(c.Min, 1), left)
		left -= w[i] + columnGap
	}
	spare := left + columnGap // the last column needs no gap
	for spare > 0 {
		flex := 0
		for i, c := range cols {
			if w[i] > 0 && c.Flex > 0 && (c.Max == 0 || w[i] < c.Max) {
				flex += c.Flex
			}
		}
		if flex == 0 {
			break
		}
		given := 0
		for i, c := range cols {
			if w[i] == 0 || c.Flex == 0 || (c.Max != 0 && w[i] >= c.Max) {
				continue
			}
			add := max(spare*c.Flex/flex, 1)
			add = min(add, spare-given)
			if c.Max != 0 {
				add = min(add, c.Max-w[i])
			}
			w[i] += add
			given += add
			if given == spare {
				break
			}
		}
		if given == 0 {
			break
		}
		spare -= given
	}
	return w
}

// View renders the header and the visible rows.
func (t *Table) View() string {
	if t.width <= Gutter || t.height <= 0 {
		return ""
	}
	page := t.PageSize()
	end := min(t.offset+page, t.n)
	if t.height == 1 {
		end = t.offset
	}
	var b strings.Builder
	// Rows are mostly ASCII; wide runes take up to 4 bytes a cell.
	b.Grow(len(t.header) + (t.width+1)*(end-t.offset)*2)
	b.WriteString(t.header)
	for r := t.offset; r < end; r++ {
		b.WriteByte('\n')
		var st *lipgloss.Style
		switch {
		case r == t.cursor:
			st = &t.c.Styles.SelectedRow
		case t.rowStyle != nil:
			if rs, ok := t.rowStyle(r); ok {
				st = &rs
			} else if !t.plainRow {
				st = &t.c.Styles.Row
			}
		case !t.plainRow:
			st = &t.c.Styles.Row
		}
		if t.search.IsMatch(r) {
			t.writeMatchedRow(&b, r, st)
			continue
		}
		if st == nil { // the common case: straight into the frame
			b.WriteString("  ")
			t.appendCells(&b, r)
			continue
		}
		var line strings.Builder
		line.Grow(t.width + 16)
		if r == t.cursor {
			line.WriteString(CursorMark)
		} else {
			line.WriteString("  ")
		}
		t.appendCells(&line, r)
		b.WriteString(st.Render(line.String()))
	}
	return b.String()
}

// appendCells writes one line of cells, padded or cut to the widths: row
// r's, or the titles when r is -1.
func (t *Table) appendCells(b *strings.Builder, r int) {
	first := true
	for c, w := range t.widths {
		if w == 0 {
			continue
		}
		if !first {
			b.WriteString("  ")
		}
		first = false
		text := t.Columns[c].Title
		if r >= 0 {
			text = t.cell(r, c)
		}
		WriteCell(b, text, w, t.Columns[c].Right)
	}
}

// WriteCell writes s in exactly w cells: cut with "…" when wider, padded
// with spaces when narrower. Plain ASCII (the usual case) skips the
// grapheme-aware measuring.
func WriteCell(b *strings.Builder, s string, w int, right bool) {
	sw, plain := asciiWidth(s)
	if !plain {
		s = strings.Map(flattenSpace, s)
		sw = ansi.StringWidth(s)
	}
	if sw > w {
		if plain {
			if w == 1 {
				s = "…"
			} else {
				s = s[:w-1] + "…"
			}
			sw = w
		} else {
			s = ansi.Truncate(s, w, "…")
			sw = ansi.StringWidth(s)
		}
	}
	pad := w - sw
	if right {
		writeSpaces(b, pad)
		b.WriteString(s)
		return
	}
	b.WriteString(s)
	writeSpaces(b, pad)
}

// RowAtLine is the row drawn on line of the table's view (0 is the column
// header), for a mouse click; ok is false for the header and for lines
// below the last row.
func (t *Table) RowAtLine(line int) (row int, ok bool) {
	if line < 1 || line > t.PageSize() || t.height <= 1 {
		return 0, false
	}
	row = t.offset + line - 1
	return row, row < t.n
}
