package ui

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/callscope/callscope/graphclient"
	"github.com/callscope/callscope/model"
	tea "github.com/charmbracelet/bubbletea"
)

// pagedServer serves fixed pages the way Graph pages a collection: page 0
// at whatever URL the client builds, page i at ?page=i of the same path.
// The last page's nextLink is loop: "" for none, "self" (its own URL),
// "first" (the URL the first page was asked at) or "page=1" (a cycle back
// to page 1, which only the caller's set of links catches). Pages from
// silentFrom on never answer: the handler waits until the client gives up
// or the test ends. Requests whose path paged() refuses get record.
type pagedServer struct {
	srv    *httptest.Server
	pages  [][]any
	loop   string
	paged  func(path string) bool
	record any

	mu         sync.Mutex
	silentFrom int
	first      string
	hits       []string
	arrived    chan string // each request for a silent page
	release    chan struct{}
}

func newPagedServer(t *testing.T, pages [][]any, loop string) *pagedServer {
	ps := &pagedServer{pages: pages, loop: loop, silentFrom: -1, paged: func(string) bool { return true },
		arrived: make(chan string, 16), release: make(chan struct{})}
	ps.srv = httptest.NewServer(ps)
	t.Cleanup(ps.srv.Close)
	t.Cleanup(func() { close(ps.release) }) // runs first: silent handlers end
	return ps
}

func (ps *pagedServer) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "application/json")
	if !ps.paged(r.URL.Path) {
		json.NewEncoder(w).Encode(ps.record)
		return
	}
	i, _ := strconv.Atoi(r.URL.Query().Get("page"))
	here := ps.srv.URL + r.URL.RequestURI()
	ps.mu.Lock()
	ps.hits = append(ps.hits, r.URL.RequestURI())
	if ps.first == "" {
		ps.first = here
	}
	first, silent := ps.first, ps.silentFrom >= 0 && i >= ps.silentFrom
	ps.mu.Unlock()
	if silent {
		ps.arrived <- r.URL.RequestURI()
		select {
		case <-r.Context().Done():
		case <-ps.release:
		}
		return
	}
	page := map[string]any{"value": ps.pages[i]}
	switch {
	case i+1 < len(ps.pages):
		page["@odata.nextLink"] = ps.srv.URL + r.URL.EscapedPath() + "?page=" + strconv.Itoa(i+1)
	case ps.loop == "self":
		page["@odata.nextLink"] = here
	case ps.loop == "first":
		page["@odata.nextLink"] = first
	case ps.loop == "page=1":
		page["@odata.nextLink"] = ps.srv.URL + r.URL.EscapedPath() + "?page=1"
	}
	json.NewEncoder(w).Encode(page)
}

// silence makes pages from i on wait forever (-1: none).
func (ps *pagedServer) silence(i int) {
	ps.mu.Lock()
	ps.silentFrom = i
	ps.mu.Unlock()
}

// requests is every paged request so far, and forgets them.
func (ps *pagedServer) requests() []string {
	ps.mu.Lock()
	defer ps.mu.Unlock()
	h := ps.hits
	ps.hits, ps.first = nil, ""
	return h
}

func (ps *pagedServer) common(t *testing.T, now time.Time) *Common {
	// No answer timeout to speak of: a silent page ends only when the
	// screen cancels it (or at the command's own bound, which a test
	// then reports as a deadline, not a cancel).
	client, err := graphclient.New(graphclient.Options{ServiceRoot: ps.srv.URL + "/v1.0", MaxRetries: -1,
		ResponseHeaderTimeout: time.Hour})
	if err != nil {
		t.Fatal(err)
	}
	c := testCommon(now)
	c.Client, c.Records = client, NewRecordCache(4)
	c.Copy = func(string) error { return nil }
	return c
}

// pagedList is one paged screen under test: how to make it, its rows'
// ids in order, and rows of its kind for the server.
type pagedList struct {
	name string
	row  func(i int) any
	// paged picks the requests that are the list's pages (the record
	// screen also asks for its record).
	paged  func(path string) bool
	open   func(c *Common) screen
	ids    func(s screen) []string
	noun   string
	record any
	// pending is the id of the list's request in flight; page makes an
	// answer to reqID of 4 rows numbered from from.
	pending func(s screen) uint64
	page    func(reqID uint64, from int) tea.Msg
}

var pagedRecordID = testID(7)

