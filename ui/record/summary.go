package record

import (
	"strconv"
	"strings"

	"github.com/callscope/callscope/model/quality"
	"github.com/callscope/callscope/ui/common"
	"github.com/charmbracelet/x/ansi"
)

// summaryLabelWidth aligns the summary's values.
const summaryLabelWidth = 14

// maxParticipantLines bounds the participant names shown in the summary; the
// rest is counted.
const maxParticipantLines = 2

// minSessionRows is the table height below which the detail pane gives way.
const minSessionRows = 3

// layout rebuilds the summary and detail text and sizes the table for the
// current width, record and cursor. It runs in Update, so View stays pure.
func (s *Screen) layout() {
	if s.raw != nil {
		s.raw.SetSize(s.width, s.height)
	}
	if s.record == nil || s.width <= 0 {
		s.summaryLines, s.detailLines = nil, nil
		return
	}
	if dated := sessionsCrossDays(s.record, s.c.Loc()); dated != s.datedStarts {
		s.datedStarts = dated
		cols := sessionColumns
		if dated {
			cols = sessionColumnsDated
		}
		s.tbl.SetColumns(cols)
	}
	s.summaryLines = s.summary(s.width)
	s.detailLines = nil
	if len(s.record.Sessions) > 0 {
		i := min(s.tbl.Cursor(), len(s.record.Sessions)-1)
		s.detailLines = sessionDetail(&s.record.Sessions[i], i+1, s.c.Loc(), s.width)
	}
	// Summary, a blank line, the "Sessions" title, the table (and the
	// search line while it is typed), a blank line and the detail: the
	// detail gives way first, then summary lines.
	avail := s.height - len(s.summaryLines) - 2
	if s.tbl.Search().Typing() {
		avail-- // the search line, under the table
	}
	if avail-len(s.detailLines)-1 < minSessionRows+1 {
		s.detailLines = nil
	}
	if len(s.detailLines) > 0 {
		avail -= len(s.detailLines) + 1
	}
	if avail < minSessionRows+1 {
		keep := max(len(s.summaryLines)-(minSessionRows+1-avail), 1)
		avail += len(s.summaryLines) - keep
		s.summaryLines = s.summaryLines[:keep]
	}
	s.tbl.SetSize(s.width, max(avail, 1))
}

// summary is the record's fields as labelled lines; values wrap under
// their label, so nothing is cut but the participant list.
func (s *Screen) summary(width int) []string {
	r, st := s.record, s.c.Styles
	loc := s.c.Loc()
	field := func(label string, items ...string) []string {
		pad := common.PadRight(label, summaryLabelWidth)
		lines := wrapItems(pad, items, width)
		if rest, ok := strings.CutPrefix(lines[0], pad); ok {
			lines[0] = st.Label.Render(pad) + rest
		}
		return lines
	}
	var out []string
	out = append(out, field("Call record", r.ID, "version "+strconv.FormatInt(r.Version, 10), "type "+common.OrDash(r.Type),
		"modalities "+modalitiesText(r.Modalities))...)
	out = append(out, field("Start", common.FormatStart(r.StartDateTime.Time, loc), "end "+common.FormatStart(r.EndDateTime.Time, loc),
		"duration "+spanDuration(r.StartDateTime, r.EndDateTime),
		"last modified "+common.FormatStart(r.LastModifiedDateTime.Time, loc))...)
	out = append(out, field("Organizer", common.OrDash(r.OrganizerText()))...)
	// The verdict wraps at its commas, under its label: a reason is never cut.
	pad := common.PadRight("Quality", summaryLabelWidth)
	verdict := wrapSentence(pad, quality.ClassifyRecord(r).Summary(), width)
	if rest, ok := strings.CutPrefix(verdict[0], pad); ok {
		verdict[0] = st.Label.Render(pad) + rest
	}
	out = append(out, verdict...)
	if r.JoinWebURL != "" {
		out = append(out, field("Join URL", r.JoinWebURL)...)
	}
	out = append(out, s.participantLines(width)...)
	return out
}

