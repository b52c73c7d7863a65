package store

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/callscope/callscope/model"
)

// LogKey is a log row's identity in the store: its start and id, both
// fixed for the row's life.
type LogKey struct {
	Start time.Time
	ID    string
}

// knownChunk is how many keys one lookup carries (two parameters each,
// far below SQLite's limit).
const knownChunk = 256

// storedKey is a LogKey as the table keys it: the start in microseconds.
type storedKey struct {
	start int64
	id    string
}

// Known is a set of log rows the store holds.
type Known map[storedKey]bool

// Has reports whether the store held the row k when asked.
func (k Known) Has(key LogKey) bool { return k[storedKey{keyMicros(key.Start), key.ID}] }

// KnownLogRows reports which of keys the store already holds in kind's
// table (KindDirect or KindPstn): `direct --follow` prints only rows new to
// the store, so a restarted follow does not print a row twice.
func (s *Store) KnownLogRows(ctx context.Context, kind Kind, keys []LogKey) (Known, error) {
	if kind != KindDirect && kind != KindPstn {
		return nil, fmt.Errorf("store %s: known rows of %s: not a log kind", s.path, kind)
	}
	known := Known{}
	for at := 0; at < len(keys); at += knownChunk {
		chunk := keys[at:min(at+knownChunk, len(keys))]
		args := make([]any, 0, 2*len(chunk))
		for _, k := range chunk {
			args = append(args, keyMicros(k.Start), k.ID)
		}
		q := fmt.Sprintf(`SELECT start, id FROM %s WHERE (start, id) IN (VALUES %s)`, tables[kind],
			strings.TrimSuffix(strings.Repeat("(?, ?), ", len(chunk)), ", "))
		rows, err := s.db.QueryContext(ctx, q, args...)
		if err != nil {
			return nil, s.classify("read known rows", err)
		}
		for rows.Next() {
			var m int64
			var id string
			if err := rows.Scan(&m, &id); err != nil {
				rows.Close()
				return nil, s.classify("read known rows", err)
			}
			known[storedKey{m, id}] = true
		}
		err = rows.Err()
		rows.Close()
		if err != nil {
			return nil, s.classify("read known rows", err)
		}
	}
	return known, nil
}

// DirectKey is a Direct Routing row's LogKey.
func DirectKey(r *model.DirectRoutingRow) LogKey {
	return LogKey{Start: r.StartDateTime.Time, ID: r.ID}
}

// PstnKey is a PSTN row's LogKey.
func PstnKey(r *model.PstnRow) LogKey { return LogKey{Start: r.StartDateTime.Time, ID: r.ID} }
