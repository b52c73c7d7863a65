package table

import (
	"strings"

	"github.com/callscope/callscope/ui/common"
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"
)

// FormField is one labelled text input of a form.
type FormField struct {
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

// FormResult says what a key did to a form.
type FormResult int

const (
	// FormOpen: the form is still being edited (also after a refused apply).
	FormOpen FormResult = iota
	// FormApplied: the values passed the check; read them with Values.
	FormApplied
	// FormCancelled: esc; the caller keeps what it had.
	FormCancelled
)

// Form is a small modal form of labelled inputs with inline validation,
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
type Form struct {
	c      *common.Common
	title  string
	fields []FormField
	inputs []LineInput
	Check  formCheck
	errs   []string
	warns  []string
	focus  int
	tried  bool
	width  int
}

// formMaxWidth keeps the form readable on a wide terminal.
const formMaxWidth = 76

// NewForm builds a form with the first field focused. check may be nil.
func NewForm(c *common.Common, title string, fields []FormField, check formCheck) *Form {
	f := &Form{c: c, title: title, fields: fields, Check: check, width: formMaxWidth}
	f.inputs = make([]LineInput, len(fields))
	for i, fd := range fields {
		f.inputs[i].SetValue(fd.Value)
	}
	f.errs = make([]string, len(fields))
	f.warns = make([]string, len(fields))
	f.setFocus(0)
	f.Recheck()
	f.SetWidth(formMaxWidth)
	return f
}

// SetWidth fits the form in w cells (it never grows past formMaxWidth).
func (f *Form) SetWidth(w int) {
	f.width = max(min(w, formMaxWidth), 20)
	in := max(f.width-f.labelWidth()-8, 4)
	for i := range f.inputs {
		f.inputs[i].Width = in
	}
}

// Values are the fields' texts, in field order, as typed.
func (f *Form) Values() []string {
	v := make([]string, len(f.inputs))
	for i := range f.inputs {
		v[i] = f.inputs[i].Value()
	}
	return v
}

// Focused is the index of the field being edited.
func (f *Form) Focused() int { return f.focus }

// Errors are the errors shown under each field ("" for none).
func (f *Form) Errors() []string { return f.errs }

// Update handles a message: next/previous field, apply, cancel, or typing.
func (f *Form) Update(msg tea.Msg) (FormResult, tea.Cmd) {
	if km, ok := msg.(tea.KeyMsg); ok {
		k := &f.c.Keys
		switch {
		case key.Matches(km, k.Back):
			return FormCancelled, nil
		case key.Matches(km, k.Apply):
			f.tried = true
			if f.Recheck() {
				return FormOpen, nil
			}
			return FormApplied, nil
		case key.Matches(km, k.NextField):
			f.setFocus((f.focus + 1) % len(f.inputs))
			return FormOpen, nil
		case key.Matches(km, k.PrevField):
			f.setFocus((f.focus + len(f.inputs) - 1) % len(f.inputs))
			return FormOpen, nil
		}
	}
	km, ok := msg.(tea.KeyMsg)
	if !ok || len(f.inputs) == 0 {
		return FormOpen, nil
	}
	if f.inputs[f.focus].Update(km) {
		f.Recheck()
	}
	return FormOpen, nil
}

func (f *Form) setFocus(i int) {
	if len(f.inputs) == 0 {
		return
	}
	f.focus = i
}

// Recheck runs the check and reports whether any field has an error. Errors
// are kept for display only once an apply was tried.
func (f *Form) Recheck() (bad bool) {
	clear(f.errs)
	clear(f.warns)
	if f.Check == nil {
		return false
	}
	errs, warns := f.Check(f.Values())
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

func (f *Form) labelWidth() int {
	w := 0
	for _, fd := range f.fields {
		w = max(w, lipgloss.Width(fd.Label))
	}
	return w
}

// View draws the form in a box: each field's label and input, then its
// error, warning or hint, then the keys.
func (f *Form) View() string {
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
			mark, label = CursorMark, st.Input
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
			b.WriteString(st.Subtle.Render(common.Truncate(fd.Hint, inner-len(indent))))
		}
	}
	k := f.c.Keys
	b.WriteString("\n\n")
	b.WriteString(st.Help.Render(common.Truncate(k.Apply.Help().Key+" apply · "+k.NextField.Help().Key+" next field · "+
		k.Back.Help().Key+" cancel", inner)))
	return st.Overlay.Width(f.width - 2).Render(b.String())
}

// wrapTo wraps s to w cells, indenting continuation lines.
func wrapTo(s string, w int, indent string) string {
	if w < 8 {
		return common.Truncate(s, max(w, 1))
	}
	return strings.ReplaceAll(ansi.Wrap(s, w, ""), "\n", "\n"+indent)
}
