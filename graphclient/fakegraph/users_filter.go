package fakegraph

import (
	"fmt"
	"strings"
)

// userFilter is a parsed /users $filter: a user matches when any clause does.
type userFilter []userClause

// userClause is startswith(prop,'text') or prop eq 'text'. Directory string
// matching ignores case, for eq as for startswith.
type userClause struct {
	prop  string // displayName, userPrincipalName or mail
	equal bool   // eq rather than startswith
	text  string // lowercased
}

func (f userFilter) match(u User) bool {
	if f == nil {
		return true
	}
	for _, cl := range f {
		var v string
		switch cl.prop {
		case "displayName":
			v = u.DisplayName
		case "userPrincipalName":
			v = u.UserPrincipalName
		case "mail":
			v = userMail(u)
		}
		v = strings.ToLower(v)
		if cl.equal && v != "" && v == cl.text || !cl.equal && strings.HasPrefix(v, cl.text) {
			return true
		}
	}
	return false
}

// userFilterError carries the position, in the OData parser's manner.
type userFilterError struct {
	pos    int
	expr   string
	reason string
}

func (e *userFilterError) Error() string {
	return fmt.Sprintf("Invalid filter clause: %s at position %d in '%s'. Supported: startswith(displayName,'<text>'), startswith(userPrincipalName,'<text>'), userPrincipalName eq '<text>' or mail eq '<text>', joined with 'or'.", e.reason, e.pos, e.expr)
}

// parseUserFilter accepts exactly the grammar callscope sends, joined with
// " or ":
//   - startswith(displayName,'…') and startswith(userPrincipalName,'…')
//     (the function also spelt startsWith, as Graph's docs do; a space may
//     follow the comma);
//   - userPrincipalName eq '…' and mail eq '…', which Graph's "List users"
//     page shows for finding one user by address (its guest example has
//     userPrincipalName "a_contoso.com#EXT#@microsoft.onmicrosoft.com" and
//     mail "a@contoso.com").
//
// A doubled quote inside a literal is a quote, as OData writes it. Anything
// else is refused, so a client cannot come to rely on more than the
// directory supports without ConsistencyLevel: eventual.
func parseUserFilter(expr string) (userFilter, error) {
	p := &filterParser{s: expr}
	fail := func(reason string) error { return &userFilterError{pos: p.pos, expr: expr, reason: reason} }
	var f userFilter
	for {
		var cl userClause
		switch {
		case p.word("startswith(") || p.word("startsWith("):
			switch {
			case p.word("displayName,"):
				cl.prop = "displayName"
			case p.word("userPrincipalName,"):
				cl.prop = "userPrincipalName"
			default:
				return nil, fail("only displayName and userPrincipalName can be matched with startswith")
			}
			p.spaces()
		case p.word("userPrincipalName eq "):
			cl.prop, cl.equal = "userPrincipalName", true
		case p.word("mail eq "):
			cl.prop, cl.equal = "mail", true
		default:
			return nil, fail("expected startswith(, 'userPrincipalName eq' or 'mail eq'")
		}
		lit, ok := p.quoted()
		if !ok {
			return nil, fail("expected a quoted string, closed with a single quote")
		}
		if !cl.equal && !p.word(")") {
			return nil, fail("expected ')'")
		}
		cl.text = strings.ToLower(lit)
		f = append(f, cl)
		if p.eof() {
			return f, nil
		}
		if !p.word(" or ") {
			return nil, fail("expected ' or '")
		}
	}
}

// quoted reads an OData string literal: quoted, with a doubled quote for a quote.
func (p *filterParser) quoted() (string, bool) {
	if !p.word("'") {
		return "", false
	}
	var b strings.Builder
	for !p.eof() {
		ch := p.s[p.pos]
		p.pos++
		if ch != '\'' {
			b.WriteByte(ch)
			continue
		}
		if !p.eof() && p.s[p.pos] == '\'' {
			b.WriteByte('\'')
			p.pos++
			continue
		}
		return b.String(), true
	}
	return "", false
}
