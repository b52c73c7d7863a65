// Package people turns what a user typed for a participant (an id, a
// phone number, a UPN or the start of a name) into a directory user, and
// holds the pick list shown when a name fits several people. The calls
// filter form and the ":user" prompt both use it.
package people

import (
	"context"
	"errors"
	"time"

	"github.com/callscope/callscope/graphclient"
	"github.com/callscope/callscope/model"
	"github.com/callscope/callscope/model/redact"
	"github.com/callscope/callscope/ui/common"
	tea "github.com/charmbracelet/bubbletea"
)

// ResolvedMsg answers Resolve (or a pick from
// NewPicker) for request RequestID. Exactly one of these is set: ID (with
// Display, what to call the person on screen) for one person; Candidates
// for several, sorted by name, to hand to NewPicker with the same
// RequestID; Err when nobody could be found or the lookup failed
// (ErrPickCancelled when the user left the pick list with esc).
type ResolvedMsg struct {
	RequestID   uint64
	ID, Display string
	Candidates  []graphclient.User
	Err         error
}

// ErrPickCancelled is the Err of a ResolvedMsg from a pick list
// the user left without choosing: the caller keeps what it had, silently.
var ErrPickCancelled = errors.New("no person picked")

// personResolveTimeout bounds one lookup, retries included: someone is
// waiting with the form open.
const personResolveTimeout = 30 * time.Second

// Resolve turns what the user typed for a participant into an id:
// an object id or phone number at once (no Graph call), an address (a UPN,
// or a guest's mail) through a /users $filter, the start of a name through
// a /users search; more than graphclient.MaxUserMatches people answer Err
// (*graphclient.TooManyUsersError), never a cut list. It
// captures the client and the redact setting, never the screen. With
// --redact, names, UPNs and mail come back masked (ids stay: they are
// what the filter needs and name no one).
func Resolve(c *common.Common, requestID uint64, text string) tea.Cmd {
	client, masked := c.Client, c.Redact
	return func() tea.Msg {
		if id, ok := graphclient.LiteralParticipantID(text); ok {
			d := id
			if masked {
				d = redact.ID(id)
			}
			return ResolvedMsg{RequestID: requestID, ID: id, Display: d}
		}
		ctx, cancel := context.WithTimeout(context.Background(), personResolveTimeout)
		defer cancel()
		users, err := client.ResolveUser(ctx, text)
		if masked {
			users = redactUsers(users)
		}
		switch {
		case err != nil:
			return ResolvedMsg{RequestID: requestID, Err: err}
		case len(users) == 1:
			return chosen(requestID, users[0])
		}
		return ResolvedMsg{RequestID: requestID, Candidates: users}
	}
}

// redactUsers returns masked copies of us (masking is idempotent, so
// users masked before are unharmed).
func redactUsers(us []graphclient.User) []graphclient.User {
	out := make([]graphclient.User, len(us))
	for i, u := range us {
		u.DisplayName, u.UserPrincipalName, u.Mail = redact.Name(u.DisplayName), redact.UPN(u.UserPrincipalName), redact.UPN(u.Mail)
		out[i] = u
	}
	return out
}

// chosen is the answer naming u.
func chosen(requestID uint64, u graphclient.User) ResolvedMsg {
	return ResolvedMsg{RequestID: requestID, ID: u.ID, Display: u.Name()}
}

// ErrorText is a lookup error in words for under a field: the typed
// error's own sentence (missing permission, no such user, "more than 25
// match; type more of the name") without the request wrapping around it.
// It is made display-safe because it quotes what was typed or pasted,
// which never crossed the decode boundary.
func ErrorText(err error) string {
	var de *graphclient.UserReadDeniedError
	var nf *graphclient.UserNotFoundError
	var tm *graphclient.TooManyUsersError
	switch {
	case errors.As(err, &de):
		return model.DisplaySafe(de.Error())
	case errors.As(err, &nf):
		return model.DisplaySafe(nf.Error())
	case errors.As(err, &tm):
		return model.DisplaySafe(tm.Error())
	}
	return model.DisplaySafe(err.Error())
}
