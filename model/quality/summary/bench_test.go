package summary

import (
	"fmt"
	"runtime"
	"testing"
	"time"

	"github.com/callscope/callscope/model"
)

// benchRecords makes n distinct records of a two-party call with audio and
// video (four streams), spread over 30 days, 2,000 subnets, 40 client
// versions and 12 devices, one poor stream in ten.
func benchRecords(n int) []model.CallRecord {
	out := make([]model.CallRecord, n)
	versions := make([]*model.Endpoint, 40)
	for i := range versions {
		versions[i] = client([]string{"windows", "macOS", "iOS", "android"}[i%4], fmt.Sprintf("25.%d.%d", i, i*7))
	}
	nets := make([]*model.NetworkInfo, 2000)
	for i := range nets {
		nets[i] = &model.NetworkInfo{Subnet: fmt.Sprintf("10.%d.%d.0", i/250, i%250), ConnectionType: []string{"wired", "wifi", "mobile"}[i%3],
			RelayIPAddress: fmt.Sprintf("52.114.%d.1", i%16)}
		if nets[i].ConnectionType == "wifi" {
			nets[i].WifiBand = []string{"frequency24GHz", "frequency50GHz"}[i%2]
		}
	}
	devs := make([]*model.DeviceInfo, 12)
	for i := range devs {
		devs[i] = &model.DeviceInfo{CaptureDeviceName: fmt.Sprintf("Microphone %d", i), RenderDeviceName: fmt.Sprintf("Speakers %d", i)}
	}
	from := time.Date(2026, 10, 1, 0, 0, 0, 0, time.UTC)
	for i := range out {
		a, b := versions[i%40], versions[(i*7+3)%40]
		audio := []model.MediaStream{goodAudio(c2c), goodAudio(c2r)}
		video := []model.MediaStream{goodVideo(c2c), goodVideo(c2r)}
		if i%10 == 0 {
			audio[0], video[1] = poorAudio(c2c), poorVideo(c2r)
		}
		na, nb := nets[i%2000], nets[(i*13+5)%2000]
		out[i] = record(fmt.Sprintf("%08x-0000-4000-8000-%012x", i, i), from.Add(time.Duration(i)*26*time.Second), a, b,
			model.Media{Label: "main-audio", CallerNetwork: na, CalleeNetwork: nb, CallerDevice: devs[i%12], CalleeDevice: devs[(i+5)%12], Streams: audio},
			model.Media{Label: "main-video", CallerNetwork: na, CalleeNetwork: nb, Streams: video})
	}
	return out
}

// BenchmarkAdd100k adds 100,000 records with four streams each and reads
// every dimension's lines. Issue 14's target: the summary over 100,000
// records in ≤ 2 s, reported as ns/record and B/record; lines/record shows
// that memory follows the lines, not the records.
func BenchmarkAdd100k(b *testing.B) {
	const n = 100_000
	recs := benchRecords(n)
	from := recs[0].StartDateTime.Time
	b.ReportAllocs()
	var before, after, base, held runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&base)
	runtime.ReadMemStats(&before)
	var lines int
	var s *Summary
	for b.Loop() {
		s = New(Options{From: from, To: from.Add(30 * 24 * time.Hour)})
		for i := range recs {
			s.Add(&recs[i])
		}
		lines = 0
		for _, d := range Dimensions() {
			lines += len(s.Lines(d))
		}
	}
	runtime.ReadMemStats(&after)
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*n), "ns/record")
	b.ReportMetric(float64(after.TotalAlloc-before.TotalAlloc)/float64(b.N*n), "B/record")
	b.ReportMetric(float64(lines), "lines")
	// What the summary keeps once built: memory per line, not per record.
	runtime.GC()
	runtime.ReadMemStats(&held)
	b.ReportMetric(float64(int64(held.HeapAlloc)-int64(base.HeapAlloc))/float64(lines), "retained-B/line")
	runtime.KeepAlive(s)
	runtime.KeepAlive(recs)
}
