// Package columns is the column chooser: on a list that offers its
// columns (common.Columnar), the Columns key opens an overlay listing them
// with checkboxes; the toggle key shows or hides the one under the cursor,
// apply makes the choice the list's and keeps it in the config file, back
// leaves the list as it was. At least one column stays shown.
package columns

import (
	"strconv"
	"strings"

	"github.com/callscope/callscope/ui/common"
	"github.com/callscope/callscope/ui/table"
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
)

// Chooser is the overlay over one list. It changes nothing until applied:
// the checkboxes are its own copy of the list's choice.
type Chooser struct {
	c      *common.Common
	target common.Columnar
	prefs  *Prefs
	toggle key.Binding

	titles  []string
	checked []bool
	cursor  int
	// refused is set when the toggle would have hidden the last column
	// shown, until the next key: the overlay says why nothing changed.
	refused bool

	width, height int
}

// New is the chooser over target; toggle is the key that shows or hides
// the column under the cursor (the key map's toggle, space by default).
// prefs remembers and saves the choice; nil keeps it for this list only.
func New(c *common.Common, target common.Columnar, prefs *Prefs, toggle key.Binding) *Chooser {
	titles := target.ColumnTitles()
	checked := make([]bool, len(titles))
	copy(checked, target.VisibleColumns())
	return &Chooser{c: c, target: target, prefs: prefs, toggle: toggle, titles: titles, checked: checked}
}

// Open is the chooser over s when s offers its columns, for the root's
// Columns key: ok is false for a screen that does not (a record, a form).
func Open(c *common.Common, s common.Screen, prefs *Prefs, toggle key.Binding) (*Chooser, bool) {
	target, ok := s.(common.Columnar)
	if !ok || len(target.ColumnTitles()) == 0 {
		return nil, false
	}
	return New(c, target, prefs, toggle), true
}

// Init asks for nothing: the columns are the list's, already known.
func (s *Chooser) Init() tea.Cmd { return nil }

// Title is the breadcrumb segment.
func (s *Chooser) Title() string { return "Columns" }

// Capturing is true: the overlay is modal, so the root's view switches and
// quit key do not act on the list behind it (ctrl+c still quits).
func (s *Chooser) Capturing() bool { return true }

// Status is the list's, so the header keeps its range and source, with
// how many columns are ticked.
func (s *Chooser) Status() common.Status {
	var st common.Status
	if under, ok := s.target.(common.Screen); ok {
		st = under.Status()
	}
	st.Note = s.countWords()
	return st
}

// countWords is "4 of 8 columns shown".
func (s *Chooser) countWords() string {
	n := 0
	for _, on := range s.checked {
		if on {
			n++
		}
	}
	return strconv.Itoa(n) + " of " + strconv.Itoa(len(s.checked)) + " columns shown"
}

// Update moves, toggles, applies or cancels.
func (s *Chooser) Update(msg tea.Msg) (common.Screen, tea.Cmd) {
	switch msg := msg.(type) {
	case common.BodySizeMsg:
		s.width, s.height = msg.Width, msg.Height
	case tea.KeyMsg:
		return s, s.key(msg)
	}
	return s, nil
}

func (s *Chooser) key(msg tea.KeyMsg) tea.Cmd {
	k := &s.c.Keys
	s.refused = false
	switch {
	case key.Matches(msg, k.Up):
		s.cursor = (s.cursor + len(s.titles) - 1) % len(s.titles)
	case key.Matches(msg, k.Down):
		s.cursor = (s.cursor + 1) % len(s.titles)
	case key.Matches(msg, k.Home):
		s.cursor = 0
	case key.Matches(msg, k.End):
		s.cursor = len(s.titles) - 1
	case key.Matches(msg, s.toggle):
		s.flip()
	case key.Matches(msg, k.Apply), key.Matches(msg, k.Open):
		return s.apply()
	case key.Matches(msg, k.Back):
		return s.close()
	}
	return nil
}

// flip shows or hides the column under the cursor; hiding the last one
// shown is refused, as a list with no column shows nothing.
func (s *Chooser) flip() {
	if s.checked[s.cursor] {
		shown := 0
		for _, on := range s.checked {
			if on {
				shown++
			}
		}
		if shown == 1 {
			s.refused = true
			return
		}
	}
	s.checked[s.cursor] = !s.checked[s.cursor]
}

// apply gives the list its columns, remembers them for lists of its kind
// opened later and saves them, then closes.
func (s *Chooser) apply() tea.Cmd {
	visible := append([]bool(nil), s.checked...)
	s.target.SetVisibleColumns(visible)
	save := s.prefs.choose(s.target.ColumnsKind(), Names(s.titles, visible))
	return tea.Sequence(s.close(), save) // the list is back on top before the save is said
}

// close takes the overlay off its stack.
func (s *Chooser) close() tea.Cmd {
	return func() tea.Msg { return common.PopMsg{Screen: s} }
}

// ShortHelp is the keys the overlay takes.
func (s *Chooser) ShortHelp() []key.Binding {
	k := s.c.Keys
	return []key.Binding{k.Up, k.Down, s.toggle, k.Apply, k.Back}
}

// FullHelp is the same keys in one group.
func (s *Chooser) FullHelp() [][]key.Binding { return [][]key.Binding{s.ShortHelp()} }

// View draws the overlay: a checkbox per column, the cursor marked as on
// table rows, so nothing depends on colour.
func (s *Chooser) View() string {
	st := &s.c.Styles
	box := st.Overlay
	// Title, blank, the lines, blank, note, help, and the box's border.
	room := max(s.height-6-box.GetVerticalFrameSize(), 1)
	first := min(max(s.cursor-room+1, 0), max(len(s.titles)-room, 0))
	last := min(first+room, len(s.titles))

	var b strings.Builder
	b.WriteString(st.Title.Render("Columns"))
	b.WriteString("\n")
	if first > 0 {
		b.WriteString(st.Subtle.Render("  ↑ " + strconv.Itoa(first) + " more"))
	}
	for i := first; i < last; i++ {
		b.WriteString("\n")
		mark := "  "
		if i == s.cursor {
			mark = table.CursorMark
		}
		box := "[ ] "
		if s.checked[i] {
			box = "[x] "
		}
		line := mark + box + s.titles[i]
		if i == s.cursor {
			line = st.SelectedRow.Render(line)
		}
		b.WriteString(line)
	}
	b.WriteString("\n")
	if last < len(s.titles) {
		b.WriteString(st.Subtle.Render("  ↓ " + strconv.Itoa(len(s.titles)-last) + " more"))
	}
	b.WriteString("\n")
	if s.refused {
		b.WriteString(st.Warn.Render("! at least one column stays shown"))
	} else {
		b.WriteString(st.Subtle.Render(s.countWords()))
	}
	b.WriteString("\n")
	k := s.c.Keys
	b.WriteString(st.Help.Render(s.toggle.Help().Key + " show/hide · " + k.Apply.Help().Key + " apply · " +
		k.Back.Help().Key + " cancel"))
	return box.MaxWidth(max(s.width, 1)).Render(b.String())
}
