package rowstore

import "strings"

// trunkSet is the distinct trunks a Direct Routing store holds, and their
// short names for a column too narrow for the whole FQDN. Every trunk of a
// tenant usually ends in its domain (".contoso.com") and often starts with
// the same letters ("sbc…"), so a name cut on the right reads the same for
// all of them: the short name drops the domain labels all trunks share
// instead, keeping what tells them apart.
type trunkSet struct {
	seen   map[uint32]bool
	names  []string          // the distinct non-empty trunks, first seen first
	widest int               // the longest name's length
	short  map[uint32]string // by interned id; nil until asked after a change
}

// add notes trunk id (name) of a row just stored.
func (t *trunkSet) add(id uint32, name string) {
	if name == "" || t.seen[id] {
		return
	}
	if t.seen == nil {
		t.seen = map[uint32]bool{}
	}
	t.seen[id] = true
	t.names = append(t.names, name)
	t.widest = max(t.widest, len(name)) // DNS names are ASCII
	t.short = nil
}

// shortName is name less the domain labels every trunk loaded shares,
// keeping at least its first label; name itself when nothing is shared.
func (t *trunkSet) shortName(id uint32, name string) string {
	if t.short == nil {
		t.short = make(map[uint32]string, len(t.names))
	}
	if s, ok := t.short[id]; ok {
		return s
	}
	s := name
	if n := sharedSuffixLabels(t.names); n > 0 {
		labels := strings.Split(name, ".")
		if keep := len(labels) - n; keep >= 1 {
			s = strings.Join(labels[:keep], ".")
		}
	}
	t.short[id] = s
	return s
}

// sharedSuffixLabels is how many trailing dot-separated labels all names
// share (case-insensitively, as DNS names compare), leaving every name at
// least one label of its own.
func sharedSuffixLabels(names []string) int {
	if len(names) == 0 {
		return 0
	}
	first := strings.Split(names[0], ".")
	n := len(first) - 1
	for _, name := range names[1:] {
		labels := strings.Split(name, ".")
		n = min(n, len(labels)-1)
		for k := 1; k <= n; k++ {
			if !strings.EqualFold(labels[len(labels)-k], first[len(first)-k]) {
				n = k - 1
				break
			}
		}
	}
	return max(n, 0)
}

// TrunkWidest is the length of the longest trunk name loaded: a column
// narrower than that shows every trunk short (TrunkShort), so that the
// names line up alike.
func (s *DRStore) TrunkWidest() int { return s.trunks.widest }

// TrunkShort is row i's trunk less the domain labels every trunk loaded
// shares ("sbc2" beside "sbc-branch" for sbc2.contoso.com and
// sbc-branch.contoso.com): the cell for a column too narrow for the whole
// name. A lone trunk keeps its first label.
func (s *DRStore) TrunkShort(i int32) string {
	id := s.Rows.At(i).Trunk
	return s.trunks.shortName(id, s.Strings.Str(id))
}
