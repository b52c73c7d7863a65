package rowstore

import (
	"math"
	"slices"
	"strings"
	"time"

	"github.com/callscope/callscope/model"
)

// The log views keep up to millions of rows, so rows are stored compactly
// (see drRow): times as int64/int32, codes as int32, every repeating string
// interned, ids as 16-byte GUIDs. Rows live in fixed-size chunks so that
// growth never copies the store nor leaves a quarter of a huge slice unused.

// chunkBits sizes store chunks: 1024 rows each, about one Graph page.
const chunkBits = 10

const chunkSize = 1 << chunkBits

// chunked is an append-only list of T in fixed-size arrays. A chunk, once
// allocated, never moves, so a copy of the struct is a consistent snapshot
// of the first n rows that an export goroutine may read while Update keeps
// appending.
type chunked[T any] struct {
	chunks []*[chunkSize]T
	n      int
}

// add appends a zero T and returns it for filling.
func (c *chunked[T]) add() *T {
	if c.n&(chunkSize-1) == 0 {
		c.chunks = append(c.chunks, new([chunkSize]T))
	}
	p := &c.chunks[c.n>>chunkBits][c.n&(chunkSize-1)]
	c.n++
	return p
}

// At returns row i, which must be below n.
func (c *chunked[T]) At(i int32) *T { return &c.chunks[i>>chunkBits][i&(chunkSize-1)] }

// strTab interns strings: each distinct value is kept once and named by a
// uint32; 0 is always "".
type strTab struct {
	ids  map[string]uint32
	strs []string
}

func newStrTab() strTab {
	return strTab{ids: make(map[string]uint32), strs: []string{""}}
}

// id interns s. The string is cloned so that it never pins a larger buffer.
func (t *strTab) ID(s string) uint32 {
	if s == "" {
		return 0
	}
	if id, ok := t.ids[s]; ok {
		return id
	}
	s = strings.Clone(s)
	id := uint32(len(t.strs))
	t.strs = append(t.strs, s)
	t.ids[s] = id
	return id
}

// lookup finds s without interning it; ok is false when no row has it.
func (t *strTab) lookup(s string) (uint32, bool) {
	if s == "" {
		return 0, true
	}
	id, ok := t.ids[s]
	return id, ok
}

func (t *strTab) Str(id uint32) string { return t.strs[id] }

// clone returns s's interned copy when the table has one, else a private
// copy, so stored strings never pin a decoded page's buffers.
func (t *strTab) clone(s string) string {
	if id, ok := t.ids[s]; ok {
		return t.strs[id]
	}
	return strings.Clone(s)
}

// DRUser is the user triple of a log row, interned as a whole: users
// repeat per row.
type DRUser struct{ id, UPN, Name string }

// userTab interns the users of Direct Routing or PSTN rows; 0 is always
// the empty user.
type userTab struct {
	users []DRUser
	ids   map[DRUser]uint32
}

func newUserTab() userTab {
	return userTab{users: []DRUser{{}}, ids: map[DRUser]uint32{{}: 0}}
}

// id interns u; a new user's strings are cloned through odd so that they
// never pin a decoded page's buffers.
func (t *userTab) id(u DRUser, odd *strTab) uint32 {
	if id, ok := t.ids[u]; ok {
		return id
	}
	u = DRUser{odd.clone(u.id), odd.clone(u.UPN), odd.clone(u.Name)}
	id := uint32(len(t.users))
	t.users = append(t.users, u)
	t.ids[u] = id
	return id
}

func (t *userTab) User(id uint32) DRUser { return t.users[id] }

// label is what the list shows for a user: the UPN, else the display
// name, else the id.
func (t *userTab) label(id uint32) string {
	u := &t.users[id]
	switch {
	case u.UPN != "":
		return u.UPN
	case u.Name != "":
		return u.Name
	}
	return u.id
}

// ranks orders the users by their label.
func (t *userTab) ranks() []uint32 { return labelRanks(len(t.users), t.label) }

// ranks orders the interned strings: ranks[id] is the position of string id
// in byte order, so sorting rows by a string column compares two uint32s.
func (t *strTab) Ranks() []uint32 {
	order := make([]uint32, len(t.strs))
	for i := range order {
		order[i] = uint32(i)
	}
	slices.SortFunc(order, func(a, b uint32) int { return strings.Compare(t.strs[a], t.strs[b]) })
	// Equal strings (two users may share a label) share a rank, so that
	// their rows tie and keep load order, as Compare orders them.
	r := make([]uint32, len(t.strs))
	for pos, id := range order {
		r[id] = uint32(pos)
		if pos > 0 && t.strs[id] == t.strs[order[pos-1]] {
			r[id] = r[order[pos-1]]
		}
	}
	return r
}

// idField stores an id as 16 bytes when it is a canonical lower-case GUID
// (so it formats back to the same text), else interned in odd with
// the table index in the first four bytes; it reports which.
func idField(s string, odd *strTab) (g [16]byte, interned bool) {
	if parseGUID(s, &g) {
		return g, false
	}
	id := odd.ID(s)
	g[0], g[1], g[2], g[3] = byte(id), byte(id>>8), byte(id>>16), byte(id>>24)
	return g, true
}

// IDString undoes idField.
func IDString(g [16]byte, interned bool, odd *strTab) string {
	if !interned {
		return FormatGUID(&g)
	}
	return odd.Str(uint32(g[0]) | uint32(g[1])<<8 | uint32(g[2])<<16 | uint32(g[3])<<24)
}

// noDelta marks a time a row does not have.
const noDelta = math.MinInt32

// nsOf is t in Unix nanoseconds, 0 for "no value".
func nsOf(t model.Time) int64 {
	if t.IsZero() {
		return 0
	}
	return t.UnixNano()
}

// timeOfNs undoes nsOf.
func timeOfNs(ns int64) model.Time {
	if ns == 0 {
		return model.Time{}
	}
	return model.NewTime(time.Unix(0, ns).UTC())
}

// msDelta stores t as milliseconds after base; ok is false when it does
// not fit an int32 (about ±24 days) and the row must keep it wide.
func msDelta(base int64, t model.Time) (d int32, ok bool) {
	if t.IsZero() {
		return noDelta, true
	}
	if base == 0 {
		return 0, false
	}
	v := (t.UnixNano() - base) / int64(time.Millisecond)
	if v <= math.MinInt32 || v > math.MaxInt32 {
		return 0, false
	}
	return int32(v), true
}

// deltaTime undoes msDelta.
func deltaTime(base int64, d int32) model.Time {
	if d == noDelta {
		return model.Time{}
	}
	return timeOfNs(base + int64(d)*int64(time.Millisecond))
}
