package common

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/charmbracelet/lipgloss"
)

// The palette: the only place in callscope that names a colour, one set
// for each theme (theme.go). Each colour reads at 4.5:1 or better (WCAG
// AA for text) on its theme's background and on its selection background,
// which theme_test.go checks; NO_COLOR (via termenv) turns colour off, and
// nothing carries meaning by colour alone.
var (
	// lightColors are for dark text on white or near-white terminals.
	lightColors = Palette{
		Accent:    lipgloss.Color("#5A3FC0"),
		Subtle:    lipgloss.Color("#5E5E5E"),
		Danger:    lipgloss.Color("#B00020"),
		Warn:      lipgloss.Color("#8A5A00"),
		OK:        lipgloss.Color("#17692C"),
		Selection: lipgloss.Color("#E4DEFF"),
	}
	// darkColors are for light text on black or dark grey terminals.
	darkColors = Palette{
		Accent:    lipgloss.Color("#B7A6FF"),
		Subtle:    lipgloss.Color("#A8A8A8"),
		Danger:    lipgloss.Color("#FF7B7B"),
		Warn:      lipgloss.Color("#F2C94C"),
		OK:        lipgloss.Color("#6FCF97"),
		Selection: lipgloss.Color("#3B3363"),
	}
)

// Palette is the colours the styles are built from, under their semantic
// names; a config file's colors: section overrides any of them.
type Palette struct {
	Accent, Subtle, Danger, Warn, OK, Selection lipgloss.TerminalColor
}

// PaletteNames are the palette's colours as a config file names them.
var PaletteNames = []string{"accent", "subtle", "danger", "warn", "ok", "selection"}

// DefaultPalette is the built-in palette: each colour the light theme's
// on light terminals and the dark theme's on dark ones (lipgloss decides,
// from the background asked for once at start).
func DefaultPalette() Palette {
	l, d := lightColors, darkColors
	adaptive := func(light, dark lipgloss.TerminalColor) lipgloss.TerminalColor {
		return lipgloss.AdaptiveColor{Light: string(light.(lipgloss.Color)), Dark: string(dark.(lipgloss.Color))}
	}
	return Palette{Accent: adaptive(l.Accent, d.Accent), Subtle: adaptive(l.Subtle, d.Subtle),
		Danger: adaptive(l.Danger, d.Danger), Warn: adaptive(l.Warn, d.Warn), OK: adaptive(l.OK, d.OK),
		Selection: adaptive(l.Selection, d.Selection)}
}

// SetColor overrides the colour name (one of PaletteNames) with light on
// light terminals and dark on dark ones; dark "" uses light on both. A
// colour is #RGB, #RRGGBB or an ANSI colour number 0–255.
func (p *Palette) SetColor(name, light, dark string) error {
	if dark == "" {
		dark = light
	}
	for _, v := range []string{light, dark} {
		if err := checkColor(v); err != nil {
			return err
		}
	}
	c := lipgloss.AdaptiveColor{Light: light, Dark: dark}
	switch strings.ToLower(name) {
	case "accent":
		p.Accent = c
	case "subtle":
		p.Subtle = c
	case "danger":
		p.Danger = c
	case "warn":
		p.Warn = c
	case "ok":
		p.OK = c
	case "selection":
		p.Selection = c
	default:
		return fmt.Errorf("unknown colour %q (colours: %s)", name, strings.Join(PaletteNames, ", "))
	}
	return nil
}

// checkColor accepts what lipgloss.Color understands without guessing.
func checkColor(v string) error {
	if h, ok := strings.CutPrefix(v, "#"); ok {
		if _, err := strconv.ParseUint(h, 16, 32); err == nil && (len(h) == 3 || len(h) == 6) {
			return nil
		}
		return fmt.Errorf("colour %q: want #RGB or #RRGGBB", v)
	}
	if n, err := strconv.Atoi(v); err == nil && n >= 0 && n <= 255 {
		return nil
	}
	return fmt.Errorf("colour %q: want a hex colour such as #5A3FC0 or an ANSI colour number 0-255", v)
}

// Styles is every style a screen draws with; Views derive from it and never
// build styles of their own.
type Styles struct {
	Header, Breadcrumb, HeaderInfo lipgloss.Style
	Footer, Status, Help           lipgloss.Style
	Title, Label, Value, Subtle    lipgloss.Style
	TableHeader, Row, SelectedRow  lipgloss.Style
	Danger, Warn, OK, Accent       lipgloss.Style
	Box, Overlay, Input, InputErr  lipgloss.Style
}

// DefaultStyles builds the styles once, at start, from DefaultPalette.
func DefaultStyles() Styles { return DefaultStylesWith(DefaultPalette()) }

// DefaultStylesWith builds the styles from p (a theme's palette with a
// config file's colours).
func DefaultStylesWith(p Palette) Styles {
	// Named locals, so every style below (and any added later) reads its
	// colour by meaning and from p only.
	colorAccent, colorSubtle, colorDanger, colorWarn, colorOK, colorSelBg := p.Accent, p.Subtle, p.Danger, p.Warn, p.OK, p.Selection
	s := lipgloss.NewStyle
	return Styles{
		Header:      s().Bold(true),
		Breadcrumb:  s().Foreground(colorAccent).Bold(true),
		HeaderInfo:  s().Foreground(colorSubtle),
		Footer:      s().Foreground(colorSubtle),
		Status:      s(),
		Help:        s().Foreground(colorSubtle),
		Title:       s().Foreground(colorAccent).Bold(true),
		Label:       s().Foreground(colorSubtle),
		Value:       s(),
		Subtle:      s().Foreground(colorSubtle),
		TableHeader: s().Bold(true).Underline(true),
		Row:         s(),
		SelectedRow: s().Background(colorSelBg).Bold(true),
		Danger:      s().Foreground(colorDanger).Bold(true),
		Warn:        s().Foreground(colorWarn),
		OK:          s().Foreground(colorOK),
		Accent:      s().Foreground(colorAccent),
		Box:         s().Border(lipgloss.RoundedBorder()).BorderForeground(colorSubtle).Padding(0, 1),
		Overlay:     s().Border(lipgloss.RoundedBorder()).BorderForeground(colorAccent).Padding(0, 1),
		Input:       s().Foreground(colorAccent),
		InputErr:    s().Foreground(colorDanger),
	}
}
