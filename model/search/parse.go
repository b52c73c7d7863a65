package search

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"unicode"
)

// maxTerms bounds a query: a pasted page of text is not a search.
const maxTerms = 32

// Parse reads a query: words separated by spaces (each must be in the
// row's text, in any case), "quoted phrases" kept whole, field:value
// terms (field:"a phrase" too), and ! before any of them to negate it. A
// quote left open runs to the end, so a query being typed parses as it
// grows. The error names the bad term and what would be right.
func Parse(text string) (Query, error) {
	var q Query
	tokens, err := split(text)
	if err != nil {
		return Query{}, err
	}
	for _, tok := range tokens {
		t, err := parseTerm(tok)
		if err != nil {
			return Query{}, err
		}
		if len(q.Terms) == maxTerms {
			return Query{}, fmt.Errorf("more than %d terms", maxTerms)
		}
		q.Terms = append(q.Terms, t)
	}
	return q, nil
}

// token is one term as typed: its text without quotes, whether a ! came
// first, and the field name before a colon.
type token struct {
	field, value string
	negate       bool
	raw          string // as typed, for errors
}

// split cuts text into tokens on spaces outside quotes.
func split(text string) ([]token, error) {
	var out []token
	rs := []rune(text)
	for i := 0; i < len(rs); {
		if unicode.IsSpace(rs[i]) {
			i++
			continue
		}
		start := i
		var tok token
		if rs[i] == '!' {
			tok.negate = true
			i++
		}
		// A field name: letters up to a colon.
		j := i
		for j < len(rs) && unicode.IsLetter(rs[j]) {
			j++
		}
		if j < len(rs) && rs[j] == ':' && isFieldName(string(rs[i:j])) {
			tok.field = strings.ToLower(string(rs[i:j]))
			i = j + 1
		}
		var v strings.Builder
		if i < len(rs) && rs[i] == '"' {
			// A phrase: to the closing quote, or the end while it is typed.
			i++
			for i < len(rs) && rs[i] != '"' {
				v.WriteRune(rs[i])
				i++
			}
			if i < len(rs) {
				i++ // the closing quote
			}
			if i < len(rs) && !unicode.IsSpace(rs[i]) {
				return nil, fmt.Errorf("%q: put a space after a closing quote", string(rs[start:]))
			}
		} else {
			for i < len(rs) && !unicode.IsSpace(rs[i]) {
				v.WriteRune(rs[i])
				i++
			}
		}
		tok.value = v.String()
		tok.raw = string(rs[start:i])
		out = append(out, tok)
	}
	return out, nil
}

// errNoTerm is a lone "!".
var errNoTerm = errors.New("! needs a term after it: !failed, !trunk:eu")

// parseTerm checks a token's field and value and normalises the value.
func parseTerm(tok token) (Term, error) {
	t := Term{Field: tok.field, Negate: tok.negate, Value: strings.ToLower(tok.value)}
	if t.Field != "" && !slices.Contains(Fields, t.Field) {
		return Term{}, fmt.Errorf("%q: unknown field %s (fields: %s)", tok.raw, t.Field, strings.Join(Fields, ", "))
	}
	if strings.TrimSpace(t.Value) == "" {
		if t.Field == "" && !tok.negate {
			return Term{}, fmt.Errorf("%q: an empty phrase matches everything; type a word", tok.raw)
		}
		if t.Field == "" {
			return Term{}, errNoTerm
		}
		return Term{}, fmt.Errorf("%q: %s needs a value, as in %s", tok.raw, t.Field, example(t.Field))
	}
	switch t.Field {
	case Sip, Sub, Status:
		if isClass(t.Value) && (t.Field == Sip || t.Field == Status) && t.Value[0] >= '1' && t.Value[0] <= '6' {
			break
		}
		if !allDigits(t.Value) || len(t.Value) > 9 {
			return Term{}, fmt.Errorf("%q: %s takes a code, as in %s", tok.raw, t.Field, example(t.Field))
		}
		t.Value = strings.TrimLeft(t.Value, "0")
		if t.Value == "" {
			t.Value = "0"
		}
	case Number:
		t.Value = digits(t.Value)
		if t.Value == "" {
			return Term{}, fmt.Errorf("%q: num takes digits, as in %s", tok.raw, example(Number))
		}
	case Result:
		if t.Value != Failed && t.Value != OK {
			return Term{}, fmt.Errorf("%q: result is %s or %s", tok.raw, Failed, OK)
		}
	case Quality:
		if t.Value != Good && t.Value != Poor && t.Value != Unclassified {
			return Term{}, fmt.Errorf("%q: quality is %s, %s or %s", tok.raw, Good, Poor, Unclassified)
		}
	}
	return t, nil
}

// example is a term of field, for errors.
func example(field string) string {
	switch field {
	case Sip:
		return "sip:487 or sip:4xx"
	case Status:
		return "status:429 or status:5xx"
	case Sub:
		return "sub:560487"
	case Trunk:
		return "trunk:eu"
	case User:
		return "user:anette"
	case Number:
		return "num:+4930"
	case Type:
		return "type:groupCall"
	case Result:
		return "result:failed"
	}
	return "quality:poor"
}

func allDigits(s string) bool {
	return s != "" && strings.IndexFunc(s, func(r rune) bool { return r < '0' || r > '9' }) < 0
}
