package table

import "strings"

// sparkBars are the eight levels of a sparkline, lowest first.
var sparkBars = [...]string{"▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"}

// sparklineBins fits counts into at most width cells, summing neighbours when
// there are more counts than cells so that no event is lost.
func sparklineBins(counts []int32, width int) []int32 {
	n := len(counts)
	if width <= 0 || n == 0 {
		return nil
	}
	if n <= width {
		return counts
	}
	out := make([]int32, width)
	for j := range out {
		lo, hi := j*n/width, (j+1)*n/width
		for _, c := range counts[lo:hi] {
			out[j] += c
		}
	}
	return out
}

// SparklinePeak is the largest count once binned to width.
func SparklinePeak(counts []int32, width int) int32 {
	var m int32
	for _, c := range sparklineBins(counts, width) {
		m = max(m, c)
	}
	return m
}

// SparklineWithPeak draws counts in at most width cells scaled to peak (the
// line's own maximum when peak ≤ 0), so several lines drawn with one peak
// compare. Zero is the lowest bar; any non-zero count is at least the
// second, so a single failure never looks like none.
func SparklineWithPeak(counts []int32, width int, peak int32) string {
	bins := sparklineBins(counts, width)
	if peak <= 0 {
		for _, c := range bins {
			peak = max(peak, c)
		}
	}
	var b strings.Builder
	b.Grow(len(bins) * 3)
	for _, c := range bins {
		lvl := 0
		if c > 0 && peak > 0 {
			lvl = int((int64(min(c, peak))*7 + int64(peak) - 1) / int64(peak))
			lvl = min(max(lvl, 1), 7)
		}
		b.WriteString(sparkBars[lvl])
	}
	return b.String()
}

// Sparkline draws counts (per-hour failures from a triage summary) as one
// line of at most width cells of ▁▂▃▄▅▆▇█, scaled to its own maximum.
// The CLI's --summary table uses it too.
func Sparkline(counts []int32, width int) string { return SparklineWithPeak(counts, width, 0) }
