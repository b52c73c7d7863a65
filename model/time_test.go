package model

import (
	"encoding/json"
	"strings"
	"testing"
	"time"
)

// TestTimeUnmarshalJSON covers 0 to 7 fractional digits under Z, +00:00 and
// -05:00 (graph-api.md §4.7), plus the no-value forms.
func TestTimeUnmarshalJSON(t *testing.T) {
	base := "2023-05-18T12:29:12"
	fracs := []struct {
		text string
		ns   int
	}{
		{"", 0}, {".0", 0}, {".4", 400000000}, {".41", 410000000}, {".412", 412000000},
		{".4127", 412700000}, {".41277", 412770000}, {".412770", 412770000}, {".0605236", 60523600},
	}
	zones := []struct {
		text   string
		offset time.Duration // zone offset east of UTC
	}{
		{"Z", 0}, {"+00:00", 0}, {"-05:00", -5 * time.Hour}, {"+05:30", 5*time.Hour + 30*time.Minute},
	}
	for _, f := range fracs {
		for _, z := range zones {
			in := `"` + base + f.text + z.text + `"`
			var got Time
			if err := json.Unmarshal([]byte(in), &got); err != nil {
				t.Errorf("%s: %v", in, err)
				continue
			}
			want := utc(2023, 5, 18, 12, 29, 12, f.ns).Add(-z.offset)
			eqTime(t, in, got.Time, want)
			if _, off := got.Zone(); time.Duration(off)*time.Second != z.offset {
				t.Errorf("%s: zone offset %ds, want %v", in, off, z.offset)
			}
			if z.text == "Z" && got.Location() != time.UTC {
				t.Errorf("%s: location %v, want UTC", in, got.Location())
			}
		}
	}

	zero := []string{`null`, `""`, `"0001-01-01T00:00:00Z"`, `"0001-01-01T00:00:00.0000000Z"`, `"0001-01-01T00:00:00+00:00"`, `"0001-01-01T00:00:00"`}
	for _, in := range zero {
		got := Time{time.Now()} // must be reset, not left alone
		if err := got.UnmarshalJSON([]byte(in)); err != nil {
			t.Errorf("%s: %v", in, err)
			continue
		}
		if !got.IsZero() || !got.Time.IsZero() {
			t.Errorf("%s: got %v, want zero", in, got.Time)
		}
	}
	// Just after the sentinel is a value.
	var near Time
	if err := near.UnmarshalJSON([]byte(`"0001-01-01T00:00:00.0000001Z"`)); err != nil || near.IsZero() {
		t.Errorf("0001-01-01T00:00:00.0000001Z: %v, %v; want a value", near.Time, err)
	}

	// Zone-less (innerError.date) is UTC; escaped text is unescaped first.
	others := []struct {
		in   string
		want time.Time
	}{
		{`"2020-08-18T12:51:51"`, utc(2020, 8, 18, 12, 51, 51, 0)},
		{`"2020-08-18T12:51:51.125"`, utc(2020, 8, 18, 12, 51, 51, 125000000)},
		{`"2020-08-18T12:51:51\u002e5Z"`, utc(2020, 8, 18, 12, 51, 51, 500000000)},
		{`"2020-08-18T12:51:51.123456789Z"`, utc(2020, 8, 18, 12, 51, 51, 123456789)},
	}
	for _, tt := range others {
		var got Time
		if err := got.UnmarshalJSON([]byte(tt.in)); err != nil {
			t.Errorf("%s: %v", tt.in, err)
			continue
		}
		eqTime(t, tt.in, got.Time, tt.want)
	}

	bad := []string{
		``, `"`, `nul`, `0`, `true`, `{}`, `[]`, `"2020-02-30T00:00:00Z"`, `"2020-13-01T00:00:00Z"`,
		`"2020-02-25"`, `"2020-02-25 18:52:21Z"`, `"yesterday"`, `"2020-02-25T18:52:21Zjunk"`,
		`"2020-02-25T25:00:00Z"`, `"\"`, `"\x"`, `'2020-02-25T18:52:21Z'`,
	}
	for _, in := range bad {
		var got Time
		if err := got.UnmarshalJSON([]byte(in)); err == nil {
			t.Errorf("%s: got %v, want an error", in, got.Time)
		}
	}
	// Through a struct, a bad timestamp fails the whole decode.
	var r CallRecord
	if err := json.Unmarshal([]byte(`{"startDateTime":"soon"}`), &r); err == nil {
		t.Error(`startDateTime "soon" decoded without error`)
	}
}

