package calls

import (
	"context"
	"strconv"
	"time"

	"github.com/callscope/callscope/graphclient"
	"github.com/callscope/callscope/graphclient/store"
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
// 2025-01-14): the app's 1,350 requests per 20 s are 67.5 a second, and
// at 300 ms an answer it takes 20 in flight to use them;
// BenchmarkEnrichRateInFlight measured 4 at 0.20x the budget, 20 at 0.95x
// and 24 at 0.95x, with room for slower answers. A record opened by a key
// then waits for the next free slot, about 15 ms at that rate.
const enrichInFlight = 24

// enrichTimeout bounds one record's fetch, the limiter's wait included.
const enrichTimeout = 2 * time.Minute

// verdictState is where a row's verdict stands.
type verdictState uint8

const (
	verdictUnknown verdictState = iota // not asked yet (or asked, then paused)
	verdictAsked                       // a fetch is in flight
	verdictKnown                       // landed, or failed to load (lost)
	verdictReading                     // a store read is in flight (enrich_store.go)
)

// rowVerdict is one row's Result and Quality, kept beside the row store
// by row index (rows only append until a reload starts a new generation).
type rowVerdict struct {
	state verdictState
	lost  bool // the record could not be fetched
	// checked says the store holds no current record of the row: Graph's
	// turn. notStored is that, offline, where Graph is not asked.
	checked, notStored bool
	// Ranks order the sort, worst first: failed 0, ended 1, ok 2; poor 0,
	// unclassified 1, good 2; a row not known yet ranks 3 either way.
	resultRank, qualityRank uint8
	result                  string // the cells: quality.Result.Short, CallVerdict.Short
	quality                 string
	// text and reason complete the export's words, those of `calls
	// --quality`: text is the Result with the session it is on ("" when
	// the same as result), reason why the quality is what it is.
	text, reason string
	// version and modified (Unix nanoseconds) are the record's the
	// verdict was read from: a watch poll asks again only for calls whose
	// list row is newer (watch.go).
	version, modified int64
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
	// The store's part (enrich_store.go): reading counts the rows of the
	// one store read in flight, every row before storeScan was read or
	// is being read; notStored counts offline rows the store lacks. A
	// failed read (online) leaves the rest to Graph; a failed write stops
	// the writes, and each is said once.
	reading, storeScan, notStored int
	readOff, writeOff, readSaid   bool
	// off keeps the columns unknown: set by tests of paging alone, which
	// count the list's requests.
	off bool
	// sum is the quality summary of the records fetched so far, added as
	// each lands (summary.go); added counts them, rowOf finds their rows.
	sum   *summary.Summary
	added int
	rowOf map[string]int32
	// layout counts the watch swaps that put new rows in place of the
	// old; a result asked for under an older layout finds its row by id
	// in relocated, which holds the rows whose verdicts were in flight.
	layout    uint64
	relocated map[string]int
	// sinceSearch counts verdicts landed since a kept search was last
	// matched again (search.go).
	sinceSearch int
}

// enrichedMsg is one record's verdict, or why it could not be had, for
// row of generation gen; or, with batch set, a store read's verdicts (one
// message type, so the screen's Update routes both here).
type enrichedMsg struct {
	gen    uint64
	layout uint64
	row    int
	id     string // the row's call id, to find it after a watch swap
	v      rowVerdict
	rec    *model.CallRecord // for the quality summary
	err    error
	// writeErr is why the fetched record could not be kept in the store.
	writeErr error
	batch    *storedBatch
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
	if e.reading > 0 {
		for r := range e.verdicts {
			if e.verdicts[r].state == verdictReading {
				e.verdicts[r].state = verdictUnknown
			}
		}
		e.reading = 0
	}
	e.gen = common.NewRequestID()
	e.paused = true
}

// resume starts a new generation over the verdicts already known.
func (e *enrichment) resume() {
	e.paused = false
	e.scan, e.storeScan = 0, 0
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

// locate is the row a result asked for under layout, as row with call
// id, stands at now: the same row under the current layout, else found by
// id among the rows in flight at the last watch swap; here is false for a
// call the swap dropped.
func (e *enrichment) locate(layout uint64, row int, id string) (int, bool) {
	if layout == e.layout {
		return row, true
	}
	r, here := e.relocated[id]
	return r, here
}

// enriching reports that verdicts are had at all: from Graph through a
// client, or offline from the store alone.
func (s *Screen) enriching() bool {
	switch {
	case s.enrich.off:
		return false
	case s.c.Offline:
		return s.c.Store != nil
	}
	return s.c.Client != nil
}

// pumpEnrichment asks for verdicts: a batch of rows from the store when
// there is one (askStore), and, for the rows it holds no current record
// of, Graph, up to enrichInFlight; each takes the rows on screen first,
// then every loaded row in list order. It returns nil when nothing is to
// be asked (paused, no client, all asked), so a keystroke costs a scan of
// the visible rows at most.
func (s *Screen) pumpEnrichment() tea.Cmd {
	e := &s.enrich
	if !s.enriching() || e.paused || e.ctx == nil {
		return nil
	}
	n := s.rows.Len()
	for len(e.verdicts) < n {
		e.verdicts = append(e.verdicts, unknownVerdict)
	}
	if e.known+len(e.asked)+e.reading >= n {
		return nil
	}
	read := s.askStore()
	if s.c.Offline || len(e.asked) >= enrichInFlight {
		return read
	}
	cmds := []tea.Cmd{read}
	stored := s.verdictsFromStore()
	// Graph's turn: a row the store was read for, or every row without
	// a store to read.
	turn := func(v *rowVerdict) bool { return v.state == verdictUnknown && (v.checked || !stored) }
	var keep *store.Store
	if !e.writeOff {
		keep = s.c.Store
	}
	ask := func(r int) {
		if !turn(&e.verdicts[r]) || len(e.asked) >= enrichInFlight {
			return
		}
		e.verdicts[r].state = verdictAsked
		e.asked = append(e.asked, r)
		cmds = append(cmds, fetchVerdict(e.ctx, s.c.Client, keep, s.c.Redact, e.gen, e.layout, r, s.rows.ID(r)))
	}
	top, end := s.tbl.Offset(), min(s.tbl.Offset()+s.tbl.PageSize(), s.viewLen())
	for p := top; p < end && len(e.asked) < enrichInFlight; p++ {
		ask(s.rowAt(p))
	}
	for ; e.scan < n && len(e.asked) < enrichInFlight; e.scan++ {
		if v := &e.verdicts[e.scan]; v.state == verdictReading || v.state == verdictUnknown && !turn(v) {
			break // the store answers for this row first
		}
		ask(e.scan)
	}
	return tea.Batch(cmds...)
}

// onEnriched takes a verdict of the current generation, then asks for the
// next; a result of an older one (before a reload or esc) is dropped.
func (s *Screen) onEnriched(msg enrichedMsg) tea.Cmd {
	if msg.batch != nil {
		return s.onStoredVerdicts(msg)
	}
	e := &s.enrich
	// A failed write is said whatever the generation: the store is the
	// same after a pause.
	said := s.onWriteFailed(msg.writeErr)
	row, here := e.locate(msg.layout, msg.row, msg.id)
	if msg.gen != e.gen || !here || row >= len(e.verdicts) || e.verdicts[row].state != verdictAsked {
		return said
	}
	msg.row = row
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
	v.state, v.checked = verdictKnown, e.verdicts[msg.row].checked
	e.verdicts[msg.row] = v
	e.known++
	if msg.err == nil && msg.rec != nil {
		s.addToSummary(msg.row, msg.rec)
	}
	if s.ordered() {
		s.rebuildView()
	}
	cmd := s.pumpEnrichment()
	if said != nil {
		cmd = tea.Batch(said, cmd)
	}
	return s.searchAfterVerdicts(cmd, 1)
}

// fetchVerdict fetches record id, keeps it in st when st is not nil
// (before masking: the store holds Graph's bytes), and reduces it to the
// row's verdict in the command's goroutine, so the event loop only stores
// a few strings.
func fetchVerdict(ctx context.Context, c *graphclient.Client, st *store.Store, mask bool, gen, layout uint64, row int, id string) tea.Cmd {
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(ctx, enrichTimeout)
		defer cancel()
		rec, err := c.GetCallRecord(ctx, id)
		if err != nil {
			return enrichedMsg{gen: gen, layout: layout, row: row, id: id, err: err}
		}
		msg := enrichedMsg{gen: gen, layout: layout, row: row, id: id}
		if st != nil {
			msg.writeErr = keepRecord(ctx, st, rec)
		}
		rec.Raw = nil // kept or not, the summary needs the decoded record only
		if mask {
			redact.CallRecord(rec)
		}
		msg.v, msg.rec = verdictOf(rec), rec
		return msg
	}
}

// verdictOf is a record's Result and Quality cells, their sort ranks and
// the export's words.
func verdictOf(rec *model.CallRecord) rowVerdict {
	res, q := quality.CallResult(rec), quality.CallQuality(rec)
	v := rowVerdict{result: res.Short(), quality: q.Short(), resultRank: 2, qualityRank: 2, reason: q.Reason(),
		version: rec.Version, modified: unixNano(rec.LastModifiedDateTime.Time)}
	if text := res.Text(); text != v.result {
		v.text = text
	}
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
// paused at 120 of 431, r resumes", "quality of 431 calls · 2 not loaded",
// offline "quality of 431 calls · 12 not stored"; "" before any row.
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
	if e.notStored > 0 {
		w += " · " + strconv.Itoa(e.notStored) + " not stored"
	}
	if e.lost > 0 {
		w += " · " + strconv.Itoa(e.lost) + " not loaded"
	}
	return w
}
