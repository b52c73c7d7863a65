package requestlog

import (
	"strconv"
	"strings"

	"github.com/callscope/callscope/model/search"
	tea "github.com/charmbracelet/bubbletea"
)

// The request log's `/` is ui/table's search: a query matches an entry's
// fields (logFields) and, for words, every cell as the log shows it (a
// status code, GET, a word of the path, a request-id) and the error of a
// try that got no response.

// logFields are the field terms an entry answers: result:failed (no
// response, or a status of 400 or more) and type: (the Method column:
// GET, POST, or WAIT for a throttle wait) and status: (status:429, or a
// class, status:5xx).
var logFields = []string{search.Type, search.Result, search.Status}

// logWhat names the rows in a refusal: "user: request rows have no user".
const logWhat = "request"

// logRow is one entry as the search sees it.
type logRow struct{ e *entryRow }

// Field is the entry's value of a field term.
func (r logRow) Field(name string) (string, bool) {
	switch name {
	case search.Result:
		switch {
		case r.e.Err != "" || r.e.Status >= 400:
			return search.Failed, true
		case r.e.Status == 0:
			return "", false // neither a response nor an error: not reported
		}
		return search.OK, true
	case search.Type:
		v := cellOf(r.e, methodColumn, nil)
		return v, v != ""
	case search.Status:
		return strconv.Itoa(r.e.Status), r.e.Status != 0
	}
	return "", false
}

// Text is every cell of the row, two spaces apart, and the error.
func (r logRow) Text() string { return r.e.clock + "  " + r.e.text }

// ContainsText looks for a word in the time cell and in the rest, with
// no row text built (search.TextSearcher): 5,000 entries a keystroke.
func (r logRow) ContainsText(lower string) bool {
	return search.ContainsFold(r.e.text, lower) || search.ContainsFold(r.e.clock, lower)
}

// searchText is every cell of e but the time, two spaces apart, and the
// error of a try that got no response; made once, as the entry arrives.
func searchText(e *entryRow) string {
	cells := make([]string, 0, len(columns))
	for col := range columns {
		if col != 0 {
			cells = append(cells, cellOf(e, col, nil))
		}
	}
	if e.Err != "" {
		cells = append(cells, e.Err)
	}
	return strings.Join(cells, "  ")
}

// searchSource gives the table's search the entries shown, each time
// cell formatted once for the zone shown and kept. The ring drops its
// oldest entry for each new one past its size, which moves every
// position: a search the table runs off the loop (past AsyncRows
// positions, which the log's size keeps it under) reads a copy.
func (s *Screen) searchSource(q search.Query) (int, func(int) bool, error) {
	if err := q.Check(logWhat, logFields); err != nil {
		return 0, nil, err
	}
	loc, n := s.c.Loc(), s.rows.Len()
	for i := range n {
		if e := s.rows.At(i); e.clockLoc != loc {
			e.clock, e.clockLoc = cellOf(e, 0, loc), loc
		}
	}
	if n <= s.tbl.Search().AsyncRows {
		return n, func(pos int) bool { return q.Matches(logRow{e: s.rows.At(pos)}) }, nil
	}
	rows := make([]entryRow, n)
	for i := range rows {
		rows[i] = *s.rows.At(i)
	}
	return n, func(pos int) bool { return q.Matches(logRow{e: &rows[pos]}) }, nil
}

// searchKey gives a key to the search first: while its line is open every
// key is its own, and a kept search's esc clears it before the log
// closes. A jump to a match stops following new requests, as moving does.
func (s *Screen) searchKey(msg tea.KeyMsg) (bool, tea.Cmd) {
	handled, cmd := s.tbl.SearchKey(msg, s.searchSource)
	if handled {
		s.resize()
		s.follow = s.tbl.Cursor() >= s.rows.Len()-1
	}
	return handled, cmd
}

// resize gives the table the body less the search line, if it shows.
func (s *Screen) resize() {
	h := s.height
	if s.tbl.Search().Typing() {
		h--
	}
	s.tbl.SetSize(s.width, max(h, 1))
}

// searchWords are the header's words for a search: "/429: 3 of 120
// loaded match"; "" when there is none.
func (s *Screen) searchWords() string {
	return s.tbl.Search().HeaderWords(s.c.Keys.Search.Help().Key)
}

// searchLine is the search line under the log while it is typed.
func (s *Screen) searchLine() string {
	return s.tbl.Search().LineBelow(s.width)
}

// ClaimsBack lets esc clear a kept search before the log closes.
func (s *Screen) ClaimsBack() bool { return s.tbl.Search().Active() }

// logRow is what the query matches; the compiler holds it to search.Row
// and search.TextSearcher.
var (
	_ search.Row          = logRow{}
	_ search.TextSearcher = logRow{}
)
