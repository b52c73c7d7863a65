package model

import (
	"bytes"
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// Fuzz targets. Run one with, e.g.:
//
//	go test ./model -run='^$' -fuzz=FuzzParseISODuration -fuzztime=60s
//
// Inputs that once failed live in testdata/fuzz/<target>/ and run with
// every plain `go test`.

// fixtureSeeds adds every shared fixture (and each element of its value
// array and sessions) to f's corpus; missing fixtures just add nothing.
func fixtureSeeds(f *testing.F) {
	names, _ := filepath.Glob(filepath.Join(fixturesDir, "*.json"))
	for _, n := range names {
		b, err := os.ReadFile(n)
		if err != nil {
			continue
		}
		f.Add(b)
		var parts struct {
			Value    []json.RawMessage `json:"value"`
			Sessions []json.RawMessage `json:"sessions"`
		}
		if json.Unmarshal(b, &parts) == nil {
			for _, v := range append(parts.Value, parts.Sessions...) {
				f.Add([]byte(v))
			}
		}
	}
}

func FuzzParseISODuration(f *testing.F) {
	for _, s := range []string{
		"PT1S", "PT0.016S", "PT0.0005S", "PT1M3.5S", "P1DT2H", "PT0S", "P1W", "-PT1S", "PT0,5S",
		"", "P", "PT", "1S", "PT1.S", "P1Y", "P1M", "PT1H2X", "PTS", "P1.5D", "PT1S2M",
		"PT9223372036.854775807S", "PT2562047H47M16.854775807S", "PT9223372037S", "P1W1DT1H1M1.000000001S",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := ParseISODuration(s)
		if err != nil {
			if d != 0 {
				t.Errorf("ParseISODuration(%q) = %v with error %v", s, d, err)
			}
			return
		}
		text := FormatISODuration(d)
		back, err := ParseISODuration(text)
		if err != nil {
			t.Fatalf("ParseISODuration(%q) = %d; FormatISODuration = %q, which does not parse: %v", s, d, text, err)
		}
		if back != d {
			t.Fatalf("ParseISODuration(%q) = %d; FormatISODuration = %q, which parses as %d", s, d, text, back)
		}
		var md Duration
		if err := md.UnmarshalText([]byte(s)); err != nil || md.D() != d {
			t.Fatalf("UnmarshalText(%q) = %v, %v; want %v", s, md, err, d)
		}
	})
}

func FuzzParseTime(f *testing.F) {
	for _, s := range []string{
		"2020-02-25T18:52:21.2169889Z", "2023-05-18T12:29:12.0605236+00:00", "2023-05-18T06:32:16+00:00",
		"2020-08-18T12:51:51", "0001-01-01T00:00:00Z", "0000-01-01T00:00:00+01:00", "9999-12-31T23:59:59.999999999-23:59",
		"2020-02-25T18:52:21,5Z", "date-time", "",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		p, err := ParseTime(s)
		if err != nil {
			if !p.IsZero() {
				t.Errorf("ParseTime(%q) = %v with error %v", s, p, err)
			}
			return
		}
		// What ParseTime accepts, Time writes and reads back, at Graph's 100 ns.
		out, err := json.Marshal(NewTime(p))
		if err != nil {
			t.Fatalf("ParseTime(%q) = %v, which Time cannot marshal: %v", s, p, err)
		}
		var back Time
		if err := json.Unmarshal(out, &back); err != nil {
			t.Fatalf("ParseTime(%q) = %v, marshalled %s, which does not unmarshal: %v", s, p, out, err)
		}
		// Equal compares instants: an in-zone sentinel such as
		// 0001-01-01T00:00:00+01:00 is a value here (only Time's decoding
		// maps it to none), and anything within 100 ns of the zero instant
		// comes back as the zero Time, which is the same instant.
		want := p.Truncate(100 * time.Nanosecond)
		if !back.Time.Equal(want) {
			t.Fatalf("ParseTime(%q) = %v, round trip %s = %v, want %v", s, p, out, back.Time, want)
		}
	})
}

func FuzzTimeUnmarshalJSON(f *testing.F) {
	for _, s := range []string{
		`"2020-02-25T18:52:21.2169889Z"`, `"2023-05-18T12:29:12.0605236+00:00"`, `"2019-11-01T00:00:25.105Z"`,
		`"0001-01-01T00:00:00Z"`, `"2020-08-18T12:51:51"`, `null`, `""`, `"`, `"\u0032020-01-01T00:00:00Z"`,
		`"0001-01-01T00:00:00.00000001Z"`, `"0000-12-31T23:00:00.00000005-01:00"`, `123`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		var v Time
		if err := v.UnmarshalJSON(b); err != nil {
			return
		}
		out, err := v.MarshalJSON()
		if err != nil {
			t.Fatalf("UnmarshalJSON(%q) = %v, which does not marshal: %v", b, v.Time, err)
		}
		var back Time
		if err := back.UnmarshalJSON(out); err != nil {
			t.Fatalf("UnmarshalJSON(%q) = %v, marshalled %s, which does not unmarshal: %v", b, v.Time, out, err)
		}
		if !back.Time.Equal(v.Time.Truncate(100 * time.Nanosecond)) {
			t.Fatalf("UnmarshalJSON(%q) = %v, round trip via %s = %v", b, v.Time, out, back.Time)
		}
		// Once in Graph's form, the text is a fixed point.
		again, err := back.MarshalJSON()
		if err != nil || !bytes.Equal(again, out) {
			t.Fatalf("second marshal of %q = %s, %v; first was %s", b, again, err, out)
		}
	})
}

