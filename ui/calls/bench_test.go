package calls

import (
	"fmt"
	"runtime"
	"testing"
	"time"

	"github.com/callscope/callscope/model"
	"github.com/callscope/callscope/ui/common"
	"github.com/callscope/callscope/ui/rowstore"
	"github.com/callscope/callscope/ui/uitest"
)

// benchSizes are the loaded row counts the targets are stated for.
var benchSizes = []struct {
	name string
	n    int
}{{"1k", 1_000}, {"100k", 100_000}, {"1M", 1_000_000}}

// benchOrganizers is a tenant-like pool: 5,000 distinct organizers (users,
// phone numbers, guests), as a large tenant's month of calls would have.
var benchOrganizers = func() []*model.Participant {
	out := make([]*model.Participant, 5000)
	for i := range out {
		switch i % 5 {
		case 0:
			out[i] = &model.Participant{Identity: &model.IdentitySet{Phone: &model.Identity{ID: fmt.Sprintf("+1425555%04d", i)}}}
		case 1:
			out[i] = &model.Participant{Identity: &model.IdentitySet{Guest: &model.Identity{DisplayName: fmt.Sprintf("Guest %d", i)}}}
		default:
			out[i] = &model.Participant{Identity: &model.IdentitySet{User: &model.Identity{DisplayName: fmt.Sprintf("Employee Number %05d Contoso", i)}}}
		}
	}
	return out
}()

// fillPage rewrites page (reused, so building a million rows does not
// allocate a million records) as rows from..from+len(page).
func fillPage(page []model.CallRecord, from int, distinct bool) {
	for k := range page {
		i := from + k
		r := &page[k]
		r.ID = fmt.Sprintf("%08x-%04x-4000-8000-%012x", i, i%0xffff, i*7919)
		start := uitest.T0.Add(-time.Duration(i) * 2 * time.Second)
		r.StartDateTime = model.NewTime(start)
		r.EndDateTime = model.NewTime(start.Add(time.Duration(i%5000) * time.Second))
		r.Type = []string{model.CallTypePeerToPeer, model.CallTypeGroupCall}[i%2]
		r.Modalities = [][]string{{"audio"}, {"audio", "video"}, {"audio", "video", "screenSharing"}}[i%3]
		if distinct {
			r.OrganizerV2 = &model.Participant{Identity: &model.IdentitySet{Phone: &model.Identity{ID: fmt.Sprintf("+44%010d", i)}}}
		} else {
			r.OrganizerV2 = benchOrganizers[i%len(benchOrganizers)]
		}
	}
}

// loadRows appends n rows in Graph-sized pages of 60 and returns the
// longest single append in thread CPU time: the worst stall a page arrival
// causes, chunk allocation, dedup-set growth and GC assists included, but
// not the time a loaded machine's scheduler ran something else.
func loadRows(s *rowstore.CallRows, n int, distinct bool) (worst time.Duration) {
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	page := make([]model.CallRecord, 60)
	for from := 0; from < n; from += 60 {
		p := page[:min(60, n-from)]
		fillPage(p, from, distinct)
		t0 := threadCPU()
		s.Append(p)
		worst = max(worst, threadCPU()-t0)
	}
	return worst
}

// benchScreen is a calls screen at 120x40 with n rows and nothing more to fetch.
func benchScreen(n int) *Screen {
	s := New(uitest.Common(uitest.T0), Filter{})
	s.Update(common.BodySizeMsg{Width: 120, Height: 40})
	loadRows(s.rows, n, false)
	s.tbl.SetLen(s.rows.Len())
	return s
}

// BenchmarkCallsKeystroke is one down key through Update plus View, in the
// middle of the loaded rows. Target: ≤ 150 µs at 1M rows, with allocations
// that do not grow with the rows loaded.
func BenchmarkCallsKeystroke(b *testing.B) {
	for _, sz := range benchSizes {
		b.Run("rows="+sz.name, func(b *testing.B) {
			s := benchScreen(sz.n)
			s.tbl.SetCursor(sz.n / 2)
			b.ReportAllocs()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				if s.tbl.Cursor() == sz.n-1 {
					s.tbl.SetCursor(0)
				}
				s.Update(uitest.KeyDown)
				_ = s.View()
			}
		})
	}
}

// BenchmarkCallsPageAppend is one 60-row page arriving (Update with the
// page message). Target: never more than 1 ms, whatever is loaded.
func BenchmarkCallsPageAppend(b *testing.B) {
	for _, sz := range benchSizes {
		b.Run("rows="+sz.name, func(b *testing.B) {
			s := benchScreen(sz.n)
			pages := make([][]model.CallRecord, 64)
			for p := range pages {
				pages[p] = make([]model.CallRecord, 60)
				fillPage(pages[p], sz.n+p*60, false)
			}
			b.ReportAllocs()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				page := pages[i%len(pages)]
				if i >= len(pages) {
					// Fresh ids: a page of rows already loaded is deduplicated,
					// not appended, and would measure less than an arrival.
					b.StopTimer()
					fillPage(page, sz.n+i*60, false)
					b.StartTimer()
				}
				s.Pending = uint64(i + 1)
				s.Update(pageMsg{reqID: s.Pending, page: &model.Page[model.CallRecord]{Value: page, NextLink: "more"}})
			}
		})
	}
}

// BenchmarkCallsMemoryPerRow loads n rows and reports the heap they hold,
// per row (B/row; target ≤ 96), and the longest single page append seen
// while loading (max-cpu-µs/page; target ≤ 1000). "distinct" gives every row
// its own organizer (a worst case: no two calls share one).
func BenchmarkCallsMemoryPerRow(b *testing.B) {
	cases := []struct {
		name     string
		n        int
		distinct bool
	}{}
	for _, sz := range benchSizes {
		cases = append(cases, struct {
			name     string
			n        int
			distinct bool
		}{"rows=" + sz.name, sz.n, false})
	}
	cases = append(cases, struct {
		name     string
		n        int
		distinct bool
	}{"rows=1M/distinct-organizers", 1_000_000, true})
	for _, tc := range cases {
		b.Run(tc.name, func(b *testing.B) {
			var perRow float64
			var worst time.Duration
			for i := 0; i < b.N; i++ {
				var before, after runtime.MemStats
				runtime.GC()
				runtime.ReadMemStats(&before)
				s := rowstore.NewCallRows()
				worst = max(worst, loadRows(s, tc.n, tc.distinct))
				runtime.GC()
				runtime.ReadMemStats(&after)
				perRow = float64(int64(after.HeapAlloc)-int64(before.HeapAlloc)) / float64(tc.n)
				runtime.KeepAlive(s)
			}
			b.ReportMetric(perRow, "B/row")
			b.ReportMetric(float64(worst.Microseconds()), "max-cpu-µs/page")
		})
	}
}
