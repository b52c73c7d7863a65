package fakegraph

import "net/http"

// denied answers a request under /communications/callRecords with the 403
// Graph sends an app that lacks the permission (Options.DenyCallRecords,
// Options.DenyPstnLogs). The body is Graph's: code Forbidden and an empty
// message, as seen for getDirectRoutingCalls in
// microsoft-graph-docs-contrib issue #4445 (2020-10-07); which permission
// is missing is for the client to say (graph-api.md §6 Permissions).
func (s *Server) denied(c *call, segs []string) bool {
	logFunction := len(segs) == 3 && (isFunction(segs[2], "getDirectRoutingCalls") || isFunction(segs[2], "getPstnCalls"))
	if logFunction && !s.denyLogs || !logFunction && !s.denyRecords {
		return false
	}
	c.fail(http.StatusForbidden, CodeForbidden, "")
	return true
}
