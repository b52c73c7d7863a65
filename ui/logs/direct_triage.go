package logs

import (
	"strconv"
	"strings"
	"time"

	"github.com/callscope/callscope/model/sip"
	"github.com/callscope/callscope/model/triage"
	"github.com/callscope/callscope/ui/common"
	"github.com/callscope/callscope/ui/rowstore"
	"github.com/callscope/callscope/ui/table"
	"github.com/charmbracelet/x/ansi"
)

// The Direct Routing summary's sections: codes, trunks, locations.
var (
	codeCols = []table.Column{
		{Title: "SIP/sub", Min: 11, Max: 11},
		{Title: "Count", Min: 6, Max: 9, Right: true},
		{Title: "Share", Min: 6, Max: 6, Right: true},
		{Title: "First seen", Min: 11, Max: 11, Drop: 5},
		{Title: "Last seen", Min: 11, Max: 11, Drop: 6},
		{Title: "Final resp. from", Min: 16, Max: 17, Drop: 3},
		{Title: "Outcome", Min: 14, Max: 15, Drop: 2},
		{Title: "Phrase", Min: 7, Max: 30, Flex: 1, Drop: 4},
		{Title: "Top trunk", Min: 19, Flex: 4, Drop: 1},
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

// groups starts the Direct Routing summary of [from, to) over the store's
// rows that match passes.
func (r *directRouting) groups(from, to time.Time, match func(int32) bool) groups {
	b := triage.NewBuilder(from, to)
	return &drGroups{tally[triage.Summary]{match: match, take: func(i int32) { b.Add(r.Call(i)) }, build: b.Summary}}
}

func (g *drGroups) headline(st *common.Styles) string {
	d := g.sum
	line := st.Title.Render("Direct Routing") + " · " + common.Plural(d.Calls, "call", "calls") + " · " +
		common.FormatCount(d.Failed) + " failed (" + fmtPercent1(ratioOf(d.Failed, d.Calls)) + ") · ASR " +
		ratioText(d.ASR, d.Tally.ASRBase()) + " · NER " + ratioText(d.NER, d.Tally.NERBase())
	if n := d.Tally.NotReported; n > 0 {
		line += " · " + st.Warn.Render(common.FormatCount(n)+" outcome not reported")
	}
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
		g := rowstore.LogGroup{Kind: rowstore.GroupCode, Code: int32(c.SIPCode), Subcode: int32(c.Subcode), Unreported: c.Unreported}
		b.add(sumItem{sec: secCodes, idx: i, group: g,
			text: t.line(strings.TrimPrefix(g.Label(), "SIP "), common.FormatCount(c.Count), fmtPercent1(c.Share),
				seenText(c.First, loc), seenText(c.Last, loc), common.OrDash(c.FinalResponseFrom), c.OutcomeName,
				common.OrDash(c.Phrase), topTrunk(c.TopTrunks, c.Trunks))})
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
			text: t.line(nameOr(tr.Trunk), common.FormatCount(tr.Tally.Attempts), common.FormatCount(tr.Failed),
				ratioText(tr.ASR, tr.Tally.ASRBase()), ratioText(tr.NER, tr.Tally.NERBase()), sampleText(tr.SmallSample, tr.Tally.Attempts), table.SparklineWithPeak(tr.Hourly, sw, peak))})
	}
	t = newSumTable(locCols, width)
	b.head("Signaling locations", t)
	for i, l := range sum.Locations {
		b.add(sumItem{sec: secLocations, idx: i, group: rowstore.LogGroup{Kind: rowstore.GroupLocation, Name: l.Location},
			text: t.line(nameOr(l.Location), common.FormatCount(l.Tally.Attempts), common.FormatCount(l.Failed), fmtPercent1(l.Share),
				fmtPercent1(l.FailRate), ratioText(l.NER, l.Tally.NERBase()), sampleText(l.SmallSample, l.Tally.Attempts))})
	}
	// Which outcomes each ratio counts, in the words of model/sip, so no
	// one reads ASR or NER as something Microsoft did not define.
	b.note("How ASR and NER count")
	for _, help := range []string{sip.ASRHelp, sip.NERHelp} {
		for _, l := range strings.Split(ansi.Wrap(help, max(width-4, 20), " "), "\n") {
			b.none(l)
		}
	}
}

// ratioText is a ratio as a percentage, or a dash when its denominator is
// 0: no calls it counts, so the ratio is undefined, not 0 %.
func ratioText(r float64, base int) string {
	if base <= 0 {
		return "—"
	}
	return fmtPercent1(r)
}

func (g *drGroups) explain(it sumItem, add func(label, text string), enter string, loc *time.Location) {
	switch it.sec {
	case secCodes:
		c := g.sum.Codes[it.idx]
		meaning := c.Meaning
		if c.Unreported&sip.UnreportedCode == 0 {
			meaning = rowstore.SipText(int32(c.SIPCode), "") + ": " + c.SubMeaning
			if c.Side != "" {
				meaning += " [" + c.Side + "]"
			}
		}
		add("Meaning   ", meaning)
		if c.Unreported&sip.UnreportedCode == 0 {
			// Whose service answered is not who is at fault (sip.Responder);
			// only a failure gets a place to look.
			resp := "final response from " + c.Explanation.FinalResponse.Text() + " · " + c.Kind
			if c.LookAt != "" {
				resp += " · look at " + c.LookAt
			}
			add("Response  ", resp)
		}
		add("Trunks    ", topTrunks(c.TopTrunks, c.Trunks))
		add("Diagnosis ", c.Diagnosis)
		add("Check next", c.NextStep+" · "+enter)
	case secTrunks:
		t := g.sum.Trunks[it.idx]
		add("Trunk     ", nameOr(t.Trunk)+": "+common.FormatCount(t.Failed)+" of "+common.Plural(t.Tally.Attempts, "call", "calls")+
			" failed; "+common.FormatCount(t.Tally.Failures)+" network/system failures (the rest busy, no answer, declined or cancelled)"+
			notReportedText(t.Tally.NotReported))
		add("Worst hour", g.peakText(t.Hourly, loc)+" · "+enter)
	case secLocations:
		l := g.sum.Locations[it.idx]
		add("Location  ", nameOr(l.Location)+": "+common.FormatCount(l.Failed)+" of "+common.Plural(l.Tally.Attempts, "call", "calls")+
			" failed. One location failing while others pass often means the SBC's firewall misses that "+
			"datacenter's signaling IPs · "+enter)
	}
}

// notReportedText counts the rows whose outcome Graph did not report, if
// any: they are neither failed nor answered, and on neither side of ASR
// and NER.
func notReportedText(n int) string {
	if n == 0 {
		return ""
	}
	return "; " + common.Plural(n, "call", "calls") + " without a reported outcome (in neither ASR nor NER)"
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
