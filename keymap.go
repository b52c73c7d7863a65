package main

import (
	"github.com/callscope/callscope/ui"
	"github.com/charmbracelet/bubbles/key"
)

// defaultKeyMap is the one place key strings live. Screens disable the
// bindings that do not apply, so the help shown is always honest; the
// config file's keys: section rebinds them (ui/cli).
func defaultKeyMap() ui.KeyMap {
	b := func(help string, keys ...string) key.Binding {
		return key.NewBinding(key.WithKeys(keys...), key.WithHelp(keys[0], help))
	}
	return ui.KeyMap{
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
