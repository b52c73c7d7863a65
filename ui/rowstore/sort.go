package rowstore

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
	if match == nil && key == nil {
		return nil
	}
	if key == nil {
		v := make([]int32, 0, n/4+16)
		for i := int32(0); i < int32(n); i++ {
			if match(i) {
				v = append(v, i)
			}
		}
		return v
	}
	pairs := keyPairs(0, n, match, key, desc)
	radixSort(pairs)
	v := make([]int32, len(pairs))
	for j, p := range pairs {
		v[j] = p.Row
	}
	return v
}

// keyPairs collects the keys of the matching rows in lo..hi-1.
func keyPairs(lo, hi int, match func(int32) bool, key KeyFunc, desc bool) []keyPair {
	var flip uint64
	if desc {
		flip = ^uint64(0)
	}
	pairs := make([]keyPair, 0, hi-lo)
	for i := int32(lo); i < int32(hi); i++ {
		if match == nil || match(i) {
			pairs = append(pairs, keyPair{key(i) ^ flip, i})
		}
	}
	return pairs
}

// ExtendView adds rows lo..hi-1 (new since the view was built) to view,
// keeping its order: appended in load order, or merged by key. The result
// may share view's array only by appending past its length, so a copy of
// the old slice header stays valid for readers such as an export.
func ExtendView(view []int32, lo, hi int, match func(int32) bool, key KeyFunc, desc bool) []int32 {
	if key == nil {
		for i := int32(lo); i < int32(hi); i++ {
			if match == nil || match(i) {
				view = append(view, i)
			}
		}
		return view
	}
	add := keyPairs(lo, hi, match, key, desc)
	if len(add) == 0 {
		return view
	}
	radixSort(add)
	var flip uint64
	if desc {
		flip = ^uint64(0)
	}
	out := make([]int32, 0, len(view)+len(add))
	j := 0
	for _, r := range view {
		k := key(r) ^ flip
		// Older rows win ties: they come first in load order.
		for j < len(add) && add[j].Key < k {
			out = append(out, add[j].Row)
			j++
		}
		out = append(out, r)
	}
	for ; j < len(add); j++ {
		out = append(out, add[j].Row)
	}
	return out
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

// FindRow is the position of row r in view, or -1.
func FindRow(view []int32, r int32) int {
	for pos, v := range view {
		if v == r {
			return pos
		}
	}
	return -1
}
