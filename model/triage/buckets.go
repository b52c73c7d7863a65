package triage

import "time"

// MaxBuckets bounds the sparkline buckets of a summary: hourly up to 92
// days, coarser beyond, so a long range costs no more than a PSTN maximum.
const MaxBuckets = 92 * 24

// buckets maps instants to fixed-width slots starting at the hour that
// contains the range's start.
type buckets struct {
	start int64 // Unix ns of the first bucket
	size  int64 // ns per bucket, a whole number of hours
	n     int
}

// newBuckets sizes the buckets for [from, to): one per hour, or a whole
// number of hours each when the range would need more than MaxBuckets.
func newBuckets(from, to time.Time) buckets {
	if from.IsZero() || to.IsZero() || !from.Before(to) {
		return buckets{}
	}
	start := from.UTC().Truncate(time.Hour)
	hours := int64((to.Sub(start) + time.Hour - 1) / time.Hour)
	per := (hours + MaxBuckets - 1) / MaxBuckets
	if per < 1 {
		per = 1
	}
	return buckets{start: start.UnixNano(), size: per * int64(time.Hour), n: int((hours + per - 1) / per)}
}

// index is the bucket of at, clamping instants just outside the range (an
// invite shortly before the range's first start) to the ends; -1 when at
// is unknown or there are no buckets.
func (b buckets) index(at int64) int {
	if b.n == 0 || at == 0 {
		return -1
	}
	if at < b.start {
		return 0
	}
	i := (at - b.start) / b.size
	if i >= int64(b.n) {
		return b.n - 1
	}
	return int(i)
}
