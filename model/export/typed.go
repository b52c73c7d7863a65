package export

import (
	"bytes"
	"encoding/json"
	"strconv"
	"time"

	"github.com/callscope/callscope/model"
)

// Kind is the JSON type of a column's cells in a Record.
type Kind uint8

// The cell kinds. A Number or Bool cell that is empty is null: a value
// nobody reported, never 0 or false.
const (
	Text   Kind = iota // a JSON string, "" kept as ""
	Number             // a JSON number; "" is null
	Bool               // true or false; "" is null
)

// Record is one row of a table with its own columns (the explorer's
// record and session exports): CSV writes Cells as they are, JSON an
// object keyed by Header in header order with each cell typed by Kinds.
type Record struct {
	Header []string
	Kinds  []Kind // by column; missing entries are Text
	Cells  []string
}

// RecordColumns is the CSV layout of Records under header.
func RecordColumns(header []string) Columns[Record] {
	return Columns[Record]{Header: header, Fill: func(r *Record, c []string) { copy(c, r.Cells) }}
}

// MarshalJSON writes the object in header order (a map would sort keys).
// A Number or Bool cell that does not parse as one stays a string, so no
// cell is ever dropped or changed.
func (r Record) MarshalJSON() ([]byte, error) {
	var b bytes.Buffer
	b.WriteByte('{')
	for i, h := range r.Header {
		if i > 0 {
			b.WriteByte(',')
		}
		k, err := jsonText(h)
		if err != nil {
			return nil, err
		}
		b.Write(k)
		b.WriteByte(':')
		cell := ""
		if i < len(r.Cells) {
			cell = r.Cells[i]
		}
		kind := Text
		if i < len(r.Kinds) {
			kind = r.Kinds[i]
		}
		v, err := typedCell(cell, kind)
		if err != nil {
			return nil, err
		}
		b.Write(v)
	}
	b.WriteByte('}')
	return b.Bytes(), nil
}

// typedCell is cell as JSON of kind.
func typedCell(cell string, kind Kind) ([]byte, error) {
	switch kind {
	case Number:
		if cell == "" {
			return []byte("null"), nil
		}
		if _, err := strconv.ParseFloat(cell, 64); err == nil && json.Valid([]byte(cell)) {
			return []byte(cell), nil
		}
	case Bool:
		if cell == "" {
			return []byte("null"), nil
		}
		if cell == "true" || cell == "false" {
			return []byte(cell), nil
		}
	}
	return jsonText(cell)
}

// jsonText is s as a JSON string without HTML escapes, as RowWriter
// writes text (<, > and & stay readable for jq users).
func jsonText(s string) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(s); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(b.Bytes(), []byte("\n")), nil
}

// CallSummary is a call record as a list holds it (the explorer's calls
// list keeps these fields only and fetches a record whole when opened).
// Its JSON uses Graph's names and types for the fields it has, so it
// reads like `callscope calls --output json` with fewer members; two
// differ, both documented on the fields.
type CallSummary struct {
	ID         string     `json:"id"`
	Type       string     `json:"type,omitempty"`
	Modalities []string   `json:"modalities,omitempty"`
	Start      model.Time `json:"startDateTime"` // to the second: the list keeps Unix seconds
	// DurationSeconds is whole seconds, nil when unknown; it stands in for
	// endDateTime, which the list does not keep.
	DurationSeconds *int64 `json:"durationSeconds"`
	// OrganizerText is the organizer as the list shows it (display name,
	// else UPN or id); Graph's organizer_v2 is an object the list does not keep.
	OrganizerText string `json:"organizerText,omitempty"`
}

// CallSummaryColumns are CallColumns (same header, same cells) filled
// from a CallSummary; what a summary does not hold is an empty cell.
var CallSummaryColumns = Columns[CallSummary]{
	Header: CallColumns.Header,
	Fill: func(r *CallSummary, c []string) {
		var rec model.CallRecord
		rec.ID, rec.Type, rec.Modalities, rec.StartDateTime = r.ID, r.Type, r.Modalities, r.Start
		CallColumns.Fill(&rec, c)
		if r.DurationSeconds != nil {
			c[6] = seconds(time.Duration(*r.DurationSeconds) * time.Second)
		}
		c[7] = r.OrganizerText
	},
}