// TestParseTime checks the exported parser directly.
func TestParseTime(t *testing.T) {
	got, err := ParseTime("2020-02-25T18:52:21.2169889Z")
	if err != nil {
		t.Fatal(err)
	}
	eqTime(t, "7 digits", got, utc(2020, 2, 25, 18, 52, 21, 216988900))
	got, err = ParseTime("2023-08-03T14:17:10")
	if err != nil {
		t.Fatal(err)
	}
	eqTime(t, "no zone", got, utc(2023, 8, 3, 14, 17, 10, 0))
	eq(t, "no zone location", got.Location(), time.UTC)
	for _, in := range []string{"", "date-time", "2020-02-25", "2020-02-25T18:52Z", "20200225T185221Z"} {
		if _, err := ParseTime(in); err == nil {
			t.Errorf("ParseTime(%q) succeeded", in)
		} else if !strings.Contains(err.Error(), "RFC 3339") {
			t.Errorf("ParseTime(%q) error %q does not name RFC 3339", in, err)
		}
	}
}

// TestTimeMarshalJSON checks null for no value and Graph's UTC form.
func TestTimeMarshalJSON(t *testing.T) {
	tests := []struct {
		in   Time
		want string
	}{
		{Time{}, `null`},
		{NewTime(time.Time{}), `null`},
		{NewTime(utc(2020, 2, 25, 18, 52, 21, 216988900)), `"2020-02-25T18:52:21.2169889Z"`},
		{NewTime(utc(2020, 2, 25, 18, 52, 21, 0)), `"2020-02-25T18:52:21Z"`},
		{NewTime(utc(2020, 2, 25, 18, 52, 21, 500000000)), `"2020-02-25T18:52:21.5Z"`},
		// Beyond Graph's 100 ns precision the digits are dropped, not rounded.
		{NewTime(utc(2020, 2, 25, 18, 52, 21, 123456789)), `"2020-02-25T18:52:21.1234567Z"`},
		{NewTime(time.Date(2020, 2, 25, 13, 52, 21, 0, time.FixedZone("EST", -5*3600))), `"2020-02-25T18:52:21Z"`},
		{NewTime(utc(0, 1, 1, 0, 0, 0, 0)), `"0000-01-01T00:00:00Z"`},
		{NewTime(utc(9999, 12, 31, 23, 59, 59, 999999900)), `"9999-12-31T23:59:59.9999999Z"`},
	}
	for _, tt := range tests {
		got, err := json.Marshal(tt.in)
		if err != nil {
			t.Errorf("Marshal(%v): %v", tt.in.Time, err)
			continue
		}
		eq(t, "Marshal("+tt.in.Time.String()+")", string(got), tt.want)
		var back Time
		if err := json.Unmarshal(got, &back); err != nil {
			t.Errorf("Unmarshal(%s): %v", got, err)
			continue
		}
		eqTime(t, "round trip "+string(got), back.Time, tt.in.Time.Truncate(100*time.Nanosecond))
	}
	// Years RFC 3339 cannot write are refused, as time.Time refuses them.
	for _, y := range []int{-1, 10000} {
		if got, err := json.Marshal(NewTime(utc(y, 6, 1, 0, 0, 0, 0))); err == nil {
			t.Errorf("Marshal(year %d) = %s, want an error", y, got)
		}
	}
	// A struct of times: null fields stay null.
	var row DirectRoutingRow
	row.StartDateTime = NewTime(utc(2019, 11, 1, 0, 0, 25, 105000000))
	out, err := json.Marshal(row)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`"startDateTime":"2019-11-01T00:00:25.105Z"`, `"failureDateTime":null`, `"endDateTime":null`} {
		if !strings.Contains(string(out), want) {
			t.Errorf("marshalled row lacks %s: %s", want, out)
		}
	}
}

