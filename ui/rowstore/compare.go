package rowstore

import (
	"cmp"
	"strings"
)

// A column's Compare is the order its SortKey gives, without the rank
// tables the keys need: merging an arriving page compares a thousand rows
// against a few dozen each, which is cheaper than ranking every interned
// string again, and the order must be the same one BuildView sorted by.

// byKey compares two rows by a key that needs no ranks.
func byKey(key KeyFunc) func(a, b int32) int {
	return func(a, b int32) int { return cmp.Compare(key(a), key(b)) }
}

// byString compares two rows by an interned string id of each.
func byString(t *strTab, id func(int32) uint32) func(a, b int32) int {
	return func(a, b int32) int {
		x, y := id(a), id(b)
		if x == y {
			return 0
		}
		return strings.Compare(t.Str(x), t.Str(y))
	}
}

// byLabel compares two rows by their users' labels.
func byLabel(t *userTab, id func(int32) uint32) func(a, b int32) int {
	return func(a, b int32) int {
		x, y := id(a), id(b)
		if x == y {
			return 0
		}
		return strings.Compare(t.label(x), t.label(y))
	}
}

// byNumbers compares caller, then callee.
func byNumbers(t *strTab, ids func(int32) (uint32, uint32)) func(a, b int32) int {
	return func(a, b int32) int {
		ca, ea := ids(a)
		cb, eb := ids(b)
		if c := strings.Compare(t.Str(ca), t.Str(cb)); c != 0 || ca == cb && ea == eb {
			return c
		}
		return strings.Compare(t.Str(ea), t.Str(eb))
	}
}

// Compare is the order of column col as SortKey gives it, nil for an
// unknown column.
func (s *DRStore) Compare(col int) func(a, b int32) int {
	at := s.Rows.At
	switch col {
	case DRColUser:
		return byLabel(&s.Users, func(i int32) uint32 { return at(i).User })
	case DRColNumbers:
		return byNumbers(&s.Numbers, func(i int32) (uint32, uint32) { p := at(i); return p.Caller, p.Callee })
	case DRColType:
		return byString(&s.Strings, func(i int32) uint32 { return at(i).callType })
	case DRColTrunk:
		return byString(&s.Strings, func(i int32) uint32 { return at(i).Trunk })
	case DRColLocation:
		return byString(&s.Strings, func(i int32) uint32 { return at(i).sigLoc })
	}
	if key := s.SortKey(col); key != nil {
		return byKey(key)
	}
	return nil
}

// Compare is the order of PSTN column col as SortKey gives it.
func (s *PstnStore) Compare(col int) func(a, b int32) int {
	at := s.Rows.At
	switch col {
	case PstnColUser:
		return byLabel(&s.Users, func(i int32) uint32 { return at(i).User })
	case PstnColNumbers:
		return byNumbers(&s.Numbers, func(i int32) (uint32, uint32) { p := at(i); return p.Caller, p.Callee })
	case PstnColType:
		return byString(&s.strs, func(i int32) uint32 { return at(i).callType })
	case PstnColDest:
		return byString(&s.strs, func(i int32) uint32 { return at(i).destName })
	case PstnColLicense:
		return byString(&s.strs, func(i int32) uint32 { return at(i).license })
	}
	if key := s.SortKey(col); key != nil {
		return byKey(key)
	}
	return nil
}
