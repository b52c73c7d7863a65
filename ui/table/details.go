package table

import (
	"strings"

	"github.com/callscope/callscope/ui/common"
	"github.com/charmbracelet/x/ansi"
)

// DetailLabelWidth is the label column of a details page: it fits the
// usual labels ("Check next", "Correlation").
const DetailLabelWidth = 13

// Details collects the lines of a details page (a log row, a request) at
// one width: headings, then "Label  value" fields whose values wrap under
// themselves, and notes. The zero value is not usable; set Styles and
// Width.
type Details struct {
	Styles *common.Styles
	Width  int
	Lines  []string
}

// Heading starts a section, a blank line apart from the one before.
func (b *Details) Heading(s string) {
	if len(b.Lines) > 0 {
		b.Lines = append(b.Lines, "")
	}
	b.Lines = append(b.Lines, b.Styles.Title.Render(common.Truncate(s, b.Width)))
}

// Blank adds an empty line.
func (b *Details) Blank() { b.Lines = append(b.Lines, "") }

// Field writes "Label        value", wrapping the value under itself. A
// label as long as the label column or longer pushes its own value right,
// and the value's further lines hang under it, so no line passes the width.
func (b *Details) Field(label, value string) {
	n, lw := ansi.StringWidth(label), DetailLabelWidth
	if n >= lw {
		lw = n + 1
	}
	indent := strings.Repeat(" ", lw+2)
	w := max(b.Width-len(indent), 10)
	for i, l := range strings.Split(ansi.Wrap(value, w, " "), "\n") {
		if i == 0 {
			b.Lines = append(b.Lines, b.Styles.Label.Render(label+strings.Repeat(" ", lw-n))+"  "+l)
			continue
		}
		b.Lines = append(b.Lines, indent+l)
	}
}

// Note adds subtle text, wrapped to the width.
func (b *Details) Note(s string) {
	for _, l := range strings.Split(ansi.Wrap(s, max(b.Width, 10), " "), "\n") {
		b.Lines = append(b.Lines, b.Styles.Subtle.Render(l))
	}
}
