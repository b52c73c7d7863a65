package ui

import (
	"context"
	"time"

	"github.com/callscope/callscope/graphclient"
	"github.com/callscope/callscope/model"
	tea "github.com/charmbracelet/bubbletea"
)

// A triage summary loads its whole range with graphclient's windowed
// loader, which fetches several windows of the range at once. The loader
// runs in its own goroutine and hands rows (in time order, a window at a
// time) and progress to the program through a channel; the summary reads
// the channel one message at a time with bulkListen, so rows are only ever
// added inside Update.

// bulkChunkMsg carries the rows of one finished window.
type bulkChunkMsg struct {
	reqID   uint64
	dr      []model.DirectRoutingRow
	pstn    []model.PstnRow
	partial bool // flushed after a cancel or error: some rows may be missing
	ch      <-chan tea.Msg
}

// bulkProgressMsg reports the loader's counters (pages, throttle wait).
type bulkProgressMsg struct {
	reqID uint64
	p     graphclient.LoadProgress
	ch    <-chan tea.Msg
}

// bulkDoneMsg ends a load: err is nil when the whole range arrived.
type bulkDoneMsg struct {
	reqID uint64
	p     graphclient.LoadProgress
	err   error
}

// bulkBuffer bounds the rows waiting for Update: a slow UI holds the
// loader back rather than piling pages up in memory.
const bulkBuffer = 8

// bulkLoad starts loading [from, to) and returns the command that reads
// its first message, plus the cancel func esc calls. Each message carries
// the channel on, so the reader command needs no screen state.
func bulkLoad(c *graphclient.Client, id uint64, k logKind, from, to time.Time) (tea.Cmd, context.CancelFunc) {
	ctx, cancel := context.WithCancel(context.Background())
	ch := make(chan tea.Msg, bulkBuffer)
	go func() {
		defer close(ch)
		if c == nil {
			ch <- bulkDoneMsg{reqID: id, err: errNoClient}
			return
		}
		progress := func(p graphclient.LoadProgress) {
			select { // progress is advisory: drop it rather than wait
			case ch <- bulkProgressMsg{reqID: id, p: p, ch: ch}:
			default:
			}
		}
		opts := graphclient.LoadOptions{Progress: progress}
		var p graphclient.LoadProgress
		var err error
		if k == logPstn {
			p, err = graphclient.NewPstnLoader(c, opts).Stream(ctx, from, to, func(ck graphclient.LogChunk[model.PstnRow]) {
				ch <- bulkChunkMsg{reqID: id, pstn: ck.Rows, partial: ck.Partial, ch: ch}
			})
		} else {
			p, err = graphclient.NewDirectRoutingLoader(c, opts).Stream(ctx, from, to, func(ck graphclient.LogChunk[model.DirectRoutingRow]) {
				ch <- bulkChunkMsg{reqID: id, dr: ck.Rows, partial: ck.Partial, ch: ch}
			})
		}
		ch <- bulkDoneMsg{reqID: id, p: p, err: err}
	}()
	return bulkListen(ch), cancel
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

// logFeedAdoptMsg hands a summary's complete feed to the list it was
// opened from, which then shows every row of the range without paging.
type logFeedAdoptMsg struct {
	old, new *logFeed
}
