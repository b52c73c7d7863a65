package rowstore

import "maps"

// clone is a deep copy of c: its chunks are copied, so the copy may grow
// apart from c.
func (c chunked[T]) clone() chunked[T] {
	out := chunked[T]{chunks: make([]*[chunkSize]T, len(c.chunks)), n: c.n}
	for i, ch := range c.chunks {
		cp := *ch
		out.chunks[i] = &cp
	}
	return out
}

func (t strTab) copyTab() strTab {
	return strTab{ids: maps.Clone(t.ids), strs: append([]string(nil), t.strs...)}
}

func (t userTab) copyTab() userTab {
	return userTab{ids: maps.Clone(t.ids), users: append([]DRUser(nil), t.users...)}
}

// Clone is a deep copy of the store that may then grow apart from s: a
// benchmark restarts from the same million rows with it rather than
// decoding them again.
func (s *DRStore) Clone() *DRStore {
	return &DRStore{Rows: s.Rows.clone(), Strings: s.Strings.copyTab(), Numbers: s.Numbers.copyTab(), Odd: s.Odd.copyTab(),
		Users: s.Users.copyTab(), wide: maps.Clone(s.wide),
		trunks: trunkSet{seen: maps.Clone(s.trunks.seen), names: append([]string(nil), s.trunks.names...), widest: s.trunks.widest}}
}

// ReadOnly is a copy of the store as it is now, as Snapshot, that keeps
// the intern tables' maps so that Matcher can be built from it on the
// goroutine that adds rows. The predicate, SortKey and Call it gives then
// read only the rows and tables the copy covers, from any goroutine.
func (s *DRStore) ReadOnly() *DRStore {
	c := *s
	c.wide = maps.Clone(s.wide)
	return &c
}

// ReadOnly is a copy of the store as it is now, as DRStore.ReadOnly.
func (s *PstnStore) ReadOnly() *PstnStore {
	c := *s
	c.wide = maps.Clone(s.wide)
	return &c
}
