package ui

import (
	"github.com/callscope/callscope/model"
	"github.com/callscope/callscope/model/triage"
	"maps"
)

// drRow is one directRoutingLogRow in 104 bytes. Invite, failure and end
// are kept as milliseconds after start (sub-millisecond digits dropped);
// a row whose times do not fit keeps them in drStore.wide.
type drRow struct {
	start                   int64 // Unix ns; 0 = none
	id, corr                [16]byte
	invite, failure, end    int32 // ms after start, noDelta = none
	duration                int32
	sipCode, subcode        int32
	user                    uint32 // drStore.users
	caller, callee          uint32 // drStore.numbers
	phrase, trunk, callType uint32 // drStore.strs
	sigLoc, mediaLoc        uint32 // drStore.strs
	flags                   uint8
}

// drRow flags.
const (
	drSuccess uint8 = 1 << iota
	drBypass
	drIDOdd   // id is interned in odd, not a GUID
	drCorrOdd // correlationId likewise
	drWide    // times live in drStore.wide
	drNoCorr  // no correlationId at all
)

// drStore holds the Direct Routing rows of a view.
type drStore struct {
	rows    chunked[drRow]
	strs    strTab // phrases, trunks, call types, locations
	numbers strTab
	odd     strTab // ids that are not GUIDs
	users   userTab
	wide    map[int32][3]model.Time
}

func newDRStore() *drStore {
	return &drStore{strs: newStrTab(), numbers: newStrTab(), odd: newStrTab(), users: newUserTab()}
}

// Len is the number of rows.
func (s *drStore) Len() int { return s.rows.n }

// add stores one decoded row.
func (s *drStore) add(r *model.DirectRoutingRow) {
	i := int32(s.rows.n)
	p := s.rows.add()
	p.start = nsOf(r.StartDateTime)
	var odd bool
	if p.id, odd = idField(r.ID, &s.odd); odd {
		p.flags |= drIDOdd
	}
	switch {
	case r.CorrelationID == "":
		p.flags |= drNoCorr
	default:
		if p.corr, odd = idField(r.CorrelationID, &s.odd); odd {
			p.flags |= drCorrOdd
		}
	}
	var ok1, ok2, ok3 bool
	p.invite, ok1 = msDelta(p.start, r.InviteDateTime)
	p.failure, ok2 = msDelta(p.start, r.FailureDateTime)
	p.end, ok3 = msDelta(p.start, r.EndDateTime)
	if !ok1 || !ok2 || !ok3 {
		p.flags |= drWide
		if s.wide == nil {
			s.wide = make(map[int32][3]model.Time)
		}
		s.wide[i] = [3]model.Time{r.InviteDateTime, r.FailureDateTime, r.EndDateTime}
	}
	p.duration, p.sipCode, p.subcode = r.Duration, r.FinalSIPCode, r.CallEndSubReason
	p.user = s.users.id(drUser{r.UserID, r.UserPrincipalName, r.UserDisplayName}, &s.odd)
	p.caller, p.callee = s.numbers.id(r.CallerNumber), s.numbers.id(r.CalleeNumber)
	p.phrase, p.trunk, p.callType = s.strs.id(r.FinalSIPCodePhrase), s.strs.id(r.TrunkFullyQualifiedDomainName), s.strs.id(r.CallType)
	p.sigLoc, p.mediaLoc = s.strs.id(r.SignalingLocation), s.strs.id(r.MediaPathLocation)
	if r.SuccessfulCall {
		p.flags |= drSuccess
	}
	if r.MediaBypassEnabled {
		p.flags |= drBypass
	}
}

// row rebuilds the full Graph row i (for the detail screen and exports).
func (s *drStore) row(i int32) model.DirectRoutingRow {
	p := s.rows.at(i)
	u := s.users.user(p.user)
	r := model.DirectRoutingRow{
		ID:                            idString(p.id, p.flags&drIDOdd != 0, &s.odd),
		UserID:                        u.id,
		UserPrincipalName:             u.upn,
		UserDisplayName:               u.name,
		StartDateTime:                 timeOfNs(p.start),
		Duration:                      p.duration,
		CallType:                      s.strs.str(p.callType),
		SuccessfulCall:                p.flags&drSuccess != 0,
		CallerNumber:                  s.numbers.str(p.caller),
		CalleeNumber:                  s.numbers.str(p.callee),
		MediaPathLocation:             s.strs.str(p.mediaLoc),
		SignalingLocation:             s.strs.str(p.sigLoc),
		FinalSIPCode:                  p.sipCode,
		CallEndSubReason:              p.subcode,
		FinalSIPCodePhrase:            s.strs.str(p.phrase),
		TrunkFullyQualifiedDomainName: s.strs.str(p.trunk),
		MediaBypassEnabled:            p.flags&drBypass != 0,
	}
	if p.flags&drNoCorr == 0 {
		r.CorrelationID = idString(p.corr, p.flags&drCorrOdd != 0, &s.odd)
	}
	if p.flags&drWide != 0 {
		w := s.wide[i]
		r.InviteDateTime, r.FailureDateTime, r.EndDateTime = w[0], w[1], w[2]
	} else {
		r.InviteDateTime = deltaTime(p.start, p.invite)
		r.FailureDateTime = deltaTime(p.start, p.failure)
		r.EndDateTime = deltaTime(p.start, p.end)
	}
	return r
}

// call reduces row i for triage without decoding it; strings are the
// interned ones, so the builder's map keys cost nothing.
func (s *drStore) call(i int32) triage.Call {
	p := s.rows.at(i)
	at := p.start
	switch {
	case p.flags&drWide != 0:
		if w := s.wide[i][0]; !w.IsZero() {
			at = w.UnixNano()
		}
	case p.invite != noDelta:
		at = p.start + int64(p.invite)*1e6
	}
	return triage.Call{At: at, Successful: p.flags&drSuccess != 0, SIPCode: p.sipCode, Subcode: p.subcode,
		Phrase: s.strs.str(p.phrase), Trunk: s.strs.str(p.trunk), Location: s.strs.str(p.sigLoc),
		MediaBypass: p.flags&drBypass != 0}
}

// failed reports successfulCall=false.
func (s *drStore) failed(i int32) bool { return s.rows.at(i).flags&drSuccess == 0 }

// snapshot is a read-only copy of the store as it is now, for a goroutine
// (an export) to read while Update keeps appending: slice headers are
// copied (appends never touch what they cover) and the overflow map cloned.
func (s *drStore) snapshot() *drStore {
	c := *s
	c.strs.ids, c.numbers.ids, c.odd.ids, c.users.ids = nil, nil, nil, nil
	c.wide = maps.Clone(s.wide)
	return &c
}

// findID is the row whose id is id, or -1.
func (s *drStore) findID(id string) int32 {
	var want [16]byte
	if !parseGUID(id, &want) {
		for i := int32(0); i < int32(s.rows.n); i++ {
			if p := s.rows.at(i); p.flags&drIDOdd != 0 && idString(p.id, true, &s.odd) == id {
				return i
			}
		}
		return -1
	}
	for i := int32(0); i < int32(s.rows.n); i++ {
		if p := s.rows.at(i); p.id == want && p.flags&drIDOdd == 0 {
			return i
		}
	}
	return -1
}
