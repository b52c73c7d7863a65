package ui

import (
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"
)

// formField is one labelled text input of a form.
type formField struct {
	Label       string
	Placeholder string
	// Value is the text the field starts with.
	Value string
	// Hint is shown under the field while it has no error or warning.
	Hint string
}

// formCheck validates a form's values as a whole (so it can compare From
// with To). It returns per-field errors, which block applying, and
// warnings, which are only shown; "" means none, and either slice may be
// shorter than the fields or nil.
type formCheck func(vals []string) (errs, warns []string)

// formResult says what a key did to a form.
type formResult int

const (
	// formOpen: the form is still being edited (also after a refused apply).
	formOpen formResult = iota
	// formApplied: the values passed the check; read them with Values.
	formApplied
	// formCancelled: esc; the caller keeps what it had.
	formCancelled
)

// form is a small modal form of labelled inputs with inline validation,
// shared by the filter of every list. Screens keep a *form (nil when
// closed), report Capturing while it is open, hand it every message, and
// act on the result:
//
//	switch res, cmd := s.form.Update(msg); res {
//	case formApplied:   vals := s.form.Values(); s.form = nil; …
//	case formCancelled: s.form = nil
//	}
//
// Errors appear under their field only after an apply was refused, and
// then follow the typing until fixed; warnings follow the typing always.
type form struct {
	c      *Common
	title  string
	fields []formField
	inputs []lineInput
	check  formCheck
	errs   []string
	warns  []string
	focus  int
	tried  bool
	width  int
}

// formMaxWidth keeps the form readable on a wide terminal.
const formMaxWidth = 76

// newForm builds a form with the first field focused. check may be nil.
func newForm(c *Common, title string, fields []formField, check formCheck) *form {
	f := &form{c: c, title: title, fields: fields, check: check, width: formMaxWidth}
	f.inputs = make([]lineInput, len(fields))
	for i, fd := range fields {
		f.inputs[i].SetValue(fd.Value)
	}
	f.errs = make([]string, len(fields))
	f.warns = make([]string, len(fields))
	f.setFocus(0)
	f.recheck()
	f.SetWidth(formMaxWidth)
	return f
}

// SetWidth fits the form in w cells (it never grows past formMaxWidth).
func (f *form) SetWidth(w int) {
	f.width = max(min(w, formMaxWidth), 20)
	in := max(f.width-f.labelWidth()-8, 4)
	for i := range f.inputs {
		f.inputs[i].width = in
	}
}

// Values are the fields' texts, in field order, as typed.
func (f *form) Values() []string {
	v := make([]string, len(f.inputs))
	for i := range f.inputs {
		v[i] = f.inputs[i].Value()
	}
	return v
}

// Focused is the index of the field being edited.
func (f *form) Focused() int { return f.focus }

// Errors are the errors shown under each field ("" for none).
func (f *form) Errors() []string { return f.errs }

// Update handles a message: next/previous field, apply, cancel, or typing.
func (f *form) Update(msg tea.Msg) (formResult, tea.Cmd) {
	if km, ok := msg.(tea.KeyMsg); ok {
		k := &f.c.Keys
		switch {
		case key.Matches(km, k.Back):
			return formCancelled, nil
		case key.Matches(km, k.Apply):
			f.tried = true
			if f.recheck() {
				return formOpen, nil
			}
			return formApplied, nil
		case key.Matches(km, k.NextField):
			f.setFocus((f.focus + 1) % len(f.inputs))
			return formOpen, nil
		case key.Matches(km, k.PrevField):
			f.setFocus((f.focus + len(f.inputs) - 1) % len(f.inputs))
			return formOpen, nil
		}
	}
	km, ok := msg.(tea.KeyMsg)
	if !ok || len(f.inputs) == 0 {
		return formOpen, nil
	}
	if f.inputs[f.focus].Update(km) {
		f.recheck()
	}
	return formOpen, nil
}

func (f *form) setFocus(i int) {
	if len(f.inputs) == 0 {
		return
	}
	f.focus = i
}

// recheck runs the check and reports whether any field has an error. Errors
// are kept for display only once an apply was tried.
func (f *form) recheck() (bad bool) {
	clear(f.errs)
	clear(f.warns)
	if f.check == nil {
		return false
	}
	errs, warns := f.check(f.Values())
	for i := range f.fields {
		if i < len(errs) && errs[i] != "" {
			bad = true
			if f.tried {
				f.errs[i] = errs[i]
			}
		}
		if i < len(warns) {
			f.warns[i] = warns[i]
		}
	}
	return bad
}

func (f *form) labelWidth() int {
	w := 0
	for _, fd := range f.fields {
		w = max(w, lipgloss.Width(fd.Label))
	}
	return w
}

// View draws the form in a box: each field's label and input, then its
// error, warning or hint, then the keys.
func (f *form) View() string {
	st := &f.c.Styles
	lw := f.labelWidth()
	inner := f.width - 4 // box border and padding
	indent := strings.Repeat(" ", lw+4)
	var b strings.Builder
	b.WriteString(st.Title.Render(f.title))
	b.WriteString("\n")
	for i, fd := range f.fields {
		b.WriteString("\n")
		mark, label := "  ", st.Label
		if i == f.focus {
			mark, label = cursorMark, st.Input
		}
		b.WriteString(mark)
		b.WriteString(label.Render(fd.Label + strings.Repeat(" ", lw-lipgloss.Width(fd.Label))))
		b.WriteString("  ")
		b.WriteString(f.inputs[i].View(i == f.focus, fd.Placeholder, st))
		b.WriteString("\n")
		b.WriteString(indent)
		switch {
		case f.errs[i] != "":
			b.WriteString(st.InputErr.Render(wrapTo("✗ "+f.errs[i], inner-len(indent), indent)))
		case f.warns[i] != "":
			b.WriteString(st.Warn.Render(wrapTo("! "+f.warns[i], inner-len(indent), indent)))
		default:
			b.WriteString(st.Subtle.Render(truncate(fd.Hint, inner-len(indent))))
		}
	}
	k := f.c.Keys
	b.WriteString("\n\n")
	b.WriteString(st.Help.Render(truncate(k.Apply.Help().Key+" apply · "+k.NextField.Help().Key+" next field · "+
		k.Back.Help().Key+" cancel", inner)))
	return st.Overlay.Width(f.width - 2).Render(b.String())
}

// wrapTo wraps s to w cells, indenting continuation lines.
func wrapTo(s string, w int, indent string) string {
	if w < 8 {
		return truncate(s, max(w, 1))
	}
	return strings.ReplaceAll(ansi.Wrap(s, w, ""), "\n", "\n"+indent)
}
