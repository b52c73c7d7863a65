package model

import (
	"bytes"
	"encoding/json"
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
// bodies' innerError.date) is read as UTC. Instants whose UTC year falls
// outside 0000–9999 are refused, since RFC 3339 cannot write them back.
func ParseTime(s string) (time.Time, error) {
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		t, err = time.ParseInLocation("2006-01-02T15:04:05.999999999", s, time.UTC)
	}
	if err != nil {
		return time.Time{}, fmt.Errorf("timestamp %q is not RFC 3339 (want 2006-01-02T15:04:05Z)", s)
	}
	if !inRFC3339Range(t) {
		return time.Time{}, fmt.Errorf("timestamp %q: year outside 0000..9999 in UTC", s)
	}
	return t, nil
}

// Unix seconds of the bounds that matter to Time.
const (
	// minRFC3339Unix is 0000-01-01T00:00:00Z and endRFC3339Unix
	// 10000-01-01T00:00:00Z: RFC 3339 can write the instants between them.
	minRFC3339Unix = -62167219200
	endRFC3339Unix = 253402300800
	// sentinelUnix is 0001-01-01T00:00:00Z, Graph's "no value" and Go's zero time.
	sentinelUnix = -62135596800
)

// inRFC3339Range reports whether t's UTC year is within 0000–9999.
func inRFC3339Range(t time.Time) bool {
	s := t.Unix()
	return s >= minRFC3339Unix && s < endRFC3339Unix
}

// isSentinel reports Graph's "no value" timestamp: 0001-01-01T00:00:00 in
// whatever zone it is written, or any instant that MarshalJSON's 100 ns
// precision would write as 0001-01-01T00:00:00Z (so that a value never
// turns into "no value" on a round trip).
func isSentinel(t time.Time) bool {
	s := t.Unix()
	if s < sentinelUnix-86400 || s > sentinelUnix+86400 {
		return false // the common case: one comparison
	}
	if s == sentinelUnix && t.Nanosecond() < 100 {
		return true
	}
	_, offset := t.Zone()
	return s+int64(offset) == sentinelUnix && t.Nanosecond() == 0
}

// NewTime wraps t; the zero time stays "no value".
func NewTime(t time.Time) Time { return Time{t} }

// IsZero reports whether the timestamp carries no value, counting Graph's
// 0001-01-01 sentinel as none.
func (t Time) IsZero() bool { return t.Time.IsZero() }

// UnmarshalJSON accepts null, the sentinel, and RFC 3339 strings. Graph's
// own form (Z or an offset) is parsed straight from the bytes; only the
// zone-less and escaped forms pay for a string copy.
func (t *Time) UnmarshalJSON(b []byte) error {
	if string(b) == "null" {
		t.Time = time.Time{}
		return nil
	}
	if len(b) < 2 || b[0] != '"' || b[len(b)-1] != '"' {
		return errors.New("timestamp: want a JSON string")
	}
	if len(b) == 2 {
		t.Time = time.Time{}
		return nil
	}
	var p time.Time
	// time.Time.UnmarshalJSON reads RFC 3339 from the quoted bytes without
	// copying them, and agrees with time.Parse(time.RFC3339Nano) on them.
	if err := p.UnmarshalJSON(b); err == nil {
		if !inRFC3339Range(p) {
			return fmt.Errorf("timestamp %s: year outside 0000..9999 in UTC", b)
		}
	} else {
		s, err := unquoteTime(b)
		if err != nil {
			return err
		}
		if s == "" {
			t.Time = time.Time{}
			return nil
		}
		if p, err = ParseTime(s); err != nil {
			return err
		}
	}
	if isSentinel(p) {
		p = time.Time{}
	}
	t.Time = p
	return nil
}

// unquoteTime returns the text of the JSON string b, decoding escapes only
// when there are any.
func unquoteTime(b []byte) (string, error) {
	inner := b[1 : len(b)-1]
	if bytes.IndexByte(inner, '\\') < 0 {
		return string(inner), nil
	}
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		return "", fmt.Errorf("timestamp: %w", err)
	}
	return s, nil
}

// MarshalJSON writes null for no value, else UTC with up to 7 fractional
// digits as Graph does. Like time.Time, it refuses years that RFC 3339
// cannot write (outside 0000–9999 in UTC) rather than emit text that
// UnmarshalJSON would reject.
func (t Time) MarshalJSON() ([]byte, error) {
	if t.IsZero() {
		return []byte("null"), nil
	}
	if !inRFC3339Range(t.Time) {
		return nil, fmt.Errorf("timestamp: year %d outside 0000..9999 in UTC", t.UTC().Year())
	}
	u := t.UTC()
	b := make([]byte, 0, 32)
	b = append(b, '"')
	b = u.AppendFormat(b, graphTimeLayout)
	return append(b, '"'), nil
}

// FormatGraphTime writes t as Graph's function parameters want it:
// UTC, whole seconds, Z (graph-api.md §4.7, §4.8).
func FormatGraphTime(t time.Time) string {
	return t.UTC().Format("2006-01-02T15:04:05Z")
}
