package table

import (
	"slices"
	"strings"

	"github.com/callscope/callscope/model/search"
	"github.com/charmbracelet/lipgloss"
)

// MatchMark is the gutter of a row the search matches, so that matches
// show without colour (NO_COLOR); the cursor's mark wins on its row.
const MatchMark = "• "

// writeMatchedRow draws row r, which the search matches: the match mark
// and its cells with the matched text highlighted, in style st (nil: none).
func (t *Table) writeMatchedRow(b *strings.Builder, r int, st *lipgloss.Style) {
	var line strings.Builder
	line.Grow(t.width + 32)
	if r == t.cursor {
		line.WriteString(CursorMark)
	} else {
		line.WriteString(MatchMark)
	}
	// A highlight ends with a full reset, which would end the row's own
	// style too: what follows it starts the row's style again.
	resume := ""
	if st != nil {
		resume = stylePrefix(*st)
	}
	first := true
	for c, w := range t.widths {
		if w == 0 {
			continue
		}
		if !first {
			line.WriteString("  ")
		}
		first = false
		WriteCell(&line, t.search.highlight(t.cell(r, c), resume), w, t.Columns[c].Right)
	}
	if st == nil {
		b.WriteString(line.String())
		return
	}
	b.WriteString(st.Render(line.String()))
}

// stylePrefix is the escape sequence st starts its text with.
func stylePrefix(st lipgloss.Style) string {
	out := st.Render("X")
	return out[:strings.IndexByte(out, 'X')]
}

// highlight marks each stretch of text that a highlight of the query
// covers, in any case, then resumes the row's style. A cell already
// styled (a pre-rendered FAILED) or not ASCII is left as it is.
func (s *Search) highlight(text, resume string) string {
	if len(s.highlights) == 0 || strings.IndexByte(text, 0x1b) >= 0 {
		return text
	}
	var spans [][2]int
	lower := strings.ToLower(text)
	for _, h := range s.highlights {
		for from := 0; from < len(text); {
			i := search.IndexFold(lower[from:], h)
			if i < 0 {
				break
			}
			spans = append(spans, [2]int{from + i, from + i + len(h)})
			from += i + len(h)
		}
	}
	if len(spans) == 0 {
		return text
	}
	slices.SortFunc(spans, func(a, b [2]int) int { return a[0] - b[0] })
	var b strings.Builder
	at := 0
	for _, sp := range spans {
		start := max(sp[0], at)
		if start >= sp[1] {
			continue // inside a span already marked
		}
		b.WriteString(text[at:start])
		b.WriteString(s.mark.Render(text[start:sp[1]]))
		b.WriteString(resume)
		at = sp[1]
	}
	b.WriteString(text[at:])
	return b.String()
}

// HeaderWords are the header's words for the search, led by the search
// key: "/anette: 1 of 2 loaded match"; "" when there is none.
func (s *Search) HeaderWords(key string) string {
	if w := s.Words(); w != "" {
		return key + s.Text() + ": " + w
	}
	return ""
}

// LineBelow is the search line on a line of its own, to append under a
// list while the search is typed; "" otherwise.
func (s *Search) LineBelow(width int) string {
	if !s.Typing() {
		return ""
	}
	return "\n" + s.Line(width)
}
