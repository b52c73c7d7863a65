package fakegraph

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"slices"

	"github.com/callscope/callscope/model"
)

// Raw documents are records and log rows a test stores as Graph's JSON,
// for what the model types cannot express: explicit nulls where the fake
// would omit a property, empty strings and arrays, properties Graph adds
// later. The server sends them as stored, shaped by the same rules as
// every other response: a record is listed without its sessions and
// participants_v2, Get inlines at most 60 sessions and 130 participants,
// /sessions and /participants_v2 page them, $select keeps id and the
// selected properties, Prefer: omit-values=nulls drops null properties and
// productFamily azureCommunicationServices reads unknownFutureValue without
// Prefer: include-unknown-enum-members. Their decoded form is what
// filtering, ordering and the 30-day window read.

// rawRecord is a record stored as JSON: its own properties in order, and
// the elements of its two collections.
type rawRecord struct {
	head         []rawMember
	sessions     []json.RawMessage
	participants []json.RawMessage
}

// rawMember is one property of a JSON object, its value as written.
type rawMember struct {
	key string
	val json.RawMessage
}

// serverWritten are the record properties the server writes itself on
// each response (the context, and the expansions with their annotations),
// so a stored document's are not repeated.
var serverWritten = map[string]bool{
	"@odata.context": true, "sessions": true, "sessions@odata.context": true, "sessions@odata.nextLink": true,
	"participants_v2": true, "participants_v2@odata.nextLink": true,
}

// AddRawRecord adds a call record as Graph's JSON: the entity with its
// sessions (segments expanded) and participants_v2, as Get with both
// expansions would return it whole. A record with an existing id replaces
// it. A document that is not a JSON object, or that does not decode as a
// call record with an id, is refused.
func (t *Tenant) AddRawRecord(doc json.RawMessage) error {
	var rec model.CallRecord
	if err := json.Unmarshal(doc, &rec); err != nil {
		return fmt.Errorf("fakegraph: raw record: %w", err)
	}
	if rec.ID == "" {
		return errors.New("fakegraph: raw record: no id")
	}
	ms, err := rawMembers(doc)
	if err != nil {
		return fmt.Errorf("fakegraph: raw record %s: %w", rec.ID, err)
	}
	raw := &rawRecord{}
	for _, m := range ms {
		switch {
		case m.key == "sessions":
			raw.sessions, err = rawElements(m.val)
		case m.key == "participants_v2":
			raw.participants, err = rawElements(m.val)
		case !serverWritten[m.key]:
			raw.head = append(raw.head, m)
		}
		if err != nil {
			return fmt.Errorf("fakegraph: raw record %s: %s: %w", rec.ID, m.key, err)
		}
	}
	e := &recordEntry{
		head:   listHead(rec),
		detail: &staticDetail{parts: rec.ParticipantsV2, sess: rec.Sessions},
		raw:    raw,
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	t.putRecords([]*recordEntry{e})
	return nil
}

// AddRawDirectRoutingRows adds getDirectRoutingCalls rows as Graph's JSON,
// each sent as stored. A row's id names its document, so raw rows need ids
// no other row has.
func (t *Tenant) AddRawDirectRoutingRows(docs ...json.RawMessage) error {
	rows, err := decodeRawRows[model.DirectRoutingRow](docs, func(r *model.DirectRoutingRow) string { return r.ID })
	if err != nil {
		return fmt.Errorf("fakegraph: raw direct routing row: %w", err)
	}
	t.mu.Lock()
	t.rawDR = withRawRows(t.rawDR, docs, rows, func(r *model.DirectRoutingRow) string { return r.ID })
	t.mu.Unlock()
	t.AddDirectRoutingRows(rows...)
	return nil
}

// AddRawPstnRows adds getPstnCalls rows as Graph's JSON, as
// AddRawDirectRoutingRows does.
func (t *Tenant) AddRawPstnRows(docs ...json.RawMessage) error {
	rows, err := decodeRawRows[model.PstnRow](docs, func(r *model.PstnRow) string { return r.ID })
	if err != nil {
		return fmt.Errorf("fakegraph: raw pstn row: %w", err)
	}
	t.mu.Lock()
	t.rawPstn = withRawRows(t.rawPstn, docs, rows, func(r *model.PstnRow) string { return r.ID })
	t.mu.Unlock()
	t.AddPstnRows(rows...)
	return nil
}

// decodeRawRows decodes every document, each an object with an id.
func decodeRawRows[R any](docs []json.RawMessage, id func(*R) string) ([]R, error) {
	rows := make([]R, len(docs))
	for i, d := range docs {
		if _, err := rawMembers(d); err != nil {
			return nil, err
		}
		if err := json.Unmarshal(d, &rows[i]); err != nil {
			return nil, err
		}
		if id(&rows[i]) == "" {
			return nil, errors.New("no id")
		}
	}
	return rows, nil
}

// withRawRows is a copy of m with each document under its row's id: a
// page being served keeps the map it started with.
func withRawRows[R any](m map[string]json.RawMessage, docs []json.RawMessage, rows []R, id func(*R) string) map[string]json.RawMessage {
	out := maps.Clone(m)
	if out == nil {
		out = map[string]json.RawMessage{}
	}
	for i := range rows {
		out[id(&rows[i])] = bytes.Clone(docs[i])
	}
	return out
}

// rawRows is the stored documents of both logs at this moment; the maps
// are never changed afterwards.
func (t *Tenant) rawRows() (dr, pstn map[string]json.RawMessage) {
	t.mu.RLock()
	defer t.mu.RUnlock()
	return t.rawDR, t.rawPstn
}

// rawMembers splits a JSON object into its properties, in order.
func rawMembers(doc []byte) ([]rawMember, error) {
	dec := json.NewDecoder(bytes.NewReader(doc))
	if tok, err := dec.Token(); err != nil || tok != json.Delim('{') {
		return nil, errors.New("not a JSON object")
	}
	var ms []rawMember
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return nil, err
		}
		var v json.RawMessage
		if err := dec.Decode(&v); err != nil {
			return nil, err
		}
		ms = append(ms, rawMember{key: tok.(string), val: v})
	}
	if _, err := dec.Token(); err != nil {
		return nil, err
	}
	if _, err := dec.Token(); err == nil {
		return nil, errors.New("text after the object")
	}
	return ms, nil
}

