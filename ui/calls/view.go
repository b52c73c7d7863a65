package calls

import (
	"strings"

	"github.com/callscope/callscope/ui/common"
	"github.com/callscope/callscope/ui/table"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"
)

// View draws the filter form, the loading, error or empty state, or the
// table with an error line under it when a later page failed; the search
// line, while it is open, comes last.
func (s *Screen) View() string {
	v := s.body()
	if s.tbl.Search().Typing() && v != "" && s.form == nil {
		v += "\n" + s.tbl.Search().Line(s.width)
	}
	return v
}

// body is View but for the search line.
func (s *Screen) body() string {
	if s.width <= 0 || s.height <= 0 {
		return ""
	}
	if s.form != nil {
		return lipgloss.PlaceHorizontal(s.width, lipgloss.Center, s.form.View())
	}
	st := &s.c.Styles
	k := s.c.Keys
	n := s.rows.Len()
	switch {
	case n == 0 && s.Fault() != nil:
		return s.errorView()
	case n == 0 && s.Stopped:
		return table.StoppedView(st, &k, s.width, "call records")
	case n == 0 && (s.Pending != 0 || !s.Started) && s.c.Offline:
		return common.MessageView(s.width, st.Subtle.Render("Reading stored call records "+s.bodyRange()+"…"))
	case n == 0 && (s.Pending != 0 || !s.Started):
		return common.MessageView(s.width, st.Subtle.Render("Loading call records "+s.rangeWords()+"…"))
	case n == 0 && s.c.Offline:
		return common.MessageView(s.width,
			st.Title.Render("The store holds no calls in this range ("+s.bodyRange()+"); run callscope sync"),
			"",
			st.Subtle.Render(k.Filter.Help().Key+" changes the filter · "+k.Reload.Help().Key+" reads again"),
		)
	case n == 0:
		return common.MessageView(s.width,
			st.Title.Render("No call records "+s.rangeWords()),
			"",
			st.Subtle.Render(k.Filter.Help().Key+" changes the filter · "+k.Reload.Help().Key+" reloads"),
		)
	}
	v := s.tbl.View()
	if line := s.StatusLine(st, &k, s.width); line != "" {
		v += "\n" + line
	}
	return v
}

// errorView is the state when nothing could be loaded: the error in full
// (Graph's code, message, hint and request-id) and how to retry.
func (s *Screen) errorView() string {
	st := &s.c.Styles
	lines := []string{st.Danger.Render("✗ Could not load call records " + s.bodyRange())}
	lines = append(lines, "")
	err := s.Fault()
	for _, l := range strings.Split(ansi.Wrap(err.Error(), max(s.width-4, 10), " "), "\n") {
		lines = append(lines, st.Value.Render(l))
	}
	if ge, ok := common.AsGraphError(err); ok {
		if facts := common.GraphFacts(ge); facts != "" {
			lines = append(lines, "", st.Subtle.Render(facts))
		}
	}
	again := " to retry"
	if s.Halted() {
		again = " to reload"
	}
	lines = append(lines, "", st.Subtle.Render(s.c.Keys.Reload.Help().Key+again))
	return common.MessageView(s.width, lines...)
}
