package model

import (
	"strings"
	"testing"
	"time"
	_ "time/tzdata" // Europe/Berlin and America/Santiago on any machine
)

// whenNow is the fixed clock for ParseWhen tests: a local time whose UTC day
// differs from its local day. TestParseWhen reads it in UTC (the --utc
// case); TestParseWhenReadsTheCalendarInNowsZone reads it in EST.
var whenNow = time.Date(2026, 11, 20, 22, 30, 15, 500, time.FixedZone("EST", -5*3600)) // 2026-11-21T03:30:15.0000005Z

func TestParseWhen(t *testing.T) {
	nowUTC := whenNow.UTC()
	today := utc(2026, 11, 21, 0, 0, 0, 0)
	tests := []struct {
		in   string
		want time.Time
	}{
		// RFC 3339.
		{"2026-11-20T14:00:00Z", utc(2026, 11, 20, 14, 0, 0, 0)},
		{"2026-11-20T14:00:00.123Z", utc(2026, 11, 20, 14, 0, 0, 123000000)},
		{"2026-11-20T14:00:00.1234567Z", utc(2026, 11, 20, 14, 0, 0, 123456700)},
		{"2026-11-20T14:00:00+01:00", utc(2026, 11, 20, 13, 0, 0, 0)},
		{"2026-11-20T14:00:00-05:00", utc(2026, 11, 20, 19, 0, 0, 0)},
		{"2026-11-20t14:00:00z", utc(2026, 11, 20, 14, 0, 0, 0)},
		{"2026-11-20 14:00:00Z", utc(2026, 11, 20, 14, 0, 0, 0)},
		{"2026-11-20T14:00Z", utc(2026, 11, 20, 14, 0, 0, 0)},
		{"2026-11-20T14:00+02:00", utc(2026, 11, 20, 12, 0, 0, 0)},
		// A date: midnight in now's zone, here UTC.
		{"2026-11-20", utc(2026, 11, 20, 0, 0, 0, 0)},
		{"2024-02-29", utc(2024, 2, 29, 0, 0, 0, 0)},
		// Date and time without a zone: now's zone, here UTC.
		{"2026-11-20T14:00", utc(2026, 11, 20, 14, 0, 0, 0)},
		{"2026-11-20 14:00", utc(2026, 11, 20, 14, 0, 0, 0)},
		{"2026-11-20  14:00", utc(2026, 11, 20, 14, 0, 0, 0)},
		{"2026-11-20 14:00:30", utc(2026, 11, 20, 14, 0, 30, 0)},
		{"2026-11-20T14:00:30.25", utc(2026, 11, 20, 14, 0, 30, 250000000)},
		// Relative.
		{"-2h", nowUTC.Add(-2 * time.Hour)},
		{"-3d", nowUTC.Add(-72 * time.Hour)},
		{"-90m", nowUTC.Add(-90 * time.Minute)},
		{"-1w", nowUTC.Add(-7 * 24 * time.Hour)},
		{"-30s", nowUTC.Add(-30 * time.Second)},
		{"-1d12h", nowUTC.Add(-36 * time.Hour)},
		{"-1w2d3h4m5s", nowUTC.Add(-(9*24*time.Hour + 3*time.Hour + 4*time.Minute + 5*time.Second))},
		{"+1h", nowUTC.Add(time.Hour)},
		{"-0s", nowUTC},
		{"-2H", nowUTC.Add(-2 * time.Hour)},
		{"-30D", nowUTC.Add(-30 * 24 * time.Hour)},
		{"-007m", nowUTC.Add(-7 * time.Minute)},
		// Keywords.
		{"now", nowUTC},
		{"NOW", nowUTC},
		{"today", today},
		{"Today", today},
		{"yesterday", today.AddDate(0, 0, -1)},
		{"YESTERDAY", utc(2026, 11, 20, 0, 0, 0, 0)},
		// Space around any form is ignored.
		{"  -2h\t", nowUTC.Add(-2 * time.Hour)},
		{"\n2026-11-20 ", utc(2026, 11, 20, 0, 0, 0, 0)},
		{" now ", nowUTC},
	}
	for _, tt := range tests {
		got, err := ParseWhen(tt.in, nowUTC)
		if err != nil {
			t.Errorf("ParseWhen(%q): %v", tt.in, err)
			continue
		}
		if !got.Equal(tt.want) {
			t.Errorf("ParseWhen(%q) = %s, want %s", tt.in, got.Format(time.RFC3339Nano), tt.want.Format(time.RFC3339Nano))
		}
		if got.Location() != time.UTC {
			t.Errorf("ParseWhen(%q) location = %v, want UTC", tt.in, got.Location())
		}
	}
}

