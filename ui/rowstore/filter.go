package rowstore

import (
	"github.com/callscope/callscope/model/sip"
	"github.com/callscope/callscope/model/triage"
)

// GroupKind names what a triage summary group filters on.
type GroupKind uint8

const (
	GroupNone     GroupKind = iota // no group: every row
	GroupCode                      // Direct Routing: SIP code + subcode
	GroupTrunk                     // Direct Routing: trunk FQDN
	GroupLocation                  // Direct Routing: signaling location
	GroupDest                      // PSTN: destination name
	GroupCallType                  // PSTN: call type
	GroupLicense                   // PSTN: licence capability
)

// LogGroup is a summary group turned into a local filter. A code group
// keeps only failed rows, as the summary counted them.
type LogGroup struct {
	Kind          GroupKind
	Code, Subcode int32
	// Unreported marks a code group whose code and/or subcode Graph did
	// not report (triage.CodeGroup.Unreported): it matches those rows, not
	// the rows of code 0.
	Unreported sip.Unreported
	Name       string
}

// Label is the group in words for the header and breadcrumb.
func (g LogGroup) Label() string {
	name := g.Name
	if name == "" {
		name = "(none)"
	}
	switch g.Kind {
	case GroupCode:
		return "SIP " + codeText(g.Code, g.Unreported&sip.UnreportedCode != 0) + "/" +
			codeText(g.Subcode, g.Unreported&sip.UnreportedSubcode != 0)
	case GroupTrunk:
		return "trunk " + name
	case GroupLocation:
		return "location " + name
	case GroupDest:
		return "destination " + name
	case GroupCallType:
		return "type " + name
	case GroupLicense:
		return "licence " + name
	}
	return ""
}

// Matcher is the predicate of failures-only and a group, nil when neither
// applies. Strings are compared as interned ids: a name no row has
// matches nothing.
func (s *DRStore) Matcher(failuresOnly bool, g LogGroup) func(int32) bool {
	at := s.Rows.At
	var want uint32
	if g.Kind == GroupTrunk || g.Kind == GroupLocation {
		id, ok := s.Strings.lookup(g.Name)
		if !ok {
			return func(int32) bool { return false }
		}
		want = id
	}
	switch g.Kind {
	case GroupCode:
		return func(i int32) bool {
			p := at(i)
			return p.Failed() && p.SIPCode == g.Code && p.Subcode == g.Subcode &&
				triage.MissingOf(p.Missing)&(sip.UnreportedCode|sip.UnreportedSubcode) == g.Unreported
		}
	case GroupTrunk:
		return func(i int32) bool { p := at(i); return p.Trunk == want && (!failuresOnly || p.Failed()) }
	case GroupLocation:
		return func(i int32) bool { p := at(i); return p.sigLoc == want && (!failuresOnly || p.Failed()) }
	}
	if failuresOnly {
		return func(i int32) bool { return at(i).Failed() }
	}
	return nil
}

// Matcher is the predicate of a PSTN group, nil for none.
func (s *PstnStore) Matcher(g LogGroup) func(int32) bool {
	if g.Kind == GroupNone {
		return nil
	}
	at := s.Rows.At
	want, ok := s.strs.lookup(g.Name)
	if !ok {
		return func(int32) bool { return false }
	}
	switch g.Kind {
	case GroupDest:
		return func(i int32) bool { return at(i).destName == want }
	case GroupCallType:
		return func(i int32) bool { return at(i).callType == want }
	case GroupLicense:
		return func(i int32) bool { return at(i).license == want }
	}
	return func(int32) bool { return false }
}
