package logs

import (
	"strings"

	"github.com/callscope/callscope/ui/common"
	"github.com/callscope/callscope/ui/table"
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"
)

// Title is the breadcrumb segment: the report, or the group of a group view.
func (s *List) Title() string {
	if s.fixed {
		return s.filter.group.Label()
	}
	return s.feed.rep.name()
}

// what names the rows in messages.
func (s *List) what() string { return s.feed.rep.name() + " calls" }

// Status feeds the frame: the range and local filters for the header, the
// rows loaded, and the sort and shown count for the footer.
func (s *List) Status() common.Status {
	st := common.Status{
		Loaded:   s.feed.Len(),
		More:     (s.feed.Started && s.feed.Next != "") || s.feed.Stopped,
		Loading:  s.feed.Pending != 0,
		Activity: s.what(),
		Err:      s.feed.Fault(),
		Filter:   s.headerWords(),
		Note:     s.feed.StopWords("rows", s.c.Keys.Reload.Help().Key),
		Source:   s.feed.sourceWords(s.c),
	}
	if !s.identity {
		st.Note = strings.TrimPrefix(st.Note+" · "+common.FormatCount(s.tbl.Len())+" shown", " · ")
	}
	if s.jobWords != "" {
		// The old view shows until the new one lands.
		st.Note = strings.TrimPrefix(st.Note+" · "+s.jobWords, " · ")
	}
	if s.fixed && st.Err != nil {
		// The summary's load failed, and r is the summary's: the footer's
		// "r retries" would be wrong here; the view says where to go.
		st.Err = nil
		st.Note = strings.TrimPrefix(st.Note+" · incomplete: the summary's load failed", " · ")
	}
	return st
}

// retryWords says how to load again after an error: r here, or in the
// summary a group view was opened from.
func (s *List) retryWords() string {
	k := s.c.Keys
	switch {
	case s.fixed:
		return k.Back.Help().Key + ", then " + k.Reload.Help().Key + " in the summary, loads again"
	case s.feed.Halted():
		return k.Reload.Help().Key + " to reload"
	}
	return k.Reload.Help().Key + " to retry"
}

// rangeWords is the range in the shown zone: "2026-11-19 14:00 → 2026-11-20 14:00".
func (s *List) rangeWords() string {
	loc := s.c.Loc()
	return common.FormatShortTime(s.feed.from, loc) + " → " + common.FormatShortTime(s.feed.to, loc)
}

// headerWords are the filter's words and the search's: "… · /anette: 12
// of 4,000 loaded match".
func (s *List) headerWords() string {
	if w := s.tbl.Search().HeaderWords(s.c.Keys.Search.Help().Key); w != "" {
		return s.filterWords() + " · " + w
	}
	return s.filterWords()
}

// filterWords is the header's text: range, filter, sort.
func (s *List) filterWords() string {
	parts := []string{s.rangeWords()}
	if w := s.filter.words(); w != "" {
		parts = append(parts, w)
	}
	if w := s.sort.words(s.cols); w != "" {
		parts = append(parts, w)
	}
	return strings.Join(parts, " · ")
}

// View draws the form or picker, the loading, error or empty state, or
// the table with an error line under it when a later page failed; the
// search line, while it is open, comes last.
func (s *List) View() string {
	v := s.body()
	if s.tbl.Search().Typing() && v != "" && s.form == nil && s.picker == nil {
		v += "\n" + s.tbl.Search().Line(s.width)
	}
	return v
}

// body is View but for the search line.
func (s *List) body() string {
	if s.width <= 0 || s.height <= 0 {
		return ""
	}
	if s.form != nil {
		return lipgloss.PlaceHorizontal(s.width, lipgloss.Center, s.form.View())
	}
	if s.picker != nil {
		return lipgloss.PlaceHorizontal(s.width, lipgloss.Center, s.picker.View())
	}
	st := &s.c.Styles
	k := s.c.Keys
	n := s.tbl.Len()
	switch {
	case s.feed.Len() == 0 && s.feed.Fault() != nil:
		return s.errorView()
	case s.feed.Len() == 0 && s.feed.Stopped && !s.fixed:
		return table.StoppedView(st, &k, s.width, s.what())
	case s.feed.Len() == 0 && (s.feed.More() || s.feed.Pending != 0):
		// Graph may send a page of no rows with a nextLink: not the end yet.
		return common.MessageView(s.width, st.Subtle.Render("Loading "+s.what()+" "+s.rangeWords()+"…"))
	case s.feed.Len() == 0 && s.c.Offline:
		return common.MessageView(s.width, st.Title.Render("The store holds no "+s.what()+" between "+s.rangeWords()),
			"", st.Value.Render("Offline, rows come from the store alone: run callscope sync --what "+s.feed.rep.syncWhat()+" to fill it"),
			st.Subtle.Render(k.Filter.Help().Key+" changes the range · "+k.Reload.Help().Key+" reads the store again"))
	case s.feed.Len() == 0:
		return common.MessageView(s.width, st.Title.Render("No "+s.what()+" between "+s.rangeWords()),
			"", st.Subtle.Render(k.Filter.Help().Key+" changes the range · "+k.Reload.Help().Key+" reloads"))
	case n == 0 && s.jobWords != "":
		// A group view's rows are still being picked out off the loop.
		return common.MessageView(s.width, st.Subtle.Render(s.jobWords))
	case n == 0:
		hint := "No loaded row matches " + s.filterWords()
		if s.feed.More() && !s.fixed {
			hint += "; loading more…"
		}
		return common.MessageView(s.width, st.Title.Render(hint))
	}
	v := s.tbl.View()
	switch {
	case s.fixed && s.feed.Err != nil:
		// The summary's load failed; r is the summary's.
		v += "\n" + st.Danger.Render(common.Truncate("✗ "+common.ErrorLine(s.feed.Err)+" · "+s.retryWords(), s.width))
	case !s.fixed && s.feed.HasStatusLine():
		v += "\n" + s.feed.StatusLine(st, &k, s.width)
	}
	return v
}

