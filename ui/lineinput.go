package ui

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/callscope/callscope/model"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"
)

// lineInputLimit bounds what a field holds; no filter value comes near it.
const lineInputLimit = 256

// lineInput is a one-line text input for the shared form. It stands in for
// bubbles' textinput, which would pull a clipboard package into the module,
// and it draws no blinking cursor, so frames change only on input.
//
// Editing keys are matched by key type rather than by binding: they are
// the terminal's line-editing conventions, not commands a user remaps.
type lineInput struct {
	value []rune
	pos   int // cursor, in runes
	width int // cells the text is shown in
}

// SetValue replaces the text and puts the cursor at its end.
func (in *lineInput) SetValue(s string) {
	in.value, in.pos = in.value[:0], 0
	in.insert([]rune(s))
}

// Value is the text typed.
func (in *lineInput) Value() string { return string(in.value) }

// Update edits for one key and reports whether the text changed.
func (in *lineInput) Update(km tea.KeyMsg) bool {
	before := string(in.value)
	switch km.Type {
	case tea.KeyRunes:
		in.insert(km.Runes)
	case tea.KeySpace:
		in.insert([]rune{' '})
	case tea.KeyBackspace, tea.KeyCtrlH:
		if in.pos > 0 {
			in.value = append(in.value[:in.pos-1], in.value[in.pos:]...)
			in.pos--
		}
	case tea.KeyDelete, tea.KeyCtrlD:
		if in.pos < len(in.value) {
			in.value = append(in.value[:in.pos], in.value[in.pos+1:]...)
		}
	case tea.KeyLeft, tea.KeyCtrlB:
		in.pos = max(in.pos-1, 0)
	case tea.KeyRight, tea.KeyCtrlF:
		in.pos = min(in.pos+1, len(in.value))
	case tea.KeyHome, tea.KeyCtrlA:
		in.pos = 0
	case tea.KeyEnd, tea.KeyCtrlE:
		in.pos = len(in.value)
	case tea.KeyCtrlU:
		in.value = append(in.value[:0], in.value[in.pos:]...)
		in.pos = 0
	case tea.KeyCtrlK:
		in.value = in.value[:in.pos]
	case tea.KeyCtrlW:
		i := in.pos
		for i > 0 && unicode.IsSpace(in.value[i-1]) {
			i--
		}
		for i > 0 && !unicode.IsSpace(in.value[i-1]) {
			i--
		}
		in.value = append(in.value[:i], in.value[in.pos:]...)
		in.pos = i
	}
	return string(in.value) != before
}

// insert puts runes at the cursor, dropping what DisplaySafe would replace
// (a paste may carry newlines, escapes or bidi overrides) and anything past
// the limit.
func (in *lineInput) insert(rs []rune) {
	var add []rune
	for _, r := range rs {
		if r != utf8.RuneError && model.DisplaySafe(string(r)) == string(r) && len(in.value)+len(add) < lineInputLimit {
			add = append(add, r)
		}
	}
	tail := append([]rune(nil), in.value[in.pos:]...)
	in.value = append(append(in.value[:in.pos], add...), tail...)
	in.pos += len(add)
}

// View shows the text scrolled so the cursor is visible, the cursor cell
// highlighted when focused, or the placeholder when empty.
func (in *lineInput) View(focused bool, placeholder string, st *Styles) string {
	w := max(in.width, 1)
	if len(in.value) == 0 && !focused {
		return st.Subtle.Render(truncate(placeholder, w))
	}
	// Scroll: the shown window ends at the cursor when the text is longer.
	start := 0
	for start < in.pos && ansi.StringWidth(string(in.value[start:in.pos]))+1 > w {
		start++
	}
	end := start
	for end < len(in.value) && ansi.StringWidth(string(in.value[start:end+1])) <= w-1 {
		end++
	}
	var b strings.Builder
	b.WriteString(st.Value.Render(string(in.value[start:in.pos])))
	if focused {
		under := " "
		if in.pos < len(in.value) && in.pos < end {
			under = string(in.value[in.pos])
		}
		b.WriteString(st.SelectedRow.Render(under))
		if in.pos < end {
			b.WriteString(st.Value.Render(string(in.value[in.pos+1 : end])))
		}
		if len(in.value) == 0 && placeholder != "" {
			b.WriteString(st.Subtle.Render(truncate(placeholder, w-1)))
		}
	} else {
		b.WriteString(st.Value.Render(string(in.value[in.pos:end])))
	}
	return b.String()
}
