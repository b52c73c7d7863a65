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

// sumItem is one line of the summary list: a heading, a column header or
// a group (selectable, with the filter enter applies).
type sumItem struct {
	text  string
	group rowstore.LogGroup
	sec   int // section of a group line, numbered by the report
	idx   int // index into that section's groups
}

// Fixed lines around the list: headline, progress and a blank above;
// the selected group's explanation below.
const (
	sumHeadLines = 3
	sumPaneLines = 7
)

// seenLayout is a first/last-seen time: the range is rarely over a year.
const seenLayout = "01-02 15:04"

// fmtPercent1 is a percentage with one decimal, always ("12.0%").
func fmtPercent1(f float64) string { return strconv.FormatFloat(f*100, 'f', 1, 64) + "%" }

func seenText(t time.Time, loc *time.Location) string {
	if t.IsZero() {
		return "—"
	}
	return t.In(loc).Format(seenLayout)
}

func nameOr(s string) string {
	if s == "" {
		return "(none)"
	}
	return s
}

// sampleText warns when ASR/NER rest on too few calls to mean much.
func sampleText(small bool, n int) string {
	if small {
		return "⚠ n=" + strconv.Itoa(n) + "<" + strconv.Itoa(sip.SmallSampleThreshold)
	}
	return "ok"
}

// topTrunk is the busiest trunk of a group and how many others share it.
func topTrunk(top []triage.NamedCount, total int) string {
	if len(top) == 0 {
		return "—"
	}
	s := nameOr(top[0].Name)
	if total > 1 {
		s += " +" + strconv.Itoa(total-1)
	}
	return s
}

// topTrunks lists a group's busiest trunks with their counts.
func topTrunks(top []triage.NamedCount, total int) string {
	parts := make([]string, 0, len(top)+1)
	for _, t := range top {
		parts = append(parts, nameOr(t.Name)+" ("+common.FormatCount(t.Count)+")")
	}
	if more := total - len(top); more > 0 {
		parts = append(parts, "+"+strconv.Itoa(more))
	}
	return strings.Join(parts, ", ")
}

func chargesText(cs []triage.Charge) string {
	if len(cs) == 0 {
		return "—"
	}
	parts := make([]string, len(cs))
	for i, c := range cs {
		parts[i] = rowstore.ChargeText(c.Amount, c.Currency)
	}
	return strings.Join(parts, " + ")
}

// listHeight is the number of item lines shown: the search line, while
// it is typed, takes one.
func (s *summary) listHeight() int {
	return max(s.height-sumHeadLines-sumPaneLines-s.searchLines(), 1)
}

// scroll keeps the cursor line (and its section title when near) visible.
func (s *summary) scroll() {
	h := s.listHeight()
	if s.cursor >= 0 {
		if s.cursor < s.offset+1 {
			s.offset = s.cursor - 2 // show the column header above it
		}
		if s.cursor >= s.offset+h {
			s.offset = s.cursor - h + 1
		}
	}
	s.offset = min(max(s.offset, 0), max(len(s.items)-h, 0))
}

// View draws the headline, progress, the visible groups and the selected
// group's explanation.
func (s *summary) View() string {
	if s.width <= 0 || s.height <= 0 {
		return ""
	}
	st := &s.c.Styles
	lines := []string{common.Truncate(s.headline(), s.width), common.Truncate(s.progress(), s.width), ""}
	end := min(s.offset+s.listHeight(), len(s.items))
	for i := s.offset; i < end; i++ {
		switch {
		case i == s.cursor:
			lines = append(lines, st.SelectedRow.Render(table.CursorMark+s.items[i].text))
		case s.searchMatch(i):
			lines = append(lines, table.MatchMark+s.items[i].text)
		default:
			lines = append(lines, "  "+s.items[i].text)
		}
	}
	for i := end - s.offset; i < s.listHeight(); i++ {
		lines = append(lines, "")
	}
	if s.tbl.Search().Typing() {
		lines = append(lines, s.tbl.Search().Line(s.width))
	}
	lines = append(lines, s.pane()...)
	return strings.Join(lines, "\n")
}

// headline is the totals line.
func (s *summary) headline() string { return s.groups.headline(&s.c.Styles) }

// ratioOf is n/d, 0 for no d.
func ratioOf(n, d int) float64 {
	if d == 0 {
		return 0
	}
	return float64(n) / float64(d)
}

// progress is the load's state: pages, rows, windows, time and any
// throttle wait while it runs; how it ended afterwards.
func (s *summary) progress() string {
	st := &s.c.Styles
	k := s.c.Keys
	p := s.prog
	rows := common.Plural(s.feed.Len(), "row", "rows")
	switch {
	case s.grouping != 0 && !s.loading:
		return st.Subtle.Render("Grouping " + rows + "…")
	case s.loading:
		line := "Loading the whole range: " + common.Plural(p.Pages, "page", "pages") + " · " + rows +
			" · " + common.FormatDuration(s.c.Now().Sub(s.started)) + " elapsed"
		if p.Windows > 0 {
			line += " · windows " + strconv.Itoa(p.WindowsDone) + "/" + strconv.Itoa(p.Windows)
		}
		if p.ThrottleWait > 0 {
			line += " · " + st.Warn.Render("throttled by Graph, waiting "+common.FormatDuration(p.ThrottleWait.Round(time.Second)))
		}
		return line + st.Subtle.Render(" · "+k.Back.Help().Key+" stops and keeps what arrived")
	case s.cancel != nil:
		return st.Warn.Render("Stopping: keeping the windows already fetched…")
	case s.feed.Err != nil:
		return st.Danger.Render("✗ Load failed after "+rows+": "+common.ErrorLine(s.feed.Err)) +
			st.Subtle.Render(" · "+k.Reload.Help().Key+" loads again")
	case s.stopped || s.partial:
		return st.Warn.Render("Stopped after "+rows+" ("+common.Plural(p.Pages, "page", "pages")+", "+common.FormatDuration(s.took)+
			"): the groups cover only those") + st.Subtle.Render(" · "+k.Reload.Help().Key+" loads again")
	case s.feed == s.base:
		return st.OK.Render("All " + rows + " of the range were already loaded")
	}
	return st.OK.Render("Whole range loaded: " + rows + " in " + common.Plural(p.Pages, "page", "pages") + " · " + common.FormatDuration(s.took))
}

// pane explains the selected group.
func (s *summary) pane() []string {
	st := &s.c.Styles
	lines := []string{st.Subtle.Render(strings.Repeat("─", s.width))}
	add := func(label, text string) {
		w := max(s.width-len(label)-1, 10)
		for i, l := range strings.Split(ansi.Wrap(text, w, " "), "\n") {
			if i == 0 {
				lines = append(lines, st.Label.Render(label)+" "+l)
			} else {
				lines = append(lines, strings.Repeat(" ", len(label)+1)+l)
			}
		}
	}
	if s.cursor >= 0 && s.cursor < len(s.items) {
		s.groups.explain(s.items[s.cursor], add, s.c.Keys.Open.Help().Key+" lists these calls", s.c.Loc())
	}
	for len(lines) < sumPaneLines {
		lines = append(lines, "")
	}
	return lines[:sumPaneLines]
}