// participantLines is "Participants  12 loaded · more: Ann, Bo, …", at most
// maxParticipantLines long; the deprecated list stands in for old records.
func (s *Screen) participantLines(width int) []string {
	names := make([]string, 0, min(len(s.participants), 64))
	for i := range s.participants {
		names = append(names, common.OrDash(s.participants[i].DisplayText()))
		if len(names) == 64 { // more than two lines ever show
			break
		}
	}
	var count string
	switch {
	case len(s.participants) == 0 && s.participantsDone && len(s.record.Participants) > 0:
		count = common.Plural(len(s.record.Participants), "participant", "participants") + " (deprecated list)"
		names = names[:0]
		for i := range s.record.Participants {
			t, _ := s.record.Participants[i].DisplayText()
			names = append(names, common.OrDash(t))
			if len(names) == 64 {
				break
			}
		}
	case s.participantsDone && len(s.participants) == 0 && s.c.Offline:
		count = "not kept in the store (Graph lists them when online)"
	case s.participantsDone && len(s.participants) == 0 && s.fromStore():
		count = "not kept in the store (r asks Graph again)"
	case s.participantsDone:
		count = common.Plural(len(s.participants), "participant", "participants")
	case s.participantPages.Fault() != nil:
		count = common.FormatCount(len(s.participants)) + " loaded · " + errorHeadline(s.participantPages.Fault()) + " · r to retry"
	default:
		count = common.FormatCount(len(s.participants)) + " loaded · more"
	}
	total := len(s.participants)
	if len(s.record.Participants) > 0 && len(s.participants) == 0 {
		total = len(s.record.Participants)
	}
	head := count
	if len(names) > 0 {
		head += ": "
	}
	pad := common.PadRight("Participants", summaryLabelWidth)
	lines := packNames(pad+head, summaryLabelWidth, names, total, width, maxParticipantLines)
	if rest, ok := strings.CutPrefix(lines[0], pad); ok {
		lines[0] = s.c.Styles.Label.Render(pad) + rest
	}
	return lines
}

// packNames lists names after first, comma-separated, in at most maxLines
// lines of width cells (continuations indented). Names that do not fit are
// left out whole and counted: "… (303 in all)".
func packNames(first string, indent int, names []string, total, width, maxLines int) []string {
	suffix := " … (" + common.FormatCount(total) + " in all)"
	sw := ansi.StringWidth(suffix)
	cut := func(lines []string) []string {
		last := len(lines) - 1
		l := strings.TrimRight(lines[last], " ")
		if l == "" {
			l = strings.Repeat(" ", indent) + strings.TrimPrefix(suffix, " ")
		} else {
			l += suffix
		}
		lines[last] = common.Truncate(l, width)
		return lines
	}
	for i := range names[:max(len(names)-1, 0)] {
		names[i] += ","
	}
	// rest[i] is the width of names[i:] on one line, to tell whether the
	// last line can end the list without room for the count.
	rest := make([]int, len(names)+1)
	for i := len(names) - 1; i >= 0; i-- {
		rest[i] = ansi.StringWidth(names[i]) + rest[i+1]
		if i < len(names)-1 {
			rest[i]++
		}
	}
	lines := []string{first}
	w, empty := ansi.StringWidth(first), true
	for i, n := range names {
		nw, sep := ansi.StringWidth(n), 1
		if empty {
			sep = 0
		}
		if w+sep+nw > width && !empty {
			if len(lines) == maxLines {
				return cut(lines)
			}
			lines = append(lines, strings.Repeat(" ", indent))
			w, sep = indent, 0
		}
		endsHere := total == len(names) && w+sep+rest[i] <= width
		if len(lines) == maxLines && !endsHere && w+sep+nw+sw > width {
			return cut(lines)
		}
		if sep == 1 {
			lines[len(lines)-1] += " "
		}
		lines[len(lines)-1] += n
		w += sep + nw
		empty = false
	}
	if total > len(names) {
		return cut(lines)
	}
	for i := range lines {
		lines[i] = common.Truncate(lines[i], width)
	}
	return lines
}

