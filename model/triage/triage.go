// Package triage aggregates Direct Routing and PSTN call log rows into the
// groups a support engineer triages by: failures per (SIP code, subcode),
// per trunk (with ASR and NER) and per signaling location, plus per-bucket
// failure counts for sparklines. It is pure data: the TUI's summary screen
// and the CLI's --summary both read the same Summary.
//
// A Builder takes rows one at a time (as pages arrive, in any order) and
// Summary can be called at any point, so a load that is cancelled half way
// still yields the groups of what arrived.
package triage

import (
	"time"
	"unsafe"

	"github.com/callscope/callscope/model"
	"github.com/callscope/callscope/model/sip"
)

// Call is one Direct Routing row reduced to what triage reads. Strings are
// used as map keys, so callers holding interned strings pay no copies.
type Call struct {
	// At is when the call was attempted, in Unix nanoseconds:
	// inviteDateTime, or startDateTime when the invite time is missing.
	// 0 means unknown; the call is counted but falls in no bucket.
	At int64
	// Successful is successfulCall; a false value is a "failed" row in the
	// sense of the TUI's failures-only filter.
	Successful bool
	// SIPCode and Subcode are finalSipCode and callEndSubReason.
	SIPCode, Subcode int32
	// Phrase is finalSipCodePhrase.
	Phrase string
	// Trunk is trunkFullyQualifiedDomainName; Location is signalingLocation.
	Trunk, Location string
	// MediaBypass is mediaBypassEnabled; it changes the explanation of
	// media failures.
	MediaBypass bool
	// Missing lists the fields Graph did not report (null or absent):
	// their values above are 0 or false and must not be read. A row
	// without successfulCall is neither answered nor failed; one without
	// its codes is failed but of no known code (sip.ClassifyReported).
	Missing sip.Unreported
}

// CallFromRow reduces a decoded Graph row.
func CallFromRow(r *model.DirectRoutingRow) Call {
	at := r.InviteDateTime
	if at.IsZero() {
		at = r.StartDateTime
	}
	var ns int64
	if !at.IsZero() {
		ns = at.UnixNano()
	}
	return Call{At: ns, Successful: r.SuccessfulCall, SIPCode: r.FinalSIPCode, Subcode: r.CallEndSubReason,
		Phrase: r.FinalSIPCodePhrase, Trunk: r.TrunkFullyQualifiedDomainName, Location: r.SignalingLocation,
		MediaBypass: r.MediaBypassEnabled, Missing: MissingOf(r.Unreported)}
}

// MissingOf maps a row's unreported fields to the ones classification
// reads.
func MissingOf(f model.LogFields) sip.Unreported {
	var m sip.Unreported
	if f.Has(model.LogSuccessfulCall) {
		m |= sip.UnreportedSuccess
	}
	if f.Has(model.LogFinalSIPCode) {
		m |= sip.UnreportedCode
	}
	if f.Has(model.LogCallEndSubReason) {
		m |= sip.UnreportedSubcode
	}
	return m
}

// codeKey identifies a failure group: the (SIP code, subcode) pair and the
// phrase variant (sip.PhraseVariant), because Microsoft gives one pair
// different causes depending on finalSipCodePhrase (504 family).
type codeKey struct {
	sip, sub int32
	variant  int32
	missing  sip.Unreported // code or subcode not reported: not the value 0
}

// Builder accumulates Direct Routing calls. The zero value is not usable;
// call NewBuilder. It is not safe for concurrent use.
type Builder struct {
	from, to time.Time
	bk       buckets
	total    sip.Tally
	failed   int
	hourly   []int32
	codes    map[codeKey]*codeAcc
	codeList []*codeAcc
	trunkIdx names // numbers trunkLst
	trunkLst []*trunkAcc
	locIdx   names // numbers locList
	locList  []*locAcc
}

// scanLimit is how many trunks (locations) are looked up by a linear scan
// before the map: a tenant has a handful, and comparing a few interned
// strings (equal pointers) is several times cheaper than hashing one.
const scanLimit = 16

// names numbers names in the order they are first seen: the first
// scanLimit are found by a scan, the rest through the map.
type names struct {
	list []string
	m    map[string]int
}

