package graphclient

import (
	"net/http"
	"strings"
	"testing"
)

// The 404 hint about a record's 30-day life and 60-minute delay fits a
// record and its sessions, not a report function (a 404 there comes from a
// cloud that lacks it or a mangled range), where it would send the user
// looking for the wrong thing.
func TestNotFoundHintOnlyForRecords(t *testing.T) {
	for path, wantHint := range map[string]bool{
		"/v1.0/communications/callRecords/2f1a1100-b174-40a0-aba7-0b405e01ed92":                                                                                   true,
		"/v1.0/communications/callRecords/2f1a1100-b174-40a0-aba7-0b405e01ed92/sessions?$expand=segments":                                                         true,
		"/v1.0/communications/callRecords/getDirectRoutingCalls(fromDateTime=2026-11-01T00:00:00Z,toDateTime=2026-11-02T00:00:00Z)":                               false,
		"/v1.0/communications/callRecords/microsoft.graph.callRecords.getPstnCalls(fromDateTime=2026-11-01T00:00:00Z,toDateTime=2026-11-02T00:00:00Z)?$skip=1000": false,
	} {
		e := &Error{Status: http.StatusNotFound, Code: "NotFound", Path: path}
		if got := strings.Contains(e.Hint(), "call record"); got != wantHint {
			t.Errorf("%s: hint %q", path, e.Hint())
		}
	}
}

// A token given in CALLSCOPE_ACCESS_TOKEN is the usual 401 (it expires
// within the hour), so the hint names it, not only the sign-in variables.
func TestUnauthorizedHintNamesTheTokenVariable(t *testing.T) {
	h := (&Error{Status: http.StatusUnauthorized}).Hint()
	if !strings.Contains(h, AccessTokenEnv) || !strings.Contains(h, "AZURE_CLIENT_ID") {
		t.Errorf("401 hint %q", h)
	}
}

// A 403 names the permission the request needs: the log functions take
// CallRecord-PstnCalls.Read.All, records only CallRecords.Read.All
// (graph-api.md §6).
func TestForbiddenHintNamesThePermission(t *testing.T) {
	for path, want := range map[string]string{
		"/v1.0/communications/callRecords":                                                                                                                                 "CallRecords.Read.All application permission",
		"/v1.0/communications/callRecords/2f1a1100-b174-40a0-aba7-0b405e01ed92":                                                                                            "CallRecords.Read.All application permission",
		"/v1.0/communications/callRecords/getPstnCalls(fromDateTime=2026-11-01T00:00:00Z,toDateTime=2026-11-02T00:00:00Z)":                                                 "CallRecord-PstnCalls.Read.All",
		"/v1.0/communications/callRecords/microsoft.graph.callRecords.getDirectRoutingCalls(fromDateTime=2026-11-01T00:00:00Z,toDateTime=2026-11-02T00:00:00Z)?$skip=1000": "CallRecord-PstnCalls.Read.All",
	} {
		h := (&Error{Status: http.StatusForbidden, Code: "Forbidden", Path: path}).Hint()
		if !strings.Contains(h, want) {
			t.Errorf("%s: hint %q, want it to name %s", path, h, want)
		}
		if want != "CallRecord-PstnCalls.Read.All" && strings.Contains(h, "PstnCalls") {
			t.Errorf("%s: hint %q names the log permission for a record request", path, h)
		}
	}
}
