package calls

import (
	"github.com/callscope/callscope/ui/common"
	"github.com/callscope/callscope/ui/record"
	"github.com/callscope/callscope/ui/table"
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
)

// key handles a key on the list. esc stops the page in flight and pauses
// the quality fetch (the reload key resumes it before it reloads
// anything); with nothing running, esc clears the prompt's failed and poor.
func (s *Screen) key(msg tea.KeyMsg) tea.Cmd {
	k := &s.c.Keys
	// The search first: while its line is open every key is its own, and
	// a kept search's esc clears it before anything else esc does.
	if handled, cmd := s.tbl.SearchKey(msg, s.searchSource); handled {
		s.resize()
		return tea.Batch(cmd, s.maybeFetch(), s.pumpEnrichment())
	}
	if s.tbl.Update(msg) {
		return tea.Batch(s.maybeFetch(), s.pumpEnrichment())
	}
	n := s.viewLen()
	switch {
	case key.Matches(msg, k.Open) && n > 0:
		return common.Push(s, record.New(s.c, s.rows.ID(s.rowAt(s.tbl.Cursor()))))
	case key.Matches(msg, k.Back) && s.enrichRunning():
		// esc pauses the quality fetch and stops the load in flight; the
		// rows and verdicts that arrived stay.
		s.enrich.pause()
		s.Stop()
		s.resize()
	case key.Matches(msg, k.Back) && s.Stop():
		// esc stops the load in flight; the rows that arrived stay.
		s.resize()
	case key.Matches(msg, k.Back) && (s.failedOnly || s.poorOnly):
		s.failedOnly, s.poorOnly = false, false
		s.rebuildView()
		return s.searchAgain(s.maybeFetch())
	case key.Matches(msg, k.Reload) && s.canResume():
		s.enrich.resume()
		return s.pumpEnrichment()
	case key.Matches(msg, k.Reload):
		if s.Err != nil && s.Pending == 0 {
			return s.retry()
		}
		s.rereadRange()
		return s.reload()
	case key.Matches(msg, k.Summary) && s.enriching():
		return s.openSummary()
	case key.Matches(msg, k.Sort) && s.enriching():
		s.sort = s.sort.next()
		s.rebuildView()
		return s.searchAgain(nil)
	case key.Matches(msg, k.CopyID) && n > 0:
		return common.CopyCmd(s.c.Copy, s.rows.ID(s.rowAt(s.tbl.Cursor())))
	case key.Matches(msg, k.Timeline):
		return s.openTimeline() // timeline.go
	case key.Matches(msg, k.Export):
		if s.rows.Len() == 0 {
			return common.Flash("nothing to export yet", true)
		}
		return s.Export()
	case key.Matches(msg, k.Filter):
		s.form = newFilterForm(s.c, s.filter)
		s.watchFormPerson() // person.go
		s.form.SetWidth(s.width)
	}
	return nil
}

// enrichRunning reports quality fetches in flight or still to ask for,
// not paused: what esc would pause.
func (s *Screen) enrichRunning() bool {
	return s.enriching() && !s.enrich.paused && s.enrich.pending(s.rows.Len())
}

// canResume reports a paused quality fetch the reload key resumes: the
// pages themselves neither failed nor were stopped (then r reloads).
func (s *Screen) canResume() bool {
	return s.enriching() && s.enrich.paused && s.enrich.pending(s.rows.Len()) && s.Err == nil && !s.Stopped
}

// ClaimsBack reports that esc has something to do here (clear a search,
// stop, pause or clear a filter), so the root does not pop the screen
// instead.
func (s *Screen) ClaimsBack() bool {
	return s.tbl.Search().Active() || s.Pending != 0 || s.enrichRunning() || s.failedOnly || s.poorOnly
}

// sortKey is s as the list offers it.
func sortKey(k common.KeyMap) key.Binding {
	return common.HelpAs(k.Sort, "sort by quality / result")
}

// summaryKey is a on the list: the quality summary of the loaded range.
func summaryKey(k common.KeyMap) key.Binding {
	return common.HelpAs(k.Summary, "quality summary")
}

// pauseKey is esc while the quality fetch runs.
func pauseKey(k common.KeyMap) key.Binding {
	return common.HelpAs(k.Back, "pause quality")
}

// resumeKey is r while the quality fetch is paused.
func resumeKey(k common.KeyMap) key.Binding {
	return common.HelpAs(k.Reload, "resume quality")
}

// ShortHelp offers what applies now.
func (s *Screen) ShortHelp() []key.Binding {
	k := s.c.Keys
	switch {
	case s.form != nil:
		return []key.Binding{k.Apply, k.NextField, k.Back}
	case s.tbl.Search().Typing():
		return s.tbl.Search().TypingHelp()
	}
	has := s.viewLen() > 0
	k.Open.SetEnabled(has)
	k.CopyID.SetEnabled(has)
	k.Export.SetEnabled(s.rows.Len() > 0)
	out := []key.Binding{k.Up, k.Down, k.Open}
	switch kept := s.tbl.Search().KeptHelp(); {
	case len(kept) > 0:
		out = append(out, kept...) // esc clears the search first
	case s.Pending != 0:
		out = append(out, table.StopKey(k))
	case s.enrichRunning():
		out = append(out, pauseKey(k))
	}
	out = append(out, k.Search, k.Filter)
	if s.canResume() {
		out = append(out, resumeKey(k))
	} else {
		out = append(out, k.Reload)
	}
	if s.enriching() {
		out = append(out, sortKey(k), summaryKey(k))
	}
	return append(out, k.CopyID, k.Export)
}

// FullHelp groups the keys for the help overlay.
func (s *Screen) FullHelp() [][]key.Binding {
	k := s.c.Keys
	has := s.viewLen() > 0
	k.Open.SetEnabled(has)
	k.CopyID.SetEnabled(has)
	k.Export.SetEnabled(s.rows.Len() > 0)
	acts := []key.Binding{k.Open, k.Search, k.Filter, k.Reload, k.CopyID, k.Export, common.HelpIf(k.Timeline, s.filter.Participant != ""), k.Columns}
	if s.enriching() {
		acts = append(acts, sortKey(k), summaryKey(k), pauseKey(k), resumeKey(k))
	}
	if s.Pending != 0 {
		acts = append([]key.Binding{table.StopKey(k)}, acts...)
	}
	acts = append(s.tbl.Search().KeptHelp(), acts...)
	return [][]key.Binding{k.NavHelp(), acts}
}
