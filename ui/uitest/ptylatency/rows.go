// Package ptylatency measures keystroke-to-frame latency in the real
// program: its benchmark builds the callscope binary, serves a fake Graph
// tenant with a million Direct Routing rows, runs the explorer in a
// pseudo-terminal and times each key from its write to the frame that
// shows it. The rows are also the ui package's million-row benchmarks'.
package ptylatency

import (
	"encoding/binary"
	"fmt"
	"time"

	"github.com/callscope/callscope/graphclient/fakegraph"
	"github.com/callscope/callscope/model"
)

// DirectRoutingRows is n Direct Routing rows ending before now: the demo
// tenant's rows repeated with fresh ids, each copy a second older than the
// last, so that users, numbers, trunks and phrases repeat as they do in a
// real tenant while ids stay unique. They lie in [now-30 days, now).
func DirectRoutingRows(n int, now time.Time) []model.DirectRoutingRow {
	demo := fakegraph.DemoTenant(now).DirectRoutingRows()
	out := make([]model.DirectRoutingRow, n)
	for i := range out {
		r := demo[i%len(demo)]
		shift := time.Duration(i/len(demo)) * time.Second
		r.ID, r.CorrelationID = rowGUID(uint64(i), 1), rowGUID(uint64(i), 2)
		r.StartDateTime = model.NewTime(r.StartDateTime.Add(-shift))
		r.InviteDateTime = model.NewTime(r.InviteDateTime.Add(-shift))
		if !r.EndDateTime.IsZero() {
			r.EndDateTime = model.NewTime(r.EndDateTime.Add(-shift))
		}
		if !r.FailureDateTime.IsZero() {
			r.FailureDateTime = model.NewTime(r.FailureDateTime.Add(-shift))
		}
		out[i] = r
	}
	return out
}

// RangeOf is the range the rows of DirectRoutingRows(n, now) lie in.
func RangeOf(now time.Time) (from, to time.Time) {
	return now.Add(-30 * 24 * time.Hour), now
}

// rowGUID is the i-th distinct lower-case GUID of a kind (salt).
func rowGUID(i uint64, salt byte) string {
	var b [16]byte
	binary.BigEndian.PutUint64(b[8:], i)
	b[0], b[6], b[8] = salt, 0x40|b[6]&0x0f, 0x80|b[8]&0x3f
	return fmt.Sprintf("%x-%x-%x-%x-%x", b[0:4], b[4:6], b[6:8], b[8:10], b[10:16])
}
