package model

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"
)

// Duration is an ISO-8601 duration as Graph sends it ("PT0.016S", "PT1M3.5S",
// "P1DT2H"). It is parsed exactly, unlike the Kiota parser that reads "PT1S"
// as zero (graph-api.md §4.12).
type Duration time.Duration

// D returns the value as a time.Duration.
func (d Duration) D() time.Duration { return time.Duration(d) }

// ParseISODuration parses PnDTnHnMn.nS (weeks as PnW too). Years and months
// are refused: their length in seconds is not fixed. Fractions are allowed
// on seconds only and kept to the nanosecond.
func ParseISODuration(s string) (time.Duration, error) {
	orig := s
	bad := func(why string) (time.Duration, error) {
		return 0, fmt.Errorf("duration %q: %s", orig, why)
	}
	neg := false
	if strings.HasPrefix(s, "-") {
		neg, s = true, s[1:]
	}
	if !strings.HasPrefix(s, "P") {
		return bad("must start with P")
	}
	s = s[1:]
	if s == "" {
		return bad("no components")
	}
	var total time.Duration
	add := func(n, unit time.Duration) bool {
		if n > 0 && n > math.MaxInt64/unit {
			return false
		}
		v := n * unit
		if total > math.MaxInt64-v {
			return false
		}
		total += v
		return true
	}
	inTime := false
	seen := ""
	components := 0
	for s != "" {
		if s[0] == 'T' {
			if inTime {
				return bad("second T")
			}
			inTime = true
			s = s[1:]
			if s == "" {
				return bad("T with no time components")
			}
			continue
		}
		i := 0
		for i < len(s) && (s[i] >= '0' && s[i] <= '9' || s[i] == '.' || s[i] == ',') {
			i++
		}
		if i == 0 || i == len(s) {
			return bad("want a number followed by a unit")
		}
		num, unit := s[:i], s[i]
		s = s[i+1:]
		key := string(unit)
		if inTime {
			key = "T" + key
		}
		if strings.Contains(seen, key+";") {
			return bad("unit " + string(unit) + " repeated")
		}
		seen += key + ";"
		components++
		if unit == 'S' && inTime {
			d, ok := parseSeconds(num)
			if !ok || !add(d, 1) {
				return bad("bad seconds")
			}
			if s != "" {
				return bad("seconds must come last")
			}
			continue
		}
		n, err := strconv.ParseInt(num, 10, 64)
		if err != nil || n < 0 {
			return bad("fractions are only allowed on seconds")
		}
		var ok bool
		switch {
		case !inTime && unit == 'W':
			ok = add(time.Duration(n), 7*24*time.Hour)
		case !inTime && unit == 'D':
			ok = add(time.Duration(n), 24*time.Hour)
		case inTime && unit == 'H':
			ok = add(time.Duration(n), time.Hour)
		case inTime && unit == 'M':
			ok = add(time.Duration(n), time.Minute)
		case !inTime && (unit == 'Y' || unit == 'M'):
			return bad("years and months have no fixed length")
		default:
			return bad("unknown unit " + string(unit))
		}
		if !ok {
			return bad("too large")
		}
	}
	if components == 0 {
		return bad("no components")
	}
	if neg {
		total = -total
	}
	return total, nil
}

// parseSeconds reads "12", "0.016" or "0,5" into nanoseconds exactly,
// truncating digits below a nanosecond.
func parseSeconds(num string) (time.Duration, bool) {
	num = strings.Replace(num, ",", ".", 1)
	whole, frac, hasFrac := strings.Cut(num, ".")
	if whole == "" || (hasFrac && frac == "") || strings.ContainsAny(frac, ".,") {
		return 0, false
	}
	w, err := strconv.ParseInt(whole, 10, 64)
	if err != nil || w > math.MaxInt64/int64(time.Second) {
		return 0, false
	}
	var ns int64
	for i := 0; i < 9; i++ {
		ns *= 10
		if i < len(frac) {
			ns += int64(frac[i] - '0')
		}
	}
	d := time.Duration(w) * time.Second
	if d > math.MaxInt64-time.Duration(ns) {
		return 0, false
	}
	return d + time.Duration(ns), true
}

// FormatISODuration writes d the way Graph does: PT…S with a fraction only
// when needed. It uses integer arithmetic, so every nanosecond survives a
// round trip through ParseISODuration.
func FormatISODuration(d time.Duration) string {
	b := make([]byte, 0, 32)
	// Work in uint64 so that -math.MinInt64 does not overflow.
	u := uint64(d)
	if d < 0 {
		b = append(b, '-')
		u = -u
	}
	b = append(b, 'P', 'T')
	const (
		sec    = uint64(time.Second)
		minute = uint64(time.Minute)
		hour   = uint64(time.Hour)
	)
	if h := u / hour; h > 0 {
		b = strconv.AppendUint(b, h, 10)
		b = append(b, 'H')
		u -= h * hour
	}
	if m := u / minute; m > 0 {
		b = strconv.AppendUint(b, m, 10)
		b = append(b, 'M')
		u -= m * minute
	}
	if u > 0 || d == 0 {
		b = strconv.AppendUint(b, u/sec, 10)
		if frac := u % sec; frac > 0 {
			var digits [9]byte
			for i := len(digits) - 1; i >= 0; i-- {
				digits[i] = byte('0' + frac%10)
				frac /= 10
			}
			n := len(digits)
			for n > 0 && digits[n-1] == '0' {
				n--
			}
			b = append(b, '.')
			b = append(b, digits[:n]...)
		}
		b = append(b, 'S')
	}
	return string(b)
}

// UnmarshalText parses the ISO-8601 form.
func (d *Duration) UnmarshalText(b []byte) error {
	v, err := ParseISODuration(string(b))
	if err != nil {
		return err
	}
	*d = Duration(v)
	return nil
}

// MarshalText writes the ISO-8601 form.
func (d Duration) MarshalText() ([]byte, error) {
	return []byte(FormatISODuration(time.Duration(d))), nil
}

// Millis renders the duration in milliseconds for tables ("16 ms").
func (d Duration) Millis() string {
	ms := float64(d) / float64(time.Millisecond)
	if ms == math.Trunc(ms) {
		return strconv.FormatFloat(ms, 'f', 0, 64) + " ms"
	}
	return strconv.FormatFloat(ms, 'f', 1, 64) + " ms"
}
