package graphclient

import (
	"errors"
	"fmt"
	"net/http"
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
// than a screen is no help, and the user can type more of the name. When
// more match, FindUsers says so (*TooManyUsersError) instead of returning
// some of them.
const MaxUserMatches = 25

// TooManyUsersError says more people's names start with the text given
// than a pick list holds. No list comes with it: Graph returns matches in
// no documented order, so any Limit of them would be an arbitrary cut that
// may leave out the one wanted.
type TooManyUsersError struct {
	// Query is the text as the user gave it.
	Query string
	// Limit is how many a pick list holds (MaxUserMatches, or less).
	Limit int
}

// Error says what to do, in the words the pick list and the scripted
// commands both use.
func (e *TooManyUsersError) Error() string {
	return fmt.Sprintf("more than %d match; type more of the name", e.Limit)
}

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

// UserNotFoundError says an id names no user (Graph's 404), that no user
// has the address given as UPN or mail, or that no user's name or UPN
// starts with the text given.
type UserNotFoundError struct {
	// Query is the text as the user gave it.
	Query string
	// ByName is true for a name search that matched nobody.
	ByName bool
	// Graph is the 404 for an id lookup; nil for an address (a $filter
	// that matched nobody is a 200) or a name search.
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
