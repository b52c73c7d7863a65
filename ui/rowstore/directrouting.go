package rowstore

import (
	"maps"

	"github.com/callscope/callscope/model"
	"github.com/callscope/callscope/model/triage"
)

// drRow is one directRoutingLogRow in 104 bytes (Missing fits in the
// padding after Flags). Invite, failure and end
// are kept as milliseconds after start (sub-millisecond digits dropped);
// a row whose times do not fit keeps them in drStore.wide.
type drRow struct {
	start                   int64 // Unix ns; 0 = none
	ID, corr                [16]byte
	invite, failure, end    int32 // ms after start, noDelta = none
	Duration                int32
	SIPCode, Subcode        int32
	User                    uint32 // drStore.users
	Caller, Callee          uint32 // drStore.numbers
	phrase, Trunk, callType uint32 // drStore.strs
	sigLoc, mediaLoc        uint32 // drStore.strs
	Flags                   uint8
	// Missing is the row's model.LogFields Graph did not report: the
	// matching numbers above then hold 0, which is not a value.
	Missing model.LogFields
}

// Failed is successfulCall=false as Graph reported it; a row without
// successfulCall is not failed (nor OK).
func (p *drRow) Failed() bool {
	return p.Flags&DRSuccess == 0 && p.Missing&model.LogSuccessfulCall == 0
}

// drRow flags.
const (
	DRSuccess uint8 = 1 << iota
	drBypass
	DRIDOdd   // id is interned in odd, not a GUID
	drCorrOdd // correlationId likewise
	drWide    // times live in drStore.wide
	drNoCorr  // no correlationId at all
)

// DRStore holds the Direct Routing rows of a view.
type DRStore struct {
	Rows    chunked[drRow]
	Strings strTab // phrases, trunks, call types, locations
	Numbers strTab
	Odd     strTab // ids that are not GUIDs
	Users   userTab
	wide    map[int32][3]model.Time
	trunks  trunkSet // the distinct trunks, for their short names
}

// NewDRStore returns an empty Direct Routing store.
func NewDRStore() *DRStore {
	return &DRStore{Strings: newStrTab(), Numbers: newStrTab(), Odd: newStrTab(), Users: newUserTab()}
}

// Len is the number of rows.
func (s *DRStore) Len() int { return s.Rows.n }

// Add stores one decoded row.
func (s *DRStore) Add(r *model.DirectRoutingRow) {
	i := int32(s.Rows.n)
	p := s.Rows.add()
	p.start = nsOf(r.StartDateTime)
	var odd bool
	if p.ID, odd = idField(r.ID, &s.Odd); odd {
		p.Flags |= DRIDOdd
	}
	switch {
	case r.CorrelationID == "":
		p.Flags |= drNoCorr
	default:
		if p.corr, odd = idField(r.CorrelationID, &s.Odd); odd {
			p.Flags |= drCorrOdd
		}
	}
	var ok1, ok2, ok3 bool
	p.invite, ok1 = msDelta(p.start, r.InviteDateTime)
	p.failure, ok2 = msDelta(p.start, r.FailureDateTime)
	p.end, ok3 = msDelta(p.start, r.EndDateTime)
	if !ok1 || !ok2 || !ok3 {
		p.Flags |= drWide
		if s.wide == nil {
			s.wide = make(map[int32][3]model.Time)
		}
		s.wide[i] = [3]model.Time{r.InviteDateTime, r.FailureDateTime, r.EndDateTime}
	}
	p.Duration, p.SIPCode, p.Subcode = r.Duration, r.FinalSIPCode, r.CallEndSubReason
	p.User = s.Users.id(DRUser{r.UserID, r.UserPrincipalName, r.UserDisplayName}, &s.Odd)
	p.Caller, p.Callee = s.Numbers.ID(r.CallerNumber), s.Numbers.ID(r.CalleeNumber)
	p.phrase, p.Trunk, p.callType = s.Strings.ID(r.FinalSIPCodePhrase), s.Strings.ID(r.TrunkFullyQualifiedDomainName), s.Strings.ID(r.CallType)
	p.sigLoc, p.mediaLoc = s.Strings.ID(r.SignalingLocation), s.Strings.ID(r.MediaPathLocation)
	s.trunks.add(p.Trunk, r.TrunkFullyQualifiedDomainName)
	if r.SuccessfulCall {
		p.Flags |= DRSuccess
	}
	if r.MediaBypassEnabled {
		p.Flags |= drBypass
	}
	p.Missing = r.Unreported
}

