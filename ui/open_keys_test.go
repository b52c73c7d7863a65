package ui

import (
	"testing"

	"github.com/callscope/callscope/ui/record"
	"github.com/callscope/callscope/ui/uitest"
	tea "github.com/charmbracelet/bubbletea"
)

// O opens the prompt holding "open "; a pasted id and enter land on the
// record, and the line is kept in the history.
func TestOKeyPasteAndEnterOpensTheRecord(t *testing.T) {
	a, r := openApp(t)
	r.update(uitest.KeyRune('O'))
	if a.prompt == nil || a.prompt.Value() != "open " {
		t.Fatalf("O: prompt %v", a.prompt)
	}
	r.update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("{" + uitest.ID(1) + "}"), Paste: true})
	r.update(uitest.KeyEnter)
	if rs, ok := a.top().(*record.Screen); a.prompt != nil || !ok || rs.ID() != uitest.ID(1) {
		t.Fatalf("prompt %v, top %T", a.prompt, a.top())
	}
	if h := a.history.Lines; len(h) != 1 || h[0] != "open {"+uitest.ID(1)+"}" {
		t.Errorf("history %q", h)
	}
}

// ":open" of something it cannot read keeps the prompt open with the line
// and says what works.
func TestColonOpenOfNothingSaysWhatWorks(t *testing.T) {
	a, r := openApp(t)
	r.run("open ---")
	if a.prompt == nil || a.prompt.Value() != "open ---" {
		t.Fatalf("prompt %v", a.prompt)
	}
	uitest.ViewHas(t, a.View(), "nothing to open")
	r.update(uitest.KeyEsc)
	r.run("open +49 30 1234567-0")
	if a.view != ViewDirect || a.prompt != nil {
		t.Errorf("view %d, prompt %v", a.view, a.prompt)
	}
}
