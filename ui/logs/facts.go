package logs

import (
	"github.com/callscope/callscope/graphclient"
	"github.com/callscope/callscope/graphclient/store"
	"github.com/callscope/callscope/model"
	"github.com/callscope/callscope/ui/common"
	"github.com/callscope/callscope/ui/table"
)

// column is a log table column plus how it sorts.
type column struct {
	table.Column
	// Name is the column in the sort picker and the header note.
	Name string
	// Desc is the direction the column sorts in first (longest calls first).
	Desc bool
}

// tableColumns strips the sort data for the table.
func tableColumns(cols []column) []table.Column {
	out := make([]table.Column, len(cols))
	for i, c := range cols {
		out[i] = c.Column
	}
	return out
}

// drAbout is what the Direct Routing report says of itself; its columns
// are in the order of the rowstore.DRCol constants.
var drAbout = about{title: "Direct Routing", file: "direct-routing", outcome: true, correlate: true,
	cols: []column{
		{table.Column{Title: "Start", Min: 19, Max: 19}, "start", false},
		{table.Column{Title: "User", Min: 12, Max: 32, Flex: 2, Drop: 4}, "user", false},
		// At 80 columns the numbers give way to what triage reads first:
		// time, result, SIP code, subcode and trunk (issue 12).
		{table.Column{Title: "Caller → Callee", Min: 26, Max: 34, Flex: 3, Drop: 3}, "caller", false},
		{table.Column{Title: "Type", Min: 7, Max: 21, Flex: 1, Drop: 6}, "call type", false},
		{table.Column{Title: "Result", Min: 6, Max: 6}, "result", false},
		{table.Column{Title: "SIP", Min: 16, Max: 30, Flex: 2}, "SIP code", false},
		{table.Column{Title: "Sub", Min: 6, Max: 7, Right: true, Drop: 2}, "subcode", false},
		{table.Column{Title: "Trunk", Min: 20, Max: 34, Flex: 2}, "trunk", false},
		{table.Column{Title: "Dur", Min: 6, Max: 6, Right: true, Drop: 5}, "duration", true},
		{table.Column{Title: "Loc", Min: 4, Max: 6, Drop: 7}, "location", false},
	}}

// drSource is getDirectRoutingCalls.
var drSource = source[model.DirectRoutingRow]{fn: "getDirectRoutingCalls", page: (*graphclient.Client).DirectRoutingCalls,
	loader: graphclient.NewDirectRoutingLoader, rowID: func(r *model.DirectRoutingRow) string { return r.ID },
	redact: func(c *common.Common, rows []model.DirectRoutingRow) { common.RedactLogRows(c, rows, nil) },
	storeSide: storeSide[model.DirectRoutingRow]{sync: "direct", noun: "Direct Routing rows", kind: store.KindDirect,
		read: (*store.Store).DirectRouting, raw: (*graphclient.Client).DirectRoutingCallsRaw, graphKind: graphclient.DirectRoutingKind,
		batch: func(p *model.Page[model.DirectRoutingRow]) store.Batch {
			return store.Batch{Direct: store.LogRowsOf(p)}
		}}}

// pstnAbout is what the PSTN report says of itself: Graph answers a range
// over 90 days with a 406, which the report refuses first. Its columns are
// in the order of the rowstore.PstnCol constants.
var pstnAbout = about{title: "PSTN", file: "pstn", maxRange: graphclient.MaxPstnRange, tooLong: graphclient.ErrRangeTooLong,
	cols: []column{
		{table.Column{Title: "Start", Min: 19, Max: 19}, "start", false},
		{table.Column{Title: "User", Min: 10, Max: 32, Flex: 2, Drop: 1}, "user", false},
		{table.Column{Title: "Caller → Callee", Min: 14, Max: 34, Flex: 2}, "caller", false},
		{table.Column{Title: "Type", Min: 8, Max: 20, Flex: 1, Drop: 3}, "call type", false},
		{table.Column{Title: "Dur", Min: 6, Max: 6, Right: true, Drop: 2}, "duration", true},
		{table.Column{Title: "Charge", Min: 9, Max: 14, Right: true}, "charge", true},
		{table.Column{Title: "Destination", Min: 11, Max: 28, Flex: 2}, "destination", false},
		{table.Column{Title: "License", Min: 8, Max: 16, Flex: 1, Drop: 4}, "license", false},
	}}

// pstnSource is getPstnCalls.
var pstnSource = source[model.PstnRow]{fn: "getPstnCalls", page: (*graphclient.Client).PstnCalls, loader: graphclient.NewPstnLoader,
	rowID:  func(r *model.PstnRow) string { return r.ID },
	redact: func(c *common.Common, rows []model.PstnRow) { common.RedactLogRows(c, nil, rows) },
	storeSide: storeSide[model.PstnRow]{sync: "pstn", noun: "PSTN rows", kind: store.KindPstn,
		read: (*store.Store).Pstn, raw: (*graphclient.Client).PstnCallsRaw, graphKind: graphclient.PstnKind,
		batch: func(p *model.Page[model.PstnRow]) store.Batch { return store.Batch{Pstn: store.LogRowsOf(p)} }}}
