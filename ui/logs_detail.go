package ui

import (
	"strconv"
	"strings"
	"time"

	"github.com/callscope/callscope/model"
	"github.com/callscope/callscope/model/sip"
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"
)

// logRow is one decoded row of either report.
type logRow struct {
	dr   *model.DirectRoutingRow
	pstn *model.PstnRow
}

// logDetail shows every field of one log row and, for Direct Routing, the
// explanation of its SIP code and subcode: what they mean, who ended the
// call and what to check next. o (or enter) opens the Teams call record
// that shares the row's correlation id.
type logDetail struct {
	c      *Common
	row    logRow
	offset int
	raw    *rawView
	width  int
	height int
	lines  []string // rendered for width; rebuilt on resize and zone change
}

func newLogDetail(c *Common, r logRow) *logDetail {
	return &logDetail{c: c, row: r}
}

// Init does nothing: the row is already here.
func (d *logDetail) Init() tea.Cmd { return nil }

// Title is the breadcrumb segment: the SIP result or "Call".
func (d *logDetail) Title() string {
	if r := d.row.dr; r != nil {
		return "SIP " + strconv.Itoa(int(r.FinalSIPCode)) + "/" + strconv.Itoa(int(r.CallEndSubReason))
	}
	return "Call " + shortID(d.row.pstn.ID)
}

// Capturing is always false: the detail has no inputs.
func (d *logDetail) Capturing() bool { return false }

// ClaimsBack lets esc close the raw JSON view before the detail, as on the
// record and session screens.
func (d *logDetail) ClaimsBack() bool { return d.raw != nil }

// Status has nothing loading; the header names the row's start.
func (d *logDetail) Status() Status {
	var start model.Time
	if d.row.dr != nil {
		start = d.row.dr.StartDateTime
	} else {
		start = d.row.pstn.StartDateTime
	}
	return Status{Filter: fmtStart(start.Time, d.c.Loc())}
}

// correlation is the id of the Teams call record the row belongs to.
func (d *logDetail) correlation() string {
	if d.row.dr != nil {
		return d.row.dr.CorrelationID
	}
	return ""
}

// Update scrolls, toggles raw JSON, copies and opens the call record.
func (d *logDetail) Update(msg tea.Msg) (screen, tea.Cmd) {
	switch msg := msg.(type) {
	case bodySizeMsg:
		d.width, d.height = msg.Width, msg.Height
		d.lines = nil
		if d.raw != nil {
			d.raw.setSize(d.width, d.height)
		}
		d.layout()
	case prefsChangedMsg:
		d.lines = nil
		d.layout()
	case tea.KeyMsg:
		return d, d.key(msg)
	}
	return d, nil
}

