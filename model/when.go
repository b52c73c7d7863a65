package model

import (
	"errors"
	"fmt"
	"math"
	"strings"
	"time"
)

// whenForms is the hint every ParseWhen error ends with: the forms a user may type.
const whenForms = "use RFC 3339 (2026-11-20T14:00:00Z), a date (2026-11-20) or a relative time (-2h, -3d, now, today, yesterday)"

// maxWhenInput bounds the input ParseWhen looks at; no accepted form comes near it.
const maxWhenInput = 64

// whenLayouts are the zone-less forms ParseWhen reads in now's location,
// after a space between date and time has been turned into a T.
var whenLayouts = []string{
	"2006-01-02",
	"2006-01-02T15:04",
	"2006-01-02T15:04:05.999999999",
}

// whenZonedLayouts are the forms with a zone that RFC 3339 proper lacks.
var whenZonedLayouts = []string{
	"2006-01-02T15:04Z07:00",
}

// ParseWhen parses a user-typed time expression, as given to --from/--to and
// the TUI's filter form, relative to now. It accepts:
//
//   - RFC 3339 with Z or an offset and optional fractional seconds
//     (2026-11-20T14:00:00Z, 2026-11-20T14:00:00.5+01:00);
//   - a date, meaning its midnight in now's location (2026-11-20);
//   - a date and time without a zone, a wall-clock time in now's location,
//     with T or a space between them (2026-11-20T14:00, 2026-11-20 14:00,
//     2026-11-20 14:00:30);
//   - a signed offset from now made of one or more number+unit pairs, units
//     w, d, h, m, s from largest to smallest, each at most once
//     (-2h, -3d, -90m, -1w, -30s, -1d12h, +1h);
//   - the keywords now, today (the start of now's calendar day in now's
//     location) and yesterday (the start of the calendar day before it).
//
// Calendar words (today, yesterday, a date, a zone-less time) are read in
// the location of now: a person means the day on their own clock, so
// callers pass now in the zone the times are shown in (time.Now() for the
// machine's zone, now.UTC() when the user chose UTC). Offsets and RFC 3339
// do not depend on it. A day is a calendar day, not 24 hours: across a
// daylight-saving change "yesterday" starts 23 or 25 hours before "today".
//
// Keywords, units and the T/Z letters are case-insensitive; surrounding space
// is ignored. The result is in UTC and never the zero time, which callers use
// for "unset". Errors quote the input and list the accepted forms.
func ParseWhen(s string, now time.Time) (time.Time, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return time.Time{}, errors.New("empty time; " + whenForms)
	}
	if len(s) > maxWhenInput {
		return time.Time{}, fmt.Errorf("%q: not a date or time; %s", s[:maxWhenInput]+"…", whenForms)
	}
	t, err := parseWhen(s, now)
	if err != nil {
		return time.Time{}, err
	}
	if t.IsZero() {
		return time.Time{}, fmt.Errorf("%q: 0001-01-01T00:00:00Z is the zero time, which means unset; use a later time", s)
	}
	if y := t.Year(); y < 1 || y > 9999 {
		return time.Time{}, fmt.Errorf("%q: out of range (years 0001 to 9999 in UTC)", s)
	}
	return t, nil
}

// parseWhen does ParseWhen's work on trimmed, bounded input.
func parseWhen(s string, now time.Time) (time.Time, error) {
	switch strings.ToLower(s) {
	case "now":
		return now.UTC(), nil
	case "today":
		return startOfDay(now, 0), nil
	case "yesterday":
		return startOfDay(now, -1), nil
	}
	if s[0] == '-' || s[0] == '+' {
		d, err := parseRelative(s)
		if err != nil {
			return time.Time{}, err
		}
		return now.UTC().Add(d), nil
	}
	u, ok := asciiUpper(s)
	if !ok {
		return time.Time{}, fmt.Errorf("%q: not a date or time; %s", s, whenForms)
	}
	if len(u) > 10 && u[10] == ' ' {
		u = u[:10] + "T" + strings.TrimLeft(u[11:], " ")
	}
	if t, err := time.Parse(time.RFC3339Nano, u); err == nil {
		return t.UTC(), nil
	}
	for _, layout := range whenZonedLayouts {
		if t, err := time.Parse(layout, u); err == nil {
			return t.UTC(), nil
		}
	}
	for _, layout := range whenLayouts {
		if t, err := time.ParseInLocation(layout, u, now.Location()); err == nil {
			return t.UTC(), nil
		}
	}
	return time.Time{}, fmt.Errorf("%q: not a date or time; %s", s, whenForms)
}

