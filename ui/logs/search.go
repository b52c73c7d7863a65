package logs

import (
	"strconv"
	"time"

	"github.com/callscope/callscope/model"
	"github.com/callscope/callscope/model/search"
	"github.com/callscope/callscope/ui/rowstore"
	tea "github.com/charmbracelet/bubbletea"
)

// The list's `/` is ui/table's search; this file gives it the rows. A
// query matches a row's fields (drFields, pstnFields) and, for words, the
// text of every cell as the list shows it (the failed result as FAILED).

// drFields and pstnFields are the field terms each report's rows answer.
var (
	drFields   = []string{search.Sip, search.Sub, search.Trunk, search.User, search.Number, search.Type, search.Result}
	pstnFields = []string{search.User, search.Number, search.Type}
)

// failedWord is the result cell of a failed row in a row's search text.
const failedWord = "FAILED"

func (*directRouting) searchFields() []string { return drFields }
func (*pstn) searchFields() []string          { return pstnFields }

// searchField is row i's value of a field term (drFields).
func (r *directRouting) searchField(i int32, name string, loc *time.Location) (string, bool) {
	p := r.Rows.At(i)
	switch name {
	case search.Sip:
		return strconv.Itoa(int(p.SIPCode)), p.Missing&model.LogFinalSIPCode == 0
	case search.Sub:
		return strconv.Itoa(int(p.Subcode)), p.Missing&model.LogCallEndSubReason == 0
	case search.Trunk:
		v := r.Strings.Str(p.Trunk)
		return v, v != ""
	case search.User:
		return userSearchText(r.Users.User(p.User))
	case search.Number:
		return r.Numbers.Str(p.Caller) + "," + r.Numbers.Str(p.Callee), true
	case search.Type:
		v := r.Cell(i, rowstore.DRColType, loc, failedWord)
		return v, v != ""
	case search.Result:
		if p.Missing&model.LogSuccessfulCall != 0 {
			return "", false
		}
		if p.Flags&rowstore.DRSuccess != 0 {
			return search.OK, true
		}
		return search.Failed, true
	}
	return "", false
}

// searchField is row i's value of a field term (pstnFields).
func (r *pstn) searchField(i int32, name string, loc *time.Location) (string, bool) {
	p := r.Rows.At(i)
	switch name {
	case search.User:
		return userSearchText(r.Users.User(p.User))
	case search.Number:
		return r.Numbers.Str(p.Caller) + "," + r.Numbers.Str(p.Callee), true
	case search.Type:
		v := r.Cell(i, rowstore.PstnColType, loc)
		return v, v != ""
	}
	return "", false
}

// userSearchText is what user: looks in: the UPN and the display name.
func userSearchText(u rowstore.DRUser) (string, bool) {
	if u.UPN == "" && u.Name == "" {
		return "", false
	}
	return u.UPN + " " + u.Name, true
}

// logRow is a search.Row over one row of a report snapshot; at moves it,
// and the row's text is built once per row, into a buffer it reuses.
type logRow struct {
	rep    searchable
	i      int32
	ncols  int
	loc    *time.Location
	buf    []byte
	text   string
	textOf int32 // the row text is of; -1 none
}

// searchable is what a report gives the search.
type searchable interface {
	report
	searchFields() []string
	searchField(i int32, name string, loc *time.Location) (string, bool)
}

func newLogRow(rep report, loc *time.Location) *logRow {
	return &logRow{rep: rep.(searchable), ncols: len(rep.columns()), loc: loc, textOf: -1}
}

func (r *logRow) at(i int32) { r.i = i }

// Field is the row's value of a field term.
func (r *logRow) Field(name string) (string, bool) { return r.rep.searchField(r.i, name, r.loc) }

// Text is every cell of the row, two spaces apart.
func (r *logRow) Text() string {
	if r.textOf == r.i {
		return r.text
	}
	r.buf = r.buf[:0]
	for col := range r.ncols {
		if col > 0 {
			r.buf = append(r.buf, "  "...)
		}
		r.buf = append(r.buf, r.rep.cell(r.i, col, r.loc, failedWord)...)
	}
	r.text, r.textOf = string(r.buf), r.i
	return r.text
}

// ContainsText looks for a word cell by cell, stopping at the first that
// has it: no row text is built (search.TextSearcher).
func (r *logRow) ContainsText(lower string) bool {
	for col := range r.ncols {
		if search.ContainsFold(r.rep.cell(r.i, col, r.loc, failedWord), lower) {
			return true
		}
	}
	return false
}

// searchSource gives the table's search the rows the list shows now: a
// snapshot of the store and of the view, which later pages never change,
// so that a search over many rows may run off the loop.
func (s *List) searchSource(q search.Query) (int, func(int) bool, error) {
	rep := s.feed.rep.(searchable)
	if err := q.Check(rep.name(), rep.searchFields()); err != nil {
		return 0, nil, err
	}
	n := s.tbl.Len()
	view, identity := s.view.Clone(), s.identity
	row := newLogRow(rep.snapshot(), s.c.Loc())
	return n, func(pos int) bool {
		i := int32(pos)
		if !identity {
			i = view.At(pos)
		}
		row.at(i)
		return q.Matches(row)
	}, nil
}

// searchAgain re-matches a kept search after the rows shown changed, and
// batches that with cmd.
func (s *List) searchAgain(cmd tea.Cmd) tea.Cmd {
	return tea.Batch(cmd, s.tbl.SearchAgain(s.searchSource))
}
