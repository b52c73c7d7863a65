package common

import (
	"math"
	"strconv"
	"testing"

	"github.com/charmbracelet/lipgloss"
)

// luminance is WCAG 2's relative luminance of a #RRGGBB colour.
func luminance(t *testing.T, c lipgloss.TerminalColor) float64 {
	t.Helper()
	hex, ok := c.(lipgloss.Color)
	if !ok || len(hex) != 7 || hex[0] != '#' {
		t.Fatalf("colour %#v: want a fixed #RRGGBB colour", c)
	}
	v, err := strconv.ParseUint(string(hex[1:]), 16, 32)
	if err != nil {
		t.Fatalf("colour %q: %v", hex, err)
	}
	channel := func(b uint64) float64 {
		s := float64(b) / 255
		if s <= 0.03928 {
			return s / 12.92
		}
		return math.Pow((s+0.055)/1.055, 2.4)
	}
	return 0.2126*channel(v>>16&0xff) + 0.7152*channel(v>>8&0xff) + 0.0722*channel(v&0xff)
}

// contrast is WCAG 2's contrast ratio of two colours, 1 to 21.
func contrast(t *testing.T, a, b lipgloss.TerminalColor) float64 {
	t.Helper()
	x, y := luminance(t, a), luminance(t, b)
	return (max(x, y) + 0.05) / (min(x, y) + 0.05)
}

// TestThemeColoursReadOnTheirBackgrounds holds each theme's text colours
// to WCAG AA for text (4.5:1) on the theme's background (white; a dark
// grey, which is harder than black) and on its selection, where a
// selected failed row draws its FAILED cell. The selection itself must
// stand apart from the background and keep the ordinary text readable.
func TestThemeColoursReadOnTheirBackgrounds(t *testing.T) {
	const aa = 4.5
	for _, theme := range []struct {
		name           string
		dark           bool
		background     lipgloss.Color
		text           lipgloss.Color
		selectionApart float64
	}{
		{"light", false, "#FFFFFF", "#000000", 1.25},
		{"dark", true, "#1E1E1E", "#D0D0D0", 1.4},
	} {
		p := ThemePalette(theme.dark)
		for name, c := range map[string]lipgloss.TerminalColor{"accent": p.Accent, "subtle": p.Subtle,
			"danger": p.Danger, "warn": p.Warn, "ok": p.OK, "text": theme.text} {
			if r := contrast(t, c, theme.background); r < aa {
				t.Errorf("%s theme: %s %v on %s is %.2f:1, under %.1f:1", theme.name, name, c, theme.background, r, aa)
			}
			if r := contrast(t, c, p.Selection); r < aa {
				t.Errorf("%s theme: %s %v on the selection %v is %.2f:1, under %.1f:1", theme.name, name, c, p.Selection, r, aa)
			}
		}
		if r := contrast(t, p.Selection, theme.background); r < theme.selectionApart {
			t.Errorf("%s theme: the selection %v hardly differs from the background (%.2f:1)", theme.name, p.Selection, r)
		}
	}
}

func TestParseTheme(t *testing.T) {
	for in, want := range map[string]Theme{"": ThemeAuto, "auto": ThemeAuto, " Light ": ThemeLight, "DARK": ThemeDark} {
		got, err := ParseTheme(in)
		if err != nil || got != want {
			t.Errorf("ParseTheme(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	if _, err := ParseTheme("solarized"); err == nil || err.Error() != `unknown theme "solarized" (themes: auto, dark, light)` {
		t.Fatalf("unknown theme: %v", err)
	}
}

// TestThemeDarkAsksTheTerminalOnlyForAuto: a theme given by name sends no
// background query, which some terminals answer slowly or never.
func TestThemeDarkAsksTheTerminalOnlyForAuto(t *testing.T) {
	asked := 0
	detect := func(answer bool) func() bool { return func() bool { asked++; return answer } }
	if !ThemeDark.Dark(detect(false)) || ThemeLight.Dark(detect(true)) {
		t.Fatal("a named theme must win over the terminal")
	}
	if asked != 0 {
		t.Fatalf("a named theme asked the terminal %d times", asked)
	}
	if ThemeAuto.Dark(detect(false)) || !ThemeAuto.Dark(detect(true)) || asked != 2 {
		t.Fatalf("auto must follow the terminal, asking once each (asked %d)", asked)
	}
	if !ThemeAuto.Dark(nil) {
		t.Fatal("auto with nothing to ask assumes dark, as lipgloss does")
	}
}

func TestPaletteResolveKeepsConfigColoursPerTheme(t *testing.T) {
	for _, dark := range []bool{false, true} {
		if got := DefaultPalette().Resolve(dark); got != ThemePalette(dark) {
			t.Fatalf("dark=%v: the default palette resolves to %+v, not the theme's %+v", dark, got, ThemePalette(dark))
		}
	}
	p := DefaultPalette()
	if err := p.SetColor("danger", "#111111", "#EEEEEE"); err != nil {
		t.Fatal(err)
	}
	if err := p.SetColor("ok", "42", ""); err != nil {
		t.Fatal(err)
	}
	light, dark := p.Resolve(false), p.Resolve(true)
	if light.Danger != lipgloss.Color("#111111") || dark.Danger != lipgloss.Color("#EEEEEE") {
		t.Fatalf("a config pair: light %v, dark %v", light.Danger, dark.Danger)
	}
	if light.OK != lipgloss.Color("42") || dark.OK != lipgloss.Color("42") {
		t.Fatalf("one config colour serves both themes: %v, %v", light.OK, dark.OK)
	}
	if light.Accent != ThemePalette(false).Accent {
		t.Fatalf("colours the file leaves alone stay the theme's: %v", light.Accent)
	}
	fixed := Palette{Accent: lipgloss.Color("#123456")}
	if fixed.Resolve(true).Accent != lipgloss.Color("#123456") {
		t.Fatal("a fixed colour resolves to itself")
	}
}

func TestColumnKey(t *testing.T) {
	for in, want := range map[string]string{"Caller → Callee": "caller-callee", "SIP": "sip", "Id": "id",
		" Request-id ": "request-id", "Dur": "dur", "→": ""} {
		if got := ColumnKey(in); got != want {
			t.Errorf("ColumnKey(%q) = %q, want %q", in, got, want)
		}
	}
}
