package quality_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/callscope/callscope/model"
	"github.com/callscope/callscope/model/quality/summary"
	"github.com/callscope/callscope/ui/common"
	"github.com/callscope/callscope/ui/quality"
	"github.com/callscope/callscope/ui/uitest"
	tea "github.com/charmbracelet/bubbletea"
)

// scaleRecords makes n records of one audio media, two streams each, over
// 2,000 subnets (a third of them on Wi-Fi) and 30 days; one caller stream
// in ten is poor. At 100,000 the summary holds thousands of lines: what a
// read of it costs at the scale.
func scaleRecords(n int) []model.CallRecord {
	recs := make([]model.CallRecord, n)
	nets := make([]*model.NetworkInfo, 2000)
	for i := range nets {
		nets[i] = &model.NetworkInfo{Subnet: fmt.Sprintf("10.%d.%d.0", i/250, i%250),
			ConnectionType: []string{"wired", "wifi", "mobile"}[i%3]}
	}
	for i := range recs {
		r := &recs[i]
		r.ID = fmt.Sprintf("%08x-0000-4000-8000-%012x", i, i)
		start := uitest.T0.Add(-time.Duration(i%(30*24*60)) * time.Minute)
		r.StartDateTime, r.EndDateTime = model.NewTime(start), model.NewTime(start.Add(time.Minute))
		jitter := 10
		if i%10 == 0 {
			jitter = 45
		}
		r.Sessions = []model.Session{{Segments: []model.Segment{{StartDateTime: r.StartDateTime, Media: []model.Media{{
			Label: "main-audio", CallerNetwork: nets[i%2000], CalleeNetwork: nets[(i*13+5)%2000],
			Streams: []model.MediaStream{stream("callerToCallee", jitter), stream("calleeToCaller", 10)}}}}}}}
	}
	return recs
}

// BenchmarkRecordArrivals is what each record landing in the calls list
// costs the open summary screen, with 100,000 records already in: the
// record added to the summary (the list's work) and the message that
// reaches the screen. Before the throttle every message read the shown
// dimension's lines and the overall line again; now at most one message
// in refreshEvery does. reads/op would be 1 for a read per record.
//
//	go test ./ui/quality -run '^$' -bench RecordArrivals -benchmem -count 5
func BenchmarkRecordArrivals(b *testing.B) {
	const held = 100_000
	recs := scaleRecords(held + 20_000)
	src := &fakeSource{sum: summary.New(summary.Options{From: uitest.T0.Add(-30 * 24 * time.Hour), To: uitest.T0}),
		total: len(recs), fetching: true}
	for i := range recs[:held] {
		src.sum.Add(&recs[i])
	}
	s := quality.New(uitest.Common(uitest.T0), src)
	s.Update(common.BodySizeMsg{Width: 160, Height: 37})
	s.Update(tea.KeyMsg{Type: tea.KeyRight}) // subnets: the dimension with the most lines
	next := held
	b.ReportAllocs()
	for b.Loop() {
		if next == len(recs) {
			b.StopTimer() // a fresh copy of the records, so each is added once
			next = held
			src.sum = summary.New(summary.Options{From: uitest.T0.Add(-30 * 24 * time.Hour), To: uitest.T0})
			for i := range recs[:held] {
				src.sum.Add(&recs[i])
			}
			s.Update(struct{}{})
			b.StartTimer()
		}
		src.sum.Add(&recs[next])
		next++
		s.Update(struct{}{})
	}
}

// BenchmarkDimensionSwitch100k is → then ← on the screen alone over
// 100,000 records, no record arriving: Update and the screen's View. The
// whole-app keystroke is BenchmarkKeystrokeQualitySummary/dimension.
//
//	go test ./ui/quality -run '^$' -bench DimensionSwitch -benchmem -count 5
func BenchmarkDimensionSwitch100k(b *testing.B) {
	recs := scaleRecords(100_000)
	src := &fakeSource{sum: summary.New(summary.Options{From: uitest.T0.Add(-30 * 24 * time.Hour), To: uitest.T0}),
		total: len(recs)}
	for i := range recs {
		src.sum.Add(&recs[i])
	}
	s := quality.New(uitest.Common(uitest.T0), src)
	s.Update(common.BodySizeMsg{Width: 160, Height: 37})
	keys := [2]tea.KeyMsg{{Type: tea.KeyRight}, {Type: tea.KeyLeft}}
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		s.Update(keys[i&1])
		_ = s.View()
		i++
	}
}
