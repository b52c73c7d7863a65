package logs

import (
	"runtime"
	"strconv"
	"testing"
	"time"

	"github.com/callscope/callscope/model"
	"github.com/callscope/callscope/ui/common"
	"github.com/callscope/callscope/ui/rowstore"
	tea "github.com/charmbracelet/bubbletea"
)

// BenchmarkLogPageArrival is what one arriving 1,000-row page costs the
// event loop with a million rows loaded: Update of the page message (the
// rows stored, the view extended, the cursor row kept), in load order and
// sorted by a time and a string column. Every few pages the list restarts
// from the same million rows, so the store stays near a million.
//
//	go test ./ui/logs -run '^$' -bench LogPageArrival -benchmem -count 5
func BenchmarkLogPageArrival(b *testing.B) {
	const restartEvery = 64
	pages := make([][]model.DirectRoutingRow, restartEvery)
	for p := range pages {
		pages[p] = make([]model.DirectRoutingRow, 1000)
		benchPage(pages[p], 1_000_000+p*1000)
	}
	for _, order := range []struct {
		name string
		sort sortOrder
	}{{"unsorted", loadOrder}, {"sorted-start", sortOrder{col: rowstore.DRColStart, desc: true}},
		{"sorted-trunk", sortOrder{col: rowstore.DRColTrunk}}} {
		b.Run(order.name, func(b *testing.B) {
			var s *List
			restart := func() {
				s = benchLogScreen(million().Clone())
				s.sort = order.sort
				benchSettleView(s)
				s.tbl.SetCursor(500_000)
			}
			restart()
			i := 0
			for b.Loop() {
				if i == restartEvery {
					b.StopTimer()
					restart()
					i = 0
					b.StartTimer()
				}
				id, _ := s.feed.Begin("p" + strconv.Itoa(i))
				s.Update(pageMsg{reqID: id, page: &model.Page[model.DirectRoutingRow]{Value: pages[i], NextLink: "p" + strconv.Itoa(i+1)}})
				i++
			}
			if s.tbl.Len() < 1_000_000 {
				b.Fatal("rows were lost")
			}
		})
	}
}

// benchSettleView rebuilds s's view after its sort or filter changed, at
// once, as a benchmark's setup.
func benchSettleView(s *List) {
	if cmd := s.rebuild(); cmd != nil {
		s.Update(cmd())
	}
}

// loopClock times what a benchmark's screen does on the event loop,
// apart from the commands it starts, which run off it.
type loopClock struct {
	spent time.Duration
	n     int
}

// do times start, the Update code that starts a command, and returns it.
func (l *loopClock) do(start func() tea.Cmd) tea.Cmd {
	t := time.Now()
	cmd := start()
	l.spent += time.Since(t)
	l.n++
	return cmd
}

// update runs cmd as the runtime would, off the clock, and times s's
// Update of its message.
func (l *loopClock) update(s common.Screen, cmd tea.Cmd) {
	if cmd == nil {
		return
	}
	msg := cmd()
	t := time.Now()
	s.Update(msg)
	l.spent += time.Since(t)
}

// report adds loop-ns/op: the event loop's time per operation.
func (l *loopClock) report(b *testing.B) {
	if l.n > 0 {
		b.ReportMetric(float64(l.spent.Nanoseconds())/float64(l.n), "loop-ns/op")
	}
}

// BenchmarkLogViewMemoryPerRow reports the heap a sorted view adds per
// row shown at a million rows (the order index), beside the store's
// BenchmarkLogMemoryPerRow: together they are the steady state of a
// sorted Direct Routing list.
func BenchmarkLogViewMemoryPerRow(b *testing.B) {
	store := million()
	for b.Loop() {
		runtime.GC()
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		view := rowstore.NewOrder(rowstore.BuildView(store.Len(), nil, store.SortKey(rowstore.DRColTrunk), false))
		runtime.GC()
		runtime.ReadMemStats(&after)
		b.ReportMetric(float64(after.HeapAlloc-before.HeapAlloc)/float64(store.Len()), "heapB/row")
		runtime.KeepAlive(view)
	}
}