func (d *logDetail) key(msg tea.KeyMsg) tea.Cmd {
	k := &d.c.Keys
	switch {
	case key.Matches(msg, k.RawJSON):
		if d.raw != nil {
			d.raw = nil
			return nil
		}
		var v any = d.row.pstn
		if d.row.dr != nil {
			v = d.row.dr
		}
		r := newRawView(d.c.Keys, "row "+shortID(d.id()), v, d.width, d.height)
		d.raw = &r
		return nil
	case key.Matches(msg, k.Back) && d.raw != nil:
		d.raw = nil
		return nil
	case d.raw != nil && !key.Matches(msg, k.OpenRecord, k.CopyID):
		// As on the record screen: the keys the help offers still act.
		r := d.raw.update(msg, d.c.Keys)
		d.raw = &r
		return nil
	case key.Matches(msg, k.OpenRecord), key.Matches(msg, k.Open):
		id := d.correlation()
		if id == "" {
			return flash("this row has no correlation id to open", true)
		}
		return push(d, newRecordScreen(d.c, id))
	case key.Matches(msg, k.CopyID):
		id := d.correlation()
		if id == "" {
			id = d.id()
		}
		return copyCmd(d.c.Copy, id)
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

func (d *logDetail) id() string {
	if d.row.dr != nil {
		return d.row.dr.ID
	}
	return d.row.pstn.ID
}

// View draws the visible lines, or the raw JSON.
func (d *logDetail) View() string {
	if d.raw != nil {
		return d.raw.view(d.c.Styles)
	}
	if d.lines == nil || d.height <= 0 {
		return ""
	}
	end := min(d.offset+d.height, len(d.lines))
	return strings.Join(d.lines[d.offset:end], "\n")
}

// layout renders the fields for the width: labels in one column, values
// wrapped beside them.
func (d *logDetail) layout() {
	if d.width <= 0 {
		return
	}
	var b detailBuilder
	b.st, b.width = &d.c.Styles, d.width
	loc := d.c.Loc()
	if r := d.row.dr; r != nil {
		d.drLines(&b, r, loc)
	} else {
		d.pstnLines(&b, d.row.pstn, loc)
	}
	d.lines = b.lines
	d.offset = min(d.offset, max(len(d.lines)-d.height, 0))
}

// drLines lays out a Direct Routing row: the outcome and its explanation
// first (that is what the user came for), then every field.
func (d *logDetail) drLines(b *detailBuilder, r *model.DirectRoutingRow, loc *time.Location) {
	st := b.st
	e := sip.Explain(int(r.FinalSIPCode), int(r.CallEndSubReason), r.MediaBypassEnabled)
	result := "OK (successful call)"
	if !r.SuccessfulCall {
		result = st.Danger.Render("FAILED") + " (attempt; outcome: " + sip.Classify(false, int(r.FinalSIPCode), int(r.CallEndSubReason)).String() + ")"
	}
	b.heading("Outcome")
	b.field("Result", result)
	b.field("SIP code", sipText(r.FinalSIPCode, "")+" — "+e.SIP.Meaning)
	b.field("Phrase", orDash(r.FinalSIPCodePhrase))
	sub := strconv.Itoa(int(r.CallEndSubReason)) + " — " + e.Sub.Meaning
	if e.Sub.Side != "" {
		sub += " [" + string(e.Sub.Side) + "]"
	}
	b.field("Subcode", sub)
	b.field("Ended by", endedByText(e.EndedBy, int(r.CallEndSubReason)))
	b.heading("Explanation")
	b.field("In Teams", e.SIP.TeamsHint)
	b.field("Diagnosis", e.Diagnosis)
	b.field("Check next", st.Accent.Render(e.NextStep))
	b.heading("Call")
	b.field("Start", timeText(r.StartDateTime, loc))
	b.field("Invite", timeText(r.InviteDateTime, loc))
	b.field("Failure", timeText(r.FailureDateTime, loc))
	b.field("End", timeText(r.EndDateTime, loc))
	b.field("Duration", fmtSeconds(int64(r.Duration))+" ("+strconv.Itoa(int(r.Duration))+" s)")
	b.field("User", userText(r.UserDisplayName, r.UserPrincipalName, r.UserID))
	b.field("Caller", orDash(r.CallerNumber))
	b.field("Callee", orDash(r.CalleeNumber))
	b.field("Call type", orDash(r.CallType))
	b.field("Trunk", orDash(r.TrunkFullyQualifiedDomainName))
	b.field("Media bypass", yesNo(r.MediaBypassEnabled, "enabled", "disabled"))
	b.field("Signaling", orDash(r.SignalingLocation))
	b.field("Media path", orDash(r.MediaPathLocation))
	b.field("Correlation", orDash(r.CorrelationID))
	b.field("Row id", orDash(r.ID))
	k := d.c.Keys
	b.blank()
	if r.CorrelationID != "" {
		b.note(k.OpenRecord.Help().Key + "/" + k.Open.Help().Key + " opens the Teams call record with this correlation id · " +
			k.CopyID.Help().Key + " copies it · " + k.RawJSON.Help().Key + " raw JSON")
	} else {
		b.note("No correlation id: there is no call record to open · " + k.RawJSON.Help().Key + " raw JSON")
	}
}

// endedByText says who ended the call and by which rule.
func endedByText(by sip.EndedBy, sub int) string {
	switch by {
	case sip.EndedBySBC:
		return "SBC — subcode " + strconv.Itoa(sub) + " starts with 560: the SBC (or the PBX/carrier behind it) sent the final response; start with the SBC logs"
	case sip.EndedNormally:
		return "normal end — the call was cleared without a SIP error"
	}
	return "Microsoft — a Microsoft service generated the final response (only 560xxx subcodes come from the SBC)"
}

// pstnLines lays out a PSTN row: every field.
func (d *logDetail) pstnLines(b *detailBuilder, r *model.PstnRow, loc *time.Location) {
	money := func(f *float64) string {
		if f == nil {
			return "—"
		}
		return chargeText(*f, r.Currency)
	}
	b.heading("Call")
	b.field("Start", timeText(r.StartDateTime, loc))
	b.field("End", timeText(r.EndDateTime, loc))
	b.field("Duration", fmtSeconds(int64(r.Duration))+" ("+strconv.Itoa(int(r.Duration))+" s)")
	b.field("Duration from", orDash(r.CallDurationSource))
	b.field("User", userText(r.UserDisplayName, r.UserPrincipalName, r.UserID))
	b.field("Caller", orDash(r.CallerNumber))
	b.field("Callee", orDash(r.CalleeNumber))
	b.field("Call type", orDash(r.CallType))
	b.field("Destination", orDash(r.DestinationName)+" ("+orDash(r.DestinationContext)+")")
	b.heading("Billing")
	b.field("Charge", money(r.Charge))
	b.field("Connection", money(r.ConnectionCharge))
	b.field("License", orDash(r.LicenseCapability))
	b.field("Inventory", orDash(r.InventoryType))
	b.field("Operator", orDash(r.Operator))
	b.field("Countries", "tenant "+orDash(r.TenantCountryCode)+" · usage "+orDash(r.UsageCountryCode))
	b.heading("Ids")
	b.field("Call id", orDash(r.CallID))
	b.field("Conference", orDash(r.ConferenceID))
	b.field("Row id", orDash(r.ID))
	b.blank()
	b.note(d.c.Keys.CopyID.Help().Key + " copies the row id · " + d.c.Keys.RawJSON.Help().Key + " raw JSON")
}

// timeText is a full timestamp with milliseconds in loc, "—" for none.
func timeText(t model.Time, loc *time.Location) string {
	if t.IsZero() {
		return "—"
	}
	return t.In(loc).Format("2006-01-02 15:04:05.000")
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

// detailBuilder collects the detail's lines at one width.
type detailBuilder struct {
	st    *Styles
	width int
	lines []string
}

// detailLabelWidth fits the longest label.
const detailLabelWidth = 13

func (b *detailBuilder) heading(s string) {
	if len(b.lines) > 0 {
		b.lines = append(b.lines, "")
	}
	b.lines = append(b.lines, b.st.Title.Render(truncate(s, b.width)))
}

func (b *detailBuilder) blank() { b.lines = append(b.lines, "") }

// field writes "Label        value", wrapping the value under itself.
func (b *detailBuilder) field(label, value string) {
	indent := strings.Repeat(" ", detailLabelWidth+2)
	w := max(b.width-len(indent), 10)
	wrapped := strings.Split(ansi.Wrap(value, w, " "), "\n")
	for i, l := range wrapped {
		if i == 0 {
			b.lines = append(b.lines, b.st.Label.Render(padRight(label, detailLabelWidth))+"  "+l)
			continue
		}
		b.lines = append(b.lines, indent+l)
	}
}

func (b *detailBuilder) note(s string) {
	for _, l := range strings.Split(ansi.Wrap(s, max(b.width, 10), " "), "\n") {
		b.lines = append(b.lines, b.st.Subtle.Render(l))
	}
}

// ShortHelp offers the record and copy keys, and scrolling.
func (d *logDetail) ShortHelp() []key.Binding {
	k := d.c.Keys
	has := d.correlation() != ""
	k.OpenRecord.SetEnabled(has)
	return []key.Binding{k.Up, k.Down, k.OpenRecord, k.CopyID, k.RawJSON, k.Back}
}

// FullHelp groups the keys for the help overlay.
func (d *logDetail) FullHelp() [][]key.Binding {
	k := d.c.Keys
	return [][]key.Binding{k.navHelp(), d.ShortHelp()[2:]}
}