// Row rebuilds the full Graph row i (for the detail screen and exports).
func (s *DRStore) Row(i int32) model.DirectRoutingRow {
	p := s.Rows.At(i)
	u := s.Users.User(p.User)
	r := model.DirectRoutingRow{
		ID:                            IDString(p.ID, p.Flags&DRIDOdd != 0, &s.Odd),
		UserID:                        u.id,
		UserPrincipalName:             u.UPN,
		UserDisplayName:               u.Name,
		StartDateTime:                 timeOfNs(p.start),
		Duration:                      p.Duration,
		CallType:                      s.Strings.Str(p.callType),
		SuccessfulCall:                p.Flags&DRSuccess != 0,
		CallerNumber:                  s.Numbers.Str(p.Caller),
		CalleeNumber:                  s.Numbers.Str(p.Callee),
		MediaPathLocation:             s.Strings.Str(p.mediaLoc),
		SignalingLocation:             s.Strings.Str(p.sigLoc),
		FinalSIPCode:                  p.SIPCode,
		CallEndSubReason:              p.Subcode,
		FinalSIPCodePhrase:            s.Strings.Str(p.phrase),
		TrunkFullyQualifiedDomainName: s.Strings.Str(p.Trunk),
		MediaBypassEnabled:            p.Flags&drBypass != 0,
		Unreported:                    p.Missing,
	}
	if p.Flags&drNoCorr == 0 {
		r.CorrelationID = IDString(p.corr, p.Flags&drCorrOdd != 0, &s.Odd)
	}
	if p.Flags&drWide != 0 {
		w := s.wide[i]
		r.InviteDateTime, r.FailureDateTime, r.EndDateTime = w[0], w[1], w[2]
	} else {
		r.InviteDateTime = deltaTime(p.start, p.invite)
		r.FailureDateTime = deltaTime(p.start, p.failure)
		r.EndDateTime = deltaTime(p.start, p.end)
	}
	return r
}

// Call reduces row i for triage without decoding it; strings are the
// interned ones, so the builder's map keys cost nothing.
func (s *DRStore) Call(i int32) triage.Call {
	p := s.Rows.At(i)
	at := p.start
	switch {
	case p.Flags&drWide != 0:
		if w := s.wide[i][0]; !w.IsZero() {
			at = w.UnixNano()
		}
	case p.invite != noDelta:
		at = p.start + int64(p.invite)*1e6
	}
	return triage.Call{At: at, Successful: p.Flags&DRSuccess != 0, SIPCode: p.SIPCode, Subcode: p.Subcode,
		Phrase: s.Strings.Str(p.phrase), Trunk: s.Strings.Str(p.Trunk), Location: s.Strings.Str(p.sigLoc),
		MediaBypass: p.Flags&drBypass != 0, Missing: triage.MissingOf(p.Missing)}
}

// ID is row i's id, exactly as Graph sent it, without rebuilding the row.
func (s *DRStore) ID(i int32) string {
	p := s.Rows.At(i)
	return IDString(p.ID, p.Flags&DRIDOdd != 0, &s.Odd)
}

// Failed reports successfulCall=false; a row without successfulCall is
// not failed.
func (s *DRStore) Failed(i int32) bool { return s.Rows.At(i).Failed() }

// Snapshot is a read-only copy of the store as it is now, for a goroutine
// (an export) to read while Update keeps appending: slice headers are
// copied (appends never touch what they cover) and the overflow map cloned.
func (s *DRStore) Snapshot() *DRStore {
	c := *s
	c.Strings.ids, c.Numbers.ids, c.Odd.ids, c.Users.ids = nil, nil, nil, nil
	c.wide = maps.Clone(s.wide)
	return &c
}

// FindID is the row whose id is id, or -1.
func (s *DRStore) FindID(id string) int32 {
	var want [16]byte
	if !parseGUID(id, &want) {
		for i := int32(0); i < int32(s.Rows.n); i++ {
			if p := s.Rows.At(i); p.Flags&DRIDOdd != 0 && IDString(p.ID, true, &s.Odd) == id {
				return i
			}
		}
		return -1
	}
	for i := int32(0); i < int32(s.Rows.n); i++ {
		if p := s.Rows.At(i); p.ID == want && p.Flags&DRIDOdd == 0 {
			return i
		}
	}
	return -1
}