// rawElements splits a JSON array into its elements; null is none.
func rawElements(doc json.RawMessage) ([]json.RawMessage, error) {
	var out []json.RawMessage
	if err := json.Unmarshal(doc, &out); err != nil {
		return nil, err
	}
	return out, nil
}

// rawForWire is a stored document as this request gets it: nulls dropped
// under Prefer: omit-values=nulls, evolvable enum members hidden without
// Prefer: include-unknown-enum-members, and the named top-level properties
// left out. With nothing to change it is the document itself.
func (c *call) rawForWire(doc json.RawMessage, without ...string) json.RawMessage {
	omit, hide := c.prefs.omitNulls, !c.prefs.includeUnknownEnums
	if !omit && !hide && len(without) == 0 {
		return doc
	}
	out, err := rewriteRaw(doc, omit, hide, without)
	if err != nil {
		return doc // stored documents were checked when added
	}
	return out
}

// rewriteRaw applies rawForWire's rules to doc and, recursively, to every
// object and array inside it.
func rewriteRaw(doc json.RawMessage, omitNulls, hideEnums bool, without []string) (json.RawMessage, error) {
	switch first := bytes.TrimLeft(doc, " \t\r\n"); {
	case len(first) > 0 && first[0] == '{':
		ms, err := rawMembers(doc)
		if err != nil {
			return nil, err
		}
		o := &object{}
		for _, m := range ms {
			if omitNulls && bytes.Equal(bytes.TrimSpace(m.val), jsonNull) || slices.Contains(without, m.key) {
				continue
			}
			v, err := rewriteRaw(m.val, omitNulls, hideEnums, nil)
			if err != nil {
				return nil, err
			}
			if hideEnums && m.key == "productFamily" && string(bytes.TrimSpace(v)) == `"`+acsProductFamily+`"` {
				v = json.RawMessage(`"` + unknownFutureValue + `"`)
			}
			o.set(m.key, v)
		}
		return o.MarshalJSON()
	case len(first) > 0 && first[0] == '[':
		elems, err := rawElements(doc)
		if err != nil {
			return nil, err
		}
		for i := range elems {
			if elems[i], err = rewriteRaw(elems[i], omitNulls, hideEnums, nil); err != nil {
				return nil, err
			}
		}
		return json.Marshal(elems)
	}
	return doc, nil
}

// rawRecordObject is recordObject for a stored document: its properties in
// stored order, or id and the selected ones in the order of the $select.
func (c *call) rawRecordObject(r *rawRecord, sel selection) *object {
	o := &object{}
	add := func(m rawMember) {
		if c.prefs.omitNulls && bytes.Equal(bytes.TrimSpace(m.val), jsonNull) {
			return
		}
		o.set(m.key, c.rawForWire(m.val))
	}
	if sel == nil {
		for _, m := range r.head {
			add(m)
		}
		return o
	}
	names := []string{"id"}
	for _, name := range sel {
		if name != "id" {
			names = append(names, name)
		}
	}
	for _, name := range names {
		if i := slices.IndexFunc(r.head, func(m rawMember) bool { return m.key == name }); i >= 0 {
			add(r.head[i])
		}
	}
	return o
}

// recordBody is the record's own properties: a stored document's as
// stored, else recordObject's.
func (c *call) recordBody(e *recordEntry, sel selection, entity bool) *object {
	if e.raw != nil {
		return c.rawRecordObject(e.raw, sel)
	}
	return c.recordObject(e.asOf(c.now), sel, entity)
}

// rawItems writes stored collection elements for the wire (rawForWire),
// keeping id and the $select properties when there is a $select.
func (c *call) rawItems(docs []json.RawMessage, sel selection, without []string) []any {
	out := make([]any, len(docs))
	for i, d := range docs {
		v := c.rawForWire(d, without...)
		if sel != nil {
			if ms, err := rawMembers(v); err == nil {
				out[i] = c.rawRecordObject(&rawRecord{head: ms}, sel)
				continue
			}
		}
		out[i] = v
	}
	return out
}
