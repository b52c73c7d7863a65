package logs

import (
	"cmp"
	"time"

	"github.com/callscope/callscope/model"
	"github.com/callscope/callscope/model/triage"
	"github.com/callscope/callscope/ui/common"
	"github.com/callscope/callscope/ui/rowstore"
	"github.com/callscope/callscope/ui/table"
	"github.com/callscope/callscope/ui/timeline"
	tea "github.com/charmbracelet/bubbletea"
)

// NewDirectDetail is the detail screen of one Direct Routing row, for a
// screen that holds rows of its own (the timeline): the same screen
// enter opens on the Direct Routing list.
func NewDirectDetail(c *common.Common, row model.DirectRoutingRow) common.Screen {
	g := rowstore.LogGroup{Code: row.FinalSIPCode, Subcode: row.CallEndSubReason, Unreported: triage.MissingOf(row.Unreported), Kind: rowstore.GroupCode}
	return newDetail(c, decoded{title: g.Label(),
		start: row.StartDateTime, id: row.ID, correlation: row.CorrelationID, copyID: cmp.Or(row.CorrelationID, row.ID),
		graph: &row, lines: func(b *table.Details, loc *time.Location, k common.KeyMap) { drLines(b, &row, loc, k) }})
}

// NewPstnDetail is the detail screen of one PSTN row, as NewDirectDetail.
func NewPstnDetail(c *common.Common, row model.PstnRow) common.Screen {
	return newDetail(c, decoded{title: "Call " + common.ShortID(row.ID), start: row.StartDateTime, id: row.ID,
		copyID: cmp.Or(row.CallID, row.ID), graph: &row,
		lines: func(b *table.Details, loc *time.Location, k common.KeyMap) { pstnLines(b, &row, loc, k) }})
}

// Openers are the log rows' detail screens, for the timeline.
func Openers() timeline.Openers {
	return timeline.Openers{Direct: NewDirectDetail, Pstn: NewPstnDetail}
}

// openTimeline asks for the timeline of the selected row's user (or its
// far end's number) over the list's range (p).
func (s *List) openTimeline() tea.Cmd {
	var subj timeline.Subject
	ok := false
	switch r := s.row().graph.(type) {
	case *model.DirectRoutingRow:
		subj, ok = timeline.OfDirect(r)
	case *model.PstnRow:
		subj, ok = timeline.OfPstn(r)
	}
	if !ok {
		return common.Flash("this row names no user or number to follow", true)
	}
	return timeline.Open(s, subj, s.feed.from, s.feed.to)
}
