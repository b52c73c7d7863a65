package cli

import "github.com/callscope/callscope/graphclient"

// resolveOfflineParticipant turns --participant into the id stored calls
// are matched on, with no directory to ask: an object id or a phone
// number is taken as is; a name or an address needs Graph's directory,
// which --offline does not reach, so it is a usage error that says what
// does work.
func (p *person) resolveOfflineParticipant(cmd string) error {
	if p.participant == "" {
		return nil
	}
	id, ok := graphclient.LiteralParticipantID(p.participant)
	if !ok {
		return usagef(cmd, "--participant %q: --offline cannot look up names or addresses (that needs Graph's directory); give the user's object id or a phone number",
			shownParticipant(p.participant, false))
	}
	p.participant = id
	return nil
}
