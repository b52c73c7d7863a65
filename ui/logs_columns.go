package ui

import (
	"math"
	"strconv"
	"time"

	"github.com/callscope/callscope/model/sip"
)

// logCol is a log table column plus how it sorts.
type logCol struct {
	column
	// Name is the column in the sort picker and the header note.
	Name string
	// Desc is the direction the column sorts in first (longest calls first).
	Desc bool
}

// Direct Routing columns, in order. At 120 columns the triage columns show
// whole (numbers, SIP, subcode, trunk); location, call type and duration
// need a wider terminal; narrower, user and then subcode hide.
const (
	drColStart = iota
	drColUser
	drColNumbers
	drColType
	drColResult
	drColSIP
	drColSub
	drColTrunk
	drColDuration
	drColLocation
)

var drColumns = []logCol{
	{column{Title: "Start", Min: 19, Max: 19}, "start", false},
	{column{Title: "User", Min: 12, Max: 32, Flex: 2, Drop: 4}, "user", false},
	{column{Title: "Caller → Callee", Min: 26, Max: 34, Flex: 3}, "caller", false},
	{column{Title: "Type", Min: 7, Max: 21, Flex: 1, Drop: 6}, "call type", false},
	{column{Title: "Result", Min: 6, Max: 6}, "result", false},
	{column{Title: "SIP", Min: 16, Max: 30, Flex: 2}, "SIP code", false},
	{column{Title: "Sub", Min: 6, Max: 7, Right: true, Drop: 2}, "subcode", false},
	{column{Title: "Trunk", Min: 20, Max: 34, Flex: 2}, "trunk", false},
	{column{Title: "Dur", Min: 6, Max: 6, Right: true, Drop: 5}, "duration", true},
	{column{Title: "Loc", Min: 4, Max: 6, Drop: 7}, "location", false},
}

// PSTN columns, in order.
const (
	pstnColStart = iota
	pstnColUser
	pstnColNumbers
	pstnColType
	pstnColDuration
	pstnColCharge
	pstnColDest
	pstnColLicense
)

var pstnColumns = []logCol{
	{column{Title: "Start", Min: 19, Max: 19}, "start", false},
	{column{Title: "User", Min: 10, Max: 32, Flex: 2, Drop: 1}, "user", false},
	{column{Title: "Caller → Callee", Min: 14, Max: 34, Flex: 2}, "caller", false},
	{column{Title: "Type", Min: 8, Max: 20, Flex: 1, Drop: 3}, "call type", false},
	{column{Title: "Dur", Min: 6, Max: 6, Right: true, Drop: 2}, "duration", true},
	{column{Title: "Charge", Min: 9, Max: 14, Right: true}, "charge", true},
	{column{Title: "Destination", Min: 11, Max: 28, Flex: 2}, "destination", false},
	{column{Title: "License", Min: 8, Max: 16, Flex: 1, Drop: 4}, "license", false},
}

// tableColumns strips the sort data for the table.
func tableColumns(cols []logCol) []column {
	out := make([]column, len(cols))
	for i, c := range cols {
		out[i] = c.column
	}
	return out
}

// numbersText is "caller → callee", with "?" for a number Graph left out.
func numbersText(caller, callee string) string {
	if caller == "" {
		caller = "?"
	}
	if callee == "" {
		callee = "?"
	}
	return caller + " → " + callee
}

// sipText is "403 Forbidden": the code and Graph's phrase, or the standard
// phrase when the row has none.
func sipText(code int32, phrase string) string {
	if phrase == "" {
		if info, ok := sip.LookupCode(int(code)); ok {
			phrase = info.Phrase
		}
	}
	s := strconv.Itoa(int(code))
	if phrase == "" {
		return s
	}
	return s + " " + phrase
}

// chargeText is "0.42 USD", or "—" when Graph sent no charge.
func chargeText(f float64, currency string) string {
	if math.IsNaN(f) {
		return "—"
	}
	s := strconv.FormatFloat(f, 'f', 2, 64)
	if currency != "" {
		s += " " + currency
	}
	return s
}

// nsStart formats a Unix-ns start in loc for a cell.
func nsStart(ns int64, loc *time.Location) string {
	if ns == 0 {
		return "—"
	}
	return time.Unix(0, ns).In(loc).Format(startLayout)
}

