package search

import (
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestParse(t *testing.T) {
	cases := []struct {
		in   string
		want []Term
	}{
		{"", nil},
		{"   ", nil},
		{"Anette", []Term{{Value: "anette"}}},
		{"anette  487", []Term{{Value: "anette"}, {Value: "487"}}},
		{`"Anette B" x`, []Term{{Value: "anette b"}, {Value: "x"}}},
		{`"still typing`, []Term{{Value: "still typing"}}},
		{"sip:487", []Term{{Field: Sip, Value: "487"}}},
		{"SIP:0487", []Term{{Field: Sip, Value: "487"}}},
		{"sip:4xx", []Term{{Field: Sip, Value: "4xx"}}},
		{"sub:560487", []Term{{Field: Sub, Value: "560487"}}},
		{"!trunk:EU", []Term{{Field: Trunk, Value: "eu", Negate: true}}},
		{`user:"anette b"`, []Term{{Field: User, Value: "anette b"}}},
		{"num:+49 (30) 1234", []Term{{Field: Number, Value: "49"}, {Value: "(30)"}, {Value: "1234"}}},
		{"num:+49-30", []Term{{Field: Number, Value: "4930"}}},
		{"type:groupCall", []Term{{Field: Type, Value: "groupcall"}}},
		{"result:FAILED !quality:poor", []Term{{Field: Result, Value: Failed}, {Field: Quality, Value: Poor, Negate: true}}},
		{"!failed", []Term{{Value: "failed", Negate: true}}},
		{"14:02 :x", []Term{{Value: "14:02"}, {Value: ":x"}}},
		{"sip/487", []Term{{Value: "sip/487"}}},
	}
	for _, c := range cases {
		q, err := Parse(c.in)
		if err != nil {
			t.Errorf("Parse(%q): %v", c.in, err)
			continue
		}
		if !reflect.DeepEqual(q.Terms, c.want) {
			t.Errorf("Parse(%q) = %+v, want %+v", c.in, q.Terms, c.want)
		}
	}
}

func TestParseErrors(t *testing.T) {
	cases := []struct{ in, says string }{
		{"colour:red", "unknown field colour (fields: sip, sub, trunk, user, num, type, result, quality, status)"},
		{"sip:", "sip needs a value, as in sip:487"},
		{"sip:abc", "sip takes a code"},
		{"sub:4xx", "sub takes a code"},
		{"sip:9xx", "sip takes a code"},
		{"num:abc", "num takes digits"},
		{"result:maybe", "result is failed or ok"},
		{"quality:fine", "quality is good, poor or unclassified"},
		{"!", "! needs a term after it"},
		{`""`, "an empty phrase matches everything"},
		{`"a"b`, "put a space after a closing quote"},
		{strings.Repeat("a ", maxTerms+1), "more than 32 terms"},
	}
	for _, c := range cases {
		_, err := Parse(c.in)
		if err == nil || !strings.Contains(err.Error(), c.says) {
			t.Errorf("Parse(%q) error = %v, want one saying %q", c.in, err, c.says)
		}
	}
}

// row is a Row over a map; "text" is its text.
type row map[string]string

func (r row) Field(name string) (string, bool) {
	v, ok := r[name]
	return v, ok
}

func (r row) Text() string { return r["text"] }

func TestMatches(t *testing.T) {
	failed := row{"text": "Anette Berg  +49 30 1234 → +1 555  487 Request Terminated  sbc1.eu.contoso.com",
		Sip: "487", Sub: "560487", Trunk: "sbc1.eu.contoso.com", User: "anette@contoso.com Anette Berg",
		Number: "+49 30 1234,+1 555", Type: "groupCall", Result: Failed}
	unreported := row{"text": "Bob", User: "bob@contoso.com Bob"} // no SIP code, no result
	cases := []struct {
		query           string
		failed, unknown bool
	}{
		{"", true, true},
		{"anette", true, false},
		{"ANETTE request", true, false},
		{"anette bob", false, false},
		{`"request terminated"`, true, false},
		{`"terminated request"`, false, false},
		{"sip:487", true, false},
		{"sip:4xx", true, false},
		{"sip:5xx", false, false},
		{"sip:48", false, false},
		{"!sip:487", false, true},
		{"sub:560487", true, false},
		{"trunk:EU", true, false},
		{"!trunk:eu", false, true},
		{"user:anette", true, false},
		{"user:bob", false, true},
		{"num:+4930", true, false},
		{"num:4930 1234", true, false},
		{"num:+1555", true, false},
		{"num:12341", false, false}, // digits match within one number, not across two
		{"type:group", true, false},
		{"result:failed", true, false},
		{"result:ok", false, false},
		{"!result:failed", false, true},
		{"quality:poor", false, false},
		{"!bob", true, false},
	}
	for _, c := range cases {
		q, err := Parse(c.query)
		if err != nil {
			t.Fatalf("Parse(%q): %v", c.query, err)
		}
		if got := q.Matches(failed); got != c.failed {
			t.Errorf("%q on the failed row = %v, want %v", c.query, got, c.failed)
		}
		if got := q.Matches(unreported); got != c.unknown {
			t.Errorf("%q on the unreported row = %v, want %v", c.query, got, c.unknown)
		}
	}
}

// cellRow is a row that finds words in its cells itself.
type cellRow []string

func (r cellRow) Field(string) (string, bool) { return "", false }
func (r cellRow) Text() string                { return strings.Join(r, " ") }
func (r cellRow) ContainsText(lower string) bool {
	for _, c := range r {
		if ContainsFold(c, lower) {
			return true
		}
	}
	return false
}

func TestWordsUseTheRowsOwnTextSearch(t *testing.T) {
	r := cellRow{"Anette", "Berg"}
	for query, want := range map[string]bool{"berg": true, "anette berg": true, `"anette berg"`: false, "!berg": false} {
		q, _ := Parse(query)
		if got := q.Matches(r); got != want {
			t.Errorf("%s = %v, want %v: a phrase matches within one cell", query, got, want)
		}
	}
}

func TestCheckNamesTheFieldsRowsHave(t *testing.T) {
	q, _ := Parse("anette quality:poor")
	err := q.Check("Direct Routing", []string{Sip, Trunk})
	if err == nil || err.Error() != "quality: Direct Routing rows have no quality (fields: sip, trunk)" {
		t.Fatalf("Check = %v", err)
	}
	if err := q.Check("call", Fields); err != nil {
		t.Fatalf("Check over every field = %v", err)
	}
}

func TestHighlights(t *testing.T) {
	q, _ := Parse(`Anette !bob sip:487 sip:4xx num:4930 "x y" anette`)
	if got, want := q.Highlights(), []string{"anette", "487", "x y"}; !reflect.DeepEqual(got, want) {
		t.Fatalf("Highlights = %q, want %q", got, want)
	}
}

func TestFoldHelpers(t *testing.T) {
	if !ContainsFold("Anette BERG", "berg") || ContainsFold("Anette", "bob") || !ContainsFold("ÄNETTE", "änette") {
		t.Fatal("ContainsFold")
	}
	if IndexFold("xx SBC1.eu", "sbc1") != 3 || IndexFold("abc", "d") != -1 || IndexFold("ä", "ä") != -1 {
		t.Fatal("IndexFold")
	}
}

// FuzzParse: no input panics, and a query that parses has well-formed
// terms that match a row without panicking. Seeds: testdata/fuzz/FuzzParse.
func FuzzParse(f *testing.F) {
	f.Add("anette sip:487 !trunk:eu")
	f.Fuzz(func(t *testing.T, text string) {
		q, err := Parse(text)
		if err != nil {
			if err.Error() == "" {
				t.Fatal("an empty error")
			}
			return
		}
		for _, term := range q.Terms {
			if strings.TrimSpace(term.Value) == "" {
				t.Fatalf("%q: a term with no value: %+v", text, term)
			}
			if term.Field != "" && !strings.Contains(strings.Join(Fields, " "), term.Field) {
				t.Fatalf("%q: an unknown field passed: %+v", text, term)
			}
			if utf8.ValidString(text) && !utf8.ValidString(term.Value) {
				t.Fatalf("%q: a valid query made an invalid value %q", text, term.Value)
			}
		}
		q.Matches(row{"text": text, Sip: "487", User: text})
		q.Highlights()
	})
}
