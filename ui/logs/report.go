package logs

import (
	"context"
	"time"

	"github.com/callscope/callscope/graphclient"
	"github.com/callscope/callscope/model"
	"github.com/callscope/callscope/model/export"
	"github.com/callscope/callscope/ui/common"
	"github.com/callscope/callscope/ui/rowstore"
	"github.com/callscope/callscope/ui/table"
	tea "github.com/charmbracelet/bubbletea"
)

// report is what differs between the two call log reports, Direct Routing
// (directRouting) and PSTN (pstn): their words and columns (about), their
// Graph function (source), the packed store of one range's rows, and what
// the detail and the triage summary make of those rows. The list, detail
// and summary screens talk to a report only, so none of them asks which
// one it has.
//
// A report value holds the rows of one feed; empty makes another of its
// kind for a new range. Only Update code touches it, except the commands
// it returns, which capture values, and export, which reads a snapshot.
type report interface {
	// name is the report in titles and messages: "Direct Routing", "PSTN".
	name() string
	// fileName names the report in export files: "direct-routing".
	fileName() string
	// columns are the list's columns, in the order cell numbers them.
	columns() []column
	// checkRange refuses a range Graph would refuse (PSTN: over 90 days).
	checkRange(from, to time.Time) error
	// hasOutcome says rows carry a result, SIP code and trunk, so that
	// failures-only and the prompt's failed, sip and trunk apply.
	hasOutcome() bool
	// correlates says rows name the Teams call record o opens.
	correlates() bool

	// empty is a report of the same kind with no rows.
	empty() report
	// function names the Graph report function, for its first page's URL.
	function() string
	// pageCmd fetches the page at next ("" for the first) of [from, to)
	// under ctx from o (Graph, kept in the store, or the store alone),
	// answering with a pageMsg for id.
	pageCmd(ctx context.Context, o origin, id uint64, from, to time.Time, next string) tea.Cmd
	// takePage adds msg's rows (redacted, each id once) to the store and
	// moves p on; msg answers p's request in flight.
	takePage(c *common.Common, p *table.Pager, msg pageMsg) bool
	// loadCmd loads [from, to) under ctx with the windowed loader, or
	// offline from the store (see bulkLoad).
	loadCmd(ctx context.Context, o origin, id uint64, from, to time.Time) tea.Cmd
	// syncWhat is the kind's word for `callscope sync --what`.
	syncWhat() string
	// addRows adds a loaded window's rows (redacted, each id once).
	addRows(c *common.Common, p *table.Pager, rows any)

	// Len is the number of rows loaded.
	Len() int
	// ID is row i's Graph id.
	ID(i int32) string
	// FindID is the row whose Graph id is id, or -1.
	FindID(id string) int32
	// SortKey is the key of column col.
	SortKey(col int) rowstore.KeyFunc
	// Compare is the order of column col, as SortKey's, without ranking.
	Compare(col int) func(a, b int32) int
	// snapshot is a read-only copy of the report's rows for a goroutine
	// (viewjob.go, summaryjob.go).
	snapshot() report
	// cell is the text of row i's column col; failed is the pre-rendered
	// result cell of a failed row.
	cell(i int32, col int, loc *time.Location, failed string) string
	// matcher is the predicate of f, nil when f passes every row.
	matcher(f filter) func(int32) bool
	// record decodes row i for the detail screen.
	record(i int32) decoded
	// export writes the n rows shown (position p is row at(p)) as CSV and
	// JSON from a snapshot of the store.
	export(c *common.Common, n int, at func(int) int32) tea.Cmd
	// groups starts the triage summary of [from, to) over the store's
	// rows that match passes (all rows when match is nil).
	groups(from, to time.Time, match func(int32) bool) groups
}

// about is what a report says of itself: facts, no behaviour.
type about struct {
	title     string   // in titles and messages
	file      string   // in export file names
	cols      []column // the list's columns
	outcome   bool     // rows carry a result, SIP code and trunk
	correlate bool     // rows name a Teams call record
	// maxRange is the longest range Graph takes (0: no limit), and tooLong
	// the error for a longer one.
	maxRange time.Duration
	tooLong  error
}

func (a about) name() string      { return a.title }
func (a about) fileName() string  { return a.file }
func (a about) columns() []column { return a.cols }
func (a about) hasOutcome() bool  { return a.outcome }
func (a about) correlates() bool  { return a.correlate }

