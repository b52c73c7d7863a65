package rowstore

import (
	"cmp"
	"iter"
	"slices"
	"sort"
)

// Order is a view's row positions in order, held in chunks of about
// orderChunk rows, so that an arriving page merges in by rewriting only
// the chunks its rows land in: O(page · log N) comparisons and a few
// kilobytes copied, never all N rows, whatever the sort. A chunk is never
// changed below its length once made (a merge replaces the chunks it
// touches and the chunk list itself; an append only writes past a
// length), so a Clone is a snapshot an export goroutine may read while
// Update keeps adding rows.
type Order struct {
	chunks [][]int32
	ends   []int // ends[c] is the position just after chunk c
}

// orderChunk is the size chunks are cut to; a merge splits a chunk that
// grows past twice that.
const orderChunk = 512

// RowCmp compares two rows in a view's order; it is a total order (ties
// are broken by row, see ViewCmp), so each row has one place.
type RowCmp func(a, b int32) int

// ViewCmp is the order of a view sorted by cmp (nil: load order),
// descending if desc. Ties keep load order, as BuildView's stable sort
// does, and a descending sort flips the values, not the ties.
func ViewCmp(by func(a, b int32) int, desc bool) RowCmp {
	if by == nil {
		return func(a, b int32) int { return cmp.Compare(a, b) }
	}
	return func(a, b int32) int {
		c := by(a, b)
		if desc {
			c = -c
		}
		if c == 0 {
			return cmp.Compare(a, b)
		}
		return c
	}
}

// NewOrder is the order of rows, which are in order already (BuildView's
// result); the Order keeps rows' array.
func NewOrder(rows []int32) *Order {
	o := &Order{}
	for lo := 0; lo < len(rows); lo += orderChunk {
		hi := min(lo+orderChunk, len(rows))
		o.chunks = append(o.chunks, rows[lo:hi:hi])
	}
	o.reindex()
	return o
}

// reindex recomputes ends after the chunk list changed.
func (o *Order) reindex() {
	o.ends = o.ends[:0]
	n := 0
	for _, c := range o.chunks {
		n += len(c)
		o.ends = append(o.ends, n)
	}
}

// Len is the number of rows in the order.
func (o *Order) Len() int {
	if o == nil || len(o.ends) == 0 {
		return 0
	}
	return o.ends[len(o.ends)-1]
}

// At is the row at position pos, which must be below Len.
func (o *Order) At(pos int) int32 {
	c := sort.SearchInts(o.ends, pos+1)
	if c > 0 {
		pos -= o.ends[c-1]
	}
	return o.chunks[c][pos]
}

// Clone is a copy that later merges and appends to o leave unchanged.
func (o *Order) Clone() *Order {
	if o == nil {
		return nil
	}
	return &Order{chunks: slices.Clip(slices.Clone(o.chunks)), ends: slices.Clone(o.ends)}
}

// Locate is the position of row r in an order sorted by by, or -1.
func (o *Order) Locate(r int32, by RowCmp) int {
	if o.Len() == 0 {
		return -1
	}
	c := sort.Search(len(o.chunks), func(c int) bool {
		ch := o.chunks[c]
		return by(ch[len(ch)-1], r) >= 0
	})
	if c == len(o.chunks) {
		return -1
	}
	ch := o.chunks[c]
	i := sort.Search(len(ch), func(i int) bool { return by(ch[i], r) >= 0 })
	if i == len(ch) || ch[i] != r {
		return -1
	}
	if c > 0 {
		i += o.ends[c-1]
	}
	return i
}

// Append adds rows that come after every row held (load order).
func (o *Order) Append(rows []int32) {
	for len(rows) > 0 {
		last := len(o.chunks) - 1
		if last < 0 || len(o.chunks[last]) >= orderChunk {
			o.chunks = append(o.chunks, make([]int32, 0, orderChunk))
			last++
		}
		k := min(orderChunk-len(o.chunks[last]), len(rows))
		o.chunks[last] = append(o.chunks[last], rows[:k]...)
		rows = rows[k:]
	}
	o.reindex()
}

// Merge adds rows, sorted by by already, to an order sorted by by. Each
// chunk that takes rows is replaced by a merged copy (split when it grows
// past twice orderChunk), and the chunk list by a new one, so a Clone
// taken before is untouched.
func (o *Order) Merge(rows []int32, by RowCmp) {
	if len(rows) == 0 {
		return
	}
	if len(o.chunks) == 0 {
		*o = *NewOrder(slices.Clone(rows))
		return
	}
	out := make([][]int32, 0, len(o.chunks)+len(rows)/orderChunk+1)
	next, c := 0, 0 // next: the first chunk not yet in out
	for len(rows) > 0 {
		// The first chunk whose last row sorts after rows[0] takes every
		// row up to that last row; the last chunk takes the rest.
		c += sort.Search(len(o.chunks)-c, func(i int) bool {
			ch := o.chunks[c+i]
			return by(ch[len(ch)-1], rows[0]) > 0
		})
		if c == len(o.chunks) {
			c--
		}
		out = append(out, o.chunks[next:c]...)
		ch := o.chunks[c]
		k := len(rows)
		if c < len(o.chunks)-1 {
			k = sort.Search(len(rows), func(i int) bool { return by(rows[i], ch[len(ch)-1]) > 0 })
		}
		out = appendSplit(out, mergeRows(ch, rows[:k], by))
		rows = rows[k:]
		c++
		next = c
	}
	o.chunks = append(out, o.chunks[next:]...)
	o.reindex()
}

// mergeRows merges b, a few rows, into a, a chunk, in a new slice: each
// of b's rows is placed by binary search and a's rows are copied in runs,
// so a merge costs len(b)·log(len(a)) comparisons, not len(a).
func mergeRows(a, b []int32, by RowCmp) []int32 {
	out := make([]int32, 0, len(a)+len(b))
	for _, x := range b {
		i := sort.Search(len(a), func(i int) bool { return by(a[i], x) > 0 })
		out = append(out, a[:i]...)
		out = append(out, x)
		a = a[i:]
	}
	return append(out, a...)
}

// appendSplit appends rows to chunks, cut into even pieces of at most
// twice orderChunk.
func appendSplit(chunks [][]int32, rows []int32) [][]int32 {
	if len(rows) <= 2*orderChunk {
		return append(chunks, rows[:len(rows):len(rows)])
	}
	parts := (len(rows) + orderChunk - 1) / orderChunk
	for p := range parts {
		lo, hi := p*len(rows)/parts, (p+1)*len(rows)/parts
		chunks = append(chunks, rows[lo:hi:hi])
	}
	return chunks
}

// Rows is every row of the order, in order, in a new slice.
func (o *Order) Rows() []int32 {
	out := make([]int32, 0, o.Len())
	for _, c := range o.chunks {
		out = append(out, c...)
	}
	return out
}

// From yields the rows from position pos on, in order.
func (o *Order) From(pos int) iter.Seq[int32] {
	return func(yield func(int32) bool) {
		if pos >= o.Len() {
			return
		}
		c := sort.SearchInts(o.ends, pos+1)
		if c > 0 {
			pos -= o.ends[c-1]
		}
		for ; c < len(o.chunks); c, pos = c+1, 0 {
			for _, r := range o.chunks[c][pos:] {
				if !yield(r) {
					return
				}
			}
		}
	}
}
