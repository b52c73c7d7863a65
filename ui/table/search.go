package table

import (
	"context"
	"sort"
	"strings"

	"github.com/callscope/callscope/model/search"
	"github.com/callscope/callscope/ui/common"
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
)

// SearchSource is what a list gives its search: for a query, the number of
// positions its view shows now and a predicate over them. It runs on the
// loop; match may run off it (past AsyncRows positions), so it must read
// only what later rows never change (a snapshot of the store and view).
// err refuses the query for these rows (a field they do not have).
type SearchSource func(q search.Query) (n int, match func(pos int) bool, err error)

// SearchDoneMsg brings the matches of a search run off the loop, for the
// table whose job it is; any other is stale and dropped.
type SearchDoneMsg struct {
	reqID   uint64
	matches []int
	total   int
}

// searchAsyncRows is the most positions searched on the loop: a word
// costs a Direct Routing row about 0.2–0.8 µs (BenchmarkLogSearch in
// ui/logs), so 10,000 rows stay within a few milliseconds a keystroke.
const searchAsyncRows = 10_000

// searchPlaceholder shows what may be typed while the line is empty.
const searchPlaceholder = "words, sip:487, user:anette, !trunk:eu, \"a phrase\""

// Search is a table's `/`: the query typed, the positions of the rows it
// matches (ascending), and the job finding them off the loop when the
// view is large. Rows stay where they are; matches are marked in the
// gutter and highlighted in their cells, and n/N jump between them.
// Typing refines as it goes: each key re-matches (a newer key supersedes
// the job of an older one) and the cursor moves to the first match at or
// after where it was when / was pressed.
type Search struct {
	c     *common.Common
	input LineInput
	// typing: the search line has the keyboard.
	typing bool
	// active: a query is kept, whose matches n/N visit.
	active     bool
	text       string // the query the matches are for
	err        error  // the last refusal; the matches before it stay
	matches    []int
	total      int
	highlights []string
	origin     int // the cursor when / was pressed
	jump       bool

	job    uint64
	cancel context.CancelFunc
	// AsyncRows is the most positions searched on the loop; past it the
	// search runs off the loop (tests lower it).
	AsyncRows int

	mark lipgloss.Style // the highlight of a matched substring
}

// newSearch is an idle search drawing with c's styles.
func newSearch(c *common.Common) Search {
	return Search{c: c, AsyncRows: searchAsyncRows, mark: c.Styles.Accent.Reverse(true)}
}

// Search is the table's search state, for its words and help.
func (t *Table) Search() *Search { return &t.search }

// Typing reports that the search line has the keyboard.
func (s *Search) Typing() bool { return s.typing }

// Active reports a kept or typed query with matches to show.
func (s *Search) Active() bool { return s.active }

// Text is the query the matches are for.
func (s *Search) Text() string { return s.text }

// Count is the number of positions that match.
func (s *Search) Count() int { return len(s.matches) }

// Busy reports a search running off the loop.
func (s *Search) Busy() bool { return s.job != 0 }

// Err is why the typed query was refused, if it was.
func (s *Search) Err() error { return s.err }

// Words say the search for the header: "12 of 4,000 loaded match", or
// "searching 1,000,000 rows…" while the job runs; "" when idle.
func (s *Search) Words() string {
	switch {
	case !s.active:
		return ""
	case s.job != 0:
		return "searching " + common.FormatCount(s.total) + " rows…"
	case len(s.matches) == 1:
		return "1 of " + common.FormatCount(s.total) + " loaded matches"
	}
	return common.FormatCount(len(s.matches)) + " of " + common.FormatCount(s.total) + " loaded match"
}

// Line is the search line under a list while typing: the prompt, the
// input, and the words or the error.
func (s *Search) Line(width int) string {
	st := &s.c.Styles
	tail := s.Words()
	if s.err != nil {
		tail = st.InputErr.Render(s.err.Error())
	} else if tail != "" {
		tail = st.Subtle.Render(tail)
	}
	prompt := s.c.Keys.Search.Help().Key
	in := s.input
	in.Width = max(width-len(prompt)-2-lipgloss.Width(tail), min(20, width-len(prompt)))
	line := st.Accent.Render(prompt) + in.View(true, searchPlaceholder, st)
	if tail != "" {
		line += "  " + tail
	}
	return common.Truncate(line, width)
}

// TypingHelp is what the search line offers: enter keeps, esc clears.
func (s *Search) TypingHelp() []key.Binding {
	k := s.c.Keys
	k.Apply.SetHelp(k.Apply.Help().Key, "keep search")
	k.Back.SetHelp(k.Back.Help().Key, "clear search")
	return []key.Binding{k.Apply, k.Back}
}

// KeptHelp is what a kept search offers: n/N and esc; nil when idle.
func (s *Search) KeptHelp() []key.Binding {
	if !s.active {
		return nil
	}
	k := s.c.Keys
	k.Back.SetHelp(k.Back.Help().Key, "clear search")
	has := len(s.matches) > 0
	return []key.Binding{common.HelpIf(k.NextMatch, has), common.HelpIf(k.PrevMatch, has), k.Back}
}

