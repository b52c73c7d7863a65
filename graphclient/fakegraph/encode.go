package fakegraph

import (
	"bytes"
	"encoding/json"
	"slices"
	"strings"

	"github.com/callscope/callscope/model"
)

// object is a JSON object that keeps its key order, so responses read like
// Graph's (annotations next to the property they annotate).
type object struct {
	keys []string
	vals []any
}

func (o *object) set(k string, v any) {
	o.keys = append(o.keys, k)
	o.vals = append(o.vals, v)
}

// MarshalJSON writes the keys in insertion order.
func (o *object) MarshalJSON() ([]byte, error) {
	var b bytes.Buffer
	b.WriteByte('{')
	for i, k := range o.keys {
		if i > 0 {
			b.WriteByte(',')
		}
		kb, _ := json.Marshal(k)
		b.Write(kb)
		b.WriteByte(':')
		vb, err := json.Marshal(o.vals[i])
		if err != nil {
			return nil, err
		}
		b.Write(vb)
	}
	b.WriteByte('}')
	return b.Bytes(), nil
}

var jsonNull = json.RawMessage("null")

// selection is a parsed $select: nil means everything.
type selection []string

func (s selection) has(name string) bool { return s == nil || slices.Contains(s, name) }

// parseSelect splits a $select list and checks each name against the entity's
// properties, answering like the OData parser for unknown ones.
func parseSelect(raw, entity string, props []string) (selection, string) {
	if raw == "" || raw == "*" {
		return nil, ""
	}
	var sel selection
	for _, name := range strings.Split(raw, ",") {
		name = strings.TrimSpace(name)
		if name == "*" {
			return nil, ""
		}
		if !slices.Contains(props, name) {
			return nil, "Could not find a property named '" + name + "' on type '" + entity + "'."
		}
		sel = append(sel, name)
	}
	return sel, ""
}

// selectFields keeps id and the selected top-level properties of v.
func selectFields(v any, sel selection) (any, error) {
	if sel == nil {
		return v, nil
	}
	raw, err := json.Marshal(v)
	if err != nil {
		return nil, err
	}
	var all map[string]json.RawMessage
	if err := json.Unmarshal(raw, &all); err != nil {
		return nil, err
	}
	o := &object{}
	if id, ok := all["id"]; ok {
		o.set("id", id)
	}
	for _, k := range sel {
		if v, ok := all[k]; ok && k != "id" {
			o.set(k, v)
		}
	}
	return o, nil
}

// Keys of identity-set members Graph sends as explicit nulls: the list of
// participants_v2 shows all of these (list-participants.json), an organizer
// that is not a user shows the first three (list-callrecords.json).
var (
	participantNullKeys = []string{"acsUser", "spoolUser", "phone", "guest", "encrypted", "onPremises",
		"acsApplicationInstance", "spoolApplicationInstance", "applicationInstance", "application", "device", "user"}
	organizerNullKeys = []string{"user", "acsUser", "spoolUser"}
)

// identitySet copies in as Graph writes it: a phone identity with
// displayName and tenantId null, and the null siblings Graph sends unless
// the client asked for Prefer: omit-values=nulls.
func (c *call) identitySet(in *model.IdentitySet, nullKeys []string) *model.IdentitySet {
	if in == nil {
		return nil
	}
	out := *in
	extra := map[string]json.RawMessage{}
	for k, v := range in.Extra {
		if !c.prefs.omitNulls || !bytes.Equal(v, jsonNull) {
			extra[k] = v
		}
	}
	if out.Phone != nil && out.Phone.DisplayName == "" && out.Phone.TenantID == "" {
		extra["phone"] = c.phoneIdentity(out.Phone.ID)
		out.Phone = nil
	}
	if !c.prefs.omitNulls {
		present := identityMembers(&out)
		for _, k := range nullKeys {
			if _, ok := extra[k]; !ok && !present[k] {
				extra[k] = jsonNull
			}
		}
	}
	out.Extra = nil
	if len(extra) > 0 {
		out.Extra = extra
	}
	return &out
}

func (c *call) phoneIdentity(id string) json.RawMessage {
	idb, _ := json.Marshal(id)
	if c.prefs.omitNulls {
		return json.RawMessage(`{"id":` + string(idb) + `}`)
	}
	return json.RawMessage(`{"id":` + string(idb) + `,"displayName":null,"tenantId":null}`)
}

// identityMembers names the members of s that are set.
func identityMembers(s *model.IdentitySet) map[string]bool {
	m := map[string]bool{}
	for k, v := range map[string]*model.Identity{
		"user": s.User, "application": s.Application, "device": s.Device,
		"applicationInstance": s.ApplicationInstance, "assertedIdentity": s.AssertedIdentity,
		"azureCommunicationServicesUser": s.AzureCommunicationServicesUser, "encrypted": s.Encrypted,
		"guest": s.Guest, "onPremises": s.OnPremises, "phone": s.Phone, "acsUser": s.AcsUser,
		"spoolUser": s.SpoolUser, "acsApplicationInstance": s.AcsApplicationInstance,
		"spoolApplicationInstance": s.SpoolApplicationInstance,
	} {
		if v != nil {
			m[k] = true
		}
	}
	return m
}

func (c *call) participant(p *model.Participant, nullKeys []string) *model.Participant {
	if p == nil {
		return nil
	}
	out := *p
	out.Identity = c.identitySet(p.Identity, nullKeys)
	return &out
}

// Enum members declared after unknownFutureValue (graph-api.md §4.11).
const (
	acsProductFamily   = "azureCommunicationServices"
	unknownFutureValue = "unknownFutureValue"
)

// sessionsForWire copies sessions for encoding: without segments unless
// asked, and with evolvable enum members hidden unless the client sent
// Prefer: include-unknown-enum-members. Copies are shallow and
// copy-on-write, so stored records are never changed.
func (c *call) sessionsForWire(in []model.Session, withSegments bool) []model.Session {
	out := slices.Clone(in)
	hide := !c.prefs.includeUnknownEnums
	for i := range out {
		s := &out[i]
		if !withSegments {
			s.Segments = nil
		}
		if !hide {
			continue
		}
		s.Caller, s.Callee = hideEnums(s.Caller), hideEnums(s.Callee)
		if len(s.Segments) > 0 {
			s.Segments = slices.Clone(s.Segments)
			for j := range s.Segments {
				seg := &s.Segments[j]
				seg.Caller, seg.Callee = hideEnums(seg.Caller), hideEnums(seg.Callee)
			}
		}
	}
	return out
}

func hideEnums(e *model.Endpoint) *model.Endpoint {
	if e == nil || e.UserAgent == nil || e.UserAgent.ProductFamily != acsProductFamily {
		return e
	}
	cp, ua := *e, *e.UserAgent
	ua.ProductFamily = unknownFutureValue
	cp.UserAgent = &ua
	return &cp
}
