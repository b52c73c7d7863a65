package table

import (
	"slices"
	"testing"
)

func TestSparkline(t *testing.T) {
	cases := []struct {
		counts []int32
		width  int
		peak   int32
		want   string
	}{
		{[]int32{0, 1, 2, 3, 4, 5, 6, 7}, 8, 0, "▁▂▃▄▅▆▇█"},
		{[]int32{0, 1, 100}, 3, 0, "▁▂█"}, // one failure is never drawn as none
		{[]int32{5, 5}, 2, 10, "▅▅"},      // a shared peak scales lines alike
		{[]int32{20}, 1, 10, "█"},         // over the peak is capped
		{[]int32{1, 1, 1, 1, 0, 0}, 3, 0, "██▁"},
		{nil, 5, 0, ""},
		{[]int32{3}, 0, 0, ""},
	}
	for _, c := range cases {
		if got := SparklineWithPeak(c.counts, c.width, c.peak); got != c.want {
			t.Errorf("sparkline(%v, %d, %d) = %q, want %q", c.counts, c.width, c.peak, got, c.want)
		}
	}
	if got := Sparkline([]int32{0, 3}, 10); got != "▁█" {
		t.Errorf("Sparkline = %q", got)
	}
}

func TestSparkBinsKeepEveryCount(t *testing.T) {
	counts := make([]int32, 72)
	for i := range counts {
		counts[i] = int32(i % 5)
	}
	var total int32
	for _, c := range counts {
		total += c
	}
	for _, w := range []int{1, 7, 40, 71, 72, 100} {
		bins := sparklineBins(counts, w)
		var sum int32
		for _, b := range bins {
			sum += b
		}
		if sum != total || len(bins) != min(w, len(counts)) {
			t.Errorf("width %d: %d bins summing to %d, want %d", w, len(bins), sum, total)
		}
	}
	if got := sparklineBins(counts, 72); !slices.Equal(got, counts) {
		t.Error("counts that fit are not changed")
	}
}