// TestFormatGraphTime checks the function-parameter form: UTC, whole seconds, Z.
func TestFormatGraphTime(t *testing.T) {
	tests := []struct {
		in   time.Time
		want string
	}{
		{utc(2019, 11, 1, 0, 0, 0, 0), "2019-11-01T00:00:00Z"},
		{utc(2024, 5, 1, 23, 59, 59, 999999999), "2024-05-01T23:59:59Z"},
		{time.Date(2024, 5, 1, 2, 0, 0, 0, time.FixedZone("CEST", 2*3600)), "2024-05-01T00:00:00Z"},
		{time.Date(2024, 4, 30, 19, 0, 0, 0, time.FixedZone("EST", -5*3600)), "2024-05-01T00:00:00Z"},
	}
	for _, tt := range tests {
		eq(t, "FormatGraphTime("+tt.in.String()+")", FormatGraphTime(tt.in), tt.want)
	}
}

// TestTimeBounds pins the Unix constants behind the range and sentinel checks.
func TestTimeBounds(t *testing.T) {
	eq(t, "minRFC3339Unix", int64(minRFC3339Unix), utc(0, 1, 1, 0, 0, 0, 0).Unix())
	eq(t, "endRFC3339Unix", int64(endRFC3339Unix), utc(10000, 1, 1, 0, 0, 0, 0).Unix())
	eq(t, "sentinelUnix", int64(sentinelUnix), time.Time{}.Unix())

	// Out of RFC 3339's range in UTC: refused on the way in, not only out.
	for _, in := range []string{`"0000-01-01T00:00:00+01:00"`, `"9999-12-31T23:00:00-05:00"`} {
		var got Time
		if err := got.UnmarshalJSON([]byte(in)); err == nil {
			t.Errorf("%s: got %v, want an error", in, got.Time)
		}
		if _, err := ParseTime(in[1 : len(in)-1]); err == nil {
			t.Errorf("ParseTime(%s) succeeded", in)
		}
	}
	// The edges themselves are fine.
	for _, in := range []string{`"0000-01-01T00:00:00Z"`, `"9999-12-31T23:59:59.9999999Z"`, `"0000-01-01T01:00:00+01:00"`} {
		var got Time
		if err := got.UnmarshalJSON([]byte(in)); err != nil {
			t.Errorf("%s: %v", in, err)
		}
	}

	// The sentinel in any zone, and anything that would be written as it.
	sentinels := []string{`"0001-01-01T00:00:00+05:00"`, `"0001-01-01T00:00:00-05:00"`, `"0001-01-01T00:00:00.00000009Z"`, `"0000-12-31T23:00:00.00000005-01:00"`}
	for _, in := range sentinels {
		var got Time
		if err := got.UnmarshalJSON([]byte(in)); err != nil || !got.IsZero() {
			t.Errorf("%s: %v, %v; want no value", in, got.Time, err)
		}
	}
	// Near it, but values.
	for _, in := range []string{`"0001-01-01T00:00:00.0000001Z"`, `"0001-01-01T00:00:01Z"`, `"0001-01-02T00:00:00Z"`, `"0001-01-01T00:00:00.5+05:00"`} {
		var got Time
		if err := got.UnmarshalJSON([]byte(in)); err != nil || got.IsZero() {
			t.Errorf("%s: %v, %v; want a value", in, got.Time, err)
		}
	}
}
