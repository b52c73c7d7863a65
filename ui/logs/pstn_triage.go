package logs

import (
	"time"

	"github.com/callscope/callscope/model/triage"
	"github.com/callscope/callscope/ui/common"
	"github.com/callscope/callscope/ui/rowstore"
	"github.com/callscope/callscope/ui/table"
)

// pstnCols are the columns of every PSTN summary section.
var pstnCols = []table.Column{
	{Title: "Name", Min: 14, Max: 36, Flex: 1},
	{Title: "Calls", Min: 7, Max: 9, Right: true},
	{Title: "Share", Min: 6, Max: 6, Right: true},
	{Title: "Minutes", Min: 8, Max: 10, Right: true, Drop: 2},
	{Title: "Charges", Min: 12, Max: 30, Flex: 1, Drop: 1},
	{Title: "Calls per hour", Min: 14, Flex: 2, Drop: 3},
}

// pstnGroups is the PSTN summary: calls, minutes and charges by
// destination, call type and licence.
type pstnGroups struct{ tally[triage.PstnSummary] }

// groups starts the PSTN summary of [from, to) over the store's rows that
// match passes.
func (r *pstn) groups(from, to time.Time, match func(int32) bool) groups {
	b := triage.NewPstnBuilder(from, to)
	return &pstnGroups{tally[triage.PstnSummary]{match: match, take: func(i int32) { b.Add(r.Call(i)) }, build: b.Summary}}
}

func (g *pstnGroups) headline(st *common.Styles) string {
	p := g.sum
	line := st.Title.Render("PSTN calls") + " · " + common.Plural(p.Calls, "call", "calls") + " · " +
		common.FormatCount(int((p.Seconds+59)/60)) + " min · charges " + chargesText(p.Charges)
	if n := p.DurationNotReported; n > 0 {
		line += " · " + st.Warn.Render(common.FormatCount(n)+" without a reported duration (not in the minutes)")
	}
	return line
}

func (g *pstnGroups) items(b *sumLines, width int, _ *time.Location) {
	t := newSumTable(pstnCols, width)
	sw := t.width(5)
	section := func(title string, kind rowstore.GroupKind, groups []triage.PstnGroup) {
		b.head(title, t)
		if len(groups) == 0 {
			b.none("No calls among the rows loaded.")
		}
		var peak int32
		for _, p := range groups {
			peak = max(peak, table.SparklinePeak(p.Hourly, sw))
		}
		for i, p := range groups {
			b.add(sumItem{idx: i, group: rowstore.LogGroup{Kind: kind, Name: p.Name},
				text: t.line(nameOr(p.Name), common.FormatCount(p.Calls), fmtPercent1(p.Share), common.FormatCount(int((p.Seconds+59)/60)),
					chargesText(p.Charges), table.SparklineWithPeak(p.Hourly, sw, peak))})
		}
	}
	section("Destinations", rowstore.GroupDest, g.sum.Destinations)
	section("Call types", rowstore.GroupCallType, g.sum.CallTypes)
	section("Licences", rowstore.GroupLicense, g.sum.Licenses)
}

// explain names the group: the line above says the rest.
func (g *pstnGroups) explain(it sumItem, add func(label, text string), enter string, _ *time.Location) {
	add("Group     ", it.group.Label()+" · "+enter)
}
