package calls

import (
	"context"
	"strconv"
	"time"

	"github.com/callscope/callscope/graphclient"
	"github.com/callscope/callscope/model"
	"github.com/callscope/callscope/model/quality"
	"github.com/callscope/callscope/model/quality/summary"
	"github.com/callscope/callscope/model/redact"
	"github.com/callscope/callscope/ui/common"
	tea "github.com/charmbracelet/bubbletea"
)

// Graph's list of call records carries no sessions, so the Result and
// Quality columns need each call's expanded record: the screen fetches
// them in the background, the rows on screen first, then the rest of what
// is loaded, never more than enrichInFlight at once. The client's shared
// limiter paces them within Graph's per-record and per-app budgets
// ("Microsoft Graph service-specific throttling limits", ms.date
// 2025-01-14), so four in flight keep the budget busy without queueing a
// window's worth of requests behind a keystroke's record open.
const enrichInFlight = 4

// enrichTimeout bounds one record's fetch, the limiter's wait included.
const enrichTimeout = 2 * time.Minute

// verdictState is where a row's verdict stands.
type verdictState uint8

const (
	verdictUnknown verdictState = iota // not asked yet (or asked, then paused)
	verdictAsked                       // a fetch is in flight
	verdictKnown                       // landed, or failed to load (lost)
)

// rowVerdict is one row's Result and Quality, kept beside the row store
// by row index (rows only append until a reload starts a new generation).
type rowVerdict struct {
	state   verdictState
	lost    bool // the record could not be fetched
	result  string
	quality string
	// Ranks order the sort, worst first: failed 0, ended 1, ok 2; poor 0,
	// unclassified 1, good 2; a row not known yet ranks 3 either way.
	resultRank, qualityRank uint8
}

// enrichment is the background fetch of expanded records.
type enrichment struct {
	gen      uint64 // results of an older generation are dropped on arrival
	ctx      context.Context
	cancel   context.CancelFunc
	verdicts []rowVerdict
	asked    []int // rows in flight, at most enrichInFlight
	known    int   // rows with a verdict (lost ones included)
	lost     int
	scan     int  // every row before scan is asked or known
	paused   bool // esc paused it; the reload key resumes
	// off keeps the columns unknown: set by tests of paging alone, which
	// count the list's requests.
	off bool
	// sum is the quality summary of the records fetched so far, added as
	// each lands (summary.go); added counts them, rowOf finds their rows.
	sum   *summary.Summary
	added int
	rowOf map[string]int32
}

// enrichedMsg is one record's verdict, or why it could not be had, for
// row of generation gen.
type enrichedMsg struct {
	gen uint64
	row int
	v   rowVerdict
	rec *model.CallRecord // for the quality summary
	err error
}

// restart drops every verdict and the summary and starts a new
// generation (a reload) over the range from, to.
func (e *enrichment) restart(from, to time.Time) {
	if e.cancel != nil {
		e.cancel()
	}
	*e = enrichment{gen: common.NewRequestID(), off: e.off, sum: summary.New(summary.Options{From: from, To: to}),
		rowOf: map[string]int32{}}
	e.ctx, e.cancel = context.WithCancel(context.Background())
}

// pause cancels the fetches in flight; their rows go back to unknown and
// their results, of the old generation, are dropped on arrival.
func (e *enrichment) pause() {
	if e.cancel != nil {
		e.cancel()
	}
	for _, r := range e.asked {
		e.verdicts[r].state = verdictUnknown
	}
	e.asked = e.asked[:0]
	e.gen = common.NewRequestID()
	e.paused = true
}

// resume starts a new generation over the verdicts already known.
func (e *enrichment) resume() {
	e.paused = false
	e.scan = 0
	e.ctx, e.cancel = context.WithCancel(context.Background())
}

// pending reports rows of the n loaded without a verdict yet.
func (e *enrichment) pending(n int) bool { return e.known < n }

// verdictAt is row r's verdict; a row not in the slice yet is unknown.
func (e *enrichment) verdictAt(r int) *rowVerdict {
	if r < len(e.verdicts) {
		return &e.verdicts[r]
	}
	return &unknownVerdict
}

var unknownVerdict = rowVerdict{resultRank: 3, qualityRank: 3}

// enriching reports that verdicts are fetched at all: there is a client.
func (s *Screen) enriching() bool { return s.c.Client != nil && !s.enrich.off }

