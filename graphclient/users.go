package graphclient

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"unicode"

	"github.com/callscope/callscope/model"
)

// User is a directory user with the properties callscope selects from
// /users: enough to filter calls by (ID) and to tell people apart in a pick
// list (name, UPN, mail).
type User struct {
	ID                string `json:"id"`
	DisplayName       string `json:"displayName"`
	UserPrincipalName string `json:"userPrincipalName"`
	Mail              string `json:"mail"`
}

// Name is what to call the user on screen: the display name, else the UPN,
// else the id (a bare object id or phone number resolves without a lookup).
func (u User) Name() string {
	switch {
	case u.DisplayName != "":
		return u.DisplayName
	case u.UserPrincipalName != "":
		return u.UserPrincipalName
	}
	return u.ID
}

// MaxUserMatches is the most people FindUsers returns: a pick list longer
// than a screen is no help, and the user can type more of the name.
const MaxUserMatches = 25

// userSelect keeps /users answers small; Graph's default set has eleven
// properties callscope never shows.
const userSelect = "id,displayName,userPrincipalName,mail"

// UserReadDeniedError is Graph's 403 on /users: the app registration lacks
// the User.Read.All application permission, or an admin never consented to
// it. Call records need only CallRecords.Read.All, so a tenant can work
// without it; an object id then still filters.
type UserReadDeniedError struct {
	// Graph is the 403 as Graph sent it (code and request-id for a ticket).
	Graph *Error
}

// Error says what is missing and what still works.
func (e *UserReadDeniedError) Error() string {
	s := "the app lacks the User.Read.All application permission (or admin consent for it), so people cannot be looked up by name or UPN; an Entra object id still works, as does a phone number"
	return s + graphRef(e.Graph)
}

// Unwrap exposes the Graph error.
func (e *UserReadDeniedError) Unwrap() error {
	if e.Graph == nil {
		return nil
	}
	return e.Graph
}

// UserNotFoundError says a UPN or id names no user (Graph's 404), or that no
// user's name or UPN starts with the text given.
type UserNotFoundError struct {
	// Query is the text as the user gave it.
	Query string
	// ByName is true for a name search that matched nobody.
	ByName bool
	// Graph is the 404 for a UPN or id lookup; nil for a name search.
	Graph *Error
}

// Error names the text that matched nobody.
func (e *UserNotFoundError) Error() string {
	if !e.ByName {
		return fmt.Sprintf("no such user: %s%s", model.DisplaySafe(e.Query), graphRef(e.Graph))
	}
	s := fmt.Sprintf("no user's display name or UPN starts with %q", e.Query)
	if looksLikeLocalNumber(e.Query) {
		s += "; a phone number needs its country code, e.g. +1 425 555 0100"
	}
	return s
}

// Unwrap exposes the Graph error, if there was one.
func (e *UserNotFoundError) Unwrap() error {
	if e.Graph == nil {
		return nil
	}
	return e.Graph
}

// IsUserReadDenied reports a /users lookup refused for want of User.Read.All.
func IsUserReadDenied(err error) bool {
	var de *UserReadDeniedError
	return errors.As(err, &de)
}

// graphRef is " (Graph 403 code, request-id …)" for a support ticket, or "".
func graphRef(ge *Error) string {
	if ge == nil {
		return ""
	}
	s := " (Graph " + strconv.Itoa(ge.Status)
	if ge.Code != "" {
		s += " " + ge.Code
	}
	if ge.RequestID != "" {
		s += ", request-id " + ge.RequestID
	}
	return s + ")"
}

// userError turns the Graph statuses a lookup explains into typed errors.
func userError(err error, query string) error {
	var ge *Error
	if !errors.As(err, &ge) {
		return err
	}
	switch ge.Status {
	case http.StatusForbidden:
		return &UserReadDeniedError{Graph: ge}
	case http.StatusNotFound:
		return &UserNotFoundError{Query: query, Graph: ge}
	}
	return err
}

