package rowstore

import "context"

// Sorting and filtering never move rows: a view is a slice of row
// positions ([]int32), nil meaning "every row in load order". Keys are
// uint64s whose order is the column's order (strings by rank, see
// strTab.ranks), sorted with an LSD radix sort, which is stable: ties keep
// load order, and a descending sort flips the keys, not the ties.

// keyPair is one row and its sort key.
type keyPair struct {
	Key uint64
	Row int32
}

// KeyFunc gives a row's sort key.
type KeyFunc func(int32) uint64

// signedKey maps an int64 to a uint64 of the same order.
func signedKey(v int64) uint64 { return uint64(v) ^ 1<<63 }

// BuildView lists the rows 0..n-1 that match (nil: all), ordered by key
// (nil: load order), descending if desc. It returns nil for "all rows in
// load order" so that the common case costs no index at all.
func BuildView(n int, match func(int32) bool, key KeyFunc, desc bool) []int32 {
	v, _ := BuildViewContext(context.Background(), n, match, key, desc)
	return v
}

// cancelEvery is how many rows a build reads between looks at its context.
const cancelEvery = 1 << 16

// BuildViewContext is BuildView for a goroutine: it gives up with ctx's
// error when a newer view supersedes this one.
func BuildViewContext(ctx context.Context, n int, match func(int32) bool, key KeyFunc, desc bool) ([]int32, error) {
	if match == nil && key == nil {
		return nil, nil
	}
	if key == nil {
		v := make([]int32, 0, n/4+16)
		for i := int32(0); i < int32(n); i++ {
			if i%cancelEvery == 0 && ctx.Err() != nil {
				return nil, ctx.Err()
			}
			if match(i) {
				v = append(v, i)
			}
		}
		return v, nil
	}
	pairs := make([]keyPair, 0, n)
	for lo := 0; lo < n; lo += cancelEvery {
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		pairs = appendKeyPairs(pairs, lo, min(lo+cancelEvery, n), match, key, desc)
	}
	radixSort(pairs)
	if ctx.Err() != nil {
		return nil, ctx.Err()
	}
	v := make([]int32, len(pairs))
	for j, p := range pairs {
		v[j] = p.Row
	}
	return v, nil
}

// appendKeyPairs appends the keys of the matching rows in lo..hi-1.
func appendKeyPairs(pairs []keyPair, lo, hi int, match func(int32) bool, key KeyFunc, desc bool) []keyPair {
	var flip uint64
	if desc {
		flip = ^uint64(0)
	}
	for i := int32(lo); i < int32(hi); i++ {
		if match == nil || match(i) {
			pairs = append(pairs, keyPair{key(i) ^ flip, i})
		}
	}
	return pairs
}

// radixSort sorts pairs by k, stably, eight bits a pass, skipping passes
// in which every key has the same byte (times share their high bytes).
func radixSort(pairs []keyPair) {
	if len(pairs) < 64 {
		insertionSort(pairs)
		return
	}
	var or, and uint64 = 0, ^uint64(0)
	for _, p := range pairs {
		or |= p.Key
		and &= p.Key
	}
	diff := or ^ and
	buf := make([]keyPair, len(pairs))
	src, dst := pairs, buf
	for shift := uint(0); shift < 64; shift += 8 {
		if (diff>>shift)&0xff == 0 {
			continue
		}
		var count [257]int
		for _, p := range src {
			count[(p.Key>>shift)&0xff+1]++
		}
		for b := 1; b < 257; b++ {
			count[b] += count[b-1]
		}
		for _, p := range src {
			b := (p.Key >> shift) & 0xff
			dst[count[b]] = p
			count[b]++
		}
		src, dst = dst, src
	}
	if &src[0] != &pairs[0] {
		copy(pairs, src)
	}
}

func insertionSort(p []keyPair) {
	for i := 1; i < len(p); i++ {
		for j := i; j > 0 && p[j].Key < p[j-1].Key; j-- {
			p[j], p[j-1] = p[j-1], p[j]
		}
	}
}
