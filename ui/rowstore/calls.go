package rowstore

import (
	"encoding/hex"
	"slices"
	"time"
	"unicode/utf8"
	"unsafe"

	"github.com/callscope/callscope/model"
	"github.com/callscope/callscope/ui/common"
)

// callRow is one call record as the list needs it: 40 bytes. The record
// screen fetches the full record by id, so nothing else is kept.
type callRow struct {
	start int64  // Unix seconds; 0 when Graph sent none
	dur   int32  // seconds; -1 unknown (no end, or an end before the start)
	org   uint32 // arena offset of the organizer text
	typ   uint16 // index into callRows.types
	mods  uint16 // index into callRows.mods
	orgN  uint8  // organizer text length in bytes
	flags uint8  // rowIDArena, rowIDLong
	// id holds a canonical lower-case GUID as 16 bytes; any other id lives
	// in the arena (offset in id[0:4], length in id[4]) or, past 255
	// bytes, in callRows.long (index in id[0:4]).
	id [16]byte
}

const (
	rowIDArena = 1 << iota
	rowIDLong
)

// Chunk sizes. Rows and text live in fixed-size chunks so an append never
// copies what is already loaded (a 1M-row slice copy would stall the UI for
// milliseconds); the newest chunk starts small and doubles, so a short list
// does not pay for a whole chunk.
const (
	rowChunk      = 4096
	firstRowChunk = 64
	arenaBits     = 16
	arenaChunk    = 1 << arenaBits
	firstArena    = 1024
	// maxOrgBytes bounds organizer text, which is display text only.
	maxOrganizerBytes = 255
	// orgDedupMax bounds the organizer dedup set: past it new organizers
	// are stored without dedup, so a tenant of all-distinct callers costs
	// the bytes of their text per row, and the set's last growth (a rehash
	// of 24k slots, about half a millisecond) stays well inside a frame.
	orgDedupMax = 1 << 15
	// overflowText stands for a type or modality set past 65,535 distinct ones.
	overflowText = "(other)"
)

// CallRows is the calls list's compact, append-only row store. Rows are
// never changed once appended; a reload or new filter makes a new store.
// That is what lets an export goroutine read a snapshot without locks.
type CallRows struct {
	n      int
	chunks [][]callRow
	arena  [][]byte
	orgs   textSet  // dedups organizer text in the arena
	long   []string // ids too long for the arena's length byte
	types  smallStrings
	mods   smallStrings
}

// NewCallRows returns an empty store.
func NewCallRows() *CallRows { return &CallRows{} }

// Len is the number of rows.
func (s *CallRows) Len() int { return s.n }

// Append adds a page of records in the order Graph served them.
func (s *CallRows) Append(recs []model.CallRecord) {
	for i := range recs {
		s.Add(&recs[i])
	}
}

// Add packs one record as a row.
func (s *CallRows) Add(r *model.CallRecord) {
	var row callRow
	if !r.StartDateTime.IsZero() {
		row.start = r.StartDateTime.Unix()
	}
	row.dur = -1
	if !r.StartDateTime.IsZero() && !r.EndDateTime.IsZero() {
		if d := r.EndDateTime.Sub(r.StartDateTime.Time); d >= 0 {
			row.dur = int32(min(d/time.Second, 1<<31-1))
		}
	}
	row.typ = s.types.intern(r.Type)
	row.mods = s.internMods(r.Modalities)
	org := cellText(r.OrganizerText(), maxOrganizerBytes)
	h := s.orgs.hash(org)
	if off, ok := s.orgs.find(s, org, h); ok {
		row.org = off
	} else {
		row.org = s.store(org)
		if s.orgs.n < orgDedupMax {
			s.orgs.insert(row.org, uint8(len(org)), h)
		}
	}
	row.orgN = uint8(len(org))
	switch {
	case parseGUID(r.ID, &row.id):
	case len(r.ID) <= 255:
		row.flags |= rowIDArena
		putU32(row.id[:], s.store(r.ID))
		row.id[4] = uint8(len(r.ID))
	default:
		row.flags |= rowIDLong
		putU32(row.id[:], uint32(len(s.long)))
		s.long = append(s.long, r.ID)
	}
	s.push(row)
}

// internMods interns the modalities joined with ", ", joining in a stack
// buffer so a page of known combinations allocates nothing.
func (s *CallRows) internMods(mods []string) uint16 {
	var buf [128]byte
	b := buf[:0]
	for i, m := range mods {
		if i > 0 {
			b = append(b, ", "...)
		}
		b = append(b, m...)
	}
	return s.mods.internBytes(b)
}

// push appends a row, growing only the newest chunk.
func (s *CallRows) push(row callRow) {
	last := len(s.chunks) - 1
	if last < 0 || len(s.chunks[last]) == rowChunk {
		s.chunks = append(s.chunks, make([]callRow, 0, firstRowChunk))
		last++
	}
	c := s.chunks[last]
	if len(c) == cap(c) {
		grown := make([]callRow, len(c), min(2*cap(c), rowChunk))
		copy(grown, c)
		c = grown
	}
	s.chunks[last] = append(c, row)
	s.n++
}

