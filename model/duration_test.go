package model

import (
	"encoding/json"
	"math"
	"strings"
	"testing"
	"time"
)

// TestParseISODuration covers the forms Graph sends and the ones to refuse.
func TestParseISODuration(t *testing.T) {
	good := []struct {
		in   string
		want time.Duration
	}{
		{"PT1S", time.Second}, // Kiota's regex reads this as 0 (graph-api.md §4.12)
		{"PT0.016S", 16 * time.Millisecond},
		{"PT0.02S", 20 * time.Millisecond},
		{"PT0.474S", 474 * time.Millisecond},
		{"PT0.0005S", 500 * time.Microsecond}, // Kiota keeps whole milliseconds: 0
		{"PT0.000000001S", time.Nanosecond},
		{"PT0.0000000019S", time.Nanosecond}, // below a nanosecond is truncated
		{"PT0,5S", 500 * time.Millisecond},   // ISO 8601 allows a comma
		{"PT1M3.5S", time.Minute + 3500*time.Millisecond},
		{"PT2M3.5S", 2*time.Minute + 3500*time.Millisecond},
		{"PT1H", time.Hour},
		{"PT1H2M3S", time.Hour + 2*time.Minute + 3*time.Second},
		{"P1D", 24 * time.Hour},
		{"P1DT2H", 26 * time.Hour},
		{"P1W", 7 * 24 * time.Hour},
		{"PT0S", 0},
		{"P0D", 0},
		{"PT90M", 90 * time.Minute},
		{"PT36H", 36 * time.Hour},
		{"-PT1S", -time.Second},
		{"-P1DT0.5S", -(24*time.Hour + 500*time.Millisecond)},
		{"PT9223372036.854775807S", math.MaxInt64},
		{"PT2562047H47M16.854775807S", math.MaxInt64},
	}
	for _, tt := range good {
		got, err := ParseISODuration(tt.in)
		if err != nil {
			t.Errorf("ParseISODuration(%q): %v", tt.in, err)
			continue
		}
		if got != tt.want {
			t.Errorf("ParseISODuration(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}

	bad := []string{
		"", "P", "PT", "T1S", "1S", "PT1.S", "PT.5S", "P1Y", "P1M", "P1Y2M", "PT1H2X", "PTS",
		"P1.5D", "PT1.5H", "PT1S2M", "PT1S1S", "PT1H1H", "P1DT", "P1D1D", "PTT1S", "P1H", "pt1s",
		"PT1S ", " PT1S", "+PT1S", "--PT1S", "PT-1S", "PT1e3S", "PT1,2,3S", "PT1.2.3S", "PT1.5,5S",
		"PT9223372037S",             // past math.MaxInt64 nanoseconds
		"PT2562048H",                // hours past the limit
		"P106752D",                  // days past the limit
		"P15251W",                   // weeks past the limit
		"PT2562047H47M17S",          // each part fits, the sum does not
		"PT99999999999999999999H",   // not even an int64
		"PT99999999999999999999.0S", // seconds not an int64
		"P1W" + strings.Repeat("9", 40) + "D",
	}
	for _, in := range bad {
		if got, err := ParseISODuration(in); err == nil {
			t.Errorf("ParseISODuration(%q) = %v, want an error", in, got)
		} else if !strings.Contains(err.Error(), "duration") {
			t.Errorf("ParseISODuration(%q) error %q does not say duration", in, err)
		}
	}
}

// TestFormatISODuration checks Graph's PT…S form and the round trip.
func TestFormatISODuration(t *testing.T) {
	tests := []struct {
		in   time.Duration
		want string
	}{
		{0, "PT0S"},
		{time.Second, "PT1S"},
		{16 * time.Millisecond, "PT0.016S"},
		{500 * time.Microsecond, "PT0.0005S"},
		{time.Nanosecond, "PT0.000000001S"},
		{time.Minute + 3500*time.Millisecond, "PT1M3.5S"},
		{time.Hour, "PT1H"},
		{26 * time.Hour, "PT26H"},
		{time.Hour + time.Second, "PT1H1S"},
		{-time.Second, "-PT1S"},
		{-90 * time.Minute, "-PT1H30M"},
		{59*time.Second + 999999999, "PT59.999999999S"},
		// The float formatting this replaced wrote PT7.8547706999999996S (found by fuzzing).
		{7854770700, "PT7.8547707S"},
		{math.MaxInt64, "PT2562047H47M16.854775807S"},
		{math.MinInt64, "-PT2562047H47M16.854775808S"},
	}
	for _, tt := range tests {
		got := FormatISODuration(tt.in)
		if got != tt.want {
			t.Errorf("FormatISODuration(%v) = %q, want %q", tt.in, got, tt.want)
		}
		if tt.in == math.MinInt64 {
			continue // its magnitude has no positive Duration
		}
		back, err := ParseISODuration(got)
		if err != nil || back != tt.in {
			t.Errorf("ParseISODuration(FormatISODuration(%v)) = %v, %v", tt.in, back, err)
		}
	}
	// A sweep of awkward values: every nanosecond must survive.
	for _, d := range []time.Duration{1, 7, 999, 1001, 123456789, 59999999999, 60000000001, 3599999999999, 86399999999999} {
		for _, v := range []time.Duration{d, -d, d * 1000003} {
			back, err := ParseISODuration(FormatISODuration(v))
			if err != nil || back != v {
				t.Errorf("round trip %d: got %d, %v (text %q)", v, back, err, FormatISODuration(v))
			}
		}
	}
}

// TestDurationJSON checks Duration through encoding/json, including null.
func TestDurationJSON(t *testing.T) {
	var s struct {
		A *Duration `json:"a"`
		B *Duration `json:"b"`
		C Duration  `json:"c"`
	}
	if err := json.Unmarshal([]byte(`{"a":"PT0.016S","b":null,"c":"PT1S"}`), &s); err != nil {
		t.Fatal(err)
	}
	eqPtr(t, "a", s.A, Duration(16*time.Millisecond))
	isNil(t, "b", s.B)
	eq(t, "c", s.C, Duration(time.Second))
	eq(t, "c.D", s.C.D(), time.Second)
	eq(t, "a.Millis", s.A.Millis(), "16 ms")
	eq(t, "Millis fraction", Duration(1500*time.Microsecond).Millis(), "1.5 ms")
	eq(t, "Millis zero", Duration(0).Millis(), "0 ms")
	out, err := json.Marshal(s)
	if err != nil {
		t.Fatal(err)
	}
	eq(t, "marshal", string(out), `{"a":"PT0.016S","b":null,"c":"PT1S"}`)
	for _, bad := range []string{`{"a":"PT1Y"}`, `{"a":16}`, `{"c":"1s"}`} {
		if err := json.Unmarshal([]byte(bad), &s); err == nil {
			t.Errorf("%s: decoded without error", bad)
		}
	}
}
