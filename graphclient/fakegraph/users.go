package fakegraph

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"
)

// Directory error codes: /users answers in Entra's vocabulary, not the
// call-records service's.
const (
	// CodeAuthorizationDenied is the 403 of an app without User.Read.All.
	CodeAuthorizationDenied = "Authorization_RequestDenied"
	// CodeResourceNotFound is the 404 of an unknown user id or UPN.
	CodeResourceNotFound = "Request_ResourceNotFound"
)

const (
	msgInsufficientPrivileges = "Insufficient privileges to complete the operation."
	userType                  = "microsoft.graph.user"
	// usersPageSize is Graph's default page of /users; $top may ask for
	// 1 to usersMaxTop.
	usersPageSize = 100
	usersMaxTop   = 999
)

// userProps are the properties /users returns without $select (Graph's
// default set); the fake knows only id, names and UPN, and sends null or
// [] for the rest, as Graph does for a user with them unset.
var userProps = []string{"businessPhones", "displayName", "givenName", "jobTitle", "mail", "mobilePhone",
	"officeLocation", "preferredLanguage", "surname", "userPrincipalName", "id"}

// routeUsers serves /users and /users/{id | userPrincipalName}, or reports
// that segs is not a users path. Options.DenyUsers answers both with the
// 403 an app without User.Read.All gets.
func (s *Server) routeUsers(c *call, segs []string) bool {
	if !strings.EqualFold(segs[0], "users") {
		return false
	}
	if s.denyUsers {
		c.fail(http.StatusForbidden, CodeAuthorizationDenied, msgInsufficientPrivileges)
		return true
	}
	switch {
	case len(segs) == 1 || len(segs) == 2 && segs[1] == "":
		s.listUsers(c)
	case len(segs) == 2:
		s.getUser(c, segs[1])
	default:
		c.notFound(fmt.Sprintf("Resource not found for the segment '%s'.", segs[2]))
	}
	return true
}

// getUser serves GET /users/{key}: key is an object id or a UPN, either
// matched case-insensitively as Entra does.
func (s *Server) getUser(c *call, key string) {
	q, err := parseQuery(c.r.URL.RawQuery)
	if err != nil {
		c.badRequest(err.Error())
		return
	}
	if bad := q.only("$select"); bad != "" {
		c.badRequest("Query option '" + bad + "' is not supported on a user.")
		return
	}
	sel, msg := parseSelect(q["$select"], userType, userProps)
	if msg != "" {
		c.badRequest(msg)
		return
	}
	for _, u := range s.tenant.Users() {
		if strings.EqualFold(u.ID, key) || u.UserPrincipalName != "" && strings.EqualFold(u.UserPrincipalName, key) {
			o := userObject(u, sel)
			o.keys = append([]string{"@odata.context"}, o.keys...)
			o.vals = append([]any{c.root + "/$metadata#users" + selectShape(sel) + "/$entity"}, o.vals...)
			c.ok(o)
			return
		}
	}
	c.fail(http.StatusNotFound, CodeResourceNotFound,
		"Resource '"+key+"' does not exist or one of its queried reference-property objects are not present.")
}

