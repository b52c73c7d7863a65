package ui

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/callscope/callscope/model"
	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/viewport"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"
)

// rawView is the scrollable, pretty-printed JSON of one record, session or
// segment (v toggles it). It is a bubbles viewport driven by our keys only.
type rawView struct {
	what    string   // "record 3f2a…", "segment 1 of session 2"
	text    string   // the JSON as indented
	lines   []string // text split into lines, before wrapping
	longest int      // cells of the widest line
	vp      viewport.Model
	width   int
}

// prettyJSON indents v as Graph-shaped JSON, safe to draw:
// model.EscapeJSONText writes what encoding/json leaves raw and a terminal
// would act on (DEL, C1 controls, bidi overrides, bytes that are not UTF-8)
// as \u escapes, which read as the same value. The decode boundary did
// that for what came from Graph; a value built here gets it too. HTML
// escaping is off: join URLs carry & and must read as sent.
func prettyJSON(v any) (string, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		return "", err
	}
	return strings.TrimRight(string(model.EscapeJSONText(b.Bytes())), "\n"), nil
}

// newRawView renders v; what names it in the title line.
func newRawView(keys KeyMap, what string, v any, width, height int) rawView {
	text, err := prettyJSON(v)
	if err != nil {
		text = fmt.Sprintf("cannot show %s as JSON: %v", what, err)
	}
	r := rawView{what: what, text: text, lines: strings.Split(text, "\n")}
	for _, l := range r.lines {
		r.longest = max(r.longest, lineWidth(l))
	}
	r.vp = viewport.New(0, 0)
	r.vp.KeyMap = viewport.KeyMap{
		Up: keys.Up, Down: keys.Down, PageUp: keys.PageUp, PageDown: keys.PageDown,
		// Unset bindings match nothing: the viewport's defaults claim d, u, f, b, h, l.
		HalfPageUp: key.Binding{}, HalfPageDown: key.Binding{}, Left: key.Binding{}, Right: key.Binding{},
	}
	r.vp.MouseWheelEnabled = false
	r.setSize(width, height)
	return r
}

// setSize fits the view to the body: one line of title, the rest JSON,
// long lines (join URLs) wrapped rather than cut so nothing is hidden.
func (r *rawView) setSize(width, height int) {
	if width == r.width && height-1 == r.vp.Height {
		return
	}
	off := r.vp.YOffset
	r.width = width
	r.vp.Width, r.vp.Height = max(width, 1), max(height-1, 1)
	w := max(width, 20)
	if r.longest <= w {
		r.vp.SetContent(r.text)
	} else {
		var b strings.Builder
		b.Grow(len(r.text) + len(r.text)/w + 16)
		for i, l := range r.lines {
			if i > 0 {
				b.WriteByte('\n')
			}
			if lineWidth(l) > w {
				l = ansi.Hardwrap(l, w, false)
			}
			b.WriteString(l)
		}
		r.vp.SetContent(b.String())
	}
	r.vp.SetYOffset(off)
}

// lineWidth is a line's width in cells; JSON is mostly ASCII, where bytes
// and cells agree, so the grapheme-aware count runs only when needed.
func lineWidth(l string) int {
	for i := 0; i < len(l); i++ {
		if l[i] >= 0x80 || l[i] < 0x20 {
			return ansi.StringWidth(l)
		}
	}
	return len(l)
}

// update scrolls on our movement keys; home and end are ours too, since the
// viewport has no bindings for them.
func (r rawView) update(msg tea.KeyMsg, keys KeyMap) rawView {
	switch {
	case key.Matches(msg, keys.Home):
		r.vp.GotoTop()
	case key.Matches(msg, keys.End):
		r.vp.GotoBottom()
	default:
		r.vp, _ = r.vp.Update(msg)
	}
	return r
}

// view draws the title line ("Raw JSON · record 3f2a… · lines 1–30 of 240")
// and the visible part of the JSON.
func (r rawView) view(st Styles) string {
	total := r.vp.TotalLineCount()
	first := r.vp.YOffset + 1
	last := min(r.vp.YOffset+r.vp.Height, total)
	pos := fmt.Sprintf("lines %d–%d of %d", first, last, total)
	title := st.Title.Render("Raw JSON · "+r.what) + st.Subtle.Render(" · "+pos+" · v closes")
	return truncate(title, r.width) + "\n" + r.vp.View()
}
