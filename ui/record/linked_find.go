package record

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"
	"time"

	"github.com/callscope/callscope/graphclient"
	"github.com/callscope/callscope/graphclient/store"
	"github.com/callscope/callscope/model"
	"github.com/callscope/callscope/model/redact"
	"github.com/callscope/callscope/model/sip"
	"github.com/callscope/callscope/model/triage"
	"github.com/callscope/callscope/ui/common"
	tea "github.com/charmbracelet/bubbletea"
)

// The rows of a call in the Direct Routing and PSTN logs are found by
// reading the log over a window around the call and keeping the rows that
// match: Graph ignores $filter on getDirectRoutingCalls and getPstnCalls
// (docs/graph-api.md §1.6, microsoft-graph-docs issue #12668), and the
// store is read by range. The store is read first, in the command's
// goroutine (disk I/O stays off the loop); Graph is asked when the store
// has none of them, or when r asks it.

// linkWindow widens the search around a record: a Direct Routing row's
// start can be its INVITE or failure time (§2.14), a little before or
// after the record's own start.
const linkWindow = 15 * time.Minute

// maxLinkPages bounds one search: 200 pages of Graph's 1,000 rows, or of
// the store's MaxLimit, is past any day of a large tenant.
const maxLinkPages = 200

// linkFindTimeout bounds one search, every page included.
const linkFindTimeout = 3 * time.Minute

// LinkQuery says which log rows a Linked screen lists: the rows of one
// report over [From, To) that Match keeps.
type LinkQuery struct {
	// Pstn reads the PSTN log; else the Direct Routing log.
	Pstn     bool
	From, To time.Time
	// What says what is listed, for the title line: "Direct Routing rows
	// with correlationId 2f1a…".
	What string
	// Direct and PstnRow keep the rows wanted (the one of Pstn's kind is used).
	Direct  func(*model.DirectRoutingRow) bool
	PstnRow func(*model.PstnRow) bool
}

// linkedRow is one row found, with what the table shows of it.
type linkedRow struct {
	start       time.Time
	id          string
	correlation string // a Direct Routing row's record id
	user        string
	caller      string
	callee      string
	detail      string // trunk, or the PSTN call type
	result      string // Direct Routing outcome and SIP code; PSTN duration
	raw         json.RawMessage
	value       any // the decoded row, shown when no bytes were kept
}

// linkedFoundMsg carries a search's rows to the screen that asked.
type linkedFoundMsg struct {
	reqID     uint64
	rows      []linkedRow
	fromGraph bool
	err       error // Graph's, or the store's when offline
	storeErr  error // a store read that failed while Graph answered
}

// linkSource is what a search needs of Common, copied on the loop.
type linkSource struct {
	client  *graphclient.Client
	store   *store.Store
	offline bool
	redact  bool
}

// findLinked reads the store and, unless offline, Graph when the store
// holds none of the rows or askGraph says so.
func findLinked(ctx context.Context, src linkSource, reqID uint64, q LinkQuery, askGraph bool) tea.Cmd {
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(ctx, linkFindTimeout)
		defer cancel()
		msg := linkedFoundMsg{reqID: reqID}
		if src.store != nil {
			msg.rows, msg.storeErr = findStored(ctx, src.store, q)
		}
		if src.offline {
			msg.err, msg.storeErr = msg.storeErr, nil
			if src.store == nil {
				msg.err = fmt.Errorf("offline, and no store to read")
			}
		} else if askGraph || len(msg.rows) == 0 {
			rows, err := findInGraph(ctx, src.client, q)
			if err == nil {
				msg.rows, msg.fromGraph = rows, true
			}
			msg.err = err
		}
		if src.redact {
			maskLinked(msg.rows, q.Pstn)
		}
		return msg
	}
}

