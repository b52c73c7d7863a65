package calls

import (
	"strings"
	"time"

	"github.com/callscope/callscope/model"
	"github.com/callscope/callscope/model/export"
	"github.com/callscope/callscope/ui/common"
	tea "github.com/charmbracelet/bubbletea"
)

// exportHeader names the exported columns: those of `callscope calls
// --output csv`, filled with what the list keeps.
var exportHeader = export.CallSummaryColumns.Header

// ExportReady reports rows to export.
func (s *Screen) ExportReady() bool { return s.rows.Len() > 0 }

// Export writes the rows loaded as CSV and JSON: the script's columns, and
// JSON with Graph's names and types for the fields the list keeps (see
// export.CallSummary).
func (s *Screen) Export() tea.Cmd {
	rows := s.rows.Snapshot()
	row := func(i int, v *export.CallSummary) {
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
	}
	return common.ExportCmd(s.c.ExportDir, "calls", s.c.Now(), export.CallSummaryColumns, rows.Len(), row)
}
