package logs

import (
	"math"
	"strconv"
	"strings"

	"github.com/callscope/callscope/model/search"
	"github.com/callscope/callscope/model/sip"
	"github.com/callscope/callscope/ui/common"
	"github.com/callscope/callscope/ui/rowstore"
	"github.com/callscope/callscope/ui/table"
	tea "github.com/charmbracelet/bubbletea"
)

// The summary's `/` is ui/table's search, as every list's: its lines are
// not a table.Table, so a table that is never drawn holds the search and
// a cursor mirroring the summary's. Its positions are the group lines
// only (headings and notes never match), so the header counts groups:
// "3 of 12 loaded match". A query matches a group's fields (where the
// group has them: sip, sub and trunk on Direct Routing codes and trunks,
// type on PSTN call types) and, for words, its line and its name in full.

// drGroupFields and pstnGroupFields are the field terms each summary's
// groups answer.
var (
	drGroupFields   = []string{search.Sip, search.Sub, search.Trunk}
	pstnGroupFields = []string{search.Type}
)

// newSummarySearch is the table holding the summary's search. The groups
// are few (hundreds at most) and matched from rows built on the loop, so
// every search runs there, at once: render re-matches without a command.
func newSummarySearch(c *common.Common) table.Table {
	t := table.NewTable(c, nil, nil)
	t.Search().AsyncRows = math.MaxInt
	return t
}

// groupRow is one group line as the search sees it, built on the loop.
type groupRow struct {
	fields map[string]string
	text   string
}

// Field is the group's value of a field term.
func (r groupRow) Field(name string) (string, bool) {
	v, ok := r.fields[name]
	return v, ok
}

// Text is the group's line and its name in full (the line may cut it).
func (r groupRow) Text() string { return r.text }

// groupRow is what the query matches; the compiler holds it to search.Row.
var _ search.Row = groupRow{}

// searchFields are the field terms of this summary's groups.
func (s *summary) searchFields() []string {
	if _, ok := s.groups.(*drGroups); ok {
		return drGroupFields
	}
	return pstnGroupFields
}

// searchRow is item it (a group line) for the search.
func (s *summary) searchRow(it sumItem) groupRow {
	g := it.group
	r := groupRow{fields: map[string]string{}, text: it.text + "  " + g.Label()}
	switch g.Kind {
	case rowstore.GroupCode:
		if g.Unreported&sip.UnreportedCode == 0 {
			r.fields[search.Sip] = strconv.Itoa(int(g.Code))
		}
		if g.Unreported&sip.UnreportedSubcode == 0 {
			r.fields[search.Sub] = strconv.Itoa(int(g.Subcode))
		}
		if dr, ok := s.groups.(*drGroups); ok && it.idx < len(dr.sum.Codes) {
			c := dr.sum.Codes[it.idx]
			names := make([]string, 0, len(c.TopTrunks))
			for _, t := range c.TopTrunks {
				names = append(names, t.Name)
			}
			// The busiest trunks the group names; one past them is not known here.
			if len(names) > 0 {
				r.fields[search.Trunk] = strings.Join(names, ",")
			}
		}
	case rowstore.GroupTrunk:
		if g.Name != "" {
			r.fields[search.Trunk] = g.Name
		}
	case rowstore.GroupCallType:
		if g.Name != "" {
			r.fields[search.Type] = g.Name
		}
	}
	return r
}

// searchPositions numbers the group lines of the items just rendered:
// posOf[item] is a group's position in the search (-1 for any other
// line), itemAt[position] its item. The search then re-matches them.
func (s *summary) searchPositions() {
	s.posOf = s.posOf[:0]
	s.itemAt = s.itemAt[:0]
	for i, it := range s.items {
		if it.group.Kind == rowstore.GroupNone {
			s.posOf = append(s.posOf, -1)
			continue
		}
		s.posOf = append(s.posOf, len(s.itemAt))
		s.itemAt = append(s.itemAt, i)
	}
	s.tbl.SetLen(len(s.itemAt))
	s.tbl.SearchAgain(s.searchSource) // on the loop (newSummarySearch): no command
}

// searchSource gives the table's search the group lines shown.
func (s *summary) searchSource(q search.Query) (int, func(int) bool, error) {
	if err := q.Check(s.feed.rep.name()+" triage group", s.searchFields()); err != nil {
		return 0, nil, err
	}
	rows := make([]groupRow, len(s.itemAt))
	for pos, i := range s.itemAt {
		rows[pos] = s.searchRow(s.items[i])
	}
	return len(rows), func(pos int) bool { return q.Matches(rows[pos]) }, nil
}

// searchKey gives a key to the search first: while its line is open every
// key is its own, and a kept search's esc clears it before the summary
// closes (or its load stops). The table's cursor mirrors the summary's
// for the keys, and a jump to a match moves the summary's.
func (s *summary) searchKey(msg tea.KeyMsg) (bool, tea.Cmd) {
	if s.cursor >= 0 && s.cursor < len(s.posOf) && s.posOf[s.cursor] >= 0 {
		s.tbl.SetCursor(s.posOf[s.cursor])
	}
	handled, cmd := s.tbl.SearchKey(msg, s.searchSource)
	if handled {
		s.followSearch()
	}
	return handled, cmd
}

// followSearch puts the summary's cursor where the search put the table's.
func (s *summary) followSearch() {
	if pos := s.tbl.Cursor(); pos < len(s.itemAt) && s.itemAt[pos] < len(s.items) {
		s.cursor = s.itemAt[pos]
	}
	s.scroll()
}

// searchMatch reports that item i is a group the search matches.
func (s *summary) searchMatch(i int) bool {
	return i < len(s.posOf) && s.posOf[i] >= 0 && s.tbl.Search().IsMatch(s.posOf[i])
}

// searchWords are the header's words for a search: " · /eu: 3 of 12
// loaded match"; "" when there is none.
func (s *summary) searchWords() string {
	if w := s.tbl.Search().HeaderWords(s.c.Keys.Search.Help().Key); w != "" {
		return " · " + w
	}
	return ""
}

// searchLines is how many lines the search line takes below the list.
func (s *summary) searchLines() int {
	if s.tbl.Search().Typing() {
		return 1
	}
	return 0
}
