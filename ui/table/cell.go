package table

import "strings"

// asciiWidth returns len(s) and true when s is printable ASCII, where
// bytes and cells agree.
func asciiWidth(s string) (int, bool) {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c >= 0x7f {
			return 0, false
		}
	}
	return len(s), true
}

// flattenSpace turns line breaks and tabs into spaces so a cell stays on
// its line; other runes, escapes included, pass.
func flattenSpace(r rune) rune {
	switch r {
	case '\n', '\r', '\t', '\v', '\f':
		return ' '
	}
	return r
}

const spaces = "                                                                "

func writeSpaces(b *strings.Builder, n int) {
	for n > len(spaces) {
		b.WriteString(spaces)
		n -= len(spaces)
	}
	if n > 0 {
		b.WriteString(spaces[:n])
	}
}
