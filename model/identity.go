package model

import (
	"bytes"
	"encoding/json"
	"strings"
)

// Identity is Graph's identity and its communications subtypes; one struct
// holds the union of their fields because @odata.type is often absent.
type Identity struct {
	ODataType         string `json:"@odata.type,omitempty"`
	ID                string `json:"id,omitempty"`
	DisplayName       string `json:"displayName,omitempty"`
	TenantID          string `json:"tenantId,omitempty"`
	UserPrincipalName string `json:"userPrincipalName,omitempty"`
	// Email is set on guest identities.
	Email string `json:"email,omitempty"`
	// AzureCommunicationServicesResourceID is set on ACS user identities.
	AzureCommunicationServicesResourceID string `json:"azureCommunicationServicesResourceId,omitempty"`
	ApplicationType                      string `json:"applicationType,omitempty"`
	Hidden                               *bool  `json:"hidden,omitempty"`
	IPAddress                            string `json:"ipAddress,omitempty"`
}

// IdentitySet is communicationsIdentitySet. Keys Graph sends that the struct
// has no field for (next year's additions, an "@odata.type" annotation) are
// kept in Extra so nothing sent is lost; the undocumented acsUser, spoolUser,
// acsApplicationInstance and spoolApplicationInstance have fields.
type IdentitySet struct {
	User                           *Identity `json:"user,omitempty"`
	Application                    *Identity `json:"application,omitempty"`
	Device                         *Identity `json:"device,omitempty"`
	ApplicationInstance            *Identity `json:"applicationInstance,omitempty"`
	AssertedIdentity               *Identity `json:"assertedIdentity,omitempty"`
	AzureCommunicationServicesUser *Identity `json:"azureCommunicationServicesUser,omitempty"`
	Encrypted                      *Identity `json:"encrypted,omitempty"`
	Guest                          *Identity `json:"guest,omitempty"`
	OnPremises                     *Identity `json:"onPremises,omitempty"`
	Phone                          *Identity `json:"phone,omitempty"`
	AcsUser                        *Identity `json:"acsUser,omitempty"`
	SpoolUser                      *Identity `json:"spoolUser,omitempty"`
	AcsApplicationInstance         *Identity `json:"acsApplicationInstance,omitempty"`
	SpoolApplicationInstance       *Identity `json:"spoolApplicationInstance,omitempty"`
	EndpointType                   string    `json:"endpointType,omitempty"`
	// Extra holds the keys the fields above do not take, verbatim.
	Extra map[string]json.RawMessage `json:"-"`
}

type identitySetFields IdentitySet

// identitySetKeys are the JSON names of IdentitySet's fields. encoding/json
// matches them case-insensitively, so a key is known if it equals one of
// them under bytes.EqualFold.
var identitySetKeys = [...]string{
	"user", "application", "device", "applicationInstance",
	"assertedIdentity", "azureCommunicationServicesUser", "encrypted",
	"guest", "onPremises", "phone", "acsUser", "spoolUser",
	"acsApplicationInstance", "spoolApplicationInstance", "endpointType",
}

// isIdentitySetKey reports whether the struct decodes key into a field.
func isIdentitySetKey(key []byte) bool {
	for _, k := range identitySetKeys {
		if string(key) == k {
			return true
		}
	}
	for _, k := range identitySetKeys {
		if len(key) >= len(k) && bytes.EqualFold(key, []byte(k)) {
			return true
		}
	}
	return false
}

// UnmarshalJSON decodes the known keys and keeps the rest in Extra. Most sets
// carry only known keys, so a cheap scan of the top-level keys decides
// whether the second, map-shaped decode is needed at all.
func (s *IdentitySet) UnmarshalJSON(b []byte) error {
	var f identitySetFields
	if err := json.Unmarshal(b, &f); err != nil {
		return err
	}
	if !onlyKnownKeys(b) {
		var all map[string]json.RawMessage
		if err := json.Unmarshal(b, &all); err != nil {
			return err
		}
		for k := range all {
			if isIdentitySetKey([]byte(k)) {
				delete(all, k)
			}
		}
		if len(all) > 0 {
			f.Extra = all
		}
	}
	*s = IdentitySet(f)
	return nil
}

// onlyKnownKeys reports whether every top-level key of the JSON value b is
// an IdentitySet field. b has passed json.Unmarshal, so it is valid JSON;
// anything the scan does not expect (an escaped key) answers false, which
// only costs the slow path.
func onlyKnownKeys(b []byte) bool {
	i := skipJSONSpace(b, 0)
	if i >= len(b) || b[i] != '{' {
		return true // null: no keys
	}
	i++
	for {
		i = skipJSONSpace(b, i)
		if i >= len(b) {
			return false
		}
		switch b[i] {
		case '}':
			return true
		case ',':
			i++
			continue
		case '"':
		default:
			return false
		}
		j := i + 1
		for j < len(b) && b[j] != '"' {
			if b[j] == '\\' {
				return false
			}
			j++
		}
		if j >= len(b) || !isIdentitySetKey(b[i+1:j]) {
			return false
		}
		i = skipJSONSpace(b, j+1)
		if i >= len(b) || b[i] != ':' {
			return false
		}
		if i = skipJSONValue(b, i+1); i < 0 {
			return false
		}
	}
}