func findStored(ctx context.Context, st *store.Store, q LinkQuery) ([]linkedRow, error) {
	var out []linkedRow
	r := store.Range{From: q.From, To: q.To, Limit: store.MaxLimit}
	for range maxLinkPages {
		var next store.Cursor
		if q.Pstn {
			page, err := st.Pstn(ctx, r)
			if err != nil {
				return out, err
			}
			for i := range page.Rows {
				if row := &page.Rows[i]; q.PstnRow(&row.Row) {
					out = append(out, pstnLinked(&row.Row, row.Raw))
				}
			}
			next = page.Next
		} else {
			page, err := st.DirectRouting(ctx, r)
			if err != nil {
				return out, err
			}
			for i := range page.Rows {
				if row := &page.Rows[i]; q.Direct(&row.Row) {
					out = append(out, directLinked(&row.Row, row.Raw))
				}
			}
			next = page.Next
		}
		if next == "" {
			break
		}
		r.After = next
	}
	return out, nil
}

func findInGraph(ctx context.Context, c *graphclient.Client, q LinkQuery) ([]linkedRow, error) {
	var out []linkedRow
	next := ""
	for range maxLinkPages {
		if q.Pstn {
			page, err := c.PstnCallsRaw(ctx, q.From, q.To, next)
			if err != nil {
				return nil, fmt.Errorf("read PSTN calls: %w", err)
			}
			for i := range page.Value {
				if q.PstnRow(&page.Value[i]) {
					out = append(out, pstnLinked(&page.Value[i], rawAt(page.RawValue, i)))
				}
			}
			next = page.NextLink
		} else {
			page, err := c.DirectRoutingCallsRaw(ctx, q.From, q.To, next)
			if err != nil {
				return nil, fmt.Errorf("read Direct Routing calls: %w", err)
			}
			for i := range page.Value {
				if q.Direct(&page.Value[i]) {
					out = append(out, directLinked(&page.Value[i], rawAt(page.RawValue, i)))
				}
			}
			next = page.NextLink
		}
		if next == "" {
			break
		}
	}
	return out, nil
}

func rawAt(raws []json.RawMessage, i int) json.RawMessage {
	if i < len(raws) {
		return raws[i]
	}
	return nil
}

func directLinked(r *model.DirectRoutingRow, raw json.RawMessage) linkedRow {
	res := sip.ClassifyReported(r.SuccessfulCall, int(r.FinalSIPCode), int(r.CallEndSubReason), triage.MissingOf(r.Unreported)).String()
	if r.Reported(model.LogFinalSIPCode) {
		res += " · SIP " + strconv.Itoa(int(r.FinalSIPCode))
	}
	v := *r
	return linkedRow{start: r.StartDateTime.Time, id: r.ID, correlation: r.CorrelationID, user: person(r.UserPrincipalName, r.UserDisplayName),
		caller: r.CallerNumber, callee: r.CalleeNumber, detail: r.TrunkFullyQualifiedDomainName, result: res, raw: raw, value: &v}
}

func pstnLinked(r *model.PstnRow, raw json.RawMessage) linkedRow {
	v := *r
	return linkedRow{start: r.StartDateTime.Time, id: r.ID, user: person(r.UserPrincipalName, r.UserDisplayName),
		caller: r.CallerNumber, callee: r.CalleeNumber, detail: r.CallType,
		result: common.FormatSeconds(int64(r.Duration)), raw: raw, value: &v}
}

func person(upn, name string) string {
	if name != "" {
		return name
	}
	return upn
}

// maskLinked applies --redact to rows found: the decoded row and Graph's
// bytes alike; bytes that cannot be masked are dropped for the masked row.
func maskLinked(rows []linkedRow, pstn bool) {
	for i := range rows {
		r := &rows[i]
		var err error
		switch v := r.value.(type) {
		case *model.DirectRoutingRow:
			redact.DirectRoutingRow(v)
			*r = directLinked(v, r.raw)
			if r.raw != nil {
				r.raw, err = redact.RawDirectRoutingRow(r.raw)
			}
		case *model.PstnRow:
			redact.PstnRow(v)
			*r = pstnLinked(v, r.raw)
			if r.raw != nil {
				r.raw, err = redact.RawPstnRow(r.raw)
			}
		}
		if err != nil {
			r.raw = nil
		}
	}
}
