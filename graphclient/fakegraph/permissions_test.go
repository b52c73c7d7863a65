package fakegraph

import (
	"net/http"
	"testing"
)

// DenyCallRecords refuses the record resources and DenyPstnLogs the two
// log functions, each with Graph's 403 Forbidden and an empty message;
// the other side keeps working, as for an app that holds only one of the
// permissions (graph-api.md §6).
func TestDenyCallRecordsAndPstnLogs(t *testing.T) {
	records := []string{
		"/communications/callRecords",
		"/communications/callRecords/rec-a",
		"/communications/callRecords/rec-a/sessions",
		"/communications/callRecords/rec-a/participants_v2",
	}
	logs := []string{
		"/communications/callRecords/getDirectRoutingCalls(fromDateTime=2026-11-20T00:00:00Z,toDateTime=2026-11-21T00:00:00Z)",
		"/communications/callRecords/microsoft.graph.callRecords.getPstnCalls(fromDateTime=2026-11-20T00:00:00Z,toDateTime=2026-11-21T00:00:00Z)",
	}
	for _, tc := range []struct {
		opts                 Options
		denyRecords, denyLog bool
	}{
		{Options{}, false, false},
		{Options{DenyCallRecords: true}, true, false},
		{Options{DenyPstnLogs: true}, false, true},
		{Options{DenyCallRecords: true, DenyPstnLogs: true}, true, true},
	} {
		_, ts := serve(t, smallTenant(), tc.opts)
		check := func(targets []string, deny bool) {
			for _, target := range targets {
				r := get(t, ts, target)
				if !deny {
					r.want(t, http.StatusOK)
					continue
				}
				e := r.wantError(t, http.StatusForbidden, CodeForbidden)
				if e["message"] != "" {
					t.Errorf("%s: message %q, want Graph's empty one", target, e["message"])
				}
			}
		}
		check(records, tc.denyRecords)
		check(logs, tc.denyLog)
		// An unknown token is still a 401, before any permission check.
		get(t, ts, records[0], "Authorization", "Bearer wrong").want(t, http.StatusUnauthorized)
	}
}
