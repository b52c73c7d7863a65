package ui

import (
	"errors"
	"strings"

	"github.com/callscope/callscope/graphclient"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"
)

// View draws the filter form, the loading, error or empty state, or the
// table with an error line under it when a later page failed.
func (s *callsScreen) View() string {
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
	case n == 0 && s.fault() != nil:
		return s.errorView()
	case n == 0 && s.stopped:
		return stoppedView(st, &k, s.width, "call records")
	case n == 0 && (s.pending != 0 || !s.started):
		return messageView(s.width, st.Subtle.Render("Loading call records "+s.rangeWords()+"…"))
	case n == 0:
		return messageView(s.width,
			st.Title.Render("No call records "+s.rangeWords()),
			"",
			st.Subtle.Render(k.Filter.Help().Key+" changes the filter · "+k.Reload.Help().Key+" reloads"),
		)
	}
	v := s.tbl.View()
	if line := s.statusLine(st, &k, s.width); line != "" {
		v += "\n" + line
	}
	return v
}

// errorView is the state when nothing could be loaded: the error in full
// (Graph's code, message, hint and request-id) and how to retry.
func (s *callsScreen) errorView() string {
	st := &s.c.Styles
	lines := []string{st.Danger.Render("✗ Could not load call records " + s.rangeWords())}
	lines = append(lines, "")
	err := s.fault()
	for _, l := range strings.Split(ansi.Wrap(err.Error(), max(s.width-4, 10), " "), "\n") {
		lines = append(lines, st.Value.Render(l))
	}
	if ge, ok := asGraphError(err); ok {
		if facts := graphFacts(ge); facts != "" {
			lines = append(lines, "", st.Subtle.Render(facts))
		}
	}
	again := " to retry"
	if s.halted() {
		again = " to reload"
	}
	lines = append(lines, "", st.Subtle.Render(s.c.Keys.Reload.Help().Key+again))
	return messageView(s.width, lines...)
}

// messageView draws a list's loading, error or empty state: lines a
// little in from the top-left corner, each cut to width.
func messageView(width int, lines ...string) string {
	var b strings.Builder
	b.WriteString("\n")
	for i, l := range lines {
		if i > 0 {
			b.WriteString("\n")
		}
		b.WriteString("  ")
		b.WriteString(truncate(l, width-2))
	}
	return b.String()
}

// graphFacts is what a support ticket needs of a Graph error: "code … ·
// request-id … · date …", with what it has of them.
func graphFacts(ge *graphclient.Error) string {
	var facts []string
	if ge.Code != "" {
		facts = append(facts, "code "+ge.Code)
	}
	if ge.RequestID != "" {
		facts = append(facts, "request-id "+ge.RequestID)
	}
	if ge.Date != "" {
		facts = append(facts, "date "+ge.Date)
	}
	return strings.Join(facts, " · ")
}

// errorLine is an error in one line for under a table: for Graph errors the
// status, code and request-id, which a support ticket needs.
func errorLine(err error) string {
	var ge *graphclient.Error
	if !errors.As(err, &ge) {
		return err.Error()
	}
	var b strings.Builder
	b.WriteString("Graph ")
	b.WriteString(itoa(int64(ge.Status)))
	if ge.Code != "" {
		b.WriteString(" " + ge.Code)
	}
	if ge.Message != "" {
		b.WriteString(": " + ge.Message)
	}
	if ge.RequestID != "" {
		b.WriteString(" · request-id " + ge.RequestID)
	}
	return b.String()
}
