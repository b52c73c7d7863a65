package ui

import "github.com/charmbracelet/x/ansi"

// truncate cuts s to w terminal cells (wide runes and escapes counted right), ending in "…".
func truncate(s string, w int) string {
	if w <= 0 {
		return ""
	}
	return ansi.Truncate(s, w, "…")
}
