package requestlog

import (
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/callscope/callscope/ui/common"
	"github.com/callscope/callscope/ui/table"
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
)

// detail shows one request log entry in full: the whole path
// (as sent and decoded), the status with its reason, timings, the try and
// the request-id, which y copies.
type detail struct {
	c      *common.Common
	row    entryRow
	offset int
	width  int
	height int
	lines  []string // rendered for width; rebuilt on resize and zone change
}

func newDetail(c *common.Common, row entryRow) *detail {
	return &detail{c: c, row: row}
}

// Init does nothing: the entry is already here.
func (d *detail) Init() tea.Cmd { return nil }

// Title is the breadcrumb segment.
func (d *detail) Title() string { return "Request " + strconv.FormatUint(d.row.Seq, 10) }

// Capturing is always false: the detail has no inputs.
func (d *detail) Capturing() bool { return false }

// Status has nothing loading.
func (d *detail) Status() common.Status { return common.Status{} }

// Update scrolls and copies.
func (d *detail) Update(msg tea.Msg) (common.Screen, tea.Cmd) {
	switch msg := msg.(type) {
	case common.BodySizeMsg:
		d.width, d.height = msg.Width, msg.Height
		d.layout()
	case common.PrefsChangedMsg:
		d.layout()
	case tea.KeyMsg:
		k := &d.c.Keys
		switch {
		case key.Matches(msg, k.CopyID):
			return d, copyRequestID(d.c, d.row)
		case key.Matches(msg, k.Up):
			d.offset--
		case key.Matches(msg, k.Down):
			d.offset++
		case key.Matches(msg, k.Home):
			d.offset = 0
		case key.Matches(msg, k.End):
			d.offset = len(d.lines)
		}
		d.offset = min(max(d.offset, 0), max(len(d.lines)-d.height, 0))
	}
	return d, nil
}

// layout renders the fields for the width.
func (d *detail) layout() {
	if d.width <= 0 {
		return
	}
	e := d.row
	b := table.Details{Styles: &d.c.Styles, Width: d.width}
	if e.Throttle {
		b.Heading("Throttled: waiting before a retry")
	} else {
		b.Heading("Graph request")
	}
	b.Field("Time", e.Time.In(d.c.Loc()).Format("2006-01-02 "+timeLayout+" MST"))
	if !e.Throttle {
		b.Field("Method", common.OrDash(e.Method))
	}
	b.Field("Path", e.shown)
	if !d.c.Redact && e.shown != e.Path {
		b.Field("As sent", e.Path)
	}
	status := statusText(e.RequestLogEntry)
	if t := http.StatusText(e.Status); t != "" {
		status += " " + t
	}
	b.Field("Status", status)
	if e.Throttle {
		b.Field("Wait", formatLatency(e.Duration)+" before try "+strconv.Itoa(e.Attempt+1))
		b.Field("Refused try", strconv.Itoa(e.Attempt))
	} else {
		b.Field("Duration", formatLatency(e.Duration))
		try := strconv.Itoa(e.Attempt)
		if e.Attempt > 1 {
			try += " (retry " + strconv.Itoa(e.Attempt-1) + ")"
		}
		b.Field("Try", try)
	}
	b.Field("Request-id", common.OrDash(e.RequestID))
	if e.Err != "" {
		b.Field("Error", d.c.Styles.Danger.Render(e.Err))
	}
	b.Blank()
	b.Note("Quote the request-id and time (UTC: " + e.Time.UTC().Format(time.RFC3339) + ") in a Microsoft support ticket.")
	d.lines = b.Lines
	d.offset = min(d.offset, max(len(d.lines)-d.height, 0))
}

// View draws the visible lines.
func (d *detail) View() string {
	if d.lines == nil || d.height <= 0 {
		return ""
	}
	end := min(d.offset+d.height, len(d.lines))
	return strings.Join(d.lines[d.offset:end], "\n")
}

// ShortHelp offers copy and back.
func (d *detail) ShortHelp() []key.Binding {
	k := d.c.Keys
	return []key.Binding{k.Up, k.Down, common.HelpIf(k.CopyID, d.row.RequestID != ""), k.Back}
}

// FullHelp groups the keys for the help overlay.
func (d *detail) FullHelp() [][]key.Binding {
	return [][]key.Binding{d.ShortHelp()}
}
