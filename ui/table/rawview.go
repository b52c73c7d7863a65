package table

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/callscope/callscope/model"
	"github.com/callscope/callscope/ui/common"
	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/viewport"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"
)

// RawView is the scrollable, pretty-printed JSON of one record, session,
// segment or log row (v toggles it on the screens that show one). It is a
// bubbles viewport driven by our keys only.
type RawView struct {
	what     string   // "record 3f2a…", "segment 1 of session 2"
	text     string   // the JSON as indented
	lines    []string // text split into lines, before wrapping
	longest  int      // cells of the widest line
	viewport viewport.Model
	width    int
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
		return "", fmt.Errorf("encode as JSON: %w", err)
	}
	return strings.TrimRight(string(model.EscapeJSONText(b.Bytes())), "\n"), nil
}

// NewRawView renders v; what is the whole title line ("Decoded JSON ·
// segment 1 of session 2").
func NewRawView(keys common.KeyMap, what string, v any, width, height int) RawView {
	text, err := prettyJSON(v)
	if err != nil {
		text = fmt.Sprintf("cannot show %s as JSON: %v", what, err)
	}
	r := RawView{what: what, text: text, lines: strings.Split(text, "\n")}
	for _, l := range r.lines {
		r.longest = max(r.longest, lineWidth(l))
	}
	r.viewport = viewport.New(0, 0)
	r.viewport.KeyMap = viewport.KeyMap{
		Up: keys.Up, Down: keys.Down, PageUp: keys.PageUp, PageDown: keys.PageDown,
		// Unset bindings match nothing: the viewport's defaults claim d, u, f, b, h, l.
		HalfPageUp: key.Binding{}, HalfPageDown: key.Binding{}, Left: key.Binding{}, Right: key.Binding{},
	}
	r.viewport.MouseWheelEnabled = false
	r.SetSize(width, height)
	return r
}

// What names what is shown ("record 3f2a…"), for a view rebuilt over a
// newer copy of the same thing.
func (r RawView) What() string { return r.what }

// Text is the JSON as shown, before wrapping.
func (r RawView) Text() string { return r.text }

// TotalLines is the number of lines after wrapping.
func (r RawView) TotalLines() int { return r.viewport.TotalLineCount() }

// YOffset is the first line shown, from 0.
func (r RawView) YOffset() int { return r.viewport.YOffset }

// SetYOffset scrolls so that line n (from 0) is the first shown, as far as
// the content allows.
func (r *RawView) SetYOffset(n int) { r.viewport.SetYOffset(n) }

// SetSize fits the view to the body: one line of title, the rest JSON,
// long lines (join URLs) wrapped rather than cut so nothing is hidden.
func (r *RawView) SetSize(width, height int) {
	if width == r.width && height-1 == r.viewport.Height {
		return
	}
	off := r.viewport.YOffset
	r.width = width
	r.viewport.Width, r.viewport.Height = max(width, 1), max(height-1, 1)
	w := max(width, 20)
	if r.longest <= w {
		r.viewport.SetContent(r.text)
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
		r.viewport.SetContent(b.String())
	}
	r.viewport.SetYOffset(off)
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

// Update scrolls on our movement keys; home and end are ours too, since the
// viewport has no bindings for them.
func (r RawView) Update(msg tea.KeyMsg, keys common.KeyMap) RawView {
	switch {
	case key.Matches(msg, keys.Home):
		r.viewport.GotoTop()
	case key.Matches(msg, keys.End):
		r.viewport.GotoBottom()
	default:
		r.viewport, _ = r.viewport.Update(msg)
	}
	return r
}

// View draws the title line (the caller's title, which says whether this is
// Graph's bytes or callscope's decoding: "Graph's JSON, as sent · record
// 3f2a… · lines 1–30 of 240") and the visible part of the JSON.
func (r RawView) View(st common.Styles) string {
	total := r.viewport.TotalLineCount()
	first := r.viewport.YOffset + 1
	last := min(r.viewport.YOffset+r.viewport.Height, total)
	pos := fmt.Sprintf("lines %d–%d of %d", first, last, total)
	title := st.Title.Render(r.what) + st.Subtle.Render(" · "+pos+" · v closes")
	return common.Truncate(title, r.width) + "\n" + r.viewport.View()
}
