package table

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/callscope/callscope/model"
	"github.com/callscope/callscope/ui/common"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"
)

// lineInputLimit bounds what a field holds; no filter value comes near it.
const lineInputLimit = 256

// LineInput is a one-line text input for the shared form. It stands in for
// bubbles' textinput, which would pull a clipboard package into the module,
// and it draws no blinking cursor, so frames change only on input.
//
// Editing keys are matched by key type rather than by binding: they are
// the terminal's line-editing conventions, not commands a user remaps.
type LineInput struct {
	Runes  []rune
	Cursor int // cursor, in runes
	Width  int // cells the text is shown in
}

// SetValue replaces the text and puts the cursor at its end.
func (in *LineInput) SetValue(s string) {
	in.Runes, in.Cursor = in.Runes[:0], 0
	in.insert([]rune(s))
}

// Value is the text typed.
func (in *LineInput) Value() string { return string(in.Runes) }

// Update edits for one key and reports whether the text changed.
func (in *LineInput) Update(km tea.KeyMsg) bool {
	before := string(in.Runes)
	switch km.Type {
	case tea.KeyRunes:
		in.insert(km.Runes)
	case tea.KeySpace:
		in.insert([]rune{' '})
	case tea.KeyBackspace, tea.KeyCtrlH:
		if in.Cursor > 0 {
			in.Runes = append(in.Runes[:in.Cursor-1], in.Runes[in.Cursor:]...)
			in.Cursor--
		}
	case tea.KeyDelete, tea.KeyCtrlD:
		if in.Cursor < len(in.Runes) {
			in.Runes = append(in.Runes[:in.Cursor], in.Runes[in.Cursor+1:]...)
		}
	case tea.KeyLeft, tea.KeyCtrlB:
		in.Cursor = max(in.Cursor-1, 0)
	case tea.KeyRight, tea.KeyCtrlF:
		in.Cursor = min(in.Cursor+1, len(in.Runes))
	case tea.KeyHome, tea.KeyCtrlA:
		in.Cursor = 0
	case tea.KeyEnd, tea.KeyCtrlE:
		in.Cursor = len(in.Runes)
	case tea.KeyCtrlU:
		in.Runes = append(in.Runes[:0], in.Runes[in.Cursor:]...)
		in.Cursor = 0
	case tea.KeyCtrlK:
		in.Runes = in.Runes[:in.Cursor]
	case tea.KeyCtrlW:
		i := in.Cursor
		for i > 0 && unicode.IsSpace(in.Runes[i-1]) {
			i--
		}
		for i > 0 && !unicode.IsSpace(in.Runes[i-1]) {
			i--
		}
		in.Runes = append(in.Runes[:i], in.Runes[in.Cursor:]...)
		in.Cursor = i
	}
	return string(in.Runes) != before
}

// insert puts runes at the cursor, dropping what DisplaySafe would replace
// (a paste may carry newlines, escapes or bidi overrides) and anything past
// the limit.
func (in *LineInput) insert(rs []rune) {
	var add []rune
	for _, r := range rs {
		if r != utf8.RuneError && model.DisplaySafe(string(r)) == string(r) && len(in.Runes)+len(add) < lineInputLimit {
			add = append(add, r)
		}
	}
	tail := append([]rune(nil), in.Runes[in.Cursor:]...)
	in.Runes = append(append(in.Runes[:in.Cursor], add...), tail...)
	in.Cursor += len(add)
}

// View shows the text scrolled so the cursor is visible, the cursor cell
// highlighted when focused, or the placeholder when empty.
func (in *LineInput) View(focused bool, placeholder string, st *common.Styles) string {
	w := max(in.Width, 1)
	if len(in.Runes) == 0 && !focused {
		return st.Subtle.Render(common.Truncate(placeholder, w))
	}
	// Scroll: the shown window ends at the cursor when the text is longer.
	start := 0
	for start < in.Cursor && ansi.StringWidth(string(in.Runes[start:in.Cursor]))+1 > w {
		start++
	}
	end := start
	for end < len(in.Runes) && ansi.StringWidth(string(in.Runes[start:end+1])) <= w-1 {
		end++
	}
	var b strings.Builder
	b.WriteString(st.Value.Render(string(in.Runes[start:in.Cursor])))
	if focused {
		under := " "
		if in.Cursor < len(in.Runes) && in.Cursor < end {
			under = string(in.Runes[in.Cursor])
		}
		b.WriteString(st.SelectedRow.Render(under))
		if in.Cursor < end {
			b.WriteString(st.Value.Render(string(in.Runes[in.Cursor+1 : end])))
		}
		if len(in.Runes) == 0 && placeholder != "" {
			b.WriteString(st.Subtle.Render(common.Truncate(placeholder, w-1)))
		}
	} else {
		b.WriteString(st.Value.Render(string(in.Runes[in.Cursor:end])))
	}
	return b.String()
}
