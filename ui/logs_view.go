package ui

import (
	"strconv"
	"strings"

	"github.com/callscope/callscope/model"
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"
)

// Title is the breadcrumb segment: the report, or the group of a group view.
func (s *logScreen) Title() string {
	if s.fixed {
		return s.group.label()
	}
	if s.kind == logPstn {
		return "PSTN"
	}
	return "Direct Routing"
}

// what names the rows in messages.
func (s *logScreen) what() string {
	if s.kind == logPstn {
		return "PSTN calls"
	}
	return "Direct Routing calls"
}

// Status feeds the frame: the range and local filters for the header, the
// rows loaded, and the sort and shown count for the footer.
func (s *logScreen) Status() Status {
	st := Status{
		Loaded:   s.feed.Len(),
		More:     (s.feed.started && s.feed.next != "") || s.feed.stopped,
		Loading:  s.feed.pending != 0,
		Activity: s.what(),
		Err:      s.feed.fault(),
		Filter:   s.filterWords(),
		Note:     s.feed.stopWords("rows", s.c.Keys.Reload.Help().Key),
	}
	if !s.identity {
		st.Note = strings.TrimPrefix(st.Note+" · "+fmtCount(s.tbl.Len())+" shown", " · ")
	}
	if s.fixed && st.Err != nil {
		// The summary's load failed, and r is the summary's: the footer's
		// "r retries" would be wrong here; the view says where to go.
		st.Err = nil
		st.Note = strings.TrimPrefix(st.Note+" · incomplete: the summary's load failed", " · ")
	}
	return st
}

// retryWords says how to load again after an error: r here, or in the
// summary a group view was opened from.
func (s *logScreen) retryWords() string {
	k := s.c.Keys
	switch {
	case s.fixed:
		return k.Back.Help().Key + ", then " + k.Reload.Help().Key + " in the summary, loads again"
	case s.feed.halted():
		return k.Reload.Help().Key + " to reload"
	}
	return k.Reload.Help().Key + " to retry"
}

// rangeWords is the range in the shown zone: "2026-11-19 14:00 → 2026-11-20 14:00".
func (s *logScreen) rangeWords() string {
	loc := s.c.Loc()
	return fmtShortTime(s.feed.from, loc) + " → " + fmtShortTime(s.feed.to, loc)
}

// filterWords is the header's text: range, failures-only, group, sort.
func (s *logScreen) filterWords() string {
	parts := []string{s.rangeWords()}
	if s.failuresOnly {
		parts = append(parts, "failures only")
	}
	if s.fixed {
		parts = append(parts, s.group.label())
	}
	if w := s.cmdf.words(); w != "" {
		parts = append(parts, w)
	}
	if w := s.sortWords(); w != "" {
		parts = append(parts, w)
	}
	return strings.Join(parts, " · ")
}

// View draws the form or picker, the loading, error or empty state, or
// the table with an error line under it when a later page failed.
func (s *logScreen) View() string {
	if s.width <= 0 || s.height <= 0 {
		return ""
	}
	if s.form != nil {
		return lipgloss.PlaceHorizontal(s.width, lipgloss.Center, s.form.View())
	}
	if s.picker != nil {
		return lipgloss.PlaceHorizontal(s.width, lipgloss.Center, s.pickerView())
	}
	st := &s.c.Styles
	k := s.c.Keys
	n := s.tbl.Len()
	switch {
	case s.feed.Len() == 0 && s.feed.fault() != nil:
		return s.errorView()
	case s.feed.Len() == 0 && s.feed.stopped && !s.fixed:
		return stoppedView(st, &k, s.width, s.what())
	case s.feed.Len() == 0 && (s.feed.more() || s.feed.pending != 0):
		// Graph may send a page of no rows with a nextLink: not the end yet.
		return messageView(s.width, st.Subtle.Render("Loading "+s.what()+" "+s.rangeWords()+"…"))
	case s.feed.Len() == 0:
		return messageView(s.width, st.Title.Render("No "+s.what()+" between "+s.rangeWords()),
			"", st.Subtle.Render(k.Filter.Help().Key+" changes the range · "+k.Reload.Help().Key+" reloads"))
	case n == 0:
		hint := "No loaded row matches " + s.filterWords()
		if s.feed.more() && !s.fixed {
			hint += "; loading more…"
		}
		return messageView(s.width, st.Title.Render(hint))
	}
	v := s.tbl.View()
	switch {
	case s.fixed && s.feed.err != nil:
		// The summary's load failed; r is the summary's.
		v += "\n" + st.Danger.Render(truncate("✗ "+errorLine(s.feed.err)+" · "+s.retryWords(), s.width))
	case !s.fixed && s.feed.hasStatusLine():
		v += "\n" + s.feed.statusLine(st, &k, s.width)
	}
	return v
}

