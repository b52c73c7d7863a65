package model

import (
	"encoding/json"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestDisplaySafe(t *testing.T) {
	cases := []struct{ in, want string }{
		{"Anette Thomsen", "Anette Thomsen"},
		{"Zoë Ødegård", "Zoë Ødegård"},
		{"\x1b]52;c;ZXZpbA==\x07", "\uFFFD]52;c;ZXZpbA==\uFFFD"},
		{"a\x1b[?1049lb", "a\uFFFD[?1049lb"},
		{"csi\u009b31m", "csi\uFFFD31m"},
		{"del\x7f", "del\uFFFD"},
		{"tab\tnew\nline\r", "tab new line "},
		{"bidi\u202eevil\u2066x\u2069", "bidi\uFFFDevil\uFFFDx\uFFFD"},
		{"bad\xffutf8", "bad\uFFFDutf8"},
		{"", ""},
	}
	for _, c := range cases {
		if got := DisplaySafe(c.in); got != c.want {
			t.Errorf("DisplaySafe(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestDisplaySafeCaps(t *testing.T) {
	long := strings.Repeat("é", MaxDisplayRunes+10)
	got := DisplaySafe(long)
	if n := utf8.RuneCountInString(got); n != MaxDisplayRunes {
		t.Fatalf("capped to %d runes, want %d", n, MaxDisplayRunes)
	}
	if !strings.HasSuffix(got, "…") {
		t.Fatalf("a cut value should end in an ellipsis: %q", got[len(got)-8:])
	}
	exact := strings.Repeat("a", MaxDisplayRunes)
	if DisplaySafe(exact) != exact {
		t.Fatal("a value exactly at the cap must stay whole")
	}
}

func TestMakeDisplaySafeReachesNestedFields(t *testing.T) {
	evil := "\x1b]0;pwned\x07"
	rec := CallRecord{
		Organizer: &IdentitySet{User: &Identity{DisplayName: evil}},
		Sessions: []Session{{
			Caller:   &Endpoint{UserAgent: &UserAgent{HeaderValue: evil}},
			Segments: []Segment{{FailureInfo: &FailureInfo{Reason: evil}}},
		}},
	}
	MakeDisplaySafe(&rec)
	for _, s := range []string{
		rec.Organizer.User.DisplayName,
		rec.Sessions[0].Caller.UserAgent.HeaderValue,
		rec.Sessions[0].Segments[0].FailureInfo.Reason,
	} {
		if strings.ContainsAny(s, "\x1b\x07") {
			t.Errorf("escape left in %q", s)
		}
	}
	page := Page[DirectRoutingRow]{Value: []DirectRoutingRow{{FinalSIPCodePhrase: evil}}}
	MakeDisplaySafe(&page)
	if strings.Contains(page.Value[0].FinalSIPCodePhrase, "\x1b") {
		t.Error("escape left in a direct-routing row")
	}
	m := map[string]string{"k": evil}
	MakeDisplaySafe(&m)
	if strings.Contains(m["k"], "\x1b") {
		t.Error("escape left in a map value")
	}
}

func FuzzDisplaySafe(f *testing.F) {
	f.Add("\x1b]52;c;ZXZpbA==\x07")
	f.Add("plain")
	f.Add("\u202e\xff\u009b")
	f.Fuzz(func(t *testing.T, s string) {
		got := DisplaySafe(s)
		if !utf8.ValidString(got) {
			t.Fatalf("invalid UTF-8 out: %q", got)
		}
		for _, r := range got {
			if unsafeRune(r) {
				t.Fatalf("unsafe rune %U left in %q", r, got)
			}
		}
		if utf8.RuneCountInString(got) > MaxDisplayRunes {
			t.Fatal("over the cap")
		}
		if DisplaySafe(got) != got {
			t.Fatal("not idempotent")
		}
	})
}

func TestMakeDisplaySafeCleansMapKeysAndRawJSON(t *testing.T) {
	set := IdentitySet{Extra: map[string]json.RawMessage{
		"\x1b]0;key\x07": json.RawMessage("{\"displayName\":\"a\u009b31m\u202eb\"}"),
	}}
	MakeDisplaySafe(&set)
	for k, v := range set.Extra {
		if strings.ContainsAny(k, "\x1b\x07") {
			t.Errorf("escape left in key %q", k)
		}
		if strings.ContainsRune(string(v), 0x9b) || strings.ContainsRune(string(v), 0x202e) {
			t.Errorf("C1 or bidi left raw in %s", v)
		}
		var got struct{ DisplayName string }
		if err := json.Unmarshal(v, &got); err != nil || got.DisplayName != "a\u009b31m\u202eb" {
			t.Errorf("the escaped JSON must keep its value: %q, %v", got.DisplayName, err)
		}
	}
}

func TestEscapeJSONTextKeepsSafeTextAsItIs(t *testing.T) {
	in := []byte("{\n\t\"a\": \"Zoë\"\n}")
	if got := EscapeJSONText(in); string(got) != string(in) {
		t.Fatalf("changed safe JSON: %q", got)
	}
	if got := EscapeJSONText([]byte(`"x` + "\x7f\xff" + `"`)); string(got) != `"x\u007f\ufffd"` {
		t.Fatalf("got %s", got)
	}
}

func TestEscapeJSONTextEscapesWhatTheEncoderLeavesRaw(t *testing.T) {
	value := "a\u009b31m\x7f\u202eb\u2066c\u0085 Zoë 山田 \u2028"
	enc, err := json.Marshal(map[string]string{"name": value})
	if err != nil {
		t.Fatal(err)
	}
	got := EscapeJSONText(enc)
	want := `{"name":"a\u009b31m\u007f\u202eb\u2066c\u0085 Zoë 山田 \u2028"}`
	if string(got) != want {
		t.Fatalf("EscapeJSONText = %s\nwant             %s", got, want)
	}
	var back map[string]string
	if err := json.Unmarshal(got, &back); err != nil || back["name"] != value {
		t.Fatalf("decodes to %q (%v), want the original %q", back["name"], err, value)
	}
}

func TestEscapeJSONTextDoesNotCopyPlainText(t *testing.T) {
	plain := []byte(`{"name":"Zoë – “quoted” 山田","n":-3.5}`)
	got := EscapeJSONText(plain)
	if string(got) != string(plain) || &got[0] != &plain[0] {
		t.Fatalf("changed or copied plain JSON: %s", got)
	}
}

// Two keys that clean to the same text both survive.
func TestMakeDisplaySafeKeepsCollidingKeys(t *testing.T) {
	m := map[string]string{"a\x1bb": "first", "a\uFFFDb": "second"}
	MakeDisplaySafe(&m)
	if len(m) != 2 {
		t.Fatalf("an entry was lost: %q", m)
	}
	for k := range m {
		if i, what := FindTerminalHazard(k); i >= 0 {
			t.Fatalf("%s left in key %q", what, k)
		}
	}
}