// errorView is the state when nothing could be loaded: the error in full
// and how to retry.
func (s *List) errorView() string {
	st := &s.c.Styles
	lines := []string{st.Danger.Render("✗ Could not load " + s.what() + " " + s.rangeWords()), ""}
	for _, l := range strings.Split(ansi.Wrap(s.feed.Fault().Error(), max(s.width-4, 10), " "), "\n") {
		lines = append(lines, st.Value.Render(l))
	}
	lines = append(lines, "", st.Subtle.Render(s.retryWords()))
	return common.MessageView(s.width, lines...)
}

// cell is the table's view of position r; a column too narrow for its
// cells takes the report's narrow form, if it has one.
func (s *List) cell(r, col int) string {
	i := s.rowAt(r)
	if n, ok := s.feed.rep.(narrower); ok {
		if w := s.tbl.Widths(); col < len(w) && w[col] > 0 {
			if short, ok := n.narrow(i, col, w[col]); ok {
				return short
			}
		}
	}
	return s.feed.rep.cell(i, col, s.c.Loc(), s.failedText)
}

// row decodes the row under the cursor.
func (s *List) row() decoded { return s.feed.rep.record(s.rowAt(s.tbl.Cursor())) }

// Shown is the number of rows the list shows (and e exports).
func (s *List) Shown() int { return s.tbl.Len() }

// ExportReady reports rows to export.
func (s *List) ExportReady() bool { return s.tbl.Len() > 0 }

// Export writes the rows shown, in the order shown. The command reads a
// snapshot of the store and of the view, which later pages never change.
func (s *List) Export() tea.Cmd {
	n := s.tbl.Len()
	if n == 0 {
		return common.Flash("nothing to export yet", true)
	}
	view, identity := s.view.Clone(), s.identity
	return s.feed.rep.export(s.c, n, func(i int) int32 {
		if identity {
			return int32(i)
		}
		return view.At(i)
	})
}

// keys lists what applies now, for both help views.
func (s *List) keys() (nav, acts []key.Binding) {
	k := s.c.Keys
	has := s.tbl.Len() > 0
	k.Open.SetEnabled(has)
	k.CopyID.SetEnabled(has)
	k.Export.SetEnabled(has)
	acts = []key.Binding{k.Open}
	switch kept := s.tbl.Search().KeptHelp(); {
	case len(kept) > 0:
		acts = append(acts, kept...) // esc clears the search first
	case !s.fixed && s.feed.Pending != 0:
		acts = append(acts, table.StopKey(k)) // esc stops the load before it clears a filter
	case s.filter.clearable():
		// First after open: the footer may cut the tail of the list.
		acts = append(acts, clearFilterKey(k))
	}
	if s.feed.rep.correlates() {
		k.OpenRecord.SetEnabled(has)
		acts = append(acts, k.OpenRecord)
	}
	if s.filter.failuresApply(s.feed.rep) {
		acts = append(acts, k.FailuresOnly)
	}
	acts = append(acts, k.Search, k.Sort)
	if !s.fixed {
		acts = append(acts, k.Summary, k.Filter, k.Reload)
	}
	// Last, so a narrow footer cuts it before the list's own keys.
	k.Timeline.SetEnabled(has)
	acts = append(acts, k.CopyID, k.Export, k.Timeline)
	return k.NavHelp(), acts
}

// ShortHelp offers what applies now; f only where rows have an outcome.
func (s *List) ShortHelp() []key.Binding {
	k := s.c.Keys
	switch {
	case s.form != nil:
		return []key.Binding{k.Apply, k.NextField, k.Back}
	case s.picker != nil:
		return s.picker.help()
	case s.tbl.Search().Typing():
		return s.tbl.Search().TypingHelp()
	}
	_, acts := s.keys()
	return acts
}

// FullHelp groups the keys for the help overlay.
func (s *List) FullHelp() [][]key.Binding {
	nav, acts := s.keys()
	return [][]key.Binding{nav, append(acts, s.c.Keys.Columns)}
}