// errorView is the state when nothing could be loaded: the error in full
// and how to retry.
func (s *logScreen) errorView() string {
	st := &s.c.Styles
	lines := []string{st.Danger.Render("✗ Could not load " + s.what() + " " + s.rangeWords()), ""}
	for _, l := range strings.Split(ansi.Wrap(s.feed.fault().Error(), max(s.width-4, 10), " "), "\n") {
		lines = append(lines, st.Value.Render(l))
	}
	lines = append(lines, "", st.Subtle.Render(s.retryWords()))
	return messageView(s.width, lines...)
}

// cell is the table's view of position r.
func (s *logScreen) cell(r, col int) string {
	i := s.rowAt(r)
	if s.kind == logPstn {
		return s.feed.pstn.cell(i, col, s.c.Loc())
	}
	return s.feed.dr.cell(i, col, s.c.Loc(), s.failedText)
}

// row decodes the row under the cursor for the detail screen.
func (s *logScreen) row() logRow {
	i := s.rowAt(s.tbl.Cursor())
	if s.kind == logPstn {
		r := s.feed.pstn.row(i)
		return logRow{pstn: &r}
	}
	r := s.feed.dr.row(i)
	return logRow{dr: &r}
}

// copyID is what y copies: the correlation id support asks for (DR), or
// the call id (PSTN); the row id when those are missing.
func (s *logScreen) copyID() string {
	r := s.row()
	if r.pstn != nil {
		if r.pstn.CallID != "" {
			return r.pstn.CallID
		}
		return r.pstn.ID
	}
	if r.dr.CorrelationID != "" {
		return r.dr.CorrelationID
	}
	return r.dr.ID
}

// Export headers: Graph's property names, times RFC 3339 UTC.
var (
	drExportHeader = []string{"id", "correlationId", "userId", "userPrincipalName", "userDisplayName",
		"startDateTime", "inviteDateTime", "failureDateTime", "endDateTime", "duration", "callType",
		"successfulCall", "callerNumber", "calleeNumber", "mediaPathLocation", "signalingLocation",
		"finalSipCode", "callEndSubReason", "finalSipCodePhrase", "trunkFullyQualifiedDomainName",
		"mediaBypassEnabled"}
	pstnExportHeader = []string{"id", "callId", "userId", "userPrincipalName", "userDisplayName",
		"startDateTime", "endDateTime", "duration", "charge", "connectionCharge", "currency", "callType",
		"calleeNumber", "callerNumber", "destinationContext", "destinationName", "conferenceId",
		"licenseCapability", "inventoryType", "operator", "callDurationSource", "tenantCountryCode",
		"usageCountryCode"}
)

// export writes the rows shown, in the order shown. The command reads a
// snapshot of the store and of the view, which later pages never change.
func (s *logScreen) export() tea.Cmd {
	n := s.tbl.Len()
	view, identity := s.view[:len(s.view):len(s.view)], s.identity
	at := func(i int) int32 {
		if identity {
			return int32(i)
		}
		return view[i]
	}
	if s.kind == logPstn {
		st := s.feed.pstn.snapshot()
		return exportCmd(s.c.ExportDir, "pstn", s.c.Now(), pstnExportHeader, n, func(i int, rec []string) {
			pstnRecord(st.row(at(i)), rec)
		})
	}
	st := s.feed.dr.snapshot()
	return exportCmd(s.c.ExportDir, "direct-routing", s.c.Now(), drExportHeader, n, func(i int, rec []string) {
		drRecord(st.row(at(i)), rec)
	})
}

