package ui

import (
	"github.com/callscope/callscope/ui/calls"
	"github.com/callscope/callscope/ui/common"
	"github.com/callscope/callscope/ui/table"
)

// The root's exported API for package main and ui/cli. The types live in
// ui/common and ui/table, which every screen imports; these names keep
// callers outside ui/ unaware of that split.

// CallFilter is the calls screen's server-side filter (calls.Filter):
// the range and participant the explorer starts with.
type CallFilter = calls.Filter

// Range is a time range as the user typed it (common.Range): the
// explorer's --from and --to, read again on r.
type Range = common.Range

// KeyMap is every binding the explorer knows (common.KeyMap).
type KeyMap = common.KeyMap

// Styles is every style the explorer draws with (common.Styles).
type Styles = common.Styles

// Palette is the explorer's colours by meaning (common.Palette).
type Palette = common.Palette

// Events is the client's observer: retry notices and the request log (common.Events).
type Events = common.Events

// PaletteNames are the palette's colours as a config file names them.
var PaletteNames = common.PaletteNames

// DefaultStyles is the styles of the default palette.
func DefaultStyles() Styles { return common.DefaultStyles() }

// DefaultStylesWith is the styles of palette p.
func DefaultStylesWith(p Palette) Styles { return common.DefaultStylesWith(p) }

// DefaultPalette is the palette used when the config sets no colour.
func DefaultPalette() Palette { return common.DefaultPalette() }

// NewEvents returns an observer to hand to the client and to New.
func NewEvents() *Events { return common.NewEvents() }

// OSC52Copy puts text on the terminal's clipboard with an OSC 52 sequence.
func OSC52Copy(text string) error { return common.OSC52Copy(text) }

// DefaultHistoryPath is where the ":" prompt keeps its history.
func DefaultHistoryPath() string { return common.DefaultHistoryPath() }

// Sparkline draws counts as a one-line bar chart width cells wide.
func Sparkline(counts []int32, width int) string { return table.Sparkline(counts, width) }