// drCell is the text of one Direct Routing cell; failed is the result
// cell's pre-rendered "FAILED".
func (s *drStore) cell(i int32, col int, loc *time.Location, failed string) string {
	p := s.rows.at(i)
	switch col {
	case drColStart:
		return nsStart(p.start, loc)
	case drColUser:
		return orDash(s.users.label(p.user))
	case drColNumbers:
		return numbersText(s.numbers.str(p.caller), s.numbers.str(p.callee))
	case drColType:
		return s.strs.str(p.callType)
	case drColResult:
		if p.flags&drSuccess != 0 {
			return "OK"
		}
		return failed
	case drColSIP:
		return sipText(p.sipCode, s.strs.str(p.phrase))
	case drColSub:
		return strconv.Itoa(int(p.subcode))
	case drColTrunk:
		return s.strs.str(p.trunk)
	case drColDuration:
		return fmtSeconds(int64(p.duration))
	case drColLocation:
		return s.strs.str(p.sigLoc)
	}
	return ""
}

// sortKey gives the key function of a column; string columns rank the
// interned values once, here, so the sort itself compares integers.
func (s *drStore) sortKey(col int) keyFunc {
	at := s.rows.at
	switch col {
	case drColStart:
		return func(i int32) uint64 { return signedKey(at(i).start) }
	case drColUser:
		r := s.users.ranks()
		return func(i int32) uint64 { return uint64(r[at(i).user]) }
	case drColNumbers:
		r := s.numbers.ranks()
		return func(i int32) uint64 { p := at(i); return uint64(r[p.caller])<<32 | uint64(r[p.callee]) }
	case drColType:
		r := s.strs.ranks()
		return func(i int32) uint64 { return uint64(r[at(i).callType]) }
	case drColResult:
		// FAILED before OK, as the words sort.
		return func(i int32) uint64 { return uint64(at(i).flags & drSuccess) }
	case drColSIP:
		return func(i int32) uint64 {
			p := at(i)
			return uint64(uint32(p.sipCode)^1<<31)<<32 | uint64(uint32(p.subcode)^1<<31)
		}
	case drColSub:
		return func(i int32) uint64 { return signedKey(int64(at(i).subcode)) }
	case drColTrunk:
		r := s.strs.ranks()
		return func(i int32) uint64 { return uint64(r[at(i).trunk]) }
	case drColDuration:
		return func(i int32) uint64 { return signedKey(int64(at(i).duration)) }
	case drColLocation:
		r := s.strs.ranks()
		return func(i int32) uint64 { return uint64(r[at(i).sigLoc]) }
	}
	return nil
}

// labelRanks ranks n ids by label(id).
func labelRanks(n int, label func(uint32) string) []uint32 {
	t := strTab{strs: make([]string, n)}
	for i := range t.strs {
		t.strs[i] = label(uint32(i))
	}
	return t.ranks()
}

// cell is the text of one PSTN cell.
func (s *pstnStore) cell(i int32, col int, loc *time.Location) string {
	p := s.rows.at(i)
	switch col {
	case pstnColStart:
		return nsStart(p.start, loc)
	case pstnColUser:
		return orDash(s.users.label(p.user))
	case pstnColNumbers:
		return numbersText(s.numbers.str(p.caller), s.numbers.str(p.callee))
	case pstnColType:
		return s.strs.str(p.callType)
	case pstnColDuration:
		return fmtSeconds(int64(p.duration))
	case pstnColCharge:
		return chargeText(p.charge, s.strs.str(p.currency))
	case pstnColDest:
		return s.strs.str(p.destName)
	case pstnColLicense:
		return s.strs.str(p.license)
	}
	return ""
}

// sortKey gives the key function of a PSTN column.
func (s *pstnStore) sortKey(col int) keyFunc {
	at := s.rows.at
	switch col {
	case pstnColStart:
		return func(i int32) uint64 { return signedKey(at(i).start) }
	case pstnColUser:
		r := s.users.ranks()
		return func(i int32) uint64 { return uint64(r[at(i).user]) }
	case pstnColNumbers:
		r := s.numbers.ranks()
		return func(i int32) uint64 { p := at(i); return uint64(r[p.caller])<<32 | uint64(r[p.callee]) }
	case pstnColType:
		r := s.strs.ranks()
		return func(i int32) uint64 { return uint64(r[at(i).callType]) }
	case pstnColDuration:
		return func(i int32) uint64 { return signedKey(int64(at(i).duration)) }
	case pstnColCharge:
		return func(i int32) uint64 { return floatKey(at(i).charge) }
	case pstnColDest:
		r := s.strs.ranks()
		return func(i int32) uint64 { return uint64(r[at(i).destName]) }
	case pstnColLicense:
		r := s.strs.ranks()
		return func(i int32) uint64 { return uint64(r[at(i).license]) }
	}
	return nil
}

// floatKey maps a float64 to a uint64 of the same order; NaN (no charge)
// sorts below every number.
func floatKey(f float64) uint64 {
	if math.IsNaN(f) {
		return 0
	}
	b := math.Float64bits(f)
	if b>>63 != 0 {
		return ^b
	}
	return b | 1<<63
}