// skipJSONSpace returns the index of the first non-space byte at or after i.
func skipJSONSpace(b []byte, i int) int {
	for i < len(b) && (b[i] == ' ' || b[i] == '\t' || b[i] == '\n' || b[i] == '\r') {
		i++
	}
	return i
}

// skipJSONValue skips one member value starting at i and returns the index
// of the ',' or '}' that ends it, or -1 if b ends first.
func skipJSONValue(b []byte, i int) int {
	depth := 0
	for i < len(b) {
		switch b[i] {
		case '"':
			for i++; i < len(b) && b[i] != '"'; i++ {
				if b[i] == '\\' {
					i++
				}
			}
		case '{', '[':
			depth++
		case ']':
			depth--
		case '}':
			if depth == 0 {
				return i
			}
			depth--
		case ',':
			if depth == 0 {
				return i
			}
		}
		i++
	}
	return -1
}

// MarshalJSON writes the known keys and Extra back.
func (s IdentitySet) MarshalJSON() ([]byte, error) {
	b, err := json.Marshal(identitySetFields(s))
	if err != nil || len(s.Extra) == 0 {
		return b, err
	}
	var all map[string]json.RawMessage
	if err := json.Unmarshal(b, &all); err != nil {
		return nil, err
	}
	for k, v := range s.Extra {
		if _, known := all[k]; !known {
			all[k] = v
		}
	}
	return json.Marshal(all)
}

// IdentityKind says which member of an identity set DisplayText chose.
type IdentityKind string

// Kinds of identity, in the order DisplayText prefers them.
const (
	KindUser        IdentityKind = "user"
	KindGuest       IdentityKind = "guest"
	KindPhone       IdentityKind = "phone"
	KindOnPremises  IdentityKind = "onPremises"
	KindAppInstance IdentityKind = "applicationInstance"
	KindApplication IdentityKind = "application"
	KindACSUser     IdentityKind = "acsUser"
	KindEncrypted   IdentityKind = "encrypted"
	KindDevice      IdentityKind = "device"
	KindAsserted    IdentityKind = "assertedIdentity"
	KindNone        IdentityKind = ""
)

// DisplayText picks the best text to show for an identity set: the first
// present member of user → guest → phone → onPremises → applicationInstance →
// application → ACS user → encrypted → acsUser/spoolUser → device →
// assertedIdentity, showing its display name, else its UPN, e-mail or id.
// A phone shows its number. Returns "" and KindNone for an empty set.
func (s *IdentitySet) DisplayText() (string, IdentityKind) {
	if s == nil {
		return "", KindNone
	}
	order := [...]struct {
		id   *Identity
		kind IdentityKind
	}{
		{s.User, KindUser}, {s.Guest, KindGuest}, {s.Phone, KindPhone},
		{s.OnPremises, KindOnPremises}, {s.ApplicationInstance, KindAppInstance},
		{s.Application, KindApplication}, {s.AzureCommunicationServicesUser, KindACSUser},
		{s.Encrypted, KindEncrypted}, {s.AcsUser, KindACSUser}, {s.SpoolUser, KindUser},
		{s.AcsApplicationInstance, KindAppInstance}, {s.SpoolApplicationInstance, KindAppInstance},
		{s.Device, KindDevice}, {s.AssertedIdentity, KindAsserted},
	}
	for _, o := range order {
		if o.id == nil {
			continue
		}
		if t := o.id.Text(o.kind); t != "" {
			return t, o.kind
		}
	}
	return "", KindNone
}

// Text is the identity's best single line for a given kind.
func (i *Identity) Text(kind IdentityKind) string {
	if i == nil {
		return ""
	}
	name := strings.TrimSpace(i.DisplayName)
	if kind == KindPhone {
		if name != "" && i.ID != "" && name != i.ID {
			return name + " " + i.ID
		}
		if i.ID != "" {
			return i.ID
		}
		return name
	}
	for _, v := range []string{name, i.UserPrincipalName, i.Email, i.ID} {
		if v != "" {
			return v
		}
	}
	return ""
}

// Participant is participant and organizer (participantBase): an id, the
// identity set and administrative units. For phone participants the id is
// the phone number.
type Participant struct {
	ID                      string                   `json:"id,omitempty"`
	Identity                *IdentitySet             `json:"identity,omitempty"`
	AdministrativeUnitInfos []AdministrativeUnitInfo `json:"administrativeUnitInfos,omitempty"`
}

// AdministrativeUnitInfo names an Entra administrative unit.
type AdministrativeUnitInfo struct {
	ID string `json:"id"`
}

// DisplayText shows the participant's identity, falling back to its id.
func (p *Participant) DisplayText() string {
	if p == nil {
		return ""
	}
	if t, _ := p.Identity.DisplayText(); t != "" {
		return t
	}
	return p.ID
}