// asciiUpper upper-cases ASCII letters; ok is false if s has any other
// non-ASCII byte, which no date form contains.
func asciiUpper(s string) (string, bool) {
	b := []byte(s)
	for i, c := range b {
		switch {
		case c >= 0x80:
			return "", false
		case c >= 'a' && c <= 'z':
			b[i] = c - 'a' + 'A'
		}
	}
	return string(b), true
}

// startOfDay is the start, in UTC, of the calendar day days after now's
// day in now's location. Where a daylight-saving change skips midnight
// (America/Santiago in September), time.Date answers with 23:00 of the day
// before; the day then starts where that zone period ends.
func startOfDay(now time.Time, days int) time.Time {
	y, m, d := now.Date()
	t := time.Date(y, m, d+days, 0, 0, 0, 0, now.Location())
	if t.Hour() != 0 {
		if _, end := t.ZoneBounds(); !end.IsZero() {
			t = end
		}
	}
	return t.UTC()
}

// whenUnits are the relative units from largest to smallest.
var whenUnits = [...]struct {
	letter byte
	size   time.Duration
}{
	{'w', 7 * 24 * time.Hour},
	{'d', 24 * time.Hour},
	{'h', time.Hour},
	{'m', time.Minute},
	{'s', time.Second},
}

// parseRelative reads a signed offset such as -1d12h or +90m.
func parseRelative(s string) (time.Duration, error) {
	bad := func(why string) (time.Duration, error) {
		return 0, fmt.Errorf("%q: %s; %s", s, why, whenForms)
	}
	neg := s[0] == '-'
	rest := strings.ToLower(s[1:])
	if rest == "" {
		return bad("a sign needs a number and a unit after it")
	}
	var total time.Duration
	next := 0 // index into whenUnits of the largest unit still allowed
	for rest != "" {
		i := 0
		for i < len(rest) && rest[i] >= '0' && rest[i] <= '9' {
			i++
		}
		if i == 0 {
			return bad("want a number followed by a unit (w, d, h, m, s)")
		}
		if i == len(rest) {
			return bad("number " + rest + " has no unit (w, d, h, m, s)")
		}
		var n int64
		for _, c := range rest[:i] {
			if n > (math.MaxInt64-9)/10 {
				return bad("too far from now")
			}
			n = n*10 + int64(c-'0')
		}
		unit := rest[i]
		rest = rest[i+1:]
		k := next
		for k < len(whenUnits) && whenUnits[k].letter != unit {
			k++
		}
		if k == len(whenUnits) {
			if strings.IndexByte("wdhms", unit) >= 0 {
				return bad("units go from largest to smallest, each once (w, d, h, m, s)")
			}
			return bad(fmt.Sprintf("unknown unit %q (want w, d, h, m or s)", unit))
		}
		next = k + 1
		size := whenUnits[k].size
		if n > int64(math.MaxInt64/size) {
			return bad("too far from now")
		}
		v := time.Duration(n) * size
		if total > math.MaxInt64-v {
			return bad("too far from now")
		}
		total += v
	}
	if neg {
		total = -total
	}
	return total, nil
}

// ValidateRange checks a from/to pair where the zero time means unset: when
// both are set, from must be strictly before to.
func ValidateRange(from, to time.Time) error {
	if from.IsZero() || to.IsZero() || from.Before(to) {
		return nil
	}
	return fmt.Errorf("from (%s) must be before to (%s)", FormatGraphTime(from), FormatGraphTime(to))
}
