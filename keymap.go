package main

import (
	"fmt"
	"reflect"
	"strings"
	"unicode"

	"github.com/callscope/callscope/ui"
	"github.com/charmbracelet/bubbles/key"
)

// defaultKeyMap is the one place key strings live. Screens disable the
// bindings that do not apply, so the help shown is always honest.
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

// Key overrides from the config file's keys: section. Bindings are named
// by their KeyMap field in snake_case (Quit is quit, CopyID is copy_id,
// RequestLog is request_log), found by reflection so that a binding added
// to KeyMap can be overridden without touching this code.

// keyBindingNames lists every binding a config file may rebind.
func keyBindingNames() []string {
	t := reflect.TypeOf(ui.KeyMap{})
	var names []string
	for i := 0; i < t.NumField(); i++ {
		if t.Field(i).Type == reflect.TypeOf(key.Binding{}) {
			names = append(names, snakeCase(t.Field(i).Name))
		}
	}
	return names
}

// applyKeyOverrides rebinds the bindings named in over (binding name →
// keys) and shows the new keys in their help, keeping the description.
func applyKeyOverrides(km ui.KeyMap, over map[string][]string) (ui.KeyMap, error) {
	v := reflect.ValueOf(&km).Elem()
	for name, keys := range over {
		f, ok := bindingField(v, name)
		if !ok {
			return km, fmt.Errorf("keys.%s: unknown binding (bindings: %s)", name, strings.Join(keyBindingNames(), ", "))
		}
		if len(keys) == 0 {
			return km, fmt.Errorf("keys.%s: want at least one key", name)
		}
		*f = key.NewBinding(key.WithKeys(keys...), key.WithHelp(keyHelp(keys), f.Help().Desc))
	}
	return km, nil
}

// bindingField finds the binding a config file names.
func bindingField(v reflect.Value, name string) (*key.Binding, bool) {
	t := v.Type()
	for i := 0; i < t.NumField(); i++ {
		if snakeCase(t.Field(i).Name) == name {
			b, ok := v.Field(i).Addr().Interface().(*key.Binding)
			return b, ok
		}
	}
	return nil, false
}

// keyHelp is how help shows a list of keys: "↑/k", "ctrl+q".
func keyHelp(keys []string) string {
	arrows := map[string]string{"up": "↑", "down": "↓", "left": "←", "right": "→"}
	shown := make([]string, len(keys))
	for i, k := range keys {
		shown[i] = k
		if a, ok := arrows[k]; ok {
			shown[i] = a
		}
	}
	return strings.Join(shown, "/")
}

// snakeCase turns a Go field name into a config name: CopyID → copy_id,
// RawJSON → raw_json, PageUp → page_up.
func snakeCase(s string) string {
	r := []rune(s)
	var b strings.Builder
	for i, c := range r {
		if unicode.IsUpper(c) && i > 0 {
			prevLower := unicode.IsLower(r[i-1]) || unicode.IsDigit(r[i-1])
			acronymEnd := unicode.IsUpper(r[i-1]) && i+1 < len(r) && unicode.IsLower(r[i+1])
			if prevLower || acronymEnd {
				b.WriteByte('_')
			}
		}
		b.WriteRune(unicode.ToLower(c))
	}
	return b.String()
}
