package table

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/callscope/callscope/graphclient"
	"github.com/callscope/callscope/model"
	"github.com/callscope/callscope/ui/common"
	"github.com/callscope/callscope/ui/uitest"
)

// pagerStep is one event in a pager's life: a request for where paging
// stands and its answer (rows, nextLink, err), a second answer to the last
// request, a request stopped by esc, or a reset.
type pagerStep struct {
	rows    []string
	next    string
	err     error
	noPage  bool // the answer has no page
	stale   bool // no new request: the answer carries the last one's id
	stop    bool // esc instead of an answer
	reset   bool
	resetTo string
}

// pagerWant is the state after the last step.
type pagerWant struct {
	rows     []string // rows taken since the last reset, in order
	next     string
	more     bool
	complete bool
	ended    string // the ended message, "" for none
	err      error
	stopped  bool
	resume   string
}

func TestPagerRules(t *testing.T) {
	boom := errors.New("boom")
	repeated := fmt.Errorf("list call records: %w (x)", graphclient.ErrRepeatedLink)
	cases := []struct {
		name     string
		first    string // reset's first URL
		maxPages int
		steps    []pagerStep
		want     pagerWant
	}{
		{name: "pages to the end",
			steps: []pagerStep{{rows: []string{"a", "b"}, next: "L1"}, {rows: []string{"c"}}},
			want:  pagerWant{rows: []string{"a", "b", "c"}, complete: true}},
		{name: "a page with no rows and a link is not the end",
			steps: []pagerStep{{next: "L1"}},
			want:  pagerWant{next: "L1", more: true, resume: "L1"}},
		{name: "a link to the first page, whose URL is known, stops at once",
			first: "U1",
			steps: []pagerStep{{rows: []string{"a", "b"}, next: "U1"}},
			want:  pagerWant{rows: []string{"a", "b"}, ended: "Graph sent the same page link twice; stopped after 2 rows"}},
		{name: "a link to the first page, URL unknown, adds no row twice",
			steps: []pagerStep{{rows: []string{"a", "b"}, next: "U1"}, {rows: []string{"a", "b"}, next: "U1"}},
			want:  pagerWant{rows: []string{"a", "b"}, ended: "Graph sent the same page link twice; stopped after 2 rows"}},
		{name: "a longer cycle stops where it closes",
			steps: []pagerStep{{rows: []string{"a"}, next: "L1"}, {rows: []string{"b"}, next: "L2"}, {rows: []string{"c"}, next: "L1"}},
			want:  pagerWant{rows: []string{"a", "b", "c"}, ended: "Graph sent the same page link twice; stopped after 3 rows"}},
		{name: "the client's word on a loop keeps the page's new rows",
			steps: []pagerStep{{rows: []string{"a"}, next: "L1"}, {rows: []string{"b", "a"}, err: repeated}},
			want:  pagerWant{rows: []string{"a", "b"}, ended: "Graph sent the same page link twice; stopped after 2 rows"}},
		{name: "a link the client refused as a loop ends paging",
			steps: []pagerStep{{rows: []string{"a"}, next: "L1"}, {err: repeated, noPage: true}},
			want:  pagerWant{rows: []string{"a"}, ended: "Graph sent the same page link twice; stopped after 1 row"}},
		{name: "the page cap",
			maxPages: 2,
			steps:    []pagerStep{{rows: []string{"a"}, next: "L1"}, {rows: []string{"b"}, next: "L2"}},
			want:     pagerWant{rows: []string{"a", "b"}, ended: "Graph sent 2 pages without a last one; stopped after 2 rows"}},
		{name: "rows repeated across pages are taken once",
			steps: []pagerStep{{rows: []string{"a", "b"}, next: "L1"}, {rows: []string{"b", "c", "c", ""}, next: "L2"}, {rows: []string{"", "a", "d"}}},
			want:  pagerWant{rows: []string{"a", "b", "c", "", "", "d"}, complete: true}},
		{name: "a failed page keeps the rows and is asked for again",
			steps: []pagerStep{{rows: []string{"a"}, next: "L1"}, {err: boom, noPage: true}},
			want:  pagerWant{rows: []string{"a"}, next: "L1", more: true, err: boom, resume: "L1"}},
		{name: "the retry takes the page",
			steps: []pagerStep{{rows: []string{"a"}, next: "L1"}, {err: boom, noPage: true}, {rows: []string{"b"}}},
			want:  pagerWant{rows: []string{"a", "b"}, complete: true}},
		{name: "an empty response is an error",
			steps: []pagerStep{{noPage: true}},
			want:  pagerWant{err: errEmptyPage, more: true}},
		{name: "a stale answer is dropped",
			steps: []pagerStep{{rows: []string{"a"}, next: "L1"}, {rows: []string{"x"}, stale: true}},
			want:  pagerWant{rows: []string{"a"}, next: "L1", more: true, resume: "L1"}},
		{name: "esc keeps the rows and drops the late answer",
			steps: []pagerStep{{rows: []string{"a"}, next: "L1"}, {stop: true}, {rows: []string{"b"}, stale: true}},
			want:  pagerWant{rows: []string{"a"}, next: "L1", stopped: true, resume: "L1"}},
		{name: "a reset forgets rows, links and the stop",
			first: "U1",
			steps: []pagerStep{{rows: []string{"a"}, next: "U1"}, {reset: true, resetTo: "U1"}, {rows: []string{"a"}, next: "L1"}},
			want:  pagerWant{rows: []string{"a"}, next: "L1", more: true, resume: "L1"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			p := Pager{MaxPages: tc.maxPages}
			p.Reset(tc.first)
			var taken []string
			var last uint64
			for i, st := range tc.steps {
				if st.reset {
					p.Reset(st.resetTo)
					taken = nil
					continue
				}
				if !st.stale {
					last, _ = p.Begin(p.Resume())
				}
				if st.stop {
					if !p.Stop() || p.Pending != 0 {
						t.Fatalf("step %d: esc did not stop the request in flight", i)
					}
					continue
				}
				var page *model.Page[model.CallRecord]
				if !st.noPage {
					page = &model.Page[model.CallRecord]{NextLink: st.next}
					for _, r := range st.rows {
						page.Value = append(page.Value, model.CallRecord{ID: r})
					}
				}
				took := TakePage(&p, last, page, st.err, callRecordID, func(r *model.CallRecord) { taken = append(taken, r.ID) })
				if took == st.stale {
					t.Fatalf("step %d: taken %v, stale %v", i, took, st.stale)
				}
			}
			w := tc.want
			if !slices.Equal(taken, w.rows) || p.Kept != len(w.rows) {
				t.Errorf("rows %q (kept %d), want %q", taken, p.Kept, w.rows)
			}
			if p.Next != w.next || p.More() != w.more || p.Complete() != w.complete || p.Stopped != w.stopped {
				t.Errorf("next %q more %v complete %v stopped %v; want %q %v %v %v",
					p.Next, p.More(), p.Complete(), p.Stopped, w.next, w.more, w.complete, w.stopped)
			}
			if got := errText(p.Ended); got != w.ended {
				t.Errorf("ended %q, want %q", got, w.ended)
			}
			if !errors.Is(p.Err, w.err) || (w.err == nil) != (p.Err == nil) {
				t.Errorf("err %v, want %v", p.Err, w.err)
			}
			if got := p.Resume(); got != w.resume {
				t.Errorf("resume %q, want %q", got, w.resume)
			}
			if p.Halted() != (w.ended != "" || w.stopped) {
				t.Errorf("halted %v with ended %q, stopped %v", p.Halted(), w.ended, w.stopped)
			}
		})
	}
}

