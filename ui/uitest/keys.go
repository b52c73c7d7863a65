package uitest

import (
	"github.com/callscope/callscope/ui/common"
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
)

// Keys is the key map of UI tests. It is built here rather than read from
// the top-level keymap.go (package main), whose own test checks that file;
// the bindings are the defaults so that help lines in goldens read as a
// user sees them.
func Keys() common.KeyMap {
	b := func(help string, keys ...string) key.Binding {
		return key.NewBinding(key.WithKeys(keys...), key.WithHelp(keys[0], help))
	}
	return common.KeyMap{
		Up:           key.NewBinding(key.WithKeys("up", "k"), key.WithHelp("↑/k", "up")),
		Down:         key.NewBinding(key.WithKeys("down", "j"), key.WithHelp("↓/j", "down")),
		PageUp:       key.NewBinding(key.WithKeys("pgup"), key.WithHelp("pgup", "page up")),
		PageDown:     key.NewBinding(key.WithKeys("pgdown"), key.WithHelp("pgdn", "page down")),
		Home:         key.NewBinding(key.WithKeys("home", "g"), key.WithHelp("g/home", "first")),
		End:          key.NewBinding(key.WithKeys("end", "G"), key.WithHelp("G/end", "last")),
		Open:         b("open", "enter"),
		Back:         b("back", "esc"),
		Filter:       b("range/filter", "F"),
		Search:       b("search", "/"),
		NextView:     b("next view", "tab"),
		ViewCalls:    b("calls", "1"),
		ViewDirect:   b("direct routing", "2"),
		ViewPstn:     b("pstn", "3"),
		Reload:       b("reload", "r"),
		CopyID:       b("copy id", "y"),
		Export:       b("export", "e"),
		ToggleUTC:    b("utc/local", "t"),
		RawJSON:      b("json", "v"),
		FailuresOnly: b("failures only", "f"),
		Sort:         b("sort", "s"),
		Summary:      b("triage summary", "a"),
		Dismiss:      b("dismiss", "x"),
		Help:         b("help", "?"),
		Quit:         b("quit", "q"),
		ForceQuit:    key.NewBinding(key.WithKeys("ctrl+c"), key.WithHelp("ctrl+c", "quit")),
		NextField:    key.NewBinding(key.WithKeys("tab", "down"), key.WithHelp("tab", "next field")),
		PrevField:    key.NewBinding(key.WithKeys("shift+tab", "up"), key.WithHelp("shift+tab", "previous field")),
		Apply:        b("apply", "enter"),
		OpenRecord:   b("open call record", "o"),
		Command:      b("command", ":"),
		RequestLog:   b("request log", "L"),
		Left:         key.NewBinding(key.WithKeys("left", "h"), key.WithHelp("←/h", "previous")),
		Right:        key.NewBinding(key.WithKeys("right", "l"), key.WithHelp("→/l", "next")),
		NextMatch:    b("next match", "n"),
		PrevMatch:    b("previous match", "N"),
		Watch:        b("watch", "w"),
		OpenAny:      b("open anything", "O"),
		Columns:      b("columns", "c"),
		Timeline:     b("timeline", "p"),
		Toggle:       key.NewBinding(key.WithKeys(" "), key.WithHelp("space", "show/hide")),
	}
}

// Key messages for tests, built the way Bubble Tea parses input.
var (
	KeyDown     = tea.KeyMsg{Type: tea.KeyDown}
	KeyUp       = tea.KeyMsg{Type: tea.KeyUp}
	KeyPageDown = tea.KeyMsg{Type: tea.KeyPgDown}
	KeyPageUp   = tea.KeyMsg{Type: tea.KeyPgUp}
	KeyHome     = tea.KeyMsg{Type: tea.KeyHome}
	KeyEnd      = tea.KeyMsg{Type: tea.KeyEnd}
	KeyEnter    = tea.KeyMsg{Type: tea.KeyEnter}
	KeyEsc      = tea.KeyMsg{Type: tea.KeyEsc}
	KeyTab      = tea.KeyMsg{Type: tea.KeyTab}
)

// KeyRune is the key message for typing r.
func KeyRune(r rune) tea.KeyMsg { return tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{r}} }

// TypeText is the key messages for typing s.
func TypeText(s string) []tea.KeyMsg {
	var out []tea.KeyMsg
	for _, r := range s {
		if r == ' ' {
			out = append(out, tea.KeyMsg{Type: tea.KeySpace, Runes: []rune{' '}})
			continue
		}
		out = append(out, KeyRune(r))
	}
	return out
}
