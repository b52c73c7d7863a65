package ticket

import (
	"regexp"
	"strings"
	"testing"
	"unicode"

	"github.com/callscope/callscope/model"
)

func TestClassify(t *testing.T) {
	const id = "2f1a1100-b174-40a0-aba7-0b405e01ed92"
	for _, c := range []struct {
		in   string
		want Ticket
	}{
		{id, Ticket{Kind: CallID, Value: id}},
		{strings.ToUpper(id), Ticket{Kind: CallID, Value: id}},
		{"{" + id + "}", Ticket{Kind: CallID, Value: id}},
		{"urn:uuid:" + id, Ticket{Kind: CallID, Value: id}},
		{"  '" + id + "'. ", Ticket{Kind: CallID, Value: id}},
		{"https://graph.microsoft.com/v1.0/communications/callRecords/" + id + "?$expand=sessions", Ticket{Kind: CallID, Value: id}},
		{"Call ID: {" + id + "}", Ticket{Kind: CallID, Value: id}},
		{"correlationId " + id + " from the SBC", Ticket{Kind: CallID, Value: id}},
		{"1835317186_112562680@61.221.3.176", Ticket{Kind: PstnCallID, Value: "1835317186_112562680@61.221.3.176"}},
		{"1835317186_112562680@sbc.example.net", Ticket{Kind: PstnCallID, Value: "1835317186_112562680@sbc.example.net"}},
		{"abc@52.114.1.2", Ticket{Kind: PstnCallID, Value: "abc@52.114.1.2"}},
		{"anette.thom@contoso.com", Ticket{Kind: UPN, Value: "anette.thom@contoso.com"}},
		{"sip:Anette.Thom@contoso.com", Ticket{Kind: UPN, Value: "Anette.Thom@contoso.com"}},
		{"MAILTO:sip:anette@contoso.com", Ticket{Kind: UPN, Value: "anette@contoso.com"}},
		{"<anette@contoso.com>", Ticket{Kind: UPN, Value: "anette@contoso.com"}},
		{"+49 30 1234-567", Ticket{Kind: Phone, Value: "+49301234567", E164: true}},
		{"+49 (0)30 1234567", Ticket{Kind: Phone, Value: "+49301234567", E164: true}},
		{"0049 (0)30 1234567", Ticket{Kind: Phone, Value: "+49301234567", E164: true}},
		{"0049 30 1234567", Ticket{Kind: Phone, Value: "+49301234567", E164: true}},
		{"tel:+1-425-555-0123;ext=12", Ticket{Kind: Phone, Value: "+14255550123", E164: true}},
		{"+1.425.555.0123", Ticket{Kind: Phone, Value: "+14255550123", E164: true}},
		{"+1 (425) 555-0123", Ticket{Kind: Phone, Value: "+14255550123", E164: true}},
		{"+44\u00a020 7946 0123", Ticket{Kind: Phone, Value: "+442079460123", E164: true}},
		{"(030) 1234567", Ticket{Kind: Phone, Value: "0301234567"}},
		{"030/1234567", Ticket{Kind: Phone, Value: "0301234567"}},
		{"5550123", Ticket{Kind: Phone, Value: "5550123"}},
		{"Anette Thom", Ticket{Kind: Name, Value: "Anette Thom"}},
		{"  anette   thom ", Ticket{Kind: Name, Value: "anette thom"}},
		{"\"Anette Thom\"", Ticket{Kind: Name, Value: "Anette Thom"}},
		{"Conference Room 4B", Ticket{Kind: Name, Value: "Conference Room 4B"}},
		{"Abbe", Ticket{Kind: Name, Value: "Abbe"}},
		// Refused: each would land nowhere useful.
		{"", Ticket{}},
		{"   ", Ticket{}},
		{"+49", Ticket{}},                                 // a country code alone
		{"+0123456789", Ticket{}},                         // no country code starts with 0
		{"+1234567890123456", Ticket{}},                   // 16 digits: past E.164
		{"12", Ticket{}},                                  // too short for a number
		{"2026-11-20", Ticket{}},                          // a day, not a number
		{"2f1a1100-b174-40a0-aba7-0b405e01ed9", Ticket{}}, // a GUID one digit short
		{"tel:anette", Ticket{}},                          // a tel: URI without a number
		{"anette@", Ticket{}},                             // half an address
		{"a@b@contoso.com", Ticket{}},                     // two '@'
		{"anette@localhost", Ticket{}},                    // no domain
		{"anette thom@contoso.com", Ticket{}},             // a space in an address
		{"line\nbreak", Ticket{}},                         // a control character
		{strings.Repeat("a", maxLen+1), Ticket{}},         // too long to be any of them
		{"---", Ticket{}},
	} {
		if got := Classify(c.in); got != c.want {
			t.Errorf("Classify(%q) = %+v, want %+v", c.in, got, c.want)
		}
	}
}

// e164 is the form an E.164 Value takes.
var e164 = regexp.MustCompile(`^\+[1-9][0-9]{6,14}$`)

// FuzzClassify checks that Classify never panics, that what it reads it
// reads again the same from its own Value (so a value shown and pasted back
// lands in the same place), and that values keep their promises: E.164 is
// E.164, national numbers are digits, ids lower case, nothing empty or
// holding a control character.
func FuzzClassify(f *testing.F) {
	for _, s := range []string{"2f1a1100-b174-40a0-aba7-0b405e01ed92", "{2F1A1100-B174-40A0-ABA7-0B405E01ED92}",
		"1835317186_112562680@61.221.3.176", "sip:anette@contoso.com", "+49 (0)30 1234-567", "0049 30 1234567",
		"tel:+1-425-555-0123;ext=1", "(030) 1234567", "Anette Thom", "Call ID: x", "'", "+", "00", "(0)", "sip:sip:",
		"a@1.2.3.4", "mailto:", "2026-11-20", "\u00a0+1\u00a0425"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		got := Classify(in)
		if got.Kind == Unknown {
			if got != (Ticket{}) {
				t.Fatalf("Classify(%q) = %+v: unknown with a value", in, got)
			}
			return
		}
		if got.Value == "" || strings.IndexFunc(got.Value, unicode.IsControl) >= 0 {
			t.Fatalf("Classify(%q) = %+v: empty value or a control character", in, got)
		}
		if again := Classify(got.Value); again != got {
			t.Fatalf("Classify(%q) = %+v, but Classify of its value = %+v", in, got, again)
		}
		switch got.Kind {
		case Phone:
			if got.E164 && !e164.MatchString(got.Value) || !got.E164 && !allDigits(got.Value) {
				t.Fatalf("Classify(%q) = %+v: not E.164 or digits", in, got)
			}
		case CallID:
			if !model.IsGUID(got.Value) || got.Value != strings.ToLower(got.Value) {
				t.Fatalf("Classify(%q) = %+v: not a lower-case GUID", in, got)
			}
		default:
			if got.E164 {
				t.Fatalf("Classify(%q) = %+v: E164 on a %v", in, got, got.Kind)
			}
		}
	})
}
