package triage

import (
	"cmp"
	"math"
	"slices"
	"time"

	"github.com/callscope/callscope/model"
)

// PstnCall is one PSTN (Calling Plan / Operator Connect) row reduced to
// what its summary reads. PSTN rows carry no outcome, so the summary is
// about volume, minutes and charges rather than failures.
type PstnCall struct {
	// At is startDateTime in Unix nanoseconds; 0 when unknown.
	At int64
	// Seconds is the connected duration; 0 when NoDuration.
	Seconds int32
	// NoDuration is a row whose duration Graph did not report (null or
	// absent): its seconds are unknown, not 0.
	NoDuration bool
	// Charge is the amount charged, NaN when the row has none.
	Charge float64
	// Currency names Charge's currency.
	Currency string
	// Destination is destinationName; CallType and License are callType
	// and licenseCapability.
	Destination, CallType, License string
}

// PstnCallFromRow reduces a decoded Graph row.
func PstnCallFromRow(r *model.PstnRow) PstnCall {
	c := PstnCall{Seconds: r.Duration, Charge: math.NaN(), Currency: r.Currency,
		Destination: r.DestinationName, CallType: r.CallType, License: r.LicenseCapability,
		NoDuration: !r.Reported(model.LogDuration)}
	if !r.StartDateTime.IsZero() {
		c.At = r.StartDateTime.UnixNano()
	}
	if r.Charge != nil {
		c.Charge = *r.Charge
	}
	return c
}

// Charge is an amount in one currency; amounts in different currencies are
// never added together.
type Charge struct {
	Currency string  `json:"currency"`
	Amount   float64 `json:"amount"`
}

// PstnGroup is the calls sharing a destination, call type or licence.
type PstnGroup struct {
	Name  string `json:"name"`
	Calls int    `json:"calls"`
	// Share is Calls over all calls, in 0..1.
	Share   float64   `json:"share"`
	Seconds int64     `json:"seconds"`
	Charges []Charge  `json:"charges"`
	First   time.Time `json:"firstSeen"`
	Last    time.Time `json:"lastSeen"`
	// Hourly counts calls per bucket (see PstnSummary.BucketStart).
	Hourly []int32 `json:"hourly"`
}

// PstnSummary is the summary of a set of PSTN calls.
type PstnSummary struct {
	From     time.Time `json:"from"`
	To       time.Time `json:"to"`
	Complete bool      `json:"complete"`
	Calls    int       `json:"calls"`
	// Seconds sums the durations Graph reported; DurationNotReported counts
	// the calls whose duration it did not, which Seconds leaves out.
	Seconds             int64    `json:"seconds"`
	DurationNotReported int      `json:"durationNotReported"`
	Charges             []Charge `json:"charges"`
	// BucketStart and BucketSize place the Hourly slots; JSON carries the
	// size as BucketSeconds, the unit in the name.
	BucketStart   time.Time     `json:"bucketStart"`
	BucketSize    time.Duration `json:"-"`
	BucketSeconds int64         `json:"bucketSeconds"`
	// Hourly counts calls per slot.
	Hourly []int32 `json:"hourly"`
	// Destinations, CallTypes and Licenses are the groups, most calls first.
	Destinations []PstnGroup `json:"destinations"`
	CallTypes    []PstnGroup `json:"callTypes"`
	Licenses     []PstnGroup `json:"licenses"`
}

// pstnAcc accumulates one PSTN group.
type pstnAcc struct {
	name        string
	calls       int
	seconds     int64
	charges     []Charge
	first, last int64
	hourly      []int32
}

// pstnDim is one grouping dimension (destination, call type, licence).
type pstnDim struct {
	m    map[string]*pstnAcc
	list []*pstnAcc
}

func (d *pstnDim) get(name string, n int) *pstnAcc {
	a := d.m[name]
	if a == nil {
		a = &pstnAcc{name: name, hourly: make([]int32, n)}
		d.m[name] = a
		d.list = append(d.list, a)
	}
	return a
}

// PstnBuilder accumulates PSTN calls; not safe for concurrent use.
type PstnBuilder struct {
	from, to time.Time
	bk       buckets
	all      pstnAcc
	dims     [3]pstnDim
	// noDuration counts calls without a reported duration.
	noDuration int
}

// NewPstnBuilder prepares an accumulator for calls in [from, to).
func NewPstnBuilder(from, to time.Time) *PstnBuilder {
	b := &PstnBuilder{from: from, to: to, bk: newBuckets(from, to)}
	b.all.hourly = make([]int32, b.bk.n)
	for i := range b.dims {
		b.dims[i].m = make(map[string]*pstnAcc)
	}
	return b
}

// Add counts one call.
func (b *PstnBuilder) Add(c PstnCall) {
	i := b.bk.index(c.At)
	b.all.add(c, i)
	if c.NoDuration {
		b.noDuration++
	}
	for d, name := range [3]string{c.Destination, c.CallType, c.License} {
		b.dims[d].get(name, b.bk.n).add(c, i)
	}
}

// Len reports how many calls were added.
func (b *PstnBuilder) Len() int { return b.all.calls }

func (a *pstnAcc) add(c PstnCall, bucket int) {
	a.calls++
	a.seconds += int64(c.Seconds)
	a.first, a.last = span(a.first, a.last, c.At)
	if bucket >= 0 {
		a.hourly[bucket]++
	}
	if math.IsNaN(c.Charge) {
		return
	}
	for i := range a.charges {
		if a.charges[i].Currency == c.Currency {
			a.charges[i].Amount += c.Charge
			return
		}
	}
	a.charges = append(a.charges, Charge{Currency: c.Currency, Amount: c.Charge})
}

// Summary builds the groups of everything added so far.
func (b *PstnBuilder) Summary() *PstnSummary {
	s := &PstnSummary{
		From: b.from, To: b.to, Calls: b.all.calls, Seconds: b.all.seconds,
		DurationNotReported: b.noDuration,
		Charges:             sortedCharges(b.all.charges), BucketSize: time.Duration(b.bk.size),
		BucketSeconds: b.bk.size / int64(time.Second),
		Hourly:        slices.Clone(b.all.hourly),
	}
	if b.bk.n > 0 {
		s.BucketStart = nsTime(b.bk.start)
	}
	groups := func(d *pstnDim) []PstnGroup {
		out := make([]PstnGroup, 0, len(d.list))
		for _, a := range d.list {
			out = append(out, PstnGroup{Name: a.name, Calls: a.calls, Share: ratio(a.calls, b.all.calls),
				Seconds: a.seconds, Charges: sortedCharges(a.charges), First: nsTime(a.first), Last: nsTime(a.last),
				Hourly: slices.Clone(a.hourly)})
		}
		slices.SortFunc(out, func(x, y PstnGroup) int {
			return cmp.Or(cmp.Compare(y.Calls, x.Calls), cmp.Compare(x.Name, y.Name))
		})
		return out
	}
	s.Destinations, s.CallTypes, s.Licenses = groups(&b.dims[0]), groups(&b.dims[1]), groups(&b.dims[2])
	return s
}

// sortedCharges copies the charges in currency order, so output is stable.
func sortedCharges(c []Charge) []Charge {
	out := slices.Clone(c)
	slices.SortFunc(out, func(x, y Charge) int { return cmp.Compare(x.Currency, y.Currency) })
	return out
}