// checkUserText refuses what no user lookup could mean.
func checkUserText(s string) (string, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return "", errors.New("the person to look up is empty")
	}
	for _, r := range s {
		if unicode.IsControl(r) {
			return "", errors.New("the person to look up contains a control character")
		}
	}
	return s, nil
}

// GetUser looks one user up by UPN or object id (GET /users/{id | upn}).
// A 404 is a *UserNotFoundError and a 403 a *UserReadDeniedError.
func (c *Client) GetUser(ctx context.Context, upnOrID string) (*User, error) {
	s, err := checkUserText(upnOrID)
	if err != nil {
		return nil, err
	}
	var u User
	if err := c.getJSON(ctx, c.endpoint("/users/"+url.PathEscape(s), "$select="+queryEscape(userSelect)), "", &u, nil); err != nil {
		return nil, fmt.Errorf("look up user %s: %w", s, userError(err, s))
	}
	return &u, nil
}

// FindUsers returns up to limit users (at most MaxUserMatches; 0 means that
// many) whose display name starts with prefix, or, when prefix has no
// space and so could be the start of one, whose UPN does. Directory string
// matching is case-insensitive. The result is sorted by name for a pick
// list; none is an empty slice, not an error.
func (c *Client) FindUsers(ctx context.Context, prefix string, limit int) ([]User, error) {
	s, err := checkUserText(prefix)
	if err != nil {
		return nil, err
	}
	if limit <= 0 || limit > MaxUserMatches {
		limit = MaxUserMatches
	}
	lit := "'" + strings.ReplaceAll(s, "'", "''") + "'" // OData doubles a quote inside a literal
	filter := "startswith(displayName," + lit + ")"
	if !strings.ContainsRune(s, ' ') {
		filter += " or startswith(userPrincipalName," + lit + ")"
	}
	qs := "$filter=" + queryEscape(filter) + "&$select=" + queryEscape(userSelect) + "&$top=" + strconv.Itoa(limit)
	var page struct {
		Value []User `json:"value"`
	}
	if err := c.getJSON(ctx, c.endpoint("/users", qs), "", &page, nil); err != nil {
		return nil, fmt.Errorf("find users named %q: %w", s, userError(err, s))
	}
	users := page.Value
	if len(users) > limit {
		users = users[:limit]
	}
	slices.SortStableFunc(users, func(a, b User) int {
		return cmp.Or(cmp.Compare(strings.ToLower(a.DisplayName), strings.ToLower(b.DisplayName)),
			cmp.Compare(strings.ToLower(a.UserPrincipalName), strings.ToLower(b.UserPrincipalName)))
	})
	if users == nil {
		users = []User{}
	}
	return users, nil
}

// ResolveUser turns what a person typed into the participants it may mean:
//   - a participant id as Graph writes it (LiteralParticipantID: an object
//     id, a phone number, a guest or ACS id) is returned as one User with
//     only ID set, without asking Graph;
//   - text with an '@' is a UPN, looked up with GetUser;
//   - anything else is the start of a display name (or UPN), searched with
//     FindUsers: one match or several, sorted by name.
//
// Nobody found is a *UserNotFoundError; a 403 is a *UserReadDeniedError.
func (c *Client) ResolveUser(ctx context.Context, text string) ([]User, error) {
	s, err := checkUserText(text)
	if err != nil {
		return nil, err
	}
	if id, ok := LiteralParticipantID(s); ok {
		return []User{{ID: id}}, nil
	}
	if strings.Contains(s, "@") {
		u, err := c.GetUser(ctx, s)
		if err != nil {
			return nil, err
		}
		return []User{*u}, nil
	}
	users, err := c.FindUsers(ctx, s, MaxUserMatches)
	if err != nil {
		return nil, err
	}
	if len(users) == 0 {
		return nil, &UserNotFoundError{Query: s, ByName: true}
	}
	return users, nil
}