// SearchKey takes the search's keys: / opens the line; while typing every
// key is the search's (enter keeps, esc clears, the rest edit); with a
// query kept, n/N jump and esc clears. handled is false for a key the
// list should take.
func (t *Table) SearchKey(msg tea.KeyMsg, src SearchSource) (handled bool, cmd tea.Cmd) {
	s, k := &t.search, &t.c.Keys
	if s.typing {
		switch {
		case key.Matches(msg, k.Apply):
			if s.err != nil {
				return true, nil // the line stays open on its error
			}
			s.typing = false
			if s.text == "" {
				s.Clear()
			}
			return true, nil
		case key.Matches(msg, k.Back):
			s.Clear()
			return true, nil
		}
		if !s.input.Update(msg) {
			return true, nil
		}
		return true, t.runSearch(src, true)
	}
	switch {
	case key.Matches(msg, k.Search):
		s.typing, s.origin = true, t.cursor
		return true, nil
	case !s.active:
		return false, nil
	case key.Matches(msg, k.NextMatch):
		return true, t.stepMatch(1)
	case key.Matches(msg, k.PrevMatch):
		return true, t.stepMatch(-1)
	case key.Matches(msg, k.Back):
		s.Clear()
		return true, nil
	}
	return false, nil
}

// Clear drops the query, its matches and any job.
func (s *Search) Clear() {
	s.cancelJob()
	s.input.SetValue("")
	s.typing, s.active, s.text, s.err = false, false, "", nil
	s.matches, s.total, s.highlights = nil, 0, nil
}

// SearchAgain re-matches a kept query after the view changed (rows came,
// the filter or sort moved): positions meant other rows. The cursor stays.
func (t *Table) SearchAgain(src SearchSource) tea.Cmd {
	if !t.search.active {
		return nil
	}
	return t.runSearch(src, false)
}

// runSearch parses the typed text and matches it, on the loop or, past
// AsyncRows positions, in the command it returns; jump moves the cursor
// to the first match from where / was pressed when the matches are in.
func (t *Table) runSearch(src SearchSource, jump bool) tea.Cmd {
	s := &t.search
	text := strings.TrimSpace(s.input.Value())
	q, err := search.Parse(text)
	if err != nil {
		s.err = err
		return nil
	}
	if q.Empty() {
		s.cancelJob()
		s.active, s.text, s.err, s.matches, s.total, s.highlights = false, "", nil, nil, 0, nil
		if jump {
			t.SetCursor(s.origin)
		}
		return nil
	}
	n, match, err := src(q)
	if err != nil {
		s.err = err
		return nil
	}
	s.cancelJob()
	s.active, s.text, s.err, s.total, s.highlights, s.jump = true, text, nil, n, q.Highlights(), jump
	if n <= s.AsyncRows {
		t.landMatches(matchPositions(context.Background(), n, match))
		return nil
	}
	var ctx context.Context
	ctx, s.cancel = context.WithCancel(context.Background())
	s.job = common.NewRequestID()
	id := s.job
	return func() tea.Msg {
		found := matchPositions(ctx, n, match)
		if ctx.Err() != nil {
			return nil // superseded by a newer key, or cleared
		}
		return SearchDoneMsg{reqID: id, matches: found, total: n}
	}
}

// SearchLanded takes the matches of the table's job; it reports false for
// a stale one (a newer key or a clear superseded it), which changes nothing.
func (t *Table) SearchLanded(msg SearchDoneMsg) bool {
	s := &t.search
	if msg.reqID == 0 || msg.reqID != s.job {
		return false
	}
	s.cancelJob()
	s.total = msg.total
	t.landMatches(msg.matches)
	return true
}

// landMatches installs the matches and, while typing, moves the cursor
// to the first one at or after the origin, or back to it when none.
func (t *Table) landMatches(found []int) {
	s := &t.search
	s.matches = found
	if !s.jump {
		return
	}
	if len(found) == 0 {
		t.SetCursor(s.origin)
		return
	}
	i := sort.SearchInts(found, s.origin)
	t.SetCursor(found[i%len(found)])
}

// stepMatch moves the cursor to the next match after it (dir 1) or the
// previous one before it (dir -1), wrapping around.
func (t *Table) stepMatch(dir int) tea.Cmd {
	m := t.search.matches
	if len(m) == 0 {
		return common.Flash("no loaded row matches "+t.search.text, true)
	}
	var i int
	if dir > 0 {
		i = sort.SearchInts(m, t.cursor+1) % len(m)
	} else {
		i = sort.SearchInts(m, t.cursor) - 1
		if i < 0 {
			i = len(m) - 1
		}
	}
	t.SetCursor(m[i])
	return nil
}

func (s *Search) cancelJob() {
	if s.cancel != nil {
		s.cancel()
	}
	s.job, s.cancel = 0, nil
}

// isMatch reports that position pos matches the kept query.
func (s *Search) IsMatch(pos int) bool {
	if !s.active {
		return false
	}
	i := sort.SearchInts(s.matches, pos)
	return i < len(s.matches) && s.matches[i] == pos
}

// matchPositions are the positions below n that match, ascending; it
// stops early (the result then unused) when ctx is done.
func matchPositions(ctx context.Context, n int, match func(int) bool) []int {
	var out []int
	for pos := range n {
		if pos&4095 == 4095 && ctx.Err() != nil {
			return nil
		}
		if match(pos) {
			out = append(out, pos)
		}
	}
	return out
}
