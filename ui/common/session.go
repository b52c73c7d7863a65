package common

import (
	"time"

	"github.com/callscope/callscope/model"
)

// Range is a time range as the user gave it (--from/--to, the ":" prompt,
// a filter form), kept as words so that r reads a relative range again:
// "-2h" or "to now" move forward to the current time on every reload, as
// a support engineer following an incident expects.
type Range struct {
	// From and To are as typed: "-2h", "today", "2026-11-20 14:00", RFC
	// 3339. "" is the view's default (Resolve's window).
	From, To string
	// Loc is the zone the words were typed in, so "today" keeps naming the
	// day the user meant after the t toggle; nil reads them in UTC.
	Loc *time.Location
}

// RangeOf is the range of the fixed instants from and to (zero: unset),
// written as RFC 3339 so that reading it again gives the same instants.
func RangeOf(from, to time.Time) Range {
	word := func(t time.Time) string {
		if t.IsZero() {
			return ""
		}
		return model.FormatGraphTime(t)
	}
	return Range{From: word(from), To: word(to)}
}

// SameWords reports that r and o say the same thing, whatever zone.
func (r Range) SameWords(o Range) bool { return r.From == o.From && r.To == o.To }

// Resolve reads the range at now (model.ParseWhen, calendar words in
// r.Loc). With window > 0 an empty To is now, to the second, and an empty
// From is window before To (the log views' last 24 hours); with window 0
// an empty bound stays zero, unset (the calls view's open range).
func (r Range) Resolve(now time.Time, window time.Duration) (from, to time.Time, err error) {
	loc := r.Loc
	if loc == nil {
		loc = time.UTC
	}
	now = now.In(loc)
	if r.To != "" {
		if to, err = model.ParseWhen(r.To, now); err != nil {
			return time.Time{}, time.Time{}, err
		}
	} else if window > 0 {
		to = now.UTC().Truncate(time.Second)
	}
	if r.From != "" {
		if from, err = model.ParseWhen(r.From, now); err != nil {
			return time.Time{}, time.Time{}, err
		}
	} else if window > 0 {
		from = to.Add(-window)
	}
	return from, to, nil
}

// Session is what the views share as the user switches between calls,
// Direct Routing and PSTN (1, 2, 3): one range, and the person or number
// filter where the view has one. The root keeps it.
type Session struct {
	Range Range
	// User is the person as a ":user" directive takes it: a UPN, the start
	// of a name or a phone number ("" for none). The log views filter rows
	// by it; the calls view looks it up.
	User string
	// Participant and ParticipantName are the calls view's participant id
	// for User and its display name, so coming back to calls needs no new
	// lookup; views without participants pass them on untouched.
	Participant, ParticipantName string
}

// NowInZone is the injected clock in the zone times are shown in: the
// "now" calendar words (today, a date) are read against, so they mean the
// day on the user's own clock, or the UTC day with the UTC preference.
func (c *Common) NowInZone() time.Time { return c.Now().In(c.Loc()) }