func TestParseWhenErrors(t *testing.T) {
	forms := "use RFC 3339 (2026-11-20T14:00:00Z), a date (2026-11-20) or a relative time (-2h, -3d, now, today, yesterday)"
	// The exact message for a date that is not one.
	_, err := ParseWhen("2026-13-01", whenNow)
	if err == nil {
		t.Fatal(`ParseWhen("2026-13-01") succeeded`)
	}
	eq(t, "error", err.Error(), `"2026-13-01": not a date or time; `+forms)

	bad := []struct{ in, says string }{
		{"", "empty"},
		{"   ", "empty"},
		{"2026-02-30", "not a date"},
		{"2026-11-20T25:00", "not a date"},
		{"20261120", "not a date"},
		{"2026/11/20", "not a date"},
		{"11/20/2026", "not a date"},
		{"tomorrow", "not a date"},
		{"now-1h", "not a date"},
		{"2h", "not a date"},
		{"-", "needs a number"},
		{"+", "needs a number"},
		{"-h", "want a number"},
		{"-2", "no unit"},
		{"-2x", "unknown unit"},
		{"-2y", "unknown unit"},
		{"-1.5h", "unknown unit"},
		{"-2h1d", "largest to smallest"},
		{"-1h1h", "largest to smallest"},
		{"-1h-1m", "want a number"},
		{"- 2h", "want a number"},
		{"-2 h", "unknown unit"},
		{"-99999999999999999999s", "too far"},
		{"-15251w", "too far"},
		{"-2562048h", "too far"},
		{"-2562047h47m17s", "too far"},
		{"-9223372036854775807s", "too far"},
		{"0001-01-01", "zero time"},
		{"0001-01-01T00:00:00Z", "zero time"},
		{"0000-06-01", "out of range"},
		{"0001-01-01T00:30:00+01:00", "out of range"},
		{"2026-11-20T14:00:00Zjunk", "not a date"},
		{"２０２６-11-20", "not a date"},
		{"2026-11-20T14:00:00\u212a", "not a date"},
		{strings.Repeat("-1h", 100), "not a date"},
	}
	for _, tt := range bad {
		got, err := ParseWhen(tt.in, whenNow.UTC()) // the zero-time cases are midnight UTC
		if err == nil {
			t.Errorf("ParseWhen(%q) = %v, want an error", tt.in, got)
			continue
		}
		if !strings.Contains(err.Error(), tt.says) {
			t.Errorf("ParseWhen(%q) error %q does not say %q", tt.in, err, tt.says)
		}
		if !strings.Contains(err.Error(), "RFC 3339") && tt.says != "out of range" && tt.says != "zero time" {
			t.Errorf("ParseWhen(%q) error %q does not list the accepted forms", tt.in, err)
		}
		if !got.IsZero() {
			t.Errorf("ParseWhen(%q) returned %v with its error", tt.in, got)
		}
	}

	// Relative offsets near Duration's limit still work when they fit.
	got, err := ParseWhen("-2562047h", whenNow)
	if err != nil {
		t.Errorf("-2562047h: %v", err)
	} else if want := whenNow.Add(-2562047 * time.Hour); !got.Equal(want) {
		t.Errorf("-2562047h = %v, want %v", got, want)
	}
	// With a zero clock, "now" would be the zero time, which means unset.
	if got, err := ParseWhen("now", time.Time{}); err == nil {
		t.Errorf(`ParseWhen("now", zero) = %v, want an error`, got)
	}
}

