package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"

	"github.com/callscope/callscope/graphclient"
	"github.com/callscope/callscope/model"
)

// The calls one participant took part in, read from the store as Graph's
// List callRecords answers $filter=participants_v2/any(p:p/id eq '<id>')
// ("List callRecords", Microsoft Graph v1.0, graph-api.md §1.1): a call
// is the participant's when an element of its participants_v2 has that
// id, compared exactly (OData's eq on strings is case-sensitive).
//
// Only stored bytes that carry participants_v2 can answer. Graph's list
// rows never do, and Get callRecord inlines them only with
// $expand=participants_v2 (graph-api.md §1.2), so a record stored with
// its sessions expanded names none: such a call is counted, never
// guessed at. A list of participants Graph truncated
// (participants_v2@odata.nextLink) settles that a listed id took part,
// not that a missing one did not.

// ParticipantPage is a page of the stored calls of a range that one
// participant took part in, and what the page could not judge.
type ParticipantPage struct {
	// Rows are the participant's calls, newest first, read as Calls
	// reads them.
	Rows []CallRow
	// Scanned is how many stored calls of the range the page looked at.
	Scanned int
	// NoRecord counts calls with neither a stored record nor a list of
	// participants in their list row: nothing stored says who took part.
	NoRecord int
	// NoParticipants counts calls whose stored record does not list its
	// participants (or lists only Graph's first page of them without the
	// id).
	NoParticipants int
	// Next is the cursor after the last call scanned, "" after the last
	// page. A page may hold no Rows and still have a Next.
	Next Cursor
}

// participantsQuery scans a page of calls; its arguments are whether the
// id is plainInJSON and the id twice, the range's, then the limit. cand says the id's bytes occur
// in the list row or the record (a necessary condition for the exact
// check, which reads the bytes of those rows only); the other flags say
// which of the two carries participants_v2, and whether truncated.
const participantsQuery = `SELECT id, version, modified, start, end, type, expanded, is_current, result, quality, quality_reason,
	list_parts, list_more, record_parts, record_more,
	CASE WHEN cand THEN craw END, CASE WHEN cand AND record_parts THEN rraw END, craw IS NOT NULL
FROM (SELECT c.id, c.version, c.modified, c.start, c.end, c.type, c.raw AS craw, r.raw AS rraw,
	r.id IS NOT NULL AS expanded,
	coalesce(r.version >= c.version AND coalesce(r.modified, 0) >= coalesce(c.modified, 0), 0) AS is_current,
	coalesce(r.result, '') AS result, coalesce(r.quality, '') AS quality, coalesce(r.quality_reason, '') AS quality_reason,
	(? = 0 OR coalesce(instr(c.raw, ?), 0) > 0 OR coalesce(instr(r.raw, ?), 0) > 0) AS cand,
	coalesce(instr(c.raw, '"participants_v2"'), 0) > 0 AS list_parts,
	coalesce(instr(c.raw, '"participants_v2@odata.nextLink"'), 0) > 0 AS list_more,
	coalesce(instr(r.raw, '"participants_v2"'), 0) > 0 AS record_parts,
	coalesce(instr(r.raw, '"participants_v2@odata.nextLink"'), 0) > 0 AS record_more
FROM calls c LEFT JOIN records r ON r.id = c.id
WHERE %s ORDER BY c.start DESC, c.id DESC LIMIT ?)
ORDER BY start DESC, id DESC`