// fuzzNow is the clock for FuzzParseWhen's fixed-clock property.
var fuzzNow = time.Date(2026, 11, 20, 14, 0, 0, 123, time.UTC)

func FuzzParseWhen(f *testing.F) {
	for _, s := range []string{
		"2026-11-20T14:00:00Z", "2026-11-20", "2026-11-20T14:00", "2026-11-20 14:00", "-2h", "-3d", "-90m", "-1w",
		"-30s", "-1d12h", "+1h", "now", "today", "yesterday", " YESTERDAY ", "2026-13-01", "-2562047h47m16s",
		"0001-01-01", "", "-", "2026-11-20 14:00:00.5+05:30",
	} {
		f.Add(s, int64(0))
	}
	f.Add("yesterday", int64(math.MinInt64))
	f.Add("-1s", int64(1))
	f.Fuzz(func(t *testing.T, s string, nowSec int64) {
		check := func(now time.Time) {
			got, err := ParseWhen(s, now)
			if err != nil {
				if !got.IsZero() {
					t.Errorf("ParseWhen(%q, %v) = %v with error %v", s, now, got, err)
				}
				if err.Error() == "" {
					t.Errorf("ParseWhen(%q, %v): empty error", s, now)
				}
				return
			}
			if got.IsZero() {
				t.Fatalf("ParseWhen(%q, %v) = the zero time without an error", s, now)
			}
			if got.Location() != time.UTC {
				t.Fatalf("ParseWhen(%q, %v) location = %v, want UTC", s, now, got.Location())
			}
			if y := got.Year(); y < 1 || y > 9999 {
				t.Fatalf("ParseWhen(%q, %v) = %v, year out of range", s, now, got)
			}
			// Whatever it returns can go to Graph and back.
			if _, err := ParseTime(FormatGraphTime(got)); err != nil {
				t.Fatalf("ParseWhen(%q, %v) = %v; FormatGraphTime gives %q, which does not parse: %v", s, now, got, FormatGraphTime(got), err)
			}
		}
		check(fuzzNow)
		// And with a clock anywhere from year 1 to 9999.
		span := int64(endRFC3339Unix - sentinelUnix)
		off := nowSec % span
		if off < 0 {
			off += span
		}
		check(time.Unix(sentinelUnix+off, 0))
	})
}

func FuzzDecodeCallRecord(f *testing.F) {
	fixtureSeeds(f)
	for _, s := range []string{
		`{"id":"x","type":"someNewType","modalities":["unknownFutureValue"],"organizer_v2":{"identity":{"teamsBot":{"id":"b"},"User":{"id":"u"}}}}`,
		`{"startDateTime":"0001-01-01T00:00:00.00000001Z","sessions":[{"segments":[{"media":[{"streams":[{"averageJitter":"-PT1S"}]}]}]}]}`,
		`{"participants":[null,{}],"organizer":null}`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		var r CallRecord
		if err := json.Unmarshal(b, &r); err != nil {
			return
		}
		// Whatever decodes re-encodes, and one more decode/encode is a fixed point.
		out, err := json.Marshal(r)
		if err != nil {
			t.Fatalf("decoded %q, but marshal failed: %v", b, err)
		}
		var r2 CallRecord
		if err := json.Unmarshal(out, &r2); err != nil {
			t.Fatalf("re-decode of %s: %v", out, err)
		}
		out2, err := json.Marshal(r2)
		if err != nil {
			t.Fatalf("re-marshal of %s: %v", out, err)
		}
		if !bytes.Equal(out, out2) {
			t.Fatalf("not a fixed point:\n in: %q\n1st: %s\n2nd: %s", b, out, out2)
		}
		// The display helpers never panic on whatever came in.
		_ = r.OrganizerText()
		for _, s := range r.Sessions {
			_, _ = s.Caller.Text(), s.Callee.Text()
		}
	})
}

// FuzzIdentitySetKeys checks the fast path of IdentitySet.UnmarshalJSON: when
// the key scan says every key is known, the map decode it skips would indeed
// have left Extra empty. The scan also must not panic on any bytes.
func FuzzIdentitySetKeys(f *testing.F) {
	fixtureSeeds(f)
	for _, s := range []string{
		`{"user":{"id":"u"},"acsUser":null}`, `{"User":{}}`, `{"ſpoolUser":null}`, `{"\u0075ser":{}}`,
		`{"user":{"x":"}\"{"},"x":1}`, `{"user":[1,{"a":[2]}],"phone":null}`, `null`, `{}`, ` { "guest" : { } } `,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		fast := onlyKnownKeys(b) // arbitrary bytes: must not panic
		var f identitySetFields
		if json.Unmarshal(b, &f) != nil {
			return
		}
		var all map[string]json.RawMessage
		if json.Unmarshal(b, &all) != nil {
			return
		}
		unknown := []string{}
		for k := range all {
			if !isIdentitySetKey([]byte(k)) {
				unknown = append(unknown, k)
			}
		}
		if fast && len(unknown) > 0 {
			t.Fatalf("scan of %q says all keys are known, but %q are not", b, unknown)
		}
		var s IdentitySet
		if err := json.Unmarshal(b, &s); err != nil {
			t.Fatalf("IdentitySet rejects %q, which its fields accept: %v", b, err)
		}
		if len(s.Extra) != len(unknown) {
			t.Fatalf("%q: Extra has %d keys, want %d (%s)", b, len(s.Extra), len(unknown), strings.Join(unknown, ", "))
		}
	})
}
