package directive

import (
	"errors"
	"slices"
	"strings"
	"testing"
	"time"
)

var now = time.Date(2026, 11, 20, 15, 30, 0, 0, time.UTC)

func at(d time.Duration) time.Time { return now.Add(d) }

func TestParseEveryCommand(t *testing.T) {
	cases := []struct {
		line string
		want []Directive
	}{
		{"calls", []Directive{{Name: Calls}}},
		{"direct", []Directive{{Name: Direct}}},
		{"pstn", []Directive{{Name: Pstn}}},
		{"from -2h", []Directive{{Name: From, Arg: "-2h", At: at(-2 * time.Hour)}}},
		{"to now", []Directive{{Name: To, Arg: "now", At: now}}},
		{"user alice@contoso.com", []Directive{{Name: User, Arg: "alice@contoso.com"}}},
		{"sip 487", []Directive{{Name: Sip, Arg: "487"}}},
		{"sip 0", []Directive{{Name: Sip, Arg: "0"}}},
		{"trunk sbc1.contoso.com", []Directive{{Name: Trunk, Arg: "sbc1.contoso.com"}}},
		{"failed", []Directive{{Name: Failed}}},
		{"utc", []Directive{{Name: UTC}}},
		{"export", []Directive{{Name: Export}}},
		{"log", []Directive{{Name: Log}}},
		{"quit", []Directive{{Name: Quit}}},
		{"view pstn", []Directive{{Name: Pstn}}},
		{"-24h", []Directive{{Name: From, Arg: "-24h", At: at(-24 * time.Hour)}}},
		{"+1h", []Directive{{Name: From, Arg: "+1h", At: at(time.Hour)}}},
	}
	for _, tc := range cases {
		for _, line := range []string{tc.line, ":" + tc.line, "  :" + tc.line + "  "} {
			got, err := Parse(line, now)
			if err != nil {
				t.Errorf("Parse(%q): %v", line, err)
				continue
			}
			if !same(got, tc.want) {
				t.Errorf("Parse(%q) = %+v, want %+v", line, got, tc.want)
			}
		}
	}
}

func TestParseSeveralOnALine(t *testing.T) {
	cases := []struct {
		line string
		want []Directive
	}{
		{"direct -24h failed sip 403", []Directive{{Name: Direct}, {Name: From, Arg: "-24h", At: at(-24 * time.Hour)},
			{Name: Failed}, {Name: Sip, Arg: "403"}}},
		{"from -2h to now user alice@contoso.com", []Directive{{Name: From, Arg: "-2h", At: at(-2 * time.Hour)},
			{Name: To, Arg: "now", At: now}, {Name: User, Arg: "alice@contoso.com"}}},
		{`pstn user "Anette Thom" utc`, []Directive{{Name: Pstn}, {Name: User, Arg: "Anette Thom"}, {Name: UTC}}},
		{`user 'Anette Thom' export`, []Directive{{Name: User, Arg: "Anette Thom"}, {Name: Export}}},
		{`user "say \"hi\" \\o/"`, []Directive{{Name: User, Arg: `say "hi" \o/`}}},
		{"DIRECT Failed SIP 0403", []Directive{{Name: Direct}, {Name: Failed}, {Name: Sip, Arg: "403"}}},
		{"from 2026-11-20 14:00 to 2026-11-20 15:00:30", []Directive{
			{Name: From, Arg: "2026-11-20 14:00", At: time.Date(2026, 11, 20, 14, 0, 0, 0, time.UTC)},
			{Name: To, Arg: "2026-11-20 15:00:30", At: time.Date(2026, 11, 20, 15, 0, 30, 0, time.UTC)}}},
		{"from 2026-11-20 failed", []Directive{{Name: From, Arg: "2026-11-20", At: time.Date(2026, 11, 20, 0, 0, 0, 0, time.UTC)}, {Name: Failed}}},
		{"\tdirect\u00a0trunk  SBC1.contoso.com log quit", []Directive{{Name: Direct}, {Name: Trunk, Arg: "SBC1.contoso.com"}, {Name: Log}, {Name: Quit}}},
		{`user "-24h"`, []Directive{{Name: User, Arg: "-24h"}}},
		{`user " failed "`, []Directive{{Name: User, Arg: "failed"}}},
		{"user +14255550100", []Directive{{Name: User, Arg: "+14255550100"}}},
	}
	for _, tc := range cases {
		got, err := Parse(tc.line, now)
		if err != nil {
			t.Errorf("Parse(%q): %v", tc.line, err)
			continue
		}
		if !same(got, tc.want) {
			t.Errorf("Parse(%q) =\n %+v, want\n %+v", tc.line, got, tc.want)
		}
	}
}

func TestParseEmptyLineIsNoCommand(t *testing.T) {
	for _, line := range []string{"", "   ", ":", " : "} {
		got, err := Parse(line, now)
		if err != nil || len(got) != 0 {
			t.Errorf("Parse(%q) = %v, %v; want nothing", line, got, err)
		}
	}
}

