package rowstore

import "hash/maphash"

// smallStrings interns the few distinct values of an enum-like column,
// keeping any value Graph sends (unknown ones included) as sent.
type smallStrings struct {
	idx  map[string]uint16
	strs []string
}

func (s *smallStrings) intern(v string) uint16 {
	if i, ok := s.idx[v]; ok {
		return i
	}
	if len(s.strs) >= 0xffff {
		return 0xffff
	}
	if s.idx == nil {
		s.idx = map[string]uint16{}
	}
	i := uint16(len(s.strs))
	s.idx[v] = i
	s.strs = append(s.strs, v)
	return i
}

// internBytes is intern for text in a scratch buffer: the lookup does not
// allocate, only a first sighting copies.
func (s *smallStrings) internBytes(v []byte) uint16 {
	if i, ok := s.idx[string(v)]; ok {
		return i
	}
	return s.intern(string(v))
}

func (s *smallStrings) get(i uint16) string {
	if int(i) < len(s.strs) {
		return s.strs[i]
	}
	return overflowText
}

// textSet finds text already in the arena: open addressing over uint64
// slots that pack the offset (bits 0–31), the length (32–39), 23 bits of
// hash (40–62) and an occupied bit (63). About 11–21 bytes per distinct
// text, where a map[string]uint32 costs over 40, and growing rehashes from
// the stored hash bits without reading the text.
type textSet struct {
	slots []uint64
	n     int
	seed  maphash.Seed
}

const (
	slotUsed   = 1 << 63
	hashBits   = 23
	hashShift  = 40
	firstSlots = 64
)

// hash is the 23-bit hash of text; it picks the first slot to probe.
func (t *textSet) hash(text string) uint64 {
	if t.slots == nil {
		t.seed = maphash.MakeSeed()
		t.slots = make([]uint64, firstSlots)
	}
	return maphash.String(t.seed, text) >> (64 - hashBits)
}

// find returns the arena offset of text, if stored.
func (t *textSet) find(s *CallRows, text string, h uint64) (uint32, bool) {
	mask := uint64(len(t.slots) - 1)
	for i := h & mask; ; i = (i + 1) & mask {
		sl := t.slots[i]
		if sl == 0 {
			return 0, false
		}
		if sl>>hashShift&(1<<hashBits-1) == h && int(uint8(sl>>32)) == len(text) &&
			s.text(uint32(sl), uint8(sl>>32)) == text {
			return uint32(sl), true
		}
	}
}

// insert records text stored at off; callers check find first.
func (t *textSet) insert(off uint32, n uint8, h uint64) {
	if (t.n+1)*4 > len(t.slots)*3 {
		old := t.slots
		t.slots = make([]uint64, 2*len(old))
		for _, sl := range old {
			if sl != 0 {
				t.put(sl)
			}
		}
	}
	t.put(slotUsed | h<<hashShift | uint64(n)<<32 | uint64(off))
	t.n++
}

func (t *textSet) put(sl uint64) {
	mask := uint64(len(t.slots) - 1)
	for i := sl >> hashShift & (1<<hashBits - 1) & mask; ; i = (i + 1) & mask {
		if t.slots[i] == 0 {
			t.slots[i] = sl
			return
		}
	}
}