// ParticipantCalls reads a page of the stored calls in r that the
// participant id took part in, newest first. r.Limit bounds the calls
// scanned, not the calls returned, so that a page costs the same however
// few of them match.
func (s *Store) ParticipantCalls(ctx context.Context, r Range, id string) (ParticipantPage, error) {
	var page ParticipantPage
	where, args, err := r.where("c")
	if err != nil {
		return page, fmt.Errorf("store %s: read a participant's calls: %w", s.path, err)
	}
	// The byte search stands in for the exact check only when the id
	// cannot appear escaped in JSON: otherwise every row is checked.
	plain := 0
	if plainInJSON(id) {
		plain = 1
	}
	limit := r.limit()
	// The id's placeholders come before the range's in the text.
	args = append(append([]any{plain, []byte(id), []byte(id)}, args...), limit)
	rows, err := s.db.QueryContext(ctx, fmt.Sprintf(participantsQuery, where), args...)
	if err != nil {
		return page, s.classify("read a participant's calls", err)
	}
	defer rows.Close()
	var lastStart int64
	var lastID string
	for rows.Next() {
		var row CallRow
		var modified, start, end sql.NullInt64
		var listParts, listMore, recordParts, recordMore, hasList bool
		var listRaw, recordRaw []byte
		c := &row.Call
		if err := rows.Scan(&c.ID, &c.Version, &modified, &start, &end, &c.Type, &row.Expanded, &row.Current,
			&row.Verdict.Result, &row.Verdict.Quality, &row.Verdict.QualityReason,
			&listParts, &listMore, &recordParts, &recordMore, &listRaw, &recordRaw, &hasList); err != nil {
			return page, s.classify("read a participant's calls", err)
		}
		page.Scanned++
		lastStart, lastID = start.Int64, c.ID
		list := judgeStored(listParts, listMore, listRaw, id)
		rec := judgeStored(recordParts, recordMore, recordRaw, id)
		if list.err != nil || rec.err != nil {
			return page, fmt.Errorf("store %s: call %s: %w", s.path, c.ID, firstError(list.err, rec.err))
		}
		switch {
		case list.took || rec.took:
			if err := s.decodeListRow(&row, listRaw, hasList, modified, start, end); err != nil {
				return page, err
			}
			page.Rows = append(page.Rows, row)
		case list.known || rec.known:
			// The call's whole list of participants is stored without the id.
		case row.Expanded:
			page.NoParticipants++
		default:
			page.NoRecord++
		}
	}
	if err := rows.Err(); err != nil {
		return page, s.classify("read a participant's calls", err)
	}
	if page.Scanned == limit {
		page.Next = cursorAt(lastStart, lastID)
	}
	return page, nil
}

// judgement is what one stored JSON object says of a participant: took
// part, or known not to (its participants_v2 is whole and lacks the id).
type judgement struct {
	took, known bool
	err         error
}

// judgeStored judges the id from one stored object's flags and, when the
// id's bytes occur in it (raw is then read), its decoded participants_v2.
// An object whose bytes lack a plain id cannot list it.
func judgeStored(parts, more bool, raw []byte, id string) judgement {
	if !parts {
		return judgement{}
	}
	if raw == nil {
		return judgement{known: !more}
	}
	var doc struct {
		Participants *[]struct {
			ID string `json:"id"`
		} `json:"participants_v2"`
		NextLink string `json:"participants_v2@odata.nextLink"`
	}
	if err := json.Unmarshal(raw, &doc); err != nil {
		return judgement{err: fmt.Errorf("stored participants: %w", err)}
	}
	if doc.Participants == nil {
		return judgement{}
	}
	for _, p := range *doc.Participants {
		if p.ID == id {
			return judgement{took: true, known: true}
		}
	}
	return judgement{known: doc.NextLink == ""}
}

// decodeListRow fills row.Call as Calls does: the list row's bytes
// decoded when stored, the stored header columns over them.
func (s *Store) decodeListRow(row *CallRow, raw []byte, hasList bool, modified, start, end sql.NullInt64) error {
	c := &row.Call
	if hasList {
		if raw == nil {
			return fmt.Errorf("store %s: call %s: list row bytes were not read", s.path, c.ID)
		}
		var decoded model.CallRecord
		if err := graphclient.Decode(raw, &decoded); err != nil {
			return fmt.Errorf("store %s: call %s: stored list row: %w", s.path, c.ID, err)
		}
		decoded.ID, decoded.Version, decoded.Type = c.ID, c.Version, c.Type
		*c = decoded
		row.Raw = raw
	}
	c.LastModifiedDateTime, c.StartDateTime, c.EndDateTime = modelTime(modified), modelTime(start), modelTime(end)
	model.MakeDisplaySafe(&row.Verdict)
	return nil
}

// plainInJSON reports whether id's bytes are the same inside any JSON
// string: letters, digits and + - . : _ @, which no encoder escapes. A
// GUID, a phone number, a guest id and "8:orgid:…" ids all are.
func plainInJSON(id string) bool {
	if id == "" {
		return false
	}
	for i := 0; i < len(id); i++ {
		c := id[i]
		switch {
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c >= '0' && c <= '9':
		case c == '+' || c == '-' || c == '.' || c == ':' || c == '_' || c == '@':
		default:
			return false
		}
	}
	return true
}

// firstError is the first non-nil error.
func firstError(errs ...error) error {
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}
