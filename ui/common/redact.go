package common

import (
	"github.com/callscope/callscope/model"
	"github.com/callscope/callscope/model/redact"
)

// With --redact (Common.Redact) rows are masked where they arrive, before
// any store, cache, table or export sees them, so what is on screen and
// what e writes are masked alike. Each screen calls one of these from its
// result handler, after dropping stale results. Masking is idempotent, so
// a row that passes twice (a cached record opened again) is unharmed.

// RedactCalls masks a page of call records.
func RedactCalls(c *Common, rows []model.CallRecord) {
	if !c.Redact {
		return
	}
	for i := range rows {
		redact.CallRecord(&rows[i])
	}
}

// RedactRecord masks one call record with its sessions.
func RedactRecord(c *Common, r *model.CallRecord) {
	if c.Redact {
		redact.CallRecord(r)
	}
}

// RedactParticipants masks a page of participants.
func RedactParticipants(c *Common, page *model.Page[model.Participant]) {
	if !c.Redact || page == nil {
		return
	}
	for i := range page.Value {
		redact.Participant(&page.Value[i])
	}
}

// RedactLogRows masks Direct Routing and PSTN rows (a bulk load's window).
func RedactLogRows(c *Common, dr []model.DirectRoutingRow, pstn []model.PstnRow) {
	if !c.Redact {
		return
	}
	for i := range dr {
		redact.DirectRoutingRow(&dr[i])
	}
	for i := range pstn {
		redact.PstnRow(&pstn[i])
	}
}
