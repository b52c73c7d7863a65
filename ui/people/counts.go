package people

import (
	"context"
	"time"

	"github.com/callscope/callscope/graphclient"
	"github.com/callscope/callscope/graphclient/store"
	"github.com/callscope/callscope/ui/common"
	"github.com/callscope/callscope/ui/table"
	tea "github.com/charmbracelet/bubbletea"
)

// Call counts answer "which Anette": beside each candidate the pick list
// shows how many calls they took part in over the range the list will
// show. Each count is a command of its own, a few at once, so the list is
// usable at once and fills in as answers land. A count stops at countCap
// ("≥ 50"): telling the busy Anette from the idle one needs no more, and
// it keeps a count to one request of Graph's List callRecords with the
// participant filter ($filter=participants_v2/any(p:p/id eq '…'), "List
// callRecords", Microsoft Graph v1.0; graph-api.md §1.1), paced by the
// client's shared limiter. When the store covers the range and can judge
// every stored call's participants, it answers instead, without Graph.

// countCap is where a count stops and says "≥".
const countCap = 50

// countInFlight bounds the counts asked at once.
const countInFlight = 4

// countTimeout bounds one candidate's count, the limiter's wait included.
const countTimeout = time.Minute

// retentionWindow is how far back Graph keeps call records ("List
// callRecords": "doesn't return call records older than 30 days";
// graph-api.md §4.2): an open range starts there, as the calls list's does.
const retentionWindow = 30 * 24 * time.Hour

// countedMsg is candidate index's count for the picker's counting
// generation gen: n calls, at least n when capped.
type countedMsg struct {
	gen    uint64
	index  int
	n      int
	capped bool
	err    error
}

// count is one candidate's count as the list shows it.
type count struct {
	asked, known bool
	n            int
	capped       bool
	failed       bool
}

// counting is the picker's counts.
type counting struct {
	on       bool
	from, to time.Time
	gen      uint64
	ctx      context.Context
	cancel   context.CancelFunc
	counts   []count
	flight   int
}

// CountIn makes the list show each candidate's calls in [from, to): a
// zero to is now, a zero from 30 days before to (Graph's retention, the
// calls list's open range). Call it before the list is pushed; its Init
// starts the counts.
func (p *Picker) CountIn(from, to time.Time) *Picker {
	if to.IsZero() {
		to = p.c.Now()
	}
	if from.IsZero() || !from.Before(to) {
		from = to.Add(-retentionWindow)
	}
	p.counting = counting{on: true, from: from.UTC(), to: to.UTC(), counts: make([]count, len(p.candidates))}
	p.tbl.SetColumns(p.columns())
	return p
}

// startCounts begins a generation of counts and asks for the first few.
func (p *Picker) startCounts() tea.Cmd {
	k := &p.counting
	if !k.on || (p.c.Offline && p.c.Store == nil) || (!p.c.Offline && p.c.Client == nil) {
		return nil
	}
	k.stop()
	k.gen = common.NewRequestID()
	k.ctx, k.cancel = context.WithCancel(context.Background())
	return p.askCounts()
}

// stop cancels the counts in flight; their answers will not land.
func (k *counting) stop() {
	if k.cancel != nil {
		k.cancel()
	}
	k.flight = 0
	for i := range k.counts {
		if !k.counts[i].known {
			k.counts[i].asked = false
		}
	}
}

// Closed stops the counts when the list closes.
func (p *Picker) Closed() { p.counting.stop() }

// askCounts asks for the next counts not asked yet, up to countInFlight.
func (p *Picker) askCounts() tea.Cmd {
	k := &p.counting
	var cmds []tea.Cmd
	for i := range k.counts {
		if k.flight >= countInFlight {
			break
		}
		if k.counts[i].asked {
			continue
		}
		k.counts[i].asked = true
		k.flight++
		cmds = append(cmds, countCalls(k.ctx, p.c.Client, p.c.Store, p.c.Offline, k.gen, i, p.candidates[i].ID, k.from, k.to))
	}
	return tea.Batch(cmds...)
}

// onCounted keeps a count and asks for the next.
func (p *Picker) onCounted(msg countedMsg) tea.Cmd {
	k := &p.counting
	if msg.gen != k.gen || msg.index >= len(k.counts) {
		return nil
	}
	k.flight--
	k.counts[msg.index] = count{asked: true, known: true, n: msg.n, capped: msg.capped, failed: msg.err != nil}
	return p.askCounts()
}

// counting reports counts still to come.
func (k *counting) pending() bool {
	for _, c := range k.counts {
		if !c.known {
			return k.on
		}
	}
	return false
}

// countCell is candidate r's Calls cell: "…" until known, "≥ 50" when
// capped, "?" when it could not be counted.
func (p *Picker) countCell(r int) string {
	c := p.counting.counts[r]
	switch {
	case !c.known:
		return "…"
	case c.failed:
		return "?"
	case c.capped:
		return "≥ " + common.Itoa(int64(c.n))
	}
	return common.Itoa(int64(c.n))
}

// countColumn is the Calls column, shown only while counting.
var countColumn = table.Column{Title: "Calls", Min: 5, Max: 6, Right: true}

// countCalls counts participant id's calls in [from, to), up to countCap:
// from the store when it covers the range and judges every call (offline,
// whatever it holds, "≥" when some calls cannot be judged), else from
// Graph, one page of ids at a time.
func countCalls(ctx context.Context, client *graphclient.Client, st *store.Store, offline bool, gen uint64, index int, id string, from, to time.Time) tea.Cmd {
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(ctx, countTimeout)
		defer cancel()
		msg := countedMsg{gen: gen, index: index}
		if st != nil && (offline || coversCalls(ctx, st, from, to)) {
			n, capped, unjudged, err := countStored(ctx, st, id, from, to)
			if offline || (err == nil && unjudged == 0) {
				msg.n, msg.capped, msg.err = n, capped || unjudged > 0, err
				return msg
			}
		}
		if offline {
			return msg
		}
		q := graphclient.CallQuery{From: from, To: to, Participant: id, Select: []string{"id"}, PageSize: countCap}
		for next := ""; ; {
			page, err := client.ListCallRecords(ctx, q, next)
			if err != nil {
				msg.err = err
				return msg
			}
			msg.n += len(page.Value)
			if page.NextLink == "" {
				return msg
			}
			if msg.n >= countCap {
				msg.capped = true
				return msg
			}
			next = page.NextLink
		}
	}
}

// coversCalls reports that the store holds every call of [from, to).
func coversCalls(ctx context.Context, st *store.Store, from, to time.Time) bool {
	gaps, err := st.Gaps(ctx, store.Span{Kind: store.KindCalls, From: from, To: to})
	return err == nil && len(gaps) == 0
}

// countStored counts id's stored calls in [from, to) up to countCap, and
// the calls scanned whose stored bytes do not say who took part.
func countStored(ctx context.Context, st *store.Store, id string, from, to time.Time) (n int, capped bool, unjudged int, err error) {
	r := store.Range{From: from, To: to, Limit: store.MaxLimit}
	for {
		page, err := st.ParticipantCalls(ctx, r, id)
		if err != nil {
			return n, false, unjudged, err
		}
		n += len(page.Rows)
		unjudged += page.NoRecord + page.NoParticipants
		if page.Next == "" {
			return n, false, unjudged, nil
		}
		if n >= countCap {
			return n, true, unjudged, nil
		}
		r.After = page.Next
	}
}
