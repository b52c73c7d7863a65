package redact

import (
	"bytes"
	"encoding/json"
	"errors"
	"slices"
	"strings"

	"github.com/callscope/callscope/model"
)

// The Raw walkers mask JSON as Graph sent it (a record's or a log row's
// own bytes, which scripted output writes instead of the decoded struct).
// They mask exactly the string values the struct walkers of walk.go mask,
// with the same functions, and keep every other byte: key order, nulls,
// unknown properties and spacing stay as sent. Keys match as encoding/json
// matches them to the struct fields, without regard to case.

// RawCallRecord masks a call record as Graph sent it, as CallRecord masks
// the decoded record: the organizer, the participants and every session's
// and segment's caller and callee. JSON that is not valid is an error, not
// passed on.
func RawCallRecord(raw json.RawMessage) (json.RawMessage, error) {
	return maskRaw(raw, (*rawWalk).record)
}

// RawDirectRoutingRow masks a directRoutingLogRow as Graph sent it, as
// DirectRoutingRow masks the decoded row.
func RawDirectRoutingRow(raw json.RawMessage) (json.RawMessage, error) {
	return maskRaw(raw, (*rawWalk).logRow)
}

// RawPstnRow masks a pstnCallLogRow as Graph sent it, as PstnRow masks the
// decoded row.
func RawPstnRow(raw json.RawMessage) (json.RawMessage, error) {
	return maskRaw(raw, (*rawWalk).logRow)
}

// maskRaw walks raw with shape and applies the edits it collects.
func maskRaw(raw json.RawMessage, shape func(*rawWalk, int)) (json.RawMessage, error) {
	if !json.Valid(raw) {
		return nil, errors.New("redact: not valid JSON")
	}
	w := &rawWalk{b: raw}
	shape(w, w.space(0))
	if len(w.edits) == 0 {
		return raw, nil
	}
	slices.SortFunc(w.edits, func(a, b rawEdit) int { return a.start - b.start })
	out := make([]byte, 0, len(raw))
	at := 0
	for _, e := range w.edits {
		out = append(append(out, raw[at:e.start]...), e.text...)
		at = e.end
	}
	return append(out, raw[at:]...), nil
}

// rawWalk collects the replacements of one JSON text, which is valid, so
// the scanning below checks nothing json.Valid has not.
type rawWalk struct {
	b     []byte
	edits []rawEdit
}

// rawEdit replaces b[start:end], a string value, with text.
type rawEdit struct {
	start, end int
	text       []byte
}

// record is a callRecord (CallRecord in walk.go).
func (w *rawWalk) record(v int) {
	w.members(v, func(k string, v int) {
		switch {
		case strings.EqualFold(k, "organizer"):
			w.identitySet(v)
		case strings.EqualFold(k, "participants"):
			w.elements(v, w.identitySet)
		case strings.EqualFold(k, "organizer_v2"):
			w.participant(v)
		case strings.EqualFold(k, "participants_v2"):
			w.elements(v, w.participant)
		case strings.EqualFold(k, "sessions"):
			w.elements(v, w.session)
		}
	})
}

// session is a session or a segment: its caller, its callee and, for a
// session, its segments.
func (w *rawWalk) session(v int) {
	w.members(v, func(k string, v int) {
		switch {
		case strings.EqualFold(k, "caller"), strings.EqualFold(k, "callee"):
			w.endpoint(v)
		case strings.EqualFold(k, "segments"):
			w.elements(v, w.session)
		}
	})
}

// participant is Participant in walk.go.
func (w *rawWalk) participant(v int) {
	w.members(v, func(k string, v int) {
		switch {
		case strings.EqualFold(k, "id"):
			w.mask(v, ID)
		case strings.EqualFold(k, "identity"):
			w.identitySet(v)
		}
	})
}

// endpoint is Endpoint in walk.go; whether it is a service's is read from
// the endpoint decoded, as the struct walker reads it.
func (w *rawWalk) endpoint(v int) {
	if w.b[v] != '{' {
		return
	}
	var e model.Endpoint
	service := json.Unmarshal(w.b[v:w.end(v)], &e) == nil && e.IsService()
	w.members(v, func(k string, v int) {
		switch {
		case strings.EqualFold(k, "associatedIdentity"):
			w.identity(v, false)
		case strings.EqualFold(k, "identity"):
			w.identitySet(v)
		case strings.EqualFold(k, "name") && !service:
			w.mask(v, Name)
		}
	})
}

// Identity-set members by what IdentitySet in walk.go does with them:
// people are masked whole, services keep their display names, and
// endpointType names no one. Any other member is masked by key name.
var (
	rawPersonMembers  = []string{"user", "guest", "phone", "onPremises", "azureCommunicationServicesUser", "encrypted", "acsUser", "spoolUser", "device", "assertedIdentity"}
	rawServiceMembers = []string{"application", "applicationInstance", "acsApplicationInstance", "spoolApplicationInstance"}
)