func TestValidateRange(t *testing.T) {
	a := utc(2026, 11, 20, 0, 0, 0, 0)
	b := utc(2026, 11, 21, 0, 0, 0, 0)
	tests := []struct {
		name     string
		from, to time.Time
		wantErr  bool
	}{
		{"both unset", time.Time{}, time.Time{}, false},
		{"from only", a, time.Time{}, false},
		{"to only", time.Time{}, b, false},
		{"ordered", a, b, false},
		{"one nanosecond apart", a, a.Add(1), false},
		{"equal", a, a, true},
		{"reversed", b, a, true},
		{"equal instants in different zones", a, a.In(time.FixedZone("X", 3600)), true},
	}
	for _, tt := range tests {
		err := ValidateRange(tt.from, tt.to)
		if (err != nil) != tt.wantErr {
			t.Errorf("%s: ValidateRange = %v, want error %v", tt.name, err, tt.wantErr)
		}
	}
	err := ValidateRange(b, a)
	eq(t, "message", err.Error(), "from (2026-11-21T00:00:00Z) must be before to (2026-11-20T00:00:00Z)")

	// ParseWhen and ValidateRange together, as the CLI uses them.
	from, err1 := ParseWhen("-1d", whenNow)
	to, err2 := ParseWhen("now", whenNow)
	if err1 != nil || err2 != nil {
		t.Fatal(err1, err2)
	}
	if err := ValidateRange(from, to); err != nil {
		t.Errorf("-1d..now: %v", err)
	}
	if err := ValidateRange(to, from); err == nil {
		t.Error("now..-1d: no error")
	}
}

// Calendar words are the day on the clock of now's location: in EST at
// 22:30 on the 20th, "today" is the 20th, although it is the 21st in UTC.
func TestParseWhenReadsTheCalendarInNowsZone(t *testing.T) {
	tokyo := time.FixedZone("JST", 9*3600)
	berlin, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		t.Fatal(err)
	}
	santiago, err := time.LoadLocation("America/Santiago")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, in string
		now      time.Time
		want     time.Time
	}{
		{"EST today", "today", whenNow, utc(2026, 11, 20, 5, 0, 0, 0)},
		{"EST yesterday", "yesterday", whenNow, utc(2026, 11, 19, 5, 0, 0, 0)},
		{"EST date", "2026-11-20", whenNow, utc(2026, 11, 20, 5, 0, 0, 0)},
		{"EST date and time", "2026-11-20 14:00", whenNow, utc(2026, 11, 20, 19, 0, 0, 0)},
		{"EST offsets ignore the zone", "-2h", whenNow, whenNow.UTC().Add(-2 * time.Hour)},
		{"EST RFC 3339 ignores the zone", "2026-11-20T14:00:00Z", whenNow, utc(2026, 11, 20, 14, 0, 0, 0)},
		{"Tokyo today, still the 20th in UTC", "today", time.Date(2026, 11, 21, 8, 0, 0, 0, tokyo), utc(2026, 11, 20, 15, 0, 0, 0)},
		{"Berlin today in winter is 23:00 UTC", "today", time.Date(2026, 11, 20, 9, 0, 0, 0, berlin), utc(2026, 11, 19, 23, 0, 0, 0)},
		{"Berlin today in summer is 22:00 UTC", "today", time.Date(2026, 7, 20, 9, 0, 0, 0, berlin), utc(2026, 7, 19, 22, 0, 0, 0)},
		// 2026-03-29 has 23 hours in Berlin: yesterday starts 23 h before today.
		{"Berlin yesterday across the spring change", "yesterday", time.Date(2026, 3, 30, 9, 0, 0, 0, berlin), utc(2026, 3, 28, 23, 0, 0, 0)},
		{"Berlin today after the spring change", "today", time.Date(2026, 3, 30, 9, 0, 0, 0, berlin), utc(2026, 3, 29, 22, 0, 0, 0)},
		// Santiago skips midnight on 2026-09-06: the day starts at 01:00 -03.
		{"Santiago today on a day without midnight", "today", time.Date(2026, 9, 6, 12, 0, 0, 0, santiago), utc(2026, 9, 6, 4, 0, 0, 0)},
		{"Santiago yesterday before that day", "yesterday", time.Date(2026, 9, 7, 12, 0, 0, 0, santiago), utc(2026, 9, 6, 4, 0, 0, 0)},
	}
	// Year 1's first day east of UTC starts in year 0, which Graph cannot take.
	if _, err := ParseWhen("0001-01-01", time.Date(2026, 1, 1, 0, 0, 0, 0, tokyo)); err == nil || !strings.Contains(err.Error(), "out of range") {
		t.Errorf("0001-01-01 in Tokyo: %v, want out of range", err)
	}
	for _, tt := range tests {
		got, err := ParseWhen(tt.in, tt.now)
		if err != nil {
			t.Errorf("%s: %v", tt.name, err)
			continue
		}
		if !got.Equal(tt.want) || got.Location() != time.UTC {
			t.Errorf("%s: ParseWhen(%q, %v) = %s, want %s", tt.name, tt.in, tt.now, got.Format(time.RFC3339), tt.want.Format(time.RFC3339))
		}
	}
}
