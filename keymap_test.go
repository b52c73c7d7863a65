package main

import (
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/charmbracelet/bubbles/key"
)

// keyModes are the sets of bindings live at the same time, as ui routes
// keys: the root (ui/app.go) takes ForceQuit always and its own keys
// (Quit, Help, Command, RequestLog, ToggleUTC, the views, Dismiss, Back)
// while no input captures the keyboard, and the screen on top takes the
// rest. Within a mode no key may mean two things.
var keyModes = map[string][]string{
	// A list, record, session, log detail, request log or summary is on
	// top: the root's keys and every screen key are live together.
	"browsing": {"Up", "Down", "PageUp", "PageDown", "Home", "End", "Open", "Back", "Filter", "NextView",
		"ViewCalls", "ViewDirect", "ViewPstn", "Reload", "CopyID", "Export", "ToggleUTC", "RawJSON",
		"FailuresOnly", "Sort", "Summary", "Dismiss", "Help", "Quit", "ForceQuit", "OpenRecord", "Command", "RequestLog", "Left", "Right",
		"Search", "NextMatch", "PrevMatch", "Watch", "OpenAny", "Columns", "Timeline"},
	// A filter form, range form or the ":" prompt captures the keyboard:
	// only ForceQuit reaches the root (ui/form.go, ui/prompt/prompt.go).
	"form": {"NextField", "PrevField", "Apply", "Back", "ForceQuit"},
	// A list's search line captures the keyboard: enter keeps the search,
	// esc clears it, the rest is typed (ui/table/search.go).
	"search": {"Apply", "Back", "ForceQuit"},
	// The sort picker of a log view captures the keyboard (ui/logs_form.go).
	"sort picker": {"Up", "Down", "Sort", "Back", "Open", "Apply", "ForceQuit"},
	// The column chooser captures the keyboard (ui/columns).
	"column chooser": {"Up", "Down", "Home", "End", "Toggle", "Apply", "Open", "Back", "ForceQuit"},
}

// sharedOnPurpose are pairs of bindings that share a key in one mode by
// design, with the reason.
var sharedOnPurpose = map[[2]string]string{
	{"Open", "Apply"}: "in the sort picker enter applies the pick, whichever name it comes by",
}

// TestDefaultKeyMapIsComplete: every binding has keys and help, and is
// in a mode, so a binding added to ui.KeyMap is given keys here and
// checked for clashes.
func TestDefaultKeyMapIsComplete(t *testing.T) {
	km := reflect.ValueOf(defaultKeyMap())
	inMode := map[string]bool{}
	for mode, names := range keyModes {
		for _, name := range names {
			if !km.FieldByName(name).IsValid() {
				t.Errorf("mode %s names %s, which ui.KeyMap does not have", mode, name)
			}
			inMode[name] = true
		}
	}
	for i := range km.NumField() {
		name := km.Type().Field(i).Name
		b, ok := km.Field(i).Interface().(key.Binding)
		if !ok {
			continue
		}
		if len(b.Keys()) == 0 || slices.Contains(b.Keys(), "") {
			t.Errorf("%s has no keys: %q", name, b.Keys())
		}
		if h := b.Help(); h.Key == "" || h.Desc == "" {
			t.Errorf("%s has no help: %+v", name, h)
		}
		if !inMode[name] {
			t.Errorf("%s is in no mode of keyModes: say when it is live", name)
		}
	}
}

// TestNoKeyMeansTwoThingsAtOnce: within each mode, no two bindings share
// a key, but for the pairs sharedOnPurpose lists.
func TestNoKeyMeansTwoThingsAtOnce(t *testing.T) {
	km := reflect.ValueOf(defaultKeyMap())
	used := map[[2]string]bool{}
	for mode, names := range keyModes {
		owner := map[string]string{} // key → the binding that has it
		for _, name := range names {
			b := km.FieldByName(name).Interface().(key.Binding)
			for _, k := range b.Keys() {
				other, taken := owner[k]
				if !taken {
					owner[k] = name
					continue
				}
				pair := [2]string{other, name}
				if _, ok := sharedOnPurpose[pair]; !ok {
					pair = [2]string{name, other}
				}
				if _, ok := sharedOnPurpose[pair]; ok {
					used[pair] = true
					continue
				}
				t.Errorf("%s: %q is both %s and %s", mode, k, other, name)
			}
		}
	}
	for pair, why := range sharedOnPurpose {
		if !used[pair] {
			t.Errorf("%s and %s no longer share a key (%s): drop them from sharedOnPurpose", pair[0], pair[1], strings.TrimSpace(why))
		}
	}
}
