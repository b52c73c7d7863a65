// Package prompt is the ":" prompt the root draws over the footer: one
// line of input with tab completion and history. What a line means is
// model/directive's (the prompt's parser); the root runs it.
package prompt

import (
	"strings"

	"github.com/callscope/callscope/model/directive"
	"github.com/callscope/callscope/ui/common"
	"github.com/callscope/callscope/ui/table"
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"
)

// Result says what a key did to the prompt.
type Result int

const (
	// Open: still editing.
	Open Result = iota
	// Run: enter; the caller parses and runs Value.
	Run
	// Cancel: esc, or backspace on an empty line.
	Cancel
)

// Prompt is the ":" prompt the root draws over the footer: one line of
// input, tab completion that cycles through the candidates, history on
// up/down, and the last error under the line.
//
// Tab, shift+tab, up, down, ctrl+p and ctrl+n are matched by key type, as
// lineInput matches its editing keys: they are the readline conventions a
// prompt is expected to follow, and the Up/Down bindings also hold letters
// that must type here.
type Prompt struct {
	input table.LineInput
	err   string // parse or apply error, shown until the line changes

	// Completion: base is the line when tab was first pressed, [start,
	// end) the word replaced, candidates the candidates and shown the one
	// shown.
	base       string
	start, end int
	candidates []string
	shown      int

	// History walk: historyIndex indexes the history (len = the line being typed,
	// kept in draft).
	historyIndex int
	draft        string
}

// New opens an empty prompt; historyLen is the length of the history, so
// that up starts from its newest line.
func New(historyLen int) *Prompt {
	return &Prompt{historyIndex: historyLen, shown: -1}
}

// NewWith opens a prompt holding line, the cursor at its end: the O key's
// "open ", ready for what a ticket carries to be pasted.
func NewWith(historyLen int, line string) *Prompt {
	p := New(historyLen)
	p.input.SetValue(line)
	p.input.Cursor = len(p.input.Runes)
	return p
}

// Value is the line typed.
func (p *Prompt) Value() string { return p.input.Value() }

// SetError shows err under the line until the line changes.
func (p *Prompt) SetError(err error) { p.err = err.Error() }

// Update handles one key; history is the history, oldest first.
func (p *Prompt) Update(msg tea.KeyMsg, k *common.KeyMap, history []string) Result {
	switch {
	case key.Matches(msg, k.Back):
		return Cancel
	case key.Matches(msg, k.Apply):
		return Run
	}
	switch msg.Type {
	case tea.KeyTab:
		p.complete(1)
		return Open
	case tea.KeyShiftTab:
		p.complete(-1)
		return Open
	case tea.KeyUp, tea.KeyCtrlP:
		p.walk(-1, history)
		return Open
	case tea.KeyDown, tea.KeyCtrlN:
		p.walk(1, history)
		return Open
	case tea.KeyBackspace:
		if len(p.input.Runes) == 0 {
			return Cancel
		}
	}
	if p.input.Update(msg) {
		p.edited()
	}
	return Open
}

// edited ends a completion cycle and clears a stale error.
func (p *Prompt) edited() {
	p.candidates, p.shown, p.err = nil, -1, ""
}

// complete shows the next (dir 1) or previous (-1) candidate for the word
// at the cursor. A single candidate is taken with a space after it, ready
// for the next word; several cycle on each tab.
func (p *Prompt) complete(dir int) {
	if p.shown < 0 {
		line := p.input.Value()
		cur := len(string(p.input.Runes[:p.input.Cursor]))
		p.candidates = directive.Complete(line, cur)
		if len(p.candidates) == 0 {
			return
		}
		p.base = line
		p.start, p.end = directive.Span(line, cur)
		if len(p.candidates) == 1 {
			p.replace(p.candidates[0], true)
			p.candidates = nil
			return
		}
		p.shown = -1
		if dir < 0 {
			p.shown = 0
		}
	}
	p.shown = (p.shown + dir + len(p.candidates)) % len(p.candidates)
	p.replace(p.candidates[p.shown], false)
}

// replace puts word in place of the completed span of base and the
// cursor after it.
func (p *Prompt) replace(word string, done bool) {
	head, tail := p.base[:p.start]+word, p.base[p.end:]
	if done && !strings.HasPrefix(tail, " ") {
		head += " "
	}
	p.input.SetValue(head + tail)
	p.input.Cursor = len([]rune(head))
	p.err = ""
}

// walk moves through the history; moving past the newest line brings back
// what was being typed.
func (p *Prompt) walk(dir int, history []string) {
	if p.historyIndex > len(history) {
		p.historyIndex = len(history)
	}
	i := p.historyIndex + dir
	if i < 0 || i > len(history) {
		return
	}
	if p.historyIndex == len(history) {
		p.draft = p.input.Value()
	}
	p.historyIndex = i
	if i == len(history) {
		p.input.SetValue(p.draft)
	} else {
		p.input.SetValue(history[i])
	}
	p.edited()
}

// hint is the prompt's placeholder.
const hint = "direct -24h failed sip 403 · from -2h user alice@contoso.com"

// View is the prompt's two lines: the input, then the error, the
// completion candidates or the keys.
func (p *Prompt) View(width int, st *common.Styles, k *common.KeyMap) string {
	input := p.input // a copy sized to width: View changes nothing
	input.Width = max(width-1, 1)
	top := st.Accent.Render(":") + input.View(true, hint, st)
	var below string
	switch {
	case p.err != "":
		below = st.Danger.Render(common.Truncate("✗ "+p.err, width))
	case len(p.candidates) > 1:
		below = p.candidatesView(width, st)
	case opening(p.input.Value()):
		below = st.Subtle.Render(common.Truncate("paste a call id, correlationId, PSTN callId, UPN, name or phone number · "+
			k.Apply.Help().Key+" opens · "+k.Back.Help().Key+" cancels", width))
	default:
		below = st.Subtle.Render(common.Truncate("tab completes · ↑↓ history · "+k.Apply.Help().Key+" runs · "+
			k.Back.Help().Key+" cancels", width))
	}
	return top + "\n" + below
}

// opening reports a line that starts with the open directive, whose
// value the prompt cannot complete: it says what open takes instead.
func opening(line string) bool {
	f := strings.Fields(strings.TrimPrefix(strings.TrimSpace(line), ":"))
	return len(f) > 0 && strings.EqualFold(f[0], directive.Open)
}

// candidatesView lists the candidates with the one shown marked, scrolled
// so it stays in view.
func (p *Prompt) candidatesView(width int, st *common.Styles) string {
	parts := make([]string, len(p.candidates))
	for i, c := range p.candidates {
		if i == p.shown {
			// Brackets as well as the colour, for NO_COLOR terminals.
			parts[i] = st.SelectedRow.Render("[" + c + "]")
		} else {
			parts[i] = st.Subtle.Render(c)
		}
	}
	first := 0
	for first < p.shown && visibleWidth(parts[first:p.shown+1]) > width {
		first++
	}
	return common.Truncate(strings.Join(parts[first:], " "), width)
}

func visibleWidth(parts []string) int {
	w := 0
	for _, s := range parts {
		w += ansi.StringWidth(s) + 1
	}
	return w
}