func (a about) checkRange(from, to time.Time) error {
	if a.maxRange > 0 && to.Sub(from) > a.maxRange {
		return a.tooLong
	}
	return nil
}

// decoded is one row of a report decoded for the detail screen.
type decoded struct {
	title       string     // the breadcrumb segment: "SIP 403/560403", "Call 3f2a…"
	start       model.Time // when the call started
	id          string     // the row's Graph id
	correlation string     // the Teams call record the row belongs to; "" for none
	copyID      string     // what y copies on the list: the id support asks for
	graph       any        // the row as Graph sent it, for the raw JSON view
	// lines lays every field out, the most telling first.
	lines func(b *table.Details, loc *time.Location, k common.KeyMap)
}

// groups is a report's triage summary, grown as rows arrive.
type groups interface {
	// add groups the store's rows up to n that it has not seen yet and
	// reports whether the summary changed (it always exists after the
	// first call, even over no rows).
	add(n int) bool
	// headline is the totals line.
	headline(st *common.Styles) string
	// items lays the groups out as the summary's lines at width.
	items(b *sumLines, width int, loc *time.Location)
	// explain fills the pane under the list for the group line it; enter
	// says how to list the group's calls.
	explain(it sumItem, add func(label, text string), enter string, loc *time.Location)
}

// tally grows a triage builder over a store's rows and keeps its
// summary S: the half of groups that both reports share.
type tally[S any] struct {
	seen  int
	match func(i int32) bool // the rows counted; nil for all
	take  func(i int32)      // adds row i to the builder
	build func() *S          // summarises what was added
	sum   *S
}

func (t *tally[S]) add(n int) bool {
	if n == t.seen && t.sum != nil {
		return false
	}
	for i := int32(t.seen); i < int32(n); i++ {
		if t.match == nil || t.match(i) {
			t.take(i)
		}
	}
	t.seen = n
	t.sum = t.build()
	return true
}

// source is the Graph side of a report over rows of type R, and its
// local store's (storeSide): the same mechanics for both reports, given
// their function, page call, loader and row store.
type source[R any] struct {
	fn     string
	page   func(c *graphclient.Client, ctx context.Context, from, to time.Time, next string) (*model.Page[R], error)
	loader func(c *graphclient.Client, o graphclient.LoadOptions) *graphclient.LogLoader[R]
	rowID  func(*R) string
	redact func(c *common.Common, rows []R)
	add    func(*R) // the row store's Add, set by on
	storeSide[R]
}

// on is s adding rows with add (a store's Add).
func (s source[R]) on(add func(*R)) source[R] {
	s.add = add
	return s
}

// exportRows is a report's export: n rows, position p being store row
// at(p), written as `callscope direct`/`pstn` write them (cols for CSV,
// the decoded row for JSON).
func exportRows[R any](c *common.Common, file string, cols export.Columns[R], n int, at func(int) int32,
	row func(int32) R) tea.Cmd {
	return common.ExportCmd(c.ExportDir, file, c.Now(), cols, n, func(i int, v *R) { *v = row(at(i)) })
}

func (s source[R]) function() string { return s.fn }

func (s source[R]) pageCmd(ctx context.Context, o origin, id uint64, from, to time.Time, next string) tea.Cmd {
	return fetchLogPage(ctx, o, id, s, from, to, next)
}

func (s source[R]) syncWhat() string { return s.sync }

func (s source[R]) takePage(c *common.Common, p *table.Pager, msg pageMsg) bool {
	page, _ := msg.page.(*model.Page[R])
	if page != nil {
		s.redact(c, page.Value)
	}
	return table.TakePage(p, msg.reqID, page, msg.err, s.rowID, s.add)
}

func (s source[R]) loadCmd(ctx context.Context, o origin, id uint64, from, to time.Time) tea.Cmd {
	if o.offline {
		return storedLoad(ctx, o, id, s.storeSide, from, to)
	}
	return bulkLoad(ctx, o, id, s.newLoader(o), from, to)
}

func (s source[R]) addRows(c *common.Common, p *table.Pager, rows any) {
	rs, _ := rows.([]R)
	s.redact(c, rs)
	for i := range rs {
		if p.Admit(s.rowID(&rs[i])) {
			s.add(&rs[i])
		}
	}
}
