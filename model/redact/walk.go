package redact

import (
	"encoding/json"
	"strings"

	"github.com/callscope/callscope/model"
)

// The walkers mask a value in place. They are meant for the moment rows
// arrive (a page, a record), before anything else sees them, so the screen
// and every export built from the rows are masked alike.

// CallRecord masks the organizer, the participants (both the deprecated
// lists and the _v2 ones) and every session's and segment's caller and
// callee: associated identities, identity sets and participant endpoint
// names.
func CallRecord(r *model.CallRecord) {
	if r == nil {
		return
	}
	// Graph's own bytes are masked alike; bytes that cannot be masked are
	// dropped rather than shown. Masking twice changes nothing.
	if r.Raw != nil {
		if masked, err := RawCallRecord(r.Raw); err == nil {
			r.Raw = masked
		} else {
			r.Raw = nil
		}
	}
	IdentitySet(r.Organizer)
	for i := range r.Participants {
		IdentitySet(&r.Participants[i])
	}
	Participant(r.OrganizerV2)
	for i := range r.ParticipantsV2 {
		Participant(&r.ParticipantsV2[i])
	}
	for i := range r.Sessions {
		s := &r.Sessions[i]
		Endpoint(s.Caller)
		Endpoint(s.Callee)
		for j := range s.Segments {
			Endpoint(s.Segments[j].Caller)
			Endpoint(s.Segments[j].Callee)
		}
	}
}

// Participant masks a participant's id when it is a phone number or an
// address (object ids stay) and its identity set.
func Participant(p *model.Participant) {
	if p == nil {
		return
	}
	p.ID = ID(p.ID)
	IdentitySet(p.Identity)
}

// Endpoint masks a session or segment end: its associated identity, its
// (deprecated) identity set and, for a participant endpoint, its name,
// which is often the user's device ("Anette's iPhone"). A service
// endpoint's name is the service's and stays.
func Endpoint(e *model.Endpoint) {
	if e == nil {
		return
	}
	identity(e.AssociatedIdentity, false)
	IdentitySet(e.Identity)
	if !e.IsService() {
		e.Name = Name(e.Name)
	}
}

// IdentitySet masks every member. Applications and application instances
// (bots, auto attendants, call queues) keep their display names, which
// name a service rather than a person; their addresses and numbers are
// masked all the same. Members Graph sent that the model has no field for
// are masked by key name (see maskJSON).
func IdentitySet(s *model.IdentitySet) {
	if s == nil {
		return
	}
	for _, id := range []*model.Identity{s.User, s.Guest, s.Phone, s.OnPremises,
		s.AzureCommunicationServicesUser, s.Encrypted, s.AcsUser, s.SpoolUser,
		s.Device, s.AssertedIdentity} {
		identity(id, false)
	}
	for _, id := range []*model.Identity{s.Application, s.ApplicationInstance,
		s.AcsApplicationInstance, s.SpoolApplicationInstance} {
		identity(id, true)
	}
	for k, v := range s.Extra {
		s.Extra[k] = maskJSON(v)
	}
}

// identity masks one identity; keepName leaves a service's display name.
func identity(i *model.Identity, keepName bool) {
	if i == nil {
		return
	}
	if !keepName {
		i.DisplayName = Name(i.DisplayName)
	}
	i.UserPrincipalName = UPN(i.UserPrincipalName)
	i.Email = UPN(i.Email)
	i.ID = ID(i.ID)
}

// DirectRoutingRow masks the user's name and UPN and both numbers.
func DirectRoutingRow(r *model.DirectRoutingRow) {
	if r == nil {
		return
	}
	logRow(&r.UserPrincipalName, &r.UserDisplayName, &r.CallerNumber, &r.CalleeNumber)
}

// PstnRow masks the user's name and UPN and both numbers.
func PstnRow(r *model.PstnRow) {
	if r == nil {
		return
	}
	logRow(&r.UserPrincipalName, &r.UserDisplayName, &r.CallerNumber, &r.CalleeNumber)
}

// logRow masks the fields of a log row that name a person.
func logRow(upn, name, caller, callee *string) {
	*upn, *name = UPN(*upn), Name(*name)
	*caller, *callee = number(*caller), number(*callee)
}

// number masks a caller or callee field: a phone number or SIP URI as a
// number, anything else ("Anonymous", a name) as a name.
func number(s string) string {
	if looksLikePhone(s) {
		return Phone(s)
	}
	return Name(s)
}

// personalKeys are the JSON property names whose string values maskJSON
// hides, lower-cased.
var personalKeys = map[string]func(string) string{
	"displayname": Name, "userprincipalname": UPN, "email": UPN, "mail": UPN,
	"id": ID, "phonenumber": number, "number": number,
}

// maskJSON masks an identity member the model does not know (a member Graph
// adds later): string values under personal key names are masked, at any
// depth. JSON that does not parse is dropped (null) rather than shown.
func maskJSON(raw json.RawMessage) json.RawMessage {
	var v any
	if err := json.Unmarshal(raw, &v); err != nil {
		return json.RawMessage("null")
	}
	v = maskValue(v)
	out, err := json.Marshal(v)
	if err != nil {
		return json.RawMessage("null")
	}
	return out
}

func maskValue(v any) any {
	switch t := v.(type) {
	case map[string]any:
		for k, e := range t {
			if s, ok := e.(string); ok {
				if f := personalKeys[strings.ToLower(k)]; f != nil {
					t[k] = f(s)
				}
				continue
			}
			t[k] = maskValue(e)
		}
	case []any:
		for i := range t {
			t[i] = maskValue(t[i])
		}
	}
	return v
}
