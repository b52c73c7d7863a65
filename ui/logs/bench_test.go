package logs

import (
	"encoding/binary"
	"runtime"
	"sync"
	"testing"
	"time"

	"github.com/callscope/callscope/model"
	"github.com/callscope/callscope/model/directive"
	"github.com/callscope/callscope/ui/common"
	"github.com/callscope/callscope/ui/rowstore"
	"github.com/callscope/callscope/ui/uitest"
	tea "github.com/charmbracelet/bubbletea"
)

// Benchmarks of the Direct Routing view at a million rows, built from the
// demo tenant's 20,000 rows repeated with fresh ids (so ids are unique and
// users, numbers, trunks and phrases repeat as they do in a real tenant).
//
//	go test ./ui/logs -run '^$' -bench 'Log' -benchmem

// benchRowGUID makes the i-th distinct lower-case GUID.
func benchRowGUID(i uint64, salt byte) string {
	var b [16]byte
	binary.BigEndian.PutUint64(b[8:], i)
	b[0], b[6], b[8] = salt, 0x40|b[6]&0x0f, 0x80|b[8]&0x3f
	return rowstore.FormatGUID(&b)
}

// benchPage fills page with rows n.. of the million-row set, the way a
// decoded Graph page arrives: fresh strings for every row.
func benchPage(page []model.DirectRoutingRow, n int) {
	demo := uitest.DemoTenant.DirectRoutingRows()
	for j := range page {
		i := n + j
		r := demo[i%len(demo)]
		shift := time.Duration(i/len(demo)) * time.Minute
		r.ID, r.CorrelationID = benchRowGUID(uint64(i), 1), benchRowGUID(uint64(i), 2)
		r.StartDateTime = model.NewTime(r.StartDateTime.Add(shift))
		// Decoding allocates every string anew; intern must cope.
		r.UserPrincipalName = string([]byte(r.UserPrincipalName))
		r.CallerNumber, r.CalleeNumber = string([]byte(r.CallerNumber)), string([]byte(r.CalleeNumber))
		r.TrunkFullyQualifiedDomainName = string([]byte(r.TrunkFullyQualifiedDomainName))
		page[j] = r
	}
}

// benchStore loads n rows a page at a time.
func benchStore(n int) *rowstore.DRStore {
	s := rowstore.NewDRStore()
	page := make([]model.DirectRoutingRow, 1000)
	for done := 0; done < n; done += len(page) {
		p := page[:min(len(page), n-done)]
		benchPage(p, done)
		for i := range p {
			s.Add(&p[i])
		}
	}
	return s
}

var (
	millionOnce sync.Once
	millionDR   *rowstore.DRStore
)

// million is one shared million-row store; benchmarks only read it.
func million() *rowstore.DRStore {
	millionOnce.Do(func() { millionDR = benchStore(1_000_000) })
	return millionDR
}

// BenchmarkLogMemoryPerRow reports the heap a loaded row costs: the row,
// its share of the interned strings and of the tables' maps.
func BenchmarkLogMemoryPerRow(b *testing.B) {
	const n = 1_000_000
	for b.Loop() {
		runtime.GC()
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		s := benchStore(n)
		runtime.GC()
		runtime.ReadMemStats(&after)
		b.ReportMetric(float64(after.HeapAlloc-before.HeapAlloc)/n, "heapB/row")
		runtime.KeepAlive(s)
	}
}

// benchLogScreen is a Direct Routing view over store at 120x27 (the body of a
// 120x30 terminal), with every row loaded.
func benchLogScreen(store *rowstore.DRStore) *List {
	f := newFeed(drOver(store), uitest.Now.Add(-30*24*time.Hour), uitest.Now)
	f.Started = true
	c := uitest.Common(uitest.Now)
	s := newList(c, f, rowstore.LogGroup{})
	s.Update(common.BodySizeMsg{Width: 120, Height: 27})
	return s
}

