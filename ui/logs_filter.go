package ui

import "strconv"

// groupKind names what a triage summary group filters on.
type groupKind uint8

const (
	groupNone     groupKind = iota
	groupCode               // Direct Routing: SIP code + subcode
	groupTrunk              // Direct Routing: trunk FQDN
	groupLocation           // Direct Routing: signaling location
	groupDest               // PSTN: destination name
	groupCallType           // PSTN: call type
	groupLicense            // PSTN: licence capability
)

// logGroup is a summary group turned into a local filter. A code group
// keeps only failed rows, as the summary counted them.
type logGroup struct {
	kind     groupKind
	sip, sub int32
	name     string
}

// label is the group in words for the header and breadcrumb.
func (g logGroup) label() string {
	name := g.name
	if name == "" {
		name = "(none)"
	}
	switch g.kind {
	case groupCode:
		return "SIP " + strconv.Itoa(int(g.sip)) + "/" + strconv.Itoa(int(g.sub))
	case groupTrunk:
		return "trunk " + name
	case groupLocation:
		return "location " + name
	case groupDest:
		return "destination " + name
	case groupCallType:
		return "type " + name
	case groupLicense:
		return "licence " + name
	}
	return ""
}

// matcher is the predicate of failures-only and a group, nil when neither
// applies. Strings are compared as interned ids: a name no row has
// matches nothing.
func (s *drStore) matcher(failuresOnly bool, g logGroup) func(int32) bool {
	at := s.rows.at
	var want uint32
	if g.kind == groupTrunk || g.kind == groupLocation {
		id, ok := s.strs.lookup(g.name)
		if !ok {
			return func(int32) bool { return false }
		}
		want = id
	}
	switch g.kind {
	case groupCode:
		return func(i int32) bool {
			p := at(i)
			return p.flags&drSuccess == 0 && p.sipCode == g.sip && p.subcode == g.sub
		}
	case groupTrunk:
		return func(i int32) bool { p := at(i); return p.trunk == want && (!failuresOnly || p.flags&drSuccess == 0) }
	case groupLocation:
		return func(i int32) bool { p := at(i); return p.sigLoc == want && (!failuresOnly || p.flags&drSuccess == 0) }
	}
	if failuresOnly {
		return func(i int32) bool { return at(i).flags&drSuccess == 0 }
	}
	return nil
}

// matcher is the predicate of a PSTN group, nil for none.
func (s *pstnStore) matcher(g logGroup) func(int32) bool {
	if g.kind == groupNone {
		return nil
	}
	at := s.rows.at
	want, ok := s.strs.lookup(g.name)
	if !ok {
		return func(int32) bool { return false }
	}
	switch g.kind {
	case groupDest:
		return func(i int32) bool { return at(i).destName == want }
	case groupCallType:
		return func(i int32) bool { return at(i).callType == want }
	case groupLicense:
		return func(i int32) bool { return at(i).license == want }
	}
	return func(int32) bool { return false }
}
