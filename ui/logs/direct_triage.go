package logs

import (
	"strconv"
	"time"

	"github.com/callscope/callscope/model/sip"
	"github.com/callscope/callscope/model/triage"
	"github.com/callscope/callscope/ui/common"
	"github.com/callscope/callscope/ui/rowstore"
	"github.com/callscope/callscope/ui/table"
)

// The Direct Routing summary's sections: codes, trunks, locations.
var (
	codeCols = []table.Column{
		{Title: "SIP/sub", Min: 11, Max: 11},
		{Title: "Count", Min: 6, Max: 9, Right: true},
		{Title: "Share", Min: 6, Max: 6, Right: true},
		{Title: "First seen", Min: 11, Max: 11, Drop: 5},
		{Title: "Last seen", Min: 11, Max: 11, Drop: 6},
		{Title: "Ended by", Min: 9, Max: 10, Drop: 3},
		{Title: "Outcome", Min: 14, Max: 15, Drop: 2},
		{Title: "Phrase", Min: 10, Max: 30, Flex: 1, Drop: 4},
		{Title: "Top trunk", Min: 16, Flex: 4, Drop: 1},
	}
	trunkCols = []table.Column{
		{Title: "Trunk", Min: 16, Max: 40, Flex: 1},
		{Title: "Calls", Min: 7, Max: 9, Right: true},
		{Title: "Failed", Min: 7, Max: 9, Right: true},
		{Title: "ASR", Min: 6, Max: 6, Right: true},
		{Title: "NER", Min: 6, Max: 6, Right: true, Drop: 2},
		{Title: "Sample", Min: 12, Max: 12, Drop: 1},
		{Title: "Failures per hour", Min: 17, Flex: 2, Drop: 3},
	}
	locCols = []table.Column{
		{Title: "Location", Min: 10, Max: 24, Flex: 1},
		{Title: "Calls", Min: 7, Max: 9, Right: true},
		{Title: "Failed", Min: 7, Max: 9, Right: true},
		{Title: "Share", Min: 6, Max: 6, Right: true},
		{Title: "Fail rate", Min: 9, Max: 9, Right: true},
		{Title: "NER", Min: 6, Max: 6, Right: true, Drop: 2},
		{Title: "Sample", Min: 12, Max: 12, Drop: 1},
	}
)

// drGroups is the Direct Routing triage summary: failures by SIP code and
// subcode, trunks, and signaling locations.
type drGroups struct{ tally[triage.Summary] }

// Sections of the Direct Routing summary.
const (
	secCodes = iota
	secTrunks
	secLocations
)

// groups starts the Direct Routing summary of [from, to) over the store.
func (r *directRouting) groups(from, to time.Time) groups {
	b := triage.NewBuilder(from, to)
	return &drGroups{tally[triage.Summary]{take: func(i int32) { b.Add(r.Call(i)) }, build: b.Summary}}
}

func (g *drGroups) headline(st *common.Styles) string {
	d := g.sum
	line := st.Title.Render("Direct Routing") + " · " + common.Plural(d.Calls, "call", "calls") + " · " +
		common.FormatCount(d.Failed) + " failed (" + fmtPercent1(ratioOf(d.Failed, d.Calls)) + ") · ASR " +
		fmtPercent1(d.ASR) + " · NER " + fmtPercent1(d.NER)
	if d.SmallSample && d.Calls > 0 {
		line += " · " + st.Warn.Render("⚠ under "+strconv.Itoa(sip.SmallSampleThreshold)+" calls: ratios are noisy")
	}
	return line
}

