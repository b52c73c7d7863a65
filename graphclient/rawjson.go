package graphclient

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/callscope/callscope/model"
)

// Graph's own bytes: scripted JSON output writes each object as Graph sent
// it (every property, null and unknown member), which the decoded structs
// cannot give back. The client keeps them only where asked: a record's
// Raw, and Page.RawValue from the *Raw list methods.

// keepRawValue is a getJSON hook that fills page.RawValue with the elements
// of the body's value array as sent. It runs after the body decoded into
// page, so both readings see the same elements.
func keepRawValue[T any](page *model.Page[T]) func([]byte) error {
	return func(body []byte) error {
		var raw struct {
			Value []json.RawMessage `json:"value"`
		}
		if err := json.Unmarshal(body, &raw); err != nil {
			return fmt.Errorf("read value as sent: %w", err)
		}
		if len(raw.Value) != len(page.Value) {
			return fmt.Errorf("value holds %d elements as sent but %d decoded", len(raw.Value), len(page.Value))
		}
		page.RawValue = raw.Value
		return nil
	}
}

// rawHook is keepRawValue(page) when raw, else no hook.
func rawHook[T any](raw bool, page *model.Page[T]) func([]byte) error {
	if !raw {
		return nil
	}
	return keepRawValue(page)
}

// member is one top-level member of a JSON object, by byte offsets into
// the object's text: the key's opening quote, and the value's first byte
// and the byte after its last.
type member struct {
	key                        string
	keyStart, valStart, valEnd int
}

// objectMembers lists the top-level members of the JSON object raw, in
// order.
func objectMembers(raw []byte) ([]member, error) {
	dec := json.NewDecoder(bytes.NewReader(raw))
	tok, err := dec.Token()
	if err != nil {
		return nil, err
	}
	if d, ok := tok.(json.Delim); !ok || d != '{' {
		return nil, errors.New("not a JSON object")
	}
	var ms []member
	for dec.More() {
		keyStart := skipJSONSeparators(raw, int(dec.InputOffset()))
		tok, err := dec.Token()
		if err != nil {
			return nil, err
		}
		key, ok := tok.(string)
		if !ok {
			return nil, errors.New("object key is not a string")
		}
		valStart := skipJSONSeparators(raw, int(dec.InputOffset()))
		var v json.RawMessage
		if err := dec.Decode(&v); err != nil {
			return nil, err
		}
		ms = append(ms, member{key: key, keyStart: keyStart, valStart: valStart, valEnd: int(dec.InputOffset())})
	}
	if _, err := dec.Token(); err != nil { // the closing brace
		return nil, err
	}
	return ms, nil
}

// skipJSONSeparators moves i past whitespace and the ',' and ':' that
// stand between tokens.
func skipJSONSeparators(raw []byte, i int) int {
	for i < len(raw) {
		switch raw[i] {
		case ' ', '\t', '\n', '\r', ',', ':':
			i++
		default:
			return i
		}
	}
	return i
}

// withSessions returns the record raw with its "sessions" array replaced by
// sessions (each as Graph sent it) and its sessions@odata.nextLink left
// out: the array is complete now, and a link saying otherwise would send a
// script after pages it already has. Every other byte is kept.
func withSessions(raw []byte, sessions []json.RawMessage) ([]byte, error) {
	return withArray(raw, "sessions", sessions)
}

// withArray returns the object raw with its member key set to an array of
// elems (each as Graph sent it), added at the end when raw has none, and
// its key@odata.nextLink left out, for the reason withSessions gives.
// Every other byte is kept.
func withArray(raw []byte, key string, elems []json.RawMessage) ([]byte, error) {
	ms, err := objectMembers(raw)
	if err != nil {
		return nil, fmt.Errorf("merge %s into the record: %w", key, err)
	}
	if len(ms) == 0 {
		return nil, fmt.Errorf("merge %s into the record: the record has no properties", key)
	}
	array := []byte{'['}
	for i, e := range elems {
		if i > 0 {
			array = append(array, ',')
		}
		array = append(array, e...)
	}
	array = append(array, ']')
	name, err := json.Marshal(key)
	if err != nil {
		return nil, fmt.Errorf("merge %s into the record: %w", key, err)
	}
	out := make([]byte, 0, len(raw)+len(array))
	out = append(out, raw[:ms[0].keyStart]...)
	written, replaced := 0, false
	for i, m := range ms {
		if m.key == key+"@odata.nextLink" {
			continue
		}
		if written > 0 {
			out = append(out, raw[ms[i-1].valEnd:m.keyStart]...) // the comma and the spacing before m
		}
		written++
		out = append(out, raw[m.keyStart:m.valStart]...)
		if m.key == key {
			out, replaced = append(out, array...), true
			continue
		}
		out = append(out, raw[m.valStart:m.valEnd]...)
	}
	if !replaced {
		if written > 0 {
			out = append(out, ',')
		}
		out = append(out, name...)
		out = append(out, ':')
		out = append(out, array...)
	}
	return append(out, raw[ms[len(ms)-1].valEnd:]...), nil
}
