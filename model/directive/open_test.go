package directive

import (
	"errors"
	"slices"
	"strings"
	"testing"
)

func TestParseOpenTakesTheRestOfTheLine(t *testing.T) {
	const id = "2f1a1100-b174-40a0-aba7-0b405e01ed92"
	for line, want := range map[string]string{
		"open " + id:                         id,
		":open {" + id + "}":                 "{" + id + "}",
		"OPEN +49 30 1234-567":               "+49 30 1234-567",
		"open   Anette    Thom ":             "Anette Thom",
		`open "Anette Thom"`:                 "Anette Thom",
		"open anette quit":                   "anette quit", // a command word after open is text
		"open 1835317186_112562680@61.2.3.4": "1835317186_112562680@61.2.3.4",
		"open tel:+1-425-555-0123":           "tel:+1-425-555-0123",
		"open sip:anette.thom@contoso.com":   "sip:anette.thom@contoso.com",
		`open "calls"`:                       "calls",
	} {
		got, err := Parse(line, now)
		if err != nil {
			t.Errorf("Parse(%q): %v", line, err)
			continue
		}
		if !same(got, []Directive{{Name: Open, Arg: want}}) {
			t.Errorf("Parse(%q) = %+v, want open %q", line, got, want)
		}
		// What the history keeps reads back the same.
		back, err := Parse(Join(got), now)
		if err != nil || !same(back, got) {
			t.Errorf("Parse(Join(%+v) = %q) = %+v, %v", got, Join(got), back, err)
		}
	}
}

func TestParseOpenRefuses(t *testing.T) {
	for line, want := range map[string]struct {
		word int
		text string
	}{
		"open":                 {1, "needs a value"},
		`open ""`:              {2, "nothing to open"},
		"open ---":             {2, "nothing to open"},
		"open +49":             {2, "nothing to open"},
		"calls open anette":    {2, "stands alone"},
		"-2h open anette":      {2, "stands alone"},
		"open 2f1a1100-b174-4": {2, "PSTN callId"}, // the message says what works
	} {
		_, err := Parse(line, now)
		var pe *Error
		if !errors.As(err, &pe) {
			t.Errorf("Parse(%q) = %v, want a parse error", line, err)
			continue
		}
		if pe.Word != want.word || !strings.Contains(pe.Msg, want.text) {
			t.Errorf("Parse(%q) = word %d %q, want word %d with %q", line, pe.Word, pe.Msg, want.word, want.text)
		}
	}
}

func TestCompleteAfterOpenOffersNothing(t *testing.T) {
	for _, line := range []string{"open ", "open anette ", "open anette f"} {
		if got := Complete(line, len(line)); got != nil {
			t.Errorf("Complete(%q) = %q, want nothing: open's value is the whole line", line, got)
		}
	}
	if got := Complete("op", 2); !slices.Equal(got, []string{Open}) {
		t.Errorf("Complete(op) = %q", got)
	}
	if got := suggest("opne"); got != Open {
		t.Errorf("suggest(opne) = %q", got)
	}
}
