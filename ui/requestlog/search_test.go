package requestlog

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/callscope/callscope/graphclient"
	"github.com/callscope/callscope/ui/common"
	"github.com/callscope/callscope/ui/table"
	"github.com/callscope/callscope/ui/uitest"
	tea "github.com/charmbracelet/bubbletea"
)

// searchEvents is a log of six entries: 0 GET 200, 1 GET 429, 2 the wait
// after it, 3 the retry's 200, 4 a POST 201, 5 a GET that got no response.
func searchEvents() *common.Events {
	ev := common.NewEvents()
	at := func(s int) time.Time { return uitest.T0.Add(time.Duration(s) * time.Second) }
	ev.Now = func() time.Time { return at(2) }
	ev.RequestDone(graphclient.RequestEvent{Start: at(0), Method: "GET", Path: "/v1.0/communications/callRecords", Status: 200, Attempt: 1, RequestID: "req-a"})
	ev.RequestDone(graphclient.RequestEvent{Start: at(1), Method: "GET", Path: "/v1.0/communications/callRecords/getPstnCalls(fromDateTime=x)", Status: 429, Attempt: 1, RequestID: "req-b"})
	ev.Retrying(graphclient.RetryEvent{Method: "GET", Status: 429, Wait: 2 * time.Second, Attempt: 1, Path: "/v1.0/communications/callRecords/getPstnCalls(fromDateTime=x)", RequestID: "req-b"})
	ev.RequestDone(graphclient.RequestEvent{Start: at(4), Method: "GET", Path: "/v1.0/communications/callRecords/getPstnCalls(fromDateTime=x)", Status: 200, Attempt: 2, RequestID: "req-c"})
	ev.RequestDone(graphclient.RequestEvent{Start: at(5), Method: "POST", Path: "/v1.0/$batch", Status: 201, Attempt: 1, RequestID: "req-d"})
	ev.RequestDone(graphclient.RequestEvent{Start: at(6), Method: "GET", Path: "/v1.0/users", Attempt: 1, Err: "dial tcp: connection refused"})
	return ev
}

// logPress sends keys to the log, settling what each starts.
func logPress(t *testing.T, s *Screen, keys ...tea.KeyMsg) {
	t.Helper()
	uitest.Press(t, s, keys...)
}

// logMatches are the positions the log's search matches.
func logMatches(s *Screen) []int {
	var out []int
	for pos := range s.tbl.Len() {
		if s.tbl.Search().IsMatch(pos) {
			out = append(out, pos)
		}
	}
	return out
}

// paste types text into the search line at once.
func paste(text string) tea.KeyMsg {
	return tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(text), Paste: true}
}

func TestRequestLogSearchTypesJumpsAndClears(t *testing.T) {
	ev := searchEvents()
	_, s := logOver(ev)
	if !uitest.Offers(s.ShortHelp(), uitest.KeyRune('/')) {
		t.Fatal("the help does not offer /")
	}
	s.Update(uitest.KeyHome) // stop following, from the top
	logPress(t, s, uitest.KeyRune('/'))
	if !s.Capturing() || !uitest.Offers(s.ShortHelp(), uitest.KeyEnter) {
		t.Fatal("the search line does not capture the keyboard")
	}
	logPress(t, s, uitest.TypeText("result:failed")...)
	if s.tbl.Cursor() != 1 || s.follow {
		t.Fatalf("cursor %d (following %v), want the first failed try at 1", s.tbl.Cursor(), s.follow)
	}
	if got := s.Status().Filter; got != "/result:failed: 3 of 6 loaded match" {
		t.Fatalf("header words %q", got)
	}
	uitest.ViewHas(t, s.View(), "/result:failed", "3 of 6 loaded match", table.MatchMark+"15:00:02.000  WAIT")
	logPress(t, s, uitest.KeyEnter)
	if s.Capturing() || !s.ClaimsBack() {
		t.Fatal("a kept search must free the keyboard and claim esc")
	}
	for _, k := range []tea.KeyMsg{uitest.KeyRune('n'), uitest.KeyRune('N'), uitest.KeyEsc} {
		if !uitest.Offers(s.ShortHelp(), k) {
			t.Fatalf("the help of a kept search does not offer %s", k)
		}
	}
	logPress(t, s, uitest.KeyRune('n'), uitest.KeyRune('n'))
	if s.tbl.Cursor() != 5 {
		t.Fatalf("n twice: cursor %d, want 5", s.tbl.Cursor())
	}
	logPress(t, s, uitest.KeyRune('n'))
	if s.tbl.Cursor() != 1 {
		t.Fatalf("n wraps to the first match: cursor %d, want 1", s.tbl.Cursor())
	}
	logPress(t, s, uitest.KeyRune('N'))
	if s.tbl.Cursor() != 5 {
		t.Fatalf("N wraps to the last match: cursor %d, want 5", s.tbl.Cursor())
	}
	// A new request is matched as it comes.
	ev.RequestDone(graphclient.RequestEvent{Method: "GET", Path: "/v1.0/x", Status: 503, Attempt: 1})
	s.Update(common.RequestLogChangedMsg{})
	if got := logMatches(s); !slices.Equal(got, []int{1, 2, 5, 6}) {
		t.Fatalf("after a new 503 the search matches %v", got)
	}
	logPress(t, s, uitest.KeyEsc)
	if s.tbl.Search().Active() || s.ClaimsBack() || s.Status().Filter != "" {
		t.Fatalf("esc did not clear the search: %q", s.Status().Filter)
	}
}