func TestParseRefusesBadInput(t *testing.T) {
	cases := []struct {
		line string
		word int
		want string
	}{
		{"direct -24h fialed", 3, `unknown command "fialed" at word 3; did you mean failed?`},
		{"dir", 1, `unknown command "dir" at word 1; did you mean direct?`},
		{"--failed", 1, "did you mean failed?"},
		{"expotr", 1, "did you mean export?"},
		{"frobnicate", 1, `unknown command "frobnicate" at word 1`},
		{"direct sip", 2, "sip at word 2 needs a value: a SIP code, 100–699, or 0"},
		{"from", 1, "from at word 1 needs a value: a time"},
		{"user failed", 2, `"failed" is a command; quote it`},
		{"sip 99", 2, `bad value for sip at word 2: "99" is not a SIP code; want 100–699, or 0`},
		{"sip 700", 2, "not a SIP code"},
		{"sip -403", 2, "not a SIP code"},
		{"sip 4o3", 2, "not a SIP code"},
		{"sip 1000", 2, "not a SIP code"},
		{"from last-tuesday", 2, `bad value for from at word 2: "last-tuesday": not a date or time`},
		{"failed -2x", 2, `bad time at word 2: "-2x"`},
		{"from now to -1h", 3, "must be before"},
		{"-2h from -1h", 2, "from given twice (words 1 and 2)"},
		{"failed failed", 2, "failed given twice (words 1 and 2)"},
		{"direct pstn", 2, "two views on one line (words 1 and 2)"},
		{"view sms", 2, `"sms": not a view; use calls, direct or pstn`},
		{`user "Anette Thom`, 2, "unterminated quote at word 2"},
		{`user "Anette"Thom`, 2, "text after the closing quote of word 2"},
		{`"failed"`, 1, `unexpected value "failed" at word 1`},
		{"user \"a\x01b\"", 2, "control character in word 2"},
		{"trunk 'sbc 1'", 2, "a trunk FQDN has no spaces"},
		{`user "  "`, 2, "user is empty"},
		{"direct \xff", 0, "not valid UTF-8"},
	}
	for _, tc := range cases {
		got, err := Parse(tc.line, now)
		if err == nil {
			t.Errorf("Parse(%q) = %+v, want an error", tc.line, got)
			continue
		}
		if got != nil {
			t.Errorf("Parse(%q) returned commands with its error", tc.line)
		}
		if !strings.Contains(err.Error(), tc.want) {
			t.Errorf("Parse(%q) error %q, want it to say %q", tc.line, err, tc.want)
		}
		var pe *Error
		if !errors.As(err, &pe) || pe.Word != tc.word {
			t.Errorf("Parse(%q) error %#v, want word %d", tc.line, err, tc.word)
		}
	}
}

func TestValueParsesOneFlag(t *testing.T) {
	c, err := Value(From, " -3d ", now)
	if err != nil || c.Name != From || c.Arg != "-3d" || !c.At.Equal(at(-72*time.Hour)) {
		t.Errorf("Value(from) = %+v, %v", c, err)
	}
	if c, err := Value(View, "Direct", now); err != nil || c.Name != Direct {
		t.Errorf("Value(view) = %+v, %v", c, err)
	}
	// ParseWhen's error comes back unwrapped, so the CLI can prefix the flag.
	if _, err := Value(To, "last tuesday", now); err == nil || !strings.HasPrefix(err.Error(), `"last tuesday": not a date or time`) {
		t.Errorf("Value(to) error %v", err)
	}
	if _, err := Value(User, "a\x00b", now); err == nil || !strings.Contains(err.Error(), "control character") {
		t.Errorf("Value(user) error %v", err)
	}
	if _, err := Value(Failed, "x", now); err == nil {
		t.Error("Value(failed) took a value")
	}
}

func TestStringReadsBack(t *testing.T) {
	cmds := []Directive{{Name: Direct}, {Name: From, Arg: "2026-11-20 14:00", At: time.Date(2026, 11, 20, 14, 0, 0, 0, time.UTC)},
		{Name: User, Arg: `Anette "Nettie" Thom`}, {Name: User, Arg: "sip"}, {Name: Trunk, Arg: "'x"}, {Name: Sip, Arg: "487"}}
	line := Join(cmds)
	want := `direct from "2026-11-20 14:00" user "Anette \"Nettie\" Thom" user "sip" trunk "'x" sip 487`
	if line != want {
		t.Errorf("Join = %s\nwant   %s", line, want)
	}
	// Two users do not parse (each command once), so check them apart.
	for _, c := range cmds {
		got, err := Parse(c.String(), now)
		if err != nil || !same(got, []Directive{c}) {
			t.Errorf("Parse(%q) = %+v, %v; want %+v", c.String(), got, err, c)
		}
	}
}

func TestSuggest(t *testing.T) {
	cases := map[string]string{"fialed": "failed", "pstm": "pstn", "qiut": "quit", "usr": "user", "tr": "trunk",
		"xyzzy": "", "f": "", "e": "", "ex": "export", "UTC": "utc", "view": "view", "veiw": "view"}
	for in, want := range cases {
		if got := suggest(in); got != want {
			t.Errorf("suggest(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestNamesAreAllParseable(t *testing.T) {
	for _, n := range Names {
		line := n
		if takesValue[n] {
			line += map[string]string{From: " -1h", To: " now", User: " a", Sip: " 403", Trunk: " t", Open: " a"}[n]
		}
		got, err := Parse(line, now)
		if err != nil || len(got) != 1 || got[0].Name != n {
			t.Errorf("Parse(%q) = %+v, %v", line, got, err)
		}
	}
	if !slices.Equal(ViewNames, []string{Calls, Direct, Pstn}) {
		t.Errorf("ViewNames %v", ViewNames)
	}
}

// same compares commands, times by instant.
func same(a, b []Directive) bool {
	return slices.EqualFunc(a, b, func(x, y Directive) bool {
		return x.Name == y.Name && x.Arg == y.Arg && x.At.Equal(y.At)
	})
}
