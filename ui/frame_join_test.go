package ui

import (
	"strings"
	"testing"

	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"
)

// joinFrame must draw exactly what the lipgloss calls it replaces drew:
// same lines, same padding, same cuts, escape codes and wide runes kept
// whole.
func TestJoinFrameMatchesLipgloss(t *testing.T) {
	red, bold := "\x1b[38;2;255;0;0m", "\x1b[1m"
	reset := "\x1b[0m"
	long := strings.Repeat("wide 山田太郎 ", 20)
	bodies := map[string]string{
		"empty":         "",
		"short":         "one\ntwo",
		"styled":        red + "FAILED" + reset + " row\n" + bold + "bold" + reset,
		"tall":          strings.Repeat("line\n", 60) + "last",
		"wide":          "narrow\n" + long + "\n" + red + long + reset + "\nend",
		"tabs and crlf": "a\tb\r\nc\td\r\n",
		"odd wide cut":  strings.Repeat("x", 9) + "山田山田山田山田山田山田山田山田",
		"spaces":        "   \n      \n",
	}
	headers := []string{"Calls › Call 3f2a" + strings.Repeat(" ", 10) + "UTC", red + "styled header" + reset, strings.Repeat("h", 200)}
	footers := []string{"status\nhelp keys", "", red + "error" + reset + "\n" + strings.Repeat("f", 30)}
	for name, body := range bodies {
		for hi, header := range headers {
			for fi, footer := range footers {
				for _, size := range [][2]int{{160, 37}, {20, 5}, {25, 1}, {60, 12}} {
					w, h := size[0], size[1]
					want := lipgloss.JoinVertical(lipgloss.Left, header,
						lipgloss.NewStyle().MaxHeight(h).Height(h).MaxWidth(w).Render(body), footer)
					got := joinFrame(header, body, footer, w, h)
					if got != want {
						t.Errorf("%s, header %d, footer %d, %dx%d:\n got %q\nwant %q", name, hi, fi, w, h, got, want)
					}
				}
			}
		}
	}
}

// cellWidth counts what ansi.StringWidth counts, on its fast path and off.
func TestCellWidthMatchesStringWidth(t *testing.T) {
	for _, s := range []string{"", "plain ascii", "\x1b[38;2;1;2;3mred\x1b[0m", "\x1b[1;4m\x1b[m", "山田 太郎",
		"a—b", "\x1b]8;;http://x\x07link\x1b]8;;\x07", "\x1b[2Kcleared", "tab\there", "\x1b[", "\x1b[31", "ctl\x01x", "\x1bx",
		"a · b — c • d… › e ←↑→↓ ─│┌┐└┘╭╮╯╰", "→\ufe0f", "e\u0301", "#\ufe0f\u20e3", "·\u0301", "\xff\xfe", "…山"} {
		if got, want := cellWidth(s), ansi.StringWidth(s); got != want {
			t.Errorf("cellWidth(%q) = %d, want %d", s, got, want)
		}
	}
	for r := rune(0x80); r < 0x3000; r++ {
		if narrowRune(r) && ansi.StringWidth(string(r)) != 1 {
			t.Errorf("%U is not one cell wide", r)
		}
	}
}
