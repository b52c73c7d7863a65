package store

import (
	"bytes"
	"testing"
)

func TestPackGivesBackGraphsBytes(t *testing.T) {
	doc := firstValue(t, fixture(t, "direct-routing.json"))
	cases := map[string][]byte{
		"documented row":       doc,
		"pretty printed":       []byte("{\n\t\"id\": \"a\",\r\n  \"duration\" : null}"),
		"name inside a string": []byte(`{"userDisplayName":"say \"id\":1","callType":"\"callType\":"}`),
		"unknown member":       []byte(`{"newThing":{"id":"x"},"id":"y"}`),
		"cut short":            []byte(`{"id":"unterminated`),
		"not JSON":             []byte("\x01\x02 holds codes"),
		"starts with NUL":      []byte("\x00\x01"),
		"empty":                {},
	}
	for name, raw := range cases {
		packed := directPacker.pack(nil, raw)
		got, err := unpack(packed)
		if err != nil || !bytes.Equal(got, raw) {
			t.Errorf("%s: unpack(pack(x)) = %q, %v; want %q", name, got, err, raw)
		}
	}
	if packed := directPacker.pack(nil, doc); len(packed) > len(doc)*6/10 {
		t.Errorf("documented row packs to %d bytes of %d", len(packed), len(doc))
	}
	if _, err := unpack([]byte{packedMark, 99, 'x'}); err == nil {
		t.Error("an unknown packing was read")
	}
}

func FuzzPack(f *testing.F) {
	f.Add([]byte(`{"id":"a","callType":"b"}`))
	f.Add([]byte(`{"id":"\"id\":"}`))
	f.Fuzz(func(t *testing.T, raw []byte) {
		got, err := unpack(pstnPacker.pack(nil, raw))
		if err != nil || !bytes.Equal(got, raw) {
			t.Fatalf("unpack(pack(%q)) = %q, %v", raw, got, err)
		}
	})
}