// logList is the Direct Routing or PSTN list of threeDays as a pagedList;
// every row starts i minutes into the range.
func logList(k logKind) pagedList {
	from, to := threeDays()
	row := func(i int) logPageMsg {
		start := model.NewTime(from.Add(time.Duration(i) * time.Minute))
		if k == logPstn {
			return logPageMsg{pstn: &model.Page[model.PstnRow]{Value: []model.PstnRow{{ID: testID(i), StartDateTime: start}}}}
		}
		return logPageMsg{dr: &model.Page[model.DirectRoutingRow]{Value: []model.DirectRoutingRow{{ID: testID(i), StartDateTime: start}}}}
	}
	l := pagedList{name: "direct routing", noun: "Direct Routing calls"}
	if k == logPstn {
		l.name, l.noun = "pstn", "PSTN calls"
	}
	l.row = func(i int) any {
		if m := row(i); m.pstn != nil {
			return m.pstn.Value[0]
		}
		return row(i).dr.Value[0]
	}
	l.page = func(reqID uint64, n int) tea.Msg {
		m := row(n)
		for i := n + 1; i < n+4; i++ {
			if r := row(i); r.pstn != nil {
				m.pstn.Value = append(m.pstn.Value, r.pstn.Value...)
			} else {
				m.dr.Value = append(m.dr.Value, r.dr.Value...)
			}
		}
		m.reqID = reqID
		return m
	}
	l.open = func(c *Common) screen {
		s := newLogScreen(c, k, from, to)
		s.Update(bodySizeMsg{Width: 120, Height: 25})
		return s
	}
	l.ids = func(s screen) []string {
		ls := s.(*logScreen)
		ids := make([]string, ls.feed.Len())
		for i := range ids {
			ids[i] = ls.rowID(int32(i))
		}
		return ids
	}
	l.pending = func(s screen) uint64 { return s.(*logScreen).feed.pending }
	return l
}

func pagedLists() []pagedList {
	return []pagedList{
		{name: "calls", noun: "call records",
			row: func(i int) any { return makeRecords(i, 1)[0] },
			open: func(c *Common) screen {
				s := newCallsScreen(c, CallFilter{})
				s.Update(bodySizeMsg{Width: 120, Height: 21})
				return s
			},
			ids: func(s screen) []string {
				cs := s.(*callsScreen)
				ids := make([]string, cs.rows.Len())
				for i := range ids {
					ids[i] = cs.rows.ID(i)
				}
				return ids
			},
			pending: func(s screen) uint64 { return s.(*callsScreen).pending },
			page: func(reqID uint64, from int) tea.Msg {
				return callsPageMsg{reqID: reqID, page: &model.Page[model.CallRecord]{Value: makeRecords(from, 4)}}
			}},
		logList(logDirect), logList(logPstn),
		{name: "participants", noun: "participants",
			row:    func(i int) any { return model.Participant{ID: testID(i)} },
			paged:  func(path string) bool { return strings.HasSuffix(path, "/participants_v2") },
			record: model.CallRecord{ID: pagedRecordID, Version: 1},
			open: func(c *Common) screen {
				s := newRecordScreen(c, pagedRecordID)
				s.Update(bodySizeMsg{Width: 120, Height: 37})
				return s
			},
			ids: func(s screen) []string {
				rs := s.(*recordScreen)
				ids := make([]string, len(rs.parts))
				for i := range rs.parts {
					ids[i] = rs.parts[i].ID
				}
				return ids
			}},
	}
}

// serve starts a server with pages of size rows of l's kind, numbered on
// from 0.
func (l pagedList) serve(t *testing.T, pages, size int, loop string) *pagedServer {
	var data [][]any
	for p := range pages {
		var page []any
		for i := range size {
			page = append(page, l.row(p*size+i))
		}
		data = append(data, page)
	}
	ps := newPagedServer(t, data, loop)
	if l.paged != nil {
		ps.paged, ps.record = l.paged, l.record
	}
	return ps
}

// wantEachOnce fails unless ids are id 0 … n-1 of the server's rows, in order.
func wantEachOnce(t *testing.T, ids []string, n int) {
	t.Helper()
	if len(ids) != n {
		t.Fatalf("%d rows, want %d (each row once)", len(ids), n)
	}
	for i, id := range ids {
		if id != testID(i) {
			t.Fatalf("row %d is %s, want %s", i, id, testID(i))
		}
	}
}

// statusOf is a screen's Status.
func statusOf(s screen) Status {
	return s.(interface{ Status() Status }).Status()
}

// errWords is the text of a Status error, "" for none.
func errWords(st Status) string {
	if st.Err == nil {
		return ""
	}
	return st.Err.Error()
}

// sprintIDs is ids short enough for a failure message.
func sprintIDs(ids []string) string {
	if len(ids) > 6 {
		return fmt.Sprintf("%q … (%d)", ids[:6], len(ids))
	}
	return fmt.Sprintf("%q", ids)
}