// store copies text into the arena and returns its offset. Text never
// spans two chunks, so the offset's high bits name the chunk.
func (s *CallRows) store(text string) uint32 {
	last := len(s.arena) - 1
	if last < 0 || len(s.arena[last])+len(text) > arenaChunk {
		s.arena = append(s.arena, make([]byte, 0, firstArena))
		last++
	}
	c := s.arena[last]
	if len(c)+len(text) > cap(c) {
		grown := make([]byte, len(c), min(max(2*cap(c), len(c)+len(text)), arenaChunk))
		copy(grown, c)
		c = grown
	}
	off := uint32(last)<<arenaBits | uint32(len(c))
	s.arena[last] = append(c, text...)
	return off
}

// text returns arena bytes as a string without copying: arena bytes are
// never written again once stored (chunks only grow into new arrays), so
// the string stays immutable, as Go requires.
func (s *CallRows) text(off uint32, n uint8) string {
	if n == 0 {
		return ""
	}
	c := s.arena[off>>arenaBits]
	o := int(off & (arenaChunk - 1))
	return unsafe.String(&c[o], int(n))
}

func (s *CallRows) row(i int) *callRow { return &s.chunks[i/rowChunk][i%rowChunk] }

// StartUnix is row i's start in Unix seconds (0: unknown).
func (s *CallRows) StartUnix(i int) int64 { return s.row(i).start }

// DurationSecs is row i's duration in seconds (-1: unknown).
func (s *CallRows) DurationSecs(i int) int64 { return int64(s.row(i).dur) }

// Type is row i's call type as Graph sent it.
func (s *CallRows) Type(i int) string { return s.types.get(s.row(i).typ) }

// Modalities is row i's modalities, comma separated, as Graph sent them.
func (s *CallRows) Modalities(i int) string { return s.mods.get(s.row(i).mods) }

// Organizer is row i's organizer display text.
func (s *CallRows) Organizer(i int) string {
	r := s.row(i)
	return s.text(r.org, r.orgN)
}

// ID is row i's call record id, exactly as Graph sent it.
func (s *CallRows) ID(i int) string {
	r := s.row(i)
	switch {
	case r.flags&rowIDArena != 0:
		return s.text(getU32(r.id[:]), r.id[4])
	case r.flags&rowIDLong != 0:
		return s.long[getU32(r.id[:])]
	}
	return FormatGUID(&r.id)
}

// ShortID is shortID(ID(i)), without building the whole id for a GUID.
func (s *CallRows) ShortID(i int) string {
	r := s.row(i)
	if r.flags != 0 {
		return common.ShortID(s.ID(i))
	}
	var out [8 + len("…")]byte
	hex.Encode(out[:8], r.id[:4])
	copy(out[8:], "…")
	return string(out[:])
}

// Snapshot is a read-only view of the rows loaded now, safe to read from
// another goroutine while this store keeps growing: it copies the chunk
// lists (not the chunks), and rows below Len are never written again.
func (s *CallRows) Snapshot() *CallRows {
	return &CallRows{
		n:      s.n,
		chunks: slices.Clone(s.chunks),
		arena:  slices.Clone(s.arena),
		long:   slices.Clone(s.long),
		types:  smallStrings{strs: slices.Clone(s.types.strs)},
		mods:   smallStrings{strs: slices.Clone(s.mods.strs)},
	}
}

// cellText makes text safe for one table cell with model.DisplaySafe, the
// one sanitiser (Graph's text already went through it as it was decoded;
// this store also takes records built elsewhere), and cuts it to at most
// limit bytes on a rune boundary, since the store keeps lengths in a byte.
func cellText(s string, limit int) string {
	s = model.DisplaySafe(s)
	if len(s) <= limit {
		return s
	}
	cut := limit
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return s[:cut]
}

// parseGUID reads a canonical lower-case GUID (so formatGUID gives back
// the same text) into b.
func parseGUID(s string, b *[16]byte) bool {
	if len(s) != 36 || s[8] != '-' || s[13] != '-' || s[18] != '-' || s[23] != '-' {
		return false
	}
	var h [32]byte
	j := 0
	for i := 0; i < 36; i++ {
		if i == 8 || i == 13 || i == 18 || i == 23 {
			continue
		}
		c := s[i]
		if (c < '0' || c > '9') && (c < 'a' || c > 'f') {
			return false
		}
		h[j] = c
		j++
	}
	_, err := hex.Decode(b[:], h[:])
	return err == nil
}

// FormatGUID is a GUID's 16 bytes in the canonical lower-case form.
func FormatGUID(b *[16]byte) string {
	var out [36]byte
	hex.Encode(out[0:8], b[0:4])
	out[8] = '-'
	hex.Encode(out[9:13], b[4:6])
	out[13] = '-'
	hex.Encode(out[14:18], b[6:8])
	out[18] = '-'
	hex.Encode(out[19:23], b[8:10])
	out[23] = '-'
	hex.Encode(out[24:36], b[10:16])
	return string(out[:])
}

func putU32(b []byte, v uint32) {
	b[0], b[1], b[2], b[3] = byte(v), byte(v>>8), byte(v>>16), byte(v>>24)
}

func getU32(b []byte) uint32 {
	return uint32(b[0]) | uint32(b[1])<<8 | uint32(b[2])<<16 | uint32(b[3])<<24
}
