package ui

import (
	"testing"
	"time"

	"github.com/callscope/callscope/ui/common"
	"github.com/callscope/callscope/ui/uitest"
	"github.com/charmbracelet/bubbles/spinner"
	tea "github.com/charmbracelet/bubbletea"
)

// loadedApp is the explorer over 60 calls, settled, with copies recorded.
func loadedApp(t *testing.T) (*App, *string) {
	t.Helper()
	client, _ := fakeClient(t, 60)
	copied := new(string)
	a := New(Options{Client: client, Keys: uitest.Keys(), Styles: common.DefaultStyles(), Now: func() time.Time { return uitest.T0 },
		UTC: true, Copy: func(s string) error { *copied = s; return nil }})
	a.Update(tea.WindowSizeMsg{Width: 120, Height: 30})
	uitest.Settle(t, a.Init(), func(m tea.Msg) tea.Cmd {
		if _, tick := m.(spinner.TickMsg); tick {
			return nil
		}
		_, next := a.Update(m)
		return next
	})
	return a, copied
}

// Five j delivered in one read move the cursor five rows, as five key
// messages would; y then copies the sixth call's id.
func TestRunesInOneReadAreSeparateKeys(t *testing.T) {
	a, copied := loadedApp(t)
	a.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("jjjjj")})
	_, cmd := a.Update(uitest.KeyRune('y'))
	uitest.Messages(cmd)
	if *copied != uitest.ID(5) {
		t.Fatalf("after jjjjj in one message the cursor is on %q, want row 6 (%q)", *copied, uitest.ID(5))
	}
}

// A bracketed paste is text for an input: the list ignores it, the ':'
// prompt takes it whole.
func TestPasteGoesOnlyToATextInput(t *testing.T) {
	a, copied := loadedApp(t)
	a.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("jjjjj"), Paste: true})
	_, cmd := a.Update(uitest.KeyRune('y'))
	uitest.Messages(cmd)
	if *copied != uitest.ID(0) {
		t.Fatalf("a paste moved the list: cursor on %q", *copied)
	}
	a.Update(uitest.KeyRune(':'))
	a.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("from -2h"), Paste: true})
	if a.prompt == nil || a.prompt.Value() != "from -2h" {
		t.Fatalf("the prompt did not take the paste whole")
	}
}
