package ui

import (
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
)

// requestLogDetail shows one request log entry in full: the whole path
// (as sent and decoded), the status with its reason, timings, the try and
// the request-id, which y copies.
type requestLogDetail struct {
	c      *Common
	row    reqLogRow
	offset int
	width  int
	height int
	lines  []string // rendered for width; rebuilt on resize and zone change
}

func newRequestLogDetail(c *Common, row reqLogRow) *requestLogDetail {
	return &requestLogDetail{c: c, row: row}
}

// Init does nothing: the entry is already here.
func (d *requestLogDetail) Init() tea.Cmd { return nil }

// Title is the breadcrumb segment.
func (d *requestLogDetail) Title() string { return "Request " + strconv.FormatUint(d.row.Seq, 10) }

// Capturing is always false: the detail has no inputs.
func (d *requestLogDetail) Capturing() bool { return false }

// Status has nothing loading.
func (d *requestLogDetail) Status() Status { return Status{} }

// Update scrolls and copies.
func (d *requestLogDetail) Update(msg tea.Msg) (screen, tea.Cmd) {
	switch msg := msg.(type) {
	case bodySizeMsg:
		d.width, d.height = msg.Width, msg.Height
		d.layout()
	case prefsChangedMsg:
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
func (d *requestLogDetail) layout() {
	if d.width <= 0 {
		return
	}
	e := d.row
	var b detailBuilder
	b.st, b.width = &d.c.Styles, d.width
	if e.Throttle {
		b.heading("Throttled: waiting before a retry")
	} else {
		b.heading("Graph request")
	}
	b.field("Time", e.Time.In(d.c.Loc()).Format("2006-01-02 "+requestLogTimeLayout+" MST"))
	if !e.Throttle {
		b.field("Method", orDash(e.Method))
	}
	b.field("Path", e.shown)
	if !d.c.Redact && e.shown != e.Path {
		b.field("As sent", e.Path)
	}
	status := statusText(e.RequestLogEntry)
	if t := http.StatusText(e.Status); t != "" {
		status += " " + t
	}
	b.field("Status", status)
	if e.Throttle {
		b.field("Wait", fmtLatency(e.Duration)+" before try "+strconv.Itoa(e.Attempt+1))
		b.field("Refused try", strconv.Itoa(e.Attempt))
	} else {
		b.field("Duration", fmtLatency(e.Duration))
		try := strconv.Itoa(e.Attempt)
		if e.Attempt > 1 {
			try += " (retry " + strconv.Itoa(e.Attempt-1) + ")"
		}
		b.field("Try", try)
	}
	b.field("Request-id", orDash(e.RequestID))
	if e.Err != "" {
		b.field("Error", d.c.Styles.Danger.Render(e.Err))
	}
	b.blank()
	b.note("Quote the request-id and time (UTC: " + e.Time.UTC().Format(time.RFC3339) + ") in a Microsoft support ticket.")
	d.lines = b.lines
	d.offset = min(d.offset, max(len(d.lines)-d.height, 0))
}

// View draws the visible lines.
func (d *requestLogDetail) View() string {
	if d.lines == nil || d.height <= 0 {
		return ""
	}
	end := min(d.offset+d.height, len(d.lines))
	return strings.Join(d.lines[d.offset:end], "\n")
}

// ShortHelp offers copy and back.
func (d *requestLogDetail) ShortHelp() []key.Binding {
	k := d.c.Keys
	return []key.Binding{k.Up, k.Down, helpIf(k.CopyID, d.row.RequestID != ""), k.Back}
}

// FullHelp groups the keys for the help overlay.
func (d *requestLogDetail) FullHelp() [][]key.Binding {
	return [][]key.Binding{d.ShortHelp()}
}
