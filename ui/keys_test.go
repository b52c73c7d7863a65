package ui

import (
	"os"
	"testing"
	"time"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"
)

// TestMain makes every ui test render without colour, so goldens are
// plain text whatever terminal runs them.
func TestMain(m *testing.M) {
	lipgloss.SetColorProfile(termenv.Ascii)
	os.Exit(m.Run())
}

// testKeys mirrors defaultKeyMap in the top-level keymap.go (package main,
// which ui tests cannot import). Keep the two in step.
func testKeys() KeyMap {
	b := func(help string, keys ...string) key.Binding {
		return key.NewBinding(key.WithKeys(keys...), key.WithHelp(keys[0], help))
	}
	return KeyMap{
		Up:           key.NewBinding(key.WithKeys("up", "k"), key.WithHelp("↑/k", "up")),
		Down:         key.NewBinding(key.WithKeys("down", "j"), key.WithHelp("↓/j", "down")),
		PageUp:       key.NewBinding(key.WithKeys("pgup"), key.WithHelp("pgup", "page up")),
		PageDown:     key.NewBinding(key.WithKeys("pgdown"), key.WithHelp("pgdn", "page down")),
		Home:         key.NewBinding(key.WithKeys("home", "g"), key.WithHelp("g/home", "first")),
		End:          key.NewBinding(key.WithKeys("end", "G"), key.WithHelp("G/end", "last")),
		Open:         b("open", "enter"),
		Back:         b("back", "esc"),
		Filter:       b("filter", "/"),
		NextView:     b("next view", "tab"),
		ViewCalls:    b("calls", "1"),
		ViewDirect:   b("direct routing", "2"),
		ViewPstn:     b("pstn", "3"),
		Reload:       b("reload", "r"),
		CopyID:       b("copy id", "y"),
		Export:       b("export", "e"),
		ToggleUTC:    b("utc/local", "t"),
		RawJSON:      b("raw json", "v"),
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
	}
}

// testCommon is a Common for screen tests: test keys, default styles, a
// frozen clock at now, UTC display, no client.
func testCommon(now time.Time) *Common {
	return &Common{Keys: testKeys(), Styles: DefaultStyles(), Now: func() time.Time { return now },
		Prefs: &Prefs{UTC: true}}
}

// Key messages for tests, built the way Bubble Tea parses input.
var (
	keyDown  = tea.KeyMsg{Type: tea.KeyDown}
	keyUp    = tea.KeyMsg{Type: tea.KeyUp}
	keyPgDn  = tea.KeyMsg{Type: tea.KeyPgDown}
	keyPgUp  = tea.KeyMsg{Type: tea.KeyPgUp}
	keyHome  = tea.KeyMsg{Type: tea.KeyHome}
	keyEnd   = tea.KeyMsg{Type: tea.KeyEnd}
	keyEnter = tea.KeyMsg{Type: tea.KeyEnter}
	keyEsc   = tea.KeyMsg{Type: tea.KeyEsc}
	keyTab   = tea.KeyMsg{Type: tea.KeyTab}
)

// keyRune is the key message for typing r.
func keyRune(r rune) tea.KeyMsg { return tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{r}} }

// typeText is the key messages for typing s.
func typeText(s string) []tea.KeyMsg {
	var out []tea.KeyMsg
	for _, r := range s {
		if r == ' ' {
			out = append(out, tea.KeyMsg{Type: tea.KeySpace, Runes: []rune{' '}})
			continue
		}
		out = append(out, keyRune(r))
	}
	return out
}
