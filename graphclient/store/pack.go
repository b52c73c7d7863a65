package store

import (
	"bytes"
	"fmt"
)

// Log rows are stored with their member names packed: a Direct Routing
// row as Graph sends it is about 770 bytes, half of them the same 21
// names on every row, and the issue asks for ≤ 1 KB per row in the file
// with the query columns and indexes. Packing replaces each `"name":` of
// a known name with one control byte. Valid JSON holds no raw control
// bytes (RFC 8259 §7: they are escaped inside strings, and only
// whitespace is allowed between tokens), so unpacking gives back Graph's
// bytes exactly; bytes that hold a code already are stored as they are.
// It costs a scan, where a compressor with a dictionary cost 30 µs a row.

// packedMark opens a packed value; JSON never starts with a NUL byte.
const packedMark = 0x00

// packCodes are the bytes that stand for names: the control bytes but
// NUL and JSON's whitespace (tab, line feed, carriage return).
var packCodes = []byte{0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0x0B, 0x0C,
	0x0E, 0x0F, 0x10, 0x11, 0x12, 0x13, 0x14, 0x15, 0x16, 0x17, 0x18, 0x19, 0x1A, 0x1B, 0x1C, 0x1D, 0x1E, 0x1F}

// packer packs one kind of row. Its names are frozen once stores hold
// them: a changed list needs a new id.
type packer struct {
	id     byte
	names  map[string]byte // name -> code
	expand [32][]byte      // code -> `"name":`
}

func newPacker(id byte, names ...string) *packer {
	if len(names) > len(packCodes) {
		panic("store: more names than pack codes")
	}
	p := &packer{id: id, names: map[string]byte{}}
	for i, n := range names {
		p.names[n] = packCodes[i]
		p.expand[packCodes[i]] = []byte(`"` + n + `":`)
	}
	return p
}

// The packers, by id. Names are Graph's, in the order of the resource
// pages ("directRoutingLogRow resource type", "pstnCallLogRow resource
// type", Microsoft Graph v1.0).
var (
	directPacker = newPacker(1, "id", "correlationId", "userId", "userPrincipalName", "userDisplayName",
		"startDateTime", "inviteDateTime", "failureDateTime", "endDateTime", "duration", "callType",
		"successfulCall", "callerNumber", "calleeNumber", "mediaPathLocation", "signalingLocation",
		"finalSipCode", "callEndSubReason", "finalSipCodePhrase", "trunkFullyQualifiedDomainName",
		"mediaBypassEnabled")
	pstnPacker = newPacker(2, "id", "callId", "userId", "userPrincipalName", "userDisplayName",
		"startDateTime", "endDateTime", "duration", "charge", "connectionCharge", "currency", "callType",
		"calleeNumber", "callerNumber", "destinationContext", "destinationName", "conferenceId",
		"licenseCapability", "inventoryType", "operator", "callDurationSource", "tenantCountryCode",
		"usageCountryCode")
	packers = map[byte]*packer{directPacker.id: directPacker, pstnPacker.id: pstnPacker}
)

// verbatim is the packer id of bytes stored as they are, after the mark:
// bytes that already hold a code (not valid JSON) cannot be packed.
const verbatim = 0

// pack appends raw, packed, to dst.
func (p *packer) pack(dst, raw []byte) []byte {
	for _, c := range raw {
		if c < 0x20 && c != '\t' && c != '\n' && c != '\r' {
			return append(append(dst, packedMark, verbatim), raw...)
		}
	}
	dst = append(dst, packedMark, p.id)
	for i := 0; i < len(raw); {
		q := bytes.IndexByte(raw[i:], '"')
		if q < 0 {
			return append(dst, raw[i:]...)
		}
		dst = append(dst, raw[i:i+q]...)
		i += q // at a quote
		end := bytes.IndexByte(raw[i+1:], '"')
		if end < 0 {
			return append(dst, raw[i:]...)
		}
		end += i + 1 // the next quote
		if end+1 < len(raw) && raw[end+1] == ':' {
			if code, ok := p.names[string(raw[i+1:end])]; ok {
				dst = append(dst, code)
				i = end + 2
				continue
			}
		}
		// Not a known name: keep the text up to the next quote, which may
		// open a name itself.
		dst = append(dst, raw[i:end]...)
		i = end
	}
	return dst
}

// unpack is the bytes b stood for: b itself unless packed.
func unpack(b []byte) ([]byte, error) {
	if len(b) == 0 || b[0] != packedMark {
		return b, nil
	}
	if len(b) >= 2 && b[1] == verbatim {
		return b[2:], nil
	}
	if len(b) < 2 || packers[b[1]] == nil {
		return nil, fmt.Errorf("stored row packed in an unknown form")
	}
	p := packers[b[1]]
	out := make([]byte, 0, len(b)*2)
	for _, c := range b[2:] {
		if c < 0x20 && p.expand[c] != nil {
			out = append(out, p.expand[c]...)
			continue
		}
		out = append(out, c)
	}
	return out, nil
}