func (g *drGroups) items(b *sumLines, width int, loc *time.Location) {
	sum := g.sum
	t := newSumTable(codeCols, width)
	b.head("Failures by SIP code + subcode", t)
	if len(sum.Codes) == 0 {
		b.none("No failed calls among the rows loaded.")
	}
	for i, c := range sum.Codes {
		b.add(sumItem{sec: secCodes, idx: i, group: rowstore.LogGroup{Kind: rowstore.GroupCode, Code: int32(c.SIPCode), Subcode: int32(c.Subcode)},
			text: t.line(strconv.Itoa(c.SIPCode)+"/"+strconv.Itoa(c.Subcode), common.FormatCount(c.Count), fmtPercent1(c.Share),
				seenText(c.First, loc), seenText(c.Last, loc), c.EndedBy, c.OutcomeName, common.OrDash(c.Phrase), topTrunk(c.TopTrunks, c.Trunks))})
	}
	t = newSumTable(trunkCols, width)
	b.head("Trunks", t)
	sw := t.width(6)
	var peak int32
	for _, tr := range sum.Trunks {
		peak = max(peak, table.SparklinePeak(tr.Hourly, sw))
	}
	for i, tr := range sum.Trunks {
		b.add(sumItem{sec: secTrunks, idx: i, group: rowstore.LogGroup{Kind: rowstore.GroupTrunk, Name: tr.Trunk},
			text: t.line(nameOr(tr.Trunk), common.FormatCount(tr.Tally.Attempts), common.FormatCount(tr.Failed), fmtPercent1(tr.ASR),
				fmtPercent1(tr.NER), sampleText(tr.SmallSample, tr.Tally.Attempts), table.SparklineWithPeak(tr.Hourly, sw, peak))})
	}
	t = newSumTable(locCols, width)
	b.head("Signaling locations", t)
	for i, l := range sum.Locations {
		b.add(sumItem{sec: secLocations, idx: i, group: rowstore.LogGroup{Kind: rowstore.GroupLocation, Name: l.Location},
			text: t.line(nameOr(l.Location), common.FormatCount(l.Tally.Attempts), common.FormatCount(l.Failed), fmtPercent1(l.Share),
				fmtPercent1(l.FailRate), fmtPercent1(l.NER), sampleText(l.SmallSample, l.Tally.Attempts))})
	}
}

func (g *drGroups) explain(it sumItem, add func(label, text string), enter string, loc *time.Location) {
	switch it.sec {
	case secCodes:
		c := g.sum.Codes[it.idx]
		add("Meaning   ", rowstore.SipText(int32(c.SIPCode), "")+": "+c.SubMeaning+" — ended by "+c.EndedBy+" ["+c.Side+"]")
		add("Trunks    ", topTrunks(c.TopTrunks, c.Trunks))
		add("Diagnosis ", c.Diagnosis)
		add("Check next", c.NextStep+" · "+enter)
	case secTrunks:
		t := g.sum.Trunks[it.idx]
		add("Trunk     ", nameOr(t.Trunk)+": "+common.FormatCount(t.Failed)+" of "+common.Plural(t.Tally.Attempts, "call", "calls")+
			" failed; "+common.FormatCount(t.Tally.Failures)+" network/system failures (the rest busy, no answer, declined or cancelled)")
		add("Worst hour", g.peakText(t.Hourly, loc)+" · "+enter)
	case secLocations:
		l := g.sum.Locations[it.idx]
		add("Location  ", nameOr(l.Location)+": "+common.FormatCount(l.Failed)+" of "+common.Plural(l.Tally.Attempts, "call", "calls")+
			" failed. One location failing while others pass often means the SBC's firewall misses that "+
			"datacenter's signaling IPs · "+enter)
	}
}

// peakText names the bucket with most failures.
func (g *drGroups) peakText(h []int32, loc *time.Location) string {
	best := -1
	for i, c := range h {
		if c > 0 && (best < 0 || c > h[best]) {
			best = i
		}
	}
	if best < 0 {
		return "no failures with a known time"
	}
	at := g.sum.BucketStart.Add(time.Duration(best) * g.sum.BucketSize)
	span := "hour"
	if g.sum.BucketSize != time.Hour {
		span = common.FormatDuration(g.sum.BucketSize)
	}
	return common.Plural(int(h[best]), "failure", "failures") + " in the " + span + " from " + common.FormatShortTime(at, loc)
}