// identitySet is IdentitySet in walk.go.
func (w *rawWalk) identitySet(v int) {
	w.members(v, func(k string, v int) {
		switch {
		case foldIn(k, rawPersonMembers):
			w.identity(v, false)
		case foldIn(k, rawServiceMembers):
			w.identity(v, true)
		case strings.EqualFold(k, "endpointType"):
		default:
			w.byKey(v)
		}
	})
}

// identity is identity in walk.go; keepName leaves a service's name.
func (w *rawWalk) identity(v int, keepName bool) {
	w.members(v, func(k string, v int) {
		switch {
		case strings.EqualFold(k, "displayName") && !keepName:
			w.mask(v, Name)
		case strings.EqualFold(k, "userPrincipalName"), strings.EqualFold(k, "email"):
			w.mask(v, UPN)
		case strings.EqualFold(k, "id"):
			w.mask(v, ID)
		}
	})
}

// byKey is maskJSON in walk.go: string values under personal key names,
// at any depth.
func (w *rawWalk) byKey(v int) {
	switch w.b[v] {
	case '{':
		w.members(v, func(k string, v int) {
			if w.b[v] != '"' {
				w.byKey(v)
			} else if f := personalKeys[strings.ToLower(k)]; f != nil {
				w.mask(v, f)
			}
		})
	case '[':
		w.elements(v, w.byKey)
	}
}

// logRow is logRow in walk.go, for both log functions' rows.
func (w *rawWalk) logRow(v int) {
	w.members(v, func(k string, v int) {
		switch {
		case strings.EqualFold(k, "userPrincipalName"):
			w.mask(v, UPN)
		case strings.EqualFold(k, "userDisplayName"):
			w.mask(v, Name)
		case strings.EqualFold(k, "callerNumber"), strings.EqualFold(k, "calleeNumber"):
			w.mask(v, number)
		}
	})
}

func foldIn(k string, names []string) bool {
	return slices.ContainsFunc(names, func(n string) bool { return strings.EqualFold(k, n) })
}

// mask replaces the string value at v with f of it, when that differs; a
// value of another type (null) is left.
func (w *rawWalk) mask(v int, f func(string) string) {
	if w.b[v] != '"' {
		return
	}
	end := w.end(v)
	var s string
	if json.Unmarshal(w.b[v:end], &s) != nil {
		return
	}
	m := f(s)
	if m == s {
		return
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false) // as the output writers encode
	if enc.Encode(m) != nil {
		return
	}
	w.edits = append(w.edits, rawEdit{start: v, end: end, text: bytes.TrimSuffix(buf.Bytes(), []byte{'\n'})})
}

// members calls each with every key of the object at v and where its value
// starts; a value that is not an object has none.
func (w *rawWalk) members(v int, each func(key string, v int)) {
	if w.b[v] != '{' {
		return
	}
	i := w.space(v + 1)
	for w.b[i] != '}' {
		keyEnd := w.end(i)
		var key string
		_ = json.Unmarshal(w.b[i:keyEnd], &key)
		val := w.space(w.space(keyEnd) + 1) // past the colon
		each(key, val)
		i = w.space(w.end(val))
		if w.b[i] == ',' {
			i = w.space(i + 1)
		}
	}
}

// elements calls each with where every element of the array at v starts.
func (w *rawWalk) elements(v int, each func(v int)) {
	if w.b[v] != '[' {
		return
	}
	i := w.space(v + 1)
	for w.b[i] != ']' {
		each(i)
		i = w.space(w.end(i))
		if w.b[i] == ',' {
			i = w.space(i + 1)
		}
	}
}

// space skips JSON whitespace from i.
func (w *rawWalk) space(i int) int {
	for i < len(w.b) && (w.b[i] == ' ' || w.b[i] == '\t' || w.b[i] == '\n' || w.b[i] == '\r') {
		i++
	}
	return i
}

// end is the index just past the value that starts at v.
func (w *rawWalk) end(v int) int {
	switch w.b[v] {
	case '"':
		for i := v + 1; i < len(w.b); i++ {
			switch w.b[i] {
			case '\\':
				i++
			case '"':
				return i + 1
			}
		}
		return len(w.b)
	case '{', '[':
		depth := 0
		for i := v; i < len(w.b); i++ {
			switch w.b[i] {
			case '"':
				i = w.end(i) - 1
			case '{', '[':
				depth++
			case '}', ']':
				if depth--; depth == 0 {
					return i + 1
				}
			}
		}
		return len(w.b)
	}
	i := v
	for i < len(w.b) && !strings.ContainsRune(",}] \t\n\r", rune(w.b[i])) {
		i++
	}
	return i
}
