package table

import "hash/maphash"

// idSet remembers strings (row ids, page links) by a 64-bit seeded hash,
// so a list can tell a row it already holds, or a link it already asked
// for, without keeping the text. Hashes live in 256 open-addressed shards
// (linear probing, 0 marks a free slot) picked by the hash's top byte;
// each shard doubles on its own at 3/4 full, so no insert rehashes more
// than 1/256 of the set and a page append never stalls on one big copy.
//
// Cost: 8 bytes a slot at a load between 3/8 and 3/4, so 11–21 bytes an
// id; BenchmarkIDSetBytesPerID measures 15–17 from 10k to 1M ids, where a
// map[uint64]struct{} takes 24–38 and a map[string]struct{} 83–104 (Go
// 1.26). Two distinct ids share a hash with probability about n²/2⁶⁵
// (3·10⁻⁸ at a million rows), and then the second is taken for a repeat;
// the seed is random per set, so a server cannot aim for that.
type idSet struct {
	seed   maphash.Seed
	shards *[idShards]idShard // nil until the first add
	n      int
}

const (
	idShards     = 256
	idShardShift = 56 // the top byte picks the shard
	idFirstSlots = 8
)

type idShard struct {
	slots []uint64
	n     int
}

// Len is the number of distinct strings added.
func (s *idSet) Len() int { return s.n }

// hash is v's nonzero hash under this set's seed.
func (s *idSet) hash(v string) uint64 {
	if s.shards == nil {
		s.seed = maphash.MakeSeed()
		s.shards = new([idShards]idShard)
	}
	if h := maphash.String(s.seed, v); h != 0 {
		return h
	}
	return 1
}

// Has reports whether v was added.
func (s *idSet) Has(v string) bool {
	if s.shards == nil {
		return false
	}
	h := s.hash(v)
	sh := &s.shards[h>>idShardShift]
	_, found := sh.find(h)
	return found
}

// Add records v and reports whether it is new.
func (s *idSet) Add(v string) bool {
	h := s.hash(v)
	sh := &s.shards[h>>idShardShift]
	if (sh.n+1)*4 > len(sh.slots)*3 {
		sh.grow()
	}
	i, found := sh.find(h)
	if found {
		return false
	}
	sh.slots[i] = h
	sh.n++
	s.n++
	return true
}

// find is the slot holding h, or the free slot where it would go.
func (sh *idShard) find(h uint64) (int, bool) {
	if len(sh.slots) == 0 {
		return 0, false
	}
	mask := uint64(len(sh.slots) - 1)
	for i := h & mask; ; i = (i + 1) & mask {
		switch sh.slots[i] {
		case h:
			return int(i), true
		case 0:
			return int(i), false
		}
	}
}

// grow doubles the shard (or makes its first slots) and re-places its
// hashes.
func (sh *idShard) grow() {
	old := sh.slots
	sh.slots = make([]uint64, max(2*len(old), idFirstSlots))
	for _, h := range old {
		if h != 0 {
			i, _ := sh.find(h)
			sh.slots[i] = h
		}
	}
}
