package rowstore

import (
	"time"

	"github.com/callscope/callscope/model"
	"github.com/callscope/callscope/ui/common"
)

// The columns a list shows only when the user chooses them (issue 15's
// column chooser): every other field of a row. They follow the default
// columns, so a default column keeps its index. The compact rows already
// keep every field Graph sends (Row rebuilds them all), so a chosen column
// decodes from the stored row and costs no byte per row.

// More Direct Routing columns, after DRColLocation.
const (
	DRColInvite = DRColLocation + 1 + iota
	DRColFailure
	DRColEnd
	DRColPhrase
	DRColMediaPath
	DRColBypass
	DRColCaller
	DRColCallee
	DRColDisplayName
	DRColUPN
	DRColUserID
	DRColCorrelation
	DRColID
)

// More PSTN columns, after PstnColLicense.
const (
	PstnColEnd = PstnColLicense + 1 + iota
	PstnColConnectionCharge
	PstnColCurrency
	PstnColDestContext
	PstnColConference
	PstnColInventory
	PstnColOperator
	PstnColDurationSource
	PstnColTenantCountry
	PstnColUsageCountry
	PstnColCaller
	PstnColCallee
	PstnColDisplayName
	PstnColUPN
	PstnColUserID
	PstnColCallID
	PstnColID
)

// yesNo is a flag's cell: "yes", "no", or NotReportedCell.
func yesNo(v, missing bool) string {
	switch {
	case missing:
		return NotReportedCell
	case v:
		return "yes"
	}
	return "no"
}

// timeCell is a time as start is shown, or NotReportedCell for none.
func timeCell(t model.Time, loc *time.Location) string {
	if t.IsZero() {
		return NotReportedCell
	}
	return t.In(loc).Format(common.StartLayout)
}

// drTime is row i's invite (which 0), failure (1) or end (2) time.
func (s *DRStore) drTime(i int32, p *drRow, which int) model.Time {
	if p.Flags&drWide != 0 {
		return s.wide[i][which]
	}
	return deltaTime(p.start, [3]int32{p.invite, p.failure, p.end}[which])
}

// moreCell is a Direct Routing cell of a column after the default ones;
// a value Graph did not send (null, absent, empty) is NotReportedCell.
func (s *DRStore) moreCell(i int32, col int, loc *time.Location) string {
	p := s.Rows.At(i)
	switch col {
	case DRColInvite, DRColFailure, DRColEnd:
		return timeCell(s.drTime(i, p, col-DRColInvite), loc)
	case DRColPhrase:
		return common.OrDash(s.Strings.Str(p.phrase))
	case DRColMediaPath:
		return common.OrDash(s.Strings.Str(p.mediaLoc))
	case DRColBypass:
		return yesNo(p.Flags&drBypass != 0, p.Missing&model.LogMediaBypassEnabled != 0)
	case DRColCaller:
		return common.OrDash(s.Numbers.Str(p.Caller))
	case DRColCallee:
		return common.OrDash(s.Numbers.Str(p.Callee))
	case DRColDisplayName:
		return common.OrDash(s.Users.User(p.User).Name)
	case DRColUPN:
		return common.OrDash(s.Users.User(p.User).UPN)
	case DRColUserID:
		return common.OrDash(s.Users.User(p.User).id)
	case DRColCorrelation:
		if p.Flags&drNoCorr != 0 {
			return NotReportedCell
		}
		return IDString(p.corr, p.Flags&drCorrOdd != 0, &s.Odd)
	case DRColID:
		return common.OrDash(IDString(p.ID, p.Flags&DRIDOdd != 0, &s.Odd))
	}
	return ""
}

// pstnEnd is row i's end time.
func (s *PstnStore) pstnEnd(i int32, p *pstnRow) model.Time {
	if p.Flags&pstnWide != 0 {
		return s.wide[i]
	}
	return deltaTime(p.start, p.end)
}

// moreCell is a PSTN cell of a column after the default ones, as the
// Direct Routing one.
func (s *PstnStore) moreCell(i int32, col int, loc *time.Location) string {
	p := s.Rows.At(i)
	switch col {
	case PstnColEnd:
		return timeCell(s.pstnEnd(i, p), loc)
	case PstnColConnectionCharge:
		return ChargeText(p.connCharge, s.strs.Str(p.currency))
	case PstnColCallID:
		if p.Flags&pstnNoCallID != 0 {
			return NotReportedCell
		}
		return IDString(p.callID, p.Flags&pstnCallIDOdd != 0, &s.Odd)
	case PstnColID:
		return common.OrDash(IDString(p.ID, p.Flags&PstnIDOdd != 0, &s.Odd))
	case PstnColConference:
		return common.OrDash(s.Odd.Str(p.conference))
	case PstnColCaller:
		return common.OrDash(s.Numbers.Str(p.Caller))
	case PstnColCallee:
		return common.OrDash(s.Numbers.Str(p.Callee))
	case PstnColDisplayName:
		return common.OrDash(s.Users.User(p.User).Name)
	case PstnColUPN:
		return common.OrDash(s.Users.User(p.User).UPN)
	case PstnColUserID:
		return common.OrDash(s.Users.User(p.User).id)
	}
	if id, ok := s.pstnString(p, col); ok {
		return common.OrDash(s.strs.Str(id))
	}
	return ""
}

// pstnString is the interned string of a plain text column.
func (s *PstnStore) pstnString(p *pstnRow, col int) (uint32, bool) {
	switch col {
	case PstnColCurrency:
		return p.currency, true
	case PstnColDestContext:
		return p.destCtx, true
	case PstnColInventory:
		return p.inventory, true
	case PstnColOperator:
		return p.operator, true
	case PstnColDurationSource:
		return p.durSrc, true
	case PstnColTenantCountry:
		return p.tenantCC, true
	case PstnColUsageCountry:
		return p.usageCC, true
	}
	return 0, false
}
