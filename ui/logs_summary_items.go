package ui

import (
	"strconv"
	"strings"

	"github.com/callscope/callscope/model/triage"
)

// The summary's group lines: one small table per section, laid out with
// the list tables' column rules.

var (
	codeCols = []column{
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
	trunkCols = []column{
		{Title: "Trunk", Min: 16, Max: 40, Flex: 1},
		{Title: "Calls", Min: 7, Max: 9, Right: true},
		{Title: "Failed", Min: 7, Max: 9, Right: true},
		{Title: "ASR", Min: 6, Max: 6, Right: true},
		{Title: "NER", Min: 6, Max: 6, Right: true, Drop: 2},
		{Title: "Sample", Min: 12, Max: 12, Drop: 1},
		{Title: "Failures per hour", Min: 17, Flex: 2, Drop: 3},
	}
	locCols = []column{
		{Title: "Location", Min: 10, Max: 24, Flex: 1},
		{Title: "Calls", Min: 7, Max: 9, Right: true},
		{Title: "Failed", Min: 7, Max: 9, Right: true},
		{Title: "Share", Min: 6, Max: 6, Right: true},
		{Title: "Fail rate", Min: 9, Max: 9, Right: true},
		{Title: "NER", Min: 6, Max: 6, Right: true, Drop: 2},
		{Title: "Sample", Min: 12, Max: 12, Drop: 1},
	}
	pstnCols = []column{
		{Title: "Name", Min: 14, Max: 36, Flex: 1},
		{Title: "Calls", Min: 7, Max: 9, Right: true},
		{Title: "Share", Min: 6, Max: 6, Right: true},
		{Title: "Minutes", Min: 8, Max: 10, Right: true, Drop: 2},
		{Title: "Charges", Min: 12, Max: 30, Flex: 1, Drop: 1},
		{Title: "Calls per hour", Min: 14, Flex: 2, Drop: 3},
	}
)

// sumTable renders the lines of one section at a width.
type sumTable struct {
	w []int
	c []column
}

func newSumTable(cols []column, width int) sumTable {
	return sumTable{w: layoutColumns(cols, width-tableGutter, nil), c: cols}
}

// line lays cells out like the list tables, cut or padded to the widths.
func (t sumTable) line(cells ...string) string {
	var b strings.Builder
	first := true
	for i, w := range t.w {
		if w == 0 {
			continue
		}
		if !first {
			b.WriteString("  ")
		}
		first = false
		writeCell(&b, cells[i], w, t.c[i].Right)
	}
	return b.String()
}

func (t sumTable) header() string {
	cells := make([]string, len(t.c))
	for i, c := range t.c {
		cells[i] = c.Title
	}
	return t.line(cells...)
}

// width of column i (0 when hidden).
func (t sumTable) width(i int) int { return t.w[i] }

// sumLines collects the summary's item lines.
type sumLines struct {
	st    *Styles
	items []sumItem
}

// head starts a section: a blank line (but first), the title and the
// column header.
func (b *sumLines) head(title string, t sumTable) {
	if len(b.items) > 0 {
		b.items = append(b.items, sumItem{})
	}
	b.items = append(b.items, sumItem{text: b.st.Title.Render(title)}, sumItem{text: b.st.TableHeader.Render(t.header())})
}

// none says a section is empty.
func (b *sumLines) none(text string) {
	b.items = append(b.items, sumItem{text: b.st.Subtle.Render(text)})
}

func (b *sumLines) add(it sumItem) { b.items = append(b.items, it) }

// render rebuilds the item lines for the current summary and width,
// keeping the cursor on the same group when it still exists.
func (s *logSummary) render() {
	if s.width <= 0 {
		return
	}
	var keep logGroup
	if s.cursor >= 0 && s.cursor < len(s.items) {
		keep = s.items[s.cursor].group
	}
	b := &sumLines{st: &s.c.Styles}
	if s.sumDR != nil {
		s.drItems(b)
	} else {
		s.pstnItems(b)
	}
	s.items = b.items
	s.cursor = -1
	for i, it := range s.items {
		if it.group.kind != groupNone && (s.cursor < 0 || it.group == keep) {
			s.cursor = i
			if it.group == keep {
				break
			}
		}
	}
	s.scroll()
}

func (s *logSummary) drItems(b *sumLines) {
	sum, loc := s.sumDR, s.c.Loc()
	t := newSumTable(codeCols, s.width)
	b.head("Failures by SIP code + subcode", t)
	if len(sum.Codes) == 0 {
		b.none("No failed calls among the rows loaded.")
	}
	for i, g := range sum.Codes {
		b.add(sumItem{sec: secCodes, idx: i, group: logGroup{kind: groupCode, sip: int32(g.SIPCode), sub: int32(g.Subcode)},
			text: t.line(strconv.Itoa(g.SIPCode)+"/"+strconv.Itoa(g.Subcode), fmtCount(g.Count), fmtPercent1(g.Share),
				seenText(g.First, loc), seenText(g.Last, loc), g.EndedBy, g.OutcomeName, orDash(g.Phrase), topTrunk(g.TopTrunks, g.Trunks))})
	}
	t = newSumTable(trunkCols, s.width)
	b.head("Trunks", t)
	sw := t.width(6)
	var peak int32
	for _, g := range sum.Trunks {
		peak = max(peak, sparkPeak(g.Hourly, sw))
	}
	for i, g := range sum.Trunks {
		b.add(sumItem{sec: secTrunks, idx: i, group: logGroup{kind: groupTrunk, name: g.Trunk},
			text: t.line(nameOr(g.Trunk), fmtCount(g.Tally.Attempts), fmtCount(g.Failed), fmtPercent1(g.ASR),
				fmtPercent1(g.NER), sampleText(g.SmallSample, g.Tally.Attempts), sparkline(g.Hourly, sw, peak))})
	}
	t = newSumTable(locCols, s.width)
	b.head("Signaling locations", t)
	for i, g := range sum.Locations {
		b.add(sumItem{sec: secLocations, idx: i, group: logGroup{kind: groupLocation, name: g.Location},
			text: t.line(nameOr(g.Location), fmtCount(g.Tally.Attempts), fmtCount(g.Failed), fmtPercent1(g.Share),
				fmtPercent1(g.FailRate), fmtPercent1(g.NER), sampleText(g.SmallSample, g.Tally.Attempts))})
	}
}

func (s *logSummary) pstnItems(b *sumLines) {
	sum := s.sumPstn
	t := newSumTable(pstnCols, s.width)
	sw := t.width(5)
	section := func(title string, sec int, kind groupKind, groups []triage.PstnGroup) {
		b.head(title, t)
		if len(groups) == 0 {
			b.none("No calls among the rows loaded.")
		}
		var peak int32
		for _, g := range groups {
			peak = max(peak, sparkPeak(g.Hourly, sw))
		}
		for i, g := range groups {
			b.add(sumItem{sec: sec, idx: i, group: logGroup{kind: kind, name: g.Name},
				text: t.line(nameOr(g.Name), fmtCount(g.Calls), fmtPercent1(g.Share), fmtCount(int((g.Seconds+59)/60)),
					chargesText(g.Charges), sparkline(g.Hourly, sw, peak))})
		}
	}
	section("Destinations", secDest, groupDest, sum.Destinations)
	section("Call types", secTypes, groupCallType, sum.CallTypes)
	section("Licences", secLicenses, groupLicense, sum.Licenses)
}
