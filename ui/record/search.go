package record

import (
	"strings"
	"time"

	"github.com/callscope/callscope/model"
	"github.com/callscope/callscope/model/quality"
	"github.com/callscope/callscope/model/search"
	"github.com/callscope/callscope/ui/common"
	tea "github.com/charmbracelet/bubbletea"
)

// The record's `/` is ui/table's search over its sessions: a query
// matches a session's fields (sessionFields) and, for words, the text of
// every cell as the table shows it (a failed session as FAILED).

// sessionFields are the field terms a session answers: result:failed,
// type: (its modalities and its endpoints' kinds), user: (either end's
// names and UPNs), quality: (its verdict, as the Quality column says).
var sessionFields = []string{search.User, search.Type, search.Result, search.Quality}

// sessionsWhat names the rows in a refusal: "sip: session rows have no sip".
const sessionsWhat = "session"

// sessionRow is one session as the search sees it.
type sessionRow struct {
	ss    *model.Session
	n     int // its position, 0 first
	loc   *time.Location
	dated bool
}

// Field is the session's value of a field term.
func (r sessionRow) Field(name string) (string, bool) {
	switch name {
	case search.Result:
		if quality.SessionFailure(r.ss) != nil {
			return search.Failed, true
		}
		return search.OK, true
	case search.Quality:
		return string(quality.ClassifySession(r.ss).Verdict), true
	case search.User:
		v := strings.TrimSpace(endpointUserText(r.ss.Caller) + " " + endpointUserText(r.ss.Callee))
		return v, v != ""
	case search.Type:
		v := sessionTypeText(r.ss)
		return v, v != ""
	}
	return "", false
}

// Text is every cell of the row, two spaces apart.
func (r sessionRow) Text() string {
	cells := make([]string, len(sessionColumns))
	for col := range cells {
		cells[col] = sessionCellOf(r.ss, r.n, col, r.loc, r.dated)
	}
	return strings.Join(cells, "  ")
}

// endpointUserText is what user: looks in for one end: the names and
// UPNs of its associated identity and of its (deprecated) identity set,
// and what the table shows for it.
func endpointUserText(e *model.Endpoint) string {
	if e == nil {
		return ""
	}
	parts := []string{e.Text()}
	for _, id := range []*model.Identity{e.AssociatedIdentity, identityUser(e.Identity)} {
		if id != nil {
			parts = append(parts, id.DisplayName, id.UserPrincipalName)
		}
	}
	return strings.Join(parts, " ")
}

// identityUser is the user of an identity set, nil without one.
func identityUser(set *model.IdentitySet) *model.Identity {
	if set == nil {
		return nil
	}
	return set.User
}

// sessionTypeText is what type: looks in for a session: its modalities
// and, for each end, its kind as Graph names it (the endpoint and user
// agent @odata.type, a service's role, the identity set's endpointType).
// A session has no call type of its own; the record's is in its summary.
func sessionTypeText(ss *model.Session) string {
	parts := append([]string(nil), ss.Modalities...)
	for _, e := range []*model.Endpoint{ss.Caller, ss.Callee} {
		if e == nil {
			continue
		}
		parts = append(parts, odataName(e.ODataType))
		if ua := e.UserAgent; ua != nil {
			parts = append(parts, odataName(ua.ODataType), ua.Role)
		}
		if e.Identity != nil {
			parts = append(parts, e.Identity.EndpointType)
		}
	}
	return strings.Join(strings.Fields(strings.Join(parts, " ")), " ")
}

// odataName is an @odata.type without its namespace:
// "#microsoft.graph.callRecords.serviceEndpoint" is "serviceEndpoint".
func odataName(t string) string {
	return t[strings.LastIndexByte(t, '.')+1:]
}

// searchSource gives the table's search the sessions shown: the record's
// sessions in order. A reload replaces the record rather than changing
// it, so the predicate reads a snapshot.
func (s *Screen) searchSource(q search.Query) (int, func(int) bool, error) {
	if err := q.Check(sessionsWhat, sessionFields); err != nil {
		return 0, nil, err
	}
	if s.record == nil {
		return 0, func(int) bool { return false }, nil
	}
	sessions, loc, dated := s.record.Sessions, s.c.Loc(), s.datedStarts
	return len(sessions), func(pos int) bool {
		return q.Matches(sessionRow{ss: &sessions[pos], n: pos, loc: loc, dated: dated})
	}, nil
}

// searchKey gives a key to the search first: while its line is open every
// key is its own, and a kept search's esc clears it before the screen
// closes. The layout follows the line opening, closing and the cursor.
func (s *Screen) searchKey(msg tea.KeyMsg) (bool, tea.Cmd) {
	if s.record == nil || s.raw != nil {
		return false, nil
	}
	handled, cmd := s.tbl.SearchKey(msg, s.searchSource)
	if handled {
		s.layout()
	}
	return handled, cmd
}

// searchWords are the header's words for a search: "/anette: 1 of 2
// loaded matches"; "" when there is none.
func (s *Screen) searchWords() string {
	return s.tbl.Search().HeaderWords(s.c.Keys.Search.Help().Key)
}

// searchLine is the search line under the sessions while it is typed.
func (s *Screen) searchLine() string {
	return s.tbl.Search().LineBelow(s.width)
}

// sessionRow is what the query matches; the compiler holds it to search.Row.
var _ search.Row = sessionRow{}

// formatStartOf is a session's START cell: a time of day, or the date too
// when the record's sessions cross midnight (or the time is missing).
func formatStartOf(ss *model.Session, loc *time.Location, dated bool) string {
	if dated || ss.StartDateTime.IsZero() {
		return common.FormatStart(ss.StartDateTime.Time, loc)
	}
	return ss.StartDateTime.In(loc).Format(time.TimeOnly)
}
