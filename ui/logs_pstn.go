package ui

import (
	"maps"
	"math"

	"github.com/callscope/callscope/model"
	"github.com/callscope/callscope/model/triage"
)

// pstnRow is one pstnCallLogRow, compact like drRow. Charges are NaN when
// Graph sent none.
type pstnRow struct {
	start              int64 // Unix ns; 0 = none
	charge, connCharge float64
	id, callID         [16]byte
	end                int32 // ms after start, noDelta = none
	duration           int32
	user               uint32 // pstnStore.users
	caller, callee     uint32 // pstnStore.numbers
	// strs: currency, call type, destination context and name, licence,
	// inventory type, operator, duration source, tenant and usage country.
	currency, callType, destCtx, destName uint32
	license, inventory, operator, durSrc  uint32
	tenantCC, usageCC, conference         uint32
	flags                                 uint8
}

// pstnRow flags.
const (
	pstnIDOdd uint8 = 1 << iota
	pstnCallIDOdd
	pstnNoCallID
	pstnWide // end lives in pstnStore.wide
)

// pstnStore holds the PSTN rows of a view.
type pstnStore struct {
	rows    chunked[pstnRow]
	strs    strTab
	numbers strTab
	odd     strTab
	users   userTab
	wide    map[int32]model.Time
}

func newPstnStore() *pstnStore {
	return &pstnStore{strs: newStrTab(), numbers: newStrTab(), odd: newStrTab(), users: newUserTab()}
}

// Len is the number of rows.
func (s *pstnStore) Len() int { return s.rows.n }

func optFloat(p *float64) float64 {
	if p == nil {
		return math.NaN()
	}
	return *p
}

func floatPtr(f float64) *float64 {
	if math.IsNaN(f) {
		return nil
	}
	return &f
}

// add stores one decoded row.
func (s *pstnStore) add(r *model.PstnRow) {
	i := int32(s.rows.n)
	p := s.rows.add()
	p.start = nsOf(r.StartDateTime)
	var odd, ok bool
	if p.id, odd = idField(r.ID, &s.odd); odd {
		p.flags |= pstnIDOdd
	}
	if r.CallID == "" {
		p.flags |= pstnNoCallID
	} else if p.callID, odd = idField(r.CallID, &s.odd); odd {
		p.flags |= pstnCallIDOdd
	}
	if p.end, ok = msDelta(p.start, r.EndDateTime); !ok {
		p.flags |= pstnWide
		if s.wide == nil {
			s.wide = make(map[int32]model.Time)
		}
		s.wide[i] = r.EndDateTime
	}
	p.duration = r.Duration
	p.charge, p.connCharge = optFloat(r.Charge), optFloat(r.ConnectionCharge)
	p.user = s.users.id(drUser{r.UserID, r.UserPrincipalName, r.UserDisplayName}, &s.odd)
	p.caller, p.callee = s.numbers.id(r.CallerNumber), s.numbers.id(r.CalleeNumber)
	p.currency, p.callType = s.strs.id(r.Currency), s.strs.id(r.CallType)
	p.destCtx, p.destName = s.strs.id(r.DestinationContext), s.strs.id(r.DestinationName)
	p.license, p.inventory = s.strs.id(r.LicenseCapability), s.strs.id(r.InventoryType)
	p.operator, p.durSrc = s.strs.id(r.Operator), s.strs.id(r.CallDurationSource)
	p.tenantCC, p.usageCC = s.strs.id(r.TenantCountryCode), s.strs.id(r.UsageCountryCode)
	p.conference = s.odd.id(r.ConferenceID)
}

// row rebuilds the full Graph row i.
func (s *pstnStore) row(i int32) model.PstnRow {
	p := s.rows.at(i)
	u := s.users.user(p.user)
	r := model.PstnRow{
		ID:                 idString(p.id, p.flags&pstnIDOdd != 0, &s.odd),
		UserID:             u.id,
		UserPrincipalName:  u.upn,
		UserDisplayName:    u.name,
		StartDateTime:      timeOfNs(p.start),
		Duration:           p.duration,
		Charge:             floatPtr(p.charge),
		ConnectionCharge:   floatPtr(p.connCharge),
		Currency:           s.strs.str(p.currency),
		CallType:           s.strs.str(p.callType),
		CalleeNumber:       s.numbers.str(p.callee),
		CallerNumber:       s.numbers.str(p.caller),
		DestinationContext: s.strs.str(p.destCtx),
		DestinationName:    s.strs.str(p.destName),
		ConferenceID:       s.odd.str(p.conference),
		LicenseCapability:  s.strs.str(p.license),
		InventoryType:      s.strs.str(p.inventory),
		Operator:           s.strs.str(p.operator),
		CallDurationSource: s.strs.str(p.durSrc),
		TenantCountryCode:  s.strs.str(p.tenantCC),
		UsageCountryCode:   s.strs.str(p.usageCC),
	}
	if p.flags&pstnNoCallID == 0 {
		r.CallID = idString(p.callID, p.flags&pstnCallIDOdd != 0, &s.odd)
	}
	if p.flags&pstnWide != 0 {
		r.EndDateTime = s.wide[i]
	} else {
		r.EndDateTime = deltaTime(p.start, p.end)
	}
	return r
}

// call reduces row i for the PSTN summary.
func (s *pstnStore) call(i int32) triage.PstnCall {
	p := s.rows.at(i)
	return triage.PstnCall{At: p.start, Seconds: p.duration, Charge: p.charge, Currency: s.strs.str(p.currency),
		Destination: s.strs.str(p.destName), CallType: s.strs.str(p.callType), License: s.strs.str(p.license)}
}

// snapshot is a read-only copy of the store as it is now (see drStore.snapshot).
func (s *pstnStore) snapshot() *pstnStore {
	c := *s
	c.strs.ids, c.numbers.ids, c.odd.ids, c.users.ids = nil, nil, nil, nil
	c.wide = maps.Clone(s.wide)
	return &c
}

// findID is the row whose id is id, or -1.
func (s *pstnStore) findID(id string) int32 {
	for i := int32(0); i < int32(s.rows.n); i++ {
		p := s.rows.at(i)
		if idString(p.id, p.flags&pstnIDOdd != 0, &s.odd) == id {
			return i
		}
	}
	return -1
}
