package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"sync"

	"github.com/callscope/callscope/graphclient"
	"github.com/callscope/callscope/graphclient/store"
	"github.com/callscope/callscope/model"
	"github.com/callscope/callscope/model/export"
	"github.com/callscope/callscope/model/quality"
	"github.com/callscope/callscope/model/redact"
	"github.com/callscope/callscope/ui/common"
)

// qualityInFlight is how many records `calls --quality` and `sync` ask for
// at once, as the explorer's calls list does (ui/calls enrichInFlight):
// the client's shared limiter paces them within Graph's per-record and
// per-app budgets ("Microsoft Graph service-specific throttling limits",
// ms.date 2025-01-14), and at 300 ms an answer it takes about 20 in
// flight to use the app's 67.5 requests a second; 4 used a fifth of it.
const qualityInFlight = 24

// qualityRow is a listed call with the verdicts of its expanded record.
type qualityRow struct {
	rec                            model.CallRecord
	result, quality, qualityReason string
}

// qualityColumns are CallColumns and the three verdict fields.
var qualityColumns = export.Columns[qualityRow]{
	Header: append(append([]string(nil), export.CallColumns.Header...), "result", "quality", "qualityReason"),
	Fill: func(r *qualityRow, c []string) {
		n := len(export.CallColumns.Header)
		export.CallColumns.Fill(&r.rec, c[:n])
		c[n], c[n+1], c[n+2] = r.result, r.quality, r.qualityReason
	},
}

// MarshalJSON is the record as the list decoded it with the three fields
// added, for a row that came without Graph's bytes.
func (r qualityRow) MarshalJSON() ([]byte, error) {
	b, err := json.Marshal(r.rec)
	if err != nil {
		return nil, err
	}
	return r.splice(b)
}

// splice adds result, quality and qualityReason to the JSON object obj.
func (r qualityRow) splice(obj []byte) ([]byte, error) {
	obj = bytes.TrimSpace(obj)
	if len(obj) < 2 || obj[0] != '{' || obj[len(obj)-1] != '}' {
		return nil, fmt.Errorf("add quality to a call record: not a JSON object")
	}
	extra, err := json.Marshal(struct {
		Result        string `json:"result"`
		Quality       string `json:"quality"`
		QualityReason string `json:"qualityReason"`
	}{r.result, r.quality, r.qualityReason})
	if err != nil {
		return nil, err
	}
	out := make([]byte, 0, len(obj)+len(extra))
	out = append(out, obj[:len(obj)-1]...)
	if len(bytes.TrimSpace(obj[1:len(obj)-1])) > 0 {
		out = append(out, ',')
	}
	return append(append(out, extra[1:len(extra)-1]...), '}'), nil
}

// withQuality turns a page of listed calls into qualityRows: each call's
// expanded record is fetched (qualityInFlight at a time), kept in the
// store through w (nil: no store) as Graph sent it, masked when mask is
// set, and reduced to its Result and Quality. With a limit, only the rows
// still to be written are fetched. A record that cannot be fetched leaves
// its verdicts empty and says why in qualityReason; a cancelled context
// stops the command.
func withQuality(c *graphclient.Client, w *storeWriter, fetch fetchFunc[model.CallRecord], mask bool, limit int) fetchFunc[qualityRow] {
	return qualityPages(fetch, limit, func(ctx context.Context, rows []qualityRow) error {
		sem := make(chan struct{}, qualityInFlight)
		var wg sync.WaitGroup
		for i := range rows {
			wg.Add(1)
			sem <- struct{}{}
			go func(row *qualityRow) {
				defer func() { <-sem; wg.Done() }()
				fillQuality(ctx, c, w, mask, row)
			}(&rows[i])
		}
		wg.Wait()
		return ctx.Err()
	})
}

// qualityPages turns pages of listed calls into qualityRows, their
// verdicts set by fill: with a limit, only the rows still to be written.
// Rows Graph sent as bytes are written as those bytes with the verdicts
// spliced in; a row with none (stored from its record only) is written
// from its fields.
func qualityPages(fetch fetchFunc[model.CallRecord], limit int, fill func(ctx context.Context, rows []qualityRow) error) fetchFunc[qualityRow] {
	done := 0
	return func(ctx context.Context, next string) (*model.Page[qualityRow], error) {
		p, err := fetch(ctx, next)
		if p == nil {
			return nil, err
		}
		n := len(p.Value)
		if limit > 0 {
			n = min(n, limit-done)
		}
		done += n
		out := &model.Page[qualityRow]{NextLink: p.NextLink, Value: make([]qualityRow, n)}
		for i := range n {
			out.Value[i].rec = p.Value[i]
		}
		if ferr := fill(ctx, out.Value); ferr != nil {
			return nil, ferr
		}
		if p.RawValue != nil {
			out.RawValue = make([]json.RawMessage, n)
			for i := range n {
				if p.RawValue[i] == nil {
					continue
				}
				if out.RawValue[i], err = out.Value[i].splice(p.RawValue[i]); err != nil {
					return nil, err
				}
			}
		}
		return out, err
	}
}

// fillQuality fetches row's record, stores it and sets its verdicts.
func fillQuality(ctx context.Context, c *graphclient.Client, w *storeWriter, mask bool, row *qualityRow) {
	rec, err := getAndKeep(ctx, c, w, row.rec.ID)
	if err != nil {
		row.qualityReason = "not known: " + err.Error()
		return
	}
	if mask {
		redact.CallRecord(rec)
	}
	res, q := quality.CallResult(rec), quality.CallQuality(rec)
	row.result, row.quality, row.qualityReason = res.Text(), q.Label(), q.Reason()
}

// getAndKeep fetches an expanded record and, with a store, writes it
// there with its verdict before anything masks it: the store keeps what
// Graph sent (issue 14: everything fetched is written once), so that
// `calls --offline --quality` and --summary read it back.
func getAndKeep(ctx context.Context, c *graphclient.Client, w *storeWriter, id string) (*model.CallRecord, error) {
	rec, err := c.GetCallRecord(ctx, id)
	if err == nil && w != nil {
		w.write(ctx, store.Batch{Records: []store.Record{{Call: rec, Verdict: common.StoreVerdict(rec)}}})
	}
	return rec, err
}
