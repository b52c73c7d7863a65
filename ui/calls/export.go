package calls

import (
	"strings"
	"time"

	"github.com/callscope/callscope/model"
	"github.com/callscope/callscope/model/export"
	"github.com/callscope/callscope/ui/common"
	tea "github.com/charmbracelet/bubbletea"
)

// exportRow is a listed call as e exports it: the list's fields and the
// verdicts of `callscope calls --quality`, under the same names; empty
// while a row's record is not known yet.
type exportRow struct {
	export.CallSummary
	Result        string `json:"result"`
	Quality       string `json:"quality"`
	QualityReason string `json:"qualityReason"`
}

// exportColumns are the columns of `callscope calls --quality --output
// csv`, filled with what the list keeps.
var exportColumns = export.Columns[exportRow]{
	Header: append(append([]string(nil), export.CallSummaryColumns.Header...), "result", "quality", "qualityReason"),
	Fill: func(r *exportRow, c []string) {
		n := len(export.CallSummaryColumns.Header)
		export.CallSummaryColumns.Fill(&r.CallSummary, c[:n])
		c[n], c[n+1], c[n+2] = r.Result, r.Quality, r.QualityReason
	},
}

// exportHeader names the exported columns.
var exportHeader = exportColumns.Header

// ExportReady reports rows to export.
func (s *Screen) ExportReady() bool { return s.rows.Len() > 0 }

// Export writes the rows loaded as CSV and JSON: the script's columns, and
// JSON with Graph's names and types for the fields the list keeps (see
// export.CallSummary), each with the verdicts known when e was pressed.
func (s *Screen) Export() tea.Cmd {
	rows := s.rows.Snapshot()
	// The verdicts change on the event loop as records land; the command
	// reads a copy of them, taken now.
	verdicts := make([]rowVerdict, min(len(s.enrich.verdicts), rows.Len()))
	copy(verdicts, s.enrich.verdicts)
	row := func(i int, v *exportRow) {
		v.ID, v.Type, v.OrganizerText = rows.ID(i), rows.Type(i), rows.Organizer(i)
		if m := rows.Modalities(i); m != "" {
			v.Modalities = strings.Split(m, ", ")
		}
		if sec := rows.StartUnix(i); sec != 0 {
			v.Start = model.Time{Time: time.Unix(sec, 0).UTC()}
		}
		if d := rows.DurationSecs(i); d >= 0 {
			v.DurationSeconds = &d
		}
		if i < len(verdicts) {
			v.Result, v.Quality, v.QualityReason = verdicts[i].exported()
		}
	}
	return common.ExportCmd(s.c.ExportDir, "calls", s.c.Now(), exportColumns, rows.Len(), row)
}

// exported is a verdict in the words of `calls --quality`: the Result
// with the session it is on, the quality's label without the metric (the
// reason names it), and the reason; all empty when not known, or when the
// row's record could not be had.
func (v *rowVerdict) exported() (result, quality, reason string) {
	if v.state != verdictKnown || v.lost || v.notStored {
		return "", "", ""
	}
	result = v.result
	if v.text != "" {
		result = v.text
	}
	label, _, _ := strings.Cut(v.quality, ": ") // CallVerdict.Short is Label + ": " + metric
	return result, label, v.reason
}