func errText(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}

// A request's context is cancelled by esc, by a reset and by a newer
// request, and released once its answer lands.
func TestPagerCancelsTheRequestItSupersedes(t *testing.T) {
	var p Pager
	_, first := p.Begin("")
	_, second := p.Begin("")
	if !errors.Is(first.Err(), context.Canceled) || second.Err() != nil {
		t.Fatalf("a newer request: first %v, second %v", first.Err(), second.Err())
	}
	p.Reset("")
	if !errors.Is(second.Err(), context.Canceled) {
		t.Fatal("a reset must cancel the request in flight")
	}
	id, third := p.Begin("")
	p.Stop()
	if !errors.Is(third.Err(), context.Canceled) || p.StopWords("rows", "r") != "load stopped; 0 rows kept, r to reload" {
		t.Fatalf("esc: %v, %q", third.Err(), p.StopWords("rows", "r"))
	}
	if TakePage(&p, id, &model.Page[model.CallRecord]{}, nil, callRecordID, func(*model.CallRecord) {}) {
		t.Fatal("the answer to a stopped request was taken")
	}
	id, fourth := p.Begin("")
	if !TakePage(&p, id, &model.Page[model.CallRecord]{}, nil, callRecordID, func(*model.CallRecord) {}) ||
		!errors.Is(fourth.Err(), context.Canceled) || p.Stopped {
		t.Fatalf("a landed request: ctx %v, stopped %v", fourth.Err(), p.Stopped)
	}
}

func TestIDSet(t *testing.T) {
	var s idSet
	if s.Has("a") || s.Len() != 0 {
		t.Fatal("an empty set holds nothing")
	}
	const n = 50_000 // many growths of every shard
	for i := range n {
		if !s.Add("id-" + strconv.Itoa(i)) {
			t.Fatalf("id %d taken for a repeat", i)
		}
	}
	for i := range n {
		if s.Add("id-"+strconv.Itoa(i)) || !s.Has("id-"+strconv.Itoa(i)) {
			t.Fatalf("id %d not held after the growths", i)
		}
	}
	if s.Has("id-"+strconv.Itoa(n)) || s.Len() != n {
		t.Fatalf("len %d, want %d; or an id never added is held", s.Len(), n)
	}
}

// BenchmarkIDSetBytesPerID reports what the dedupe set costs a list per
// row, on top of the row store (calls about 40 B, Direct Routing about
// 105 B a row).
func BenchmarkIDSetBytesPerID(b *testing.B) {
	for _, n := range []int{10_000, 1_000_000} {
		b.Run("ids="+common.FormatCount(n), func(b *testing.B) {
			ids := make([]string, n)
			for i := range ids {
				ids[i] = uitest.ID(i)
			}
			for b.Loop() {
				var before, after runtime.MemStats
				runtime.GC()
				runtime.ReadMemStats(&before)
				var s idSet
				for _, id := range ids {
					s.Add(id)
				}
				runtime.GC()
				runtime.ReadMemStats(&after)
				b.ReportMetric(float64(after.HeapAlloc-before.HeapAlloc)/float64(n), "B/id")
				runtime.KeepAlive(&s)
			}
		})
	}
}

// The halted line under a table says what happened and that r reloads.
func TestPagerStatusLine(t *testing.T) {
	c := uitest.Common(uitest.T0)
	var p Pager
	if p.HasStatusLine() || p.StatusLine(&c.Styles, &c.Keys, 80) != "" {
		t.Fatal("nothing to say, yet a line")
	}
	p.Begin("")
	p.Stop()
	if got := p.StatusLine(&c.Styles, &c.Keys, 80); !strings.Contains(got, "load stopped; 0 rows kept, r to reload") {
		t.Fatalf("after esc: %q", got)
	}
}

// callRecordID is the id TakePage dedupes call records by.
func callRecordID(r *model.CallRecord) string { return r.ID }
