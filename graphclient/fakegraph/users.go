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

// routeUsers serves /users, /users/{id | userPrincipalName} and
// /users('{id | userPrincipalName}'), or reports that segs is not a users
// path. A key that starts with '$' after the slash is a 400, as Graph's
// "Get user" page (ms.date 2024-12-23) says: "When the userPrincipalName
// begins with a `$` character, the GET request URL syntax `/users/$x@y.com`
// fails with a `400 Bad Request` error code. [...] enclose the
// userPrincipalName in parentheses and single quotes, as follows:
// `/users('$x@y.com')`." Options.DenyUsers answers the rest with the 403 an
// app without User.Read.All gets.
func (s *Server) routeUsers(c *call, segs []string) bool {
	key, keyed, ok := usersSegment(segs[0])
	if !ok {
		return false
	}
	switch {
	case keyed && key == nil:
		c.badRequest("Bad Request - Error in query syntax: a key in parentheses is a string literal in single quotes, with a quote inside doubled, as in /users('o''brien@contoso.com').")
		return true
	case !keyed && len(segs) == 2 && strings.HasPrefix(segs[1], "$"):
		c.badRequest("Bad Request - Error in query syntax: '" + segs[1] + "' is not a system query option; a userPrincipalName that begins with '$' is addressed as /users('" + strings.ReplaceAll(segs[1], "'", "''") + "').")
		return true
	}
	if s.denyUsers {
		c.fail(http.StatusForbidden, CodeAuthorizationDenied, msgInsufficientPrivileges)
		return true
	}
	switch {
	case keyed && len(segs) == 1:
		s.getUser(c, *key)
	case keyed:
		c.notFound(fmt.Sprintf("Resource not found for the segment '%s'.", segs[1]))
	case len(segs) == 1 || len(segs) == 2 && segs[1] == "":
		s.listUsers(c)
	case len(segs) == 2:
		s.getUser(c, segs[1])
	default:
		c.notFound(fmt.Sprintf("Resource not found for the segment '%s'.", segs[2]))
	}
	return true
}

// usersSegment reads the first path segment: ok when it is "users" (any
// case), keyed when it is users('…'), with key the literal's text (nil when
// the parentheses do not hold exactly one well-formed literal).
func usersSegment(seg string) (key *string, keyed, ok bool) {
	if strings.EqualFold(seg, "users") {
		return nil, false, true
	}
	if len(seg) < len("users(") || !strings.EqualFold(seg[:len("users(")], "users(") {
		return nil, false, false
	}
	inner, closed := strings.CutSuffix(seg[len("users("):], ")")
	p := &filterParser{s: inner}
	lit, quoted := p.quoted()
	if !closed || !quoted || !p.eof() {
		return nil, true, true
	}
	return &lit, true, true
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
// order, mail as userMail has it.
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
			o.set(p, str(userMail(u)))
		case "businessPhones":
			o.set(p, []string{})
		default:
			o.set(p, nil)
		}
	}
	return o
}

// guestMarker sits between a B2B guest's home address and the tenant in
// its UPN: "a_contoso.com#EXT#@microsoft.onmicrosoft.com" ("List users",
// Example 4, where the same user's mail is "a@contoso.com").
const guestMarker = "#EXT#@"

// userMail is u's mail: a guest's home address, recovered from the UPN
// Entra made of it (the '@' became the last '_': a domain has none), and
// otherwise the UPN, as most Entra users have.
func userMail(u User) string {
	local, _, guest := strings.Cut(u.UserPrincipalName, guestMarker)
	if !guest {
		return u.UserPrincipalName
	}
	i := strings.LastIndexByte(local, '_')
	if i <= 0 || i == len(local)-1 {
		return ""
	}
	return local[:i] + "@" + local[i+1:]
}
