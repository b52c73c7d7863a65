package common

import "github.com/charmbracelet/bubbles/key"

// KeyMap is every binding the explorer knows. The strings live in the
// top-level keymap.go; screens match with key.Matches and never name a key.
type KeyMap struct {
	Up, Down, PageUp, PageDown, Home, End key.Binding
	Open, Back, Filter, NextView          key.Binding
	ViewCalls, ViewDirect, ViewPstn       key.Binding
	Reload, CopyID, Export, ToggleUTC     key.Binding
	RawJSON, FailuresOnly, Sort, Summary  key.Binding
	Dismiss, Help, Quit, ForceQuit        key.Binding
	// Form keys: next/previous field and apply inside the filter form.
	NextField, PrevField, Apply key.Binding
	// OpenRecord opens the Teams call record of a log row's correlation id.
	OpenRecord key.Binding
	// Command opens the ":" command prompt.
	Command key.Binding
	// RequestLog opens the log of this run's Graph requests.
	RequestLog key.Binding
	// Left and Right step through a picker laid out across the screen
	// (the quality summary's dimensions).
	Left, Right key.Binding
	// Search opens the search of a list's loaded rows; Filter, beside it,
	// is the range/filter form that asks Graph again.
	Search key.Binding
	// NextMatch and PrevMatch jump between the rows a kept search matches.
	NextMatch, PrevMatch key.Binding
	// Watch toggles reloading the view's relative range every interval.
	Watch key.Binding
	// OpenAny opens whatever a ticket carries: an id, a person, a number.
	OpenAny key.Binding
	// Columns opens the column chooser of a list.
	Columns key.Binding
	// Timeline opens the selected row's person or number over the range.
	Timeline key.Binding
	// Toggle shows or hides the column under the cursor in the column chooser.
	Toggle key.Binding
}

// NavHelp is the movement group shared by list screens' full help.
func (k KeyMap) NavHelp() []key.Binding {
	return []key.Binding{k.Up, k.Down, k.PageUp, k.PageDown, k.Home, k.End}
}

// GlobalHelp is what the root always offers.
func (k KeyMap) GlobalHelp() []key.Binding {
	return []key.Binding{k.NextView, k.ViewCalls, k.ViewDirect, k.ViewPstn, k.ToggleUTC, k.Command, k.RequestLog, k.Dismiss, k.Help, k.Quit}
}