// listUsers serves GET /users with $filter (userFilter's grammar), $select,
// $top and the $skiptoken of its own nextLinks.
func (s *Server) listUsers(c *call) {
	q, err := parseQuery(c.r.URL.RawQuery)
	if err != nil {
		c.badRequest(err.Error())
		return
	}
	if bad := q.only("$filter", "$select", "$top", "$skiptoken"); bad != "" {
		c.badRequest("Query option '" + bad + "' is not supported on users.")
		return
	}
	st := pageToken{Kind: "users", Filter: q["$filter"], Select: q["$select"], Size: usersPageSize}
	_, filtered := q["$filter"]
	if tok, ok := q["$skiptoken"]; ok {
		if st, err = s.decodeToken(tok, "users"); err != nil {
			c.badRequest(err.Error())
			return
		}
		filtered = st.Filter != ""
	} else if top, ok := q["$top"]; ok {
		n, err := strconv.Atoi(top)
		if err != nil || n < 1 || n > usersMaxTop {
			c.badRequest(fmt.Sprintf("Invalid page size specified: '%s'. Must be between 1 and %d inclusive.", top, usersMaxTop))
			return
		}
		st.Size = n
	}
	var f userFilter
	if filtered {
		if f, err = parseUserFilter(st.Filter); err != nil {
			c.badRequest(err.Error())
			return
		}
	}
	sel, msg := parseSelect(st.Select, userType, userProps)
	if msg != "" {
		c.badRequest(msg)
		return
	}
	var value []any
	more, seen := false, 0
	for _, u := range s.tenant.Users() {
		if !f.match(u) {
			continue
		}
		seen++
		if seen <= st.Offset {
			continue
		}
		if len(value) == st.Size {
			more = true
			break
		}
		value = append(value, userObject(u, sel))
	}
	if value == nil {
		value = []any{}
	}
	out := &object{}
	out.set("@odata.context", c.root+"/$metadata#users"+selectShape(sel))
	out.set("value", value)
	if more {
		next := st
		next.Offset += len(value)
		out.set("@odata.nextLink", c.root+"/users?$skiptoken="+s.encodeToken(next))
	}
	c.ok(out)
}

// selectShape is the "(a,b)" a $select adds to @odata.context.
func selectShape(sel selection) string {
	if sel == nil {
		return ""
	}
	return "(" + strings.Join(sel, ",") + ")"
}

// userObject writes u with the selected properties in Graph's default
// order. Demo users have their UPN as mail, as most Entra users do.
func userObject(u User, sel selection) *object {
	o := &object{}
	str := func(v string) any {
		if v == "" {
			return nil
		}
		return v
	}
	for _, p := range userProps {
		if !sel.has(p) {
			continue
		}
		switch p {
		case "id":
			o.set(p, u.ID)
		case "displayName":
			o.set(p, str(u.DisplayName))
		case "userPrincipalName":
			o.set(p, str(u.UserPrincipalName))
		case "mail":
			o.set(p, str(u.UserPrincipalName))
		case "businessPhones":
			o.set(p, []string{})
		default:
			o.set(p, nil)
		}
	}
	return o
}

// userFilter is a parsed /users $filter: a user matches when any clause does.
type userFilter []userClause

// userClause is startswith(prop,'prefix'); directory matching ignores case.
type userClause struct {
	prop   string // displayName or userPrincipalName
	prefix string // lowercased
}

func (f userFilter) match(u User) bool {
	if f == nil {
		return true
	}
	for _, cl := range f {
		v := u.DisplayName
		if cl.prop == "userPrincipalName" {
			v = u.UserPrincipalName
		}
		if strings.HasPrefix(strings.ToLower(v), cl.prefix) {
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
	return fmt.Sprintf("Invalid filter clause: %s at position %d in '%s'. Supported: startswith(displayName,'<text>') or startswith(userPrincipalName,'<text>'), joined with 'or'.", e.reason, e.pos, e.expr)
}

// parseUserFilter accepts exactly the grammar callscope sends:
// startswith(displayName,'…') and startswith(userPrincipalName,'…') (the
// function also spelt startsWith, as Graph's docs do; a space may follow the
// comma; a doubled quote is a quote), joined with " or ". Anything else is
// refused, so a client cannot come to rely on more than the directory
// supports without ConsistencyLevel: eventual.
func parseUserFilter(expr string) (userFilter, error) {
	p := &filterParser{s: expr}
	fail := func(reason string) error { return &userFilterError{pos: p.pos, expr: expr, reason: reason} }
	var f userFilter
	for {
		if !p.word("startswith(") && !p.word("startsWith(") {
			return nil, fail("expected startswith(")
		}
		var prop string
		switch {
		case p.word("displayName,"):
			prop = "displayName"
		case p.word("userPrincipalName,"):
			prop = "userPrincipalName"
		default:
			return nil, fail("only displayName and userPrincipalName can be matched with startswith")
		}
		p.spaces()
		lit, ok := p.quoted()
		if !ok {
			return nil, fail("expected a quoted string, closed with a single quote")
		}
		if !p.word(")") {
			return nil, fail("expected ')'")
		}
		f = append(f, userClause{prop: prop, prefix: strings.ToLower(lit)})
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
