package quality

import (
	"strconv"
	"strings"

	"github.com/callscope/callscope/model/quality/summary"
	"github.com/callscope/callscope/ui/common"
	"github.com/charmbracelet/bubbles/key"
)

// View draws the overall figures, the dimension picker and the lines.
// The three lines above the table and the table itself are kept between
// frames (drawn): a frame redraws only what its key or a read changed.
func (s *Screen) View() string {
	// The count the figures were read from, not the source's live one,
	// so that "from 120 of 431" always names the records in the lines.
	_, total, fetching := s.src.Progress()
	added := s.records
	from := drawnFrom{gen: s.gen, dim: s.dim, width: s.width, total: total, fetching: fetching}
	head := s.head.cached(from, func() string { return s.header(added, total, fetching) })
	if len(s.lines) == 0 || s.overall.Classified() == 0 {
		if fetching {
			return head + common.MessageView(s.width, "Fetching call records: "+common.FormatCount(added)+" of "+common.FormatCount(total)+" …")
		}
		return head + common.MessageView(s.width, "No stream of these "+common.Plural(total, "call", "calls")+" has a verdict.")
	}
	return head + s.body.cached(drawnFrom{gen: s.gen, dim: s.dim, cursor: s.tbl.Cursor(), offset: s.tbl.Offset(),
		width: s.width, height: s.height}, s.tbl.View)
}

// header is the three lines above the table, each cut to the width.
func (s *Screen) header(added, total int, fetching bool) string {
	st := &s.c.Styles
	var b strings.Builder
	b.WriteString(common.Truncate(st.Title.Render(s.headline(added, total, fetching)), s.width))
	b.WriteString("\n")
	b.WriteString(common.Truncate(s.picker(), s.width))
	b.WriteString("\n")
	b.WriteString(common.Truncate(st.Subtle.Render(s.legend()), s.width))
	b.WriteString("\n")
	return b.String()
}

// headline is the overall figures: "1,204 streams classified · 96 poor
// (8.0%) · 12 unclassified · from 120 of 431 calls".
func (s *Screen) headline(added, total int, fetching bool) string {
	o := s.overall
	w := common.FormatCount(o.Classified()) + " streams classified · " + common.FormatCount(o.Poor) + " poor (" + Rate(o) + ")"
	if o.Unclassified > 0 {
		w += " · " + common.FormatCount(o.Unclassified) + " unclassified"
	}
	if fetching || added < total {
		return w + " · from " + common.FormatCount(added) + " of " + common.FormatCount(total) + " calls"
	}
	return w + " · of " + common.Plural(total, "call", "calls")
}

// picker names the dimension shown between its neighbours:
// "‹ Wi-Fi band · [subnet] · subnet and connection type ›  3 of 12".
func (s *Screen) picker() string {
	st := &s.c.Styles
	n := dimensionCount() - 1
	prev := (s.dim+n-2)%n + 1
	next := s.dim%n + 1
	return st.Subtle.Render("‹ "+prev.String()+" · ") + st.Accent.Render("["+s.dim.String()+"]") +
		st.Subtle.Render(" · "+next.String()+" ›  "+strconv.Itoa(int(s.dim))+" of "+strconv.Itoa(int(n)))
}

// legend says what the dimension follows and what the marks mean.
func (s *Screen) legend() string {
	w := lowSampleMark + ": fewer than " + strconv.Itoa(summary.MinStreams) + " classified streams"
	if cqd := s.dim.CQD(); cqd != "" {
		w = "CQD: " + cqd + " · " + w
	}
	return w
}

// dimensionKeys are ←/→ as the picker offers them.
func dimensionKeys(k common.KeyMap) (prev, next key.Binding) {
	prev, next = k.Left, k.Right
	prev.SetHelp(prev.Help().Key, "previous dimension")
	next.SetHelp(next.Help().Key, "next dimension")
	return prev, next
}

// callsKey is enter on a line.
func callsKey(k common.KeyMap, on bool) key.Binding {
	b := common.HelpAs(k.Open, "calls behind the line")
	b.SetEnabled(on)
	return b
}

// ShortHelp offers what applies now.
func (s *Screen) ShortHelp() []key.Binding {
	k := s.c.Keys
	prev, next := dimensionKeys(k)
	return []key.Binding{k.Up, k.Down, prev, next, callsKey(k, len(s.lines) > 0), k.Back}
}

// FullHelp groups the keys for the help overlay.
func (s *Screen) FullHelp() [][]key.Binding {
	k := s.c.Keys
	prev, next := dimensionKeys(k)
	return [][]key.Binding{k.NavHelp(), {prev, next, callsKey(k, len(s.lines) > 0), k.Back}}
}
