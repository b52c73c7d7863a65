package model

import (
	"strings"
	"testing"
)

func TestPhoneMatches(t *testing.T) {
	cases := []struct {
		masked, query string
		want          bool
		why           string
	}{
		// Rule 1: from the start, stars hiding 3 or 4 digits.
		{"+1425555***", "+1 (425) 555-0123", true, "the stars hide the four-digit line number"},
		{"+1425555***", "+14255550123", true, "same digits, no punctuation"},
		{"+1425555***", "+1425555012", true, "stars hiding three"},
		{"+1425555***", "+142555501234", false, "five digits past the known ones: more than *** hides"},
		{"+1425555***", "+1425", true, "a prefix"},
		{"+1425555***", "+14255", true, "a prefix"},
		{"+1425555***", "+1426", false, "a known digit differs"},
		{"+1425555***", "+1 425 556 0123", false, "a known digit differs before the stars"},
		{"+12345678***", "+1 234 567 8901", true, "the documented example shape"},
		{"+1234567890", "+1234567890", true, "an unmasked PSTN number"},
		{"+1234567890", "+12345678901", false, "longer than an unmasked number"},
		{"+1234567890", "+123", true, "prefix of an unmasked number"},
		{"tel:+1425555***;ext=1", "+1425555", true, "other text in the row is ignored"},
		// Rule 2: inside the known digits.
		{"+1425555***", "5555", true, "substring of the known part"},
		{"+1425555***", "425", true, "area code"},
		{"+1425555***", "5550123", false, "its end is hidden, and it is not a national number"},
		{"+1425555***", "9", false, "no such digit"},
		{"+1234567890", "4567", true, "substring of an unmasked number"},
		{"+1234567890", "+4567", false, "with '+' the query gives a country code: only from the start or inside"},
		// Rule 3: national form.
		{"+1425555***", "(425) 555-0123", true, "without the country code"},
		{"+1425555***", "425.555.0123", true, "dots"},
		{"+1425555***", "425 555 01234", false, "too long even without the country code"},
		{"+44207946****", "020 7946 0123", true, "UK trunk zero dropped"},
		{"+44207946****", "20 7946 0123", true, "without the trunk zero"},
		{"+44207946****", "0044 20 7946 0123", true, "00 international prefix"},
		{"+44207946****", "0044 21 7946 0123", false, "00 prefix, wrong digit"},
		{"+390612345***", "06 1234 5678", true, "Italy keeps the zero"},
		{"+8613912345***", "139 1234 5678", true, "two-digit country code"},
		{"+35312345***", "12345678", true, "three-digit country code"},
		{"+1425555***", "25555", true, "inside (5 digits: too short for the national rule)"},
		{"+1425555***", "255550", false, "national rule needs the whole country code skipped, not part of the area code"},
		// Degenerate input.
		{"+1425555***", "", false, "no digits"},
		{"+1425555***", "+()- ", false, "no digits"},
		{"", "+1425", false, "empty number"},
		{"***", "123", true, "all hidden: any short number may be it"},
		{"***", "12345", false, "more than the stars hide"},
		{"+1" + strings.Repeat("5", 70), "+15", false, "too long to be a phone number"},
		{"+1425555***", "+1" + strings.Repeat("5", 70), false, "query too long"},
	}
	for _, tc := range cases {
		if got := PhoneMatches(tc.masked, tc.query); got != tc.want {
			t.Errorf("PhoneMatches(%q, %q) = %v, want %v: %s", tc.masked, tc.query, got, tc.want, tc.why)
		}
	}
}

// TestPhoneMatchesAllocatesNothing: a search runs over every loaded row on
// each keystroke, so it must not make garbage.
func TestPhoneMatchesAllocatesNothing(t *testing.T) {
	n := testing.AllocsPerRun(100, func() {
		PhoneMatches("+44207946****", "020 7946 0123")
		PhoneMatches("+1425555***", "5555")
	})
	if n != 0 {
		t.Fatalf("%v allocations per call", n)
	}
}

func BenchmarkPhoneMatches(b *testing.B) {
	for b.Loop() {
		PhoneMatches("+44207946****", "020 7946 0123")
		PhoneMatches("+1425555***", "+1 206 555 0100")
	}
}

// FuzzPhoneMatches: never panics, and a number always matches itself, its
// prefixes and its masked form.
func FuzzPhoneMatches(f *testing.F) {
	for _, s := range [][2]string{{"+1425555***", "+1 (425) 555-0123"}, {"+44207946****", "020 7946 0123"},
		{"***", "123"}, {"*1*1*1*1*1", "1111111111"}, {"", ""}, {"+0", "00"}} {
		f.Add(s[0], s[1])
	}
	f.Fuzz(func(t *testing.T, masked, query string) {
		PhoneMatches(masked, query)
		PhoneMatches(query, masked)
		var d []byte
		for i := 0; i < len(query); i++ {
			if c := query[i]; c >= '0' && c <= '9' {
				d = append(d, c)
			}
		}
		if len(d) == 0 || len(d) > maxPhonePositions {
			return
		}
		num := "+" + string(d)
		if !PhoneMatches(num, num) || !PhoneMatches(num, num[:1+(len(d)+1)/2]) {
			t.Fatalf("%q does not match itself or its prefix", num)
		}
		if len(d) > 3 && !PhoneMatches(num[:len(num)-3]+"***", num) {
			t.Fatalf("%q does not match its masked form", num)
		}
	})
}
