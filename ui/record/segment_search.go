package record

import (
	"strings"

	"github.com/callscope/callscope/model/search"
	tea "github.com/charmbracelet/bubbletea"
)

// The session screen's `/` is ui/table's search over its lines, segments
// and their streams: a query matches a line's fields (segmentFields) and,
// for words, every cell as the table shows it.

// segmentFields are the field terms a line answers: result:failed (a
// segment's failure, which its streams share), quality: (the line's
// verdict), user: (the segment's ends) and type: (the media labels:
// main-audio, main-video, screen sharing).
var segmentFields = []string{search.User, search.Type, search.Result, search.Quality}

// segmentsWhat names the rows in a refusal: "sip: segment rows have no sip".
const segmentsWhat = "segment"

// segmentLine is one line of the session screen as the search sees it.
type segmentLine struct {
	s   *sessionScreen
	row int
}

// Field is the line's value of a field term.
func (l segmentLine) Field(name string) (string, bool) {
	r := l.s.rows[l.row]
	seg := &l.s.session().Segments[r.segment]
	switch name {
	case search.Result:
		if seg.FailureInfo.Failed() {
			return search.Failed, true
		}
		return search.OK, true
	case search.Quality:
		return l.s.cell(l.row, segmentVerdictColumn), true
	case search.User:
		v := strings.TrimSpace(endpointUserText(seg.Caller) + " " + endpointUserText(seg.Callee))
		return v, v != ""
	case search.Type:
		if r.media >= 0 {
			v := seg.Media[r.media].Label
			return v, v != ""
		}
		labels := make([]string, 0, len(seg.Media))
		for i := range seg.Media {
			labels = append(labels, seg.Media[i].Label)
		}
		v := strings.Join(labels, " ")
		return v, strings.TrimSpace(v) != ""
	}
	return "", false
}

// Text is every cell of the line, two spaces apart.
func (l segmentLine) Text() string {
	cells := make([]string, len(segmentColumns))
	for col := range cells {
		cells[col] = l.s.cell(l.row, col)
	}
	return strings.Join(cells, "  ")
}

// segmentLine is what the query matches; the compiler holds it to search.Row.
var _ search.Row = segmentLine{}

// searchSource gives the table's search the session's lines. The record
// and the lines never change under the screen, so the predicate may read
// them from any goroutine.
func (s *sessionScreen) searchSource(q search.Query) (int, func(int) bool, error) {
	if err := q.Check(segmentsWhat, segmentFields); err != nil {
		return 0, nil, err
	}
	return len(s.rows), func(pos int) bool { return q.Matches(segmentLine{s: s, row: pos}) }, nil
}

// searchKey gives a key to the search first (not over the raw JSON or
// the whole detail, which take their own keys).
func (s *sessionScreen) searchKey(msg tea.KeyMsg) (bool, tea.Cmd) {
	if s.raw != nil || s.full != nil || len(s.rows) == 0 {
		return false, nil
	}
	handled, cmd := s.tbl.SearchKey(msg, s.searchSource)
	if handled {
		s.layout()
	}
	return handled, cmd
}

// searchWords are the header's words for a search; "" when there is none.
func (s *sessionScreen) searchWords() string {
	return s.tbl.Search().HeaderWords(s.c.Keys.Search.Help().Key)
}