// index is name's number; added reports a name not seen before.
func (n *names) index(name string) (i int, added bool) {
	few := n.list[:min(len(n.list), scanLimit)]
	for i, s := range few { // interned strings: the same bytes
		if len(s) == len(name) && unsafe.StringData(s) == unsafe.StringData(name) {
			return i, false
		}
	}
	for i, s := range few {
		if s == name {
			return i, false
		}
	}
	if len(n.list) > scanLimit {
		if i, ok := n.m[name]; ok {
			return i, false
		}
	}
	i = len(n.list)
	n.list = append(n.list, name)
	n.m[name] = i
	return i, true
}

// codeAcc accumulates one (SIP code, subcode, phrase variant) group of
// failed calls.
type codeAcc struct {
	sip, sub    int32
	variant     int32
	missing     sip.Unreported
	phrase      string
	count       int
	bypass      int
	first, last int64
	// perTrunk counts failures by trunk index (trunkAcc.idx); trunks are few.
	perTrunk []int32
}

// trunkAcc accumulates one trunk.
type trunkAcc struct {
	name        string
	idx         int
	tally       sip.Tally
	failed      int
	first, last int64
	hourly      []int32
}

// locAcc accumulates one signaling location.
type locAcc struct {
	name        string
	tally       sip.Tally
	failed      int
	first, last int64
}

// NewBuilder prepares an accumulator for calls in [from, to). The range
// decides the buckets of the sparklines: hourly, widened for long ranges so
// that there are at most MaxBuckets. A zero or inverted range gives none.
func NewBuilder(from, to time.Time) *Builder {
	bk := newBuckets(from, to)
	return &Builder{
		from:     from,
		to:       to,
		bk:       bk,
		hourly:   make([]int32, bk.n),
		codes:    make(map[codeKey]*codeAcc),
		trunkIdx: names{m: make(map[string]int)},
		locIdx:   names{m: make(map[string]int)},
	}
}

// Add counts one call.
func (b *Builder) Add(c Call) {
	o := sip.ClassifyReported(c.Successful, int(c.SIPCode), int(c.Subcode), c.Missing)
	b.total.Add(o)
	t := b.trunk(c.Trunk)
	t.tally.Add(o)
	t.first, t.last = span(t.first, t.last, c.At)
	l := b.loc(c.Location)
	l.tally.Add(o)
	l.first, l.last = span(l.first, l.last, c.At)
	if c.Successful || c.Missing&sip.UnreportedSuccess != 0 {
		return // answered, or not reported: neither is a failed row
	}
	b.failed++
	t.failed++
	l.failed++
	if i := b.bk.index(c.At); i >= 0 {
		b.hourly[i]++
		t.hourly[i]++
	}
	missing := c.Missing & (sip.UnreportedCode | sip.UnreportedSubcode)
	k := codeKey{c.SIPCode, c.Subcode, 0, missing}
	if missing == 0 {
		k.variant = int32(sip.PhraseVariant(int(c.SIPCode), int(c.Subcode), c.Phrase))
	}
	g := b.codes[k]
	if g == nil {
		g = &codeAcc{sip: c.SIPCode, sub: c.Subcode, variant: k.variant, missing: missing}
		b.codes[k] = g
		b.codeList = append(b.codeList, g)
	}
	g.count++
	if g.phrase == "" {
		g.phrase = c.Phrase
	}
	if c.MediaBypass {
		g.bypass++
	}
	g.first, g.last = span(g.first, g.last, c.At)
	for len(g.perTrunk) <= t.idx {
		g.perTrunk = append(g.perTrunk, 0)
	}
	g.perTrunk[t.idx]++
}

// Len reports how many calls were added.
func (b *Builder) Len() int { return b.total.Attempts }

func (b *Builder) trunk(name string) *trunkAcc {
	i, added := b.trunkIdx.index(name)
	if added {
		b.trunkLst = append(b.trunkLst, &trunkAcc{name: name, idx: i, hourly: make([]int32, b.bk.n)})
	}
	return b.trunkLst[i]
}

func (b *Builder) loc(name string) *locAcc {
	i, added := b.locIdx.index(name)
	if added {
		b.locList = append(b.locList, &locAcc{name: name})
	}
	return b.locList[i]
}

// span widens [first, last] to include at; 0 means unknown and is skipped.
func span(first, last, at int64) (int64, int64) {
	if at == 0 {
		return first, last
	}
	if first == 0 || at < first {
		first = at
	}
	if at > last {
		last = at
	}
	return first, last
}

// nsTime turns Unix nanoseconds into a UTC time; 0 stays the zero time.
func nsTime(ns int64) time.Time {
	if ns == 0 {
		return time.Time{}
	}
	return time.Unix(0, ns).UTC()
}