func TestRequestLogSearchFieldsAndWords(t *testing.T) {
	for _, tc := range []struct {
		query string
		want  []int
	}{
		{"429", []int{1, 2}},                      // the status as a word
		{"type:post", []int{4}},                   // the method
		{"type:wait", []int{2}},                   // a throttle wait
		{"getPstnCalls !result:failed", []int{3}}, // a path word and a negation
		{"result:ok", []int{0, 3, 4}},             // answered below 400
		{"refused", []int{5}},                     // the error of a try with no response
		{"req-d", []int{4}},                       // the request-id
		{"\"/v1.0/$batch\"", []int{4}},            // a phrase of the path
		{"status:429", []int{1, 2}},               // the 429 and the wait it caused
		{"status:2xx", []int{0, 3, 4}},            // a class
	} {
		_, s := logOver(searchEvents())
		logPress(t, s, uitest.KeyRune('/'), paste(tc.query))
		if err := s.tbl.Search().Err(); err != nil {
			t.Fatalf("%s: %v", tc.query, err)
		}
		if got := logMatches(s); !slices.Equal(got, tc.want) {
			t.Errorf("%s matches %v, want %v", tc.query, got, tc.want)
		}
	}
	_, s := logOver(searchEvents())
	logPress(t, s, uitest.KeyRune('/'), paste("user:anette"))
	err := s.tbl.Search().Err()
	if err == nil || !strings.Contains(err.Error(), "request rows have no user (fields: type, result, status)") {
		t.Fatalf("err = %v", err)
	}
	uitest.ViewHas(t, s.View(), "request rows have no user")
}

// Under --redact the search reads what the log shows: a masked person is
// not found by name.
func TestRequestLogSearchFindsNoMaskedPerson(t *testing.T) {
	ev := common.NewEvents()
	ev.RequestDone(graphclient.RequestEvent{Method: "GET", Status: 404, Attempt: 1, Path: "/v1.0/users/anette.thomsen%40contoso.com"})
	c := uitest.Common(uitest.T0)
	c.Events, c.Redact = ev, true
	s := New(c)
	s.Update(common.BodySizeMsg{Width: 140, Height: 10})
	logPress(t, s, uitest.KeyRune('/'), paste("anette"))
	if n := s.tbl.Search().Count(); n != 0 {
		t.Fatalf("anette matched %d masked rows", n)
	}
	logPress(t, s, uitest.KeyEsc, uitest.KeyRune('/'), paste("contoso.com"))
	if n := s.tbl.Search().Count(); n != 1 {
		t.Fatalf("contoso.com matched %d rows, want the masked one", n)
	}
}

func TestRequestLogSearchLineTakesALine(t *testing.T) {
	_, s := logOver(logEvents(30)) // 120x12: a header and 11 rows
	rows := strings.Count(s.View(), "\n") + 1
	logPress(t, s, uitest.KeyRune('/'))
	if got := strings.Count(s.View(), "\n") + 1; got != rows {
		t.Fatalf("with the search line the view is %d lines, want %d", got, rows)
	}
	if !strings.HasPrefix(lastLine(s.View()), "/") {
		t.Fatalf("the search line is not last:\n%s", s.View())
	}
	logPress(t, s, uitest.KeyEsc)
	if s.Capturing() || strings.HasPrefix(lastLine(s.View()), "/") {
		t.Fatal("esc left the search line open")
	}
}

func lastLine(v string) string { return v[strings.LastIndexByte(v, '\n')+1:] }

// Past AsyncRows the search runs off the loop over a copy: new requests
// arriving meanwhile (the ring then moves every position) change nothing
// it reads, and its matches land by the job's id.
func TestRequestLogSearchOffTheLoop(t *testing.T) {
	ev := searchEvents()
	_, s := logOver(ev)
	s.tbl.Search().AsyncRows = 0
	s.Update(uitest.KeyRune('/'))
	_, cmd := s.Update(paste("result:failed"))
	if cmd == nil || !s.tbl.Search().Busy() {
		t.Fatal("a search past AsyncRows did not go off the loop")
	}
	ev.RequestDone(graphclient.RequestEvent{Method: "GET", Path: "/v1.0/late", Status: 500, Attempt: 1})
	s.rows.At(1).Status = 200 // the copy must not see it
	var done []tea.Msg
	for _, m := range uitest.Messages(cmd) {
		if _, ok := m.(table.SearchDoneMsg); ok {
			done = append(done, m)
		}
	}
	if len(done) != 1 {
		t.Fatalf("the job brought %v", done)
	}
	s.Update(done[0])
	if s.tbl.Search().Busy() || !slices.Equal(logMatches(s), []int{1, 2, 5}) {
		t.Fatalf("busy %v, matches %v; want the copy's 1, 2, 5", s.tbl.Search().Busy(), logMatches(s))
	}
}
