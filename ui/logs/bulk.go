package logs

import (
	"context"
	"time"

	"github.com/callscope/callscope/graphclient"
	"github.com/callscope/callscope/graphclient/store"
	tea "github.com/charmbracelet/bubbletea"
)

// A triage summary loads its whole range with graphclient's windowed
// loader, which fetches several windows of the range at once. The command
// bulkLoad starts the loader in a goroutine of its own, which hands rows
// (in time order, a window at a time) and progress to the program through
// a channel; the summary reads the channel one message at a time with
// bulkListen, so rows are only ever added inside Update, and Update itself
// starts nothing.

// bulkChunkMsg carries the rows of one finished window (a slice of the
// report's rows).
type bulkChunkMsg struct {
	reqID   uint64
	rows    any
	partial bool // flushed after a cancel or error: some rows may be missing
	ch      <-chan tea.Msg
	// storeErr is the first write to the store that failed, said once.
	storeErr error
}

// bulkProgressMsg reports the loader's counters (pages, throttle wait).
type bulkProgressMsg struct {
	reqID uint64
	p     graphclient.LoadProgress
	ch    <-chan tea.Msg
}

// bulkDoneMsg ends a load: err is nil when the whole range arrived.
type bulkDoneMsg struct {
	reqID    uint64
	p        graphclient.LoadProgress
	err      error
	storeErr error // as bulkChunkMsg's
}

// bulkBuffer bounds the rows waiting for Update: a slow UI holds the
// loader back rather than piling pages up in memory.
const bulkBuffer = 8

// bulkLoad is the command that loads [from, to) with the loader newLoader
// makes, under ctx (esc cancels it), and answers with the load's first
// message. Each message carries the channel on, so the reader command
// needs no screen state; the channel closes after bulkDoneMsg. The
// loader writes what it fetches to the store when o keeps one.
func bulkLoad[R any](ctx context.Context, o origin, id uint64,
	newLoader func(graphclient.LoadOptions) *graphclient.LogLoader[R], from, to time.Time) tea.Cmd {
	return func() tea.Msg {
		ch := make(chan tea.Msg, bulkBuffer)
		go func() {
			defer close(ch)
			progress := func(p graphclient.LoadProgress) {
				select { // progress is advisory: drop it rather than wait
				case ch <- bulkProgressMsg{reqID: id, p: p, ch: ch}:
				default:
				}
			}
			p, err := newLoader(graphclient.LoadOptions{Progress: progress}).Stream(ctx, from, to, func(ck graphclient.LogChunk[R]) {
				ch <- bulkChunkMsg{reqID: id, rows: ck.Rows, partial: ck.Partial, ch: ch, storeErr: o.keep.unsaid()}
			})
			ch <- bulkDoneMsg{reqID: id, p: p, err: err, storeErr: o.keep.unsaid()}
		}()
		return bulkListen(ch)()
	}
}

// storedLoad is bulkLoad offline: it reads [from, to) from the store a
// page at a time, newest first as the list pages it, each page one chunk,
// with the same messages and channel, so the summary cannot tell the two
// apart.
func storedLoad[R any](ctx context.Context, o origin, id uint64, s storeSide[R], from, to time.Time) tea.Cmd {
	if o.limit == 0 {
		o.limit = store.MaxLimit // the fewer round trips the better; memory is the rows'
	}
	return func() tea.Msg {
		ch := make(chan tea.Msg, bulkBuffer)
		go func() {
			defer close(ch)
			var p graphclient.LoadProgress
			start := time.Now()
			next := ""
			for {
				page, err := s.storedPage(ctx, o, from, to, next)
				if err == nil {
					err = ctx.Err()
				}
				if err != nil {
					p.Elapsed = time.Since(start)
					ch <- bulkDoneMsg{reqID: id, p: p, err: err}
					return
				}
				p.Requests, p.Pages = p.Requests+1, p.Pages+1
				p.Rows += len(page.Value)
				p.Delivered = p.Rows
				p.Elapsed = time.Since(start)
				ch <- bulkChunkMsg{reqID: id, rows: page.Value, ch: ch}
				select { // advisory, as the loader's
				case ch <- bulkProgressMsg{reqID: id, p: p, ch: ch}:
				default:
				}
				if next = page.NextLink; next == "" {
					ch <- bulkDoneMsg{reqID: id, p: p}
					return
				}
			}
		}()
		return bulkListen(ch)()
	}
}

// bulkListen waits for the load's next message.
func bulkListen(ch <-chan tea.Msg) tea.Cmd {
	return func() tea.Msg {
		msg, ok := <-ch
		if !ok {
			return nil
		}
		return msg
	}
}

// feedAdoptMsg hands a summary's complete feed to the list it was
// opened from, which then shows every row of the range without paging.
type feedAdoptMsg struct {
	old, new *feed
}
