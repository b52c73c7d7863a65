package record

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/callscope/callscope/model/quality"
	"github.com/callscope/callscope/ui/common"
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
)

// rowDetail is the detail pane for a row: a segment's endpoints, times,
// failure and the verdict of its streams, or a stream's verdict with the
// metrics of Microsoft's rule named by their Graph property, the figures
// that are not part of it, and both sides' network and devices.
func (s *sessionScreen) rowDetail(r segmentRow) []string {
	w := s.width
	seg := &s.session().Segments[r.segment]
	if r.media < 0 {
		head := []string{"Segment " + strconv.Itoa(r.segment+1) + " of " + strconv.Itoa(len(s.session().Segments)),
			"id " + common.OrDash(seg.ID), spanText(seg.StartDateTime, seg.EndDateTime, s.c.Loc()), failureText(seg.FailureInfo)}
		lines := wrapItems("", head, w)
		lines = append(lines, wrapSentence("Quality ", quality.ClassifySegment(seg).Summary(), w)...)
		lines = append(lines, wrapItems("Caller  ", endpointItems(seg.Caller), w)...)
		lines = append(lines, wrapItems("Callee  ", endpointItems(seg.Callee), w)...)
		var media []string
		for i := range seg.Media {
			media = append(media, common.OrDash(seg.Media[i].Label)+": "+
				common.Plural(len(seg.Media[i].Streams), "stream", "streams"))
		}
		if len(media) == 0 {
			media = []string{"none reported"}
		}
		return append(lines, wrapItems("Media   ", media, w)...)
	}
	m := &seg.Media[r.media]
	st := &m.Streams[r.stream]
	q := quality.Classify(m.Label, st)
	head := []string{"Stream " + r.label, streamHeadline(m.Label, st)}
	if st.StreamID != "" {
		head = append(head, "id "+st.StreamID)
	}
	lines := wrapItems("", head, w)
	lines = append(lines, wrapSentence("Verdict         ", q.Summary(), w)...)
	rule := make([]string, len(q.Rule))
	for i := range q.Rule {
		rule[i] = q.Rule[i].String()
	}
	if len(rule) == 0 {
		rule = []string{"no metric of Microsoft's " + q.Kind.String() + " rule is in Graph"}
	}
	lines = append(lines, wrapItems("Rule metrics    ", rule, w)...)
	if len(q.Extra) > 0 {
		extra := make([]string, 0, len(q.Extra)+1)
		for i := range q.Extra {
			extra = append(extra, q.Extra[i].String())
		}
		extra = append(extra, "(not part of Microsoft's verdict)")
		lines = append(lines, wrapItems("Other figures   ", extra, w)...)
	}
	if more := streamMaxItems(st); len(more) > 0 {
		lines = append(lines, wrapItems("Also            ", more, w)...)
	}
	sides := []struct {
		label string
		items []string
	}{
		{"Caller network  ", networkItems(m.CallerNetwork)},
		{"Caller device   ", deviceItems(m.CallerDevice)},
		{"Callee network  ", networkItems(m.CalleeNetwork)},
		{"Callee device   ", deviceItems(m.CalleeDevice)},
	}
	for _, sd := range sides {
		if len(sd.items) == 0 {
			sd.items = []string{"not reported"}
		}
		lines = append(lines, wrapItems(sd.label, sd.items, w)...)
	}
	return lines
}

// detailPane is a row's whole detail on the full body, scrolled with the
// movement keys: at 80×24 a stream's detail does not fit under the table.
type detailPane struct {
	lines         []string
	off           int
	width, height int
}

// setSize fits the pane to the body: a title line, the rest text.
func (d *detailPane) setSize(width, height int) {
	d.width, d.height = width, height
	d.clamp()
}

// rows is the number of text lines shown.
func (d *detailPane) rows() int { return max(d.height-1, 1) }

func (d *detailPane) clamp() {
	d.off = max(min(d.off, len(d.lines)-d.rows()), 0)
}

// scroll moves by a line, a page or to either end.
func (d *detailPane) scroll(msg tea.KeyMsg, k common.KeyMap) {
	switch {
	case key.Matches(msg, k.Up):
		d.off--
	case key.Matches(msg, k.Down):
		d.off++
	case key.Matches(msg, k.PageUp):
		d.off -= d.rows()
	case key.Matches(msg, k.PageDown):
		d.off += d.rows()
	case key.Matches(msg, k.Home):
		d.off = 0
	case key.Matches(msg, k.End):
		d.off = len(d.lines)
	}
	d.clamp()
}

// view is the title line ("Detail · lines 1–23 of 31 · enter or esc
// closes") and the visible lines, the first accented as in the pane.
func (d *detailPane) view(st common.Styles) string {
	last := min(d.off+d.rows(), len(d.lines))
	title := st.Title.Render("Detail") + st.Subtle.Render(fmt.Sprintf(" · lines %d–%d of %d · ↑/↓ scroll · enter or esc closes",
		min(d.off+1, last), last, len(d.lines)))
	var b strings.Builder
	b.WriteString(common.Truncate(title, d.width))
	for i := d.off; i < last; i++ {
		b.WriteByte('\n')
		if i == 0 {
			b.WriteString(st.Accent.Render(d.lines[i]))
			continue
		}
		b.WriteString(d.lines[i])
	}
	return b.String()
}
