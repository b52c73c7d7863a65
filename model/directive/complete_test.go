package directive

import (
	"slices"
	"testing"
)

func TestComplete(t *testing.T) {
	cases := []struct {
		line   string
		cursor int // -1: end of line
		want   []string
	}{
		{"", -1, append(slices.Clone(Names), "view")},
		{"f", -1, []string{"from", "failed"}},
		{":f", -1, []string{"from", "failed"}},
		{"direct -24h fa", -1, []string{"failed"}},
		{"DI", -1, []string{"direct"}},
		{"view ", -1, []string{"calls", "direct", "pstn"}},
		{"view p", -1, []string{"pstn"}},
		{"from ", -1, timeHints},
		{"from -2", -1, []string{"-2h", "-24h"}},
		{"to n", -1, []string{"now"}},
		{"sip 48", -1, []string{"480", "486", "487", "488"}},
		{"user ", -1, nil},
		{"trunk sb", -1, nil},
		{"user alice e", -1, []string{"export"}},
		{`user "Anette Thom" l`, -1, []string{"log"}},
		{`user "Anette `, -1, nil},
		{"failed sip 403 q", -1, []string{"quit"}},
		{"fa sip", 2, []string{"failed"}}, // cursor inside the first word
		{"zz", -1, nil},
	}
	for _, tc := range cases {
		cur := tc.cursor
		if cur < 0 {
			cur = len(tc.line)
		}
		if got := Complete(tc.line, cur); !slices.Equal(got, tc.want) {
			t.Errorf("Complete(%q, %d) = %q, want %q", tc.line, cur, got, tc.want)
		}
	}
}

func TestSpan(t *testing.T) {
	cases := []struct {
		line       string
		cursor     int
		start, end int
	}{
		{"direct fa", 9, 7, 9},
		{"direct fa", 8, 7, 9},
		{":dir", 4, 1, 4},
		{":dir", 0, 0, 0},
		{"a  b", 2, 2, 2},
		{"ünïcode x", 3, 0, 9}, // mid-rune cursor moves to the rune's start
		{"x", 99, 0, 1},
		{"x", -5, 0, 1}, // clamped to the start of the line
	}
	for _, tc := range cases {
		s, e := Span(tc.line, tc.cursor)
		if s != tc.start || e != tc.end {
			t.Errorf("Span(%q, %d) = %d, %d; want %d, %d", tc.line, tc.cursor, s, e, tc.start, tc.end)
		}
	}
}
