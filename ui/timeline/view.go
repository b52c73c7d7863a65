package timeline

import (
	"strings"
	"time"

	"github.com/callscope/callscope/ui/common"
	"github.com/callscope/callscope/ui/table"
	"github.com/charmbracelet/lipgloss"
)

// headLines is the lines above the table: the heading, the day strip and
// a blank line.
const headLines = 3

// cell is the table's view of row r.
func (s *Screen) cell(r, col int) string {
	e := &s.entries[r]
	switch col {
	case colStart:
		return common.FormatStart(e.start, s.c.Loc())
	case colKind:
		return e.kind.words()
	case colWith:
		return common.OrDash(e.other)
	case colResult:
		return orUnknown(e.result)
	case colQuality:
		return orUnknown(e.quality)
	case colID:
		return common.ShortID(e.id)
	}
	return ""
}

// orUnknown is a cell not known yet as "…".
func orUnknown(s string) string {
	if s == "" {
		return unknownCell
	}
	return s
}

// rowStyle marks failed rows; the Result cell says "failed" too, so no
// meaning rests on colour alone.
func (s *Screen) rowStyle(r int) (lipgloss.Style, bool) {
	if r < len(s.entries) && s.entries[r].failed {
		return s.c.Styles.Danger, true
	}
	return lipgloss.Style{}, false
}

// View is the heading, the day strip and the rows, or the loading, error
// or empty state.
func (s *Screen) View() string {
	if s.width <= 0 || s.height <= 0 {
		return ""
	}
	st := &s.c.Styles
	k := s.c.Keys
	head := common.Truncate(st.Title.Render(s.subject.Name)+st.Subtle.Render(" · "+s.rangeWords()+" · "+s.countWords()), s.width)
	if len(s.entries) == 0 {
		switch {
		case s.loading():
			return common.MessageView(s.width, st.Subtle.Render("Loading the timeline of "+s.subject.Name+" "+s.rangeWords()+"…"))
		case s.firstErr() != nil:
			return common.MessageView(s.width, st.Danger.Render("✗ Could not load the timeline of "+s.subject.Name),
				"", st.Value.Render(common.ErrorLine(s.firstErr())), "", st.Subtle.Render(k.Reload.Help().Key+" to retry"))
		}
		return common.MessageView(s.width, st.Title.Render("No calls of "+s.subject.Name+" "+s.rangeWords()),
			"", st.Subtle.Render(k.Reload.Help().Key+" reloads"))
	}
	v := head + "\n" + common.Truncate(s.dayStrip(), s.width) + "\n\n" + s.tbl.View()
	if err := s.firstErr(); err != nil {
		v += "\n" + common.Truncate(st.Danger.Render("✗ "+s.errWords()), s.width)
	}
	return v
}

// firstErr is the first source's error, nil when all loaded.
func (s *Screen) firstErr() error {
	for k := range s.sources {
		if err := s.sources[k].err; err != nil {
			return err
		}
	}
	return nil
}

// errWords names the first source that failed: "Direct Routing rows could
// not be loaded (r retries): …".
func (s *Screen) errWords() string {
	for k := range s.sources {
		if err := s.sources[k].err; err != nil {
			return kind(k).plural() + " could not be loaded (" + s.c.Keys.Reload.Help().Key + " retries): " + common.ErrorLine(err)
		}
	}
	return ""
}

// plural names a kind's rows.
func (k kind) plural() string {
	switch k {
	case kindDirect:
		return "Direct Routing rows"
	case kindPstn:
		return "PSTN rows"
	}
	return "calls"
}

// rangeWords is the range for the heading: "20 Nov 14:30 – 21 Nov 14:30".
func (s *Screen) rangeWords() string {
	loc := s.c.Loc()
	return common.FormatShortTime(s.from, loc) + " – " + common.FormatShortTime(s.to, loc)
}

// countWords is the rows by kind: "12 calls · 3 Direct Routing · 1 PSTN",
// with the stored calls a participant scan could not judge.
func (s *Screen) countWords() string {
	parts := []string{
		common.Plural(s.sources[kindCall].n, "call", "calls"),
		common.FormatCount(s.sources[kindDirect].n) + " Direct Routing",
		common.FormatCount(s.sources[kindPstn].n) + " PSTN",
	}
	if n := s.sources[kindCall].unjudged; n > 0 {
		parts = append(parts, common.Plural(n, "stored call", "stored calls")+" not judged: the store does not say who took part")
	}
	return strings.Join(parts, " · ")
}

// dayStrip is the rows per day of the range, oldest first, as a
// sparkline between the first and last day: "per day 18 Nov ▁▃█▁ 21 Nov
// (peak 7)".
func (s *Screen) dayStrip() string {
	days := s.days
	st := &s.c.Styles
	var peak int32
	for _, n := range days {
		peak = max(peak, n)
	}
	width := max(s.width-40, 1)
	first, last := s.dayOf(s.from), s.dayOf(s.to.Add(-time.Nanosecond))
	return st.Subtle.Render("per day "+first.Format("2 Jan")+" ") + table.Sparkline(days, width) +
		st.Subtle.Render(" "+last.Format("2 Jan")+" (peak "+common.Itoa(int64(peak))+")")
}

// dayOf is the start of t's day in the zone times are shown in.
func (s *Screen) dayOf(t time.Time) time.Time {
	t = t.In(s.c.Loc())
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, t.Location())
}

// dayCounts counts the rows of each day of the range, oldest day first;
// merge keeps it, so View only draws it.
func (s *Screen) dayCounts() []int32 {
	first, last := s.dayOf(s.from), s.dayOf(s.to.Add(-time.Nanosecond))
	counts := make([]int32, dayIndex(first, last)+1)
	for i := range s.entries {
		if d := dayIndex(first, s.dayOf(s.entries[i].start)); d >= 0 && d < len(counts) {
			counts[d]++
		}
	}
	return counts
}

// dayIndex is how many calendar days d is after first (both midnights),
// rounded, so a day of 23 or 25 hours (a clock change) counts as one.
func dayIndex(first, d time.Time) int {
	return int((d.Sub(first) + 12*time.Hour) / (24 * time.Hour))
}
