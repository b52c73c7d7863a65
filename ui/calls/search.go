package calls

import (
	"time"

	"github.com/callscope/callscope/model/search"
	"github.com/callscope/callscope/ui/common"
	"github.com/callscope/callscope/ui/rowstore"
	tea "github.com/charmbracelet/bubbletea"
)

// The list's `/` is ui/table's search; this file gives it the rows. A
// query matches a row's fields and, for words, the text of every cell as
// the list shows it, the Result and Quality verdicts included once known.

// callFields are the field terms a call row answers: type, user (the
// organizer), and result and quality from the row's verdicts.
var callFields = []string{search.User, search.Type, search.Result, search.Quality}

// searchVerdictEvery is how many verdicts may land, in the list's load
// order, before a kept search is matched again: each re-match costs the
// rows shown, and verdicts land tens of times a second while the quality
// fetch runs. A sorted or filtered view is matched again at each rebuild,
// since its rows move.
const searchVerdictEvery = 32

// verdictCells is what the search reads of a row's verdict: the cells and
// the ranks result: and quality: answer from.
type verdictCells struct {
	result, quality         string
	resultRank, qualityRank uint8
	known                   bool // a verdict landed (not lost, not "not stored")
}

// cellsOf is v as the search reads it.
func cellsOf(v *rowVerdict) verdictCells {
	return verdictCells{result: v.result, quality: v.quality, resultRank: v.resultRank, qualityRank: v.qualityRank,
		known: v.state == verdictKnown && !v.lost && !v.notStored}
}

// callRow is a search.Row over one row of the list; at moves it.
type callRow struct {
	rows    *rowstore.CallRows
	verdict func(r int) verdictCells
	loc     *time.Location
	r       int
	v       verdictCells
}

func (c *callRow) at(r int) { c.r, c.v = r, c.verdict(r) }

// Field is the row's value of a field term: result: is failed or ok, and
// quality: good, poor or unclassified, once the row's verdict is known.
func (c *callRow) Field(name string) (string, bool) {
	switch name {
	case search.Type:
		v := c.rows.Type(c.r)
		return v, v != ""
	case search.User:
		v := c.rows.Organizer(c.r)
		return v, v != ""
	case search.Result:
		if !c.v.known {
			return "", false
		}
		if c.v.resultRank == 0 {
			return search.Failed, true
		}
		return search.OK, true
	case search.Quality:
		if !c.v.known {
			return "", false
		}
		switch c.v.qualityRank {
		case 0:
			return search.Poor, true
		case 1:
			return search.Unclassified, true
		}
		return search.Good, true
	}
	return "", false
}

// Text is every cell of the row, two spaces apart.
func (c *callRow) Text() string {
	var b []byte
	for i, cell := range c.cells() {
		if i > 0 {
			b = append(b, "  "...)
		}
		b = append(b, cell...)
	}
	return string(b)
}

// ContainsText looks for a word cell by cell (search.TextSearcher).
func (c *callRow) ContainsText(lower string) bool {
	for _, cell := range c.cells() {
		if search.ContainsFold(cell, lower) {
			return true
		}
	}
	return false
}

// cells are the row's cells as the list draws them.
func (c *callRow) cells() [colID + 1]string {
	var out [colID + 1]string
	out[colStart] = common.FormatStartUnix(c.rows.StartUnix(c.r), c.loc)
	out[colDuration] = common.FormatSeconds(c.rows.DurationSecs(c.r))
	out[colType] = c.rows.Type(c.r)
	out[colModalities] = c.rows.Modalities(c.r)
	out[colOrganizer] = c.rows.Organizer(c.r)
	out[colResult], out[colQuality] = unknownCell, unknownCell
	if c.v.result != "" {
		out[colResult], out[colQuality] = c.v.result, c.v.quality
	}
	out[colID] = c.rows.ShortID(c.r)
	return out
}

// searchSource gives the table's search the rows shown now. Up to the
// table's AsyncRows the match runs on the loop and reads the list as it
// is; past it, it runs off the loop on a snapshot of the rows, of the
// view and of the verdicts, which later pages and verdicts never change.
func (s *Screen) searchSource(q search.Query) (int, func(int) bool, error) {
	if err := q.Check("call", callFields); err != nil {
		return 0, nil, err
	}
	n := s.viewLen()
	row := &callRow{rows: s.rows, loc: s.c.Loc()}
	pos := s.rowAt
	if n <= s.tbl.Search().AsyncRows {
		row.verdict = func(r int) verdictCells { return cellsOf(s.enrich.verdictAt(r)) }
	} else {
		row.rows = s.rows.Snapshot()
		cells := make([]verdictCells, min(len(s.enrich.verdicts), s.rows.Len()))
		for r := range cells {
			cells[r] = cellsOf(&s.enrich.verdicts[r])
		}
		row.verdict = func(r int) verdictCells {
			if r < len(cells) {
				return cells[r]
			}
			return verdictCells{}
		}
		view, order := cloneInt32(s.view), cloneInt32(s.order)
		pos = func(p int) int {
			switch {
			case view != nil:
				return int(view[p])
			case order != nil:
				return int(order[p])
			}
			return p
		}
	}
	return n, func(p int) bool {
		row.at(pos(p))
		return q.Matches(row)
	}, nil
}

// cloneInt32 is a copy of v, nil for nil.
func cloneInt32(v []int32) []int32 {
	if v == nil {
		return nil
	}
	return append(make([]int32, 0, len(v)), v...)
}

// searchAgain re-matches a kept search after the rows shown changed, and
// batches that with cmd.
func (s *Screen) searchAgain(cmd tea.Cmd) tea.Cmd {
	return tea.Batch(cmd, s.tbl.SearchAgain(s.searchSource))
}

// searchAfterVerdicts re-matches a kept search as verdicts land: at once
// for a sorted or filtered view (rebuilt, its rows moved), after every
// searchVerdictEvery verdicts otherwise, and when the last one is in.
func (s *Screen) searchAfterVerdicts(cmd tea.Cmd, landed int) tea.Cmd {
	if !s.tbl.Search().Active() {
		return cmd
	}
	e := &s.enrich
	e.sinceSearch += landed
	if !s.ordered() && e.sinceSearch < searchVerdictEvery && e.pending(s.rows.Len()) {
		return cmd
	}
	e.sinceSearch = 0
	return s.searchAgain(cmd)
}

// searchWords is the search's part of the header: "/anette: 12 of 4,000
// loaded match"; "" when no search is kept.
func (s *Screen) searchWords() string {
	return s.tbl.Search().HeaderWords(s.c.Keys.Search.Help().Key)
}
