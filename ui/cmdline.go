package ui

import (
	"strings"

	"github.com/callscope/callscope/model/directive"
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"
)

// promptResult says what a key did to the prompt.
type promptResult int

const (
	// promptOpen: still editing.
	promptOpen promptResult = iota
	// promptRun: enter; the caller parses and runs Value.
	promptRun
	// promptCancel: esc, or backspace on an empty line.
	promptCancel
)

// cmdline is the ":" prompt the root draws over the footer: one line of
// input, tab completion that cycles through the candidates, history on
// up/down, and the last error under the line.
//
// Tab, shift+tab, up, down, ctrl+p and ctrl+n are matched by key type, as
// lineInput matches its editing keys: they are the readline conventions a
// prompt is expected to follow, and the Up/Down bindings also hold letters
// that must type here.
type cmdline struct {
	in  lineInput
	err string // parse or apply error, shown until the line changes

	// Completion: base is the line when tab was first pressed, [start,
	// end) the word replaced, cands the candidates and ci the one shown.
	base       string
	start, end int
	cands      []string
	ci         int

	// History walk: hi indexes the history (len = the line being typed,
	// kept in draft).
	hi    int
	draft string
}

func newCmdline(histLen int) *cmdline {
	return &cmdline{hi: histLen, ci: -1}
}

// Value is the line typed.
func (p *cmdline) Value() string { return p.in.Value() }

// SetError shows err under the line until the line changes.
func (p *cmdline) SetError(err error) { p.err = err.Error() }

// Update handles one key; hist is the history, oldest first.
func (p *cmdline) Update(msg tea.KeyMsg, k *KeyMap, hist []string) promptResult {
	switch {
	case key.Matches(msg, k.Back):
		return promptCancel
	case key.Matches(msg, k.Apply):
		return promptRun
	}
	switch msg.Type {
	case tea.KeyTab:
		p.complete(1)
		return promptOpen
	case tea.KeyShiftTab:
		p.complete(-1)
		return promptOpen
	case tea.KeyUp, tea.KeyCtrlP:
		p.walk(-1, hist)
		return promptOpen
	case tea.KeyDown, tea.KeyCtrlN:
		p.walk(1, hist)
		return promptOpen
	case tea.KeyBackspace:
		if len(p.in.value) == 0 {
			return promptCancel
		}
	}
	if p.in.Update(msg) {
		p.edited()
	}
	return promptOpen
}

// edited ends a completion cycle and clears a stale error.
func (p *cmdline) edited() {
	p.cands, p.ci, p.err = nil, -1, ""
}

// complete shows the next (dir 1) or previous (-1) candidate for the word
// at the cursor. A single candidate is taken with a space after it, ready
// for the next word; several cycle on each tab.
func (p *cmdline) complete(dir int) {
	if p.ci < 0 {
		line := p.in.Value()
		cur := len(string(p.in.value[:p.in.pos]))
		p.cands = directive.Complete(line, cur)
		if len(p.cands) == 0 {
			return
		}
		p.base = line
		p.start, p.end = directive.Span(line, cur)
		if len(p.cands) == 1 {
			p.replace(p.cands[0], true)
			p.cands = nil
			return
		}
		p.ci = -1
		if dir < 0 {
			p.ci = 0
		}
	}
	p.ci = (p.ci + dir + len(p.cands)) % len(p.cands)
	p.replace(p.cands[p.ci], false)
}

// replace puts word in place of the completed span of base and the
// cursor after it.
func (p *cmdline) replace(word string, done bool) {
	head, tail := p.base[:p.start]+word, p.base[p.end:]
	if done && !strings.HasPrefix(tail, " ") {
		head += " "
	}
	p.in.SetValue(head + tail)
	p.in.pos = len([]rune(head))
	p.err = ""
}

// walk moves through the history; moving past the newest line brings back
// what was being typed.
func (p *cmdline) walk(dir int, hist []string) {
	if p.hi > len(hist) {
		p.hi = len(hist)
	}
	i := p.hi + dir
	if i < 0 || i > len(hist) {
		return
	}
	if p.hi == len(hist) {
		p.draft = p.in.Value()
	}
	p.hi = i
	if i == len(hist) {
		p.in.SetValue(p.draft)
	} else {
		p.in.SetValue(hist[i])
	}
	p.edited()
}

// promptHint is the prompt's placeholder.
const promptHint = "direct -24h failed sip 403 · from -2h user alice@contoso.com"

// View is the prompt's two lines: the input, then the error, the
// completion candidates or the keys.
func (p *cmdline) View(width int, st *Styles, k *KeyMap) string {
	p.in.width = max(width-1, 1)
	top := st.Accent.Render(":") + p.in.View(true, promptHint, st)
	var below string
	switch {
	case p.err != "":
		below = st.Danger.Render(truncate("✗ "+p.err, width))
	case len(p.cands) > 1:
		below = p.candidatesView(width, st)
	default:
		below = st.Subtle.Render(truncate("tab completes · ↑↓ history · "+k.Apply.Help().Key+" runs · "+
			k.Back.Help().Key+" cancels", width))
	}
	return top + "\n" + below
}

// candidatesView lists the candidates with the one shown marked, scrolled
// so it stays in view.
func (p *cmdline) candidatesView(width int, st *Styles) string {
	parts := make([]string, len(p.cands))
	for i, c := range p.cands {
		if i == p.ci {
			// Brackets as well as the colour, for NO_COLOR terminals.
			parts[i] = st.SelectedRow.Render("[" + c + "]")
		} else {
			parts[i] = st.Subtle.Render(c)
		}
	}
	first := 0
	for first < p.ci && visibleWidth(parts[first:p.ci+1]) > width {
		first++
	}
	return truncate(strings.Join(parts[first:], " "), width)
}

func visibleWidth(parts []string) int {
	w := 0
	for _, s := range parts {
		w += ansi.StringWidth(s) + 1
	}
	return w
}
