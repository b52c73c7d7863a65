package columns

import (
	"fmt"
	"slices"
	"strings"

	"github.com/callscope/callscope/ui/calls"
	"github.com/callscope/callscope/ui/common"
	"github.com/callscope/callscope/ui/logs"
	tea "github.com/charmbracelet/bubbletea"
)

// Prefs is the columns chosen per kind of list (common.ColumnsCalls, …),
// as the config file's columns: section keeps them: each list of a kind
// opens with its kind's choice. The root owns it and changes it only
// inside Update (the chooser's apply).
type Prefs struct {
	// Chosen maps a kind to the config names (common.ColumnKey) of the
	// columns shown; a kind not in it shows every column.
	Chosen map[string][]string
	// Save writes one kind's choice to the config file and says where; it
	// runs in a command, off the event loop. nil keeps the choice for this
	// run only (--no-config).
	Save func(kind string, names []string) (where string, err error)
}

// Restore gives s its kind's chosen columns when s offers its columns and
// a choice is kept; names the list no longer has are passed over, and a
// choice that names none of its columns leaves the list as it is.
func (p *Prefs) Restore(s common.Screen) {
	target, ok := s.(common.Columnar)
	if p == nil || !ok {
		return
	}
	names, ok := p.Chosen[target.ColumnsKind()]
	if !ok {
		return
	}
	visible, chosen := Visible(target.ColumnTitles(), names)
	if chosen {
		target.SetVisibleColumns(visible)
	}
}

// choose remembers kind's names and returns the command that saves them,
// which ends in a flash saying where they went or why they did not.
func (p *Prefs) choose(kind string, names []string) tea.Cmd {
	if p == nil {
		return nil
	}
	if p.Chosen == nil {
		p.Chosen = map[string][]string{}
	}
	p.Chosen[kind] = names
	save := p.Save
	if save == nil {
		return common.Flash("columns changed for this run (no config file to keep them in)", false)
	}
	names = slices.Clone(names) // the command must not share the map's slice
	return func() tea.Msg {
		where, err := save(kind, names)
		if err != nil {
			return common.FlashMsg{Text: "columns shown, but not saved: " + err.Error(), IsError: true}
		}
		return common.FlashMsg{Text: "columns saved in " + where}
	}
}

// Names are the config names of the titles marked visible.
func Names(titles []string, visible []bool) []string {
	out := make([]string, 0, len(titles))
	for i, t := range titles {
		if i < len(visible) && visible[i] {
			out = append(out, common.ColumnKey(t))
		}
	}
	return out
}

// Visible marks the titles that names (config names, or titles in any
// case) choose; chosen is false when names choose none of them.
func Visible(titles, names []string) (visible []bool, chosen bool) {
	want := map[string]bool{}
	for _, n := range names {
		want[common.ColumnKey(n)] = true
	}
	visible = make([]bool, len(titles))
	for i, t := range titles {
		visible[i] = want[common.ColumnKey(t)]
		chosen = chosen || visible[i]
	}
	return visible, chosen
}

// Titles are the columns a kind of list can show, for checking a config
// file's columns: section; ok is false for an unknown kind.
func Titles(kind string) (titles []string, ok bool) {
	switch kind {
	case common.ColumnsCalls:
		return calls.ColumnTitles(), true
	case common.ColumnsDirect:
		return logs.DirectColumnTitles(), true
	case common.ColumnsPstn:
		return logs.PstnColumnTitles(), true
	}
	return nil, false
}

// Check reports the first of names that is not a column of kind, with the
// names kind's columns go by.
func Check(kind string, names []string) error {
	titles, ok := Titles(kind)
	if !ok {
		return fmt.Errorf("unknown list %q (lists: %s)", kind, strings.Join(common.ColumnKinds, ", "))
	}
	known := make([]string, len(titles))
	for i, t := range titles {
		known[i] = common.ColumnKey(t)
	}
	for _, n := range names {
		if !slices.Contains(known, common.ColumnKey(n)) {
			return fmt.Errorf("unknown column %q (columns: %s)", n, strings.Join(known, ", "))
		}
	}
	return nil
}
