package rowstore

import (
	"math"
	"strconv"
	"time"

	"github.com/callscope/callscope/model"
	"github.com/callscope/callscope/model/sip"
	"github.com/callscope/callscope/ui/common"
)

// Direct Routing columns, in order. At 120 columns the triage columns show
// whole (numbers, SIP, subcode, trunk); location, call type and duration
// need a wider terminal; narrower, user and then subcode hide.
const (
	DRColStart = iota
	DRColUser
	DRColNumbers
	DRColType
	DRColResult
	DRColSIP
	DRColSub
	DRColTrunk
	DRColDuration
	DRColLocation
)

// PSTN columns, in order.
const (
	PstnColStart = iota
	PstnColUser
	PstnColNumbers
	PstnColType
	PstnColDuration
	PstnColCharge
	PstnColDest
	PstnColLicense
)

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

// SipText is "403 Forbidden": the code and Graph's phrase, or the standard
// phrase when the row has none.
func SipText(code int32, phrase string) string {
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

// ChargeText is "0.42 USD", or "—" when Graph sent no charge.
func ChargeText(f float64, currency string) string {
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
	return time.Unix(0, ns).In(loc).Format(common.StartLayout)
}

// Cell is the text of one Direct Routing cell; failed is the result
// cell's pre-rendered "FAILED".
func (s *DRStore) Cell(i int32, col int, loc *time.Location, failed string) string {
	p := s.Rows.At(i)
	switch col {
	case DRColStart:
		return nsStart(p.start, loc)
	case DRColUser:
		return common.OrDash(s.Users.label(p.User))
	case DRColNumbers:
		return numbersText(s.Numbers.Str(p.Caller), s.Numbers.Str(p.Callee))
	case DRColType:
		return s.Strings.Str(p.callType)
	case DRColResult:
		switch {
		case p.Missing&model.LogSuccessfulCall != 0:
			return NotReportedCell
		case p.Flags&DRSuccess != 0:
			return "OK"
		}
		return failed
	case DRColSIP:
		if p.Missing&model.LogFinalSIPCode != 0 {
			return NotReportedCell
		}
		return SipText(p.SIPCode, s.Strings.Str(p.phrase))
	case DRColSub:
		return codeText(p.Subcode, p.Missing&model.LogCallEndSubReason != 0)
	case DRColTrunk:
		return s.Strings.Str(p.Trunk)
	case DRColDuration:
		if p.Missing&model.LogDuration != 0 {
			return NotReportedCell
		}
		return common.FormatSeconds(int64(p.Duration))
	case DRColLocation:
		return s.Strings.Str(p.sigLoc)
	}
	return s.moreCell(i, col, loc)
}

// SortKey gives the key function of a column; string columns rank the
// interned values once, here, so the sort itself compares integers.
func (s *DRStore) SortKey(col int) KeyFunc {
	at := s.Rows.At
	switch col {
	case DRColStart:
		return func(i int32) uint64 { return signedKey(at(i).start) }
	case DRColUser:
		r := s.Users.ranks()
		return func(i int32) uint64 { return uint64(r[at(i).User]) }
	case DRColNumbers:
		r := s.Numbers.Ranks()
		return func(i int32) uint64 { p := at(i); return uint64(r[p.Caller])<<32 | uint64(r[p.Callee]) }
	case DRColType:
		r := s.Strings.Ranks()
		return func(i int32) uint64 { return uint64(r[at(i).callType]) }
	case DRColResult:
		// FAILED before OK, as the words sort; not reported last.
		return func(i int32) uint64 {
			p := at(i)
			if p.Missing&model.LogSuccessfulCall != 0 {
				return 2
			}
			return uint64(p.Flags & DRSuccess)
		}
	case DRColSIP:
		// A value not reported sorts below every value (key 0).
		return func(i int32) uint64 {
			p := at(i)
			return reportedKey(p.SIPCode, p.Missing&model.LogFinalSIPCode == 0)<<32 |
				reportedKey(p.Subcode, p.Missing&model.LogCallEndSubReason == 0)
		}
	case DRColSub:
		return func(i int32) uint64 {
			p := at(i)
			return reportedKey(p.Subcode, p.Missing&model.LogCallEndSubReason == 0)
		}
	case DRColTrunk:
		r := s.Strings.Ranks()
		return func(i int32) uint64 { return uint64(r[at(i).Trunk]) }
	case DRColDuration:
		return func(i int32) uint64 { p := at(i); return reportedKey(p.Duration, p.Missing&model.LogDuration == 0) }
	case DRColLocation:
		r := s.Strings.Ranks()
		return func(i int32) uint64 { return uint64(r[at(i).sigLoc]) }
	}
	return nil
}

// NotReportedCell is a list cell whose value Graph did not report (null
// or absent): a dash, never 0.
const NotReportedCell = "—"

// codeText is a code in digits, or NotReportedCell.
func codeText(v int32, missing bool) string {
	if missing {
		return NotReportedCell
	}
	return strconv.Itoa(int(v))
}

// reportedKey orders an int32 column in 32 bits (so two fit one key): 0
// for a value not reported, below every value, which keep their signed
// order above it (only math.MinInt32 shares key 1 with the next value).
func reportedKey(v int32, reported bool) uint64 {
	if !reported {
		return 0
	}
	return uint64(max(uint32(v)^1<<31, 1))
}

// labelRanks ranks n ids by label(id).
func labelRanks(n int, label func(uint32) string) []uint32 {
	t := strTab{strs: make([]string, n)}
	for i := range t.strs {
		t.strs[i] = label(uint32(i))
	}
	return t.Ranks()
}

// Cell is the text of one PSTN cell.
func (s *PstnStore) Cell(i int32, col int, loc *time.Location) string {
	p := s.Rows.At(i)
	switch col {
	case PstnColStart:
		return nsStart(p.start, loc)
	case PstnColUser:
		return common.OrDash(s.Users.label(p.User))
	case PstnColNumbers:
		return numbersText(s.Numbers.Str(p.Caller), s.Numbers.Str(p.Callee))
	case PstnColType:
		return s.strs.Str(p.callType)
	case PstnColDuration:
		if p.missing&model.LogDuration != 0 {
			return NotReportedCell
		}
		return common.FormatSeconds(int64(p.duration))
	case PstnColCharge:
		return ChargeText(p.charge, s.strs.Str(p.currency))
	case PstnColDest:
		return s.strs.Str(p.destName)
	case PstnColLicense:
		return s.strs.Str(p.license)
	}
	return s.moreCell(i, col, loc)
}

// SortKey gives the key function of a PSTN column.
func (s *PstnStore) SortKey(col int) KeyFunc {
	at := s.Rows.At
	switch col {
	case PstnColStart:
		return func(i int32) uint64 { return signedKey(at(i).start) }
	case PstnColUser:
		r := s.Users.ranks()
		return func(i int32) uint64 { return uint64(r[at(i).User]) }
	case PstnColNumbers:
		r := s.Numbers.Ranks()
		return func(i int32) uint64 { p := at(i); return uint64(r[p.Caller])<<32 | uint64(r[p.Callee]) }
	case PstnColType:
		r := s.strs.Ranks()
		return func(i int32) uint64 { return uint64(r[at(i).callType]) }
	case PstnColDuration:
		return func(i int32) uint64 { p := at(i); return reportedKey(p.duration, p.missing&model.LogDuration == 0) }
	case PstnColCharge:
		return func(i int32) uint64 { return floatKey(at(i).charge) }
	case PstnColDest:
		r := s.strs.Ranks()
		return func(i int32) uint64 { return uint64(r[at(i).destName]) }
	case PstnColLicense:
		r := s.strs.Ranks()
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
