// Package fakegraph is a faithful fake of the Microsoft Graph v1.0 call
// records service (graph-api.md §1, §4), with a generated demo tenant. No
// machine of this project reaches Graph, so `callscope --demo` and every
// client test run against this fake; it therefore reproduces the documented
// quirks rather than an idealised API:
//
//   - List callRecords pages 60 at a time (Prefer: odata.maxpagesize only
//     lowers it), in Options.ListOrder (newest first by default; Graph
//     documents no order), with opaque signed $skiptokens; $filter takes
//     only the documented startDateTime and participants_v2/any(...) forms
//     and anything else is a 400; records older than 30 days (or whose call
//     has not ended) are neither listed nor found.
//   - Demo records are written 15-60 minutes after their call ends
//     (deterministic per id; until then absent from List and 404 on Get),
//     first as version 1, then again later with a higher version and
//     lastModifiedDateTime, all by Options.Clock (publish.go).
//   - Get inlines at most 60 sessions and 130 participants; the truncated
//     sessions carry the documented, unusable $metadata#…/sessions nextLink,
//     so clients must page /sessions instead.
//   - productFamily azureCommunicationServices is sent as unknownFutureValue
//     without Prefer: include-unknown-enum-members; identity sets carry the
//     explicit nulls Graph sends unless Prefer: omit-values=nulls.
//   - getDirectRoutingCalls/getPstnCalls take their range in the path
//     (short or namespace-qualified, %3A accepted, Z or a numeric offset
//     such as +00:00), ignore $filter, page 1000 rows with @odata.count per
//     page and ?$skip nextLinks, in Options.ListOrder (oldest first by
//     default); toDateTime is exclusive for Direct Routing and inclusive
//     for PSTN, as each page says; failureDateTime is the 0001-01-01
//     sentinel on successful rows; PSTN ranges over 90 days are a 406.
//   - Records and log rows carry their times in the forms Graph mixes: Z
//     or +00:00, 0 to 7 fractional digits, picked per id (wiretime.go).
//   - Options.DenyCallRecords and DenyPstnLogs answer the record resources
//     or the log functions with Graph's 403 Forbidden (permissions.go).
//   - /users/{id | upn} (case-insensitive), /users('…') with quotes doubled,
//     and /users?$filter= with startswith(displayName,'…') [or
//     startswith(userPrincipalName,'…')] or userPrincipalName eq '…' / mail
//     eq '…' (joined by or), $select and $top (1-999) serve the tenant's
//     users (users.go, users_filter.go); a guest's mail is its home address.
//     /users/$x@y is a 400, as Graph's "Get user" page says; other filters
//     are a 400, unknown users a 404 Request_ResourceNotFound, and
//     Options.DenyUsers answers 403 Authorization_RequestDenied, as for an
//     app without User.Read.All.
//   - Tests may store a record or a log row as Graph's JSON (rawdocs.go),
//     for what the model types cannot carry (explicit nulls, empty values,
//     properties Graph adds later); it is served as stored, under the same
//     paging, $select and Prefer rules.
//   - Every response has request-id and client-request-id headers, and error
//     bodies use Graph's envelope with the same request-id. Faults inject
//     429 and 503 (with Retry-After, or without: NoRetryAfter), 504,
//     latency, truncated bodies, dropped connections and looping nextLinks.
//
// DemoTenant generates about 2,000 call records plus one per Direct Routing
// call of the last week that reached Teams (about 6,700 in all), 20,000
// direct-routing rows and 5,000 PSTN rows over the last 30 days from fixed
// seeds. Only the list-level fields of records are kept; sessions, segments
// and media are regenerated on each request from a per-record seed, which
// keeps the tenant at about 20 MB retained and 60-150 ms to build.
// Direct-routing rows of calls that have a record (PSTN calls, meeting
// dial-ins and dial-outs, auto attendant calls, and the last week's calls
// that reached Teams: about 29 % of the log) carry the record id as
// correlationId and agree with it on times and user; older rows, 511404 rows
// and calls still ending resolve to nothing (404).
// Two incidents are scripted for triage views: sbc2.contoso.com down for
// two hours six days ago (bursts of 504 with 549002/569002), and
// sbc-branch.contoso.com failing every outbound call with 504/569008 since
// its certificate expired three days ago.
package fakegraph
