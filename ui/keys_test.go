package ui

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"reflect"
	"strconv"
	"sync"
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

// testKeys is defaultKeyMap, read from the top-level keymap.go (package
// main, which ui tests cannot import) so that key strings keep living in
// that one file and the tests can never drift from it.
func testKeys() KeyMap {
	keymapOnce.Do(func() { keymapParsed, keymapErr = parseDefaultKeyMap("../keymap.go") })
	if keymapErr != nil {
		panic("testKeys: " + keymapErr.Error())
	}
	return keymapParsed
}

var (
	keymapOnce   sync.Once
	keymapParsed KeyMap
	keymapErr    error
)

// parseDefaultKeyMap reads the ui.KeyMap literal that defaultKeyMap
// returns. Each field is either b("help", keys...) or
// key.NewBinding(key.WithKeys(keys...), key.WithHelp(shown, help)).
func parseDefaultKeyMap(path string) (KeyMap, error) {
	var km KeyMap
	f, err := parser.ParseFile(token.NewFileSet(), path, nil, 0)
	if err != nil {
		return km, err
	}
	var lit *ast.CompositeLit
	ast.Inspect(f, func(n ast.Node) bool {
		if fd, ok := n.(*ast.FuncDecl); ok && fd.Name.Name == "defaultKeyMap" {
			ast.Inspect(fd, func(n ast.Node) bool {
				if r, ok := n.(*ast.ReturnStmt); ok && len(r.Results) == 1 {
					lit, _ = r.Results[0].(*ast.CompositeLit)
				}
				return lit == nil
			})
		}
		return lit == nil
	})
	if lit == nil {
		return km, fmt.Errorf("%s: no KeyMap literal in defaultKeyMap", path)
	}
	v := reflect.ValueOf(&km).Elem()
	for _, e := range lit.Elts {
		kv, ok := e.(*ast.KeyValueExpr)
		if !ok {
			return km, fmt.Errorf("%s: unexpected element %T", path, e)
		}
		name := kv.Key.(*ast.Ident).Name
		call, ok := kv.Value.(*ast.CallExpr)
		if !ok {
			return km, fmt.Errorf("%s: %s is not a call", path, name)
		}
		var keys []string
		var shown, help string
		if id, ok := call.Fun.(*ast.Ident); ok && id.Name == "b" {
			strs := stringArgs(call.Args)
			help, keys, shown = strs[0], strs[1:], strs[1]
		} else {
			for _, arg := range call.Args {
				inner := arg.(*ast.CallExpr)
				switch inner.Fun.(*ast.SelectorExpr).Sel.Name {
				case "WithKeys":
					keys = stringArgs(inner.Args)
				case "WithHelp":
					strs := stringArgs(inner.Args)
					shown, help = strs[0], strs[1]
				}
			}
		}
		field := v.FieldByName(name)
		if !field.IsValid() || len(keys) == 0 {
			return km, fmt.Errorf("%s: binding %s unknown or without keys", path, name)
		}
		field.Set(reflect.ValueOf(key.NewBinding(key.WithKeys(keys...), key.WithHelp(shown, help))))
	}
	return km, nil
}

func stringArgs(args []ast.Expr) []string {
	var out []string
	for _, a := range args {
		if bl, ok := a.(*ast.BasicLit); ok && bl.Kind == token.STRING {
			s, _ := strconv.Unquote(bl.Value)
			out = append(out, s)
		}
	}
	return out
}

// TestKeymapParsedCompletely fails when a binding is added to KeyMap but
// not to keymap.go's defaults.
func TestKeymapParsedCompletely(t *testing.T) {
	v := reflect.ValueOf(testKeys())
	for i := range v.NumField() {
		if b := v.Field(i).Interface().(key.Binding); len(b.Keys()) == 0 {
			t.Errorf("KeyMap.%s has no default keys in keymap.go", v.Type().Field(i).Name)
		}
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
