package main

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/callscope/callscope/graphclient"
	"github.com/callscope/callscope/model/redact"
)

// participantLookupTimeout bounds the lookup of --participant, retries
// included.
const participantLookupTimeout = time.Minute

// resolveParticipantFlag turns --participant into the id Graph filters on,
// before anything is listed (lookupParticipant). A name that fits several
// people is a usage error listing them, since a script cannot pick. With
// --redact the names and UPNs in these messages are masked, ids not.
func resolveParticipantFlag(ctx context.Context, c *graphclient.Client, o *options) error {
	text := o.participant
	if err := lookupParticipant(ctx, c, o); err != nil {
		return err
	}
	if len(o.participantPick) > 0 {
		return usagef(o.cmd, "%s", ambiguousPeople(shownParticipant(o, text), o.participantPick, o.conf.redact))
	}
	return nil
}

// lookupParticipant resolves --participant: an object id or phone number
// as is (in Graph's form), a UPN through GET /users/{upn}, the start of a
// display name through a /users search. One person leaves their id in
// o.participant and their name in o.participantName; several leave
// o.participant empty and themselves in o.participantPick. A missing
// User.Read.All permission says so and that an object id still works.
func lookupParticipant(ctx context.Context, c *graphclient.Client, o *options) error {
	text := o.participant
	if text == "" {
		return nil
	}
	if id, ok := graphclient.LiteralParticipantID(text); ok {
		o.participant = id
		return nil
	}
	ctx, cancel := context.WithTimeout(ctx, participantLookupTimeout)
	defer cancel()
	users, err := c.ResolveUser(ctx, text)
	shown := shownParticipant(o, text)
	var de *graphclient.UserReadDeniedError
	var nf *graphclient.UserNotFoundError
	switch {
	case errors.As(err, &de):
		return fmt.Errorf("--participant %s: %w", shown, de)
	case errors.As(err, &nf):
		shownNF := *nf
		shownNF.Query = shown
		return fmt.Errorf("--participant: %w", &shownNF)
	case err != nil:
		return fmt.Errorf("--participant %s: %w", shown, err)
	case len(users) > 1:
		o.participant, o.participantPick = "", users
		return nil
	}
	o.participant, o.participantName = users[0].ID, users[0].Name()
	return nil
}

// shownParticipant is text as messages show it: masked with --redact.
func shownParticipant(o *options, text string) string {
	if o.conf.redact {
		return redact.Name(text)
	}
	return text
}

// ambiguousPeople lists the people a name fits, one a line, with what
// tells them apart and what to give instead; masked hides names and UPNs.
func ambiguousPeople(text string, users []graphclient.User, masked bool) string {
	var b strings.Builder
	more := ""
	if len(users) >= graphclient.MaxUserMatches {
		more = " or more"
	}
	fmt.Fprintf(&b, "--participant %q fits %d%s people; give one's UPN or object id:\n", text, len(users), more)
	tw := tabwriter.NewWriter(&b, 0, 0, 2, ' ', 0)
	for _, u := range users {
		name, upn := u.Name(), u.UserPrincipalName
		if masked {
			name, upn = redact.Name(name), redact.UPN(upn)
		}
		fmt.Fprintf(tw, "  %s\t%s\t%s\n", cleanCell(name), cleanCell(upn), u.ID)
	}
	_ = tw.Flush()
	return strings.TrimRight(b.String(), "\n")
}

// cleanCell keeps a directory string on its line: Graph data may hold
// anything, and a terminal must not take it as control sequences.
func cleanCell(s string) string {
	return strings.Map(func(r rune) rune {
		if r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0) {
			return ' '
		}
		return r
	}, s)
}

// resolveStartParticipant resolves the explorer's --participant before the
// screen is taken over, so a missing permission or nobody found is said on
// stderr, where it can be read. A name that fits several people is no
// error here: the explorer opens unfiltered with them to pick from.
func resolveStartParticipant(ctx context.Context, c *graphclient.Client, o *options) error {
	return lookupParticipant(ctx, c, o)
}
