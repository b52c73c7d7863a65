package ui

import (
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
)

// digitsForm has two fields; the first must be digits, and a value over 100
// warns.
func digitsForm(c *Common) *form {
	return newForm(c, "Test form", []formField{
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

func feed(f *form, keys ...tea.KeyMsg) formResult {
	res := formOpen
	for _, k := range keys {
		res, _ = f.Update(k)
	}
	return res
}

func TestFormErrorsShowOnlyAfterApplyAndFollowTyping(t *testing.T) {
	f := digitsForm(testCommon(time.Unix(0, 0)))
	feed(f, keyRune('x'))
	if f.Errors()[0] != "" || strings.Contains(f.View(), "want digits") {
		t.Fatal("errors must wait for an apply")
	}
	if res := feed(f, keyEnter); res != formOpen {
		t.Fatalf("apply with an error: %v, want formOpen", res)
	}
	if f.Errors()[0] != "want digits" || !strings.Contains(f.View(), "✗ want digits") {
		t.Fatalf("inline error missing:\n%s", f.View())
	}
	feed(f, tea.KeyMsg{Type: tea.KeyBackspace}, keyRune('4'), keyRune('2'))
	if f.Errors()[0] != "" {
		t.Fatal("a fixed field must clear its error while typing")
	}
	feed(f, keyRune('0'))
	if !strings.Contains(f.View(), "! that is a lot") {
		t.Fatalf("warning missing:\n%s", f.View())
	}
	if res := feed(f, keyEnter); res != formApplied {
		t.Fatalf("warnings must not block: %v", res)
	}
	if v := f.Values(); v[0] != "420" || v[1] != "hi" {
		t.Fatalf("values %q", v)
	}
}

func TestFormFieldNavigationAndCancel(t *testing.T) {
	f := digitsForm(testCommon(time.Unix(0, 0)))
	feed(f, keyTab)
	if f.Focused() != 1 {
		t.Fatalf("tab: focus %d", f.Focused())
	}
	feed(f, typeText(" there")...)
	feed(f, keyTab)
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
	if res := feed(f, keyEsc); res != formCancelled {
		t.Fatalf("esc: %v", res)
	}
}

func TestLineInputEditing(t *testing.T) {
	var in lineInput
	in.width = 10
	in.SetValue("2026-11-20")
	steps := []struct {
		k    tea.KeyMsg
		want string
	}{
		{tea.KeyMsg{Type: tea.KeyBackspace}, "2026-11-2"},
		{tea.KeyMsg{Type: tea.KeyHome}, "2026-11-2"},
		{tea.KeyMsg{Type: tea.KeyDelete}, "026-11-2"},
		{keyRune('1'), "1026-11-2"},
		{tea.KeyMsg{Type: tea.KeyEnd}, "1026-11-2"},
		{tea.KeyMsg{Type: tea.KeySpace}, "1026-11-2 "},
		{keyRune('x'), "1026-11-2 x"},
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
	st := DefaultStyles()
	if v := in.View(true, "", &st); len(v) > 20 {
		t.Fatalf("view not scrolled to the width: %q", v)
	}
}

func TestFormNarrowWidthDoesNotPanic(t *testing.T) {
	f := digitsForm(testCommon(time.Unix(0, 0)))
	for w := 0; w < 30; w++ {
		f.SetWidth(w)
		feed(f, keyRune('x'), keyEnter)
		_ = f.View()
	}
}
