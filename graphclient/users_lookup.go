package graphclient

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/callscope/callscope/model"
)

// odataString is s as an OData string literal: in single quotes, each
// quote inside doubled, as OData escapes it.
func odataString(s string) string {
	return "'" + strings.ReplaceAll(s, "'", "''") + "'"
}

// GetUser looks one user up by object id or by address. An object id (a
// GUID: hex digits and dashes, safe in a path) is GET /users/{id}. Anything
// else is an address, never put in the path: a UPN starting with '$' is a
// 400 there ("Get user", ms.date 2024-12-23: "the GET request URL syntax
// `/users/$x@y.com` fails with a `400 Bad Request` error code"), and ones
// with a quote fail as path keys in other SDKs' issue threads. It is found
// with $filter=userPrincipalName eq '…', then, for a guest known by its
// home address (its UPN is "…#EXT#@tenant"), mail eq '…'.
//
// Nobody is a *UserNotFoundError and a 403 a *UserReadDeniedError; an
// address two users share (mail is not unique) is an error naming how many.
func (c *Client) GetUser(ctx context.Context, upnOrID string) (*User, error) {
	s, err := checkUserText(upnOrID)
	if err != nil {
		return nil, err
	}
	if model.IsGUID(s) {
		var u User
		if err := c.getJSON(ctx, c.endpoint("/users/"+url.PathEscape(s), "$select="+queryEscape(userSelect)), "", &u, nil); err != nil {
			return nil, fmt.Errorf("look up user %s: %w", s, userError(err, s))
		}
		return &u, nil
	}
	users, err := c.usersByAddress(ctx, s)
	if err != nil {
		return nil, err
	}
	if len(users) > 1 {
		return nil, fmt.Errorf("look up user %s: %d directory users have that address; give an object id", s, len(users))
	}
	return &users[0], nil
}

// usersByAddress finds the users whose UPN is addr, else those whose mail
// is: one request when the UPN matches, two when it does not. Matching
// ignores case (the directory's). The result is sorted by name and never
// empty: nobody is a *UserNotFoundError.
func (c *Client) usersByAddress(ctx context.Context, addr string) ([]User, error) {
	// "mail" second: a member's mail is usually its UPN, so the first
	// request answers; a guest's UPN is made of its mail and is never typed.
	for _, prop := range []string{"userPrincipalName", "mail"} {
		// Two are enough to tell one user from several.
		users, _, err := c.listUsers(ctx, prop+" eq "+odataString(addr), 2)
		if err != nil {
			return nil, fmt.Errorf("look up user %s: %w", addr, userError(err, addr))
		}
		if len(users) > 0 {
			sortUsers(users)
			return users, nil
		}
	}
	return nil, &UserNotFoundError{Query: addr}
}

// listUsers reads /users?$filter=filter until it holds want users or the
// pages end, following nextLinks (checked as every nextLink is) for at
// most want pages: a page may hold fewer than $top, but each non-empty one
// holds at least one. more reports a nextLink left unread, so a caller
// asking for one more than it shows knows some were left out.
func (c *Client) listUsers(ctx context.Context, filter string, want int) (users []User, more bool, err error) {
	first := c.endpoint("/users", "$filter="+queryEscape(filter)+"&$select="+queryEscape(userSelect)+"&$top="+strconv.Itoa(want))
	var ch chainLinks
	next := ""
	for range want {
		u, err := c.pageURL(first, next)
		if err != nil {
			return nil, false, err
		}
		if err := ch.visit(u); err != nil {
			return nil, false, err
		}
		var page struct {
			Value    []User `json:"value"`
			NextLink string `json:"@odata.nextLink"`
		}
		if err := c.getJSON(ctx, u, "", &page, nil); err != nil {
			return nil, false, err
		}
		users = append(users, page.Value...)
		next = page.NextLink
		if next == "" || len(users) >= want {
			break
		}
	}
	return users, next != "", nil
}

// sortUsers orders a pick list by display name, then UPN, ignoring case.
func sortUsers(users []User) {
	slices.SortStableFunc(users, func(a, b User) int {
		return cmp.Or(cmp.Compare(strings.ToLower(a.DisplayName), strings.ToLower(b.DisplayName)),
			cmp.Compare(strings.ToLower(a.UserPrincipalName), strings.ToLower(b.UserPrincipalName)))
	})
}

// FindUsers returns the users (at most limit, which is at most
// MaxUserMatches; 0 means that many) whose display name starts with
// prefix, or, when prefix has no space and so could be the start of one,
// whose UPN does. Directory string matching is case-insensitive. It asks
// Graph for one more than limit ($top) and follows nextLinks until it has
// them: more than limit matching is a *TooManyUsersError, never a list cut
// short. The result is sorted by name for a pick list; none is an empty
// slice, not an error.
func (c *Client) FindUsers(ctx context.Context, prefix string, limit int) ([]User, error) {
	s, err := checkUserText(prefix)
	if err != nil {
		return nil, err
	}
	if limit <= 0 || limit > MaxUserMatches {
		limit = MaxUserMatches
	}
	lit := odataString(s)
	filter := "startswith(displayName," + lit + ")"
	if !strings.ContainsRune(s, ' ') {
		filter += " or startswith(userPrincipalName," + lit + ")"
	}
	users, more, err := c.listUsers(ctx, filter, limit+1)
	if err != nil {
		return nil, fmt.Errorf("find users named %q: %w", s, userError(err, s))
	}
	if more || len(users) > limit {
		return nil, &TooManyUsersError{Query: s, Limit: limit}
	}
	sortUsers(users)
	if users == nil {
		users = []User{}
	}
	return users, nil
}

// ResolveUser turns what a person typed into the participants it may mean:
//   - a participant id as Graph writes it (LiteralParticipantID: an object
//     id, a phone number, a guest or ACS id) is returned as one User with
//     only ID set, without asking Graph;
//   - text with an '@' is an address: a UPN, or a guest's mail (GetUser
//     says how each is looked up); several users sharing a mail all come
//     back, to pick from;
//   - anything else is the start of a display name (or UPN), searched with
//     FindUsers: one match or several, sorted by name.
//
// Nobody found is a *UserNotFoundError, more than MaxUserMatches a
// *TooManyUsersError and a 403 a *UserReadDeniedError.
func (c *Client) ResolveUser(ctx context.Context, text string) ([]User, error) {
	s, err := checkUserText(text)
	if err != nil {
		return nil, err
	}
	if id, ok := LiteralParticipantID(s); ok {
		return []User{{ID: id}}, nil
	}
	if strings.Contains(s, "@") {
		return c.usersByAddress(ctx, s)
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

// IsTooManyUsers reports a name search that more people match than a pick
// list holds.
func IsTooManyUsers(err error) bool {
	var tm *TooManyUsersError
	return errors.As(err, &tm)
}