// BenchmarkLogKeystroke is one key (down, then up) and the redraw, with
// 10k and 1M rows loaded: the cost and allocations must not grow with
// the rows.
func BenchmarkLogKeystroke(b *testing.B) {
	for _, bc := range []struct {
		name  string
		store func() *rowstore.DRStore
	}{{"rows=10k", func() *rowstore.DRStore { return benchStore(10_000) }}, {"rows=1M", million}} {
		for _, failures := range []bool{false, true} {
			name := bc.name
			if failures {
				name += "/failures-sorted"
			}
			b.Run(name, func(b *testing.B) {
				s := benchLogScreen(bc.store())
				if failures {
					s.filter.failuresOnly, s.sort = true, sortOrder{col: rowstore.DRColTrunk}
					benchSettleView(s)
				}
				s.tbl.SetCursor(s.tbl.Len() / 2)
				keys := []tea.KeyMsg{uitest.KeyDown, uitest.KeyUp}
				i := 0
				for b.Loop() {
					s.Update(keys[i&1])
					_ = s.View()
					i++
				}
			})
		}
	}
}

// BenchmarkLogFailuresToggle is f at a million rows: the view index is
// rebuilt (off the loop, run here inline) and the cursor row found again;
// rows do not move. loop-ns/op is the event loop's share.
func BenchmarkLogFailuresToggle(b *testing.B) {
	s := benchLogScreen(million())
	s.tbl.SetCursor(500_000)
	var loop loopClock
	for b.Loop() {
		s.filter.failuresOnly = !s.filter.failuresOnly
		loop.update(s, loop.do(s.rebuild))
	}
	loop.report(b)
}

// BenchmarkLogSort sorts a million rows by a numeric and a string column:
// ns/op is the whole work, the build off the loop included; loop-ns/op is
// what the event loop spends (the Update that asks for the sort and the
// one that swaps the built view in).
func BenchmarkLogSort(b *testing.B) {
	for _, col := range []int{rowstore.DRColStart, rowstore.DRColDuration, rowstore.DRColTrunk, rowstore.DRColSIP, rowstore.DRColNumbers} {
		b.Run(drAbout.cols[col].Name, func(b *testing.B) {
			s := benchLogScreen(million())
			s.tbl.SetCursor(500_000)
			var loop loopClock
			for b.Loop() {
				s.sort = sortOrder{col: col, desc: !s.sort.desc}
				loop.update(s, loop.do(s.rebuild))
			}
			loop.report(b)
		})
	}
}

// BenchmarkLogSummaryGroup groups a million stored rows, as the triage
// summary does when it opens over a list that holds them: ns/op is the
// whole work, loop-ns/op the event loop's share (opening the summary and
// swapping the groups in).
func BenchmarkLogSummaryGroup(b *testing.B) {
	store := million()
	f := newFeed(drOver(store), uitest.Now.Add(-30*24*time.Hour), uitest.Now)
	f.Started = true
	var loop loopClock
	for b.Loop() {
		sum := &summary{c: uitest.Common(uitest.Now), base: f, feed: f}
		loop.update(sum, loop.do(sum.reset))
		if drSum(sum).Calls != store.Len() {
			b.Fatal("not every row was grouped")
		}
	}
	loop.report(b)
}

// drOver is a Direct Routing report over rows already stored.
func drOver(store *rowstore.DRStore) *directRouting {
	r := newDirectRouting()
	r.DRStore, r.add = store, store.Add
	return r
}

// BenchmarkPromptFilter applies a prompt line to a Direct Routing view of a
// million rows: the view index is rebuilt under the line's filters (user
// and phone lookups are memoised per interned id, so a row costs a slice
// read).
//
//	go test ./ui/logs -run '^$' -bench PromptFilter -benchmem
func BenchmarkPromptFilter(b *testing.B) {
	for _, line := range []string{"failed sip 487", "user anette", `user "+1 425 555"`, "trunk sbc1 failed"} {
		b.Run(line, func(b *testing.B) {
			ds, err := directive.Parse(line, uitest.Now)
			if err != nil {
				b.Fatal(err)
			}
			s := benchLogScreen(million())
			s.tbl.SetCursor(500_000)
			for b.Loop() {
				s.filter = filter{}
				cmd, err := s.ApplyDirectives(ds)
				if err != nil {
					b.Fatal(err)
				}
				if cmd != nil {
					s.Update(cmd())
				}
			}
		})
	}
}
