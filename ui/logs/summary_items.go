package logs

import (
	"strings"

	"github.com/callscope/callscope/ui/common"
	"github.com/callscope/callscope/ui/rowstore"
	"github.com/callscope/callscope/ui/table"
)

// The summary's group lines: one small table per section, laid out with
// the list tables' column rules.

// sumTable renders the lines of one section at a width.
type sumTable struct {
	w []int
	c []table.Column
}

func newSumTable(cols []table.Column, width int) sumTable {
	return sumTable{w: table.LayoutColumns(cols, width-table.Gutter, nil), c: cols}
}

// line lays cells out like the list tables, cut or padded to the widths.
func (t sumTable) line(cells ...string) string {
	var b strings.Builder
	first := true
	for i, w := range t.w {
		if w == 0 {
			continue
		}
		if !first {
			b.WriteString("  ")
		}
		first = false
		table.WriteCell(&b, cells[i], w, t.c[i].Right)
	}
	return b.String()
}

func (t sumTable) header() string {
	cells := make([]string, len(t.c))
	for i, c := range t.c {
		cells[i] = c.Title
	}
	return t.line(cells...)
}

// width of column i (0 when hidden).
func (t sumTable) width(i int) int { return t.w[i] }

// sumLines collects the summary's item lines.
type sumLines struct {
	st    *common.Styles
	items []sumItem
}

// head starts a section: a blank line (but first), the title and the
// column header.
func (b *sumLines) head(title string, t sumTable) {
	if len(b.items) > 0 {
		b.items = append(b.items, sumItem{})
	}
	b.items = append(b.items, sumItem{text: b.st.Title.Render(title)}, sumItem{text: b.st.TableHeader.Render(t.header())})
}

// note starts a section of text lines: a blank line and the title.
func (b *sumLines) note(title string) {
	b.items = append(b.items, sumItem{}, sumItem{text: b.st.Title.Render(title)})
}

// none says a section is empty.
func (b *sumLines) none(text string) {
	b.items = append(b.items, sumItem{text: b.st.Subtle.Render(text)})
}

func (b *sumLines) add(it sumItem) { b.items = append(b.items, it) }

// render rebuilds the item lines for the current summary and width,
// keeping the cursor on the same group when it still exists.
func (s *summary) render() {
	if s.width <= 0 {
		return
	}
	var keep rowstore.LogGroup
	if s.cursor >= 0 && s.cursor < len(s.items) {
		keep = s.items[s.cursor].group
	}
	b := &sumLines{st: &s.c.Styles}
	s.groups.items(b, s.width, s.c.Loc())
	s.items = b.items
	s.searchPositions() // summary_search.go
	s.cursor = -1
	for i, it := range s.items {
		if it.group.Kind != rowstore.GroupNone && (s.cursor < 0 || it.group == keep) {
			s.cursor = i
			if it.group == keep {
				break
			}
		}
	}
	s.scroll()
}
