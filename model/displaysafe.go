package model

import (
	"encoding/json"
	"fmt"
	"reflect"
	"strings"
	"sync"
	"unicode/utf8"
)

// MaxDisplayRunes caps one string from Graph for display. Graph's longest
// honest values (user agent headers, failure reasons, trace routes) stay far
// below it; a megabyte display name does not reach the terminal whole.
const MaxDisplayRunes = 1024

// displayReplacement stands where a control, a bidi override or a byte that
// is not UTF-8 was, so the reader sees that something was there.
const displayReplacement = '\uFFFD'

// DisplaySafe returns s with everything that could drive a terminal taken
// out: C0 and C1 controls and DEL (ESC starts every escape sequence, and
// U+009B is an 8-bit CSI), the bidi embeddings, overrides and isolates
// U+202A–U+202E and U+2066–U+2069 (they reorder what the reader sees, the
// "Trojan Source" trick), and invalid UTF-8. Tab, newline and carriage
// return become spaces so one field stays on one line. The result holds at
// most MaxDisplayRunes runes, the last an ellipsis when it was cut. A safe
// string is returned as it is, without allocating.
func DisplaySafe(s string) string {
	if displaySafeAlready(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	runes := 0
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		if runes == MaxDisplayRunes-1 && i < len(s) {
			b.WriteRune('…')
			return b.String()
		}
		runes++
		switch {
		case r == utf8.RuneError && size == 1:
			b.WriteRune(displayReplacement)
		case r == '\t' || r == '\n' || r == '\r':
			b.WriteByte(' ')
		case unsafeRune(r):
			b.WriteRune(displayReplacement)
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// unsafeRune reports the runes DisplaySafe replaces.
func unsafeRune(r rune) bool {
	return r < 0x20 || (r >= 0x7f && r <= 0x9f) ||
		(r >= 0x202a && r <= 0x202e) || (r >= 0x2066 && r <= 0x2069)
}

// displaySafeAlready is DisplaySafe's fast path: short printable ASCII, or
// valid UTF-8 with no rune to replace, under the cap.
func displaySafeAlready(s string) bool {
	ascii := true
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < 0x20 || c == 0x7f {
			return false
		}
		if c >= 0x80 {
			ascii = false
		}
	}
	if ascii {
		return len(s) <= MaxDisplayRunes
	}
	if !utf8.ValidString(s) {
		return false
	}
	n := 0
	for _, r := range s {
		if unsafeRune(r) {
			return false
		}
		n++
	}
	return n <= MaxDisplayRunes
}

// MakeDisplaySafe applies DisplaySafe to every settable string reachable
// from v (a pointer): struct fields, slice and array elements, map values
// and pointees, however deep. It is the one boundary between Graph's text
// and the terminal: the client calls it on every decoded response, so a
// string field added to a model type later is covered without anyone
// remembering. Map keys are cleaned too. A json.RawMessage (Graph's own
// bytes, kept for JSON output) keeps its meaning: EscapeJSONText writes the
// runes DisplaySafe would replace as \u escapes, which decode to the same
// value; other byte slices are left alone.
func MakeDisplaySafe(v any) {
	rv := reflect.ValueOf(v)
	if rv.Kind() != reflect.Pointer || rv.IsNil() {
		return
	}
	makeSafe(rv.Elem())
}

func makeSafe(v reflect.Value) {
	switch v.Kind() {
	case reflect.String:
		if s := v.String(); v.CanSet() && !displaySafeAlready(s) {
			v.SetString(DisplaySafe(s))
		}
	case reflect.Pointer, reflect.Interface:
		if !v.IsNil() {
			elem := v.Elem()
			if v.Kind() == reflect.Interface && elem.Kind() != reflect.Pointer {
				// A value inside an interface cannot be set in place: copy,
				// clean and put back.
				c := reflect.New(elem.Type()).Elem()
				c.Set(elem)
				makeSafe(c)
				if v.CanSet() {
					v.Set(c)
				}
				return
			}
			makeSafe(elem)
		}
	case reflect.Struct:
		for _, i := range stringBearingFields(v.Type()) {
			makeSafe(v.Field(i))
		}
	case reflect.Slice:
		if v.Type() == rawMessageType {
			if raw := v.Bytes(); v.CanSet() && raw != nil {
				v.SetBytes(EscapeJSONText(raw))
			}
			return
		}
		if v.Type().Elem().Kind() == reflect.Uint8 {
			return
		}
		fallthrough
	case reflect.Array:
		if !mayHoldStrings(v.Type().Elem()) {
			return
		}
		for i := 0; i < v.Len(); i++ {
			makeSafe(v.Index(i))
		}
	case reflect.Map:
		if v.IsNil() || (!mayHoldStrings(v.Type().Elem()) && v.Type().Key().Kind() != reflect.String) {
			return
		}
		stringKeys := v.Type().Key().Kind() == reflect.String
		type entry struct{ key, value reflect.Value }
		var entries []entry
		iter := v.MapRange()
		for iter.Next() {
			c := reflect.New(v.Type().Elem()).Elem()
			c.Set(iter.Value())
			makeSafe(c)
			entries = append(entries, entry{iter.Key(), c})
		}
		// Keys are replaced after the walk: changing a map while ranging
		// over it may visit an entry twice.
		for _, e := range entries {
			k := e.key
			if stringKeys && !displaySafeAlready(k.String()) {
				v.SetMapIndex(k, reflect.Value{})
				clean := DisplaySafe(k.String())
				// Two keys that clean alike both stay: the later one takes
				// a marked name rather than overwrite the other's value.
				for v.MapIndex(reflect.ValueOf(clean).Convert(v.Type().Key())).IsValid() {
					clean += string(displayReplacement)
				}
				k = reflect.ValueOf(clean).Convert(v.Type().Key())
			}
			v.SetMapIndex(k, e.value)
		}
	}
}

// fieldCache maps a struct type to the indexes of its exported fields that
// may hold a string, so a 1,000-row page does not re-inspect the type per row.
var fieldCache sync.Map // reflect.Type -> []int

func stringBearingFields(t reflect.Type) []int {
	if f, ok := fieldCache.Load(t); ok {
		return f.([]int)
	}
	var idx []int
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		if f.IsExported() && mayHoldStrings(f.Type) {
			idx = append(idx, i)
		}
	}
	fieldCache.Store(t, idx)
	return idx
}

// mayHoldStrings reports whether a value of t can reach a settable string.
// It stops at recursion (a type that contains itself) by answering true.
func mayHoldStrings(t reflect.Type) bool {
	if v, ok := holdCache.Load(t); ok {
		return v.(bool)
	}
	v := mayHold(t, map[reflect.Type]bool{})
	holdCache.Store(t, v)
	return v
}

var holdCache sync.Map // reflect.Type -> bool

func mayHold(t reflect.Type, seen map[reflect.Type]bool) bool {
	if seen[t] {
		return true
	}
	seen[t] = true
	switch t.Kind() {
	case reflect.String, reflect.Interface:
		return true
	case reflect.Pointer, reflect.Array:
		return mayHold(t.Elem(), seen)
	case reflect.Slice:
		if t == rawMessageType {
			return true
		}
		return t.Elem().Kind() != reflect.Uint8 && mayHold(t.Elem(), seen)
	case reflect.Map:
		return t.Key().Kind() == reflect.String || mayHold(t.Elem(), seen)
	case reflect.Struct:
		for i := 0; i < t.NumField(); i++ {
			if f := t.Field(i); f.IsExported() && mayHold(f.Type, seen) {
				return true
			}
		}
	}
	return false
}

var rawMessageType = reflect.TypeOf(json.RawMessage(nil))

// EscapeJSONText returns JSON text with every rune DisplaySafe would
// replace (controls, DEL, C1 such as U+009B, an 8-bit CSI, and the bidi
// overrides and isolates) written as a \u escape, and invalid UTF-8 as
// \ufffd. encoding/json escapes C0 controls but leaves the others raw.
// Such runes can only stand inside JSON strings (JSON's structure is
// ASCII), where the escape means the same character: every JSON reader
// decodes the same value, and only what a terminal sees when the text is
// printed becomes inert. Text with nothing to escape is returned as it is,
// without a copy.
func EscapeJSONText(raw []byte) []byte {
	first := firstJSONEscape(raw)
	if first < 0 {
		return raw
	}
	out := append(make([]byte, 0, len(raw)+32), raw[:first]...)
	for i := first; i < len(raw); {
		r, size := utf8.DecodeRune(raw[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			out = append(out, `\ufffd`...)
		case r == '\t' || r == '\n' || r == '\r' || !unsafeRune(r):
			out = append(out, raw[i:i+size]...) // whitespace between tokens, or plain text
		default:
			const hex = "0123456789abcdef"
			out = append(out, '\\', 'u', hex[r>>12&0xf], hex[r>>8&0xf], hex[r>>4&0xf], hex[r&0xf])
		}
		i += size
	}
	return out
}

// firstJSONEscape is the index of the first byte EscapeJSONText rewrites,
// or -1. Most JSON is ASCII, so only a control, DEL or a non-ASCII byte is
// decoded and checked exactly; the length cap of DisplaySafe does not apply.
func firstJSONEscape(raw []byte) int {
	for i := 0; i < len(raw); i++ {
		c := raw[i]
		if c >= 0x20 && c < 0x7f || c == '\t' || c == '\n' || c == '\r' {
			continue
		}
		r, size := utf8.DecodeRune(raw[i:])
		if (r == utf8.RuneError && size == 1) || unsafeRune(r) {
			return i
		}
		i += size - 1
	}
	return -1
}

// FindTerminalHazard is DisplaySafe's check from the other side, for tests
// of whole rendered screens and outputs: the byte offset of the first thing
// a terminal would act on rather than print (ESC and every other C0 control
// but the newline, DEL, C1, a bidi override or isolate, invalid UTF-8) and
// what it is, or -1.
func FindTerminalHazard(s string) (int, string) {
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			return i, fmt.Sprintf("invalid UTF-8 byte %#x", s[i])
		case r == '\n':
		case unsafeRune(r):
			return i, fmt.Sprintf("control %U", r)
		}
		i += size
	}
	return -1, ""
}
