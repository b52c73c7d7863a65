package uitest

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/callscope/callscope/graphclient"
	"github.com/callscope/callscope/ui/common"
)

// PagedServer serves fixed pages the way Graph pages a collection: page 0
// at whatever URL the client builds, page i at ?page=i of the same path.
// The last page's nextLink is loop: "" for none, "self" (its own URL),
// "first" (the URL the first page was asked at) or "page=1" (a cycle back
// to page 1, which only the caller's set of links catches). Pages from
// Silence(i) on never answer: the handler waits until the client gives up
// or the test ends. Requests whose path the list's Paged refuses get its
// Record.
type PagedServer struct {
	srv    *httptest.Server
	client *graphclient.Client
	pages  [][]any
	loop   string
	paged  func(path string) bool
	record any

	mu         sync.Mutex
	silentFrom int
	first      string
	hits       []string
	// Arrived gets each request for a silent page, once it waits.
	Arrived chan string
	release chan struct{}
}

func newPagedServer(t *testing.T, pages [][]any, loop string) *PagedServer {
	ps := &PagedServer{pages: pages, loop: loop, silentFrom: -1, paged: func(string) bool { return true },
		Arrived: make(chan string, 16), release: make(chan struct{})}
	// No answer timeout to speak of: a silent page ends only when the
	// screen cancels it (or at the command's own bound, which a test
	// then reports as a deadline, not a cancel).
	ps.client, ps.srv = Serve(t, ps, graphclient.Options{MaxRetries: -1, ResponseHeaderTimeout: time.Hour})
	t.Cleanup(func() { close(ps.release) }) // runs first: silent handlers end
	return ps
}

// ServeHTTP answers a page, the record, or nothing for a silent page.
func (ps *PagedServer) ServeHTTP(w http.ResponseWriter, r *http.Request) {
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
		ps.Arrived <- r.URL.RequestURI()
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

// Silence makes pages from i on wait forever (-1: none).
func (ps *PagedServer) Silence(i int) {
	ps.mu.Lock()
	ps.silentFrom = i
	ps.mu.Unlock()
}

// Requests is every paged request so far, and forgets them.
func (ps *PagedServer) Requests() []string {
	ps.mu.Lock()
	defer ps.mu.Unlock()
	h := ps.hits
	ps.hits, ps.first = nil, ""
	return h
}

// Common is a Common at now over the server, with a record cache and a
// clipboard that takes anything.
func (ps *PagedServer) Common(now time.Time) *common.Common {
	c := Common(now)
	c.Client, c.Records = ps.client, common.NewRecordCache(4)
	c.Copy = func(string) error { return nil }
	return c
}

// Serve starts a server with pages of size rows of l's kind, numbered on
// from 0.
func (l PagedList) Serve(t *testing.T, pages, size int, loop string) *PagedServer {
	var data [][]any
	for p := range pages {
		var page []any
		for i := range size {
			page = append(page, l.Row(p*size+i))
		}
		data = append(data, page)
	}
	ps := newPagedServer(t, data, loop)
	if l.Paged != nil {
		ps.paged, ps.record = l.Paged, l.Record
	}
	return ps
}

// WantEachOnce fails unless ids are ID(0) … ID(n-1), in order.
func WantEachOnce(t *testing.T, ids []string, n int) {
	t.Helper()
	if len(ids) != n {
		t.Fatalf("%d rows, want %d (each row once)", len(ids), n)
	}
	for i, id := range ids {
		if id != ID(i) {
			t.Fatalf("row %d is %s, want %s", i, id, ID(i))
		}
	}
}

// ErrorWords is the text of a Status error, "" for none.
func ErrorWords(st common.Status) string {
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
