package logs

import (
	"strconv"
	"strings"
	"time"

	"github.com/callscope/callscope/model"
	"github.com/callscope/callscope/ui/common"
	"github.com/callscope/callscope/ui/record"
	"github.com/callscope/callscope/ui/table"
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
)

// detail shows every field of one log row, most telling first: for Direct
// Routing the explanation of its SIP code and subcode, whose service sent
// the final response and where to look. o (or enter) opens the Teams call
// record that shares the row's correlation id.
type detail struct {
	c      *common.Common
	row    decoded
	offset int
	raw    *table.RawView
	width  int
	height int
	lines  []string // rendered for width; rebuilt on resize and zone change
}

func newDetail(c *common.Common, r decoded) *detail {
	return &detail{c: c, row: r}
}

// Init does nothing: the row is already here.
func (d *detail) Init() tea.Cmd { return nil }

// Title is the breadcrumb segment: the SIP result or "Call".
func (d *detail) Title() string { return d.row.title }

// Capturing is always false: the detail has no inputs.
func (d *detail) Capturing() bool { return false }

// ClaimsBack lets esc close the raw JSON view before the detail, as on the
// record and session screens.
func (d *detail) ClaimsBack() bool { return d.raw != nil }

// Status has nothing loading; the header names the row's start.
func (d *detail) Status() common.Status {
	return common.Status{Filter: common.FormatStart(d.row.start.Time, d.c.Loc())}
}

// Update scrolls, toggles raw JSON, copies and opens the call record.
func (d *detail) Update(msg tea.Msg) (common.Screen, tea.Cmd) {
	switch msg := msg.(type) {
	case common.BodySizeMsg:
		d.width, d.height = msg.Width, msg.Height
		d.lines = nil
		if d.raw != nil {
			d.raw.SetSize(d.width, d.height)
		}
		d.layout()
	case common.PrefsChangedMsg:
		d.lines = nil
		d.layout()
	case tea.KeyMsg:
		return d, d.key(msg)
	}
	return d, nil
}

func (d *detail) key(msg tea.KeyMsg) tea.Cmd {
	k := &d.c.Keys
	switch {
	case key.Matches(msg, k.RawJSON):
		if d.raw != nil {
			d.raw = nil
			return nil
		}
		r := table.NewRawView(d.c.Keys, "Decoded JSON · row "+common.ShortID(d.row.id)+" (the explorer keeps rows decoded; scripts write Graph's bytes)", d.row.graph, d.width, d.height)
		d.raw = &r
		return nil
	case key.Matches(msg, k.Back) && d.raw != nil:
		d.raw = nil
		return nil
	case d.raw != nil && !key.Matches(msg, k.OpenRecord, k.CopyID):
		// As on the record screen: the keys the help offers still act.
		r := d.raw.Update(msg, d.c.Keys)
		d.raw = &r
		return nil
	case key.Matches(msg, k.OpenRecord), key.Matches(msg, k.Open):
		id := d.row.correlation
		if id == "" {
			return common.Flash("this row has no correlation id to open", true)
		}
		return common.Push(d, record.New(d.c, id))
	case key.Matches(msg, k.CopyID):
		id := d.row.correlation
		if id == "" {
			id = d.row.id
		}
		return common.CopyCmd(d.c.Copy, id)
	case key.Matches(msg, k.Up):
		d.offset--
	case key.Matches(msg, k.Down):
		d.offset++
	case key.Matches(msg, k.PageUp):
		d.offset -= d.height
	case key.Matches(msg, k.PageDown):
		d.offset += d.height
	case key.Matches(msg, k.Home):
		d.offset = 0
	case key.Matches(msg, k.End):
		d.offset = len(d.lines)
	}
	d.offset = min(max(d.offset, 0), max(len(d.lines)-d.height, 0))
	return nil
}

// View draws the visible lines, or the raw JSON.
func (d *detail) View() string {
	if d.raw != nil {
		return d.raw.View(d.c.Styles)
	}
	if d.lines == nil || d.height <= 0 {
		return ""
	}
	end := min(d.offset+d.height, len(d.lines))
	return strings.Join(d.lines[d.offset:end], "\n")
}

// layout renders the fields for the width: labels in one column, values
// wrapped beside them.
func (d *detail) layout() {
	if d.width <= 0 {
		return
	}
	b := table.Details{Styles: &d.c.Styles, Width: d.width}
	d.row.lines(&b, d.c.Loc(), d.c.Keys)
	d.lines = b.Lines
	d.offset = min(d.offset, max(len(d.lines)-d.height, 0))
}

// ShortHelp offers the record and copy keys, and scrolling.
func (d *detail) ShortHelp() []key.Binding {
	k := d.c.Keys
	k.OpenRecord.SetEnabled(d.row.correlation != "")
	return []key.Binding{k.Up, k.Down, k.OpenRecord, k.CopyID, k.RawJSON, k.Back}
}

// FullHelp groups the keys for the help overlay.
func (d *detail) FullHelp() [][]key.Binding {
	k := d.c.Keys
	return [][]key.Binding{k.NavHelp(), d.ShortHelp()[2:]}
}

// timeText is a full timestamp with milliseconds in loc, "—" for none.
func timeText(t model.Time, loc *time.Location) string {
	if t.IsZero() {
		return "—"
	}
	return t.In(loc).Format("2006-01-02 15:04:05.000")
}

// notReported is a detail field Graph sent as null or left out: it says
// so, where a 0 would read as a value.
const notReported = "not reported"

// reportedText is text() when the value was reported, else notReported.
func reportedText(reported bool, text func() string) string {
	if !reported {
		return notReported
	}
	return text()
}

// durationText is a call's duration in seconds, compact and exact:
// "3m05s (185 s)".
func durationText(secs int32) string {
	return common.FormatSeconds(int64(secs)) + " (" + strconv.Itoa(int(secs)) + " s)"
}

// userText is "Name <upn> (id)", leaving out what is missing.
func userText(name, upn, id string) string {
	var parts []string
	if name != "" {
		parts = append(parts, name)
	}
	if upn != "" {
		parts = append(parts, "<"+upn+">")
	}
	if id != "" {
		parts = append(parts, "("+id+")")
	}
	if len(parts) == 0 {
		return "— (no user: a bot or an unassigned number)"
	}
	return strings.Join(parts, " ")
}