// View draws the raw JSON, or the state (loading, not found, error), or
// summary, sessions and the detail of the session under the cursor.
func (s *Screen) View() string {
	st := s.c.Styles
	if s.raw != nil {
		return s.raw.View(st)
	}
	if s.record == nil {
		return s.stateView()
	}
	var b strings.Builder
	for _, l := range s.summaryLines {
		b.WriteString(l)
		b.WriteByte('\n')
	}
	b.WriteByte('\n')
	title := "Sessions (" + common.FormatCount(len(s.record.Sessions)) + ")"
	if len(s.record.Sessions) == 0 {
		b.WriteString(st.Title.Render(title) + st.Subtle.Render("  no sessions in this record yet: Graph may still be adding them; r reloads"))
		return b.String()
	}
	b.WriteString(st.Title.Render(title) + st.Subtle.Render("  enter opens a session"))
	b.WriteByte('\n')
	b.WriteString(s.tbl.View())
	b.WriteString(s.searchLine()) // search.go
	writeDetail(&b, st, s.detailLines)
	return b.String()
}

// writeDetail puts the detail of the row under the cursor below its
// table, after a blank line, its first line (what the row is) accented.
func writeDetail(b *strings.Builder, st common.Styles, lines []string) {
	for i, l := range lines {
		if i == 0 {
			b.WriteString("\n\n" + st.Accent.Render(l))
			continue
		}
		b.WriteString("\n" + l)
	}
}

// stateView is what shows before a record is in: loading, a 404 in
// plain words, or the error with what a support ticket needs, wrapped to
// the width so none of it is cut off.
func (s *Screen) stateView() string {
	st := s.c.Styles
	var v string
	switch {
	case s.err != nil && s.notFound:
		v = st.Warn.Render(NotFoundText(s.id)) + "\n\n" + st.Subtle.Render("r to retry · esc goes back")
	case s.err != nil && s.notStored:
		v = st.Warn.Render(NotStoredText(s.id)) + "\n\n" + st.Subtle.Render("r reads the store again · esc goes back")
	case s.err != nil:
		v = strings.Join(errorLines(st, "Could not load call record "+s.id, s.err), "\n")
	case s.Pending != 0:
		v = st.Subtle.Render("Loading call record " + s.id + " with its sessions and segments…")
	default:
		v = st.Subtle.Render("No call record loaded. r to retry")
	}
	if s.width > 0 {
		v = ansi.Wrap(v, s.width, "")
	}
	return v
}

// NotFoundText explains a 404 for a record id: what the screen says when
// Graph does not know the id (too old, or not written yet).
func NotFoundText(id string) string {
	return "No Teams call record " + id + ": it may be older than 30 days or not generated yet (up to 60 minutes after the call)"
}

// errorLines is the error block: what failed, Graph's code and message,
// request-id and date, and how to retry.
func errorLines(st common.Styles, what string, err error) []string {
	lines := []string{st.Danger.Render(what + ": " + errorHeadline(err))}
	if ge, ok := common.AsGraphError(err); ok {
		if facts := common.GraphFacts(ge); facts != "" {
			lines = append(lines, "Graph "+facts)
		}
		if h := ge.Hint(); h != "" {
			lines = append(lines, h)
		}
	} else {
		lines = append(lines, err.Error())
	}
	return append(lines, "", st.Subtle.Render("r to retry · esc goes back"))
}

// errorHeadline is the short form of an error: Graph's status and message,
// or the error text.
func errorHeadline(err error) string {
	if ge, ok := common.AsGraphError(err); ok {
		h := "Graph " + strconv.Itoa(ge.Status)
		if ge.Message != "" {
			h += ": " + ge.Message
		}
		return h
	}
	return err.Error()
}
