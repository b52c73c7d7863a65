package uitest

import (
	"reflect"
	"slices"
	"testing"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
)

// TestKeysBindEveryAction fails when a binding is added to KeyMap but not
// to the test key map, which would leave that action untestable.
func TestKeysBindEveryAction(t *testing.T) {
	v := reflect.ValueOf(Keys())
	for i := range v.NumField() {
		if b := v.Field(i).Interface().(key.Binding); len(b.Keys()) == 0 || b.Help().Desc == "" {
			t.Errorf("KeyMap.%s has no keys or no help in uitest.Keys", v.Type().Field(i).Name)
		}
	}
}

// TestSettleRunsBatchesAndSequencesInOrder: what a batch or a sequence
// holds runs before what was queued after it, and each delivered command
// runs too.
func TestSettleRunsBatchesAndSequencesInOrder(t *testing.T) {
	say := func(s string) tea.Cmd { return func() tea.Msg { return s } }
	var got []string
	Settle(t, tea.Batch(tea.Sequence(say("a"), say("b")), say("c")), func(m tea.Msg) tea.Cmd {
		got = append(got, m.(string))
		if m == "a" {
			return say("a2")
		}
		return nil
	})
	if want := []string{"a", "b", "c", "a2"}; !slices.Equal(got, want) {
		t.Errorf("delivered %q, want %q", got, want)
	}
}
