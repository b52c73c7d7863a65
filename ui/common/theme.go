package common

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/lipgloss"
)

// Theme is the colour set the explorer draws with (theme: in the config
// file, --theme): dark or light, or auto, which follows the terminal's
// background.
type Theme string

// The themes.
const (
	ThemeAuto  Theme = "auto"
	ThemeDark  Theme = "dark"
	ThemeLight Theme = "light"
)

// ThemeNames are the themes as the config file and --theme name them.
var ThemeNames = []string{string(ThemeAuto), string(ThemeDark), string(ThemeLight)}

// ParseTheme reads a theme's name, in any case; "" is auto.
func ParseTheme(s string) (Theme, error) {
	switch t := Theme(strings.ToLower(strings.TrimSpace(s))); t {
	case "":
		return ThemeAuto, nil
	case ThemeAuto, ThemeDark, ThemeLight:
		return t, nil
	}
	return "", fmt.Errorf("unknown theme %q (themes: %s)", s, strings.Join(ThemeNames, ", "))
}

// Dark reports whether t draws for a dark background. Only auto calls
// detect: lipgloss.HasDarkBackground, which asks the terminal and must
// therefore run once, before the program owns the terminal's input. A
// theme given by name sends the terminal no query at all.
func (t Theme) Dark(detect func() bool) bool {
	switch t {
	case ThemeDark:
		return true
	case ThemeLight:
		return false
	}
	return detect == nil || detect()
}

// ThemePalette is the built-in palette of the dark or the light theme.
func ThemePalette(dark bool) Palette {
	if dark {
		return darkColors
	}
	return lightColors
}

// Resolve fixes each adaptive colour of p (the built-in ones and a config
// file's light/dark pairs) to its dark or light side, so the styles built
// from it draw the chosen theme whatever lipgloss believes of the
// terminal's background.
func (p Palette) Resolve(dark bool) Palette {
	fix := func(c lipgloss.TerminalColor) lipgloss.TerminalColor {
		a, ok := c.(lipgloss.AdaptiveColor)
		switch {
		case !ok:
			return c
		case dark:
			return lipgloss.Color(a.Dark)
		}
		return lipgloss.Color(a.Light)
	}
	return Palette{Accent: fix(p.Accent), Subtle: fix(p.Subtle), Danger: fix(p.Danger), Warn: fix(p.Warn),
		OK: fix(p.OK), Selection: fix(p.Selection)}
}
