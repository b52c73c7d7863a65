package ui

import (
	"strings"
	"unicode/utf8"

	"github.com/charmbracelet/x/ansi"
)

// joinFrame is the frame's text: header, then body cut or filled to height
// lines of at most width cells, then footer, every line padded with spaces
// to the widest. It is, byte for byte,
//
//	body = lipgloss.NewStyle().MaxHeight(height).Height(height).MaxWidth(width).Render(body)
//	lipgloss.JoinVertical(lipgloss.Left, header, body, footer)
//
// but measures each line once where that measures a body line up to four
// times, which was most of a keystroke's cost.
func joinFrame(header, body, footer string, width, height int) string {
	head, foot := measure(header), measure(footer)
	return joinMeasured(head, body, foot, width, height)
}

// joinMeasured is joinFrame with header and footer measured already (the
// frame keeps them measured with the drawn text, chrome.go).
func joinMeasured(head measuredText, body string, foot measuredText, width, height int) string {
	// As Render: tabs are four spaces, and \r\n is a newline.
	body = strings.ReplaceAll(body, "\t", "    ")
	body = strings.ReplaceAll(body, "\r\n", "\n")
	lines := strings.Split(body, "\n")
	widths := make([]int, len(lines), max(len(lines), height))
	widest := 0
	for i, l := range lines {
		widths[i] = cellWidth(l)
		widest = max(widest, widths[i])
	}
	for len(lines) < height { // Height fills with empty lines
		lines, widths = append(lines, ""), append(widths, 0)
	}
	// Render pads every line to the widest, then MaxWidth cuts each, then
	// MaxHeight drops the lines past height.
	lines, widths = lines[:min(len(lines), height)], widths[:min(len(lines), height)]
	target := min(widest, width)
	for i, l := range lines {
		switch w := widths[i]; {
		case w <= width:
			lines[i], widths[i] = l+strings.Repeat(" ", target-w), target
		default:
			lines[i] = ansi.Truncate(l, width, "")
			widths[i] = cellWidth(lines[i])
		}
	}
	all := max(head.widest, foot.widest)
	for _, w := range widths {
		all = max(all, w)
	}
	var b strings.Builder
	b.Grow(len(head.text) + len(body) + len(foot.text) + (len(head.lines)+len(lines)+len(foot.lines))*(all+1))
	first := true
	put := func(line string, w int) {
		if !first {
			b.WriteByte('\n')
		}
		first = false
		b.WriteString(line)
		b.WriteString(strings.Repeat(" ", all-w))
	}
	for _, l := range head.lines {
		put(l.text, l.width)
	}
	for i, l := range lines {
		put(l, widths[i])
	}
	for _, l := range foot.lines {
		put(l.text, l.width)
	}
	return b.String()
}

// measuredText is text split into lines, each with its width in cells.
type measuredText struct {
	text   string
	lines  []measured
	widest int
}

// measured is a line and its width in cells.
type measured struct {
	text  string
	width int
}

// measure splits s into lines and measures them.
func measure(s string) measuredText {
	m := measuredText{text: s}
	for l := range strings.SplitSeq(s, "\n") {
		w := cellWidth(l)
		m.lines = append(m.lines, measured{l, w})
		m.widest = max(m.widest, w)
	}
	return m
}

// cellWidth is ansi.StringWidth(s), counted directly for the common line
// of printable ASCII, SGR colour sequences and the few one-cell symbols
// the screens draw with (narrowRune); anything else (other escapes,
// control bytes, other runes, which may be wide or join a cluster) is left
// to ansi.StringWidth.
func cellWidth(s string) int {
	n := 0
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c >= 0x20 && c < 0x7f:
			n++
		case c >= utf8.RuneSelf:
			r, size := utf8.DecodeRuneInString(s[i:])
			if !narrowRune(r) {
				return ansi.StringWidth(s)
			}
			n++
			i += size - 1
		case c == 0x1b && i+1 < len(s) && s[i+1] == '[':
			// CSI: parameter bytes, then one final byte that must be m.
			j := i + 2
			for j < len(s) && (s[j] >= '0' && s[j] <= '9' || s[j] == ';' || s[j] == ':') {
				j++
			}
			if j == len(s) || s[j] != 'm' {
				return ansi.StringWidth(s)
			}
			i = j
		default:
			return ansi.StringWidth(s)
		}
	}
	return n
}

// narrowRune reports the symbols the frame and screens draw with (dots,
// ellipsis, arrows, box drawing): one cell each, and none of them extends
// a grapheme cluster, so each counts one wherever it stands.
func narrowRune(r rune) bool {
	switch {
	case r == '·', r == '—', r == '•', r == '…', r == '›':
		return true
	case r >= '←' && r <= '↓', r >= 0x2500 && r <= 0x257f:
		return true
	}
	return false
}
