package cli

import (
	"fmt"
	"reflect"
	"strings"
	"unicode"

	"github.com/callscope/callscope/ui"
	"github.com/charmbracelet/bubbles/key"
)

// Key overrides from the config file's keys: section. Bindings are named
// by their ui.KeyMap field in snake_case (Quit is quit, CopyID is copy_id,
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
