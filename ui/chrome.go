package ui

import (
	"strconv"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/lipgloss"
)

// Rendering the header and footer (styles, the help line) costs more than
// the rest of a keystroke, and most keys change neither: the frame keeps
// each drawn line with the words it was drawn from and draws it again
// only when they change. The key holds everything the line shows, so a
// cached line is never stale.

// chrome is the frame's drawn header and footer.
type chrome struct {
	header, footer drawn
}

// drawn is one rendered piece of the frame, measured, and the key it was
// drawn for.
type drawn struct {
	key  string
	text measuredText
	ok   bool
}

// get returns the text drawn for key, drawing and measuring it with draw
// when the key changed. Caching from View keeps View's output a function
// of the model: the key is all that the drawing reads.
func (d *drawn) get(key string, draw func() string) measuredText {
	if !d.ok || d.key != key {
		d.key, d.text, d.ok = key, measure(draw()), true
	}
	return d.text
}

// chromeKey joins a line's words with what every line's drawing depends
// on besides them: the width and the colour profile and background that
// the styles render with.
func (a *App) chromeKey(parts ...string) string {
	var b strings.Builder
	b.WriteString(strconv.Itoa(a.width))
	b.WriteByte(' ')
	b.WriteString(strconv.Itoa(int(lipgloss.ColorProfile())))
	b.WriteString(strconv.FormatBool(lipgloss.HasDarkBackground()))
	for _, p := range parts {
		b.WriteByte(0)
		b.WriteString(p)
	}
	return b.String()
}

// helpKey is the words of the enabled bindings, which are what the help
// line shows.
func helpKey(bindings []key.Binding) string {
	var b strings.Builder
	for _, k := range bindings {
		if !k.Enabled() {
			continue
		}
		h := k.Help()
		b.WriteString(h.Key)
		b.WriteByte(0x1f)
		b.WriteString(h.Desc)
		b.WriteByte(0x1e)
	}
	return b.String()
}
