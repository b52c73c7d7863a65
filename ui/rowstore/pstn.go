package rowstore

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
	ID, callID         [16]byte
	end                int32 // ms after start, noDelta = none
	duration           int32
	User               uint32 // pstnStore.users
	Caller, Callee     uint32 // pstnStore.numbers
	// strs: currency, call type, destination context and name, licence,
	// inventory type, operator, duration source, tenant and usage country.
	currency, callType, destCtx, destName uint32
	license, inventory, operator, durSrc  uint32
	tenantCC, usageCC, conference         uint32
	Flags                                 uint8
	missing                               model.LogFields // LogDuration: duration not reported
}

// pstnRow flags.
const (
	PstnIDOdd uint8 = 1 << iota
	pstnCallIDOdd
	pstnNoCallID
	pstnWide // end lives in pstnStore.wide
)

// PstnStore holds the PSTN rows of a view.
type PstnStore struct {
	Rows    chunked[pstnRow]
	strs    strTab
	Numbers strTab
	Odd     strTab
	Users   userTab
	wide    map[int32]model.Time
}

// NewPstnStore returns an empty PSTN store.
func NewPstnStore() *PstnStore {
	return &PstnStore{strs: newStrTab(), Numbers: newStrTab(), Odd: newStrTab(), Users: newUserTab()}
}

// Len is the number of rows.
func (s *PstnStore) Len() int { return s.Rows.n }

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

// Add stores one decoded row.
func (s *PstnStore) Add(r *model.PstnRow) {
	i := int32(s.Rows.n)
	p := s.Rows.add()
	p.start = nsOf(r.StartDateTime)
	var odd, ok bool
	if p.ID, odd = idField(r.ID, &s.Odd); odd {
		p.Flags |= PstnIDOdd
	}
	if r.CallID == "" {
		p.Flags |= pstnNoCallID
	} else if p.callID, odd = idField(r.CallID, &s.Odd); odd {
		p.Flags |= pstnCallIDOdd
	}
	if p.end, ok = msDelta(p.start, r.EndDateTime); !ok {
		p.Flags |= pstnWide
		if s.wide == nil {
			s.wide = make(map[int32]model.Time)
		}
		s.wide[i] = r.EndDateTime
	}
	p.duration, p.missing = r.Duration, r.Unreported
	p.charge, p.connCharge = optFloat(r.Charge), optFloat(r.ConnectionCharge)
	p.User = s.Users.id(DRUser{r.UserID, r.UserPrincipalName, r.UserDisplayName}, &s.Odd)
	p.Caller, p.Callee = s.Numbers.ID(r.CallerNumber), s.Numbers.ID(r.CalleeNumber)
	p.currency, p.callType = s.strs.ID(r.Currency), s.strs.ID(r.CallType)
	p.destCtx, p.destName = s.strs.ID(r.DestinationContext), s.strs.ID(r.DestinationName)
	p.license, p.inventory = s.strs.ID(r.LicenseCapability), s.strs.ID(r.InventoryType)
	p.operator, p.durSrc = s.strs.ID(r.Operator), s.strs.ID(r.CallDurationSource)
	p.tenantCC, p.usageCC = s.strs.ID(r.TenantCountryCode), s.strs.ID(r.UsageCountryCode)
	p.conference = s.Odd.ID(r.ConferenceID)
}

// Row rebuilds the full Graph row i.
func (s *PstnStore) Row(i int32) model.PstnRow {
	p := s.Rows.At(i)
	u := s.Users.User(p.User)
	r := model.PstnRow{
		ID:                 IDString(p.ID, p.Flags&PstnIDOdd != 0, &s.Odd),
		UserID:             u.id,
		UserPrincipalName:  u.UPN,
		UserDisplayName:    u.Name,
		StartDateTime:      timeOfNs(p.start),
		Duration:           p.duration,
		Unreported:         p.missing,
		Charge:             floatPtr(p.charge),
		ConnectionCharge:   floatPtr(p.connCharge),
		Currency:           s.strs.Str(p.currency),
		CallType:           s.strs.Str(p.callType),
		CalleeNumber:       s.Numbers.Str(p.Callee),
		CallerNumber:       s.Numbers.Str(p.Caller),
		DestinationContext: s.strs.Str(p.destCtx),
		DestinationName:    s.strs.Str(p.destName),
		ConferenceID:       s.Odd.Str(p.conference),
		LicenseCapability:  s.strs.Str(p.license),
		InventoryType:      s.strs.Str(p.inventory),
		Operator:           s.strs.Str(p.operator),
		CallDurationSource: s.strs.Str(p.durSrc),
		TenantCountryCode:  s.strs.Str(p.tenantCC),
		UsageCountryCode:   s.strs.Str(p.usageCC),
	}
	if p.Flags&pstnNoCallID == 0 {
		r.CallID = IDString(p.callID, p.Flags&pstnCallIDOdd != 0, &s.Odd)
	}
	if p.Flags&pstnWide != 0 {
		r.EndDateTime = s.wide[i]
	} else {
		r.EndDateTime = deltaTime(p.start, p.end)
	}
	return r
}

// Call reduces row i for the PSTN summary.
func (s *PstnStore) Call(i int32) triage.PstnCall {
	p := s.Rows.At(i)
	return triage.PstnCall{At: p.start, Seconds: p.duration, Charge: p.charge, Currency: s.strs.Str(p.currency),
		Destination: s.strs.Str(p.destName), CallType: s.strs.Str(p.callType), License: s.strs.Str(p.license)}
}

// Snapshot is a read-only copy of the store as it is now (see drStore.snapshot).
func (s *PstnStore) Snapshot() *PstnStore {
	c := *s
	c.strs.ids, c.Numbers.ids, c.Odd.ids, c.Users.ids = nil, nil, nil, nil
	c.wide = maps.Clone(s.wide)
	return &c
}

// ID is row i's id, exactly as Graph sent it, without rebuilding the row.
func (s *PstnStore) ID(i int32) string {
	p := s.Rows.At(i)
	return IDString(p.ID, p.Flags&PstnIDOdd != 0, &s.Odd)
}

// FindID is the row whose id is id, or -1.
func (s *PstnStore) FindID(id string) int32 {
	for i := int32(0); i < int32(s.Rows.n); i++ {
		if s.ID(i) == id {
			return i
		}
	}
	return -1
}
