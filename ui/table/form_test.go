package table

import (
	"strings"
	"testing"
	"time"

	"github.com/callscope/callscope/ui/common"
	"github.com/callscope/callscope/ui/uitest"
	tea "github.com/charmbracelet/bubbletea"
)

// digitsForm has two fields; the first must be digits, and a value over 100
// warns.
func digitsForm(c *common.Common) *Form {
	return NewForm(c, "Test form", []FormField{
		{Label: "Number", Hint: "digits only"},
		{Label: "Note", Value: "hi"},
	}, func(v []string) ([]string, []string) {
		errs, warns := make([]string, 2), make([]string, 2)
		if strings.Trim(v[0], "0123456789") != "" || v[0] == "" {
			errs[0] = "want digits"
		} else if len(v[0]) > 2 {
			warns[0] = "that is a lot"
		}
		return errs, warns
	})
}

func feed(f *Form, keys ...tea.KeyMsg) FormResult {
	res := FormOpen
	for _, k := range keys {
		res, _ = f.Update(k)
	}
	return res
}

func TestFormErrorsShowOnlyAfterApplyAndFollowTyping(t *testing.T) {
	f := digitsForm(uitest.Common(time.Unix(0, 0)))
	feed(f, uitest.KeyRune('x'))
	if f.Errors()[0] != "" || strings.Contains(f.View(), "want digits") {
		t.Fatal("errors must wait for an apply")
	}
	if res := feed(f, uitest.KeyEnter); res != FormOpen {
		t.Fatalf("apply with an error: %v, want formOpen", res)
	}
	if f.Errors()[0] != "want digits" || !strings.Contains(f.View(), "✗ want digits") {
		t.Fatalf("inline error missing:\n%s", f.View())
	}
	feed(f, tea.KeyMsg{Type: tea.KeyBackspace}, uitest.KeyRune('4'), uitest.KeyRune('2'))
	if f.Errors()[0] != "" {
		t.Fatal("a fixed field must clear its error while typing")
	}
	feed(f, uitest.KeyRune('0'))
	if !strings.Contains(f.View(), "! that is a lot") {
		t.Fatalf("warning missing:\n%s", f.View())
	}
	if res := feed(f, uitest.KeyEnter); res != FormApplied {
		t.Fatalf("warnings must not block: %v", res)
	}
	if v := f.Values(); v[0] != "420" || v[1] != "hi" {
		t.Fatalf("values %q", v)
	}
}

func TestFormFieldNavigationAndCancel(t *testing.T) {
	f := digitsForm(uitest.Common(time.Unix(0, 0)))
	feed(f, uitest.KeyTab)
	if f.Focused() != 1 {
		t.Fatalf("tab: focus %d", f.Focused())
	}
	feed(f, uitest.TypeText(" there")...)
	feed(f, uitest.KeyTab)
	if f.Focused() != 0 {
		t.Fatalf("tab wraps: focus %d", f.Focused())
	}
	feed(f, tea.KeyMsg{Type: tea.KeyShiftTab})
	if f.Focused() != 1 {
		t.Fatalf("shift+tab: focus %d", f.Focused())
	}
	if v := f.Values()[1]; v != "hi there" {
		t.Fatalf("note %q", v)
	}
	if res := feed(f, uitest.KeyEsc); res != FormCancelled {
		t.Fatalf("esc: %v", res)
	}
}

func TestLineInputEditing(t *testing.T) {
	var in LineInput
	in.Width = 10
	in.SetValue("2026-11-20")
	steps := []struct {
		k    tea.KeyMsg
		want string
	}{
		{tea.KeyMsg{Type: tea.KeyBackspace}, "2026-11-2"},
		{tea.KeyMsg{Type: tea.KeyHome}, "2026-11-2"},
		{tea.KeyMsg{Type: tea.KeyDelete}, "026-11-2"},
		{uitest.KeyRune('1'), "1026-11-2"},
		{tea.KeyMsg{Type: tea.KeyEnd}, "1026-11-2"},
		{tea.KeyMsg{Type: tea.KeySpace}, "1026-11-2 "},
		{uitest.KeyRune('x'), "1026-11-2 x"},
		{tea.KeyMsg{Type: tea.KeyCtrlW}, "1026-11-2 "},
		{tea.KeyMsg{Type: tea.KeyLeft}, "1026-11-2 "},
		{tea.KeyMsg{Type: tea.KeyCtrlK}, "1026-11-2"},
		{tea.KeyMsg{Type: tea.KeyCtrlU}, ""},
		{tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("a\nb\x1bc"), Paste: true}, "abc"},
	}
	for i, s := range steps {
		in.Update(s.k)
		if in.Value() != s.want {
			t.Fatalf("step %d: %q, want %q", i, in.Value(), s.want)
		}
	}
	in.SetValue(strings.Repeat("x", 40))
	st := common.DefaultStyles()
	if v := in.View(true, "", &st); len(v) > 20 {
		t.Fatalf("view not scrolled to the width: %q", v)
	}
}

func TestFormNarrowWidthDoesNotPanic(t *testing.T) {
	f := digitsForm(uitest.Common(time.Unix(0, 0)))
	for w := 0; w < 30; w++ {
		f.SetWidth(w)
		feed(f, uitest.KeyRune('x'), uitest.KeyEnter)
		_ = f.View()
	}
}
