package fakegraph

import (
	"hash/fnv"
	"strconv"
	"time"
)

// Graph writes DateTimeOffset values in more than one form within one
// tenant: with Z or +00:00, and with 0 to 7 fractional digits, trailing
// zeros kept or not ("2023-05-18T12:29:12.0605236+00:00",
// "…56.41277+00:00", "…06:32:16+00:00" in microsoft-graph-docs-contrib
// issue #21376; graph-api.md §4.7). The fake writes each record's and
// each log row's times in a form picked from its id, so every client
// test meets all of them, deterministically.

// timeStyle is one way of writing a timestamp.
type timeStyle struct {
	offset bool // +00:00 instead of Z
	// digits is how many fractional digits to write at least (0-7), or -1
	// for as few as the value needs (model.Time's form). More are written
	// when the value needs them: the form never changes the instant.
	digits int
}

// styleFor picks the form for the entity with id: about a third of ids
// get +00:00, about half a fixed number of fractional digits.
func styleFor(id string) timeStyle {
	h := fnv.New32a()
	_, _ = h.Write([]byte(id))
	n := h.Sum32()
	st := timeStyle{offset: n%3 == 0, digits: -1}
	if (n/3)%2 == 1 {
		st.digits = int((n / 6) % 8)
	}
	return st
}

// wireTime is a timestamp of one entity as the fake writes it; the zero
// time is null.
type wireTime struct {
	t     time.Time
	style timeStyle
}

// wireAt is t written in the style of the entity with id.
func wireAt(t time.Time, id string) wireTime { return wireTime{t: t, style: styleFor(id)} }

// MarshalJSON writes the instant in UTC, in the entity's style, at 100 ns
// precision as Graph does.
func (w wireTime) MarshalJSON() ([]byte, error) {
	if w.t.IsZero() {
		return []byte("null"), nil
	}
	u := w.t.UTC()
	b := make([]byte, 0, 40)
	b = append(b, '"')
	b = u.AppendFormat(b, "2006-01-02T15:04:05")
	frac := strconv.Itoa(u.Nanosecond()/100 + 1e7)[1:] // seven digits
	need := len(frac)
	for need > 0 && frac[need-1] == '0' {
		need--
	}
	if n := max(need, w.style.digits); n > 0 {
		b = append(b, '.')
		b = append(b, frac[:n]...)
	}
	if w.style.offset {
		b = append(b, "+00:00"...)
	} else {
		b = append(b, 'Z')
	}
	return append(b, '"'), nil
}
