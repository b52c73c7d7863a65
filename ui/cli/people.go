package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/callscope/callscope/graphclient"
	"github.com/callscope/callscope/model/directive"
	"github.com/callscope/callscope/model/redact"
)

// participantLookupTimeout bounds the lookup of --participant, retries
// included.
const participantLookupTimeout = time.Minute

// person is --participant and who it turned out to be.
type person struct {
	// participant is the flag's text; after lookup, the id Graph filters
	// on ("" when several people fit).
	participant string
	name        string             // the one person's display name, after lookup
	pick        []graphclient.User // the people a name fits, when several do
}

func (p *person) flags(fs *flag.FlagSet) {
	fs.StringVar(&p.participant, "participant", "", "calls with the participant `ID`: a UPN, the start of a display name, an Entra object id or a +phone number")
}

// resolve reads --participant as the prompt's "user" reads it: trimmed,
// no control characters, and a filter Graph can be sent.
func (p *person) resolve(cmd string, now time.Time) error {
	if p.participant != "" {
		c, err := directive.Value(directive.User, p.participant, now)
		if err != nil {
			return usagef(cmd, "--participant: %v", err)
		}
		p.participant = c.Arg
	}
	if err := (graphclient.CallQuery{Participant: p.participant}).Validate(); err != nil {
		return usagef(cmd, "--participant: %v", err)
	}
	return nil
}

// resolveForScript turns --participant into the id Graph filters on,
// before anything is listed (lookup). A name that fits several people is
// a usage error listing them, since a script cannot pick; one that fits
// more than graphclient.MaxUserMatches is a usage error saying to type
// more of it. With masked (--redact) the names and UPNs in these messages
// are masked, ids not.
func (p *person) resolveForScript(ctx context.Context, c *graphclient.Client, cmd string, masked bool) error {
	text := p.participant
	if err := p.lookup(ctx, c, masked); err != nil {
		if graphclient.IsTooManyUsers(err) {
			return usagef(cmd, "%v", err)
		}
		return err
	}
	if len(p.pick) > 0 {
		return usagef(cmd, "%s", ambiguousPeople(shownParticipant(text, masked), p.pick, masked))
	}
	return nil
}

// lookup resolves --participant: an object id or phone number as is (in
// Graph's form), an address (a UPN, or a guest's mail) through a /users
// $filter, the start of a display name through a /users search. One
// person leaves their id in participant and their name in name; several
// leave participant empty and themselves in pick; more than a pick list
// holds is an error saying "more than 25 match; type more of the name". A
// missing User.Read.All permission says so and that an object id still
// works. The explorer calls it before the screen is taken over,
// so such an error is said on stderr, where it can be read; several people
// are no error there: the explorer opens unfiltered with them to pick from.
func (p *person) lookup(ctx context.Context, c *graphclient.Client, masked bool) error {
	text := p.participant
	if text == "" {
		return nil
	}
	if id, ok := graphclient.LiteralParticipantID(text); ok {
		p.participant = id
		return nil
	}
	ctx, cancel := context.WithTimeout(ctx, participantLookupTimeout)
	defer cancel()
	users, err := c.ResolveUser(ctx, text)
	shown := shownParticipant(text, masked)
	var de *graphclient.UserReadDeniedError
	var nf *graphclient.UserNotFoundError
	var tm *graphclient.TooManyUsersError
	switch {
	case errors.As(err, &de):
		return fmt.Errorf("--participant %s: %w", shown, de)
	case errors.As(err, &tm):
		return fmt.Errorf("--participant %q: %w", shown, tm)
	case errors.As(err, &nf):
		shownNF := *nf
		shownNF.Query = shown
		return fmt.Errorf("--participant: %w", &shownNF)
	case err != nil:
		return fmt.Errorf("--participant %s: %w", shown, err)
	case len(users) > 1:
		p.participant, p.pick = "", users
		return nil
	}
	p.participant, p.name = users[0].ID, users[0].Name()
	return nil
}

// shownParticipant is text as messages show it: masked with --redact.
func shownParticipant(text string, masked bool) string {
	if masked {
		return redact.Name(text)
	}
	return text
}

// ambiguousPeople lists the people a name fits, one a line, with what
// tells them apart and what to give instead; masked hides names and UPNs.
// users is every match: more than graphclient.MaxUserMatches never come
// back as a list (lookup).
func ambiguousPeople(text string, users []graphclient.User, masked bool) string {
	var b strings.Builder
	fmt.Fprintf(&b, "--participant %q fits %d people; give one's UPN or object id:\n", text, len(users))
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
