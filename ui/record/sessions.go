package record

import (
	"strconv"
	"time"

	"github.com/callscope/callscope/model"
	"github.com/callscope/callscope/model/quality"
	"github.com/callscope/callscope/ui/common"
	"github.com/callscope/callscope/ui/table"
	"github.com/charmbracelet/lipgloss"
)

// Columns of the record screen's sessions table.
const (
	sessionNumberColumn = iota
	sessionStartColumn
	sessionDurationColumn
	sessionCallerColumn
	sessionCalleeColumn
	sessionModalitiesColumn
	sessionResultColumn
	sessionQualityColumn
)

// sessionColumns shows START as a time of day: sessions fall within their
// record, whose date the summary gives. sessionColumnsDated is for records
// whose sessions cross midnight.
var sessionColumns = []table.Column{
	sessionNumberColumn:     {Title: "#", Min: 3, Right: true},
	sessionStartColumn:      {Title: "Start", Min: 8},
	sessionDurationColumn:   {Title: "Duration", Min: 8, Right: true, Drop: 2},
	sessionCallerColumn:     {Title: "Caller →", Min: 14, Flex: 3},
	sessionCalleeColumn:     {Title: "Callee", Min: 14, Flex: 3},
	sessionModalitiesColumn: {Title: "Modalities", Min: 10, Drop: 1},
	sessionResultColumn:     {Title: "Result", Min: 12, Flex: 4},
	sessionQualityColumn:    {Title: "Quality", Min: 12},
}

var sessionColumnsDated = func() []table.Column {
	cols := append([]table.Column(nil), sessionColumns...)
	cols[sessionStartColumn].Min = len(common.StartLayout)
	return cols
}()

// sessionsCrossDays reports sessions starting on another day than the
// record (in loc), which the time-of-day column could not tell apart.
func sessionsCrossDays(r *model.CallRecord, loc *time.Location) bool {
	y, m, d := r.StartDateTime.In(loc).Date()
	for i := range r.Sessions {
		t := r.Sessions[i].StartDateTime
		if t.IsZero() {
			continue
		}
		if y2, m2, d2 := t.In(loc).Date(); y2 != y || m2 != m || d2 != d {
			return true
		}
	}
	return false
}

// spanDuration is end minus start in table form, "—" when either is missing.
func spanDuration(start, end model.Time) string {
	if start.IsZero() || end.IsZero() {
		return "—"
	}
	return common.FormatDuration(end.Sub(start.Time))
}

// spanText is "start → end (duration)" for detail lines.
func spanText(start, end model.Time, loc *time.Location) string {
	return common.FormatStart(start.Time, loc) + " → " + common.FormatStart(end.Time, loc) + " (" + spanDuration(start, end) + ")"
}

// sessionCell is the table's cell func; it runs only for visible cells.
func (s *Screen) sessionCell(row, col int) string {
	if s.record == nil || row >= len(s.record.Sessions) {
		return ""
	}
	return sessionCellOf(&s.record.Sessions[row], row, col, s.c.Loc(), s.datedStarts)
}

// sessionCellOf is column col of session ss at row (0 first), as the
// table shows it and the search reads it; dated shows START with its date.
func sessionCellOf(ss *model.Session, row, col int, loc *time.Location, dated bool) string {
	switch col {
	case sessionNumberColumn:
		return strconv.Itoa(row + 1)
	case sessionStartColumn:
		return formatStartOf(ss, loc, dated)
	case sessionDurationColumn:
		return spanDuration(ss.StartDateTime, ss.EndDateTime)
	case sessionCallerColumn:
		return endpointShort(ss.Caller)
	case sessionCalleeColumn:
		return endpointShort(ss.Callee)
	case sessionModalitiesColumn:
		return modalitiesText(ss.Modalities)
	case sessionResultColumn:
		return sessionResult(ss)
	case sessionQualityColumn:
		return string(quality.ClassifySession(ss).Verdict)
	}
	return ""
}

// sessionResult is "ok" or "FAILED <stage>: <reason>", in words.
func sessionResult(ss *model.Session) string {
	return failureText(quality.SessionFailure(ss))
}

// sessionRowStyle colours a failed session, and a session with a poor
// stream; the Result and Quality cells say the same in words.
func (s *Screen) sessionRowStyle(row int) (lipgloss.Style, bool) {
	if s.record == nil || row >= len(s.record.Sessions) {
		return lipgloss.Style{}, false
	}
	ss := &s.record.Sessions[row]
	switch {
	case quality.SessionFailure(ss) != nil:
		return s.c.Styles.Danger, true
	case quality.ClassifySession(ss).Verdict == quality.Poor:
		return s.c.Styles.Warn, true
	}
	return lipgloss.Style{}, false
}

// sessionDetail describes the session under the cursor in full: id,
// times, both endpoints with user agent header and rating, and the result.
func sessionDetail(ss *model.Session, n int, loc *time.Location, width int) []string {
	head := []string{"Session " + strconv.Itoa(n), sessionResult(ss), "id " + common.OrDash(ss.ID),
		spanText(ss.StartDateTime, ss.EndDateTime, loc), common.Plural(len(ss.Segments), "segment", "segments")}
	if ss.IsTest != nil && *ss.IsTest {
		head = append(head, "test call")
	}
	var lines []string
	lines = append(lines, wrapItems("", head, width)...)
	lines = append(lines, wrapSentence("Quality ", quality.ClassifySession(ss).Summary(), width)...)
	lines = append(lines, wrapItems("Caller  ", endpointItems(ss.Caller), width)...)
	lines = append(lines, wrapItems("Callee  ", endpointItems(ss.Callee), width)...)
	return lines
}