// pumpEnrichment asks for verdicts up to enrichInFlight: the rows on
// screen first, then every loaded row in list order. It returns nil when
// nothing is to be asked (paused, no client, all asked), so a keystroke
// costs a scan of the visible rows at most.
func (s *Screen) pumpEnrichment() tea.Cmd {
	e := &s.enrich
	if !s.enriching() || e.paused || e.ctx == nil {
		return nil
	}
	n := s.rows.Len()
	for len(e.verdicts) < n {
		e.verdicts = append(e.verdicts, unknownVerdict)
	}
	if len(e.asked) >= enrichInFlight || e.known+len(e.asked) >= n {
		return nil
	}
	var cmds []tea.Cmd
	ask := func(r int) {
		if e.verdicts[r].state != verdictUnknown || len(e.asked) >= enrichInFlight {
			return
		}
		e.verdicts[r].state = verdictAsked
		e.asked = append(e.asked, r)
		cmds = append(cmds, fetchVerdict(e.ctx, s.c.Client, s.c.Redact, e.gen, r, s.rows.ID(r)))
	}
	top, end := s.tbl.Offset(), min(s.tbl.Offset()+s.tbl.PageSize(), s.viewLen())
	for p := top; p < end && len(e.asked) < enrichInFlight; p++ {
		ask(s.rowAt(p))
	}
	for ; e.scan < n && len(e.asked) < enrichInFlight; e.scan++ {
		ask(e.scan)
	}
	return tea.Batch(cmds...)
}

// onEnriched takes a verdict of the current generation, then asks for the
// next; a result of an older one (before a reload or esc) is dropped.
func (s *Screen) onEnriched(msg enrichedMsg) tea.Cmd {
	e := &s.enrich
	if msg.gen != e.gen || msg.row >= len(e.verdicts) || e.verdicts[msg.row].state != verdictAsked {
		return nil
	}
	for i, r := range e.asked {
		if r == msg.row {
			e.asked = append(e.asked[:i], e.asked[i+1:]...)
			break
		}
	}
	v := msg.v
	if msg.err != nil {
		v = rowVerdict{lost: true, result: "?", quality: "?", resultRank: 3, qualityRank: 3}
		e.lost++
	}
	v.state = verdictKnown
	e.verdicts[msg.row] = v
	e.known++
	if msg.err == nil && msg.rec != nil {
		s.addToSummary(msg.row, msg.rec)
	}
	if s.ordered() {
		s.rebuildView()
	}
	return s.pumpEnrichment()
}

// fetchVerdict fetches record id and reduces it to the row's verdict in
// the command's goroutine, so the event loop only stores two strings.
func fetchVerdict(ctx context.Context, c *graphclient.Client, mask bool, gen uint64, row int, id string) tea.Cmd {
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(ctx, enrichTimeout)
		defer cancel()
		rec, err := c.GetCallRecord(ctx, id)
		if err != nil {
			return enrichedMsg{gen: gen, row: row, err: err}
		}
		if mask {
			redact.CallRecord(rec)
		}
		return enrichedMsg{gen: gen, row: row, v: verdictOf(rec), rec: rec}
	}
}

// verdictOf is a record's Result and Quality cells and their sort ranks.
func verdictOf(rec *model.CallRecord) rowVerdict {
	res, q := quality.CallResult(rec), quality.CallQuality(rec)
	v := rowVerdict{result: res.Short(), quality: q.Short(), resultRank: 2, qualityRank: 2}
	switch res.Outcome {
	case quality.Failed:
		v.resultRank = 0
	case quality.UserOutcome:
		v.resultRank = 1
	}
	switch q.Verdict {
	case quality.Poor:
		v.qualityRank = 0
	case quality.Unclassified:
		v.qualityRank = 1
	}
	return v
}

// enrichWords is the footer's progress: "quality 120 of 431", "quality
// paused at 120 of 431, r resumes", "quality of 431 calls · 2 not loaded";
// "" before any row.
func (s *Screen) enrichWords() string {
	e := &s.enrich
	n := s.rows.Len()
	if n == 0 || !s.enriching() {
		return ""
	}
	var w string
	switch {
	case s.canResume():
		w = "quality paused at " + common.FormatCount(e.known) + " of " + common.FormatCount(n) + ", " +
			s.c.Keys.Reload.Help().Key + " resumes"
	case e.paused && e.pending(n):
		// The page load stopped too: r reloads, and the new list's fetch
		// starts over.
		w = "quality paused at " + common.FormatCount(e.known) + " of " + common.FormatCount(n)
	case e.pending(n):
		w = "quality " + common.FormatCount(e.known) + " of " + common.FormatCount(n)
	default:
		w = "quality of " + common.Plural(n, "call", "calls")
	}
	if e.lost > 0 {
		w += " · " + strconv.Itoa(e.lost) + " not loaded"
	}
	return w
}
