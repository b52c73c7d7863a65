package prompt

import (
	"strings"
	"testing"

	"github.com/callscope/callscope/ui/common"
	"github.com/callscope/callscope/ui/uitest"
	tea "github.com/charmbracelet/bubbletea"
)

func TestNewWithHoldsTheLineReadyToType(t *testing.T) {
	k := uitest.Keys()
	st := common.DefaultStyles()
	p := NewWith(0, "open ")
	if p.Value() != "open " {
		t.Fatalf("prefilled = %q", p.Value())
	}
	if v := p.View(120, &st, &k); !strings.Contains(v, "paste a call id") {
		t.Errorf("the prompt does not say what open takes:\n%s", v)
	}
	// A pasted value goes after the words, where the cursor stands.
	paste := tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("+49 30 1234-567"), Paste: true}
	if res := p.Update(paste, &k, nil); res != Open || p.Value() != "open +49 30 1234-567" {
		t.Fatalf("after a paste: %v %q", res, p.Value())
	}
	if res := p.Update(uitest.KeyEnter, &k, nil); res != Run {
		t.Fatalf("enter: %v", res)
	}
	// Tab offers nothing inside open's value: the line stays as pasted.
	p.Update(uitest.KeyTab, &k, nil)
	if p.Value() != "open +49 30 1234-567" {
		t.Errorf("tab changed the value: %q", p.Value())
	}
	// Other lines keep the usual keys line.
	if v := New(0).View(120, &st, &k); strings.Contains(v, "paste a call id") || !strings.Contains(v, "tab completes") {
		t.Errorf("an empty prompt:\n%s", v)
	}
}
