package model

import (
	"bytes"
	"errors"
	"fmt"
	"time"
)

// Time is a Graph DateTimeOffset. The zero value means "no value": Graph sends
// null, omits the property, or (in directRoutingLogRow.failureDateTime) sends
// the sentinel 0001-01-01T00:00:00Z for it.
type Time struct{ time.Time }

// graphTimeLayout is how Graph writes timestamps; it also shapes what the fake sends.
const graphTimeLayout = "2006-01-02T15:04:05.9999999Z07:00"

// ParseTime parses a Graph timestamp: RFC 3339 with 0 to 9 fractional digits
// and either Z or a numeric offset. A timestamp without a zone (as in error
// bodies' innerError.date) is read as UTC.
func ParseTime(s string) (time.Time, error) {
	if t, err := time.Parse(time.RFC3339Nano, s); err == nil {
		return t, nil
	}
	if t, err := time.ParseInLocation("2006-01-02T15:04:05.999999999", s, time.UTC); err == nil {
		return t, nil
	}
	return time.Time{}, fmt.Errorf("timestamp %q is not RFC 3339 (want 2006-01-02T15:04:05Z)", s)
}

// NewTime wraps t; the zero time stays "no value".
func NewTime(t time.Time) Time { return Time{t} }

// IsZero reports whether the timestamp carries no value, counting Graph's
// 0001-01-01 sentinel as none.
func (t Time) IsZero() bool { return t.Time.IsZero() }

// UnmarshalJSON accepts null, the sentinel, and RFC 3339 strings.
func (t *Time) UnmarshalJSON(b []byte) error {
	if bytes.Equal(b, []byte("null")) {
		t.Time = time.Time{}
		return nil
	}
	if len(b) < 2 || b[0] != '"' || b[len(b)-1] != '"' {
		return errors.New("timestamp: want a JSON string")
	}
	s := string(b[1 : len(b)-1])
	if s == "" {
		t.Time = time.Time{}
		return nil
	}
	p, err := ParseTime(s)
	if err != nil {
		return err
	}
	if p.Year() == 1 && p.YearDay() == 1 && p.Hour() == 0 && p.Minute() == 0 && p.Second() == 0 && p.Nanosecond() == 0 {
		p = time.Time{}
	}
	t.Time = p
	return nil
}

// MarshalJSON writes null for no value, else UTC with up to 7 fractional digits as Graph does.
func (t Time) MarshalJSON() ([]byte, error) {
	if t.IsZero() {
		return []byte("null"), nil
	}
	b := make([]byte, 0, 32)
	b = append(b, '"')
	b = t.UTC().AppendFormat(b, graphTimeLayout)
	return append(b, '"'), nil
}

// FormatGraphTime writes t as Graph's function parameters want it:
// UTC, whole seconds, Z (graph-api.md §4.7, §4.8).
func FormatGraphTime(t time.Time) string {
	return t.UTC().Format("2006-01-02T15:04:05Z")
}
