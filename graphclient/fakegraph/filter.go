package fakegraph

import (
	"fmt"
	"regexp"
	"strings"
	"time"
)

// recordFilter is a parsed List callRecords $filter: every bound and every
// participant clause must hold (the documented forms joined with "and").
type recordFilter struct {
	bounds       []timeBound
	participants []string
}

type timeBound struct {
	op string // lt, le, gt, ge
	at time.Time
}

func (f recordFilter) match(e *recordEntry) bool {
	start := e.head.StartDateTime.Time
	for _, b := range f.bounds {
		c := start.Compare(b.at)
		ok := false
		switch b.op {
		case "lt":
			ok = c < 0
		case "le":
			ok = c <= 0
		case "gt":
			ok = c > 0
		case "ge":
			ok = c >= 0
		}
		if !ok {
			return false
		}
	}
	for _, id := range f.participants {
		if !e.detail.hasParticipant(id) {
			return false
		}
	}
	return true
}

// filterError carries the position, in the style of the OData parser's
// "Syntax error at position N in '...'" messages.
type filterError struct {
	pos    int
	expr   string
	reason string
}

// Error is the message the 400 body carries.
func (e *filterError) Error() string {
	return fmt.Sprintf("Invalid filter clause: %s at position %d in '%s'. Supported: startDateTime lt|le|gt|ge <UTC timestamp>, participants_v2/any(p:p/id eq '<id>'), joined with 'and'.", e.reason, e.pos, e.expr)
}

// dateLiteral is an unquoted OData DateTimeOffset literal with at most seven
// fractional digits (what .NET's DateTimeOffset keeps).
var dateLiteral = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,7})?)?(Z|[+-]\d{2}:\d{2})$`)

// lambdaVar is an OData lambda range variable name.
var lambdaVar = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]*`)

// parseRecordFilter accepts exactly the documented grammar (graph-api.md
// §1.1, §4.4): clauses "startDateTime <op> <literal>" and
// "participants_v2/any(p:p/id eq '<id>')" (a doubled quote is a quote), joined by
// "and". Keywords and property names are case-sensitive, as in OData.
func parseRecordFilter(expr string) (recordFilter, error) {
	p := &filterParser{s: expr}
	var f recordFilter
	p.spaces()
	if p.eof() {
		return f, p.fail("the $filter expression is empty")
	}
	for {
		if err := p.clause(&f); err != nil {
			return recordFilter{}, err
		}
		n := p.spaces()
		if p.eof() {
			return f, nil
		}
		if n == 0 || !p.word("and") || p.spaces() == 0 {
			return recordFilter{}, p.fail("expected 'and'")
		}
	}
}

type filterParser struct {
	s   string
	pos int
}

func (p *filterParser) eof() bool { return p.pos >= len(p.s) }

func (p *filterParser) fail(reason string) error {
	return &filterError{pos: p.pos, expr: p.s, reason: reason}
}

func (p *filterParser) spaces() int {
	n := 0
	for !p.eof() && p.s[p.pos] == ' ' {
		p.pos++
		n++
	}
	return n
}

// word consumes w if the input continues with it.
func (p *filterParser) word(w string) bool {
	if strings.HasPrefix(p.s[p.pos:], w) {
		p.pos += len(w)
		return true
	}
	return false
}

// token reads up to the next space or the end.
func (p *filterParser) token() string {
	start := p.pos
	for !p.eof() && p.s[p.pos] != ' ' {
		p.pos++
	}
	return p.s[start:p.pos]
}

func (p *filterParser) clause(f *recordFilter) error {
	switch {
	case p.word("startDateTime"):
		if p.spaces() == 0 {
			return p.fail("expected an operator after startDateTime")
		}
		opPos := p.pos
		op := p.token()
		switch op {
		case "lt", "le", "gt", "ge":
		default:
			p.pos = opPos
			return p.fail(fmt.Sprintf("operator '%s' is not supported on startDateTime (use lt, le, gt or ge)", op))
		}
		if p.spaces() == 0 {
			return p.fail("expected a timestamp")
		}
		litPos := p.pos
		lit := p.token()
		at, ok := parseFilterDate(lit)
		if !ok {
			p.pos = litPos
			return p.fail(fmt.Sprintf("'%s' is not an unquoted ISO-8601 UTC timestamp such as 2023-09-25T09:25:00Z", lit))
		}
		f.bounds = append(f.bounds, timeBound{op: op, at: at})
		return nil
	case p.word("participants_v2/any("):
		id, err := p.lambda()
		if err != nil {
			return err
		}
		f.participants = append(f.participants, id)
		return nil
	default:
		return p.fail("only startDateTime and participants_v2/any(...) can be filtered on")
	}
}

// lambda parses "p:p/id eq '<id>')" after "participants_v2/any(".
func (p *filterParser) lambda() (string, error) {
	v := lambdaVar.FindString(p.s[p.pos:])
	if v == "" {
		return "", p.fail("expected a lambda variable")
	}
	p.pos += len(v)
	if !p.word(":" + v + "/id") {
		return "", p.fail(fmt.Sprintf("expected '%s:%s/id'", v, v))
	}
	if p.spaces() == 0 || !p.word("eq") || p.spaces() == 0 {
		return "", p.fail("expected ' eq ' (only eq is supported on participant id)")
	}
	if !p.word("'") {
		return "", p.fail("expected a quoted participant id")
	}
	var id strings.Builder
	for {
		if p.eof() {
			return "", p.fail("unterminated string literal")
		}
		ch := p.s[p.pos]
		p.pos++
		if ch != '\'' {
			id.WriteByte(ch)
			continue
		}
		if !p.eof() && p.s[p.pos] == '\'' {
			id.WriteByte('\'')
			p.pos++
			continue
		}
		break
	}
	if !p.word(")") {
		return "", p.fail("expected ')'")
	}
	if id.Len() == 0 {
		return "", p.fail("the participant id is empty")
	}
	return id.String(), nil
}

// parseFilterDate reads a filter timestamp; offsets are allowed (OData
// accepts them) and converted to UTC.
func parseFilterDate(s string) (time.Time, bool) {
	if !dateLiteral.MatchString(s) {
		return time.Time{}, false
	}
	if len(s) > 16 && s[16] != ':' { // hh:mm without seconds
		s = s[:16] + ":00" + s[16:]
	}
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		return time.Time{}, false
	}
	return t.UTC(), true
}