// graphTime is an export timestamp, "" for none.
func graphTime(t model.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format("2006-01-02T15:04:05.999Z07:00")
}

func drRecord(r model.DirectRoutingRow, rec []string) {
	copy(rec, []string{r.ID, r.CorrelationID, r.UserID, r.UserPrincipalName, r.UserDisplayName,
		graphTime(r.StartDateTime), graphTime(r.InviteDateTime), graphTime(r.FailureDateTime), graphTime(r.EndDateTime),
		strconv.Itoa(int(r.Duration)), r.CallType, strconv.FormatBool(r.SuccessfulCall), r.CallerNumber, r.CalleeNumber,
		r.MediaPathLocation, r.SignalingLocation, strconv.Itoa(int(r.FinalSIPCode)), strconv.Itoa(int(r.CallEndSubReason)),
		r.FinalSIPCodePhrase, r.TrunkFullyQualifiedDomainName, strconv.FormatBool(r.MediaBypassEnabled)})
}

func pstnRecord(r model.PstnRow, rec []string) {
	money := func(f *float64) string {
		if f == nil {
			return ""
		}
		return strconv.FormatFloat(*f, 'f', -1, 64)
	}
	copy(rec, []string{r.ID, r.CallID, r.UserID, r.UserPrincipalName, r.UserDisplayName,
		graphTime(r.StartDateTime), graphTime(r.EndDateTime), strconv.Itoa(int(r.Duration)), money(r.Charge),
		money(r.ConnectionCharge), r.Currency, r.CallType, r.CalleeNumber, r.CallerNumber, r.DestinationContext,
		r.DestinationName, r.ConferenceID, r.LicenseCapability, r.InventoryType, r.Operator, r.CallDurationSource,
		r.TenantCountryCode, r.UsageCountryCode})
}

// keys lists what applies now, for both help views.
func (s *logScreen) keys() (nav, acts []key.Binding) {
	k := s.c.Keys
	has := s.tbl.Len() > 0
	k.Open.SetEnabled(has)
	k.CopyID.SetEnabled(has)
	k.Export.SetEnabled(has)
	acts = []key.Binding{k.Open}
	switch {
	case !s.fixed && s.feed.pending != 0:
		acts = append(acts, stopKey(k)) // esc stops the load before it clears a filter
	case s.localFilters():
		// First after open: the footer may cut the tail of the list.
		acts = append(acts, clearFilterKey(k))
	}
	if s.kind == logDirect {
		k.OpenRecord.SetEnabled(has)
		acts = append(acts, k.OpenRecord)
	}
	if s.failuresApply() {
		acts = append(acts, k.FailuresOnly)
	}
	acts = append(acts, k.Sort)
	if !s.fixed {
		acts = append(acts, k.Summary, k.Filter, k.Reload)
	}
	acts = append(acts, k.CopyID, k.Export)
	return k.navHelp(), acts
}

// ShortHelp offers what applies now; f only where rows have an outcome.
func (s *logScreen) ShortHelp() []key.Binding {
	k := s.c.Keys
	switch {
	case s.form != nil:
		return []key.Binding{k.Apply, k.NextField, k.Back}
	case s.picker != nil:
		return []key.Binding{k.Up, k.Down, k.Open, k.Back}
	}
	_, acts := s.keys()
	return acts
}

// FullHelp groups the keys for the help overlay.
func (s *logScreen) FullHelp() [][]key.Binding {
	nav, acts := s.keys()
	return [][]key.Binding{nav, acts}
}

// rowID is row i's Graph id.
func (s *logScreen) rowID(i int32) string {
	if s.kind == logPstn {
		p := s.feed.pstn.rows.at(i)
		return idString(p.id, p.flags&pstnIDOdd != 0, &s.feed.pstn.odd)
	}
	p := s.feed.dr.rows.at(i)
	return idString(p.id, p.flags&drIDOdd != 0, &s.feed.dr.odd)
}

// findID is the row with Graph id id in the feed, or -1.
func (s *logScreen) findID(id string) int32 {
	if s.kind == logPstn {
		return s.feed.pstn.findID(id)
	}
	return s.feed.dr.findID(id)
}
