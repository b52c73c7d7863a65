package ui

import "github.com/charmbracelet/lipgloss"

// Palette: the only place in callscope that names a colour. Adaptive colours
// follow the terminal background; NO_COLOR (via termenv) turns them off, and
// nothing carries meaning by colour alone.
var (
	colorAccent = lipgloss.AdaptiveColor{Light: "#5A3FC0", Dark: "#B7A6FF"}
	colorSubtle = lipgloss.AdaptiveColor{Light: "#6B6B6B", Dark: "#8A8A8A"}
	colorDanger = lipgloss.AdaptiveColor{Light: "#B00020", Dark: "#FF6B6B"}
	colorWarn   = lipgloss.AdaptiveColor{Light: "#8A5A00", Dark: "#F2C94C"}
	colorOK     = lipgloss.AdaptiveColor{Light: "#1E7B34", Dark: "#6FCF97"}
	colorSelBg  = lipgloss.AdaptiveColor{Light: "#E4DEFF", Dark: "#3B3363"}
)

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

// DefaultStyles builds the styles once, at start.
func DefaultStyles() Styles {
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
