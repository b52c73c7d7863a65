package main

import (
	"strings"
	"testing"
	"time"
)

// TestFlagsShareThePromptParser: --from/--to/--participant/--view read
// their values as the ":" prompt's from, to, user and view commands do.
func TestFlagsShareThePromptParser(t *testing.T) {
	now := time.Date(2026, 11, 20, 15, 30, 0, 0, time.UTC)
	o, err := parseArgs([]string{"--view", "Direct", "--from", "2026-11-20 14:00", "--to", "now",
		"--participant", "  alice@contoso.com "}, now)
	if err != nil {
		t.Fatal(err)
	}
	if o.view != "direct" || o.participant != "alice@contoso.com" ||
		!o.from.Equal(time.Date(2026, 11, 20, 14, 0, 0, 0, time.UTC)) || !o.to.Equal(now) {
		t.Fatalf("options view %q participant %q range %v – %v", o.view, o.participant, o.from, o.to)
	}
	cases := []struct {
		args []string
		want string
	}{
		{[]string{"--view", "sms"}, `--view "sms": not a view; use calls, direct or pstn`},
		{[]string{"--from", "-2x"}, `--from "-2x": unknown unit`},
		{[]string{"calls", "--participant", "a\x01b"}, "--participant: "},
		{[]string{"calls", "--participant", "a\x01b"}, "control character"},
	}
	for _, tc := range cases {
		_, err := parseArgs(tc.args, now)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%q: error %v, want %q", tc.args, err, tc.want)
		}
	}
}
