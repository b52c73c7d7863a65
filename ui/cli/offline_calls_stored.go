package cli

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"time"

	"github.com/callscope/callscope/graphclient/store"
	"github.com/callscope/callscope/model"
)

// storedCallSource pages the stored calls of a range for `calls
// --offline`: every call, or the calls one participant took part in
// (store.ParticipantCalls, the stored form of Graph's
// participants_v2/any(p:p/id eq '…') filter). It keeps the last page's
// rows, aligned with the page it returned, so that --quality and
// --summary read what the store holds of each row's expanded record, and
// counts what the store could not tell.
type storedCallSource struct {
	store       *store.Store
	from, to    time.Time
	participant string
	rows        []store.CallRow // the last page's, by index
	gaps        offlineGaps
}

// page reads one page, newest first, each row with its stored bytes; the
// store's cursor is the page's NextLink. A range with no stored call is
// errOfflineEmpty; a participant's page may hold no row and lead on.
func (src *storedCallSource) page(ctx context.Context, next string) (*model.Page[model.CallRecord], error) {
	r := store.Range{From: src.from, To: src.to, After: store.Cursor(next)}
	var rows []store.CallRow
	var cursor store.Cursor
	var scanned int
	if src.participant == "" {
		p, err := src.store.Calls(ctx, r)
		if err != nil {
			return nil, fmt.Errorf("reading the store: %w", err)
		}
		rows, cursor, scanned = p.Rows, p.Next, len(p.Rows)
	} else {
		p, err := src.store.ParticipantCalls(ctx, r, src.participant)
		if err != nil {
			return nil, fmt.Errorf("reading the store: %w", err)
		}
		rows, cursor, scanned = p.Rows, p.Next, p.Scanned
		src.gaps.noRecord += p.NoRecord
		src.gaps.noParticipants += p.NoParticipants
	}
	if next == "" && scanned == 0 {
		return nil, errOfflineEmpty
	}
	src.rows = rows
	page := &model.Page[model.CallRecord]{Value: make([]model.CallRecord, len(rows)),
		RawValue: make([]json.RawMessage, len(rows)), NextLink: string(cursor)}
	for i := range rows {
		page.Value[i], page.RawValue[i] = rows[i].Call, rows[i].Raw
	}
	return page, nil
}

// withVerdicts turns pages of fetch, which pages src (masked or not),
// into qualityRows with the verdicts stored beside each call's expanded
// record: the Result and Quality that `calls --quality` computes from the
// record it fetches, computed the same way when the record was stored
// (sync, the explorer, `record`). A call with no stored record gets empty
// verdicts and is counted. With a limit only the rows still to be written
// are counted, as withQuality fetches only those.
func (src *storedCallSource) withVerdicts(fetch fetchFunc[model.CallRecord], limit int) fetchFunc[qualityRow] {
	return qualityPages(fetch, limit, func(_ context.Context, rows []qualityRow) error {
		for i := range rows {
			if v, ok := src.verdict(i); ok {
				rows[i].result, rows[i].quality, rows[i].qualityReason = v.Result, v.Quality, v.QualityReason
			}
		}
		return nil
	})
}

// verdict is the stored verdict of the last page's row i, counting a
// row whose record is not stored, or older than its list row.
func (src *storedCallSource) verdict(i int) (store.Verdict, bool) {
	row := &src.rows[i]
	if !row.Expanded {
		src.gaps.noRecord++
		return store.Verdict{}, false
	}
	if !row.Current {
		src.gaps.stale++
	}
	return row.Verdict, true
}

// offlineGaps counts the calls an --offline run could not judge from the
// store, said once at the end so that a script's output stays rows only.
type offlineGaps struct {
	noRecord       int // no stored record (nor participants in the list row)
	noParticipants int // a stored record that does not list its participants
	stale          int // a stored record older than the call's list row
}

// report writes one line per kind of gap on w; who is the participant
// as it may be shown.
func (g *offlineGaps) report(w io.Writer, who string) {
	if g.noRecord > 0 {
		fmt.Fprintf(w, "callscope calls: %s in range %s no stored record; run callscope sync --what records\n",
			plural(g.noRecord, "call", "calls"), hasOrHave(g.noRecord))
	}
	if g.noParticipants > 0 {
		// Get callRecord inlines participants_v2 only when expanded, and
		// callscope stores records with their sessions expanded
		// (graph-api.md §1.2), so the store cannot tell.
		fmt.Fprintf(w, "callscope calls: %s in range %s a stored record that does not list its participants (participants_v2), so whether %s took part is not known; left out\n",
			plural(g.noParticipants, "call", "calls"), hasOrHave(g.noParticipants), who)
	}
	if g.stale > 0 {
		fmt.Fprintf(w, "callscope calls: %s in range %s a stored record older than the call; run callscope sync --what records\n",
			plural(g.stale, "call", "calls"), hasOrHave(g.stale))
	}
}

// hasOrHave agrees with a count.
func hasOrHave(n int) string {
	if n == 1 {
		return "has"
	}
	return "have"
}
