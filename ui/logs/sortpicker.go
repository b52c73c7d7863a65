package logs

import (
	"strings"

	"github.com/callscope/callscope/ui/common"
	"github.com/callscope/callscope/ui/table"
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
)

// sortOrder is how a list orders its rows: by column col (-1: the order
// rows arrived in), descending or not.
type sortOrder struct {
	col  int
	desc bool
}

// loadOrder keeps rows in the order Graph sent them.
var loadOrder = sortOrder{col: -1}

// words is the order for the header: "sorted by duration ↓"; "" for load
// order.
func (o sortOrder) words(cols []column) string {
	if o.col < 0 {
		return ""
	}
	arrow := " ↑"
	if o.desc {
		arrow = " ↓"
	}
	return "sorted by " + cols[o.col].Name + arrow
}

// sortPicker is the small list s opens: load order, then each column.
// Update says whether a choice was made (table.FormApplied, then read
// Order) or the picker cancelled, as a table.Form does.
type sortPicker struct {
	c       *common.Common
	cols    []column
	current sortOrder
	cursor  int // 0 is load order, i+1 is column i
}

func newSortPicker(c *common.Common, cols []column, current sortOrder) *sortPicker {
	return &sortPicker{c: c, cols: cols, current: current, cursor: current.col + 1}
}

// Update moves in the picker, picks or cancels.
func (p *sortPicker) Update(msg tea.Msg) table.FormResult {
	km, ok := msg.(tea.KeyMsg)
	if !ok {
		return table.FormOpen
	}
	k := &p.c.Keys
	switch {
	case key.Matches(km, k.Up):
		p.cursor = (p.cursor + len(p.cols)) % (len(p.cols) + 1)
	case key.Matches(km, k.Down), key.Matches(km, k.Sort):
		p.cursor = (p.cursor + 1) % (len(p.cols) + 1)
	case key.Matches(km, k.Back):
		return table.FormCancelled
	case key.Matches(km, k.Open), key.Matches(km, k.Apply):
		return table.FormApplied
	}
	return table.FormOpen
}

// Order is the order picked: load order, a column in the direction it
// sorts in first, or the current column reversed.
func (p *sortPicker) Order() sortOrder {
	col := p.cursor - 1
	switch {
	case col < 0:
		return loadOrder
	case col == p.current.col:
		return sortOrder{col: col, desc: !p.current.desc}
	}
	return sortOrder{col: col, desc: p.cols[col].Desc}
}

// help is what the footer offers while the picker is open.
func (p *sortPicker) help() []key.Binding {
	k := p.c.Keys
	return []key.Binding{k.Up, k.Down, k.Open, k.Back}
}

// View draws the picker: the current sort marked, the cursor shown with
// the same marker as table rows.
func (p *sortPicker) View() string {
	st := &p.c.Styles
	var b strings.Builder
	b.WriteString(st.Title.Render("Sort by"))
	b.WriteString("\n")
	line := func(i int, text string, current bool) {
		b.WriteString("\n")
		mark := "  "
		if i == p.cursor {
			mark = table.CursorMark
		}
		if current {
			text += "  (current)"
		}
		if i == p.cursor {
			b.WriteString(st.SelectedRow.Render(mark + text))
			return
		}
		b.WriteString(mark + text)
	}
	line(0, "load order", p.current.col < 0)
	for i, c := range p.cols {
		name := c.Name
		if i == p.current.col {
			name += " (reverse)"
		}
		line(i+1, name, i == p.current.col)
	}
	k := p.c.Keys
	b.WriteString("\n\n")
	b.WriteString(st.Help.Render(k.Open.Help().Key + " sort · " + k.Back.Help().Key + " cancel"))
	return st.Overlay.Render(b.String())
}
